"""crf-minilm plus fine-tuned MiniLM layers (entities/finetuned.py, --entity-tagger crf-minilm-tuned)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime", reason="the fine-tuned tagger needs the `accurate` extra")

from claimgraph.components import Resources  # noqa: E402
from claimgraph.entities.contextual import MiniLMTagger, project  # noqa: E402
from claimgraph.entities.extract import find_mentions  # noqa: E402
from claimgraph.entities.finetuned import LABELS, TunedMiniLMTagger  # noqa: E402
from claimgraph.link.embeddings import Embedder, first_pieces, word_means  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402

TEXT = (
    "Nigerian troops said on Monday that two helicopters struck Boko Haram camps near Maiduguri.\n\n"
    "The ministry pledged $ 5 million to families in Borno, said Ahmed Musa, a spokesman."
)
SPANS = [(0, TEXT.index("\n")), (TEXT.index("The ministry"), len(TEXT))]


@pytest.fixture(scope="module")
def tagger() -> TunedMiniLMTagger:
    return TunedMiniLMTagger.load()


def test_one_encoder_call_gives_the_word_means_and_the_first_pieces():
    encoder = Embedder("accurate")._encoder
    words = ["Troops", "struck", "Maiduguri", "."]
    states, owner = encoder.piece_states(words)
    assert states.shape == (len(owner) + 2, 384) and len(owner) > len(words)  # "Maiduguri" has several pieces
    assert [owner[k - 1] for k in first_pieces(owner)] == [0, 1, 2, 3]
    # token_states (crf-minilm's input) is exactly the mean of the same call's rows
    assert np.array_equal(word_means(states, owner, len(words)), encoder.token_states(words))


def test_the_tagger_adds_the_weighted_fine_tuned_log_probabilities_to_crf_minilm(tagger):
    words = "Ahmed Musa , a spokesman , said the ministry pledged $ 5 million .".split()
    crf_minilm = MiniLMTagger.emissions(tagger, [words])[0]
    states, owner = tagger.encoder.piece_states(words)
    tuned = tagger.top.log_probs(states, owner, len(words))
    assert tuned.shape == (len(words), len(LABELS))
    assert np.allclose(np.exp(tuned).sum(axis=1), 1.0)  # each word's distribution over the labels
    order = [LABELS.index(label) for label in tagger.crf.labels]
    assert np.allclose(tagger.emissions([words])[0], crf_minilm + tagger.top.weight * tuned[:, order])
    assert tagger.top.weight > 0
    assert np.allclose(project(tagger.encoder.token_states(words), tagger.projection).shape, (len(words), 48))


def test_words_past_the_piece_limit_are_certainly_o(tagger):
    words = ["Kabul"] * (tagger.encoder.max_tokens + 10)
    states, owner = tagger.encoder.piece_states(words)
    tuned = tagger.top.log_probs(states, owner, len(words))
    cut = tagger.encoder.max_tokens - 2
    assert (tuned[cut:, 0] == 0).all() and (tuned[cut:, 1:] < -29).all()
    assert len(tagger.tag_tokens(words)) == len(words)


def test_the_tagger_finds_people_dates_places_and_money(tagger):
    words = "Ahmed Musa , a spokesman , said on Monday the ministry pledged $ 5 million to families in Borno .".split()
    labels = tagger.tag_tokens(words)
    assert labels[:2] == ["B-Person", "I-Person"]
    assert labels[words.index("Monday")].endswith("Temporal")
    assert labels[words.index("Borno")] == "B-Location"
    assert "B-Money" in labels
    assert tagger.tag_sentences([[], ["Kabul"]])[0] == []


def test_accurate_mode_tags_with_it_and_fast_mode_does_not():
    resources = Resources(Settings.defaults().with_values({"extract.entity_tagger": "crf-minilm-tuned"}))
    assert isinstance(resources.parse_tagger, TunedMiniLMTagger)
    found = find_mentions(TEXT, resources.entities, mode="accurate", sentences=SPANS)
    assert {("Ahmed Musa", "Person"), ("Maiduguri", "Location")} <= {(m.text, m.type) for m in found}
    assert all(0.0 < m.score <= 1.0 for m in found)
    settings = {"extract.mode": "fast", "extract.entity_tagger": "crf-minilm-tuned"}
    assert Resources(Settings.defaults().with_values(settings)).parse_tagger is None
