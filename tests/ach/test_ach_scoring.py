"""ACH arithmetic on a hand-computed board: PARC weighted inconsistency and diagnosticity.

The board: three claims of one hand-built document, every cell and weight set by the analyst, so
the scores are known exactly:

    item  credibility  relevance  weight        H1   H2
    E1    high         high       sqrt2*sqrt2=2  I    C
    E2    low          medium     1/sqrt2        II   N
    E3    medium       medium     1              CC   II

    H1 = -1*2 + -2*(1/sqrt2) = -3.4142   H2 = -2*1 = -2   -> H2 is left standing (rank 1)
    diagnosticity: E1 |1 - (-1)| = 2, E2 |0 - (-2)| = 2, E3 |(-2) - 2| = 4
"""

from __future__ import annotations

import math

import pytest

from claimgraph.ach import (
    AchError,
    add_evidence,
    add_hypothesis,
    board,
    boards,
    clear_override,
    create_board,
    export_board,
    propose,
    set_rating,
    set_weight,
)
from claimgraph.ach.scoring import diagnosticity, evidence_weight, inconsistency_scores
from claimgraph.model import Claim, Document, Source
from claimgraph.store import Store

TEXT = (
    "ISKP attacks persist across the east and the group is growing. "
    "Officials said the group was reduced to remnants. "
    "The report was published on Monday."
)


def _claim(n: int, sentence: str, **fields) -> Claim:
    start = TEXT.index(sentence)
    return Claim(
        id=f"handbuilt00000001:c{n}",
        start=start,
        end=start + len(sentence),
        text=sentence,
        content_start=start,
        content_end=start + len(sentence),
        **fields,
    )


@pytest.fixture()
def store(tmp_path):
    sentences = [s.strip() + "." for s in TEXT.split(".") if s.strip()]
    doc = Document(
        id="handbuilt00000001",
        source=Source(path="hand/built.txt", format="txt"),
        raw_text=TEXT,
        clean_text=TEXT,
        claims=(
            _claim(1, sentences[0], evidence="cites"),
            _claim(2, sentences[1], status="reported", speaker_kind="source"),
            _claim(3, sentences[2]),
        ),
    )
    with Store(tmp_path / "hand.duckdb") as s:
        assert s.add_document(doc)
        yield s


def _rated_board(store) -> str:
    board_id = create_board(store, "Hand computed", ["ISKP is growing", "ISKP is reduced to remnants"])
    for n in (1, 2, 3):
        assert add_evidence(store, board_id, f"handbuilt00000001:c{n}") == f"E{n}"
    cells = {
        ("E1", "H1"): "I",
        ("E1", "H2"): "C",
        ("E2", "H1"): "II",
        ("E2", "H2"): "N",
        ("E3", "H1"): "CC",
        ("E3", "H2"): "II",
    }
    for (e, h), rating in cells.items():
        set_rating(store, board_id, e, h, rating, analyst="tester")
    set_weight(store, board_id, "E1", credibility="high", relevance="high", analyst="tester")
    set_weight(store, board_id, "E2", credibility="low", relevance="medium", analyst="tester")
    set_weight(store, board_id, "E3", credibility="medium", relevance="medium", analyst="tester", note="plain")
    return board_id


def test_hand_computed_scores(store):
    data = board(store, _rated_board(store))
    assert [e["weight"] for e in data["evidence"]] == pytest.approx([2.0, 1 / math.sqrt(2), 1.0])
    assert data["scores"]["H1"]["inconsistency"] == pytest.approx(-2 - 2 / math.sqrt(2))
    assert data["scores"]["H2"]["inconsistency"] == pytest.approx(-2.0)
    assert (data["scores"]["H1"]["rank"], data["scores"]["H2"]["rank"]) == (2, 1)
    assert (data["scores"]["H1"]["inconsistent"], data["scores"]["H2"]["inconsistent"]) == (2, 1)
    assert data["diagnosticity"] == {"E1": 2.0, "E2": 2.0, "E3": 4.0}
    assert boards(store)[0]["standing"] == ["H2"]


