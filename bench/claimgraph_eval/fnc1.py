"""The FNC-1 stance data (../shared/datasets/fnc1/): reading, the body-held-out dev split, the score.

Used by scripts/train_stance.py and bench/quality_stance.py; per-class F1 and the confusion matrix
come from ``claimgraph_eval.metrics`` with ``claimgraph.link.stance.LABELS``.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DEV_FRACTION = 0.2
SPLIT_SEED = 1


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: int
    stance: str


def load_fnc1(directory: Path) -> tuple[list[Pair], dict[int, str]]:
    """(pairs, bodies by Body ID) from train_stances.csv and train_bodies.csv."""
    with open(directory / "train_bodies.csv", encoding="utf-8", newline="") as fh:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(fh)}
    with open(directory / "train_stances.csv", encoding="utf-8", newline="") as fh:
        pairs = [Pair(r["Headline"], int(r["Body ID"]), r["Stance"]) for r in csv.DictReader(fh)]
    return pairs, bodies


def split_by_body(
    pairs: Sequence[Pair], fraction: float = DEV_FRACTION, seed: int = SPLIT_SEED
) -> tuple[list[Pair], list[Pair]]:
    """(train, dev): a fixed random ``fraction`` of Body IDs, with all their pairs, is held out."""
    ids = sorted({p.body_id for p in pairs})
    random.Random(seed).shuffle(ids)
    dev_ids = set(ids[: round(len(ids) * fraction)])
    return [p for p in pairs if p.body_id not in dev_ids], [p for p in pairs if p.body_id in dev_ids]


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The official FNC-1 score: 0.25 for a right unrelated/related call, 0.75 more for the exact
    related label (agree/disagree/discuss)."""
    score = 0.0
    for g, p in zip(gold, predicted):
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.50
        if g != "unrelated" and p != "unrelated":
            score += 0.25
    return score


def relative_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """FNC-1 score as a share of the best possible (100% = every label right)."""
    best = fnc_score(gold, gold)
    return fnc_score(gold, predicted) / best if best else 0.0
