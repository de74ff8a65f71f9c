"""Features of the learned event model (events/features.py): the hashed heads' sums, the shared word vectors."""

from __future__ import annotations

import numpy as np

from claimgraph.events.features import WordVectors, hashed_sums, shared_word_vectors
from claimgraph.link.embeddings import STATIC_MODEL_DIR


def test_hashed_sums_are_the_row_by_row_sums_bit_for_bit():
    # one column (the attribution cue head: numpy sums it pairwise past 8 rows) and three (role heads: in
    # order); rows of every length from none to past numpy's 128-row pairwise block, mixed in one call
    rng = np.random.default_rng(7)
    for columns in (1, 3):
        table = (rng.standard_normal((4096, columns)) * 10.0 ** rng.integers(-3, 4, (4096, 1))).astype(np.float32)
        for _ in range(50):
            rows = [list(rng.integers(0, 4096, int(rng.integers(0, 160)))) for _ in range(int(rng.integers(1, 30)))]
            expected = np.stack([table[row].sum(axis=0) for row in rows])
            got = hashed_sums(table, rows)
            assert got.dtype == expected.dtype and np.array_equal(got, expected)


def test_one_word_vector_table_per_process_gives_each_words_own_vector():
    shared = shared_word_vectors(STATIC_MODEL_DIR)
    assert shared_word_vectors(STATIC_MODEL_DIR) is shared  # the events, attribution and status models' one table
    alone = WordVectors(STATIC_MODEL_DIR)
    for word in ("shelled", "Maiduguri", "ceasefire", "said"):
        assert np.array_equal(shared.word(word), alone.word(word))
