"""Quality of proposition clustering and sides, against hand-labelled claim pairs.

    .venv/bin/python bench/quality_propositions.py [--shared PATH] [--db FILE] [--questions FILE]

Builds a store from examples/corpus and the seeds (or reads --db, built from the same inputs with
`claimgraph run`), with the shipped defaults or (--questions) an analyst's file of disputed
questions, then checks each pair of tests/fixtures/link/proposition_pairs.yaml: same
proposition or not (pairwise precision / recall / F1) and, for pairs in the same proposition that
claimgraph also puts together, whether their sides agree (same) or conflict (opposite). Reports
the tuning half (even 0-based positions: the thresholds in data/models/propositions.yaml were set
on them) and the held-out half (odd positions) separately.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.store import Store  # noqa: E402
from claimgraph_eval.metrics import binary_prf, confusion  # noqa: E402

PAIRS = REPO / "tests" / "fixtures" / "link" / "proposition_pairs.yaml"
EXAMPLES = REPO / "examples" / "corpus"


def load_pairs(path: Path = PAIRS) -> list[tuple]:
    return [tuple(p) for p in yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def find_claim(rows: list[dict], doc: str, words: str) -> dict:
    """The one stored claim of document ``doc`` (file name, #record) whose sentence holds ``words``."""
    name, _, record = doc.removeprefix("seed:").partition("#")
    words = _norm(words)
    hits = [
        r
        for r in rows
        if r["source_path"].rsplit("/", 1)[-1] == name
        and (not record or (r["source_record"] or "").strip("<>").endswith(record))
        and words in _norm(r["text"])
    ]
    if not hits:
        raise LookupError(f"no claim of {doc} holds {words!r}")
    # several claims may share one sentence (one per speaker): prefer the one with a proposition
    hits.sort(key=lambda r: (r["proposition_id"] is None, r["seq"]))
    return hits[0]


def claim_rows(store: Store) -> list[dict]:
    return store.query(
        "SELECT c.id, c.seq, c.text, d.source_path, d.source_record, pc.proposition_id, pc.side "
        "FROM claims c JOIN documents d ON d.id = c.doc_id LEFT JOIN proposition_claims pc ON pc.claim_id = c.id "
        "WHERE d.duplicate_of IS NULL"
    )


def evaluate(store: Store, pairs: list[tuple]) -> dict:
    """Pairwise counts and side agreement for ``pairs``; ``missing`` lists pairs whose claim is absent."""
    rows = claim_rows(store)
    gold, predicted = [], []  # same proposition, per pair found
    side_right = side_total = 0
    missing, errors = [], []
    for pair in pairs:
        doc_a, words_a, doc_b, words_b, same, side = pair
        try:
            a, b = find_claim(rows, doc_a, words_a), find_claim(rows, doc_b, words_b)
        except LookupError as exc:
            missing.append(str(exc))
            continue
        together = a["proposition_id"] is not None and a["proposition_id"] == b["proposition_id"]
        same = same is True or same == "yes"
        gold.append(same)
        predicted.append(together)
        if together != same:
            errors.append(f"{'split' if same else 'merged'}: {words_a!r} / {words_b!r}")
        if same and together:
            side_total += 1
            got = (
                "same"
                if a["side"] == b["side"] and a["side"] != "neutral"
                else ("opposite" if {a["side"], b["side"]} == {"for", "against"} else "neutral")
            )
            side_right += got == side
            if got != side:
                errors.append(f"side {got} (want {side}): {words_a!r} [{a['side']}] / {words_b!r} [{b['side']}]")
    precision, recall, f1 = binary_prf(gold, predicted)
    tn, fp, fn, tp = (int(n) for n in confusion(gold, predicted, [False, True]).ravel()) if gold else (0, 0, 0, 0)
    return {
        "pairs": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "side_accuracy": side_right / side_total if side_total else 0.0,
        "side_pairs": side_total,
        "missing": missing,
        "errors": errors,
    }


def build_store(db: Path, shared: Path, questions: list[str]) -> None:
    from claimgraph.runner import run
    from claimgraph.settings import Settings

    settings = Settings.defaults().with_values({"link.questions": tuple(questions)})
    with Store(db) as store:
        report = run([str(EXAMPLES), str(shared / "corpus" / "seeds")], store, settings)
    for error in report.errors:
        print(f"error: {error.path}: {error.reason}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--db", type=Path, help="a store built from examples/corpus and the seeds")
    parser.add_argument("--errors", action="store_true", help="list each pair claimgraph gets wrong")
    parser.add_argument(
        "--questions",
        action="append",
        default=[],
        metavar="FILE",
        help="an analyst file of disputed questions (e.g. examples/questions.yaml); none: the shipped defaults",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "quality.duckdb"
            build_store(db, args.shared, args.questions)
        with Store(db) as store:
            from claimgraph.link.propositions import config_of_store, update_propositions

            update_propositions(store, config=config_of_store(store))
            pairs = load_pairs()
            for name, part in (
                ("tuning (even positions)", pairs[0::2]),
                ("held out (odd positions)", pairs[1::2]),
                ("all", pairs),
            ):
                r = evaluate(store, part)
                print(
                    f"{name}: {r['pairs']} pairs, same-proposition precision {r['precision']:.2f} recall "
                    f"{r['recall']:.2f} F1 {r['f1']:.2f} (tp {r['tp']} fp {r['fp']} fn {r['fn']} tn {r['tn']}); "
                    f"sides right on {r['side_accuracy']:.0%} of {r['side_pairs']} pairs put together"
                )
                for line in r["missing"]:
                    print(f"  missing: {line}")
                if args.errors and name == "all":
                    for line in r["errors"]:
                        print(f"  {line}")


if __name__ == "__main__":
    main()
