"""The events timeline: one row per type, one dot per dated event, outliers left to the table."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from claimgraph.render.timeline import event_day, shown_range, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _event(i: int, day: str | None, kind: str = "ARMED_CLASH", **more) -> dict:
    return {"doc_id": f"d{i}", "doc_title": f"report {i}", "type": kind, "date_start": day, "location": "Kabul", **more}


def test_one_dot_per_dated_event_and_one_row_per_type():
    events = [
        _event(1, "2025-03-01"),
        _event(2, "2025-03-04", "AIRSTRIKE"),
        _event(3, "2025-03-09"),
        _event(4, None),
        _event(5, None, doc_date="2025-03-05T10:00:00"),
    ]
    root = ET.fromstring(str(timeline_svg(events, href=lambda e: f"#doc-{e['doc_id']}")))
    assert len(list(root.iter(f"{SVG}circle"))) == 4  # d4 has no date at all; d5 has its document's
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["#doc-d2", "#doc-d1", "#doc-d3", "#doc-d5"]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "AIRSTRIKE" in labels and "ARMED_CLASH" in labels
    assert labels[0] == "01 Mar 2025" and "09 Mar 2025" in labels


def test_dots_sit_at_their_dates():
    root = ET.fromstring(
        str(timeline_svg([_event(1, "2025-01-01"), _event(2, "2025-01-11"), _event(3, "2025-01-21")], width=620))
    )
    xs = [float(c.get("cx")) for c in root.iter(f"{SVG}circle")]
    assert xs[0] < xs[1] < xs[2] and abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.2


def test_a_far_outlier_is_left_out_and_counted():
    events = [_event(i, f"2025-03-{i + 1:02d}") for i in range(20)] + [_event(99, "2019-06-01")]
    first, last = shown_range([event_day(e) for e in events])
    assert first > dt.date(2019, 6, 1) and last >= dt.date(2025, 3, 19)
    svg = timeline_svg(events)
    assert len(list(ET.fromstring(str(svg)).iter(f"{SVG}circle"))) == 20
    assert "1 event(s) dated outside" in svg


def test_title_and_hostile_text_are_escaped():
    svg = str(
        timeline_svg(
            [_event(1, "2025-03-01", "<script>x</script>", location="<img src=x onerror=alert(1)>")],
            title="Events <b>by</b> date",
        )
    )
    root = ET.fromstring(svg)
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[0] == "Events <b>by</b> date" and "<script>x</script>" in texts


def test_no_dated_event_draws_nothing():
    assert timeline_svg([_event(1, None), _event(2, "not a date")]) == ""
