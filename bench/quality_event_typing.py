"""Event typing on the distinctions of issue 14.1, both methods, each folder's DEV lines apart:
data/synthetic/events/typing/ (nominal attacks vs ARREST / CHEM_WEAP, places hosting people vs
HQ_ESTABLISHED, statements vs PEACE_PROTEST) and data/synthetic/events/typing_violence/ (state forces vs armed
groups = ARMED_CLASH, one-sided ATTACK, FORCE_AGAINST_PROTEST only on protesters, IEDs / shelling / air strikes
as remote violence); split by scripts/events_corpus.py's hash rule. A line's type is its most confident listed
event's, NONE when none, exactly as bench/quality_events.py reads the main corpus's DEV lines; prints type
weighted F1, accuracy per gold type and the confusions.

    PYTHONPATH=src .venv/bin/python bench/quality_event_typing.py [--folders typing typing_violence]

The learned model may train on these folders' TRAIN lines (scripts/train_events.py); DEV lines are never read
in training.
"""

from __future__ import annotations

import argparse
from collections import Counter

from quality_events import CONFIDENT, CORPUS, METHODS, NONE, make_doc, read_corpus, weighted_f1

from claimgraph.clean import load_rules
from claimgraph_eval.detection import is_listed

FOLDERS = ("typing", "typing_violence")


def typed(rules, method: str, folder: str = "typing") -> tuple[list[str], list[str]]:
    """(gold types, predicted types) of a typing folder's DEV lines."""
    gold, predicted = [], []
    for i, ex in enumerate(e for e in read_corpus(CORPUS / folder) if e.dev):
        doc = make_doc(ex.text, f"{folder}-dev-{i}", rules, method)
        listed = [e for e in doc.events if is_listed(e) and e.confidence >= CONFIDENT[method]]
        gold.append(ex.type)
        predicted.append(max(listed, key=lambda e: e.confidence).type if listed else NONE)
    return gold, predicted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folders", nargs="+", default=list(FOLDERS), help="subfolders of data/synthetic/events")
    args = ap.parse_args()
    rules = load_rules()
    for folder, method in ((f, m) for f in args.folders for m in METHODS):
        gold, predicted = typed(rules, method, folder)
        right = Counter(g for g, p in zip(gold, predicted) if g == p)
        print(f"{folder}/ {method}: {len(gold)} DEV lines, type weighted F1 {weighted_f1(gold, predicted):.3f}")
        print("  right per gold type: " + ", ".join(f"{t} {right[t]}/{n}" for t, n in sorted(Counter(gold).items())))
        wrong = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
        print("  confusions: " + ", ".join(f"{g}->{p} {n}" for (g, p), n in wrong.most_common()))


if __name__ == "__main__":
    main()
