"""An ONNX graph cut down to one of its outputs: only the nodes that output needs, and their weights.

onnxruntime runs every node of a graph whatever outputs are asked for, so reading the shared MiniLM's
inner-layer ``token_states`` (link/embeddings.py) on the whole graph cost all six layers; cut after that
layer it costs about half (the same numbers, computed by the same nodes). The cut is made on the ONNX
protobuf's wire format (ModelProto.graph = field 7; GraphProto: node = 1, initializer = 5, output = 12;
NodeProto: input = 1, output = 2; TensorProto and ValueInfoProto: name = 8 and 1), so neither the onnx
package nor protobuf classes are needed at run time.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..protowire import varint

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
        out += varint((_GRAPH << 3) | 2) + varint(len(cut)) + cut
    return bytes(out)
