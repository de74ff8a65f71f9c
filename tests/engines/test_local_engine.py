"""The multi-process local engine gives exactly what the in-process path gives, and reads lazily."""

from __future__ import annotations

from pathlib import Path

from claimgraph import pipeline
from claimgraph.engines.local import load_stages, process_parallel
from claimgraph.errors import InputError
from claimgraph.ingest import read_paths
from claimgraph.store import Store


def _notes(directory: Path, n: int) -> Path:
    """Short synthetic notes, each with a breadcrumb line the cleaner removes."""
    directory.mkdir()
    for i in range(n):
        (directory / f"note{i:03d}.txt").write_text(
            f"Officials in Kabul said {i % 7} people were detained on Monday near checkpoint {i}.\n"
            f"Home / Latest / Note {i}\n\nThe Taliban denied the report about convoy {i * 13}.\n", encoding="utf-8")
    return directory


def _as_comparable(items):
    return [("error", i.path, i.record, i.reason) if isinstance(i, InputError) else i.to_dict() for i in items]


def test_two_workers_store_exactly_what_one_worker_stores(tmp_path, examples_dir):
    stores = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            report = pipeline.run([str(examples_dir)], store, workers=workers)
            assert report.errors == []
            stores[workers] = (report.to_dict()["documents"],
                               [store.get_document(r["id"]) for r in store.list_documents()])
    one, two = stores[1], stores[2]
    assert len(one[1]) >= 12
    assert two[0] == one[0]  # same summaries, same order, same duplicate decisions
    assert two[1] == one[1]  # every stored document identical, annotations included


def test_parallel_stream_is_the_in_process_stream_in_order_errors_included(tmp_path, examples_dir):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    notes = _notes(tmp_path / "notes", 9)
    paths = [str(notes), str(examples_dir / "oxus_security_notes_iskp_threat.md"), str(bad),
             str(tmp_path / "missing.txt")]
    options = pipeline.PipelineOptions()
    expected = _as_comparable(load_stages(options)(read_paths(paths)))
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
    stream = process_parallel(counting(), pipeline.PipelineOptions(), workers=2, chunk=chunk,
                              max_in_flight=in_flight)
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
        assert store.counts()["documents"] == 40
    bad = CliRunner().invoke(main, ["run", str(notes), "--db", str(db), "--out", str(tmp_path / "o")])
    assert bad.exit_code == 2 and "--out is for --engine spark" in bad.output
    assert Path(db).exists()
