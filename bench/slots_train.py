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

With --place-kinds the PLACE lines where an event was found are sorted by kind of error (see
:func:`place_kind`), so that the commonest general kind is fixed first.
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

from claimgraph.entities.places import Gazetteer, match_key  # noqa: E402
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
    ap.add_argument("--place-kinds", action="store_true", help="count the PLACE lines by kind of error")
    ap.add_argument("--show", type=int, default=0, help="with --place-kinds: print N lines of each kind")
    args = ap.parse_args(argv)
    gazetteer = Gazetteer.load() if args.place_kinds else None
    kinds: dict[str, list[dict]] = {}
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
            if role == "PLACE" and gazetteer is not None and event is not None:
                kind = place_kind(gazetteer, doc, ex, event, right)
                row["PLACE"]["kind"] = kind
                kinds.setdefault(kind, []).append(row)
        rows.append(row)
    print(f"{args.mode} mode, {len(examples)} TRAIN lines, {time.perf_counter() - started:.0f} s")
    for key, (right, n) in tally.items():
        print(f"  {key:<20} {right / n:.3f} ({right}/{n})" if n else f"  {key:<20} n/a")
    if gazetteer is not None:
        total = sum(map(len, kinds.values()))
        print(f"PLACE where an event was found (the judged one), by kind ({total} lines)")
        for kind, found in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
            print(f"  {kind:<52} {len(found):>5} ({len(found) / total:.3f})")
            for row in found[: args.show]:
                print(f"      {row['PLACE']['gold']} -> {row['PLACE']['got']!r}: {row['text'][:140]}")
    if args.errors:
        Path(args.errors).write_text(json.dumps(rows, indent=0), encoding="utf-8")
    return 0


def place_kind(gazetteer: Gazetteer, doc, ex, event, right: bool) -> str:
    """The kind of a PLACE line's outcome:

    - right lines: "right", or "right name, another division" / "right name, another country" when the
      place chosen lies outside a first-level division or country the sentence names beside it (a
      same-name place elsewhere: "Kaura, Kaduna" read as Kaura Namoda);
    - wrong lines: "unknown name" (no place of the gold's name is known, with or without an answer);
      "no place" (the name is known, nothing given); "coarser" (the answer is the gold place's division
      or country); "finer" (the answer lies inside the gold division or country); "another place in the
      sentence" (the answer is a place named elsewhere in the line); "other" (none of these).
    """
    spans = ex.role_spans("PLACE")
    names = [_bare(ex.text[s:e]) for s, e in spans]
    gold = [g for g in gazetteer.resolve_all(names, located=range(len(names))) if g is not None]
    chosen = gazetteer.get(event.place_id) if event is not None and event.place_id else None
    if right:
        containers = [
            m
            for m in doc.entities
            if m.place_id and m.precision in ("admin1", "country") and not any(s <= m.start < e for s, e in spans)
        ]
        if chosen is None or not containers:
            return "right"
        if any(m.precision == "admin1" for m in containers) and chosen.admin1 not in {
            m.admin1 for m in containers if m.precision == "admin1"
        }:
            return "right name, another division than the line names"
        if chosen.country not in {m.country for m in containers}:
            return "right name, another country than the line names"
        return "right"
    if not gold:
        return "unknown name" + (", an answer" if event is not None and event.location else ", no answer")
    if chosen is None:
        return "no place (the gold name is known)"
    for g in gold:
        if chosen.kind == "country" and chosen.country == g.country and g.kind != "country":
            return "coarser: the country"
        if chosen.kind == "admin1" and g.admin1 and chosen.admin1 == g.admin1 and g.kind != "admin1":
            return "coarser: the division"
        if g.kind == "country" and chosen.country == g.country:
            return "finer: inside the gold country"
        if g.kind == "admin1" and chosen.admin1 == g.admin1:
            return "finer: inside the gold division"
    if any(m.place_id == chosen.id and not any(s <= m.start < e for s, e in spans) for m in doc.entities if m.place_id):
        return "another place in the sentence"
    return "other (a same-name place, a wrong reading)"


def _bare(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


if __name__ == "__main__":
    raise SystemExit(main())
