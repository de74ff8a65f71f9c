"""The offline map: the shipped outline, one dot per place and kind of event, nothing fetched."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from claimgraph.render.map import REGION_FILE, MapPoint, map_points, map_svg, on_map

SVG = "{http://www.w3.org/2000/svg}"


def test_reports_of_one_place_and_type_merge_into_one_weighted_dot():
    events = [
        {"doc_id": f"d{i}", "type": "AIRSTRIKE", "lat": 34.43, "lon": 70.45, "location": "Jalalabad"} for i in range(3)
    ]
    events += [
        {"doc_id": "d9", "type": "ARMED_CLASH", "lat": 34.43, "lon": 70.45, "location": "Jalalabad"},
        {"doc_id": "d8", "type": "ARMED_CLASH", "lat": None, "lon": None},
    ]
    places = [{"name": "Kabul", "mentions": 4, "lat": 34.53, "lon": 69.17}, {"name": "Nowhere", "mentions": 1}]
    points = map_points(events, places, href=lambda e: f"#doc-{e['doc_id']}")
    assert [(p.kind, p.weight, p.href) for p in points] == [
        ("event", 3, "#doc-d0"),
        ("event", 1, "#doc-d9"),
        ("place", 1, None),
    ]
    assert points[0].label == "AIRSTRIKE at Jalalabad: 3 report(s)"
    root = ET.fromstring(str(map_svg(points)))
    circles = list(root.iter(f"{SVG}circle"))
    assert [c.get("class") for c in circles] == ["map-place", "map-event", "map-event"]  # events drawn on top
    assert float(circles[1].get("r")) > float(circles[2].get("r"))  # three reports draw a larger dot


def test_the_outline_is_the_shipped_region_file():
    features = json.loads(REGION_FILE.read_text(encoding="utf-8"))["features"]
    root = ET.fromstring(str(map_svg([])))
    titles = [p.find(f"{SVG}title").text for p in root.iter(f"{SVG}path")]
    assert titles == [f["properties"]["name"] for f in features] and "Afghanistan" in titles
    assert list(root.iter(f"{SVG}circle")) == []


def test_points_off_the_map_are_left_out():
    doha, nan = MapPoint(51.53, 25.29, "Doha"), MapPoint(float("nan"), 34.0, "bad")
    assert not on_map(doha) and not on_map(nan) and on_map(MapPoint(69.17, 34.53, "Kabul"))
    assert len(list(ET.fromstring(str(map_svg([doha, nan]))).iter(f"{SVG}circle"))) == 0


def test_hostile_labels_and_links_are_escaped():
    svg = str(map_svg([MapPoint(69.17, 34.53, "<img src=x onerror=alert(1)>", "event", '/x" onclick="y')]))
    root = ET.fromstring(svg)
    assert "<img" not in svg and 'onclick="y' not in svg
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ['/x" onclick="y']  # one attribute value, as given
