"""Where the accurate mode loses MUC-4 role fillers, measured on a held-out slice of MUC-4 *train* (never dev).

Runs the learned event stage (as bench/quality_events.py does) over the documents of one fold of MUC-4 train
(``--fold K`` of ``--folds N``, by a hash of the document id: scripts/train_event_roles.py ``--hold-out K`` trains
without it) and sorts every gold filler and every predicted one into what went wrong, per role (perpetrator
organisation = actor1 text, target = actor2 text, instrument = weapon, as the bench scores them):

- gold: found exact; found with other boundaries (one contains the other); predicted under another role; its
  words in no sentence holding a listed violent event; in such a sentence but not predicted; the document has
  no listed violent event at all;
- predicted: right; boundary; a filler of another role (a perpetrator individual for the organisation); in a
  document MUC-4 gives no template (not a terrorist incident: military operations, politics); in a document
  with a template but no filler of that role; another phrase; an actor1 taken from a claim of
  responsibility elsewhere in the document (the claimant step).

Then, per role, what F1 each kind of loss costs: the exact F1 with every prediction in a document without a
template dropped (a perfect document relevance decision), the overlap F1 (perfect boundaries), both.

    PYTHONPATH=src .venv/bin/python bench/muc_role_errors.py [--fold 0] [--folds 5] [--models DIR] [--examples 8]
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path

from claimgraph_eval.detection import is_listed, is_violent

REPO = Path(__file__).resolve().parents[1]

ROLES = {
    "perp_org": ("perp_organization_id",),
    "target": ("phys_tgt_id", "hum_tgt_name"),
    "instrument": ("incident_instrument_id",),
}
FIELDS = {"perp_org": "actor1_text", "target": "actor2_text", "instrument": "weapon"}


def fold_of(docid: str, folds: int) -> int:
    return zlib.crc32(docid.encode()) % folds


def norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.upper()).split())


def run_events(items: dict[str, dict], cache: Path, models: str | None = None) -> dict[str, list]:
    """The learned stage's events per document, cached (a pickle per run of the same documents)."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    import quality_events  # noqa: PLC0415 (loads the models)

    from claimgraph.clean import load_rules  # noqa: PLC0415
    from claimgraph.events.learned import EventModel  # noqa: PLC0415

    if models is not None:  # a role head trained without this fold (train_event_roles.py --hold-out)
        quality_events.MODEL = EventModel.load(quality_events.LEXICON, Path(models))
    make_doc = quality_events.make_doc
    rules = load_rules()
    out = {}
    for n, (docid, item) in enumerate(items.items()):
        doc = make_doc(item["doc"], docid, rules, "learned")
        out[docid] = (doc.clean_text, list(doc.events))
        if n % 50 == 0:
            print(f"  {n}/{len(items)}", file=sys.stderr)
    cache.write_bytes(pickle.dumps(out))
    return out


