"""The dot plot of a disputed figure's spread (render/dotplot.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from claimgraph.render.dotplot import dot_plot

SVG = "{http://www.w3.org/2000/svg}"

VALUES = [
    {"low": 22, "high": None, "value": "at least 22", "source": "Wire", "speaker": "police", "role": "value"},
    {"low": 31, "high": 31, "value": "31", "source": "Ministry", "speaker": "minister", "role": "update"},
    {"low": 4000, "high": 5000, "value": "4,000-5,000", "source": "UN", "speaker": None, "role": "value"},
    {"low": 5, "high": 5, "value": "5 <b>", "source": "Post & Co", "speaker": "<script>x</script>", "role": "value"},
]


def test_one_row_per_value_with_open_bounds_and_ranges():
    root = ET.fromstring(str(dot_plot(VALUES, "deaths")))
    assert len(root.findall(f".//{SVG}circle")) == len(VALUES)
    assert len(root.findall(f".//{SVG}polygon")) == 1  # the arrow of "at least 22"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "5 <b>" in texts and any("<script>x</script>" in (t or "") for t in texts)  # text, not markup


def test_a_wide_spread_gets_a_log_axis():
    root = ET.fromstring(str(dot_plot(VALUES, "deaths")))
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "middle"]
    assert {"10", "100", "1,000"} <= set(ticks)


def test_the_same_values_draw_the_same_bytes():
    assert str(dot_plot(VALUES, "x")) == str(dot_plot(VALUES, "x"))
    assert "<svg" in str(dot_plot([], "nothing"))
