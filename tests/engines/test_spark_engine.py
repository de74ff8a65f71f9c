"""Spark in local mode on a small WARC + JSONL made here equals the local engine, through Parquet
and `claimgraph load`. One SparkSession for the module: starting the JVM takes ~10-30 s."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from claimgraph import runner
from claimgraph.engines.parquet import document_from_dict, load_parquet, read_documents, read_errors
from claimgraph.errors import InputError
from claimgraph.store import Store

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")

from claimgraph.engines.spark import SparkEngine, java_available, run_spark, session  # noqa: E402

if not java_available():
    pytest.skip("the Spark engine needs Java 17 (no JAVA_HOME and no `java` on PATH)", allow_module_level=True)

PAGE = """<html><head><title>{title}</title><meta name="author" content="Desk staff"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{body}</p>
<p>Residents of Jalalabad said the Taliban closed the road for two days after the attack.</p></article>
<footer>Copyright 2025 Example Wire. All rights reserved.</footer></body></html>"""

BODIES = [
    (
        "Blast at checkpoint in Nangarhar",
        "A roadside bomb killed at least four police officers at a checkpoint "
        "in Nangarhar province on Tuesday, the provincial governor's spokesman told reporters.",
    ),
    (
        "ISKP claims Kabul attack",
        "Islamic State Khorasan Province claimed responsibility for the attack in "
        "Kabul, according to a statement published by its Amaq news agency on Wednesday.",
    ),
]


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimgraph tests"}))
        for i, (title, body) in enumerate(BODIES):
            html = PAGE.format(title=title, body=body).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://wire.example/story/{i}", "response", payload=io.BytesIO(html), http_headers=headers
                )
            )
        text = (
            b"Officials in Herat said on Monday that 12 people were detained after clashes near the border.\n"
            b"Share this: Facebook Twitter\n"
        )
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://wire.example/brief.txt", "response", payload=io.BytesIO(text), http_headers=headers
            )
        )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A WARC, a JSONL (one record a near copy of a WARC page, one bad line), a text file and two bad files."""
    root = tmp_path_factory.mktemp("spark") / "inputs"
    root.mkdir()
    _write_warc(root / "crawl.warc.gz")
    records = [
        {
            "title": "Statement on Kunar",
            "text": "The Taliban spokesman denied that ISKP fighters hold territory "
            "in Kunar, calling the reports propaganda.",
            "date": "2025-03-04",
        },
        {
            "title": BODIES[0][0],
            "text": BODIES[0][1] + "\n\nResidents of Jalalabad said the Taliban closed the "
            "road for two days after the attack.",
            "url": "https://copy.example/1",
        },
        {"no_text_here": True},
    ]
    (root / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (root / "note.txt").write_text(
        "Home / News\n\nA UN report estimated 4,000 to 6,000 ISKP fighters in "
        "Afghanistan, a figure the Taliban rejected.\n",
        encoding="utf-8",
    )
    (root / "empty.txt").write_bytes(b"")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return root


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # tests talk to nothing but this machine
    spark = session("local[2]", app_name="claimgraph-tests")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def spark_out(spark, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark") / "out"
    report = run_spark([str(corpus)], out, spark=spark, partitions=2)
    return out, report


def _local(corpus):
    items = list(runner.extract([str(corpus)]))
    return [d for d in items if not isinstance(d, InputError)], [e for e in items if isinstance(e, InputError)]


def test_spark_documents_equal_the_local_engine(spark_out, corpus):
    from claimgraph.dedup import content_hash

    out, report = spark_out
    local_docs, _ = _local(corpus)
    assert len(local_docs) == 6  # 3 WARC records, 2 good JSONL records, 1 text file
    spark_docs = [doc for doc, _ in read_documents(out)]
    assert report.documents == len(spark_docs)
    # same documents, in the local engine's reading order, equal in every field of the JSON output
    expected = [d.replace(content_hash=content_hash(d.clean_text)).to_dict() for d in local_docs]
    assert [d.to_dict() for d in spark_docs] == expected
    assert {d.source.format for d in spark_docs} == {"warc", "jsonl", "txt"}
    assert any(d.removals for d in spark_docs)


def test_spark_errors_equal_the_local_engine(spark_out, corpus):
    out, report = spark_out
    _, local_errors = _local(corpus)
    expected = sorted((e.path, e.record, e.reason) for e in local_errors)
    assert len(expected) == 3  # the bad JSONL line, the empty file, the PNG
    assert sorted((e.path, e.record, e.reason) for e in read_errors(out)) == expected
    assert sorted((e.path, e.record, e.reason) for e in report.errors) == expected


def test_load_round_trip_equals_a_local_run_and_is_idempotent(spark_out, corpus, tmp_path):
    out, _ = spark_out
    with Store(tmp_path / "local.duckdb") as local:
        local_report = runner.run([str(corpus)], local)
        local_summaries = local_report.to_dict()["documents"]  # read from the store: while it is open
        local_docs = [local.documents.get(r["id"]) for r in local.documents.summaries()]
    with Store(tmp_path / "loaded.duckdb") as store:
        report = load_parquet(out, store)
        assert report.to_dict()["documents"] == local_summaries
        assert len(report.errors) == len(local_report.errors) == 3
        assert [store.documents.get(r["id"]) for r in store.documents.summaries()] == local_docs
        # the JSONL copy of the WARC story: its text is the page's body word for word (the page's
        # headline is its title, cleaned out as page-title), so an exact duplicate of it
        story = next(d for d in local_docs if d.meta.url == "https://wire.example/story/0")
        copy = next(d for d in local_docs if d.meta.url == "https://copy.example/1")
        assert (copy.duplicate_of, copy.duplicate_kind) == (story.id, "exact")
        again = load_parquet(out, store)
        assert again.added == [] and again.skipped == len(local_docs)
        assert store.documents.counts()["documents"] == len(local_docs)


def test_cli_spark_run_then_load(spark, corpus, tmp_path):
    """The commands a user types; the job reuses the test session (getOrCreate)."""
    from click.testing import CliRunner

    from claimgraph.cli import main

    out, db = tmp_path / "out", tmp_path / "cg.duckdb"
    result = CliRunner().invoke(
        main,
        [
            "run",
            "--engine",
            "spark",
            "--master",
            "local[2]",
            str(corpus / "note.txt"),
            str(corpus / "feed.jsonl"),
            "--out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 1  # the bad JSONL line is reported
    assert "feed.jsonl" in result.output
    loaded = CliRunner().invoke(main, ["load", str(out), "--db", str(db), "--json"])
    assert loaded.exit_code == 1, loaded.output
    summary = json.loads(loaded.output[loaded.output.index("{") :])
    assert summary["added"] == 3 and len(summary["errors"]) == 1
    bad = CliRunner().invoke(main, ["load", str(tmp_path), "--db", str(db)])
    assert bad.exit_code == 1 and "not a claimgraph Parquet output" in bad.output


def test_document_from_dict_inverts_to_dict(corpus):
    for doc in _local(corpus)[0]:
        assert document_from_dict(doc.to_dict()) == doc


def test_the_runner_with_the_spark_engine_stores_what_the_local_engine_stores(spark, corpus, tmp_path):
    with Store(tmp_path / "local.duckdb") as local:
        local_report = runner.run([str(corpus)], local)
        local_summaries = local_report.to_dict()["documents"]
        local_docs = [local.documents.get(r["id"]) for r in local.documents.summaries()]
    with Store(tmp_path / "spark.duckdb") as store:
        # batches of 2: several Spark jobs, whose results must come back in input order
        report = runner.run([str(corpus)], store, engine=SparkEngine(spark, batch=2))
        assert report.to_dict()["documents"] == local_summaries
        assert [(e.path, e.record, e.reason) for e in report.errors] == [
            (e.path, e.record, e.reason) for e in local_report.errors
        ]
        assert [store.documents.get(r["id"]) for r in store.documents.summaries()] == local_docs
