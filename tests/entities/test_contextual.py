"""Accurate mode's entity tagger over MiniLM's token states (entities/contextual.py, --entity-tagger crf-minilm)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime", reason="the MiniLM tagger needs the `accurate` extra")

from claimgraph.components import Resources  # noqa: E402
from claimgraph.entities.contextual import MiniLMTagger, project  # noqa: E402
from claimgraph.entities.extract import find_mentions  # noqa: E402
from claimgraph.entities.ner import EntityTagger  # noqa: E402
from claimgraph.link.embeddings import Embedder  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402

TEXT = (
    "Nigerian troops said on Monday that two helicopters struck Boko Haram camps near Maiduguri.\n\n"
    "The ministry pledged $ 5 million to families in Borno, said Ahmed Musa, a spokesman."
)
SPANS = [(0, TEXT.index("\n")), (TEXT.index("The ministry"), len(TEXT))]


@pytest.fixture(scope="module")
def tagger() -> MiniLMTagger:
    return MiniLMTagger.load()


def test_token_states_are_one_row_per_word_and_depend_on_the_context():
    encoder = Embedder("accurate")._encoder
    first = encoder.token_states(["Troops", "struck", "camps", "near", "Maiduguri", "."])
    second = encoder.token_states(["Maiduguri", "was", "quiet", "."])
    assert first.shape == (6, 384) and second.shape == (4, 384)
    assert not np.allclose(first[4], second[0])  # the same word in another sentence: another state
    # the pooled sentence vector is unchanged by the added output (the same graph)
    assert np.allclose(np.linalg.norm(encoder.encode(["Troops struck camps."]), axis=1), 1.0, atol=1e-5)
    assert encoder.token_states([]).shape == (0, 384)


def test_words_past_the_piece_limit_get_zero_states():
    encoder = Embedder("accurate")._encoder
    states = encoder.token_states(["attack"] * (encoder.max_tokens + 10))
    assert np.abs(states[: encoder.max_tokens - 2]).sum(axis=1).min() > 0
    assert not states[encoder.max_tokens - 2 :].any()


def test_the_tagger_adds_the_weighted_projected_states_to_the_word_crf(tagger):
    words = "Ahmed Musa , a spokesman , said the ministry pledged $ 5 million .".split()
    plain = EntityTagger.emissions(tagger, [words])[0]
    dense = project(tagger.encoder.token_states(words), tagger.projection) @ tagger._dense
    assert np.allclose(tagger.emissions([words])[0], plain + dense)
    assert tagger._dense.shape == (tagger.projection["basis"].shape[1], len(tagger.crf.labels))
    assert np.abs(tagger._dense).sum() > 0  # the model weighs the states


def test_accurate_mode_tags_with_the_states_and_fast_mode_does_not():
    resources = Resources(Settings.defaults().with_values({"extract.entity_tagger": "crf-minilm"}))
    assert isinstance(resources.parse_tagger, MiniLMTagger)
    assert resources.entities.parse_tagger is resources.parse_tagger
    found = {(m.text, m.type) for m in find_mentions(TEXT, resources.entities, mode="accurate", sentences=SPANS)}
    assert {("Monday", "Temporal"), ("Ahmed Musa", "Person")} <= found
    fast = Resources(Settings.defaults().with_values({"extract.mode": "fast", "extract.entity_tagger": "crf-minilm"}))
    assert fast.parse_tagger is None
