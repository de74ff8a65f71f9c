"""Where event typing goes wrong, on TRAIN data only (issue 14.1): the confusion tables of both methods (rules =
fast mode, learned = accurate mode) on SATP *train* texts and on the synthetic corpus's TRAIN lines. A development
aid for choosing what new training lines must teach; it reads no dev split, so its findings may shape data.

    PYTHONPATH=src:bench .venv/bin/python bench/quality_event_confusions.py [--satp-limit N] [--corpus-every N]

SATP: per gold label (a text may carry several), the SATP labels the method finds (a confident listed event of a
mapped type, as bench/quality_events.py reads SATP dev), and the event types behind each wrong or missing label.
Corpus: gold type -> predicted type (a line's type is its most confident listed event's, NONE when none), the
most frequent confusions. The learned model was trained on these very lines, so its corpus confusions understate
what it gets wrong on new text; the rule path's do not.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from quality_events import CONFIDENT, CORPUS, METHODS, NONE, make_doc, read_corpus

from claimgraph.clean import load_rules
from claimgraph_eval import satp
from claimgraph_eval.detection import is_listed

REPO = Path(__file__).resolve().parents[1]


def confident_types(text: str, name: str, rules, method: str) -> list[tuple[float, str]]:
    doc = make_doc(text, name, rules, method)
    return [(e.confidence, e.type) for e in doc.events if is_listed(e) and e.confidence >= CONFIDENT[method]]


def satp_table(path: Path, rules, method: str, limit: int | None) -> list[str]:
    rows = satp.read(path)[:limit]
    found_by = defaultdict(Counter)  # gold label -> predicted label counts
    wrong_types = Counter()  # (predicted label the text lacks, type) -> texts
    missed_as = Counter()  # (gold label missed, types found instead or NONE) -> texts
    for i, (text, labels) in enumerate(rows):
        types = {t for _, t in confident_types(text, f"satp-train-{i}", rules, method)}
        found = {label for label, members in satp.MAP.items() if types & members} or {"other"}
        gold = {label for label, on in zip(satp.LABELS, labels) if on}
        for g in gold:
            found_by[g].update(found)
        for label in found - gold:
            for t in types & satp.MAP.get(label, set()):
                wrong_types[(label, t)] += 1
        for label in gold - found:
            missed_as[(label, ", ".join(sorted(types)) or NONE)] += 1
    out = [f"{method}: SATP train, {len(rows)} texts; rows gold label, columns labels found", ""]
    out += ["| gold \\ found | " + " | ".join(satp.LABELS) + " |", "|---" * (len(satp.LABELS) + 1) + "|"]
    out += [f"| {g} | " + " | ".join(str(found_by[g][f]) for f in satp.LABELS) + " |" for g in satp.LABELS]
    out += [
        "",
        "label found that the text lacks, by type: "
        + ", ".join(f"{a}<-{t} {n}" for (a, t), n in wrong_types.most_common(15)),
    ]
    out += [
        "gold label missed, types found instead: "
        + "; ".join(f"{a}: {t} {n}" for (a, t), n in missed_as.most_common(12)),
        "",
    ]
    return out


def corpus_table(rules, method: str, every: int) -> list[str]:
    examples = [e for e in read_corpus(CORPUS) + read_corpus(CORPUS / "typing") if not e.dev][::every]
    pairs = Counter()
    for i, ex in enumerate(examples):
        listed = confident_types(ex.text, f"train-{i}", rules, method)
        pairs[(ex.type, max(listed)[1] if listed else NONE)] += 1
    right = sum(n for (g, p), n in pairs.items() if g == p)
    wrong = [(k, n) for k, n in pairs.most_common() if k[0] != k[1]]
    out = [
        f"{method}: corpus TRAIN lines (main + typing/, every {every}.), {len(examples)} lines, {right} right",
        "",
    ]
    out += ["confusions gold->predicted: " + ", ".join(f"{g}->{p} {n}" for (g, p), n in wrong[:40]), ""]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--satp-limit", type=int, default=None, help="read only the first N SATP train texts")
    ap.add_argument("--corpus-every", type=int, default=1, help="read every Nth corpus TRAIN line (all types stay)")
    ap.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    args = ap.parse_args()
    rules = load_rules()
    for method in args.methods:
        print(
            "\n".join(
                satp_table(Path(args.shared) / "datasets/satp_relevant/train.tsv", rules, method, args.satp_limit)
            )
        )
        print("\n".join(corpus_table(rules, method, args.corpus_every)), flush=True)


if __name__ == "__main__":
    main()
