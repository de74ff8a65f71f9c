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


_NODE_OP = 4
_TENSOR_DIMS, _TENSOR_TYPE, _TENSOR_RAW = 1, 2, 9
_INT64 = 7  # TensorProto.DataType


def _field(number: int, payload: bytes) -> bytes:
    return varint((number << 3) | 2) + varint(len(payload)) + payload


def _int64_tensor(name: str, values: list[int], dims: list[int]) -> bytes:
    """A TensorProto of int64 ``values`` (raw little-endian bytes) with shape ``dims``."""
    head = b"".join(varint(_TENSOR_DIMS << 3) + varint(d) for d in dims) + varint(_TENSOR_TYPE << 3) + varint(_INT64)
    raw = b"".join(v.to_bytes(8, "little", signed=True) for v in values)
    return head + _field(_TENSOR_NAME, name.encode()) + _field(_TENSOR_RAW, raw)


def _renamed(node: bytes, names: dict[str, str]) -> bytes:
    """``node`` with each input named in ``names`` read from its new name instead."""
    out = bytearray()
    for f, s, e, p in _fields(node):
        if f == _NODE_INPUT and p is not None and p.decode() in names:
            out += _field(_NODE_INPUT, names[p.decode()].encode())
        else:
            out += node[s:e]
    return bytes(out)


def one_sentence(model: bytes, output: str, spec: dict) -> bytes:
    """``model`` cut after ``output`` (``keep_output``) for one unpadded sentence a call, the
    attention mask all ones: what the exported graph computes from the inputs' shapes and the mask at
    every call, given as what it always is there. ``spec`` (the model's meta.json, "one_sentence"):
    ``zero_mask``, the additive attention mask (0.0 wherever the mask is 1: each attention ``Add`` of it
    is skipped, x + 0.0 being x); ``zero_ids``, tensors of zero ids shaped like the input (the token
    types: one zero id, broadcast where it is added); ``shapes``, the reshapes' target shapes built
    from the input's shape (given as constants, 0 keeping the batch's size, -1 the sentence's length).
    The states are the same, bit for bit (tests/claims/test_attribution_encoder.py), from ~90 fewer
    nodes. Names the graph lacks are left as they are."""
    model = keep_output(model, output)
    out = bytearray()
    for number, start, end, graph in _fields(model):
        if number != _GRAPH or graph is None:
            out += model[start:end]
            continue
        nodes = [p for f, _, _, p in _fields(graph) if f == _NODE]
        names: dict[str, str] = {}
        mask = spec.get("zero_mask")
        for node in nodes:
            inputs = _strings(node, _NODE_INPUT)
            if mask in inputs and _strings(node, _NODE_OP) == ["Add"] and len(inputs) == 2:
                names[_strings(node, _NODE_OUTPUT)[0]] = inputs[1 - inputs.index(mask)]
        tensors = [_int64_tensor(f"{name}/one_sentence", [0], [1, 1]) for name in spec.get("zero_ids", ())]
        names.update({name: f"{name}/one_sentence" for name in spec.get("zero_ids", ())})
        for name, shape in spec.get("shapes", {}).items():
            tensors.append(_int64_tensor(f"{name}/one_sentence", list(shape), [len(shape)]))
            names[name] = f"{name}/one_sentence"
        rewritten = bytearray()
        for f, s, e, p in _fields(graph):
            rewritten += _field(_NODE, _renamed(p, names)) if f == _NODE else graph[s:e]
        for tensor in tensors:
            rewritten += _field(_INITIALIZER, tensor)
        out += _field(_GRAPH, bytes(rewritten))
    return keep_output(bytes(out), output)  # without the nodes and weights nothing reads now