def analyse(items: dict[str, dict], events: dict[str, tuple[str, list]], examples: int) -> None:
    gold_counts = {r: Counter() for r in ROLES}
    pred_counts = {r: Counter() for r in ROLES}
    shown = defaultdict(list)
    for docid, item in items.items():
        text, evs = events[docid]
        violent = [e for e in evs if is_violent(e) and is_listed(e)]
        ntext = " " + norm(text) + " "
        sentences = [" " + norm(text[e.sentence_start : e.sentence_end]) + " " for e in violent]
        preds = {r: {norm(getattr(e, FIELDS[r])) for e in violent if getattr(e, FIELDS[r])} for r in ROLES}
        from_claim = {
            norm(e.actor1_text)
            for e in violent
            if e.actor1_text and norm(e.actor1_text) not in norm(text[e.sentence_start : e.sentence_end])
        }
        gold = {r: [[norm(a) for a in al] for k in keys for al in item["roles"][k]] for r, keys in ROLES.items()}
        individuals = [norm(a) for al in item["roles"]["perp_individual_id"] for a in al]
        for role in ROLES:
            for aliases in gold[role]:
                if any(a in preds[role] for a in aliases):
                    why = "found exact"
                elif any(p and (p in a or a in p) for a in aliases for p in preds[role]):
                    why = "boundary"
                elif any(a in preds[o] for o in ROLES if o != role for a in aliases):
                    why = "other role"
                elif not violent:
                    why = "no violent event in document"
                elif not any(f" {a} " in s for a in aliases for s in sentences):
                    why = "not in an event sentence" if any(f" {a} " in ntext for a in aliases) else "not in text"
                else:
                    why = "in an event sentence, missed"
                gold_counts[role][why] += 1
                if len(shown[(role, why)]) < examples:
                    shown[(role, why)].append(f"{docid}: {aliases[0]} | predicted {sorted(preds[role])}")
            for p in preds[role]:
                if any(p in al for al in gold[role]):
                    why = "right"
                elif any(p in a or a in p for al in gold[role] for a in al):
                    why = "boundary"
                elif role == "perp_org" and p in from_claim:
                    why = "claimant step"
                elif role == "perp_org" and any(p in a or a in p for a in individuals):
                    why = "a perpetrator individual"
                elif any(p in a or a in p for o in ROLES if o != role for al in gold[o] for a in al):
                    why = "filler of another role"
                elif not any(item["roles"][k] for k in item["roles"]):
                    why = "document without a template"
                elif not gold[role]:
                    why = "document without this role"
                else:
                    why = "another phrase"
                pred_counts[role][why] += 1
                if len(shown[(role, "P " + why)]) < examples:
                    shown[(role, "P " + why)].append(f"{docid}: {p} | gold {[al[0] for al in gold[role]]}")
    for role in ROLES:
        g, p = gold_counts[role], pred_counts[role]
        tp_g, tp_p = g["found exact"], p["right"]
        prec = tp_p / sum(p.values()) if p else 0.0
        rec = tp_g / sum(g.values()) if g else 0.0
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"\n## {role}: P {prec:.3f} R {rec:.3f} F1 {f:.3f} (gold {sum(g.values())}, predicted {sum(p.values())})")
        print("gold:      " + ", ".join(f"{k} {v}" for k, v in g.most_common()))
        print("predicted: " + ", ".join(f"{k} {v}" for k, v in p.most_common()))
        n_pred, n_gold = sum(p.values()), sum(g.values())
        relevant = n_pred - p["document without a template"]
        print(
            "  ceilings: relevance perfect F1 {:.3f}; boundaries perfect F1 {:.3f}; both {:.3f}".format(
                _f1(tp_p, n_pred - p["document without a template"], tp_g, n_gold),
                _f1(tp_p + p["boundary"], n_pred, tp_g + g["boundary"], n_gold),
                _f1(tp_p + p["boundary"], relevant, tp_g + g["boundary"], n_gold),
            )
        )
        for (r, why), lines in sorted(shown.items()):
            if r == role and examples:
                print(f"  [{why}]")
                for line in lines:
                    print(f"    {line}")


def _f1(right_predicted: int, predicted: int, found: int, gold: int) -> float:
    p = right_predicted / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--muc", default=str(REPO.parent / "shared/datasets/muc4/train.json"))
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--examples", type=int, default=6)
    ap.add_argument("--cache", default="", help="pickle of the run's events (reused when it exists)")
    ap.add_argument("--models", help="a directory of event model files (a role head trained without this fold)")
    args = ap.parse_args()
    data = json.loads(Path(args.muc).read_text(encoding="utf-8"))
    items = {k: v for k, v in data.items() if fold_of(k, args.folds) == args.fold}
    if args.limit:
        items = dict(list(items.items())[: args.limit])
    cache = Path(args.cache or f"/tmp/muc-role-errors-{args.fold}-{args.folds}-{len(items)}.pkl")
    events = run_events(items, cache, args.models)
    print(f"MUC-4 train fold {args.fold}/{args.folds}: {len(items)} documents")
    analyse(items, events, args.examples)


if __name__ == "__main__":
    main()
