"""A plugin package, installed as users install one, adds a reader, a component storing its own
annotation kind, an exporter, a command and a workbench page, without a change to claimgraph."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import claimgraph
from claimgraph.store import annotations

PLUGIN_PKG = Path(__file__).resolve().parents[1] / "fixtures" / "plugin_pkg"
SRC = Path(claimgraph.__file__).resolve().parents[1]

NOTE = """Subject: Border crossing

Officials in Kabul said on Monday that the road to Jalalabad was CLOSED after an attack.
The TOLO report added that traffic had stopped.
"""

PAGE = """
import sys
from fastapi.testclient import TestClient
from claimgraph.serve.app import create_app
with TestClient(create_app(sys.argv[1], read_only=True), base_url="http://127.0.0.1") as client:
    response = client.get("/shouting")
    print(response.status_code, response.text)
"""


def _install(tmp_path: Path) -> dict[str, str]:
    """pip-install the plugin package into its own folder; the environment that puts it on the path."""
    source = tmp_path / "plugin_pkg"
    shutil.copytree(PLUGIN_PKG, source)  # pip builds in the source folder: not in the repository's
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
    )
    path = os.pathsep.join(p for p in (str(target), str(SRC), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def _claimgraph(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimgraph", *args], env=env, capture_output=True, text=True, timeout=600
    )


def test_an_installed_plugin_package_extends_claimgraph(tmp_path):
    if not hasattr(annotations, "register_annotation_kind"):
        pytest.skip(
            "claimgraph.store.annotations.register_annotation_kind (the store's generic annotation "
            "kinds) is not in this tree: the plugin's component stores its own kind through it"
        )
    env = _install(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "crossing.note").write_text(NOTE, encoding="utf-8")
    db = str(tmp_path / "cg.duckdb")

    ran = _claimgraph(env, "run", str(corpus), "--db", db, "--json", "--mode", "fast", "--workers", "1")
    assert ran.returncode == 0, ran.stderr
    report = json.loads(ran.stdout)
    assert report["errors"] == [] and report["added"] == 1
    document = report["documents"][0]
    assert document["title"] == "Border crossing" and document["source"].endswith("crossing.note")

    shown = _claimgraph(env, "show", document["id"], "--db", db, "--json")
    assert shown.returncode == 0, shown.stderr
    stored = json.loads(shown.stdout)
    assert stored["source"]["format"] == "note"
    shouts = stored["annotations"]["shouting"]
    assert [s["text"] for s in shouts] == ["CLOSED", "TOLO"]
    assert all(stored["clean_text"][s["start"] : s["end"]] == s["text"] for s in shouts)

    exported = _claimgraph(env, "claims", "--db", db, "--export", "tsv")
    assert exported.returncode == 0, exported.stderr
    assert "\tOfficials in Kabul\tOfficials in Kabul said on Monday" in exported.stdout

    command = _claimgraph(env, "shouting", "the UN and NATO said")
    assert command.returncode == 0 and command.stdout.strip() == "NATO"

    page = subprocess.run([sys.executable, "-c", PAGE, db], env=env, capture_output=True, text=True, timeout=300)
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("200 ") and "<h1>Shouting</h1><p>1 documents</p>" in page.stdout


def test_without_the_plugin_the_suffix_is_not_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "crossing.note").write_text(NOTE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p)}
    ran = _claimgraph(env, "extract", str(corpus))
    assert ran.returncode == 1 and "unsupported file type .note" in ran.stderr
