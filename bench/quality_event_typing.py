"""Event typing on the distinctions of issue 14.1, both methods: the DEV lines of
data/synthetic/events/typing/ (nominal attacks vs ARREST / CHEM_WEAP, places hosting people vs
HQ_ESTABLISHED, statements vs PEACE_PROTEST; split by scripts/events_corpus.py's hash rule). A line's type
is its most confident listed event's, NONE when none, exactly as bench/quality_events.py reads the main
corpus's DEV lines; prints type weighted F1, accuracy per gold type and the confusions.

    PYTHONPATH=src .venv/bin/python bench/quality_event_typing.py

The learned model may train on this folder's TRAIN lines (scripts/train_events.py); DEV lines are never read
in training.
"""

from __future__ import annotations

from collections import Counter

from quality_events import CONFIDENT, CORPUS, METHODS, NONE, make_doc, read_corpus, weighted_f1

from claimgraph.clean import load_rules
from claimgraph_eval.detection import is_listed

TYPING = CORPUS / "typing"


def typed(rules, method: str) -> tuple[list[str], list[str]]:
    """(gold types, predicted types) of the typing folder's DEV lines."""
    gold, predicted = [], []
    for i, ex in enumerate(e for e in read_corpus(TYPING) if e.dev):
        doc = make_doc(ex.text, f"typing-dev-{i}", rules, method)
        listed = [e for e in doc.events if is_listed(e) and e.confidence >= CONFIDENT[method]]
        gold.append(ex.type)
        predicted.append(max(listed, key=lambda e: e.confidence).type if listed else NONE)
    return gold, predicted


def main() -> None:
    rules = load_rules()
    for method in METHODS:
        gold, predicted = typed(rules, method)
        right = Counter(g for g, p in zip(gold, predicted) if g == p)
        print(f"{method}: {len(gold)} DEV lines, type weighted F1 {weighted_f1(gold, predicted):.3f}")
        print("  right per gold type: " + ", ".join(f"{t} {right[t]}/{n}" for t, n in sorted(Counter(gold).items())))
        wrong = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
        print("  confusions: " + ", ".join(f"{g}->{p} {n}" for (g, p), n in wrong.most_common()))


if __name__ == "__main__":
    main()
