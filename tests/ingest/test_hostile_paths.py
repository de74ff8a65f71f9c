"""Inputs that used to stop a whole run: a symlink loop, file names that are not UTF-8 or hold
newlines and terminal escapes, JSON nested 100k deep. Each is one error line, and the run goes on."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.errors import InputError, escaped
from claimgraph.ingest import read_paths
from claimgraph.ingest.paths import walk_directory
from claimgraph.model import Document

GOOD = "Officials in Kabul said the convoy was attacked near the bridge on Monday.\n"


def test_a_symlink_loop_is_one_error_and_the_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("..", tmp_path / "sub" / "up")  # a symlinked directory: not followed
    assert list(walk_directory(str(tmp_path))) == [
        str(tmp_path / "a.txt"),
        InputError(str(tmp_path / "loop.txt"), "too many levels of symbolic links"),
        str(tmp_path / "sub" / "z.txt"),
    ]


def test_escaped_keeps_error_lines_on_one_line():
    assert escaped("a\nb\x1b[31mc\td\x85\u202e") == "a\\nb\\x1b[31mc\\td\\x85\\u202e"
    assert escaped(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert escaped("Dari: کابل, café") == "Dari: کابل, café"
    assert str(InputError("x\n.txt", "bad\x1b[2J", "7\r")) == "x\\n.txt#7\\r: bad\\x1b[2J"


@pytest.fixture()
def hostile_dir(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(inputs), b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
        fh.write("The ministry denied the report on Tuesday.\n")
    (inputs / "evil\n\x1b[31mname.xyz").write_text("x", encoding="utf-8")
    (inputs / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    os.symlink("loop.txt", inputs / "loop.txt")
    return inputs


def test_hostile_names_are_one_escaped_line_each_and_the_run_goes_on(hostile_dir, tmp_path):
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["run", str(hostile_dir), "--db", str(db), "--quiet", "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines) and "\x1b" not in result.stderr
    where = str(hostile_dir)
    assert sorted(lines) == sorted(
        [
            f"error: {where}/caf\\xe9.txt: source path holds an invalid character (lone surrogate) at offset "
            f"{len(where) + 4}; cannot store it",
            f"error: {where}/deep.json#0: JSON nested too deep to read (deeper than Python's parser allows, "
            "about 1,000 levels)",
            f"error: {where}/evil\\n\\x1b[31mname.xyz: unsupported file type .xyz",
            f"error: {where}/loop.txt: too many levels of symbolic links",
        ]
    )
    docs = CliRunner().invoke(main, ["docs", "--db", str(db)])
    assert docs.exit_code == 0 and "good.txt" in docs.output


def test_the_store_keeps_errors_with_undecodable_names(hostile_dir, tmp_path):
    from claimgraph import runner
    from claimgraph.store import Store

    with Store(tmp_path / "s.duckdb") as store:
        report = runner.run([str(hostile_dir)], store)
        stored = store.run_errors(report.run_id)
    assert len(report.errors) == 4 and report.added_count == 1
    assert [str(e) for e in stored] == [str(e) for e in report.errors]
    assert any(e.path.endswith("caf\\xe9.txt") for e in stored)
    assert isinstance(next(read_paths([str(hostile_dir / "good.txt")])), Document)
