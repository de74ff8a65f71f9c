"""Cosines of claim vectors with proposition centroids, the topic-bag part multiplied sparsely.

A claim vector (link.propositions) is its sentence embedding (128 values in fast mode) followed by a
hashed bag of its topic terms: 1,024 cells of which a claim fills a dozen or so. One dense matrix
product of a run's new claims with every centroid spends nine tenths of its work multiplying the
empty cells, and it grows with the store (a run at 2,000 stored documents: ~2,900 new claims against
~7,000 centroids, twice, ~0.9 s). Here the embedding part stays one product and each claim adds only
the centroid cells it fills: the same sums up to float rounding (a dozen terms added instead of a
thousand, most of them zero), so a placement can differ only where two similarities are within ~1e-6
of each other, where the dense product's own rounding decides too.
"""

from __future__ import annotations

import numpy as np


class Centroids:
    """The unit centroids of summed member vectors (``sums``; a zero row stays zero), split at column
    ``sparse_from``: the columns before as rows, those after transposed (one row per cell), so that a
    claim's filled cells are gathered as whole rows."""

    def __init__(self, sums: np.ndarray, sparse_from: int) -> None:
        norms = np.linalg.norm(sums, axis=1)
        norms[norms == 0] = 1.0
        self.split = sparse_from
        # each part divided straight into its own layout (the values of ``sums / norms``): a whole
        # unit copy first, then the two parts copied out of it, walked ~25 MB three times more at
        # 2,000 stored documents, once per block of a run's claims
        self.dense = sums[:, :sparse_from] / norms[:, None]
        self.cells = np.empty((sums.shape[1] - sparse_from, len(sums)), dtype=np.result_type(sums, norms))
        np.divide(sums[:, sparse_from:].T, norms, out=self.cells)

    def __len__(self) -> int:
        return len(self.dense)

    def similarities(self, block: np.ndarray) -> np.ndarray:
        """``block @ centroids.T``: one row per vector of ``block``, one column per centroid."""
        out = block[:, : self.split] @ self.dense.T
        tails = block[:, self.split :]
        rows, cells = np.nonzero(tails)  # row-major: each row's filled cells in order, rows in order
        values = tails[rows, cells]
        bounds = np.searchsorted(rows, np.arange(len(block) + 1))
        for i in np.flatnonzero(np.diff(bounds)):
            filled = slice(bounds[i], bounds[i + 1])
            out[i] += values[filled] @ self.cells[cells[filled]]
        return out
