"""The offline map: the shipped outline, one dot per place and kind of event, nothing fetched."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from claimgraph.render.map import WORLD, WORLD_FILE, MapPoint, map_bounds, map_points, map_svg, on_map

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


def test_with_no_points_the_map_is_the_world():
    features = json.loads(WORLD_FILE.read_text(encoding="utf-8"))["features"]
    root = ET.fromstring(str(map_svg([])))
    titles = {p.find(f"{SVG}title").text for p in root.iter(f"{SVG}path")}
    assert map_bounds([]) == WORLD and len(features) > len(titles) > 170  # Antarctica lies below the view
    assert {"Sudan", "Mali", "Myanmar", "Colombia", "Afghanistan"} <= titles
    assert list(root.iter(f"{SVG}circle")) == []


def test_the_view_fits_a_corpus_anywhere():
    """A North Darfur corpus was drawn on an Afghan outline with every dot 'outside the map' (a user's trial):
    the view is the box around the points, with the countries it touches."""
    el_fasher, zamzam = MapPoint(25.35, 13.63, "El Fasher"), MapPoint(25.3, 13.48, "Zamzam")
    bounds = map_bounds([el_fasher, zamzam])
    assert on_map(el_fasher, bounds) and on_map(zamzam, bounds)
    assert bounds[2] - bounds[0] >= 12 and bounds[3] - bounds[1] >= 8  # one town is drawn with its country
    root = ET.fromstring(str(map_svg([el_fasher, zamzam])))
    titles = {p.find(f"{SVG}title").text for p in root.iter(f"{SVG}path")}
    assert "Sudan" in titles and "Chad" in titles and "Afghanistan" not in titles
    assert len(list(root.iter(f"{SVG}circle"))) == 2


def test_a_far_outlier_is_left_off_the_map_and_bad_coordinates_never_drawn():
    kabul, kandahar, herat = (
        MapPoint(69.17, 34.53, "Kabul"),
        MapPoint(65.7, 31.6, "Kandahar"),
        MapPoint(62.2, 34.35, "Herat"),
    )
    new_york, nan = MapPoint(-74.0, 40.7, "New York"), MapPoint(float("nan"), 34.0, "bad")
    doha = MapPoint(51.53, 25.29, "Doha")  # near enough to be drawn with them
    points = [kabul, kandahar, herat, new_york, nan, doha]
    bounds = map_bounds(points)
    assert [p.label for p in points if not on_map(p, bounds)] == ["New York", "bad"]
    assert len(list(ET.fromstring(str(map_svg(points))).iter(f"{SVG}circle"))) == 4


def test_hostile_labels_and_links_are_escaped():
    svg = str(map_svg([MapPoint(69.17, 34.53, "<img src=x onerror=alert(1)>", "event", '/x" onclick="y')]))
    root = ET.fromstring(svg)
    assert "<img" not in svg and 'onclick="y' not in svg
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ['/x" onclick="y']  # one attribute value, as given
