"""The numpy CRF decoder gives crfsuite's own labels and marginals for the shipped model."""

from __future__ import annotations

import numpy as np
import pycrfsuite
import pytest

from claimgraph.entities.ner import EntityTagger, repair_number_spans, split_sentences
from claimgraph_eval.conll import read_conll


@pytest.fixture(scope="module")
def tagger() -> EntityTagger:
    return EntityTagger.load()


@pytest.fixture(scope="module")
def reference(tagger) -> pycrfsuite.Tagger:
    ref = pycrfsuite.Tagger()
    ref.open(tagger.model_path)
    return ref


@pytest.fixture(scope="module")
def sentences(fixtures_dir, seed_thread_path) -> list[list[str]]:
    """Sentences of different lengths: the briefing fixture, the thread seed, a CoNLL fixture."""
    texts = [
        (fixtures_dir / "entities" / "briefing.txt").read_text(encoding="utf-8"),
        seed_thread_path.read_text(encoding="utf-8"),
    ]
    out = [[t[2] for t in s] for text in texts for s in split_sentences(text)]
    out += [words for words, _ in read_conll(fixtures_dir / "entities" / "tiny.conll")]
    return out


def test_viterbi_labels_equal_crfsuites(tagger, reference, sentences):
    assert len(sentences) > 20 and len({len(s) for s in sentences}) > 10
    ours = tagger.tag_sentences(sentences)
    theirs = [repair_number_spans(words, reference.tag(tagger.features(words))) for words in sentences]
    assert ours == theirs
    assert sum(y != "O" for seq in ours for y in seq) > 50  # the comparison covers real entities
    assert [tagger.tag_tokens(words) for words in sentences[:5]] == ours[:5]  # batching changes nothing


def test_marginals_equal_crfsuites(tagger, reference, sentences):
    batch = sentences[:12]
    marginals = tagger.crf.marginals(tagger.emissions(batch))
    for words, probs in zip(batch, marginals):
        assert np.allclose(probs.sum(axis=1), 1.0)
        reference.set(tagger.features(words))
        for t, label in enumerate(reference.tag()):
            assert probs[t, tagger.crf.label_index[label]] == pytest.approx(reference.marginal(label, t), abs=1e-4)


def test_empty_input(tagger):
    assert tagger.tag_sentences([[], ["Kabul"]])[0] == []
    assert tagger.crf.viterbi([]) == [] and tagger.crf.marginals([]) == []
    assert tagger.entities("") == []
