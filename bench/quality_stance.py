"""Quality of the stance model (FNC-1 dev) and of claim_relation (examples/scenario.yaml pairs).

    .venv/bin/python bench/quality_stance.py [--shared PATH] [--mode fast|accurate]

FNC-1 dev = the 20% of Body IDs that scripts/train_stance.py holds out (split seed 1); the shipped
model never saw them. Prints the official FNC-1 relative score, per-class F1 and the confusion
matrix, then how many of the scenario's agree / contradict sentence pairs claim_relation labels
supports / contradicts, for the tuning half (even 0-based positions in each list, which the
thresholds in data/models/claim_relation.yaml were set on) and the held-out half (odd positions).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.link.relation import claim_relation  # noqa: E402
from claimgraph.link.stance import LABELS, StanceModel  # noqa: E402
from claimgraph_eval.fnc1 import load_fnc1, relative_score, split_by_body  # noqa: E402
from claimgraph_eval.metrics import confusion, per_class_f1  # noqa: E402

SCENARIO = REPO / "examples" / "scenario.yaml"
EXPECTED = {"agree": "supports", "contradict": "contradicts"}


def scenario_pairs(path: Path = SCENARIO) -> list[tuple[str, int, str, str, str]]:
    """(kind, position, a, b, expected relation) for every claims.agree / claims.contradict pair."""
    claims = yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
    return [
        (kind, i, pair["a"]["text"], pair["b"]["text"], EXPECTED[kind])
        for kind in ("agree", "contradict")
        for i, pair in enumerate(claims[kind])
    ]


def fnc1_dev(shared: Path, mode: str) -> None:
    data = shared / "datasets" / "fnc1"
    if not (data / "train_stances.csv").is_file():
        print(f"FNC-1 not found under {data}: pass --shared PATH", file=sys.stderr)
        return
    pairs, bodies = load_fnc1(data)
    _, dev = split_by_body(pairs)
    model = StanceModel.load(mode=mode)
    started = time.perf_counter()
    predicted = [label for label, _ in model.predict([(p.headline, bodies[p.body_id]) for p in dev])]
    elapsed = time.perf_counter() - started
    gold = [p.stance for p in dev]
    f1 = per_class_f1(gold, predicted, LABELS)
    print(f"FNC-1 dev ({len(dev)} pairs, {len({p.body_id for p in dev})} held-out bodies, mode {mode}):")
    print(
        f"  relative score {relative_score(gold, predicted):.2%}   (competition best 82.02%, baseline 75.20% "
        "on the FNC-1 test set, which we do not have)"
    )
    print("  F1: " + ", ".join(f"{k} {v:.3f}" for k, v in f1.items()) + f"; macro {sum(f1.values()) / len(f1):.3f}")
    print("  confusion (rows gold, columns predicted):")
    print(f"    {'':<10}" + "".join(f"{label:>11}" for label in LABELS))
    for label, row in zip(LABELS, confusion(gold, predicted, LABELS)):
        print(f"    {label:<10}" + "".join(f"{n:>11}" for n in row))
    print(f"  ({len(dev) / elapsed:.0f} pairs/s including feature extraction)")


def scenario_relations(mode: str) -> None:
    halves = {"tuning (even)": [0, 0], "held-out (odd)": [0, 0]}
    print("Claim relation on examples/scenario.yaml pairs:")
    for kind, i, a, b, expected in scenario_pairs():
        label, score, reasons = claim_relation(a, b, mode=mode)
        half = "tuning (even)" if i % 2 == 0 else "held-out (odd)"
        halves[half][0] += label == expected
        halves[half][1] += 1
        mark = "ok " if label == expected else "ERR"
        print(f"  {mark} {kind:<10} #{i:<2} -> {label:<11} {score:.2f}  {'; '.join(reasons[2:]) or reasons[0]}")
    right = sum(r for r, _ in halves.values())
    total = sum(n for _, n in halves.values())
    for half, (r, n) in halves.items():
        print(f"  {half}: {r}/{n} right")
    print(f"  all: {right}/{total} right ({right / total:.0%})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="FNC-1 dev scores of the stance model; claim-relation accuracy")
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared folder holding datasets/fnc1 (default: ../shared beside the repo)",
    )
    ap.add_argument("--mode", choices=("fast", "accurate"), default="fast")
    ap.add_argument("--skip-fnc1", action="store_true", help="only the scenario pairs")
    args = ap.parse_args(argv)
    if not args.skip_fnc1:
        fnc1_dev(args.shared, args.mode)
    scenario_relations("fast")
    return 0


if __name__ == "__main__":
    sys.exit(main())
