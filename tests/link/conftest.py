"""Fixtures shared by the dispute tests: a small corpus of reports written to files, run, and its fact
disputes listed through the CLI as a user would."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import main


@pytest.fixture(scope="module")
def fact_disputes_of(tmp_path_factory):
    """``run(reports)``: the reports ({file name: text}) stored by one `claimgraph run`, then
    `claimgraph disputes --kind facts` as JSON (parsed) and as the table it prints."""

    def run(reports: dict[str, str]) -> tuple[list[dict], str]:
        root = tmp_path_factory.mktemp("reports")
        paths = []
        for name, text in reports.items():
            (root / name).write_text(text, encoding="utf-8")
            paths.append(str(root / name))
        db = str(root / "store.duckdb")
        result = CliRunner().invoke(main, ["run", *paths, "--db", db, "--workers", "1"])
        assert result.exit_code == 0, result.output
        shown = CliRunner().invoke(main, ["disputes", "--db", db, "--kind", "facts"])
        assert shown.exit_code == 0, shown.output
        as_json = CliRunner().invoke(main, ["disputes", "--db", db, "--kind", "facts", "--json"])
        assert as_json.exit_code == 0, as_json.output
        return json.loads(as_json.output), shown.output

    return run
