"""Events through the whole pipeline: stored, clustered across documents, listed ACLED-style."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from claimgraph.cli.base import main
from claimgraph.cli.events import date_label
from claimgraph.exporters import ACLED_COLUMNS
from claimgraph.runner import run
from claimgraph.store import Store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, examples_dir):
    path = tmp_path_factory.mktemp("events") / "store.duckdb"
    with Store(path) as store:
        run([str(examples_dir)], store)
    return path


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
    assert date_label("2023-05-01", "2023-05-31", "month") == "2023-05 (month)"
    assert date_label("2025-01-01", "2025-12-31", "year") == "2025 (year)"
    assert date_label("2023-03-07", "2023-05-02", "range") == "2023-03-07 – 2023-05-02 (range)"
    assert date_label("2025-03-03", "2025-03-09", "week") == "2025-03-03 – 2025-03-09 (week)"
    assert date_label(None, None, "range") == ""
