"""Check-worthiness ranking (issue 15.5) on the dev lines of the project-written graded set.

    .venv/bin/python bench/quality_checkworthiness.py [--split dev] [--src PATH]

Each sentence of ``tests/fixtures/claims/checkworthiness_sentences.tsv`` (synthetic, graded 0-3,
split by sha1 % 3) is scored as the claim stage scores it (``checkworthiness``, then
``with_attribution`` where the attribution rules find a cue). Prints average precision for
checkable (grade >= 2) and for specific (grade 3) sentences, the mean score per grade, how many
reach the claim threshold, and the score distribution. ``--src`` scores with another checkout's
package (e.g. ``/work/main/src``, for the figures before a change).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def report(split: str) -> None:
    from claimgraph.claims.lexicon import load_lexicon
    from claimgraph_eval.worth_set import average_precision, load_worth_set, stage_score

    lex = load_lexicon("en")
    lines = [x for x in load_worth_set() if x.split == split]
    scores = [stage_score(x.sentence, lex) for x in lines]
    print(f"Check-worthiness, {split} split: {len(lines)} sentences ({sum(x.positive for x in lines)} checkable)")
    print(f"  average precision, checkable (grade >= 2): {average_precision(scores, [x.positive for x in lines]):.3f}")
    print(
        f"  average precision, specific (grade 3):     {average_precision(scores, [x.grade == 3 for x in lines]):.3f}"
    )
    for grade in (3, 2, 1, 0):
        got = sorted(s for s, x in zip(scores, lines) if x.grade == grade)
        claims = sum(s >= lex.threshold for s in got)
        print(
            f"  grade {grade}: {len(got):>3} sentences, mean {sum(got) / len(got):.2f}, "
            f"min {got[0]:.2f}, median {got[len(got) // 2]:.2f}, max {got[-1]:.2f}, "
            f"{claims} at or above the threshold {lex.threshold}"
        )
    bins = [0] * 10
    for s in scores:
        bins[min(9, int(s * 10))] += 1
    print("  distribution: " + "  ".join(f"{b / 10:.1f}-{(b + 1) / 10:.1f}: {n}" for b, n in enumerate(bins)))
    print(f"  distinct scores: {len(set(scores))}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Check-worthiness ranking on the project-written graded set")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--src", type=Path, default=REPO / "src", help="the package source to score with")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO / "bench"))
    sys.path.insert(0, str(args.src))
    report(args.split)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
