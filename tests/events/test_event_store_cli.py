"""Events through the whole pipeline: stored, clustered across documents, listed ACLED-style."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from stores import copy_store

from claimgraph.cli.base import main
from claimgraph.cli.events import date_label
from claimgraph.exporters import ACLED_COLUMNS
from claimgraph.store import Store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, examples_store):
    # the session's run of the example corpus (tests/conftest.py), copied for this module
    return copy_store(examples_store, tmp_path_factory.mktemp("events"))


def test_reports_of_the_surkh_rod_bombing_form_one_cluster(store_path):
    with Store(path=store_path) as store:
        rows = [r for r in store.events.export_rows() if r["type"] == "SUIC_BOMB" and r["date_start"] == "2025-03-07"]
    assert rows
    clusters = {r["cluster_id"] for r in rows}
    assert len(clusters) == 1 and None not in clusters
    assert rows[0]["cluster_documents"] >= 3  # several independent sources report it


def test_statements_are_not_clustered(store_path):
    with Store(path=store_path) as store:
        rows = store.events.export_rows()
    assert all(r["cluster_id"] is None for r in rows if r["event_type"] == "Statements")


def test_events_csv_has_acled_columns(store_path):
    result = CliRunner().invoke(main, ["events", "--db", str(store_path), "--csv", "--type", "AIR_STRIKE"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert rows and all(
        r["event_type"] == "Explosions/Remote violence" and r["sub_event_type"] == "Air/drone strike" for r in rows
    )
    assert any(r["admin1"] == "Kunar" and r["latitude"] for r in rows)


def test_events_json_and_table(store_path):
    result = CliRunner().invoke(main, ["events", "--db", str(store_path), "--json", "--no-statements"])
    records = json.loads(result.stdout)
    assert records and all(r["event_type"] != "Statements" for r in records)
    table = CliRunner().invoke(main, ["events", "--db", str(store_path)])
    assert table.exit_code == 0 and "events" in table.stdout


def test_unknown_type_is_a_clear_error(store_path):
    result = CliRunner().invoke(main, ["events", "--db", str(store_path), "--type", "PICNIC"])
    assert result.exit_code != 0 and "unknown event type(s): PICNIC" in result.output


def test_hypothetical_events_are_listed_only_on_request(store_path):
    def arrests(*flags):
        result = CliRunner().invoke(main, ["events", "--db", str(store_path), "--json", "--type", "ARREST", *flags])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert all(r["modality"] is None for r in arrests())
    hypothetical = [r for r in arrests("--include-hypothetical") if r["modality"] == "hypothetical"]
    assert any("would soon be arrested" in r["notes"] for r in hypothetical)


def test_vague_dates_are_shown_with_their_precision():
    assert date_label("2025-03-07", "2025-03-07", "day") == "2025-03-07"
    assert date_label(None, None, None) == "undated"
    assert date_label("2023-05-01", "2023-05-31", "month") == "2023-05 (month)"
    assert date_label("2025-01-01", "2025-12-31", "year") == "2025 (year)"
    assert date_label("2023-03-07", "2023-05-02", "range") == "2023-03-07 – 2023-05-02 (range)"
    assert date_label("2025-03-03", "2025-03-09", "week") == "2025-03-03 – 2025-03-09 (week)"
    assert date_label(None, None, "range") == "undated"


def test_events_says_reports_and_distinct_events_as_run_does(store_path):
    # `run` counts distinct events (reports of one event clustered across documents count once);
    # `events` lists every report: its title gives both counts, and --distinct lists each event once
    with Store(path=store_path) as store:
        distinct = store.documents.holdings().events
    reports = json.loads(CliRunner().invoke(main, ["events", "--db", str(store_path), "--json"]).stdout)
    assert len(reports) > distinct
    table = CliRunner().invoke(main, ["events", "--db", str(store_path)], terminal_width=200)
    assert table.exit_code == 0, table.output
    assert f"{len(reports)} event reports of {distinct} distinct events" in table.stdout
    listed = CliRunner().invoke(main, ["events", "--db", str(store_path), "--json", "--distinct"])
    events = json.loads(listed.stdout)
    assert len(events) == distinct
    assert sum(e["reports"] for e in events) == len(reports)
    clusters = [e["cluster_id"] for e in events if e["cluster_id"]]
    assert len(clusters) == len(set(clusters))  # one row per cluster
    # the Surkh Rod bombing: one row however many documents report it
    cluster = next(r["cluster_id"] for r in reports if r["type"] == "SUIC_BOMB" and r["event_date"] == "2025-03-07")
    (bombing,) = [e for e in events if e["cluster_id"] == cluster]
    assert bombing["reports"] == sum(r["cluster_id"] == cluster for r in reports)
    assert bombing["reports"] >= bombing["cluster_documents"] >= 3
    # shown by a report dating it to the day, not by one that gives only a year or a range
    assert (bombing["event_date"], bombing["date_precision"]) == ("2025-03-07", "day")


def test_distinct_events_csv_adds_the_reports_column(store_path):
    result = CliRunner().invoke(main, ["events", "--db", str(store_path), "--csv", "--distinct"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[-1] == "reports" and all(int(r["reports"]) >= 1 for r in rows)
