"""The command line as a user types it: run, docs, show, extract, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from stores import copy_store

from claimgraph.cli import main


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seed_news_path, seed_thread_path) -> Path:
    """The two seeds run once for the module (a run is seconds); tests take a copy (``seeded_db``)."""
    db = tmp_path_factory.mktemp("seeded") / "cg.duckdb"
    result = CliRunner().invoke(main, ["run", str(seed_news_path), str(seed_thread_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture()
def seeded_db(seeded, tmp_path) -> Path:
    return copy_store(seeded, tmp_path)


def _docs(runner, db) -> list[dict]:
    result = runner.invoke(main, ["docs", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_run_then_docs_lists_both_seeds(runner, seeded_db):
    rows = _docs(runner, seeded_db)
    assert len(rows) == 2
    news = next(r for r in rows if r["source_path"].endswith("000_c66624d27a4d3d23.txt"))
    assert news["title"] == "International community faces critical decision in defeating ISIS in Afghanistan"
    assert news["language"] == "en" and news["chars"] > 2000 and news["duplicate_of"] is None
    # each document's metadata: the seed news page names its outlet in a byline, and no URL, date or author
    assert (news["site"], news["url"], news["date"], news["author"]) == ("AT News", None, None, None)


def test_docs_table_output(runner, seeded_db):
    result = runner.invoke(main, ["docs", "--db", str(seeded_db)])
    assert result.exit_code == 0
    assert "2 documents" in result.output


def test_show_clean_raw_and_removed(runner, seeded_db):
    thread = next(r for r in _docs(runner, seeded_db) if r["source_path"].endswith("004_c550f1b556a36240.txt"))
    prefix = thread["id"][:6]

    clean = runner.invoke(main, ["show", prefix, "--db", str(seeded_db)])
    assert clean.exit_code == 0, clean.output
    assert "⬇️" not in clean.output and "[Thread]" not in clean.output and "[END]" not in clean.output
    assert "as articulated by Imankulov himself, that there is currently no viable alternative" in clean.output

    raw = runner.invoke(main, ["show", prefix, "--raw", "--db", str(seeded_db)])
    assert raw.output.count("[Thread]") == 2 and "[END]" in raw.output

    removed = runner.invoke(main, ["show", prefix, "--removed", "--db", str(seeded_db)])
    assert removed.exit_code == 0
    assert "جاري تحميل الاقتراحات" in removed.output
    assert "removals" in removed.output

    as_json = runner.invoke(main, ["show", prefix, "--json", "--db", str(seeded_db)])
    doc = json.loads(as_json.output)
    assert doc["id"] == thread["id"]
    for r in doc["removals"]:
        assert doc["raw_text"][r["raw_start"] : r["raw_end"]] == r["text"]


def test_show_unknown_id_is_a_clear_error(runner, seeded_db):
    result = runner.invoke(main, ["show", "ffffffffffff", "--db", str(seeded_db)])
    assert result.exit_code != 0
    assert "ffffffffffff" in result.output


def test_docs_without_a_store_says_so(runner, tmp_path):
    result = runner.invoke(main, ["docs", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "no such store" in result.output


def test_rerun_adds_nothing(runner, seeded_db, seed_news_path, seed_thread_path):
    result = runner.invoke(main, ["run", str(seed_news_path), str(seed_thread_path), "--db", str(seeded_db), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["added"] == 0 and report["skipped"] == 2


def test_bad_input_exit_status_and_one_line_error(runner, tmp_path, seed_news_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "cg.duckdb"
    result = runner.invoke(main, ["run", str(empty), str(seed_news_path), "--db", str(db)])
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and str(empty) in error_lines[0]
    assert len(_docs(runner, db)) == 1


def test_size_limit(runner, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000, encoding="utf-8")  # 1.5 MB
    result = runner.invoke(main, ["run", str(big), "--db", str(tmp_path / "cg.duckdb"), "--max-size", "1"])
    assert result.exit_code == 1
    assert "big.txt" in result.output and "limit" in result.output


def test_extract_jsonl_and_schema(runner, seed_news_path):
    result = runner.invoke(main, ["extract", str(seed_news_path), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    schema = json.loads(runner.invoke(main, ["schema"]).output)
    assert set(schema["required"]) <= set(doc)
    assert "About admin" not in doc["clean_text"]


def test_stdin(runner, tmp_path):
    db = tmp_path / "cg.duckdb"
    text = "A synthetic note from stdin. Officials said the road to Asadabad reopened on Tuesday.\n"
    result = runner.invoke(main, ["run", "-", "--db", str(db)], input=text)
    assert result.exit_code == 0, result.output
    rows = _docs(runner, db)
    assert len(rows) == 1 and rows[0]["source_path"] == "-"


def test_bad_rules_file_is_one_line_error(runner, tmp_path, seed_news_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules: [unclosed\n", encoding="utf-8")
    result = runner.invoke(main, ["run", str(seed_news_path), "--db", str(tmp_path / "cg.duckdb"), "--rules", str(bad)])
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(bad) in result.output and "Traceback" not in result.output


def test_the_schema_doc_is_current():
    # docs/schema.md's field tables are generated from `claimgraph schema`; five Claim fields went missing once
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, str(root / "scripts" / "schema_md.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
