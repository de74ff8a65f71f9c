"""Every error the command line prints is one line of the same form, ``error: ...``; usage
errors exit with 2 (after click's usage lines), input and store errors with 1."""

from __future__ import annotations

from click.testing import CliRunner

from claimgraph.cli import main


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.lower().startswith("error")]


def test_usage_error_keeps_exit_code_2_and_our_form(tmp_path):
    result = CliRunner().invoke(main, ["run"])
    assert result.exit_code == 2
    assert error_lines(result) == ["error: Missing argument 'PATHS...'."]
    assert result.stderr.startswith("Usage: ")


def test_a_word_for_another_command_names_it():
    # the docs call the HTML output "the brief": the command that writes it is `report`
    result = CliRunner().invoke(main, ["brief"])
    assert result.exit_code == 2
    assert error_lines(result) == ["error: No such command 'brief': use `claimgraph report`."]
    assert CliRunner().invoke(main, ["nosuch"]).exit_code == 2


def test_bad_option_value_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--workers", "0", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and error_lines(result)[0].startswith("error: Invalid value for '--workers'")


def test_store_and_input_errors_exit_1_in_the_same_form(tmp_path):
    missing = CliRunner().invoke(main, ["docs", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1
    assert error_lines(missing) == [
        f"error: {tmp_path / 'none.duckdb'}: no such store (run `claimgraph run PATH...` first, or pass --db)"
    ]
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["run", str(empty), "--db", str(tmp_path / "s.duckdb"), "--quiet", "--workers", "1"]
    )
    assert result.exit_code == 1
    assert error_lines(result) == [f"error: {empty}: no text content"]


def test_help_and_version_exit_0():
    assert CliRunner().invoke(main, ["--version"]).exit_code == 0
    assert CliRunner().invoke(main, ["run", "--help"]).exit_code == 0
