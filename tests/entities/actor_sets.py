"""The project's synthetic actor-linking sets (tests/fixtures/entities/*.yaml: sentences with the actor ids
they should link), read and scored one way for every test that uses one: a stable train/dev split by the
first hex digit of the sha1 of each text (0-9 train, a-f dev) and the micro F1 of linked actor ids."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from claimgraph.entities.extract import EntityExtractor, find_mentions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "entities"
# the actors a sentence is scored on: who acts, not the states its place words name
SCORED = frozenset({"armed_group", "state_organ", "igo", "political_party", "media"})


def load_cases(name: str) -> list[dict]:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))["cases"]


def split_of(text: str) -> str:
    return "train" if hashlib.sha1(text.encode("utf-8")).hexdigest()[0] in "0123456789" else "dev"


def linked(text: str, extractor: EntityExtractor, mode: str = "fast") -> set[str]:
    return {m.actor_id for m in find_mentions(text, extractor, mode=mode) if m.actor_id and m.actor_type in SCORED}


def score(
    cases: list[dict], extractor: EntityExtractor, split: str, mode: str = "fast"
) -> tuple[float, int, list[tuple[str, set, set]]]:
    """Micro F1 of linked actor ids over the split's sentences, the sentences wholly right, the wrong ones."""
    tp = fp = fn = right = 0
    wrong = []
    for case in cases:
        if split_of(case["text"]) != split:
            continue
        gold, got = set(case["gold"]), linked(case["text"], extractor, mode)
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
        right += gold == got
        if gold != got:
            wrong.append((case["text"], gold, got))
    return (2 * tp / (2 * tp + fp + fn) if tp else 0.0), right, wrong
