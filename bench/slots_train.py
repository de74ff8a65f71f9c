"""Event roles and places on the event corpus's TRAIN split: where the slot rules are read for errors.

    PYTHONPATH=src .venv/bin/python bench/slots_train.py [--mode fast|accurate] [--limit N] [--errors FILE]

The project slot set (data/synthetic/slots/slots_dev.jsonl) is dev only; the rule path's actor and
place rules were developed by reading this script's errors on the TRAIN lines of the synthetic event
corpus (data/synthetic/events/, split by its README's recorded sha1 rule), never on the slot set. Each
TRAIN line with a role span is run as one document (page date 2024-05-14); the event judged is the one
of the line's type where found, else the first. A1 / A2: the event's actor1_text / actor2_text contains
the span's text or is contained in it (case-insensitive); PLACE: the same over the event's location by
the gazetteer's match key. Reported over every line with the span and over the lines whose type was
found (the slot apart from detection). The accurate mode's role head is trained on these lines, so its
figures here are training figures, for comparison between runs only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from events_corpus import read_corpus  # noqa: E402

from claimgraph.entities.places import match_key  # noqa: E402
from claimgraph.model import Metadata, Source, new_document  # noqa: E402
from claimgraph.pipeline import Pipeline  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402

ROLES = (("A1", "actor1_text"), ("A2", "actor2_text"), ("PLACE", "location"))


def _right(role: str, got: str, gold: list[str]) -> bool:
    if not got:
        return False
    if role == "PLACE":
        key = match_key(got)
        return any(key in match_key(g) or match_key(g) in key for g in gold)
    return any(g.lower() in got.lower() or got.lower() in g.lower() for g in gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", default="fast", choices=("fast", "accurate"))
    ap.add_argument("--limit", type=int, default=0, help="the first N TRAIN lines only (0: all)")
    ap.add_argument("--errors", help="write every judged line (gold, got, right) to this JSON file")
    args = ap.parse_args(argv)
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": args.mode}))
    examples = [e for e in read_corpus() if not e.dev and e.type != "NONE"]
    examples = examples[: args.limit] if args.limit else examples
    tally = {f"{role}{part}": [0, 0] for role, _ in ROLES for part in ("", " (type found)")}
    rows = []
    started = time.perf_counter()
    for ex in examples:
        doc = pipe(new_document(Source(f"train/{ex.where}", "txt"), ex.text, Metadata(date="2024-05-14")))
        events = [e for e in doc.events if not e.negated]
        event = next((e for e in events if e.type == ex.type), events[0] if events else None)
        row = {"where": ex.where, "type": ex.type, "text": ex.text, "found": [e.type for e in events]}
        for role, name in ROLES:
            gold = [ex.text[s:e] for s, e in ex.role_spans(role)]
            if not gold:
                continue
            got = (getattr(event, name) or "") if event is not None else ""
            right = _right(role, got, gold)
            for key in (role, f"{role} (type found)") if ex.type in row["found"] else (role,):
                tally[key][0] += right
                tally[key][1] += 1
            row[role] = {"gold": gold, "got": got, "right": right}
        rows.append(row)
    print(f"{args.mode} mode, {len(examples)} TRAIN lines, {time.perf_counter() - started:.0f} s")
    for key, (right, n) in tally.items():
        print(f"  {key:<20} {right / n:.3f} ({right}/{n})" if n else f"  {key:<20} n/a")
    if args.errors:
        Path(args.errors).write_text(json.dumps(rows, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
