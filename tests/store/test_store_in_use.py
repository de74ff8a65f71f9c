"""A store another process holds (a running `claimgraph serve`, a run): a clear message naming the
file and what to do, never DuckDB's raw lock error; commands that only read share a store with a
read-only process (`serve --read-only`), which DuckDB allows, but not with a writer, which it does not."""

from __future__ import annotations

import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.store import Store, StoreInUse

# a process that opens the store as `claimgraph serve` does (read-only with --read-only) and holds it
# until its stdin closes
HOLDER = (
    "import sys\n"
    "from claimgraph.store import Store\n"
    "store = Store(sys.argv[1], read_only=sys.argv[2] == 'ro')\n"
    "print('holding', flush=True)\n"
    "sys.stdin.read()\n"
    "store.close()\n"
)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, examples_dir) -> Path:
    path = tmp_path_factory.mktemp("in_use") / "store.duckdb"
    inputs = [str(examples_dir / "statements_feed.jsonl")]
    result = CliRunner().invoke(main, ["run", *inputs, "--db", str(path), "--mode", "fast", "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    return path


@contextmanager
def held(path: Path, mode: str):
    """Another process holding the store at ``path`` open (``mode`` "rw" or "ro"); yields its pid."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    guard = threading.Timer(120, child.kill)  # never hang the suite if the child stalls
    guard.start()
    try:
        line = child.stdout.readline()
        assert line.strip() == "holding", child.stderr.read()
        yield child.pid
    finally:
        child.stdin.close()
        child.wait(timeout=60)
        guard.cancel()
        child.stdout.close()
        child.stderr.close()


def test_commands_beside_a_writing_server_say_what_to_do(store_path):
    with held(store_path, "rw") as pid:
        for command in (["events"], ["sources"], ["report", "--out", str(store_path.parent / "brief.html")]):
            result = CliRunner().invoke(main, [*command, "--db", str(store_path)])
            assert result.exit_code == 1, result.output
            message = result.output
            assert str(store_path) in message and f"PID {pid}" in message, message
            assert "open for writing in another process" in message and "not even to read" in message
            assert "claimgraph serve --read-only" in message
            assert "IO Error" not in message and "Conflicting lock" not in message
        with pytest.raises(StoreInUse, match="only one process open a store it may write to"):
            Store(store_path)


def test_reading_commands_share_a_store_with_a_read_only_server(store_path):
    with held(store_path, "ro") as pid:
        listed = CliRunner().invoke(main, ["events", "--db", str(store_path), "--json"])
        assert listed.exit_code == 0, listed.output
        assert CliRunner().invoke(main, ["docs", "--db", str(store_path)]).exit_code == 0
        # the disputes engine's lists and the ACH boards only read, too (a user's session 11 trial)
        for command in (["disputes", "--json"], ["contested", "--json"], ["propositions", "--json"], ["ach", "show"]):
            result = CliRunner().invoke(main, [*command, "--db", str(store_path)])
            assert result.exit_code == 0, (command, result.output)
        # another mode's propositions re-group every claim: a write, refused with the reason
        other = CliRunner().invoke(main, ["propositions", "--mode", "accurate", "--db", str(store_path)])
        assert other.exit_code == 1 and "re-groups every claim" in other.output, other.output
        # a command that writes still needs the store to itself
        feed = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "statements_feed.jsonl"
        run = CliRunner().invoke(main, ["run", str(feed), "--db", str(store_path), "--mode", "fast", "-q"])
        assert run.exit_code == 1 and f"PID {pid}" in run.output and "Stop that process" in run.output, run.output
