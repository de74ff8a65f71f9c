"""The entity stage's faster paths give what the plain computations give, bit for bit: folding,
the tagger's per-word weight sums, Viterbi with back-pointers only along the best paths, batched
marginals, and fast-mode tagging read off the whole text rather than window slices."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.entities.matcher import FOLD_TABLE, fold
from claimgraph.entities.ner import split_sentences, tokenize

MIXED = (
    "Kabul’s “governor” said 1,200 ISKP fighters — ‘maybe more’ — crossed from Kunar; "
    "MİNİSTRY of İnterior, Ministry of Defence, Zürich, café, Ǆ, ﻻ, کابل, Ｋａｂｕｌ\tend\u00a0. `tick`"
)


@pytest.fixture(scope="module")
def tagger(entity_extractor):
    return entity_extractor.tagger


@pytest.fixture(scope="module")
def seed_text(seed_news_path) -> str:
    return seed_news_path.read_text(encoding="utf-8")


def test_fold_equals_the_fold_table(seed_text):
    for text in (MIXED, seed_text, seed_text.encode("ascii", "ignore").decode("ascii"), "", "ı", "A\u0301"):
        assert fold(text) == text.translate(FOLD_TABLE)
        assert len(fold(text)) == len(text)


def _viterbi_full_table(crf, emissions: np.ndarray) -> list[int]:
    """Textbook Viterbi, one sentence, a back-pointer for every label at every position."""
    delta = emissions[0].copy()
    back = []
    for t in range(1, len(emissions)):
        scores = delta[:, None] + crf.transitions
        back.append(scores.argmax(axis=0))
        delta = scores.max(axis=0) + emissions[t]
    path = [int(delta.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


def _seed_sentences(text: str, count: int) -> list[list[str]]:
    return [[t[2] for t in s] for s in split_sentences(text)[:count] if s]


def test_word_weights_are_the_crf_sums(tagger, seed_text):
    sentences = _seed_sentences(seed_text, 40)
    tagger.emissions(sentences)
    crf = tagger.crf
    for word in {w for s in sentences for w in s}:
        own, _, seen = tagger._features._word(word)
        row = tagger._table[tagger._ids[word]]
        expected = [crf.vector(own)] + [crf.vector(seen[d][0] + seen[d][1]) for d in (-2, -1, 1, 2)]
        for k in range(5):
            assert np.array_equal(row[k], expected[k]), (word, k)


def test_batched_viterbi_equals_the_full_table(tagger, seed_text):
    emissions = tagger.emissions(_seed_sentences(seed_text, 60))
    for path, em in zip(tagger.crf.viterbi(emissions), emissions):
        assert path.tolist() == _viterbi_full_table(tagger.crf, em)


def test_batched_marginals_are_probabilities_that_peak_on_the_best_path(tagger, seed_text):
    emissions = tagger.emissions(_seed_sentences(seed_text, 30))
    marginals = tagger.crf.marginals(emissions)
    assert [m.shape for m in marginals] == [e.shape for e in emissions]
    for probs in marginals:
        assert np.allclose(probs.sum(axis=1), 1.0)
        assert np.isfinite(probs).all()


def test_fast_mode_tokens_are_window_tokens(tagger, seed_text):
    """The fast mode reads tokens off the whole text inside each window: the same tokens as
    tokenising the window's slice."""
    from claimgraph.entities.ner import _token_re
    from claimgraph.nlp.sentences import sentence_spans

    windows = tagger.cue_windows(seed_text, sentence_spans(seed_text, "en"))
    assert windows
    for start, end in windows:
        sliced = [(a + start, b + start, w) for a, b, w in tokenize(seed_text[start:end])]
        whole = [(m.start(), m.end(), m.group()) for m in _token_re().finditer(seed_text, start, end)]
        assert whole == sliced
