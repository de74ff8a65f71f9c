"""Assertion against denial: does a denial meet the assertion it denies, and only that one? (issue 16.3)

    .venv/bin/python bench/quality_denials.py [--write]

bench/data/denial_pairs.yaml (synthetic, project-written; split fixed in its header): per story an
assertion, its denial by another source, and a hard negative (a claim by another source about the
same actors but another fact). As ``link.disputes.denials`` matches them, each denial and each
hard negative of a split is joined to its nearest assertion of the split when their combined
similarity (the propositions' claim vectors, fast mode, no linked actors) reaches the threshold.
An edge is right when it joins a story's denial to that story's assertion. Reported: precision and
recall of the edges for a grid of thresholds on train, the one chosen there (best F1, ties: the
higher threshold) and what it gives on dev. The chosen value is ``match_similarity`` in
data/models/disputes.yaml.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import yaml
from docs_section import write_section

from claimgraph.link.disputes.config import load_config
from claimgraph.link.embeddings import Embedder, EmbeddingCache
from claimgraph.link.propositions import load_config as load_proposition_config
from claimgraph.link.propositions import vectors_of_claims

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "bench" / "data" / "denial_pairs.yaml"
SECTION = "## Assertion against denial (synthetic pairs)"
GRID = [round(0.30 + 0.02 * i, 2) for i in range(16)]


def split_vectors(split: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(assertions, denials, hard negatives) of one split (0 train, 1 dev), one row per story."""
    stories = [s for i, s in enumerate(yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["stories"]) if i % 2 == split]
    config = load_proposition_config()
    cache = EmbeddingCache(Embedder("fast"))
    texts = [s[k] for k in ("affirm", "deny", "other") for s in stories]
    v = vectors_of_claims([{"text": t, "actors": []} for t in texts], cache, config)
    n = len(stories)
    return v[:n], v[n : 2 * n], v[2 * n :]


def edges_score(affirm: np.ndarray, deny: np.ndarray, other: np.ndarray, threshold: float) -> tuple[float, float]:
    """(precision, recall) of nearest-assertion edges at ``threshold``."""
    right = wrong = 0
    for rows, own in ((deny, True), (other, False)):
        sims = rows @ affirm.T
        for i, row in enumerate(sims):
            j = int(row.argmax())
            if row[j] >= threshold:
                if own and j == i:
                    right += 1
                else:
                    wrong += 1
    made = right + wrong
    return (right / made if made else 1.0), right / len(affirm)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="replace the section in docs/quality.md")
    args = parser.parse_args()
    train, dev = split_vectors(0), split_vectors(1)
    grid = [(t, *edges_score(*train, t)) for t in GRID]
    chosen = max(grid, key=lambda g: (round(f1(g[1], g[2]), 6), g[0]))[0]
    shipped = load_config().match_similarity
    lines = [SECTION, "", "    .venv/bin/python bench/quality_denials.py --write", ""]
    lines += ["| threshold | train P | train R | train F1 |", "| --- | --- | --- | --- |"]
    lines += [f"| {t:.2f} | {p:.3f} | {r:.3f} | {f1(p, r):.3f} |" for t, p, r in grid]
    lines.append("")
    for name, t in (("chosen on train", chosen), ("shipped (match_similarity)", shipped), ("before (0.60)", 0.6)):
        p, r = edges_score(*dev, t)
        lines.append(f"- {name} {t:.2f}: dev P {p:.3f} R {r:.3f} F1 {f1(p, r):.3f} ({len(dev[0])} stories)")
    lines.append("")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section(REPO / "docs" / "quality.md", SECTION, text, "# Quality")


if __name__ == "__main__":
    main()