def test_overrides_survive_proposals_and_keep_who_and_why(store):
    board_id = _rated_board(store)
    propose(store, board_id)
    propose(store, board_id)
    data = board(store, board_id)
    e3 = next(e for e in data["evidence"] if e["id"] == "E3")
    assert e3["cells"]["H2"]["override"] == "II" and e3["cells"]["H2"]["effective"] == "II"
    assert e3["cells"]["H2"]["analyst"] == "tester" and e3["cells"]["H2"]["at"]
    assert e3["cells"]["H2"]["proposed"] in ("CC", "C", "N", "NA", "I", "II")  # the proposal is kept beside it
    assert e3["weight_override"]["note"] == "plain"
    assert data["scores"]["H1"]["inconsistency"] == pytest.approx(-2 - 2 / math.sqrt(2))
    # clearing puts the proposal back
    clear_override(store, board_id, "E3", "H2", analyst="tester")
    cell = next(e for e in board(store, board_id)["evidence"] if e["id"] == "E3")["cells"]["H2"]
    assert cell["override"] is None and cell["effective"] == cell["proposed"]


def test_proposals_on_the_hand_built_claims(store):
    board_id = create_board(
        store,
        "Proposed",
        ["ISKP is a significant and growing threat", "ISKP is reduced to remnants contained by the Taliban"],
    )
    data = propose(store, board_id)
    by_text = {e["text"]: e for e in data["evidence"]}
    growing = by_text["ISKP attacks persist across the east and the group is growing."]
    remnants = by_text["Officials said the group was reduced to remnants."]
    assert growing["cells"]["H1"]["effective"] in ("C", "CC") and growing["cells"]["H2"]["effective"] in ("I", "II")
    assert remnants["cells"]["H1"]["effective"] in ("I", "II") and remnants["cells"]["H2"]["effective"] in ("C", "CC")
    assert all(c["reason"] for e in data["evidence"] for c in e["cells"].values())
    assert growing["credibility"]["proposed"] in ("low", "medium", "high") and growing["credibility"]["reason"]


def test_bad_ids_and_ratings_are_one_line_errors(store):
    board_id = _rated_board(store)
    for call, needle in [
        (lambda: set_rating(store, board_id, "E1", "H1", "maybe", analyst="x"), "unknown rating"),
        (lambda: set_rating(store, board_id, "E9", "H1", "I", analyst="x"), "no evidence"),
        (lambda: set_rating(store, board_id, "E1", "H7", "I", analyst="x"), "no hypothesis"),
        (lambda: set_rating(store, board_id, "E1", "H1", "I", analyst=" "), "analyst"),
        (lambda: set_weight(store, board_id, "E1", credibility="huge", analyst="x"), "credibility level"),
        (lambda: set_rating(store, "no-such-board", "E1", "H1", "I", analyst="x"), "no board"),
        (lambda: add_evidence(store, board_id, "nope:c1"), "no claim or event"),
        (lambda: add_hypothesis(store, board_id, "   "), "non-empty"),
        (lambda: create_board(store, "Hand computed", ["x"]), "exists already"),
        (
            lambda: clear_override(store, board_id, "E1", "H1") or clear_override(store, board_id, "E1", "H1"),
            "no override",
        ),
        (lambda: export_board(store, board_id, "xml"), "format"),
    ]:
        with pytest.raises(AchError) as info:
            call()
        assert needle in str(info.value) and "\n" not in str(info.value)


def test_scoring_functions_directly():
    assert evidence_weight("low", "low") == pytest.approx(0.5)
    assert evidence_weight("high", "medium") == pytest.approx(math.sqrt(2))
    scores = inconsistency_scores(
        {("E1", "H1"): "II", ("E1", "H2"): "NA", ("E2", "H2"): "I"}, {"E1": 0.5, "E2": 2.0}, ["H1", "H2", "H3"]
    )
    assert scores["H1"]["inconsistency"] == pytest.approx(-1.0)
    assert scores["H2"]["inconsistency"] == pytest.approx(-2.0)
    assert scores["H3"] == {"inconsistency": 0.0, "inconsistent": 0, "consistent": 0, "rank": 1}
    assert diagnosticity(["NA", "I"]) == 0.0  # NA has no place on the scale
    assert diagnosticity(["CC", "N", "II"]) == 4.0
    assert diagnosticity(["C", "C"]) == 0.0
