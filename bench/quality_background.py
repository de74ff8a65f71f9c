"""Background, generic, norm, trend, question and conditional sentences against incidents
(data/synthetic/events/background, issue 14): an incident's sentence must keep one listed event of a
non-statement type (not negated, no modality), any other sentence none. Split by sha1 of the text (its
README); prints the share right per split and label, and each miss of the train split (dev misses are
counted, not shown: develop on train).

    PYTHONPATH=src:bench python bench/quality_background.py [--mode fast|accurate|both] [--split train|dev|both]
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

from claimgraph.events.taxonomy import STATEMENTS
from claimgraph.model import Metadata, Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "synthetic" / "events" / "background" / "sentences.txt"
LABELS = ("incident", "generic", "norm", "trend", "question", "conditional")


def split_of(text: str) -> str:
    return "dev" if int(hashlib.sha1(text.strip().encode()).hexdigest()[:8], 16) % 3 == 0 else "train"


def read_items(path: Path = DATA) -> list[tuple[str, str, str]]:
    """(label, style, text) of each line."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, style, text = (p.strip() for p in line.split("|", 2))
            items.append((label, style, text))
    return items


def listed(events) -> list:
    return [e for e in events if not e.negated and e.modality is None and e.event_type != STATEMENTS]


def score(mode: str, splits: tuple[str, ...]) -> None:
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": mode}))
    hits, totals = Counter(), Counter()
    for label, _, text in read_items():
        split = split_of(text)
        if split not in splits:
            continue
        doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
        kept = listed(doc.events)
        ok = bool(kept) if label == "incident" else not kept
        hits[split, label] += ok
        totals[split, label] += 1
        if not ok and split == "train":
            print(f"  miss ({label}): {text}")
            print("     ", [(e.type, e.trigger, e.modality, e.negated) for e in doc.events])
    for split in splits:
        row = [f"{k} {hits[split, k]}/{totals[split, k]}" for k in LABELS]
        background = sum(hits[split, k] for k in LABELS[1:]), sum(totals[split, k] for k in LABELS[1:])
        print(
            f"{mode} {split}: incidents kept {hits[split, 'incident']}/{totals[split, 'incident']}, "
            f"background left out {background[0]}/{background[1]} ({', '.join(row)})"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", default="both", choices=["fast", "accurate", "both"])
    ap.add_argument("--split", default="train", choices=["train", "dev", "both"])
    args = ap.parse_args()
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    for mode in ("fast", "accurate") if args.mode == "both" else (args.mode,):
        score(mode, splits)


if __name__ == "__main__":
    main()
