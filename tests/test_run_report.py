"""A run report holds counts and errors; its documents are read back from the store by run id."""

from __future__ import annotations

from dataclasses import fields

import pytest

from claimgraph import runner
from claimgraph.settings import Settings
from claimgraph.store import Store

FAST = Settings.defaults().with_values({"extract.mode": "fast"})


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, examples_dir):
    """The example corpus, then a second run over it plus one new file: (db path, first, second)."""
    folder = tmp_path_factory.mktemp("report")
    extra = folder / "extra"
    extra.mkdir()
    (extra / "note.txt").write_text(
        "A new note. The council said the border crossing reopened on Tuesday.\n", encoding="utf-8"
    )
    db = folder / "cg.duckdb"
    store = Store(db)
    first = runner.run([str(examples_dir)], store, FAST)
    second = runner.run([str(examples_dir), str(extra)], store, FAST)
    yield store, first, second
    store.close()


def test_the_report_keeps_counts_not_documents(two_runs):
    _, first, _ = two_runs
    assert {f.name for f in fields(first)} == {"run_id", "skipped", "errors", "added_count", "duplicate_count", "store"}
    assert first.added_count >= 12 and 0 < first.duplicate_count < first.added_count


def test_added_reads_the_runs_documents_back_in_ingest_order(two_runs):
    store, first, second = two_runs
    listed = [row["id"] for row in store.documents.summaries()]
    assert [d.id for d in first.added] == listed[: first.added_count]
    assert len(first.added) == first.added_count
    for summary in first.added:
        assert runner.DocumentSummary.of(store.documents.get(summary.id)) == summary
    # the second run added only the new note: its report lists that, not the first run's documents
    assert [d.source.path.endswith("note.txt") for d in second.added] == [True]
    assert second.skipped == first.added_count and second.duplicate_count == 0


def test_added_slices_and_indexes_like_a_list(two_runs):
    _, first, _ = two_runs
    everything = list(first.added)
    assert first.added[:5] == everything[:5]
    assert first.added[3:7] == everything[3:7]
    assert first.added[::4] == everything[::4]
    assert first.added[-1] == everything[-1] and first.added[2] == everything[2]
    assert first.added == everything and first.added != everything[1:]
    with pytest.raises(IndexError):
        first.added[len(everything)]


def test_duplicates_are_the_added_documents_that_point_to_another(two_runs):
    _, first, _ = two_runs
    assert list(first.duplicates) == [d for d in first.added if d.duplicate_of]
    assert len(first.duplicates) == first.duplicate_count


def test_to_dict_lists_every_document_from_the_store(two_runs):
    _, first, _ = two_runs
    out = first.to_dict()
    assert (out["added"], out["duplicates"], out["skipped"]) == (first.added_count, first.duplicate_count, 0)
    assert [d["id"] for d in out["documents"]] == [d.id for d in first.added]
    assert {d["source"] for d in out["documents"]} == {d.locator for d in first.added}


def test_an_empty_report_needs_no_store(tmp_path, examples_dir):
    with Store(tmp_path / "cg.duckdb") as store:
        runner.run([str(examples_dir)], store, FAST)
        again = runner.run([str(examples_dir)], store, FAST)
    assert again.added == [] and not again.duplicates and again.to_dict()["documents"] == []
