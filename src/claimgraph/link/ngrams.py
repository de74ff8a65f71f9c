"""A linear model over the word uni- and bigrams present in a text, applied in numpy.

The stance model stacks two of these (scripts/train_stance.py fits them with scikit-learn's
LogisticRegression on FNC-1 training text): one reads the claim alone, one the text alone, each
giving P(agree, disagree, discuss). They learn which phrasings go with a debunking text ("turned
out", "no evidence") or a hedging one, which single cue words cannot express; the trees then
weigh the two against each other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..nlp.tokens import stance_tokens


def ngrams(text: str) -> set[str]:
    """The distinct words and word pairs of ``text`` (pairs joined by a space), as the model counts them."""
    toks = stance_tokens(text)
    return set(toks) | {f"{a} {b}" for a, b in zip(toks, toks[1:])}


class LinearNgrams:
    """Multinomial logistic regression over binary n-gram presence."""

    def __init__(self, terms: Sequence[str], coef: np.ndarray, intercept: np.ndarray):
        self.index = {t: i for i, t in enumerate(terms)}
        self.coef = np.asarray(coef, dtype=np.float64)  # classes x terms
        self.intercept = np.asarray(intercept, dtype=np.float64)

    @classmethod
    def from_sklearn(cls, vectorizer, model) -> LinearNgrams:
        """A fitted binary CountVectorizer (analyzer=ngrams) and LogisticRegression."""
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        return cls(terms, model.coef_, model.intercept_)

    def terms(self) -> list[str]:
        return sorted(self.index, key=self.index.get)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        scores = np.tile(self.intercept, (len(texts), 1))
        for r, text in enumerate(texts):
            cols = sorted(self.index[g] for g in ngrams(text) if g in self.index)
            scores[r] += self.coef[:, cols].sum(axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        return scores / scores.sum(axis=1, keepdims=True)
