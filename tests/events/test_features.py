"""Features of the learned event model (events/features.py): the hashed heads' sums."""

from __future__ import annotations

import numpy as np

from claimgraph.events.features import hashed_sums


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
