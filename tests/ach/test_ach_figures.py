"""ACH ratings use numbers: a claim whose figure of a group's strength is disputed leans by where it
lies against other sources' figures (issue 16.6). Over the synthetic dispute fixtures
(tests/fixtures/disputes): the Nigerian army's "fewer than 1,000 fighters left" against a UN
estimate of 4,000 to 5,000."""

from __future__ import annotations

import numpy as np
import pytest
from stores import copy_store

from claimgraph import ach
from claimgraph.ach.propose import STANCE_LABELS, rate_matrix
from claimgraph.store import Store

GROWTH = "ISWAP is a growing threat that is expanding its strength"
DECLINE = "ISWAP is weakened and in decline"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, disputes_store):
    # the session's run of the fixtures (tests/conftest.py), copied: a test here adds a board
    return copy_store(disputes_store, tmp_path_factory.mktemp("ach-figures"))


def _claim(store, words):
    rows = store.query("SELECT id FROM claims WHERE text LIKE $w", {"w": f"%{words}%"})
    assert len(rows) == 1, words
    return rows[0]["id"]


def test_a_figure_below_another_sources_is_inconsistent_with_growth(store_path):
    with Store(store_path) as store:
        board_id = ach.create_board(store, "ISWAP strength", [GROWTH, DECLINE])
        low = ach.add_evidence(store, board_id, _claim(store, "fewer than 1,000 fighters"))
        high = ach.add_evidence(store, board_id, _claim(store, "between 4,000 and 5,000 fighters"))
        found = ach.board(store, board_id)
    cells = {e["id"]: e["cells"] for e in found["evidence"]}
    assert cells[low]["H1"]["proposed"] == "I" and cells[low]["H2"]["proposed"] == "C"
    assert (
        "below what" in cells[low]["H1"]["reason"] and "between 4,000 and 5,000 fighters" in cells[low]["H1"]["reason"]
    )
    assert cells[high]["H1"]["proposed"] == "C" and cells[high]["H2"]["proposed"] == "I"


def test_words_still_decide_where_they_give_a_direction():
    texts = ["The group has been reduced to remnants, with 300 fighters."]
    stance = np.zeros((1, 1, len(STANCE_LABELS)))
    rated = rate_matrix(texts, ["asserted"], [False], [GROWTH], np.array([[0.7]]), stance, figures=[(1, "above")])
    assert rated[0][0].rating in ("I", "II")  # "reduced to remnants": the words lean down, whatever the number
    plain = rate_matrix(["It has 300 fighters."], ["asserted"], [False], [GROWTH], np.array([[0.7]]), stance)
    assert plain[0][0].rating != "C"  # without a disputed figure a number gives no lean
