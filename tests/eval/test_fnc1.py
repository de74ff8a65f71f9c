"""The FNC-1 score and the stance confusion matrix."""

from __future__ import annotations

import pytest

from claimgraph.link.stance import LABELS
from claimgraph_eval.fnc1 import fnc_score, relative_score
from claimgraph_eval.metrics import confusion, per_class_f1


def test_fnc_score_matches_the_official_definition():
    gold = ["agree", "unrelated", "discuss", "disagree"]
    assert fnc_score(gold, gold) == 1.0 * 3 + 0.25
    # related-but-wrong label earns 0.25; unrelated right earns 0.25; calling related unrelated earns 0
    assert fnc_score(gold, ["discuss", "unrelated", "unrelated", "agree"]) == 0.25 + 0.25 + 0 + 0.25
    assert relative_score(gold, gold) == 1.0
    assert confusion(gold, gold, LABELS).trace() == 4


def test_confusion_and_per_class_f1_follow_the_label_order():
    gold = ["agree", "agree", "disagree", "unrelated"]
    predicted = ["agree", "discuss", "disagree", "unrelated"]
    matrix = confusion(gold, predicted, LABELS)
    assert LABELS.index("agree") == 0 and matrix[0].tolist()[:3] == [1, 0, 1]  # rows gold, columns predicted
    f1 = per_class_f1(gold, predicted, LABELS)
    assert list(f1) == list(LABELS)
    assert f1["agree"] == pytest.approx(2 / 3) and f1["disagree"] == 1.0 and f1["discuss"] == 0.0  # discuss: never gold
