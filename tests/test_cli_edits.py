"""An edited input on the command line: run, edit one file, run again; `claims` lists the new
version's claims, `docs` one document for the file (both versions with --include-superseded), and
`show` of the old version names the new one."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from claimgraph.cli import main

EDITED = "kabul_ledger_surkhrod_bombing.txt"


def _json(runner: CliRunner, *args: str):
    result = runner.invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_an_edited_file_replaces_its_old_version_in_the_listings(tmp_path, examples_dir):
    runner = CliRunner()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (EDITED, "khyber_dispatch_surkhrod_wire.html"):
        shutil.copy(examples_dir / name, corpus / name)
    db = str(tmp_path / "cg.duckdb")
    run = ["run", str(corpus), "--db", db, "--mode", "fast"]
    assert runner.invoke(main, run).exit_code == 0
    (old,) = [d for d in _json(runner, "docs", "--db", db, "--json") if d["source_path"].endswith(EDITED)]
    old_claims = _json(runner, "claims", "--db", db, "--json", "--doc", old["id"])
    assert old_claims

    path = corpus / EDITED
    path.write_text(
        path.read_text(encoding="utf-8").replace("killing at least 12", "killing at least 19")
        + "\nOn Saturday police said they had arrested two suspects, a district official said.\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, run)
    assert result.exit_code == 0, result.output
    assert "1 added (0 duplicates), 1 already stored" in result.output

    docs = [d for d in _json(runner, "docs", "--db", db, "--json") if d["source_path"].endswith(EDITED)]
    assert len(docs) == 1 and docs[0]["id"] != old["id"] and docs[0]["duplicate_of"] is None
    new = docs[0]
    both = {
        d["id"]: d["superseded_by"]
        for d in _json(runner, "docs", "--db", db, "--json", "--include-superseded")
        if d["source_path"].endswith(EDITED)
    }
    assert both == {old["id"]: new["id"], new["id"]: None}
    table = runner.invoke(main, ["docs", "--db", db, "--include-superseded"])
    assert f"{new['id'][:8]} s" in table.output and "1 superseded" in table.output

    claims = _json(runner, "claims", "--db", db, "--json")
    doc_ids = {c["doc_id"] for c in claims}
    assert old["id"] not in doc_ids and new["id"] in doc_ids
    new_claims = [c for c in claims if c["doc_id"] == new["id"]]
    assert len(new_claims) == len(old_claims) + 1
    assert any("arrested two suspects" in c["text"] for c in new_claims)

    shown = runner.invoke(main, ["show", old["id"][:8], "--db", db])
    assert shown.exit_code == 0 and f"superseded by {new['id']}" in shown.output
    assert _json(runner, "show", old["id"], "--db", db, "--json")["superseded_by"] == new["id"]

    again = runner.invoke(main, run)  # unchanged now: nothing is added
    assert "0 added (0 duplicates), 2 already stored" in again.output
