"""The spaCy pipeline's matrix products on onnxruntime (events/parse_gemm.py): the products match numpy's,
and the pinned pipeline tags, parses and recognises the example corpus as it does with thinc's own ops."""

import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("spacy", reason="the parser is the `accurate` extra")
pytest.importorskip("onnxruntime", reason="the products run on the `accurate` extra's onnxruntime")

from thinc.api import NumpyOps  # noqa: E402

from claimgraph.events.parse import EXCLUDE, load_parser, weights_dir  # noqa: E402
from claimgraph.events.parse_gemm import MlasOps, _session  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_gemm_is_x_times_y_transposed():
    rng = np.random.default_rng(7)
    ops = MlasOps(_session())
    for m, k, n in ((1, 96, 50), (37, 288, 288), (900, 384, 64)):
        x = rng.standard_normal((m, k)).astype(np.float32)
        y = rng.standard_normal((n, k)).astype(np.float32)
        got = ops.gemm(x, y, trans2=True)
        assert got.shape == (m, n) and got.dtype == np.float32
        np.testing.assert_allclose(got, x @ y.T, rtol=1e-4, atol=1e-4)
        out = np.empty((m, n), dtype=np.float32)
        assert ops.gemm(x, y, out=out, trans2=True) is out
        np.testing.assert_array_equal(out, got)


def test_other_products_are_thincs():
    rng = np.random.default_rng(8)
    x = rng.standard_normal((20, 30)).astype(np.float32)
    y = rng.standard_normal((20, 40)).astype(np.float32)
    np.testing.assert_array_equal(MlasOps(_session()).gemm(x, y, trans1=True), NumpyOps().gemm(x, y, trans1=True))


def test_the_pipeline_reads_the_corpus_as_with_thincs_ops():
    import spacy

    mlas = load_parser(entities=True)
    assert {type(node.ops) for _, pipe in mlas.components for node in pipe.model.walk()} == {MlasOps}
    plain = spacy.load(weights_dir(), exclude=[p for p in EXCLUDE if p != "ner"])
    sentences = [
        s
        for path in sorted(CORPUS.glob("*.txt"))
        for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
        if s.strip()
    ]
    assert len(sentences) > 100

    def read(nlp):
        docs = [nlp.make_doc(s) for s in sentences]
        for name in nlp.pipe_names:
            docs = list(nlp.get_pipe(name).pipe(docs))
        return [[(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc] for doc in docs]

    assert read(mlas) == read(plain)
