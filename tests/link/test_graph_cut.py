"""The shared MiniLM graph cut after its token states for one unpadded sentence a call
(link/graph_cut.one_sentence): the constants it puts in place of the shape and mask arithmetic give
the plain cut's states bit for bit, from fewer nodes."""

from __future__ import annotations

import json

import numpy as np
import pytest

ort = pytest.importorskip("onnxruntime", reason="the token states run on onnxruntime (the accurate extra)")

from claimgraph.link.embeddings import MINILM_DIR, Embedder  # noqa: E402
from claimgraph.link.graph_cut import _NODE, _fields, keep_output, one_sentence  # noqa: E402

SENTENCES = (
    "Rebels shelled the market in Goma on Sunday , killing at least 14 people , a provincial official said .",
    "BREAKING : Two soldiers killed as IED hits patrol near Gao",
    "“ We did not fire on the protesters , ” the interior ministry said in a statement on Friday .",
    "Ceasefire .",
    "Police said the suspects , who had fled across the border into Tajikistan , were arrested overnight . " * 12,
)


@pytest.fixture(scope="module")
def graphs():
    meta = json.loads((MINILM_DIR / "meta.json").read_text(encoding="utf-8"))
    raw = (MINILM_DIR / "model.int8.onnx").read_bytes()
    return meta, keep_output(raw, meta["token_states"]), one_sentence(raw, meta["token_states"], meta["one_sentence"])


def _session(graph: bytes):
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    return ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])


def _nodes(model: bytes) -> int:
    graph = next(p for f, _, _, p in _fields(model) if f == 7)
    return sum(1 for f, _, _, _ in _fields(graph) if f == _NODE)


def test_one_sentence_gives_the_plain_cuts_states_bit_for_bit_from_fewer_nodes(graphs):
    meta, plain, special = graphs
    encoder = Embedder("accurate")._encoder
    a, b = _session(plain), _session(special)
    for text in SENTENCES:  # the last is cut at max_tokens
        feed, _ = encoder.word_piece_feed(text.split())
        inputs = {"input_ids": feed, "attention_mask": np.ones_like(feed)}
        assert np.array_equal(a.run(None, inputs)[0], b.run(None, inputs)[0])
    assert _nodes(special) < _nodes(plain) - 50  # the mask and shape arithmetic, and their constants


def test_the_encoders_token_states_run_on_the_one_sentence_graph(graphs):
    meta, plain, _ = graphs
    encoder = Embedder("accurate")._encoder
    words = SENTENCES[0].split()
    pieces, _ = encoder.piece_states(words)
    feed, _ = encoder.word_piece_feed(words)
    assert np.array_equal(
        pieces, _session(plain).run(None, {"input_ids": feed, "attention_mask": np.ones_like(feed)})[0][0]
    )
    assert _nodes(one_sentence((MINILM_DIR / "model.int8.onnx").read_bytes(), meta["token_states"], {})) == _nodes(
        plain
    )


def test_names_the_graph_lacks_leave_the_cut_as_it_is(graphs):
    meta, plain, _ = graphs
    spec = {"zero_mask": "no-such-mask", "zero_ids": [], "shapes": {}}
    special = one_sentence((MINILM_DIR / "model.int8.onnx").read_bytes(), meta["token_states"], spec)
    assert _nodes(special) == _nodes(plain)
