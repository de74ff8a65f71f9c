"""Counts no event cluster joins (link/disputes/unclustered.py): figures of undated reports compared by
what their sentences say, through `claimgraph run` and `claimgraph disputes --kind figures`. The reports
are written here (synthetic, not from any dev set)."""

from __future__ import annotations

import pytest

from claimgraph.link.disputes.unclustered import conflicting, masked_sentence, sentence_keys
from claimgraph.link.disputes.values import INF, Value


def test_the_numbers_are_masked_and_the_names_kept():
    sentence = "Hospital staff said 31 worshippers died in the bombing of the mosque in Maiduguri."
    assert masked_sentence(sentence, ["31 worshippers"]) == (
        "Hospital staff said died in the bombing of the mosque in Maiduguri."
    )
    keys, names = sentence_keys(sentence, ["boko-haram"])
    assert keys == {"maiduguri", "boko-haram"}  # the first word is no name; a linked actor is a key
    assert names["maiduguri"] == "Maiduguri"


def _value(low: float, high: float, group: str | None = None, measure: str = "killed") -> Value:
    return Value("u:killed|x", "x", measure, group, "d", "s", str(low), low=low, high=high)


def test_disjoint_counts_of_one_measure_conflict_and_groups_as_in_events():
    assert conflicting(_value(12, 12), _value(31, 31))
    assert not conflicting(_value(20, INF), _value(27, 27))  # "at least 20" holds 27
    assert not conflicting(_value(12, 12), _value(31, 31, measure="injured"))
    assert not conflicting(_value(3, 3, "civilians"), _value(12, 12, "police"))
    assert conflicting(_value(7, 7), _value(60, 60, "militants"))  # a total below one group's count


REPORTS = {
    "police.txt": "Mosque bombing\n\nPolice in Maiduguri said 12 worshippers were killed when a suicide bomber "
    "struck the mosque during prayers.\n",
    "hospital.txt": "Toll disputed\n\nHospital staff told reporters that 31 worshippers died in the suicide "
    "bombing at the mosque in Maiduguri.\n",
    "market.txt": "Market attack\n\nOfficials said three traders were killed when gunmen opened fire at a "
    "cattle market near Maiduguri.\n",
}


@pytest.fixture(scope="module")
def listed(figure_disputes_of):
    return figure_disputes_of(REPORTS)


def test_two_undated_reports_of_one_toll_dispute_it_and_another_incident_stays_out(listed):
    items, shown = listed
    loose = [d for d in items if d["block"].startswith("u:")]
    assert len(loose) == 1, [(d["block"], d["label"]) for d in items]
    d = loose[0]
    assert d["kind"] == "figures" and d["conflict"] and d["score"] > 0 and d["measure"] == "killed"
    assert sorted((v["low"], v["high"]) for v in d["values"]) == [(12, 12), (31, 31)]
    assert all("cattle market" not in v["text"] for v in d["values"])
    assert "closest masked similarity" in d["why"]
    assert "Maiduguri" in shown
