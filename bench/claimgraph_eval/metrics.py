"""Metrics: scikit-learn's where it has them; the span and set matches it lacks, written once here.

Every hand-written score below counts matches (a span, a set member, a gold event) and turns the
counts into precision/recall/F1 with ``prf``; a label-per-item comparison goes through sklearn.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from claimgraph.entities.ner import ENTITY_TYPES, bio_spans


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1) from match counts; 0.0 where a denominator is 0 (sklearn's zero_division=0)."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


# --------------------------------------------------------------------------- labels (sklearn)


@contextmanager
def _pandas_marker_lifted() -> Iterator[None]:
    """claimgraph.store marks an absent pandas as None in sys.modules (so duckdb's imports fail fast);
    sklearn's dataframe checks read that entry and fail on None, so it is lifted while they run."""
    marked = "pandas" in sys.modules and sys.modules["pandas"] is None
    if marked:
        del sys.modules["pandas"]
    try:
        yield
    finally:
        if marked:
            sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]


def per_class_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    """F1 of each label, in ``labels`` order (0.0 for a label neither side has)."""
    with _pandas_marker_lifted():
        scores = f1_score(gold, predicted, labels=list(labels), average=None, zero_division=0)
    return {label: float(s) for label, s in zip(labels, scores)}


def confusion(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> np.ndarray:
    """Rows gold, columns predicted, in ``labels`` order."""
    with _pandas_marker_lifted():
        return confusion_matrix(gold, predicted, labels=list(labels))


def binary_prf(gold: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the positive class; all 0.0 when there is nothing to compare."""
    if not gold:
        return 0.0, 0.0, 0.0
    with _pandas_marker_lifted():
        p, r, f, _ = precision_recall_fscore_support(gold, predicted, average="binary", pos_label=True, zero_division=0)
    return float(p), float(r), float(f)


def per_label_prf(
    gold: Sequence[Sequence[bool]], predicted: Sequence[Sequence[bool]], labels: Sequence[str]
) -> dict[str, tuple[float, float, float, int]]:
    """Multi-label (one row of booleans per item, one column per label): (P, R, F1, gold count) per label."""
    with _pandas_marker_lifted():
        p, r, f, support = precision_recall_fscore_support(
            np.array(gold, dtype=bool), np.array(predicted, dtype=bool), average=None, zero_division=0
        )
    return {label: (float(p[i]), float(r[i]), float(f[i]), int(support[i])) for i, label in enumerate(labels)}


# --------------------------------------------------------------------------- entity spans (hand-written)


@dataclass(frozen=True, slots=True)
class TypeScore:
    type: str
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int


def score_spans(
    gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], types: Sequence[str] = ENTITY_TYPES
) -> tuple[list[TypeScore], float]:
    """Span-exact P/R/F1 per type and their macro F1 (seqeval-style: type and both bounds match)."""
    counts = {t: [0, 0, 0] for t in types}  # gold, predicted, correct
    for g_seq, p_seq in zip(gold, predicted, strict=True):
        g_spans, p_spans = set(bio_spans(g_seq)), set(bio_spans(p_seq))
        for s in g_spans:
            if s[2] in counts:
                counts[s[2]][0] += 1
        for s in p_spans:
            if s[2] in counts:
                counts[s[2]][1] += 1
                counts[s[2]][2] += s in g_spans
    scores = []
    for t in types:
        g, p, c = counts[t]
        scores.append(TypeScore(t, *prf(c, p, g), g, p, c))
    macro = sum(s.f1 for s in scores) / len(scores)
    return scores, macro
