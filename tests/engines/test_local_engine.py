"""The multi-process local engine gives exactly what the in-process path gives, and reads lazily."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph import pipeline, runner
from claimgraph.engines.local import preload_modules, process_parallel
from claimgraph.errors import InputError
from claimgraph.ingest import read_paths
from claimgraph.settings import Settings
from claimgraph.store import Store


def _notes(directory: Path, n: int) -> Path:
    """Short synthetic notes, each with a breadcrumb line the cleaner removes."""
    directory.mkdir()
    for i in range(n):
        (directory / f"note{i:03d}.txt").write_text(
            f"Officials in Kabul said {i % 7} people were detained on Monday near checkpoint {i}.\n"
            f"Home / Latest / Note {i}\n\nThe Taliban denied the report about convoy {i * 13}.\n",
            encoding="utf-8",
        )
    return directory


def _as_comparable(items):
    return [("error", i.path, i.record, i.reason) if isinstance(i, InputError) else i.to_dict() for i in items]


def test_two_workers_store_exactly_what_one_worker_stores(tmp_path, examples_dir):
    # A JSON escape can carry a lone surrogate (here in a title, which no stage reads) that DuckDB
    # cannot store: rendering the rows in the worker must give the in-process path's error line.
    records = tmp_path / "records.jsonl"
    records.write_text(
        "\n".join(
            [
                json.dumps({"title": "Herat", "text": "Officials in Herat said the road was closed again on Monday."}),
                '{"title": "Broken \\udc80 title", "text": "Officials in Herat said the road was closed again."}',
                json.dumps({"title": "Kabul", "text": "The Taliban denied that 4 people were detained in Kabul."}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    stores = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            report = runner.run([str(examples_dir), str(records)], store, workers=workers)
            assert [(e.record, e.reason) for e in report.errors] == [
                ("2", "metadata title holds an invalid character (lone surrogate) at offset 7; cannot store it")
            ]
            stores[workers] = (
                report.to_dict()["documents"],
                [store.documents.get(r["id"]) for r in store.documents.summaries()],
            )
    one, two = stores[1], stores[2]
    assert len(one[1]) >= 14
    assert two[0] == one[0]  # same summaries, same order, same duplicate decisions
    assert two[1] == one[1]  # every stored document identical, annotations included


def test_parallel_stream_is_the_in_process_stream_in_order_errors_included(tmp_path, examples_dir):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    notes = _notes(tmp_path / "notes", 9)
    paths = [
        str(notes),
        str(examples_dir / "oxus_security_notes_iskp_threat.md"),
        str(bad),
        str(tmp_path / "missing.txt"),
    ]
    options = Settings.defaults()
    expected = _as_comparable(pipeline.Pipeline.from_settings(options).stream(read_paths(paths)))
    # small chunks so the pool really splits the work across both workers
    got = _as_comparable(process_parallel(read_paths(paths), options, workers=2, chunk=3))
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        if isinstance(e, dict):
            assert {k: v for k, v in g.items() if v != e[k]} == {}, e["id"]
        assert g == e
    assert sum(1 for g in got if isinstance(g, tuple)) == 3


def test_input_is_read_lazily_with_bounded_work_in_flight(tmp_path):
    source = list(read_paths([str(_notes(tmp_path / "notes", 40))]))
    pulled = 0

    def counting():
        nonlocal pulled
        for doc in source:
            pulled += 1
            yield doc

    chunk, in_flight = 2, 3
    stream = process_parallel(counting(), Settings.defaults(), workers=2, chunk=chunk, max_in_flight=in_flight)
    taken = [next(stream) for _ in range(5)]
    assert len(taken) == 5
    # what was read is what was handed back plus at most the in-flight window
    assert pulled <= 5 + (in_flight + 1) * chunk < len(source)
    rest = list(stream)
    assert len(taken) + len(rest) == len(source) == pulled


def test_cli_workers_option(tmp_path):
    from click.testing import CliRunner

    from claimgraph.cli import main

    notes = _notes(tmp_path / "notes", 40)
    db = tmp_path / "cg.duckdb"
    result = CliRunner().invoke(main, ["run", str(notes), "--db", str(db), "--workers", "2", "--json"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.documents.counts()["documents"] == 40
    bad = CliRunner().invoke(main, ["run", str(notes), "--db", str(db), "--out", str(tmp_path / "o")])
    assert bad.exit_code == 2 and "--out is for --engine spark" in bad.output
    assert Path(db).exists()


def test_rows_rendered_in_the_workers_are_the_rows_rendered_in_process(tmp_path, examples_dir):
    """What ``run`` does with workers: each document's store rows are rendered in the worker
    (``prepare``); they come back in order and equal the in-process rendering, errors included."""
    notes = _notes(tmp_path / "notes", 7)
    paths = [str(notes), str(examples_dir / "oxus_security_notes_iskp_threat.md"), str(tmp_path / "missing.txt")]
    options = Settings.defaults()
    processed = pipeline.Pipeline.from_settings(options).stream(read_paths(paths))
    expected = [runner.rows_for_store(item) for item in processed]
    got = list(process_parallel(read_paths(paths), options, workers=2, chunk=3, prepare=runner.rows_for_store))
    assert len(got) == len(expected) == 9
    for g, e in zip(got, expected):
        if isinstance(e, InputError):
            assert (g.path, g.record, g.reason) == (e.path, e.record, e.reason)
        else:
            assert g.document == e.document and g.lines == e.lines


def _session_processes(session: int) -> list[int]:
    """Pids of the processes in a session (Linux /proc), zombies left out."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != b"Z":
            pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_workers_exit_when_the_run_is_killed(tmp_path):
    # SIGKILL gives the run no chance to shut its pool down; its workers must notice and go rather
    # than wait for work forever (~300 MB each).
    corpus = _notes(tmp_path / "notes", 300)
    db = tmp_path / "cg.duckdb"
    cmd = [sys.executable, "-m", "claimgraph", "run", str(corpus), "--db", str(db), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        # the pool is up once the session holds the run, its forkserver and workers
        while len(_session_processes(proc.pid)) < 4 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert proc.poll() is None, "the run ended before it could be killed"
        assert len(_session_processes(proc.pid)) >= 4
        os.kill(proc.pid, signal.SIGKILL)  # the run only, not its process group
        proc.wait()
        deadline = time.monotonic() + 30
        while _session_processes(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session_processes(proc.pid) == []
    finally:
        left = _session_processes(proc.pid)
        for pid in left:
            os.kill(pid, signal.SIGKILL)


def test_forkserver_preloads_the_pipeline_modules_and_spacy_for_accurate_runs():
    fast = preload_modules(Settings.defaults().with_values({"extract.mode": "fast"}))
    accurate = preload_modules(Settings.defaults().with_values({"extract.mode": "accurate"}))
    assert fast[0] == "__main__"  # multiprocessing's own default stays
    assert "claimgraph.engines.local" in fast and "spacy" not in fast
    assert set(fast) < set(accurate) and "spacy" in accurate
