"""Fixtures shared by the dispute tests: a small corpus of reports written to files, run, and its fact or
figure disputes listed through the CLI as a user would."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import main


def _disputes_of(tmp_path_factory, kind: str):
    def run(reports: dict[str, str]) -> tuple[list[dict], str]:
        root = tmp_path_factory.mktemp("reports")
        paths = []
        for name, text in reports.items():
            (root / name).write_text(text, encoding="utf-8")
            paths.append(str(root / name))
        db = str(root / "store.duckdb")
        result = CliRunner().invoke(main, ["run", *paths, "--db", db, "--workers", "1"])
        assert result.exit_code == 0, result.output
        shown = CliRunner().invoke(main, ["disputes", "--db", db, "--kind", kind])
        assert shown.exit_code == 0, shown.output
        as_json = CliRunner().invoke(main, ["disputes", "--db", db, "--kind", kind, "--json"])
        assert as_json.exit_code == 0, as_json.output
        return json.loads(as_json.output), shown.output

    return run


@pytest.fixture(scope="module")
def fact_disputes_of(tmp_path_factory):
    """``run(reports)``: the reports ({file name: text}) stored by one `claimgraph run`, then
    `claimgraph disputes --kind facts` as JSON (parsed) and as the table it prints."""
    return _disputes_of(tmp_path_factory, "facts")


@pytest.fixture(scope="module")
def figure_disputes_of(tmp_path_factory):
    """As ``fact_disputes_of``, listing `claimgraph disputes --kind figures`."""
    return _disputes_of(tmp_path_factory, "figures")
