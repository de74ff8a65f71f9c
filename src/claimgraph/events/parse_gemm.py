"""The spaCy pipeline's matrix products on onnxruntime's one-thread GEMM (MLAS) instead of thinc's blis.

thinc computes every layer's ``X @ W.T`` of the tok2vec, tagger, parser and recogniser with the blis
bundled in its wheel, which picks its kernels by the CPU model and falls back to its plain-C 'generic'
ones on a CPU it does not list (the project machine's AMD EPYC: ~30 GFLOPS, a third of an AVX2 kernel's
speed); the tok2vec was half of the parse's time. onnxruntime (the ``accurate`` extra, beside spaCy in
the default mode) picks AVX2 or AVX-512 kernels at run time, and a session with one intra-op thread
and no spinning runs each product on the calling thread (numpy's OpenBLAS would start threads of its
own, which the run's workers pay for: the parse took more CPU time with it than with blis).

The products differ from blis's in the last bits of a float (another summation order, as blis's own
kernels differ between CPUs); the tags, dependencies and entities the stages read were the same on
every token compared (docs/performance.md). Without onnxruntime the pipeline keeps thinc's ops.
The one-node Gemm graph is written on the ONNX protobuf's wire format (as link/graph_cut.py reads it),
so the onnx package is not needed at run time.
"""

from __future__ import annotations

import functools

import numpy as np
from thinc.api import NumpyOps

from ..protowire import varint

# ModelProto: ir_version 1, graph 7, opset_import 8; GraphProto: node 1, name 2, input 11, output 12;
# NodeProto: input 1, output 2, op_type 4, attribute 5; AttributeProto: name 1, i 3, type 20 (INT = 2);
# ValueInfoProto: name 1, type 2; TypeProto: tensor_type 1; TypeProto.Tensor: elem_type 1 (FLOAT = 1)
_IR_VERSION, _OPSET = 8, 13


def _bytes(field: int, payload: bytes) -> bytes:
    return varint(field << 3 | 2) + varint(len(payload)) + payload


def _int(field: int, value: int) -> bytes:
    return varint(field << 3) + varint(value)


def _float_tensor(name: str) -> bytes:
    return _bytes(1, name.encode()) + _bytes(2, _bytes(1, _int(1, 1)))


def gemm_graph() -> bytes:
    """A serialized ONNX model of one node: ``Y = A @ B.T`` (Gemm with transB), float32, any shapes."""
    node = b"".join(
        (
            _bytes(1, b"A"),
            _bytes(1, b"B"),
            _bytes(2, b"Y"),
            _bytes(4, b"Gemm"),
            _bytes(5, _bytes(1, b"transB") + _int(3, 1) + _int(20, 2)),
        )
    )
    graph = _bytes(1, node) + _bytes(2, b"gemm") + _bytes(11, _float_tensor("A")) + _bytes(11, _float_tensor("B"))
    graph += _bytes(12, _float_tensor("Y"))
    return _int(1, _IR_VERSION) + _bytes(7, graph) + _bytes(8, _bytes(1, b"") + _int(2, _OPSET))


@functools.cache
def _session():
    """The one-thread Gemm session of this process, None without onnxruntime."""
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    options = ort.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = 1, 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(gemm_graph(), options, providers=["CPUExecutionProvider"])


class MlasOps(NumpyOps):
    """thinc's numpy ops with ``gemm(x, y, trans2=True)`` on float32 matrices (every product the pinned
    pipeline makes) run by onnxruntime; any other product as thinc runs it."""

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        if trans1 or not trans2 or x.dtype != np.float32 or y.dtype != np.float32 or x.ndim != 2 or y.ndim != 2:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        feed = {"A": np.ascontiguousarray(x), "B": np.ascontiguousarray(y)}
        result = self.session.run(None, feed)[0]
        if out is None:
            return result
        out[...] = result
        return out


def use_mlas(nlp) -> bool:
    """Give every layer of ``nlp``'s components the one-thread onnxruntime GEMM; False (and ``nlp`` left
    as it is) without onnxruntime."""
    session = _session()
    if session is None:
        return False
    ops = MlasOps(session)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return True
