"""The batched write path: a batch's rows go to DuckDB through one CSV file per table, so every
value that CSV could blur (empty strings vs NULL, quotes, line breaks, long lines, booleans,
exact floats, lists, nested JSON) must come back exactly as it went in."""

from __future__ import annotations

import pytest
from awkward_documents import awkward_document  # tests/store/, on the path while its tests run

from claimgraph.store import Store


def test_awkward_values_round_trip_through_a_batch(tmp_path):
    docs = [awkward_document(n) for n in range(3)]
    with Store(tmp_path / "s.duckdb") as store:
        with store.batch():
            for doc in docs:
                assert store.add_document(doc, bytes(range(256)) * 4)
        for doc in docs:
            back = store.documents.get(doc.id)
            assert back == doc
            assert back.meta.title == "" and back.meta.author is None and back.content_hash == ""
            assert back.claims[0].hedges == ("", "a,b", "x\ny") and back.claims[0].speaker_text == ""
        assert list(store.documents.canonical_signatures())[0][2] == bytes(range(256)) * 4


def test_a_document_longer_than_the_csv_readers_default_line(tmp_path):
    text = "Word " * 600_000  # 3 MB on one line; DuckDB's CSV reader stops at 2 MB by default
    doc = awkward_document(1, text.strip())
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_document(doc, None)
        assert store.documents.get(doc.id).clean_text == doc.clean_text


def test_ids_are_looked_up_per_batch_and_repeats_inside_a_batch_are_refused(tmp_path):
    first, second = awkward_document(1), awkward_document(2)
    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(first, None)
        with store.batch():
            assert store.stored_ids([first.id, second.id, "ffffffffffffffff"]) == {first.id}
            assert store.add_document(second, None, known_new=True)
            # added in the open batch: not in the table yet, but already known
            assert store.stored_ids([second.id]) == {second.id} and store.has_document(second.id)
            assert store.add_document(second, None, known_new=True) is False
        assert store.documents.counts()["documents"] == 2


def test_a_failed_batch_writes_none_of_its_documents(tmp_path):
    kept, lost = awkward_document(1), awkward_document(2)
    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(kept, None)
        with pytest.raises(RuntimeError), store.batch():
            store.add_document(lost, None)
            raise RuntimeError("killed mid-batch")
        assert store.stored_ids([kept.id, lost.id]) == {kept.id}
        assert store.add_document(lost, None)  # and the store goes on working
        assert store.documents.counts()["documents"] == 2
