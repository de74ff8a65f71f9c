"""An edited input on an ACH board: the claims the proposal chose from the old version leave the
board's evidence when a run stores the new version, whose claims compete in their place."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from claimgraph.ach import board
from claimgraph.cli import main
from claimgraph.store import Store

BOARD_FILE = Path(__file__).resolve().parents[2] / "examples" / "boards" / "iskp.yaml"
EDITED = "kabul_ledger_surkhrod_bombing.txt"
FILES = (EDITED, "thread_peacewatch_iskp_remnants.txt", "oxus_security_notes_iskp_threat.md")


def _evidence_docs(db: str) -> list[str]:
    with Store(db) as store:
        return [e["doc_id"] for e in board(store, "iskp-threat")["evidence"]]


def _versions(db: str, path: Path) -> list[str]:
    with Store(db) as store:
        return [r["id"] for r in store.documents.summaries(include_superseded=True) if r["source_path"] == str(path)]


def test_the_old_versions_claims_leave_the_board(tmp_path, examples_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in FILES:
        shutil.copy(examples_dir / name, corpus / name)
    db = str(tmp_path / "cg.duckdb")
    run = ["run", str(corpus), "--db", db, "--mode", "fast", "--workers", "1", "--quiet"]
    assert CliRunner().invoke(main, [*run, "--board", str(BOARD_FILE)]).exit_code == 0
    (old,) = _versions(db, corpus / EDITED)
    assert old in _evidence_docs(db)

    path = corpus / EDITED
    path.write_text(
        path.read_text(encoding="utf-8").replace("killing at least 12", "killing at least 19"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, run)
    assert result.exit_code == 0, result.output
    (new,) = [i for i in _versions(db, path) if i != old]
    evidence = _evidence_docs(db)
    assert old not in evidence and new in evidence
