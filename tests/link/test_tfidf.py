"""link/tfidf.py gives scikit-learn's TfidfVectorizer rows, and scipy's products with them, bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimgraph.link.tfidf import SKLEARN_PARAMS, Tfidf, english_stop_words
from claimgraph.nlp.sentences import sentence_spans

text_module = pytest.importorskip(
    "sklearn.feature_extraction.text", reason="the reference is scikit-learn (test extra)"
)

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The example corpus's text files, their sentences, and edge cases."""
    documents = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*")) if p.suffix in (".txt", ".md")]
    sentences = [d[s:e] for d in documents for s, e in sentence_spans(d)]
    return documents + sentences + ["", "!!!", "the of and", "ISKP isn't won't 4,000 ÉCOLE naïve Кабул"]


@pytest.fixture(scope="module")
def fitted(texts):
    params = {k: v for k, v in SKLEARN_PARAMS.items()}
    vectorizer = text_module.TfidfVectorizer(
        token_pattern=r"[a-z0-9]+(?:'[a-z]+)?", stop_words="english", min_df=2, **params
    )
    vectorizer.fit(texts[: len(texts) // 2])
    return vectorizer, Tfidf.from_sklearn(vectorizer)


def test_stop_words_are_sklearns():
    assert english_stop_words() == frozenset(text_module.ENGLISH_STOP_WORDS)


def test_rows_are_sklearns(fitted, texts):
    vectorizer, tfidf = fitted
    expected = vectorizer.transform(texts)
    rows = tfidf.transform(texts)
    assert len(rows) == len(texts) and rows.width == expected.shape[1]
    for i in range(len(texts)):
        columns, values = rows.row(i)
        start, end = expected.indptr[i], expected.indptr[i + 1]
        assert columns.tolist() == expected.indices[start:end].tolist()
        assert values.dtype == np.float32 and values.tobytes() == expected.data[start:end].tobytes()
    assert sum(len(rows.row(i)[0]) for i in range(len(texts))) > 1000


def test_products_with_a_dense_vector_are_scipys(fitted, texts):
    vectorizer, tfidf = fitted
    expected = vectorizer.transform(texts)
    rows = tfidf.transform(texts)
    rng = np.random.default_rng(1)
    for start in range(0, len(texts), 37):
        claim = int(rng.integers(len(texts)))
        dense = np.zeros(rows.width, dtype=np.float32)
        columns, values = rows.row(claim)
        dense[columns] = values
        got = rows[start : start + 60].dot(dense)
        want = np.asarray(expected[start : start + 60] @ dense).ravel()
        assert got.dtype == want.dtype == np.float32 and got.tobytes() == want.tobytes()


def test_other_vectorizer_settings_are_refused(texts):
    vectorizer = text_module.TfidfVectorizer(stop_words="english", sublinear_tf=False).fit(texts)
    with pytest.raises(ValueError, match="sublinear_tf"):
        Tfidf.from_sklearn(vectorizer)
