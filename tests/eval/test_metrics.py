"""The metrics of claimgraph_eval: span-exact entity scores (hand-written) and the sklearn-backed ones."""

from __future__ import annotations

import pytest

from claimgraph.entities.ner import ENTITY_TYPES
from claimgraph_eval.metrics import binary_prf, per_label_prf, prf, score_spans


def test_span_exact_scoring():
    gold = [["B-Person", "I-Person", "O", "B-Location"], ["B-Quantity", "I-Quantity", "O"]]
    pred = [["B-Person", "I-Person", "O", "B-Organisation"], ["B-Quantity", "O", "O"]]
    scores, macro = score_spans(gold, pred)
    by_type = {s.type: s for s in scores}
    assert by_type["Person"].f1 == 1.0
    assert by_type["Quantity"].correct == 0  # a boundary mismatch is a miss, not half a hit
    assert by_type["Location"].recall == 0.0 and by_type["Organisation"].precision == 0.0
    assert macro == pytest.approx(1.0 / len(ENTITY_TYPES))


def test_prf_from_counts_is_zero_where_nothing_was_found():
    assert prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)


def test_sklearn_metrics_agree_with_counting():
    gold = [True, True, False, True, False]
    predicted = [True, False, True, True, False]
    assert binary_prf(gold, predicted) == pytest.approx(prf(2, 3, 3))
    assert binary_prf([], []) == (0.0, 0.0, 0.0)
    rows_gold = [[True, False], [True, True], [False, False]]
    rows_pred = [[True, True], [False, True], [False, False]]
    scores = per_label_prf(rows_gold, rows_pred, ("a", "b"))
    assert scores["a"] == pytest.approx((*prf(1, 1, 2), 2))
    assert scores["b"] == pytest.approx((*prf(1, 2, 1), 1))


def test_sklearn_metrics_work_beside_the_store():
    import claimgraph.store  # noqa: F401  (marks an absent pandas as None in sys.modules, which sklearn reads)

    assert binary_prf([True, False], [True, True]) == pytest.approx(prf(1, 2, 1))
    assert per_label_prf([[True]], [[True]], ("a",))["a"] == (1.0, 1.0, 1.0, 1)
