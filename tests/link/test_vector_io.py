"""Sentence vectors to and from the store through numpy (no JSON), bit for bit."""

from __future__ import annotations

import numpy as np

from claimgraph.link.embeddings import Embedder, StoreEmbeddingCache
from claimgraph.store import Store
from claimgraph.store.vectors import write_vectors


def test_vectors_round_trip_exactly_and_replace_only_when_asked(tmp_path):
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(5, 7)).astype(np.float32)
    keys = [f"k{i}" for i in range(5)]
    with Store(tmp_path / "v.duckdb") as store:
        with store.batch() as s:
            write_vectors(s._connection(), keys, vectors, "fast", replace=False)
        got = store.vectors.read(keys + ["absent"])
        assert sorted(got) == keys
        assert all(np.array_equal(got[k], v) for k, v in zip(keys, vectors))
        with store.batch() as s:  # an existing key stays unless replaced
            write_vectors(s._connection(), keys[:1], vectors[1:2], "fast", replace=False)
        assert np.array_equal(store.vectors.read(keys[:1])["k0"], vectors[0])
        with store.batch() as s:
            write_vectors(s._connection(), keys[:1], vectors[1:2], "fast", replace=True)
        assert np.array_equal(store.vectors.read(keys[:1])["k0"], vectors[1])
        with store.batch() as s:  # a key given twice in one write is written once, with its first vector
            write_vectors(s._connection(), ["k9", "k9"], vectors[2:4], "fast", replace=False)
            write_vectors(s._connection(), ["k8", "k8"], vectors[2:4], "fast", replace=True)
        got = store.vectors.read(["k8", "k9"])
        assert np.array_equal(got["k8"], vectors[2]) and np.array_equal(got["k9"], vectors[2])
        rows = store.query("SELECT mode, dim, count(*) AS n FROM sentence_embeddings GROUP BY ALL")
        assert rows == [{"mode": "fast", "dim": 7, "n": 7}]


def test_the_store_cache_reads_back_what_it_encoded(tmp_path):
    texts = [
        "ISKP poses a genuine threat.",
        "Hundreds of trucks were stranded at Torkham.",
        "ISKP poses a genuine threat.",
    ]
    with Store(tmp_path / "c.duckdb") as store:
        first = StoreEmbeddingCache(Embedder("fast"), store).encode(texts)
        assert store.query("SELECT count(*) AS n FROM sentence_embeddings")[0]["n"] == 2
        again = StoreEmbeddingCache(Embedder("fast"), store).encode(texts)  # a new cache: from the store
    assert np.array_equal(first, again)
    assert np.array_equal(first, Embedder("fast").encode(texts))
