"""Responsibility read the right way round: who claims an attack, who is blamed, who blames, who denies
(issue 16.2 perpetrator values, 16.3).

    .venv/bin/python bench/quality_responsibility.py [--mode fast|accurate] [--split train|dev] [--errors]

Train only unless ``--split dev`` is given: dev is scored once before and once after a change.

bench/data/responsibility_reads.yaml (synthetic, project-written; split in its header: sha1 of the text % 3
== 0 is dev). Each text goes through the pipeline; its perpetrator values are read as the disputes step
reads them (``link.disputes.values.document_perpetrators``) and, with its events, give readings:
``claimed <doer>`` (a value whose qualifier is "claimed"), ``blamed <doer>`` ("blamed"), ``done <doer>``
("stated"), ``blamer <speaker>`` (a blamed value's linked or named speaker), ``denier <actor>`` (the
first actor of a DENY event or the linked speaker of a denied claim). Gold names are keyed as values are
(``perpetrator_key``: an alias or a group's province is one doer); a speaker also matches by its words.
A text is right when its readings are exactly the gold's; P/R are over readings.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
from pathlib import Path

import yaml

from claimgraph.entities.ontology import load_cached
from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.perpetrators import perpetrator_key, same_doer, words_of
from claimgraph.link.disputes.values import document_perpetrators
from claimgraph.link.propositions import load_config as load_weights

DATA = Path(__file__).resolve().parents[1] / "bench" / "data" / "responsibility_reads.yaml"
ROLES = (("claimed_by", "claimed"), ("blamed_on", "blamed"), ("done_by", "done"), ("blamed_by", "blamer"))
ROLES += (("denied_by", "denier"),)
DOER_ROLES = frozenset({"claimed", "blamed", "done"})


def split(t: dict) -> str:
    return "dev" if int(hashlib.sha1(t["text"].encode()).hexdigest(), 16) % 3 == 0 else "train"


def rows_of(doc) -> tuple[list[dict], list[dict]]:
    """A pipeline document's events and claims as the disputes step reads them from the store."""
    ontology = load_cached()
    base = {"doc_id": doc.id, "site": "bench", "author": None, "doc_date": doc.meta.date}
    events = []
    for e in doc.events:
        row = {"location": None, "country": None, "admin1": None} | dataclasses.asdict(e) | base
        events.append(row | {"event_id": e.id, "sentence": doc.clean_text[e.sentence_start : e.sentence_end]})
    claims = []
    for c in doc.claims:
        actor = ontology.get(c.speaker_actor) if c.speaker_actor else None
        row = dataclasses.asdict(c) | {"claim_id": c.id, "speaker_actor_type": actor.type if actor else None}
        claims.append(row)
    return events, claims


def readings(doc) -> set[tuple[str, str, str]]:
    """(role, key, words) of what one document says about who did its attacks."""
    events, claims = rows_of(doc)
    out = set()
    role = {"claimed": "claimed", "blamed": "blamed"}
    by_id = {e["event_id"]: e for e in events}
    for v in document_perpetrators(events, claims, load_config(), load_weights(), load_cached()):
        r = role.get(v.qualifier or "", "done")
        speaker = (v.speaker_actor, v.speaker)
        if v.qualifier is None:  # a tree before values said how (main at 68511a4): the event that gave it
            e = by_id[v.event_id]
            r = "claimed" if e["type"] == "ATTRIB" else "blamed" if e["type"] == "ACCUSE" else "done"
            speaker = (e["actor1"], e["actor1_text"]) if r == "blamed" else speaker
        out.add((r, v.key, v.value or ""))
        if r == "blamed" and (speaker[0] or speaker[1] not in (None, "bench")):
            out.add(("blamer", speaker[0] or "", speaker[1] or ""))
    for e in events:
        if e["type"] == "DENY" and not e["negated"] and (e["actor1"] or e["actor1_text"]):
            out.add(("denier", e["actor1"] or "", e["actor1_text"] or ""))
    for c in claims:
        if c["status"] == "denied" and (c["speaker_actor"] or c["speaker_text"]):
            out.add(("denier", c["speaker_actor"] or "", c["speaker_text"] or ""))
    return out


def matches(role: str, name: str, got: tuple[str, str, str]) -> bool:
    if got[0] != role:
        return False
    key = perpetrator_key(None, name)
    if key is not None and got[1] and same_doer(key, got[1]):
        return True
    if role in DOER_ROLES:
        return key is not None and key == perpetrator_key(None, got[2])
    a, b = words_of(name), words_of(got[2])  # a speaker: its words ("the army", "officials")
    return bool(a) and bool(b) and (a in b or b in a)


def score(gold: list[tuple[str, str]], got: set[tuple[str, str, str]]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one text; a reading matches one gold at most."""
    left = set(got)
    tp = fn = 0
    for role, name in gold:
        hit = next((g for g in sorted(left) if matches(role, name, g)), None)
        if hit is None:
            fn += 1
        else:
            tp += 1
            left.discard(hit)
    # readings of a role the gold has no entry for, or extra ones, are false positives; several
    # readings of one gold doer (an alias, a province) are one
    fp = sum(1 for g in left if not any(matches(r, n, g) for r, n in gold))
    return tp, fp, fn


def main() -> None:
    from claimgraph.model import Metadata, Source, new_document
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings

    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", default="fast", choices=("fast", "accurate"))
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--errors", action="store_true", help="print the train texts read wrong")
    args = ap.parse_args()
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": args.mode}))
    texts = yaml.safe_load(DATA.read_text(encoding="utf-8"))["texts"]
    for name in (args.split,):
        some = [t for t in texts if split(t) == name]
        tp = fp = fn = right = 0
        for t in some:
            doc = pipe(new_document(Source("t.txt", "txt"), t["text"], Metadata(date="2025-03-10")))
            gold = [(role, n) for field, role in ROLES for n in t.get(field) or ()]
            got = readings(doc)
            a, b, c = score(gold, got)
            tp, fp, fn, right = tp + a, fp + b, fn + c, right + (b == 0 and c == 0)
            if args.errors and name == "train" and (b or c):
                print(f"  wrong: {t['text']}\n    gold {gold}\n    got  {sorted(got)}")
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:5} {args.mode:8} texts {right}/{len(some)} right, readings P={p:.3f} R={r:.3f} F1={f1:.3f}")


if __name__ == "__main__":
    main()
