"""Speed of proposition clustering on 100k claim-like sentences.

    .venv/bin/python bench/speed_propositions.py [--shared PATH] [--claims N] [--mode fast|accurate]

Claims: the distinct sentences of the FNC-1 article bodies (news sentences about contested
stories, ~25k of 30+ characters) and their headlines; to reach N the rest are word-dropout
variants of them (each drops ~15% of the words at random, seed 1), the way one statement is
repeated in other words by other sources. Times, separately: sentence embeddings, topic terms
and claim vectors, and the clustering itself (``assign_to_centroids`` then ``refine_assignments``
with the shipped thresholds) that ``update_propositions`` runs; the store is not involved.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.link.embeddings import Embedder  # noqa: E402
from claimgraph.link.fnc1 import load_fnc1  # noqa: E402
from claimgraph.link.propositions import (assign_to_centroids, claim_vectors, load_config,  # noqa: E402
                                          refine_assignments, topic_terms)
from claimgraph.nlp.sentences import sentence_spans  # noqa: E402


def claim_texts(shared: Path, n: int, seed: int = 1) -> list[str]:
    pairs, bodies = load_fnc1(shared / "datasets" / "fnc1")
    seen: dict[str, None] = {}
    for body in bodies.values():
        for start, end in sentence_spans(body):
            text = " ".join(body[start:end].split())
            if len(text) >= 30:
                seen.setdefault(text)
    for p in pairs:
        seen.setdefault(" ".join(p.headline.split()))
    base = list(seen)
    rng = random.Random(seed)
    out = base[:n]
    while len(out) < n:
        words = rng.choice(base).split()
        kept = [w for w in words if rng.random() > 0.15] or words
        out.append(" ".join(kept))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="proposition clustering speed")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--mode", choices=("fast", "accurate"), default="fast")
    args = ap.parse_args(argv)
    if not (args.shared / "datasets" / "fnc1" / "train_bodies.csv").is_file():
        print(f"FNC-1 not found under {args.shared}/datasets/fnc1: pass --shared PATH", file=sys.stderr)
        return 1
    config = load_config()
    texts = claim_texts(args.shared, args.claims)
    embedder = Embedder(args.mode)
    embedder.encode(texts[:10])  # load the model before the clock starts

    started = time.perf_counter()
    embeddings = np.vstack([embedder.encode(texts[i:i + 4096]) for i in range(0, len(texts), 4096)])
    t_embed = time.perf_counter() - started

    started = time.perf_counter()
    vectors = claim_vectors(embeddings, [topic_terms(t, (), config) for t in texts], config)
    t_terms = time.perf_counter() - started

    started = time.perf_counter()
    labels, sums, _ = assign_to_centroids(vectors, None, config.assign_threshold, config.block_size)
    t_assign = time.perf_counter() - started
    started = time.perf_counter()
    labels, sums = refine_assignments(vectors, labels, sums, config.assign_threshold, config.block_size)
    t_refine = time.perf_counter() - started

    sizes = np.bincount(labels)
    sizes = sizes[sizes > 0]
    print(f"{len(texts)} claims ({args.mode} embeddings, {vectors.shape[1]} dims per claim vector):")
    print(f"  embeddings       {t_embed:8.1f} s  ({len(texts) / t_embed:,.0f} sentences/s)")
    print(f"  topic terms      {t_terms:8.1f} s")
    print(f"  assign           {t_assign:8.1f} s")
    print(f"  refine           {t_refine:8.1f} s")
    print(f"  clustering total {t_assign + t_refine:8.1f} s  (goal < 600 s); all stages "
          f"{t_embed + t_terms + t_assign + t_refine:.1f} s")
    print(f"  {len(sizes)} propositions; largest {sizes.max()}, singletons {(sizes == 1).sum()}, "
          f"median size {int(np.median(sizes))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
