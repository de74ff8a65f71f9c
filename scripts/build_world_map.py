"""Build data/map/world.geojson: the country outlines the workbench map and the brief draw under their dots.

    pip download geopandas==0.14.4 --no-deps -d /tmp/ne   # the wheel carries Natural Earth's 1:110m countries
    .venv/bin/python scripts/build_world_map.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl
    .venv/bin/python scripts/build_world_map.py WHEEL --check  # exit 1 if the committed file differs

Needs pyshp (the `maps` extra, 2.3.1) to read the shapefile; claimgraph reads only the GeoJSON. Source: Natural
Earth's admin-0 countries at 1:110m (public domain) as geopandas 0.14.4 ships them (`naturalearth_lowres`; later
geopandas versions dropped the file). Coordinates are rounded to 0.1 degree (about 11 km, finer than the 1:110m
lines themselves) and repeated points dropped, so the file stays small enough to read on every drawing of a page.
Each country is a MultiPolygon: the shapefile's clockwise rings are outer rings, its counter-clockwise rings
holes of the outer ring before them (Lesotho in South Africa).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "claimgraph" / "data" / "map" / "world.geojson"
BASE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
DIGITS = 1


def signed_area(ring: list[tuple[float, float]]) -> float:
    """Shoelace sum: negative for a clockwise ring (the shapefile's outer rings)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def rounded(points) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        p = [round(lon, DIGITS), round(lat, DIGITS)]
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def polygons(shape) -> list[list[list[list[float]]]]:
    bounds = list(shape.parts) + [len(shape.points)]
    polys: list[list[list[list[float]]]] = []
    for start, end in zip(bounds, bounds[1:]):
        raw = shape.points[start:end]
        ring = rounded(raw)
        if len(ring) < 4:  # a sliver that rounding closed up
            continue
        if signed_area(raw) < 0 or not polys:
            polys.append([ring])
        else:
            polys[-1].append(ring)
    return polys


def collection(wheel: Path) -> dict:
    import shapefile

    with zipfile.ZipFile(wheel) as z:
        parts = {ext: io.BytesIO(z.read(f"{BASE}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = z.read(f"{BASE}.cpg").decode("ascii").strip()  # the dbf's code page ("Côte d'Ivoire")
    reader = shapefile.Reader(**parts, encoding=encoding)
    features = []
    for item in sorted(reader.iterShapeRecords(), key=lambda r: r.record["name"]):
        polys = polygons(item.shape)
        if polys:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": item.record["name"], "iso_a3": item.record["iso_a3"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": polys},
                }
            )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth admin-0 countries 1:110m (public domain), geopandas 0.14.4 naturalearth_lowres; "
        "built by scripts/build_world_map.py",
        "features": features,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel", type=Path, help="geopandas-0.14.4-py3-none-any.whl (pip download geopandas==0.14.4)")
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    args = ap.parse_args(argv)
    text = json.dumps(collection(args.wheel), separators=(",", ":"), ensure_ascii=False) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("world.geojson is up to date" if same else "world.geojson differs from what the script builds")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {len(text) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
