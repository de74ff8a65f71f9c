"""An offline map: points on the shipped outlines of the world's countries, as inline SVG.

Plain longitude/latitude (equirectangular) projection, x scaled by cos(mid-latitude) so shapes are not
stretched away from the equator. The view is fitted to the corpus: to the box around its points, padded,
not to a fixed region, so a story in Sudan, Mali or Myanmar is drawn as well as one in Afghanistan. No tiles,
no requests: the outlines are ``data/map/world.geojson`` (Natural Earth 1:110m, scripts/build_world_map.py).
"""

from __future__ import annotations

import functools
import json
import math
import statistics
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .text import svg_open

WORLD_FILE = Path(__file__).resolve().parents[1] / "data" / "map" / "world.geojson"
WORLD = (-180.0, -58.0, 180.0, 84.0)  # lon_min, lat_min, lon_max, lat_max: the view with no points
# Points further than this from the median point (degrees of longitude, latitude) are listed beside the map
# instead of widening it: one statement from New York would shrink an Afghan corpus to a speck.
CORE = (40.0, 28.0)
# A view is at least this wide and tall (degrees), so one town is drawn with its country around it, and is
# padded by this share of its span on each side.
MIN_SPAN = (12.0, 8.0)
PAD = 0.25


@dataclass(frozen=True, slots=True)
class MapPoint:
    lon: float
    lat: float
    label: str  # tooltip text (escaped when drawn)
    kind: str = "event"  # event | place: drawn differently
    href: str | None = None  # link target (a path on this server, or "#..." in the brief)
    weight: int = 1  # how many reports: drawn larger


Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    rings: tuple[Ring, ...]  # outer rings and holes alike: drawn as one even-odd path
    box: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


@functools.lru_cache(maxsize=1)
def world_outlines() -> tuple[Country, ...]:
    """Every country of the world file (read once per process: 150 kB)."""
    data = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    out = []
    for f in data["features"]:
        rings = tuple(tuple((lon, lat) for lon, lat in ring) for poly in f["geometry"]["coordinates"] for ring in poly)
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        out.append(Country(f["properties"]["name"], rings, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(out)


def _valid(p: MapPoint) -> bool:
    return (
        isinstance(p.lon, (int, float))
        and isinstance(p.lat, (int, float))
        and not math.isnan(p.lon)
        and not math.isnan(p.lat)
        and -180 <= p.lon <= 180
        and -90 <= p.lat <= 90
    )


def map_bounds(points: list[MapPoint]) -> tuple[float, float, float, float]:
    """The view for these points: the box around those near their median point (``CORE``), padded and at
    least ``MIN_SPAN`` across; the world when there are none."""
    valid = [p for p in points if _valid(p)]
    if not valid:
        return WORLD
    mlon = statistics.median(p.lon for p in valid)
    mlat = statistics.median(p.lat for p in valid)
    core = [p for p in valid if abs(p.lon - mlon) <= CORE[0] and abs(p.lat - mlat) <= CORE[1]]
    lon0, lon1 = min(p.lon for p in core), max(p.lon for p in core)
    lat0, lat1 = min(p.lat for p in core), max(p.lat for p in core)
    lon0, lon1 = _widened(lon0, lon1, MIN_SPAN[0], -180.0, 180.0)
    lat0, lat1 = _widened(lat0, lat1, MIN_SPAN[1], -85.0, 85.0)
    return lon0, lat0, lon1, lat1


def _widened(low: float, high: float, minimum: float, floor: float, ceiling: float) -> tuple[float, float]:
    pad = max((high - low) * PAD, (minimum - (high - low)) / 2, 0.0)
    return max(floor, round(low - pad, 2)), min(ceiling, round(high + pad, 2))


def on_map(p: MapPoint, bounds: tuple[float, float, float, float]) -> bool:
    """True when the point has coordinates inside ``bounds`` (``map_bounds`` of the points drawn)."""
    return _valid(p) and bounds[0] <= p.lon <= bounds[2] and bounds[1] <= p.lat <= bounds[3]


def map_svg(points: list[MapPoint], width: int = 900) -> Markup:
    """The map as an ``<svg>`` element (well-formed, every text escaped, links only to given hrefs), fitted
    to the points by ``map_bounds``; points outside it are left out: see ``on_map``."""
    bounds = map_bounds(points)
    points = [p for p in points if on_map(p, bounds)]
    lon0, lat0, lon1, lat1 = bounds
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    scale = width / ((lon1 - lon0) * kx)
    height = round((lat1 - lat0) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - lon0) * kx * scale, 1), round((lat1 - lat) * scale, 1)

    shown = [c for c in world_outlines() if _overlaps(c.box, bounds)]
    parts = [
        svg_open(width, height, "map", "map of events and places"),
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eef3f7"/>',
    ]
    for c in shown:
        d = " ".join(
            "M" + " L".join(f"{x},{y}" for x, y in (xy(lon, lat) for lon, lat in ring)) + " Z" for ring in c.rings
        )
        parts.append(
            f'<path d="{d}" fill="#f7f5ee" fill-rule="evenodd" stroke="#8a8f98" stroke-width="0.8">'
            f"<title>{escape(c.name)}</title></path>"
        )
    for c in shown:
        parts += _label(c, xy, width, height)
    for p in sorted(points, key=lambda p: p.kind != "place"):  # events on top of places
        parts.append(_dot(p, *xy(p.lon, p.lat)))
    parts.append("</svg>")
    return Markup("".join(parts))


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _label(c: Country, xy, width: int, height: int) -> list[str]:
    """The country's name at the middle of its box, where the box is wide enough on the map to hold it."""
    (x0, y0), (x1, y1) = xy(c.box[0], c.box[3]), xy(c.box[2], c.box[1])
    cx, cy = round((x0 + x1) / 2, 1), round((y0 + y1) / 2, 1)
    if x1 - x0 < 7 * len(c.name) or not (0 < cx < width and 0 < cy < height):
        return []
    return [
        f'<text x="{cx}" y="{cy}" class="map-country" fill="#9aa0a8" font-size="13" '
        f'text-anchor="middle">{escape(c.name)}</text>'
    ]


def _dot(p: MapPoint, x: float, y: float) -> str:
    r = min(4 + 2 * math.sqrt(p.weight), 14) if p.kind == "event" else 3.5
    fill = "#c0392b" if p.kind == "event" else "#2c6e9b"
    shape = (
        f'<circle cx="{x}" cy="{y}" r="{r:.1f}" fill="{fill}" fill-opacity="0.75" stroke="#fff" '
        f'stroke-width="1" class="map-{p.kind}"><title>{escape(p.label)}</title></circle>'
    )
    return f'<a href="{escape(p.href)}">{shape}</a>' if p.href else shape


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
