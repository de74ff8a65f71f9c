"""Claims through the whole pipeline into DuckDB, and `claimgraph claims` with its filters."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.runner import run
from claimgraph.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_news_path, seed_thread_path):
    folder = tmp_path_factory.mktemp("claims")
    path = folder / "store.duckdb"
    repost = folder / "repost_of_the_news_page.txt"  # an exact duplicate of the news page
    repost.write_bytes(seed_news_path.read_bytes())
    persian = folder / "persian_statement.txt"  # a language without claim lexicons
    persian.write_text(
        "وزارت دفاع افغانستان روز دوشنبه اعلام کرد که چهارده غیرنظامی در حمله هوایی در ولایت کنر "
        "کشته شدند. مقامات محلی گفتند که این حمله پس از نیمه شب رخ داده است.",
        encoding="utf-8",
    )
    with Store(path) as store:
        report = run([str(seed_news_path), str(seed_thread_path), str(repost), str(persian)], store)
        assert not report.errors
        assert len(report.duplicates) == 1
    return str(path)


def test_store_round_trip_and_filters(db):
    with Store(db) as store:
        denied = store.claims.find(status="denied")
        assert {r["cue"] for r in denied} >= {"denied", "denial"}
        taliban = store.claims.find(speaker="taliban")
        assert taliban and all(
            r["speaker_actor"] == "taliban" or "taliban" in r["speaker_text"].lower() for r in taliban
        )
        doc_id = denied[0]["doc_id"]
        assert store.documents.get(doc_id).claims
        assert all(r["doc_id"] == doc_id for r in store.claims.find(doc_id=doc_id[:6]))


def test_cli_json_has_raw_offsets(db):
    result = CliRunner().invoke(main, ["claims", "--db", db, "--speaker", "Imankulov", "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    kyrgyz = next(r for r in records if r["cue"] == "allegations")
    assert kyrgyz["status"] == "reported" and kyrgyz["evidence"] == "unverified"
    assert kyrgyz["raw_content_start"] is not None and "ISKP members" in kyrgyz["content"]


def test_cli_csv_and_table(db):
    result = CliRunner().invoke(main, ["claims", "--db", db, "--status", "hypothetical", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
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


def test_duplicates_are_left_out_unless_asked_for(db):
    listed = json.loads(CliRunner().invoke(main, ["claims", "--db", db, "--json"]).stdout)
    everything = json.loads(CliRunner().invoke(main, ["claims", "--db", db, "--json", "--include-duplicates"]).stdout)
    news_claims = [r for r in listed if r["source"].endswith("000_c66624d27a4d3d23.txt")]
    assert news_claims and len(everything) == len(listed) + len(news_claims)
    assert not any(r["source"].endswith("repost_of_the_news_page.txt") for r in listed)


def test_claims_say_which_languages_were_not_read(db):
    result = CliRunner().invoke(main, ["claims", "--db", db, "--csv"])
    assert result.exit_code == 0
    assert "languages without claim lexicons (fa: 1)" in result.stderr
    assert "languages without claim lexicons" not in result.stdout  # the CSV stays clean


def test_resolved_speaker_name_is_listed_and_searchable(db):
    result = CliRunner().invoke(main, ["claims", "--db", db, "--speaker", "Marat Imankulov", "--json"])
    records = json.loads(result.stdout)
    assert {r["cue"] for r in records} >= {"allegations", "as articulated by"}
    assert all(r["speaker_name"] == "Marat Imankulov" for r in records)
