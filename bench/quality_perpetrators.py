"""Perpetrator values: are two sources' doers of one attack one account or two? (issue 16.2)

    .venv/bin/python bench/quality_perpetrators.py [--errors]

bench/data/perpetrator_pairs.yaml (synthetic, project-written; split in its header: sha1 of the pair's
texts % 3 == 0 is dev): pairs of doers as reports write them. Each phrase is linked as the entity
stage's dictionary links a name (the ontology's surfaces, a leading "the" aside) and keyed as
``link.disputes.perpetrators`` keys an event's perpetrator; a pair is a dispute when both give a value
and the two are not one doer. "before" is the comparison this replaced: a value only where an actor
was linked, a dispute whenever the two linked ids differ.

``--texts``: the same file's synthetic reports through the fast pipeline; a text is right when the doers its
violent events and the claims or accusations tied to them give (keyed as above) are exactly its gold
``doers`` (split: sha1 of the text % 3 == 0 is dev). ``--errors`` prints the train texts it gets wrong.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
from pathlib import Path

import yaml

from claimgraph.entities.ontology import Ontology
from claimgraph.link.disputes.perpetrators import perpetrator_key, same_doer

PAIRS = Path(__file__).resolve().parents[1] / "bench" / "data" / "perpetrator_pairs.yaml"


def split(p: dict) -> str:
    return "dev" if int(hashlib.sha1(f"{p['a']}\n{p['b']}".encode()).hexdigest(), 16) % 3 == 0 else "train"


def linked(text: str, ontology: Ontology) -> str | None:
    found = ontology.lookup_exact(text) or ontology.lookup_exact(text.removeprefix("the ").removeprefix("The "))
    return found[0].id if len(found) == 1 else None


def after(a: str, b: str, ontology: Ontology) -> bool:
    ka, kb = (perpetrator_key(linked(x, ontology), x, ontology) for x in (a, b))
    return ka is not None and kb is not None and not same_doer(ka, kb, ontology)


def before(a: str, b: str, ontology: Ontology) -> bool:
    ia, ib = linked(a, ontology), linked(b, ontology)
    return ia is not None and ib is not None and ia != ib


def scores(rows: list[tuple[bool, bool]]) -> str:
    tp = sum(g and p for g, p in rows)
    fp = sum(p and not g for g, p in rows)
    fn = sum(g and not p for g, p in rows)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    acc = sum(g == p for g, p in rows) / len(rows)
    return f"n={len(rows)} P={prec:.3f} R={rec:.3f} F1={f1:.3f} accuracy={acc:.3f}"


def text_split(t: dict) -> str:
    return "dev" if int(hashlib.sha1(t["text"].encode()).hexdigest(), 16) % 3 == 0 else "train"


def document_doers(pipe, text: str) -> set[str]:
    """The perpetrator keys one document gives, as ``link.disputes.values`` takes them from its events."""
    from claimgraph.link.disputes.perpetrators import gives_doer
    from claimgraph.model import Metadata, Source, new_document

    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
    events = [dataclasses.asdict(e) | {"event_id": e.id} for e in doc.events]
    return {k for e in events if (k := gives_doer(e, events)) is not None}


def texts(errors: bool) -> None:
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings

    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}))
    rows = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["texts"]
    for name in ("train", "dev"):
        some = [t for t in rows if text_split(t) == name]
        got = [(t, document_doers(pipe, t["text"])) for t in some]
        right = sum(d == set(t["doers"]) for t, d in got)
        extra = sum(len(d - set(t["doers"])) for t, d in got)
        missed = sum(len(set(t["doers"]) - d) for t, d in got)
        print(f"{name:5} texts {right}/{len(some)} right, {extra} values not the doer, {missed} doers missed")
        for t, d in got:
            if errors and name == "train" and d != set(t["doers"]):
                print(f"  wrong: {sorted(d)} {t}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true", help="print the train pairs the new comparison gets wrong")
    ap.add_argument("--texts", action="store_true", help="score the synthetic texts through the fast pipeline")
    args = ap.parse_args()
    if args.texts:
        texts(args.errors)
        return
    ontology = Ontology.load()
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    for name in ("train", "dev"):
        some = [p for p in pairs if split(p) == name]
        for label, fn in (("before", before), ("after", after)):
            print(f"{name:5} {label:6} {scores([(p['dispute'], fn(p['a'], p['b'], ontology)) for p in some])}")
        if args.errors and name == "train":
            for p in some:
                if after(p["a"], p["b"], ontology) != p["dispute"]:
                    print(f"  wrong: {p}")


if __name__ == "__main__":
    main()
