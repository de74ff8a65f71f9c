"""`claimgraph actors`, `places`, `tag`, and `extract --ontology`, as a user types them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import main


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, runner, examples_dir):
    db = tmp_path_factory.mktemp("entities") / "cg.duckdb"
    # three documents of the example corpus keep this fast; test_extract covers the whole corpus
    files = ["kabul_ledger_surkhrod_bombing.txt", "eastern_horizon_kunar_drone_strike.html", "crawl.warc.gz"]
    result = runner.invoke(main, ["run", *(str(examples_dir / f) for f in files), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db


def test_actors_json_counts_mentions_and_lists_documents(runner, corpus_db):
    result = runner.invoke(main, ["actors", "--db", str(corpus_db), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    iskp = next(r for r in rows if r["id"] == "iskp")
    assert iskp["name"] == "Islamic State Khorasan Province" and iskp["type"] == "armed_group"
    assert iskp["mentions"] >= iskp["document_count"] == len(iskp["documents"]) >= 2
    assert {"taliban", "iea-moi", "afghanistan"} <= {r["id"] for r in rows}


def test_actors_table(runner, corpus_db):
    result = runner.invoke(main, ["actors", "--db", str(corpus_db), "--limit", "3"], terminal_width=160)
    assert result.exit_code == 0, result.output
    assert "3 actors" in result.output and "mentions" in result.output


def test_places_json_has_coordinates(runner, corpus_db):
    result = runner.invoke(main, ["places", "--db", str(corpus_db), "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.output)}
    ids = {r["id"] for r in rows.values()}
    jalalabad = rows["Jalalabad"]
    assert jalalabad["country"] == "AF" and jalalabad["admin1"] == "AF-NAN" and jalalabad["precision"] == "city"
    assert jalalabad["lat"] == pytest.approx(34.43, abs=0.05) and jalalabad["lon"] == pytest.approx(70.45, abs=0.05)
    assert {"AF-KNR", "AF-NAN", "landmark:torkham"} <= ids


def test_places_without_a_store_is_one_line_error(runner, tmp_path):
    result = runner.invoke(main, ["places", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "none.duckdb: no such store" in result.output + (result.stderr if hasattr(result, "stderr") else "")


def test_tag_prints_token_and_label_in_order(runner, fixtures_dir):
    path = fixtures_dir / "entities" / "tag_input.conll"
    result = runner.invoke(main, ["tag", "--conll", str(path)])
    assert result.exit_code == 0, result.output
    blocks = result.output.rstrip("\n").split("\n\n")
    assert len(blocks) == 2
    rows = [[line.split("\t") for line in block.splitlines()] for block in blocks]
    tokens_in = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [tok for block in rows for tok, _ in block] == tokens_in
    labels = dict((tok, label) for block in rows for tok, label in block)
    # re3d puts the article inside the span: "The Taliban" is B- I-
    assert labels["Taliban"].endswith("-Organisation") and labels["Kabul"] == "B-Location"
    assert labels["Jalalabad"] == "B-Location"
    assert all(label == "O" or label[:2] in ("B-", "I-") for label in labels.values())


def test_tag_with_dictionary_labels_what_the_tagger_missed(runner, fixtures_dir):
    path = fixtures_dir / "entities" / "tag_input.conll"
    result = runner.invoke(main, ["tag", "--conll", str(path), "--dictionary"])
    assert result.exit_code == 0, result.output
    labels = dict(line.split("\t") for line in result.output.splitlines() if line)
    assert labels["ISKP"] == "B-Organisation"


def test_tag_malformed_file_is_one_line_error(runner, fixtures_dir):
    path = fixtures_dir / "entities" / "tag_malformed.conll"
    result = runner.invoke(main, ["tag", "--conll", str(path)])
    assert result.exit_code == 1
    message = result.output + (result.stderr if hasattr(result, "stderr") else "")
    assert f"{path}:1: expected 'token' or 'token<TAB>label'" in message


def test_extract_with_user_ontology(runner, fixtures_dir, tmp_path):
    text = tmp_path / "shura.txt"
    text.write_text("The Sultanpur shura met elders in Surkh Rod on Friday.\n", encoding="utf-8")
    ontology = fixtures_dir / "entities" / "user_actor_shura.yaml"
    result = runner.invoke(main, ["extract", str(text), "--format", "jsonl", "--ontology", str(ontology)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output.splitlines()[0])
    shura = next(e for e in doc["entities"] if e["actor_id"] == "sultanpur-elders-shura")
    assert shura["text"] == "Sultanpur shura"
    assert doc["raw_text"][shura["raw_start"] : shura["raw_end"]] == "Sultanpur shura"


def test_bad_user_ontology_is_one_line_error(runner, fixtures_dir, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Some text about Kabul.\n", encoding="utf-8")
    bad = fixtures_dir / "entities" / "user_actor_bad.yaml"
    result = runner.invoke(main, ["extract", str(text), "--ontology", str(bad)])
    assert result.exit_code == 1
    message = result.output
    error_lines = [line for line in message.splitlines() if "user_actor_bad.yaml" in line]
    assert len(error_lines) == 1 and "lowercase slug" in error_lines[0]
