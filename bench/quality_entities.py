"""Score the shipped re3d entity-type tagger on re3d dev: span-exact P/R/F1 per type, macro F1.

    .venv/bin/python bench/quality_entities.py [--shared PATH]

A span counts only when its type and both boundaries match the gold span (seqeval-style).
Also prints tagging speed over the dev sentences (features + CRF + number repair).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.entities.ner import EntityTagger, read_conll, score_spans  # noqa: E402


def evaluate(dev_path: Path) -> tuple[list, float, float]:
    """(per-type scores, macro F1, sentences per second) of the shipped model on ``dev_path``."""
    sentences = read_conll(dev_path)
    tagger = EntityTagger.load()
    started = time.perf_counter()
    predicted = [tagger.tag_tokens(words) for words, _ in sentences]
    speed = len(sentences) / max(time.perf_counter() - started, 1e-9)
    scores, macro = score_spans([labels for _, labels in sentences], predicted)
    return scores, macro, speed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="re3d dev scores of the shipped entity-type tagger")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared folder holding datasets/re3d (default: ../shared beside the repo)")
    args = ap.parse_args(argv)
    dev = args.shared / "datasets" / "re3d" / "dev.txt"
    if not dev.is_file():
        print(f"error: {dev} not found: pass --shared PATH pointing at the shared folder", file=sys.stderr)
        return 2
    try:
        scores, macro, speed = evaluate(dev)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"re3d dev, shipped model ({dev})")
    print(f"{'type':<18}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
    for s in scores:
        print(f"{s.type:<18}{100 * s.precision:7.1f}{100 * s.recall:7.1f}{100 * s.f1:7.1f}{s.gold:6d}{s.predicted:6d}")
    print(f"{'macro F1':<18}{'':>14}{100 * macro:7.1f}")
    print(f"speed: {speed:.0f} sentences/s (tag_tokens, one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
