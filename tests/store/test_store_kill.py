"""A writer killed with SIGKILL leaves whole documents only, and a re-run completes the store."""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb

from claimgraph.store import Store

WRITER = Path(__file__).with_name("kill_writer.py")
TOTAL = 80
KILL_AFTER = 25


def load_writer():
    spec = importlib.util.spec_from_file_location("claimgraph_test_kill_writer", WRITER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_and_kill(path: Path) -> int:
    """Start the writer, SIGKILL it once it reports KILL_AFTER committed documents; return that count."""
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), str(TOTAL)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    guard = threading.Timer(120, child.kill)  # never hang the suite if the child stalls
    guard.start()
    committed = 0
    try:
        for line in child.stdout:
            if line.startswith("added "):
                committed = int(line.split()[1])
                if committed >= KILL_AFTER:
                    child.send_signal(signal.SIGKILL)
                    break
        child.wait()
    finally:
        guard.cancel()
        child.stdout.close()
        stderr = child.stderr.read()
        child.stderr.close()
    assert committed >= KILL_AFTER, f"writer stopped early: {stderr}"
    assert child.returncode == -signal.SIGKILL
    return committed


def test_killed_run_leaves_no_partial_document_and_rerun_completes(tmp_path):
    path = tmp_path / "killed.duckdb"
    expected = {doc.id: doc for doc in load_writer().make_documents(TOTAL)}
    committed = run_and_kill(path)

    # Re-open (DuckDB replays its write-ahead log) and check every stored document is whole.
    with Store(path) as store:
        stored = [row["id"] for row in store.documents.summaries()]
        assert committed <= len(stored) < TOTAL  # every reported commit survived the kill
        assert set(stored) <= set(expected)
        for doc_id in stored:
            assert store.documents.get(doc_id) == expected[doc_id]
        counts = store.documents.counts()
        assert counts["documents"] == len(stored)
        assert counts["removals"] == sum(len(expected[i].removals) for i in stored)
        assert counts["paragraphs"] == sum(len(expected[i].paragraphs) for i in stored)

    with duckdb.connect(str(path), read_only=True) as con:
        orphans = con.execute("""
            SELECT (SELECT count(*) FROM removals WHERE doc_id NOT IN (SELECT id FROM documents))
                 + (SELECT count(*) FROM paragraphs WHERE doc_id NOT IN (SELECT id FROM documents))
        """).fetchone()[0]
        assert orphans == 0

    # A re-run adds exactly the missing documents and nothing twice.
    with Store(path) as store:
        added = [doc.id for doc in expected.values() if store.add_document(doc, bytes(8 * 16))]
        assert set(added) == set(expected) - set(stored)
        ids = [row["id"] for row in store.documents.summaries()]
        assert len(ids) == len(set(ids)) == TOTAL
        assert ids[: len(stored)] == stored  # ingest order is kept across the kill
        counts = store.documents.counts()
        assert counts["removals"] == sum(len(d.removals) for d in expected.values())
        assert counts["paragraphs"] == sum(len(d.paragraphs) for d in expected.values())
