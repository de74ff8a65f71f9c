"""Events a speaker denies or calls false (issue 14 / 16.3): the synthetic set bench/data/denied_events.yaml.

    PYTHONPATH=src .venv/bin/python bench/quality_denied_events.py [--split train|dev] [--mode fast|accurate] [-v]

Each text goes through the pipeline (all components, the document dated 2025-03-10). A gold trigger word is
read as the event whose trigger text holds it: "real" where that event is stored as a report (not negated,
no modality), "denied" where its modality is "denied", "other" where it is otherwise marked, "missing" where
no event has that trigger. Scores within a split (sha1 of the text: first hex digit 0-b train, c-f dev):
denied kept out: of the gold denied triggers, the share NOT stored as a report (denied, other or missing);
marked denied: the share stored with modality "denied" (listed for the analyst); real kept: of the gold real
triggers the pipeline finds, the share still stored as a report.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import yaml

from claimgraph.model import Metadata, Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings

DATA = Path(__file__).resolve().parent / "data" / "denied_events.yaml"


def split_of(text: str) -> str:
    return "train" if hashlib.sha1(text.encode()).hexdigest()[0] in "0123456789ab" else "dev"


def outcome(events, word: str) -> str:
    found = [e for e in events if word.lower() in e.trigger.lower() or e.trigger.lower() in word.lower()]
    if not found:
        return "missing"
    if any(not e.negated and e.modality is None for e in found):
        return "real"
    return "denied" if any(e.modality == "denied" for e in found) else "other"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train", choices=("train", "dev", "all"))
    ap.add_argument("--mode", default="fast", choices=("fast", "accurate"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    items = yaml.safe_load(DATA.read_text(encoding="utf-8"))["items"]
    chosen = [i for i in items if args.split == "all" or split_of(i["text"]) == args.split]
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": args.mode}))
    denied = {"n": 0, "out": 0, "marked": 0}
    real = {"n": 0, "kept": 0}
    for item in chosen:
        doc = pipe(new_document(Source("t.txt", "txt"), item["text"], Metadata(date="2025-03-10")))
        got = []
        for word in item.get("denied", []):
            o = outcome(doc.events, word)
            denied["n"] += 1
            denied["out"] += o != "real"
            denied["marked"] += o == "denied"
            got.append(f"denied:{word}={o}")
        for word in item.get("real", []):
            o = outcome(doc.events, word)
            if o != "missing":
                real["n"] += 1
                real["kept"] += o == "real"
            got.append(f"real:{word}={o}")
        if args.verbose:
            print(" ".join(got), "|", item["text"][:90])
            for e in doc.events:
                print(f"    event {e.type} {e.trigger!r} modality={e.modality} negated={e.negated} at={e.location}")
            for c in doc.claims:
                content = doc.clean_text[c.content_start : c.content_end]
                print(f"    claim {c.status}/{c.polarity} {c.speaker_text!r} content={content!r}")
    print(
        f"{args.split} ({len(chosen)} texts, {args.mode}): denied kept out {denied['out']}/{denied['n']}, "
        f"marked denied {denied['marked']}/{denied['n']}; real kept {real['kept']}/{real['n']}"
    )


if __name__ == "__main__":
    main()
