"""link/ngrams.py gives a scikit-learn LogisticRegression's probabilities over binary n-gram presence."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from claimgraph.link.ngrams import LinearNgrams, ngrams

text = pytest.importorskip("sklearn.feature_extraction.text", reason="the reference is scikit-learn (test extra)")
linear = pytest.importorskip("sklearn.linear_model")

# written for this test: short reports that confirm, deny or hedge
TEXTS = [
    ("The ministry confirmed the attack killed six soldiers.", "agree"),
    ("Officials confirmed that the convoy was hit near the border.", "agree"),
    ("The army said the report was false and no base was attacked.", "disagree"),
    ("Police denied that any protester had been killed.", "disagree"),
    ("The group did not carry out the bombing, its spokesman said.", "disagree"),
    ("Unconfirmed reports say the town may have fallen.", "discuss"),
    ("Residents said they could not verify the claims of an airstrike.", "discuss"),
    ("It is unclear whether the commander was killed.", "discuss"),
]


def test_words_and_word_pairs():
    assert ngrams("Did NOT fall") == {"did", "not", "fall", "did not", "not fall"}


def test_probabilities_match_scikit_learn(monkeypatch):
    # claimgraph.store marks an absent pandas as None in sys.modules, which scikit-learn's
    # dataframe check does not expect; unmark it for this test
    if sys.modules.get("pandas", False) is None:
        monkeypatch.delitem(sys.modules, "pandas")
    vectorizer = text.CountVectorizer(analyzer=ngrams, binary=True, dtype=np.float64)
    X = vectorizer.fit_transform([t for t, _ in TEXTS])
    y = np.asarray([label for _, label in TEXTS])
    model = linear.LogisticRegression(C=1.0).fit(X, y)
    ours = LinearNgrams.from_sklearn(vectorizer, model)
    unseen = ["The ministry denied the attack.", "Reports say six soldiers may have been killed.", "Nothing here"]
    expected = model.predict_proba(vectorizer.transform(unseen))
    got = ours.predict_proba(unseen)
    assert got.shape == expected.shape == (3, 3)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    assert ours.terms() == list(vectorizer.get_feature_names_out())
