"""A group's strength across reports (issue 16.2): one block per subject and measure whatever the reports'
dates, values compared where they can hold at one time (``figures.same_period``). Values written for these
tests (synthetic; not copied from any corpus)."""

from __future__ import annotations

from claimgraph.entities.ontology import load_cached
from claimgraph.link.disputes import _quantities
from claimgraph.link.disputes.figures import same_period
from claimgraph.link.disputes.values import Value, _force_of, _negated_by_own_qualifier


def _strength(source: str, low: float, high: float, date: str | None, group: str | None = None) -> Value:
    return Value(
        block="q:al-shabaab|strength",
        label="al-shabaab",
        measure="strength",
        group=group,
        doc_id=source,
        source=source,
        value=f"{low:g}-{high:g} fighters",
        low=low,
        high=high,
        speaker=source,
        date=date,
        firmness=0.8,
    )


def _summary(*values: Value) -> dict:
    [(_, summary)] = _quantities(values, 183).values()
    return summary


def test_an_undated_estimate_meets_a_dated_one():
    panel = _strength("Panel report excerpt", 10_000, 13_000, None)
    adviser = _strength("Mogadishu Times", 0, 3_000, "2024-03-11")
    assert _summary(panel, adviser)["conflict"]


def test_estimates_years_apart_are_a_timeline_and_months_apart_a_dispute():
    early = _strength("Archive", 1_500, 1_500, "2016-03-14")
    late = _strength("Wire", 27_000, 33_000, "2024-11-02")
    assert not _summary(early, late)["conflict"]
    weeks = _strength("Ministry", 0, 7_000, "2024-12-20")
    assert _summary(early, late, weeks)["conflict"]  # the wire against the ministry six weeks later
    related = same_period(183)
    assert related(early, _strength("Undated", 9, 9, None)) and not related(early, late)


def test_overlapping_estimates_do_not_conflict():
    one, other = _strength("A", 1_200, 1_500, "2024-08-19"), _strength("B", 1_260, 1_540, "2024-08-22")
    assert not _summary(one, other)["conflict"]


def test_a_denied_presence_conflicts_with_a_count_there_not_with_the_whole():
    denial = _strength("Government statement", 0, 0, "2022-01-05", group="in:ML")
    count = _strength("Defence wire", 900, 1_100, "2022-01-08", group="in:ML")
    whole = _strength("Almanac", 850_000, 950_000, "2022-01-07")
    elsewhere = _strength("Other wire", 1_800, 2_200, "2022-01-08", group="in:LY")
    assert _summary(denial, count)["conflict"]
    assert not _summary(denial, whole, elsewhere)["conflict"]  # a part below its whole; two places


def test_a_whole_below_a_part_conflicts():
    whole = _strength("Ministry", 0, 199, "2024-05-01")
    part = _strength("Panel", 1_500, 2_000, None, group="in:UG")
    assert _summary(whole, part)["conflict"]


def test_a_states_forces_are_counted_under_the_state():
    ontology = load_cached()
    assert _force_of("rdf", ontology) == _force_of("rwanda", ontology) == "rwanda"
    assert _force_of("al-shabaab", ontology) == "al-shabaab" and _force_of("some rebels", ontology) == "some rebels"


def test_a_bound_the_claims_stage_reads_as_negative_is_still_the_value():
    sentence = "Fewer than 200 combatants remain in the whole region, scattered without leadership."
    row = {"text": "Fewer than 200 combatants", "sentence": sentence, "start": 10, "sentence_start": 10}
    assert _negated_by_own_qualifier(row)
    denied = "It is not true that fewer than 200 combatants remain."
    row = {"text": "fewer than 200 combatants", "sentence": denied, "start": 30, "sentence_start": 10}
    assert not _negated_by_own_qualifier(row)
