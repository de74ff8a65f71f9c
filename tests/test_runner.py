"""The runner on real inputs: the seeds, the example corpus, bad files, a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from stores import copy_store

from claimgraph import runner
from claimgraph.errors import InputError
from claimgraph.store import Store


def test_seeds_go_through_every_stage(tmp_path, seed_news_path, seed_thread_path):
    with Store(tmp_path / "cg.duckdb") as store:
        report = runner.run([str(seed_news_path), str(seed_thread_path)], store)
        assert not report.errors
        assert len(report.added) == 2
        for doc in report.added:
            stored = store.documents.get(doc.id)
            assert runner.DocumentSummary.of(stored) == doc
            assert stored.language == "en"
            assert stored.clean_text and len(stored.clean_text) < len(stored.raw_text)
            assert stored.duplicate_of is None
            for r in stored.removals:
                assert stored.raw_text[r.raw_start : r.raw_end] == r.text


@pytest.fixture(scope="module")
def example_run(tmp_path_factory, examples_dir):
    """The example corpus run once into a new store: (the store, the run's errors, the documents it added,
    the store's counts after it). A run is seconds; the tests below read it or rerun a copy."""
    db = tmp_path_factory.mktemp("examples") / "cg.duckdb"
    with Store(db) as store:
        report = runner.run([str(examples_dir)], store)
        return db, report.errors, list(report.added), store.documents.counts()


def test_example_corpus_runs_clean_and_finds_its_duplicates(example_run):
    _, errors, added, _ = example_run
    assert errors == []
    assert len(added) >= 12
    kinds = {d.duplicate_kind for d in added if d.duplicate_of}
    assert kinds == {"exact", "near"}
    canonical = {d.id for d in added if not d.duplicate_of}
    assert all(d.duplicate_of in canonical for d in added if d.duplicate_of)
    assert {d.source.format for d in added} >= {"txt", "md", "html", "jsonl", "json", "warc"}


def test_rerun_is_idempotent(tmp_path, examples_dir, example_run):
    first_db, _, first_added, before = example_run
    db = copy_store(first_db, tmp_path)
    with Store(db) as store:
        second = runner.run([str(examples_dir)], store)
        assert second.added == []
        assert second.skipped == len(first_added)
        after = store.documents.counts()
    assert after["documents"] == before["documents"]
    assert after["removals"] == before["removals"]


def test_same_input_twice_in_one_run_is_stored_once(tmp_path, seed_news_path):
    with Store(tmp_path / "cg.duckdb") as store:
        report = runner.run([str(seed_news_path), str(seed_news_path)], store)
        assert len(report.added) == 1 and report.skipped == 1


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path, examples_dir):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "good.txt").write_text(
        "A short synthetic note. The council said the border was closed on Monday.\n", encoding="utf-8"
    )
    with Store(tmp_path / "cg.duckdb") as store:
        report = runner.run([str(bad), str(tmp_path / "missing.txt")], store)
        reasons = {Path(e.path).name: e.reason for e in report.errors}
        assert set(reasons) == {"empty.txt", "binary.txt", "missing.txt"}
        assert "empty" in reasons["empty.txt"]
        assert "binary" in reasons["binary.txt"]
        assert [Path(d.source.path).name for d in report.added] == ["good.txt"]
        assert store.documents.counts()["documents"] == 1


def test_extract_is_the_same_per_document_work_as_run(tmp_path, seed_thread_path):
    extracted = [d for d in runner.extract([str(seed_thread_path)]) if not isinstance(d, InputError)]
    with Store(tmp_path / "cg.duckdb") as store:
        report = runner.run([str(seed_thread_path)], store)
        stored = store.documents.get(report.added[0].id)
    assert len(extracted) == 1
    assert extracted[0].clean_text == stored.clean_text
    assert extracted[0].removals == stored.removals
    assert extracted[0].paragraphs == stored.paragraphs


CORPUS_SIZE = 400  # enough that a kill a few seconds in lands mid-run, with every stage on


def _make_corpus(directory: Path, n: int) -> None:
    directory.mkdir()
    for i in range(n):
        (directory / f"note{i:05d}.txt").write_text(
            f"Synthetic note {i}. Officials in district {i} said {i % 97} people were detained on day {i}.\n"
            f"Home / Latest / Note {i}\n\nA second paragraph about checkpoint {i * 7} and convoy {i * 13}.\n",
            encoding="utf-8",
        )


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    _make_corpus(corpus, CORPUS_SIZE)
    db = tmp_path / "cg.duckdb"
    cmd = [sys.executable, "-m", "claimgraph", "run", str(corpus), "--db", str(db), "--quiet"]
    # its own process group, so the kill takes its pool's forkserver and workers too (killing only the
    # parent leaves them waiting for work forever)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    # Kill it somewhere in the middle: once the store exists and has had time to take some documents.
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(4)  # > BATCH_SECONDS, so some batches are committed before the kill
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    with Store(db) as store:
        partial = store.documents.counts()["documents"]
        assert partial <= CORPUS_SIZE
        report = runner.run([str(corpus)], store)
        assert not report.errors
        assert report.skipped == partial
        assert len(report.added) == CORPUS_SIZE - partial
        counts = store.documents.counts()
        assert counts["documents"] == CORPUS_SIZE
        ids = [r["id"] for r in store.documents.summaries()]
        assert len(ids) == len(set(ids)) == CORPUS_SIZE
        # every stored document is whole: its removals are all there
        for row in store.documents.summaries(limit=50):
            doc = store.documents.get(row["id"])
            assert any(r.rule for r in doc.removals)  # each note has a breadcrumb line to remove


def _proposition_members(store) -> int:
    return store.query("SELECT count(*) AS n FROM proposition_claims")[0]["n"]


def test_documents_of_an_interrupted_run_are_linked_by_the_next_run(tmp_path, examples_dir):
    # A run interrupted after storing documents but before its after-run steps (Ctrl-C, a kill):
    # the next run stores nothing new, yet must still place those documents' claims in propositions.
    with Store(tmp_path / "cg.duckdb") as store:
        writer = runner.StoreWriter(store, [str(examples_dir)], 0.8)
        with store.batch():
            for doc in runner.extract([str(examples_dir)]):
                writer.write(doc)
        writer.finish()  # what run()'s finally does on an interrupt: no after-run steps
        stored = store.documents.counts()["documents"]
        assert stored > 0 and _proposition_members(store) == 0
        assert len(store.unlinked_documents()[0]) == stored

        report = runner.run([str(examples_dir)], store)
        assert report.skipped == stored and report.added_count == 0
        assert _proposition_members(store) > 0
        assert store.unlinked_documents() == ([], None)
        members = _proposition_members(store)
        runner.run([str(examples_dir)], store)  # nothing left to link: nothing changes
        assert _proposition_members(store) == members


def test_a_long_run_links_as_it_goes_and_ends_linked(tmp_path, examples_dir, monkeypatch):
    # LINK_DOCUMENTS bounds the after-run steps' memory on long runs: with a small value the example
    # corpus is linked in several segments, and ends with every document linked.
    monkeypatch.setattr(runner, "LINK_DOCUMENTS", 3)
    with Store(tmp_path / "cg.duckdb") as store:
        report = runner.run([str(examples_dir)], store)
        assert report.added_count > 3
        assert store.unlinked_documents() == ([], None)
        assert _proposition_members(store) > 0
