"""Bar charts: one bar per value, lengths in proportion, every label escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from claimgraph.render.bars import LABEL_CHARS, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg) -> list[ET.Element]:
    return [r for r in ET.fromstring(str(svg)).iter(f"{SVG}rect") if r.get("class") == "bar"]


def test_one_bar_per_value_in_order_and_in_proportion():
    svg = bar_chart(["reported", "asserted", "hedged"], [8, 4, 2], "Claims by status")
    bars = _bars(svg)
    assert len(bars) == 3
    assert [float(b.get("y")) for b in bars] == sorted(float(b.get("y")) for b in bars)  # first on top
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] == 2 * widths[1] == 4 * widths[2]
    assert [b.find(f"{SVG}title").text for b in bars] == ["reported: 8", "asserted: 4", "hedged: 2"]
    texts = [t.text for t in ET.fromstring(str(svg)).iter(f"{SVG}text")]
    assert texts[0] == "Claims by status" and "reported" in texts and "8" in texts


def test_values_are_printed_with_the_format():
    svg = bar_chart(["H1: talks", "H2: attack"], [0.5, 1.25], "Inconsistency", fmt="{:.2f}", color="#8e44ad")
    texts = [t.text for t in ET.fromstring(str(svg)).iter(f"{SVG}text")]
    assert "0.50" in texts and "1.25" in texts
    assert {b.get("fill") for b in _bars(svg)} == {"#8e44ad"}


def test_zero_negative_and_no_values_draw_no_bar_length():
    assert [float(b.get("width")) for b in _bars(bar_chart(["a", "b"], [0, -3], "t"))] == [0, 0]
    empty = bar_chart([], [], "Nothing yet")
    assert _bars(empty) == [] and "Nothing yet" in str(empty)


def test_hostile_labels_are_escaped_and_long_ones_cut():
    hostile = '<script>alert(1)</script>" onload="x'
    long = "Islamic Emirate of Afghanistan Ministry of Foreign Affairs spokesman office"
    svg = str(bar_chart([hostile, long], [1, 2], "<b>title</b>", color='red" onload="x'))
    root = ET.fromstring(svg)  # well-formed however hostile the text
    assert "<script>" not in svg and "<b>" not in svg and 'onload="x' not in svg
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert hostile in labels  # shown as text
    assert long[: LABEL_CHARS - 1] + "…" in labels
    assert any(t.text == f"{long}: 2" for t in root.iter(f"{SVG}title"))  # the tooltip keeps it whole
