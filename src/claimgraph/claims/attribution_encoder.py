"""The token states the attribution cue head reads, from the shared MiniLM graph cut after their layer.

The shipped all-MiniLM-L6-v2 graph (link/embeddings.py, data/models/minilm/) outputs the sentence vector
and, as ``token_states``, an inner layer's per-piece states. onnxruntime runs every node of a graph
whatever outputs are asked for, so reading the third layer's states cost the six layers (~4 ms per
sentence). This module loads the same file with every node that does not lead to ``token_states``
removed (and the weights only those nodes used): the same numbers, computed by the same nodes, in about
half the time, with no second model file shipped.

The cut is made on the ONNX protobuf's wire format (ModelProto.graph = field 7; GraphProto: node = 1,
initializer = 5, output = 12; NodeProto: input = 1, output = 2; TensorProto and ValueInfoProto: name =
8 and 1), so neither the onnx package nor protobuf classes are needed at run time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from claimgraph.link.embeddings import MINILM_DIR, EmbeddingUnavailable, word_means

_GRAPH, _NODE, _INITIALIZER, _OUTPUT = 7, 1, 5, 12
_NODE_INPUT, _NODE_OUTPUT, _TENSOR_NAME, _VALUE_NAME = 1, 2, 8, 1


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | 0x80 if value else low)
        if not value:
            return bytes(out)


def _fields(data: bytes) -> Iterator[tuple[int, int, int, bytes | None]]:
    """(field number, start, end, payload of a length-delimited field else None) of each field."""
    i = 0
    while i < len(data):
        start = i
        key, i = _varint(data, i)
        kind = key & 7
        payload = None
        if kind == 0:
            _, i = _varint(data, i)
        elif kind == 1:
            i += 8
        elif kind == 5:
            i += 4
        elif kind == 2:
            size, i = _varint(data, i)
            payload, i = data[i : i + size], i + size
        else:
            raise ValueError(f"unsupported protobuf wire type {kind}")
        yield key >> 3, start, i, payload


def _strings(message: bytes, number: int) -> list[str]:
    return [p.decode() for f, _, _, p in _fields(message) if f == number and p is not None]


def keep_output(model: bytes, output: str) -> bytes:
    """The serialized ONNX ``model`` with ``output`` its only output and only the nodes and weights it needs."""
    out = bytearray()
    for number, start, end, graph in _fields(model):
        if number != _GRAPH or graph is None:
            out += model[start:end]
            continue
        nodes = [(start, p) for f, start, _, p in _fields(graph) if f == _NODE]
        needed, kept = {output}, set()
        for at, node in reversed(nodes):  # a graph's nodes are in topological order
            if needed.intersection(_strings(node, _NODE_OUTPUT)):
                kept.add(at)
                needed.update(_strings(node, _NODE_INPUT))
        if output not in {n for _, p in nodes for n in _strings(p, _NODE_OUTPUT)}:
            raise ValueError(f"no node computes {output!r}")
        cut = bytearray()
        for f, s, e, p in _fields(graph):
            if f == _NODE and s not in kept:
                continue
            if f == _INITIALIZER and not needed.intersection(_strings(p, _TENSOR_NAME)):
                continue
            if f == _OUTPUT and _strings(p, _VALUE_NAME) != [output]:
                continue
            cut += graph[s:e]
        out += _encode_varint((_GRAPH << 3) | 2) + _encode_varint(len(cut)) + cut
    return bytes(out)


class TokenStates:
    """``MiniLMEncoder.token_states`` on the graph cut after the token-states layer: the shared encoder's
    word pieces (``word_piece_feed``) and word means, its session options."""

    def __init__(self, encoder, directory: Path = MINILM_DIR) -> None:
        import onnxruntime as ort

        self.encoder = encoder
        try:
            output = json.loads((directory / "meta.json").read_text(encoding="utf-8"))["token_states"]
            graph = keep_output((directory / "model.int8.onnx").read_bytes(), output)
        except (OSError, ValueError, KeyError, IndexError) as exc:
            raise EmbeddingUnavailable(f"{directory}: cannot cut the graph at its token states: {exc}") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1  # as the shared encoder (embeddings.py)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def __call__(self, words: Sequence[str]) -> np.ndarray:
        """(words, dim) float32: each word's mean piece state, as ``MiniLMEncoder.token_states``."""
        if not words:
            return np.zeros((0, self.encoder.dim), dtype=np.float32)
        feed, owner = self.encoder.word_piece_feed(words)
        states = self.session.run(None, {"input_ids": feed, "attention_mask": np.ones_like(feed)})[0]
        return word_means(states[0], owner, len(words))
