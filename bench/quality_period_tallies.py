"""Tallies over a period and background states against incidents (data/synthetic/events/period_tallies):
a tally's or a background sentence's events must all be marked (``modality="cumulative"``) or absent, an
incident's sentence must keep one unmarked event. Split by sha1 of the text (its README); prints the share
right per split and kind, and each miss of the train split (dev misses are counted, not shown: develop on
train).

    PYTHONPATH=src python bench/quality_period_tallies.py [--mode fast|accurate]
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

from claimgraph.model import Metadata, Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings
from claimgraph.yamlfiles import load_yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "synthetic" / "events" / "period_tallies" / "sentences.yaml"


def split_of(text: str) -> str:
    return "dev" if int(hashlib.sha1(text.encode()).hexdigest(), 16) % 3 == 0 else "train"


def right(events, kind: str) -> bool:
    kept = [e for e in events if not e.negated and e.modality is None]
    return bool(kept) if kind == "incident" else not kept


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", default="fast", choices=["fast", "accurate"])
    args = ap.parse_args()
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": args.mode}))
    hits, totals = Counter(), Counter()
    for item in load_yaml(DATA.read_text(encoding="utf-8")):
        text, kind, split = item["text"], item["kind"], split_of(item["text"])
        doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
        ok = right(doc.events, kind)
        hits[split, kind] += ok
        totals[split, kind] += 1
        if not ok and split == "train":
            print(f"  miss ({kind}): {text}")
            print("     ", [(e.type, e.trigger, e.modality) for e in doc.events])
    for split in ("train", "dev"):
        row = [f"{k} {hits[split, k]}/{totals[split, k]}" for k in ("tally", "background", "incident")]
        right_all = sum(hits[split, k] for k in ("tally", "background", "incident"))
        all_ = sum(totals[split, k] for k in ("tally", "background", "incident"))
        print(f"{args.mode} {split}: {right_all}/{all_} ({', '.join(row)})")


if __name__ == "__main__":
    main()
