"""TF-IDF rows for the stance features, computed as scikit-learn's ``TfidfVectorizer.transform`` does.

The stance model was fitted with scikit-learn (scripts/train_stance.py); at run time its vectorizer
is the vocabulary and idf weights it learnt, applied here in numpy, so the core install needs
neither scikit-learn nor scipy. Every step follows scikit-learn 1.9 / scipy 1.17 operation for
operation, so the float32 values are bit-identical (tests/link/test_tfidf.py compares):
counts per vocabulary term, 1 + log(count), times idf, divided by the row's l2 norm (its sum of
squares accumulated in float64 in column order), and a row times a dense vector summed in float32
in column order (scipy's ``csr_matvec``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

import numpy as np

STOP_WORDS_PATH = files("claimgraph") / "data" / "lexicons" / "english_stop_words.txt"
# The TfidfVectorizer parameters this module reproduces.
SKLEARN_PARAMS = {
    "analyzer": "word",
    "binary": False,
    "lowercase": True,
    "ngram_range": (1, 1),
    "norm": "l2",
    "preprocessor": None,
    "strip_accents": None,
    "sublinear_tf": True,
    "tokenizer": None,
    "use_idf": True,
    "dtype": np.float32,
}


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's ENGLISH_STOP_WORDS, shipped as a word list."""
    lines = (ln.split("#", 1)[0].strip() for ln in STOP_WORDS_PATH.read_text(encoding="utf-8").splitlines())
    return frozenset(ln for ln in lines if ln)


class Rows:
    """TF-IDF rows, each padded to the longest row: column ``width`` (one past the vocabulary) with
    value 0 fills the padding, so a product with a dense vector is one array operation and a
    sequential sum along each row (np.cumsum adds in order; adding the padding's zeros changes
    nothing)."""

    __slots__ = ("columns", "values", "width")

    def __init__(self, columns: np.ndarray, values: np.ndarray, width: int):
        self.columns = columns  # int64 (rows, longest row), sorted within a row, then padding
        self.values = values  # float32, same shape
        self.width = width  # vocabulary size

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, rows: slice) -> Rows:
        columns, values = self.columns[rows], self.values[rows]
        longest = int((columns < self.width).sum(axis=1).max(initial=0))  # entries are left-aligned
        return Rows(columns[:, :longest], values[:, :longest], self.width)

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of row ``i``'s nonzero entries."""
        real = self.columns[i] < self.width
        return self.columns[i][real], self.values[i][real]

    def dot(self, dense: np.ndarray) -> np.ndarray:
        """Each row times a float32 vector of ``width`` values: float32 sums in column order."""
        if self.columns.shape[1] == 0:
            return np.zeros(len(self.columns), dtype=np.float32)
        padded = np.append(dense.astype(np.float32, copy=False), np.float32(0))
        return np.cumsum(self.values * padded[self.columns], axis=1, dtype=np.float32)[:, -1]


class Tfidf:
    """A fitted vectorizer: vocabulary (term -> column) and idf (float32 per column)."""

    def __init__(
        self, vocabulary: Sequence[str], idf: np.ndarray, token_pattern: str, stop_words: frozenset[str] | None = None
    ):
        self.vocabulary = {term: i for i, term in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.token_pattern = token_pattern
        self._token = re.compile(token_pattern)
        self.stop_words = english_stop_words() if stop_words is None else stop_words
        self.width = len(self.vocabulary)

    @classmethod
    def from_sklearn(cls, vectorizer) -> Tfidf:
        """A fitted scikit-learn TfidfVectorizer (with :data:`SKLEARN_PARAMS` and English stop words)."""
        params = vectorizer.get_params()
        odd = {k: params[k] for k, v in SKLEARN_PARAMS.items() if params[k] != v}
        if odd:
            raise ValueError(f"cannot convert a TfidfVectorizer with {odd}: this module implements {SKLEARN_PARAMS}")
        if frozenset(vectorizer.get_stop_words() or ()) != english_stop_words():
            raise ValueError(f"the vectorizer's stop words are not those of {STOP_WORDS_PATH}")
        vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        return cls(vocabulary, vectorizer.idf_, vectorizer.token_pattern)

    def terms(self) -> list[str]:
        """The vocabulary in column order."""
        return sorted(self.vocabulary, key=self.vocabulary.get)

    def _counts(self, text: str) -> dict[int, int]:
        counts: dict[int, int] = {}
        for token in self._token.findall(text.lower()):
            if token in self.stop_words:
                continue
            column = self.vocabulary.get(token)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        return counts

    def transform(self, texts: Sequence[str]) -> Rows:
        rows = [sorted(self._counts(text).items()) for text in texts]
        longest = max(map(len, rows), default=0)
        columns = np.full((len(rows), longest), self.width, dtype=np.int64)
        values = np.zeros((len(rows), longest), dtype=np.float32)
        for i, row in enumerate(rows):
            if row:
                columns[i, : len(row)], values[i, : len(row)] = zip(*row)
        real = columns < self.width
        data = values[real]  # row by row, in column order: scikit-learn's CSR data
        np.log(data, data)
        data += 1.0
        data *= self.idf[columns[real]]
        squares = np.zeros(values.shape, dtype=np.float64)
        squares[real] = data * data  # float32 products, summed in float64 as sklearn's l2 normalise does
        norms = np.sqrt(np.cumsum(squares, axis=1)[:, -1]) if longest else np.zeros(len(rows))
        scale = np.broadcast_to(norms[:, None], values.shape)[real]
        nonzero = scale != 0.0
        data[nonzero] = (data[nonzero].astype(np.float64) / scale[nonzero]).astype(np.float32)
        values[real] = data
        return Rows(columns, values, self.width)
