"""`claimgraph stance FILE.csv`: id,claim,text in, id,stance,score out; bad input named clearly."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from claimgraph.cli import main


def _run(*args):
    return CliRunner().invoke(main, ["stance", *map(str, args)])


def test_stance_csv(fixtures_dir):
    path = fixtures_dir / "link" / "pairs.csv"
    result = _run(path)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["p1", "p2"]  # p3 has no text: reported and skipped
    labels = {r["id"]: r["stance"] for r in rows}
    assert labels["p1"] in ("agree", "disagree", "discuss") and labels["p2"] == "unrelated"
    assert all(0 < float(r["score"]) <= 1 for r in rows)
    assert f"{path}:4: empty text; row skipped" in result.stderr


def test_missing_column_names_file_and_column(fixtures_dir):
    path = fixtures_dir / "link" / "no_text_column.csv"
    result = _run(path)
    assert result.exit_code != 0
    assert f"{path}: missing column text" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unreadable_file(tmp_path):
    result = _run(tmp_path / "absent.csv")
    assert result.exit_code != 0
    assert f"{tmp_path / 'absent.csv'}: cannot read" in result.output
