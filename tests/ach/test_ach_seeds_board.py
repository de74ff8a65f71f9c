"""The example board on the seeds and the example corpus, end to end through `claimgraph run --board`.

Hand check (issue 6): the news seed's claims of persistent attacks are inconsistent with H2
(remnants); the thread seed's and the PeaceWatch thread's "remnants" claims are inconsistent with
H1 (growing threat). An analyst's override survives a re-run that adds documents and re-proposes.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.ach import board, export_board, propose, set_rating
from claimgraph.ach.scoring import inconsistency_scores
from claimgraph.cli import main
from claimgraph.store import Store

BOARD_FILE = Path(__file__).resolve().parents[2] / "examples" / "boards" / "iskp.yaml"
H1 = "ISKP is a significant and growing threat in Afghanistan"
H2 = "ISKP is reduced to remnants contained by the Taliban"


# Part of the example corpus, for speed: both sides of the argument and a repost (not a second source).
EXAMPLE_FILES = (
    "thread_peacewatch_iskp_remnants.txt",
    "meridian_review_un_monitoring_report.txt",
    "oxus_security_notes_iskp_threat.md",
    "kabul_ledger_surkhrod_bombing.txt",
    "kabul_ledger_surkhrod_bombing_repost.txt",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory, examples_dir, seed_news_path, seed_thread_path):
    db = tmp_path_factory.mktemp("ach") / "store.duckdb"
    inputs = [str(examples_dir / name) for name in EXAMPLE_FILES]
    result = CliRunner().invoke(
        main,
        [
            "run",
            *inputs,
            str(seed_news_path),
            str(seed_thread_path),
            "--db",
            str(db),
            "--board",
            str(BOARD_FILE),
            "--workers",
            "1",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["board"] == "iskp-threat"
    return db


@pytest.fixture()
def db(built, tmp_path):
    path = tmp_path / "store.duckdb"
    shutil.copy(built, path)
    return path


def _doc_id(store, name: str) -> str:
    return store.query("SELECT id FROM documents WHERE source_path LIKE ?", [f"%{name}"])[0]["id"]


def test_board_from_the_run(db, seed_news_path, seed_thread_path):
    with Store(db) as store:
        data = board(store, "ISKP threat")
        news, thread = _doc_id(store, seed_news_path.name), _doc_id(store, seed_thread_path.name)
        example_docs = {
            r["id"]
            for r in store.query(
                "SELECT id FROM documents WHERE source_path LIKE 'examples/%' OR source_path LIKE '%/examples/%'"
            )
        }
    assert data["name"] == "ISKP threat"
    assert [(h["id"], h["text"]) for h in data["hypotheses"]] == [("H1", H1), ("H2", H2)]
    docs = {e["doc_id"] for e in data["evidence"]}
    assert news in docs and thread in docs and docs & example_docs
    assert 0 < len(data["evidence"]) <= 40

    def rated(doc_id, words):
        return [e for e in data["evidence"] if e["doc_id"] == doc_id and any(w in e["text"].lower() for w in words)]

    persistent = rated(news, ("persist",))
    assert persistent and all(e["cells"]["H2"]["effective"] in ("I", "II") for e in persistent)
    remnants = rated(thread, ("remnants", "unsubstantiated allegations regarding"))
    assert remnants and all(e["cells"]["H1"]["effective"] in ("I", "II") for e in remnants)
    peacewatch = [e for e in data["evidence"] if e["text"] == "ISKP is reduced to remnants contained by the Taliban."]
    assert peacewatch and peacewatch[0]["cells"]["H1"]["effective"] == "II"
    # the scores follow from the cells and weights shown
    cells = {(e["id"], h): c["effective"] for e in data["evidence"] for h, c in e["cells"].items()}
    expected = inconsistency_scores(cells, {e["id"]: e["weight"] for e in data["evidence"]}, ["H1", "H2"])
    for h in ("H1", "H2"):
        assert data["scores"][h]["inconsistency"] == pytest.approx(expected[h]["inconsistency"], abs=1e-4)
        assert data["scores"][h]["rank"] == expected[h]["rank"]
    assert all(s["inconsistent"] > 0 for s in data["scores"].values())


def test_override_survives_a_rerun(db, tmp_path):
    with Store(db) as store:
        before = board(store, "iskp-threat")
        target = next(e for e in before["evidence"] if e["cells"]["H1"]["effective"] != "NA")
        set_rating(store, "iskp-threat", target["id"], "H1", "NA", analyst="Analyst A", note="off topic")
    new = tmp_path / "new_report.txt"
    new.write_text(
        "Kabul Ledger\n\nOfficials said on Sunday that ISKP attacks are growing across the north "
        "and that the group is recruiting in Badakhshan.\n",
        encoding="utf-8",
    )
    # a run that adds a document re-proposes every board (runner.StoreWriter) ...
    result = CliRunner().invoke(main, ["run", str(new), "--db", str(db), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        after = board(store, "iskp-threat")
    assert after["proposed_at"] > before["proposed_at"]
    cell = next(e for e in after["evidence"] if e["id"] == target["id"])["cells"]["H1"]
    assert (cell["override"], cell["effective"], cell["analyst"], cell["note"]) == (
        "NA",
        "NA",
        "Analyst A",
        "off topic",
    )
    # ... and so does applying the board file again, which adds no hypothesis twice
    result = CliRunner().invoke(main, ["run", str(new), "--db", str(db), "--board", str(BOARD_FILE), "--quiet"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        again = board(store, "iskp-threat")
    assert again["proposed_at"] > after["proposed_at"] and len(again["hypotheses"]) == 2
    cell = next(e for e in again["evidence"] if e["id"] == target["id"])["cells"]["H1"]
    assert (cell["override"], cell["effective"], cell["analyst"]) == ("NA", "NA", "Analyst A")


def test_export_csv_and_json(db):
    with Store(db) as store:
        text_csv = export_board(store, "iskp-threat", "csv")
        data = json.loads(export_board(store, "iskp-threat", "json"))
        raw = {r["id"]: r["raw_text"] for r in store.query("SELECT id, raw_text FROM documents")}
    rows = list(csv.DictReader(io.StringIO(text_csv)))
    assert len(rows) == 2 * len(data["evidence"])
    assert {"proposed", "effective", "weight", "hypothesis_inconsistency", "doc_id", "ref_id", "raw_start"} <= set(
        rows[0]
    )
    for e in data["evidence"]:
        assert e["raw_start"] is not None and e["raw_end"] > e["raw_start"]
        # the raw span holds the claim's words (cleaning may only have changed whitespace and markup)
        first_word = e["text"].split()[0].strip("-\"'“")
        assert first_word in raw[e["doc_id"]][e["raw_start"] : e["raw_end"]]
    assert data["scores"]["H1"]["inconsistency"] == pytest.approx(float(rows[0]["hypothesis_inconsistency"])) or data[
        "scores"
    ]["H2"]["inconsistency"] == pytest.approx(float(rows[0]["hypothesis_inconsistency"]))


def test_cli_commands(db):
    runner = CliRunner()
    shown = runner.invoke(main, ["ach", "show", "iskp-threat", "--db", str(db)])
    assert shown.exit_code == 0 and "inconsistency" in shown.output and "E1" in shown.output
    # the user is told how the evidence was chosen
    assert "proposed by claimgraph" in shown.output and "ach add-evidence" in " ".join(shown.output.split())
    listed = json.loads(runner.invoke(main, ["ach", "show", "--db", str(db), "--json"]).output)
    assert [b["name"] for b in listed] == ["ISKP threat"]
    rated = runner.invoke(main, ["ach", "rate", "iskp-threat", "E1", "H2", "CC", "--analyst", "B", "--db", str(db)])
    assert rated.exit_code == 0, rated.output
    assert "iskp-threat: E1 x H2 rated CC by B" in rated.output  # a silent success reads as nothing done
    bad = runner.invoke(main, ["ach", "rate", "iskp-threat", "E1", "H2", "ZZ", "--analyst", "B", "--db", str(db)])
    assert bad.exit_code == 1 and "unknown rating 'ZZ'" in bad.output
    exported = runner.invoke(main, ["ach", "export", "iskp-threat", "--format", "json", "--db", str(db)])
    cell = json.loads(exported.output)["evidence"][0]["cells"]["H2"]
    assert (cell["override"], cell["analyst"]) == ("CC", "B")
    added = runner.invoke(
        main, ["ach", "add-hypothesis", "iskp-threat", "ISKP is a foreign intelligence front", "--db", str(db)]
    )
    assert added.exit_code == 0 and added.output.strip() == "H3"
    third = json.loads(runner.invoke(main, ["ach", "show", "iskp-threat", "--json", "--db", str(db)]).output)
    assert all(e["cells"]["H3"]["proposed"] for e in third["evidence"])
    with Store(db) as store:
        event = store.query(
            "SELECT e.id, e.doc_id FROM events e JOIN documents d ON d.id = e.doc_id "
            "WHERE d.duplicate_of IS NULL ORDER BY d.ingest_seq, e.seq LIMIT 1"
        )[0]
    added = runner.invoke(main, ["ach", "add-evidence", "iskp-threat", event["id"], "--db", str(db)])
    assert added.exit_code == 0, added.output
    evidence_id = added.output.split()[0]
    shown = json.loads(runner.invoke(main, ["ach", "show", "iskp-threat", "--json", "--db", str(db)]).output)
    item = next(e for e in shown["evidence"] if e["id"] == evidence_id)
    assert (item["kind"], item["event_id"], item["doc_id"], item["added_by"]) == (
        "event",
        event["id"],
        event["doc_id"],
        "analyst",
    )
    assert item["text"] and all(c["proposed"] for c in item["cells"].values())


def test_rerun_proposes_from_the_new_claims_as_a_full_proposal_would(db, examples_dir):
    # after a run only the added documents' claims compete with the evidence chosen so far
    # (boards.propose(new_doc_ids=...)); a proposal from every claim must choose the same
    more = [
        str(examples_dir / name)
        for name in (
            "kabul_morning_post_doha_commitments.txt",
            "hindu_kush_observer_kabul_detentions.txt",
            "khyber_dispatch_surkhrod_wire.html",
        )
    ]
    result = CliRunner().invoke(main, ["run", *more, "--db", str(db), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output

    def chosen(data):
        return {(e["ref_id"], h): c["proposed"] for e in data["evidence"] for h, c in e["cells"].items()}

    with Store(db) as store:
        incremental = board(store, "iskp-threat")
        full = propose(store, "iskp-threat")
    assert chosen(incremental) == chosen(full)
    assert [e["ref_id"] for e in incremental["evidence"]] == [e["ref_id"] for e in full["evidence"]]
