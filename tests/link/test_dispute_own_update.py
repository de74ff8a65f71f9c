"""One report's earlier figure it names as superseded is a step of its timeline, not a side (issue 16.2):
"the toll now stands at 34 ... officials had put the toll at 27". Synthetic values written for this test
(Niger, Mozambique)."""

from __future__ import annotations

from claimgraph.link.disputes.figures import compare
from claimgraph.link.disputes.values import Value


def _value(number, text, *, doc, source, speaker, date, official=False):
    return Value(
        block="c:x",
        label="x",
        measure="killed",
        group=None,
        doc_id=doc,
        source=source,
        value=str(number),
        low=float(number),
        high=float(number),
        qualifier="exact",
        speaker=speaker,
        official=official,
        cue="said",
        text=text,
        date=date,
        firmness=0.7,
    )


def test_a_reports_own_earlier_figure_is_superseded_by_its_current_one():
    current = _value(
        31,
        "The toll now stands at 31, the mayor of Banibangou told Sahel Wire.",
        doc="d2",
        source="Sahel Wire",
        speaker="the mayor",
        date="2025-03-06",
    )
    earlier = _value(
        19,
        "On Tuesday officials had put the toll at 19.",
        doc="d2",
        source="Sahel Wire",
        speaker="officials",
        date="2025-03-06",
    )
    claim = _value(
        70,
        "The group said its fighters killed 70.",
        doc="d3",
        source="Group channel",
        speaker="group",
        date="2025-03-05",
    )
    summary = compare([current, earlier, claim])
    assert (earlier.role, current.role) == ("superseded", "update")
    assert summary["conflict"] and "19" not in summary["why"]


def test_an_earlier_figure_another_report_gives_stays_a_side():
    # the cue is in the other report: the ministry's 12 is no step of the outlet's own timeline
    outlet = _value(
        12,
        "Earlier reports said 12 people were killed in Mocimboa.",
        doc="d1",
        source="Pemba Online",
        speaker=None,
        date="2025-03-06",
    )
    ministry = _value(
        20, "The ministry said 20 were killed.", doc="d2", source="State radio", speaker="ministry", date="2025-03-06"
    )
    summary = compare([outlet, ministry])
    assert summary["conflict"] and outlet.role == "value"
