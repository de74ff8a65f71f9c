"""A document's rows rendered before the batch (store/rows.py: in the worker that processed it) store
exactly what ``add_document`` stores, survive pickling, and carry the duplicate decision the parent
makes afterwards; a batch leaves DuckDB's thread setting as it found it."""

from __future__ import annotations

import pickle

import pytest
from awkward_documents import awkward_document  # tests/store/, on the path while its tests run

from claimgraph.errors import InputRejected
from claimgraph.model import Metadata, Source, new_document
from claimgraph.store import Store
from claimgraph.store.rows import DocumentRows, document_rows


def _awkward_documents():
    # and for the hand-rendered documents line: a NUL, a lone CR, non-BMP characters, quotes only
    texts = [None, 'He said: "no, never"\r\n\x00 and a lone \r here; 😀 ,,, "" and ISKP said it.', '"' * 20]
    return [awkward_document(n, text) for n, text in enumerate(texts)]


def test_rendered_rows_store_what_add_document_stores(tmp_path):
    docs = _awkward_documents()
    signature = bytes(range(256)) * 4
    with Store(tmp_path / "direct.duckdb") as direct, Store(tmp_path / "rendered.duckdb") as rendered:
        with direct.batch(), rendered.batch():
            for doc in docs:
                assert direct.add_document(doc, signature)
                # as a worker sends them: pickled, unpickled in the parent
                rows = pickle.loads(pickle.dumps(document_rows(doc), protocol=pickle.HIGHEST_PROTOCOL))
                assert isinstance(rows, DocumentRows)
                assert rendered.add_rows(rows, signature)
        for doc in docs:
            assert rendered.documents.get(doc.id) == direct.documents.get(doc.id) == doc
        assert list(rendered.documents.canonical_signatures()) == list(direct.documents.canonical_signatures())
        assert rendered.documents.counts() == direct.documents.counts()


def test_rendered_rows_carry_the_document_without_its_annotations():
    doc = awkward_document(1)
    rows = document_rows(doc)
    header = rows.document
    assert (header.id, header.source, header.meta, header.clean_text, header.raw_text) == (
        doc.id,
        doc.source,
        doc.meta,
        doc.clean_text,
        doc.raw_text,
    )
    assert header.entities == header.events == header.claims == header.removals == header.paragraphs == ()
    assert set(rows.lines) == {"documents", "document_counts", "removals", "paragraphs", "entities", "events", "claims"}
    # what crosses from a worker is strings, not ~250 dataclass objects
    assert all(isinstance(v, str) for v in rows.lines.values())


def test_the_duplicate_decision_made_after_rendering_is_what_gets_stored(tmp_path):
    doc = awkward_document(1)
    rows = document_rows(doc)
    decided = rows.document.replace(
        content_hash="ab" * 32, duplicate_of="0123456789abcdef", duplicate_kind="near", duplicate_similarity=0.8125
    )
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_rows(rows, None, document=decided, run_id=None)
        back = store.documents.get(doc.id)
        assert (back.content_hash, back.duplicate_of, back.duplicate_kind, back.duplicate_similarity) == (
            "ab" * 32,
            "0123456789abcdef",
            "near",
            0.8125,
        )
        assert back.claims == doc.claims and back.entities == doc.entities  # the rows, not the header
        assert store.add_rows(rows, None) is False  # stored already: nothing written twice


def test_text_the_store_cannot_hold_is_rejected_when_rendering():
    bad = new_document(Source("in.jsonl", "jsonl", "3"), "A lone surrogate \udc80 from a JSON escape.\n", Metadata())
    with pytest.raises(InputRejected, match="lone surrogate"):
        document_rows(bad.replace(clean_text=bad.raw_text))


def test_a_batch_leaves_duckdbs_thread_setting_as_it_was(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        threads = store.query("SELECT current_setting('threads') AS n")[0]["n"]
        with store.batch():
            store.add_document(awkward_document(1), None)
        assert store.query("SELECT current_setting('threads') AS n")[0]["n"] == threads
        with pytest.raises(RuntimeError), store.batch():
            store.add_document(awkward_document(2), None)
            raise RuntimeError("killed mid-batch")
        assert store.query("SELECT current_setting('threads') AS n")[0]["n"] == threads
        assert store.stored_ids([awkward_document(1).id, awkward_document(2).id]) == {awkward_document(1).id}
