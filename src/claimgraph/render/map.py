"""An offline map: points on a shipped outline of Afghanistan and its neighbours, as inline SVG.

Plain longitude/latitude (equirectangular) projection, x scaled by cos(mid-latitude) so shapes
are not stretched at 35°N. No tiles, no requests: the outline is ``data/map/region.geojson``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .text import svg_open

REGION_FILE = Path(__file__).resolve().parents[1] / "data" / "map" / "region.geojson"
# Afghanistan and its borderlands: what the outline covers. Points elsewhere (Doha, New York)
# are listed beside the map instead of stretching it until Afghanistan is a speck.
BOUNDS = (57.0, 27.5, 77.0, 41.0)  # lon_min, lat_min, lon_max, lat_max


@dataclass(frozen=True, slots=True)
class MapPoint:
    lon: float
    lat: float
    label: str  # tooltip text (escaped when drawn)
    kind: str = "event"  # event | place: drawn differently
    href: str | None = None  # link target (a path on this server, or "#..." in the brief)
    weight: int = 1  # how many reports: drawn larger


def region_outlines() -> tuple[tuple[str, tuple[tuple[float, float], ...]], ...]:
    """(country name, outline ring) for each country of the region file (4 kB: read per drawing)."""
    data = json.loads(REGION_FILE.read_text(encoding="utf-8"))
    return tuple(
        (f["properties"]["name"], tuple((lon, lat) for lon, lat in f["geometry"]["coordinates"][0]))
        for f in data["features"]
    )


def map_svg(points: list[MapPoint], width: int = 900) -> Markup:
    """The map as an ``<svg>`` element (well-formed, every text escaped, links only to given hrefs).
    Points outside ``BOUNDS`` are left out: see ``on_map``."""
    points = [p for p in points if on_map(p)]
    lon0, lat0, lon1, lat1 = BOUNDS
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    scale = width / ((lon1 - lon0) * kx)
    height = round((lat1 - lat0) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - lon0) * kx * scale, 1), round((lat1 - lat) * scale, 1)

    outlines = region_outlines()
    parts = [
        svg_open(width, height, "map", "map of events and places"),
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eef3f7"/>',
    ]
    for name, ring in outlines:
        d = "M" + " L".join(f"{x},{y}" for x, y in (xy(lon, lat) for lon, lat in ring)) + " Z"
        focus = name == "Afghanistan"
        parts.append(
            f'<path d="{d}" fill="{"#fdfbf3" if focus else "#f1efe8"}" stroke="#8a8f98" '
            f'stroke-width="{1.4 if focus else 0.8}"><title>{escape(name)}</title></path>'
        )
    for name, ring in outlines:
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        cx, cy = xy(sum(lons) / len(lons), sum(lats) / len(lats))
        if 0 < cx < width and 0 < cy < height:
            parts.append(
                f'<text x="{cx}" y="{cy}" class="map-country" fill="#9aa0a8" font-size="13" '
                f'text-anchor="middle">{escape(name)}</text>'
            )
    for p in sorted(points, key=lambda p: p.kind != "place"):  # events on top of places
        x, y = xy(p.lon, p.lat)
        r = min(4 + 2 * math.sqrt(p.weight), 14) if p.kind == "event" else 3.5
        fill = "#c0392b" if p.kind == "event" else "#2c6e9b"
        shape = (
            f'<circle cx="{x}" cy="{y}" r="{r:.1f}" fill="{fill}" fill-opacity="0.75" stroke="#fff" '
            f'stroke-width="1" class="map-{p.kind}"><title>{escape(p.label)}</title></circle>'
        )
        if p.href:
            shape = f'<a href="{escape(p.href)}">{shape}</a>'
        parts.append(shape)
    parts.append("</svg>")
    return Markup("".join(parts))


def on_map(p: MapPoint) -> bool:
    """True when the point has coordinates inside the map's bounds."""
    return (
        isinstance(p.lon, (int, float))
        and isinstance(p.lat, (int, float))
        and not math.isnan(p.lon)
        and not math.isnan(p.lat)
        and BOUNDS[0] <= p.lon <= BOUNDS[2]
        and BOUNDS[1] <= p.lat <= BOUNDS[3]
    )


def map_points(events: list[dict[str, Any]], places: list[dict[str, Any]], href=None) -> list[MapPoint]:
    """Events at their coordinates (reports of one place and type merged), then named places;
    ``href(event)`` gives the link of an event's dot."""
    merged: dict[tuple, list[dict[str, Any]]] = {}
    for e in events:
        if e.get("lat") is None or e.get("lon") is None:
            continue
        merged.setdefault((round(e["lat"], 3), round(e["lon"], 3), e["type"]), []).append(e)
    points = []
    for (lat, lon, kind), group in merged.items():
        first = group[0]
        label = f"{kind} at {first.get('location') or 'unnamed place'}: {len(group)} report(s)"
        points.append(MapPoint(lon, lat, label, "event", href(first) if href else None, len(group)))
    points += [
        MapPoint(p["lon"], p["lat"], f"{p['name']}: named {p['mentions']} time(s)", "place")
        for p in places
        if p.get("lat") is not None and p.get("lon") is not None
    ]
    return points
