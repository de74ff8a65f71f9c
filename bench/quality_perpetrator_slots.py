"""Perpetrator and actor slots that name nobody (issue 14 slots, 16.2): the doers a document gives, read as the
disputes step reads them, against gold on synthetic texts.

    PYTHONPATH=src:bench .venv/bin/python bench/quality_perpetrator_slots.py [--mode fast|accurate]
        [--split train|dev] [--errors]

Train only unless ``--split dev`` is given: dev is scored once before and once after a change.

bench/data/perpetrator_slots.yaml (synthetic, project-written; split in its header: sha1 of the text % 2 == 1 is
dev). Each text goes through the pipeline (its ``site``, when given, as the document's outlet); its perpetrator
values (``link.disputes.values.document_perpetrators``, any qualifier) are the doers it gives. Gold names are
ontology ids or names keyed as values are (``perpetrator_key``; an alias, a province or a group's outlet is
one doer). Reported: texts whose doers are exactly the gold's, values that are no gold doer (junk: a bare
noun, a victim, a loser, an outlet, a second name of one actor) and gold doers missed.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import yaml
from quality_responsibility import rows_of

from claimgraph.entities.ontology import load_cached
from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.perpetrators import perpetrator_key, same_doer
from claimgraph.link.disputes.values import document_perpetrators
from claimgraph.link.propositions import load_config as load_weights

DATA = Path(__file__).resolve().parents[1] / "bench" / "data" / "perpetrator_slots.yaml"


def split(t: dict) -> str:
    return "dev" if int(hashlib.sha1(t["text"].encode()).hexdigest(), 16) % 2 == 1 else "train"


def doers_of(doc) -> list[tuple[str, str]]:
    """(key, words) of each perpetrator value one document gives."""
    events, claims = rows_of(doc)
    values = document_perpetrators(events, claims, load_config(), load_weights(), load_cached())
    return sorted({(v.key, v.value or "") for v in values if v.key})


def score(gold: list[str], got: list[tuple[str, str]]) -> tuple[int, int]:
    """(values that are no gold doer, gold doers no value is)."""
    ontology = load_cached()
    # a gold name is an ontology id ("rsf": its acronym is guarded) or a name keyed as a value is
    keys = [k for g in gold if (k := g if g in ontology else perpetrator_key(None, g)) is not None]
    junk = sum(1 for k, _ in got if not any(same_doer(k, g) for g in keys))
    missed = sum(1 for g in keys if not any(same_doer(k, g) for k, _ in got))
    return junk, missed


def main() -> None:
    from claimgraph.model import Metadata, Source, new_document
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings

    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", default="fast", choices=("fast", "accurate"))
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--errors", action="store_true", help="print the texts read wrong (train only)")
    args = ap.parse_args()
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": args.mode}))
    texts = [t for t in yaml.safe_load(DATA.read_text(encoding="utf-8"))["texts"] if split(t) == args.split]
    right = junk = missed = 0
    for t in texts:
        meta = Metadata(date="2025-03-10", site=t.get("site"))
        got = doers_of(pipe(new_document(Source("t.txt", "txt"), t["text"], meta)))
        j, m = score(t["doers"], got)
        right, junk, missed = right + (j == 0 and m == 0), junk + j, missed + m
        if args.errors and args.split == "train" and (j or m):
            print(f"  wrong: {t['text']}\n    gold {t['doers']}\n    got  {got}")
    gold = sum(len(t["doers"]) for t in texts)
    head = f"{args.split:5} {args.mode:8} texts {right}/{len(texts)} right"
    print(f"{head}, {junk} values no doer, {missed}/{gold} doers missed")


if __name__ == "__main__":
    main()
