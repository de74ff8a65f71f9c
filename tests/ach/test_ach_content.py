"""'What happened' boards: hypotheses that share their doer and differ in the target and the harm
(issue 16, ACH; directions.yaml axes `victims` and `target`, ach/responsibility.py rival_doers and
subject words). Sentences written for these tests, not taken from any measured corpus."""

from __future__ import annotations

import numpy as np

from claimgraph.ach.propose import lean, rate_matrix
from claimgraph.ach.responsibility import (
    hypothesis_doer,
    incident_doers,
    other_incident,
    rival_doers,
    subject_keys,
    text_keys,
)

STRIKE = [
    "The air force deliberately bombed a clinic full of patients",
    "The air force bombed a rebel arms depot and no civilians were harmed",
]


def _ratings(texts, hypotheses=STRIKE):
    n, m = len(texts), len(hypotheses)
    # a neutral stance model and middling similarity: the words alone decide
    stance = np.tile(np.array([0.25, 0.05, 0.6, 0.1]), (n, m, 1))
    cells = rate_matrix(texts, [None] * n, [False] * n, hypotheses, np.full((n, m), 0.6), stance)
    return [[c.rating for c in row] for row in cells]


def test_one_doer_in_every_hypothesis_is_no_rival():
    doers = [hypothesis_doer(h) for h in STRIKE]
    assert all(doers) and rival_doers(doers) == [None, None]
    # rival doers stay rivals, and two provinces of one movement are two doers
    rivals = [hypothesis_doer(f"{side} forces shelled the market") for side in ("Russian", "Ukrainian")]
    assert all(rival_doers(rivals))
    provinces = [
        hypothesis_doer("Islamic State Sahel Province carried out the raid"),
        hypothesis_doer("Islamic State West Africa Province carried out the raid"),
    ]
    assert all(rival_doers(provinces))


def test_naming_the_shared_doer_does_not_take_a_side():
    """Before: the doer's own account named 'the air force' and went CC for the first hypothesis."""
    rows = _ratings(["The air force said its jets had destroyed a rebel arms depot and that no civilians were harmed."])
    assert rows[0][0] in ("I", "II") and rows[0][1] in ("C", "CC")


def test_a_denial_runs_against_the_harm_and_for_the_denial():
    rows = _ratings(
        [
            "No patients were hurt and no clinic was hit, the defence ministry said.",
            "Nurses said two bombs struck the clinic's ward, killing six patients and a doctor.",
            "The ministry denied that any civilians had been killed in the strike.",
        ]
    )
    assert rows[0][0] in ("I", "II") and rows[0][1] in ("C", "CC")
    assert rows[1][0] in ("C", "CC") and rows[1][1] in ("I", "II")
    assert rows[2][0] in ("I", "II") and rows[2][1] in ("C", "CC")


def test_negation_ends_at_and_or_a_place_word():
    # "no" reaches the civilians, not the school after "and" or "near"
    assert lean("no civilians were hurt and the school was hit").scores["target"] > 0
    assert lean("there was no rebel base anywhere near the school").scores["target"] > 0
    # "or" stays inside the negation: both words are denied
    assert lean("no civilians were injured or killed").scores["victims"] < 0


def test_a_speaker_or_a_doer_is_not_the_victim():
    assert lean("Villagers said the strike came at dawn.").scores["victims"] == 0
    assert lean("Rebels stormed the town at night.").scores["victims"] == 0


def test_doubt_turns_round_only_what_it_doubts():
    # the doubted report is the school; the speaker's own "terrorist groups" stay as they are
    value = lean("Terrorist groups are spreading fabricated reports that jets bombed a school.")
    assert value.scores["target"] < 0 and value.scores["victims"] < 0
    # a doubt word at the end doubts what came before it
    assert lean("The army's story of a training base is a lie.").scores["target"] > 0


def test_an_axis_all_hypotheses_share_is_idle():
    """On a board of who shelled a market every hypothesis leans up on `target`: a claim that the
    market was hit tells none of them apart and stays N, not C for each."""
    board = ["Government forces shelled the market in Ariha", "Rebel fighters shelled the market in Ariha"]
    rows = _ratings(["Eleven people were killed when the market in Ariha was shelled."], board)
    assert rows == [["N", "N"]]


def test_subject_words_leave_the_doer_and_the_act_out():
    doers = [hypothesis_doer(h) for h in STRIKE]
    keys = subject_keys(STRIKE, doers)
    assert {"clinic", "patien", "depot"} <= keys
    assert not keys & {"air", "force", "bombed", "harmed"}
    assert not keys & text_keys("The air force bombed fuel trucks on the highway.")


def test_the_incident_places_come_from_claims_sharing_its_subject():
    texts = [
        "Jets bombed the clinic in Tawila, killing patients.",
        "Medics at the clinic in Tawila in North Darfur said the ward was destroyed.",
        "The air force bombed a convoy near Kutum on Monday.",
    ]
    doers = incident_doers(STRIKE, texts)
    assert {"tawila", "north darfur"} <= doers[0].places
    assert other_incident(texts[2], doers)
    assert other_incident(texts[1], doers) is None


def test_a_tally_since_a_year_is_another_incident():
    doers = incident_doers(["Soldiers shot dead unarmed farmers in Tumaco"], [])
    assert other_incident("Since the peace deal of 2016, hundreds of farmers have been killed.", doers)
    assert other_incident("Farmers were killed nationwide in the same week.", doers)


def test_a_rival_doer_beside_two_hypotheses_of_one_doer():
    """Two hypotheses of the army (what it hit) and one of the rebels (who hit the school): naming the
    army as the doer is against the rebels' hypothesis, and the army's two are told apart by content."""
    board = [
        "The army shelled a school full of displaced families in Kadugli",
        "The army shelled a rebel base in Kadugli and no civilians were harmed",
        "Rebel fighters shelled the school in Kadugli",
    ]
    rows = _ratings(
        [
            "Army artillery shelled the school in Kadugli, witnesses said.",
            "Local officials blamed rebel fighters for the shelling of the school in Kadugli.",
        ],
        board,
    )
    assert rows[0][0] in ("C", "CC") and rows[0][1] in ("I", "II") and rows[0][2] == "I"
    assert rows[1][0] == "I" and rows[1][1] == "I" and rows[1][2] == "C"
