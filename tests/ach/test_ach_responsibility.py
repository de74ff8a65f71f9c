"""Responsibility hypotheses: ratings from the doer a claim names (ach/responsibility.py)."""

from __future__ import annotations

import numpy as np

from claimgraph.ach.propose import rate_matrix
from claimgraph.ach.responsibility import hypothesis_doer, other_incident, rate, with_incident_places

RAID = [
    "The Islamic State carried out the raid",
    "A criminal gang linked to illegal mining carried out the raid",
]


def _doers(hypotheses):
    return [hypothesis_doer(h) for h in hypotheses]


def test_hypothesis_doer_reads_the_doer_and_the_incident():
    doer = hypothesis_doer("Al-Shabaab carried out the attack on the Hayat hotel in Mogadishu")
    assert doer is not None and doer.phrase == "Al-Shabaab"
    assert {"hayat", "mogadishu"} <= doer.places
    # a hypothesis of another kind has no doer: the strength board keeps its direction words
    assert hypothesis_doer("ISKP is a significant and growing threat in Afghanistan") is None
    assert hypothesis_doer("ISKP is reduced to remnants contained by the Taliban") is None


def test_the_only_evidence_for_the_gang_is_consistent_with_it():
    """The trial's complaint: the commander's account of a gang was rated I for the gang (stance model)."""
    text = "The police commander said the raid was carried out by a criminal gang involved in illegal mining."
    assert [r for r, _ in rate(text, _doers(RAID))] == ["I", "CC"]


def test_own_claim_accusation_denial_and_ruling_out():
    doers = _doers(RAID)
    assert [
        r for r, _ in rate("The Islamic State claimed responsibility for the raid on its Amaq channel.", doers)
    ] == [
        "CC",
        "I",
    ]
    assert [r for r, _ in rate("Local officials blamed the Islamic State for the raid.", doers)] == ["C", "I"]
    # a self-serving denial is about as likely whoever did it: N everywhere
    assert [r for r, _ in rate("The Islamic State denied any role in the raid.", doers)] == ["N", "N"]
    assert [r for r, _ in rate("Investigators said the Islamic State was not involved in the raid.", doers)] == [
        "I",
        "N",
    ]


def test_aliases_and_acronyms_meet():
    doers = _doers(
        [
            "Islamic State Khorasan Province carried out the bombing of the Kunduz mosque",
            "The Taliban are responsible for the bombing of the Kunduz mosque",
        ]
    )
    assert [r for r, _ in rate("ISKP claimed the bombing of the mosque in Kunduz.", doers)] == ["CC", "I"]


def test_another_incident_is_not_applicable():
    doers = _doers(["Al-Shabaab carried out the attack on the Hayat hotel in Mogadishu"] * 1 + [RAID[1]])
    assert other_incident("A suicide bomber killed five people at a tea shop in Baidoa.", doers)
    assert other_incident("The siege of the Hayat hotel in Mogadishu lasted 30 hours.", doers) is None
    assert other_incident("The siege lasted 30 hours, with 21 dead in Somalia.", doers) is None  # a country


def test_the_incident_of_a_board_naming_no_place_comes_from_its_evidence():
    texts = [
        "The Islamic State claimed the raid on the mine near Kalsaka.",
        "Seven forest rangers were killed in an ambush in the Est region.",
        "Nine workers died in the raid near Kalsaka, residents said.",
    ]
    doers = with_incident_places(texts, _doers(RAID))
    assert doers[0].places == {"kalsaka"}
    assert other_incident(texts[1], doers) and other_incident(texts[2], doers) is None
    n = len(texts)
    stance = np.tile(np.array([0.7, 0.05, 0.2, 0.05]), (n, 2, 1))  # the stance model "agrees" with everything
    cells = rate_matrix(texts, [None] * n, [False] * n, RAID, np.full((n, 2), 0.6), stance)
    assert [[c.rating for c in row] for row in cells] == [["CC", "I"], ["NA", "NA"], ["N", "N"]]


SHELLING = [
    "Government troops shelled the market in Kadugli",
    "Rebels of the SPLM-N shelled the market in Kadugli",
]


def test_a_doer_inside_a_denied_that_clause_is_ruled_out_not_named():
    """ "denied that X did it" names X only to reject it: I for X, never CC (a fresh user's board ranked the
    denied version first)."""
    doers = _doers(SHELLING)
    text = "The defence ministry denied on Monday that government troops shelled the market in Kadugli."
    assert [r for r, _ in rate(text, doers)] == ["I", "N"]
    text = "Residents rejected the army's claim that rebels shelled the market, saying troops fired from the hill."
    assert rate(text, doers)[1][0] == "I"
    # the clause ends where the speaker goes on in its own voice: the accusation after it still counts
    text = "The rebels denied that they were behind it and blamed government troops for shelling the market."
    assert [r for r, _ in rate(text, doers)] == ["C", "I"]


def test_a_negated_subject_rules_the_agent_out():
    doers = _doers(SHELLING)
    text = "Not a single civilian was killed by government troops in Kadugli, the governor said."
    assert [r for r, _ in rate(text, doers)] == ["I", "N"]
    # the doer named again in a participle clause of what is ruled out is still ruled out
    text = "No civilian was killed by government troops during the sweep troops conducted in Kadugli."
    assert [r for r, _ in rate(text, doers)] == ["I", "N"]
