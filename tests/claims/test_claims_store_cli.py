"""Claims through the whole pipeline into DuckDB, and `claimgraph claims` with its filters."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.pipeline import run
from claimgraph.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_news_path, seed_thread_path):
    path = tmp_path_factory.mktemp("claims") / "store.duckdb"
    with Store(path) as store:
        report = run([str(seed_news_path), str(seed_thread_path)], store)
        assert not report.errors
    return str(path)


def test_store_round_trip_and_filters(db):
    with Store(db) as store:
        denied = store.list_claims(status="denied")
        assert {r["cue"] for r in denied} >= {"denied", "denial"}
        taliban = store.list_claims(speaker="taliban")
        assert taliban and all(r["speaker_actor"] == "taliban" or "taliban" in r["speaker_text"].lower()
                               for r in taliban)
        doc_id = denied[0]["doc_id"]
        assert store.get_document(doc_id).claims
        assert all(r["doc_id"] == doc_id for r in store.list_claims(doc_id=doc_id[:6]))


def test_cli_json_has_raw_offsets(db):
    result = CliRunner().invoke(main, ["claims", "--db", db, "--speaker", "Imankulov", "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    kyrgyz = next(r for r in records if r["cue"] == "allegations")
    assert kyrgyz["status"] == "reported" and kyrgyz["evidence"] == "unverified"
    assert kyrgyz["raw_content_start"] is not None and "ISKP members" in kyrgyz["content"]


def test_cli_csv_and_table(db):
    result = CliRunner().invoke(main, ["claims", "--db", db, "--status", "hypothetical", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all(r["status"] == "hypothetical" for r in rows)
    assert any("7,000 fighters" in r["quantities"] for r in rows)
    table = CliRunner().invoke(main, ["claims", "--db", db, "--status", "denied"])
    assert table.exit_code == 0 and "denied" in table.output


def test_cli_errors_are_one_line(db, tmp_path):
    missing = CliRunner().invoke(main, ["claims", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code != 0 and "no such store" in missing.output
    bad_status = CliRunner().invoke(main, ["claims", "--db", db, "--status", "maybe"])
    assert bad_status.exit_code == 2
    bad_doc = CliRunner().invoke(main, ["claims", "--db", db, "--doc", "zzzzzz"])
    assert bad_doc.exit_code == 1 and "zzzzzz" in bad_doc.output
