"""Centroid cosines with the topic-bag part multiplied sparsely: the dense product's values and placements."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from claimgraph.link.centroid_sims import Centroids
from claimgraph.link.embeddings import Embedder
from claimgraph.link.propositions import (
    assign_to_centroids,
    claim_vectors,
    load_config,
    refine_assignments,
    topic_terms,
)
from claimgraph.nlp.sentences import sentence_spans

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _example_vectors() -> np.ndarray:
    """Claim vectors (embedding, then topic bag) of the example corpus's text sentences."""
    sentences = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [text[s:e] for s, e in sentence_spans(text) if e - s > 30]
    config = load_config()
    return claim_vectors(Embedder("fast").encode(sentences), [topic_terms(s, (), config) for s in sentences], config)


def test_sparse_bags_give_the_dense_products():
    vectors = _example_vectors()
    split = vectors.shape[1] - load_config().bag_dimensions
    assert len(vectors) > 100 and (vectors[:, split:] == 0).mean() > 0.9  # the bags are mostly empty
    rng = np.random.default_rng(0)
    sums = np.stack([vectors[rng.choice(len(vectors), 3)].sum(axis=0) for _ in range(40)])
    sums[7] = 0  # a proposition every member left
    unit = sums / np.maximum(np.linalg.norm(sums, axis=1), 1e-12)[:, None]
    got = Centroids(sums, split).similarities(vectors)
    assert got.shape == (len(vectors), 40) and not got[:, 7].any()
    assert np.allclose(got, vectors @ unit.T, atol=1e-6)


def test_placement_with_sparse_bags_is_the_dense_placement():
    vectors = _example_vectors()
    config = load_config()
    split = vectors.shape[1] - config.bag_dimensions
    earlier, new = vectors[: len(vectors) // 2], vectors[len(vectors) // 2 :]
    _, sums, _ = assign_to_centroids(earlier, None, config.assign_threshold, 16)
    dense = assign_to_centroids(new, sums, config.assign_threshold, 16)
    sparse = assign_to_centroids(new, sums, config.assign_threshold, 16, sparse_from=split)
    assert (dense[0] == sparse[0]).all() and np.allclose(dense[1], sparse[1], atol=1e-6)
    assert (dense[0] < len(sums)).any() and (dense[0] >= len(sums)).any()  # some join, some open
    refined = refine_assignments(new, dense[0], dense[1], config.assign_threshold, 16)
    refined_sparse = refine_assignments(new, dense[0], dense[1], config.assign_threshold, 16, sparse_from=split)
    assert (refined[0] == refined_sparse[0]).all()


def test_placement_adds_each_blocks_members_when_the_block_ends():
    # the sums a placement returns, bit for bit: the stored ones, then per block the members that joined
    # a cluster standing at its start added in arrival order, and the clusters the block opened
    vectors = _example_vectors()
    config = load_config()
    split = vectors.shape[1] - config.bag_dimensions
    earlier, new = vectors[: len(vectors) // 2], vectors[len(vectors) // 2 :]
    _, stored, _ = assign_to_centroids(earlier, None, config.assign_threshold, 16)
    labels, sums, _ = assign_to_centroids(new, stored, config.assign_threshold, 16, sparse_from=split)
    expected = stored.copy()
    for start in range(0, len(new), 16):
        standing = len(expected)
        block, block_labels = new[start : start + 16], labels[start : start + 16]
        additions = np.zeros_like(expected)
        opened = np.zeros((len(block), expected.shape[1]), dtype=np.float32)
        for v, label in zip(block, block_labels):
            if label < standing:
                additions[label] += v
            else:
                opened[label - standing] += v
        expected = np.vstack([expected + additions, opened[: max(block_labels.max() + 1 - standing, 0)]])
    assert sums.shape == expected.shape and sums.tobytes() == expected.tobytes()
    assert (labels < len(stored)).any() and (labels >= len(stored)).any()
