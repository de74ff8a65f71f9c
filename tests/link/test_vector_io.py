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
        rows = store.query("SELECT mode, dim, count(*) AS n FROM sentence_embeddings GROUP BY ALL")
        assert rows == [{"mode": "fast", "dim": 7, "n": 5}]


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


def test_proposition_vectors_round_trip_exactly_and_are_found_where_an_earlier_version_kept_them(tmp_path):
    from claimgraph.store.vectors import write_kept

    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(4, 1152)).astype(np.float32)
    keys = [f"p{i}:fast:abc" for i in range(4)]
    with Store(tmp_path / "p.duckdb") as store:
        with store.batch() as s:  # a store of before migration 013: sums among the sentence vectors
            write_vectors(s._connection(), keys[:2], vectors[:2], "proposition-sums:fast", replace=False)
            write_kept(s._connection(), keys[2:], vectors[2:], "proposition-sums:fast")
        got = store.vectors.read_kept(keys + ["absent"])
        assert sorted(got) == keys and all(np.array_equal(got[k], v) for k, v in zip(keys, vectors))
        with store.batch() as s:  # written again: moved to proposition_vectors, one row per key
            write_kept(s._connection(), keys[:1], vectors[3:], "proposition-sums:fast")
        assert np.array_equal(store.vectors.read_kept(keys[:1])[keys[0]], vectors[3])
        assert store.query("SELECT count(*) AS n FROM sentence_embeddings")[0]["n"] == 1
        assert store.query("SELECT count(*) AS n FROM proposition_vectors")[0]["n"] == 3
        store.vectors.replace_mode("proposition-sums:fast", keys[:1], vectors[:1])  # every one of the mode
        assert list(store.vectors.read_kept(keys)) == keys[:1]
