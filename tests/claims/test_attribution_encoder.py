"""The token states of the attribution cue head from the shared MiniLM graph cut after their layer
(claims/attribution_encoder.py): the same numbers as the whole graph's ``token_states``, fewer nodes."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("onnxruntime", reason="the token states run on onnxruntime (the accurate extra)")

from claimgraph.claims.attribution_encoder import TokenStates, keep_output  # noqa: E402
from claimgraph.link.embeddings import MINILM_DIR, Embedder, EmbeddingUnavailable  # noqa: E402


@pytest.fixture(scope="module")
def encoder():
    return Embedder("accurate")._encoder


def test_the_cut_graph_gives_the_whole_graphs_token_states(encoder):
    states = TokenStates(encoder)
    for text in (
        "The provincial governor said on Tuesday that gunmen had burned two schools near Maiduguri .",
        "“ We will not leave the valley , ” a militia commander in Ituri told reporters .",
    ):
        words = text.split()
        assert np.array_equal(states(words), encoder.token_states(words))
        # the cue head reads its scored words' rows only: the same numbers as those of all the words
        scored = [i for i, w in enumerate(words) if w in ("said", "burned", "leave", "told")]
        assert np.array_equal(states(words, scored), states(words)[scored])
    assert states([]).shape == (0, encoder.dim)


def test_the_cue_head_and_the_entity_taggers_share_one_encoder_call_per_sentence(encoder):
    states = TokenStates(encoder)
    assert states.session is encoder.states_session()  # one cut graph per process
    words = "Officials told reporters that the convoy was ambushed near Damboa .".split()
    means = states(words)
    pieces, owner = encoder.piece_states(words)  # what crf-minilm and crf-minilm-tuned read: kept, not re-run
    assert encoder.piece_states(words)[0] is pieces and np.array_equal(means, encoder.token_states(words))


def test_the_cut_graph_keeps_only_the_nodes_of_its_output():
    graph = (MINILM_DIR / "model.int8.onnx").read_bytes()
    output = json.loads((MINILM_DIR / "meta.json").read_text(encoding="utf-8"))["token_states"]
    cut = keep_output(graph, output)
    # the embedding, three of six layers and their weights: the word-piece table is most of the file
    assert len(graph) * 0.5 < len(cut) < len(graph) * 0.9
    with pytest.raises(ValueError, match="no node computes"):
        keep_output(graph, "no-such-output")


def test_a_graph_that_cannot_be_cut_names_its_folder(tmp_path, encoder):
    (tmp_path / "meta.json").write_text(json.dumps({"token_states": "x"}), encoding="utf-8")
    with pytest.raises(EmbeddingUnavailable, match=str(tmp_path)):
        TokenStates(encoder, tmp_path)
