"""Which figures conflict, which update, and how a dispute is scored (link/disputes/figures.py)."""

from __future__ import annotations

import math

from dispute_values import figure_value

from claimgraph.link.disputes.figures import categorical, compare


def _value(number, qualifier="exact", *, source="A", date="2024-01-01", group=None, official=False, speaker=None):
    return figure_value(
        number,
        qualifier,
        source=source,
        date=date,
        group=group,
        official=official,
        speaker=speaker,
        value=f"{qualifier} {number}",
    )


def test_overlapping_values_do_not_conflict():
    summary = compare([_value(12, "at_least", source="A"), _value(20, source="B"), _value(11, "at_least", source="C")])
    assert summary["low"] == 11 and summary["high"] == 20
    assert not summary["conflict"] and summary["score"] == 0


def test_disjoint_values_of_two_sources_conflict():
    summary = compare([_value(5, source="A"), _value(12, "at_least", source="B")])
    assert summary["conflict"] and summary["sources"] == 2
    assert math.isclose(summary["divergence"], math.log2(13 / 6), rel_tol=1e-5)
    assert math.isclose(summary["score"], summary["divergence"] * 0.7 * math.sqrt(2), rel_tol=1e-5)


def test_two_speakers_in_one_outlet_conflict_but_count_as_one_source():
    summary = compare([_value(5, source="A", speaker="ministry"), _value(12, source="A", speaker="hospital")])
    assert summary["conflict"] and summary["sources"] == 1


def test_a_later_higher_figure_of_the_same_source_is_an_update():
    early, late = _value(10, source="A", date="2024-01-01"), _value(25, source="A", date="2024-01-03")
    summary = compare([early, late])
    assert not summary["conflict"] and summary["updates"] == 1
    assert (early.role, late.role) == ("superseded", "update")


def test_a_later_higher_official_figure_with_no_word_of_revision_is_a_dispute():
    # session 15 (updrule): an official voice is a party's; its later figure is its own account unless its
    # words say it revises (before: any later official figure superseded an unofficial one)
    summary = compare([_value(10, source="A"), _value(25, source="B", date="2024-01-02", official=True)])
    assert summary["conflict"] and summary["updates"] == 0


def test_a_later_lower_official_figure_is_a_conflict():
    summary = compare([_value(25, source="A"), _value(10, source="B", date="2024-01-02", official=True)])
    assert summary["conflict"]


def test_no_updates_for_a_measure_that_can_fall():
    values = [_value(1000, "at_most", source="A"), _value(4000, source="B", date="2024-02-01", official=True)]
    assert compare(values, updates_allowed=False)["conflict"]


def test_groups_and_totals():
    civilians = _value(11, source="A", group="civilians")
    assert not compare([civilians, _value(30, "at_least", source="B")])["conflict"]  # total above a group
    assert compare([_value(11, source="A", group="civilians"), _value(5, source="B")])["conflict"]  # total below
    assert not compare([_value(11, source="A", group="civilians"), _value(3, source="B", group="soldiers")])["conflict"]


def test_categorical_facts():
    def fact(key, source):
        v = _value(0, source=source)
        v.measure, v.key, v.value = "perpetrator", key, key
        return v

    assert categorical([fact("ttp", "A"), fact("ttp", "B")], lambda a, b: False)["conflict"] is False
    summary = categorical([fact("ttp", "A"), fact("is-pakistan", "B")], lambda a, b: False)
    assert summary["conflict"] and summary["divergence"] == 1
