"""The same reports give the same disputes wherever their file lives and whatever the hash seed (issue 16).

Document ids hash the file's path and claim ids the document's id, so an order or a tie-break by id
made the disputes depend on the folder's name: figures tied to no event were de-duplicated across
reports keeping the first by id (one report's toll vanished), and ties in the listing, in a
dispute's values and among equal candidates went by id. The reports are written here (synthetic,
not from any dev set); each run goes through `claimgraph run` and `claimgraph disputes --json`, one
of them in a subprocess with another PYTHONHASHSEED.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.ingest.paths import read_paths
from claimgraph.link.disputes.values import _distinct
from claimgraph.link.propositions import ClaimVectors

# two reports of one count of arrests that disagree, and a third story giving the first one's number:
# counts the events stage ties to no event, so one de-duplication key across reports
RECORDS = [
    {"title": "Border arrests", "site": "coast-daily.example",
     "text": "Border police said four suspects were arrested at the Lunga Lunga crossing on suspicion of "
             "smuggling weapons."},
    {"title": "Arrests disputed", "site": "tana-radio.example",
     "text": "Customs officers told reporters that nine suspects were arrested at the Lunga Lunga crossing for "
             "smuggling weapons."},
    {"title": "Raid", "site": "rift-herald.example",
     "text": "Officials said four suspects were arrested in a raid on a printing shop in Nakuru."},
]  # fmt: skip

# what hashes a path (ids, a cluster's or proposition's block) or says when it was written
_PATH_BOUND = {"id", "dispute_id", "doc_id", "claim_id", "event_id", "source_path", "updated_at"}


def _write(root: Path, folder: str) -> Path:
    (root / folder).mkdir()
    path = root / folder / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def _border_first(path: Path) -> bool:
    ids = {d.meta.title: d.id for d in read_paths([str(path)])}
    return ids["Border arrests"] < ids["Raid"]


def _content(listed: list[dict]) -> list[dict]:
    """The disputes without what hashes a path: ids, blocks that are a cluster's or proposition's id, and a
    claims dispute's measure (its first claim's id)."""
    out = []
    for d in listed:
        row = {k: v for k, v in d.items() if k not in _PATH_BOUND and k != "values"}
        if not str(row.get("block", "")).startswith(("u:", "q:", "a:")):
            row.pop("block", None)
        if row["kind"] == "claims":  # its measure is its first claim's id
            row.pop("measure", None)
        row["values"] = [{k: v for k, v in x.items() if k not in _PATH_BOUND} for x in d["values"]]
        out.append(row)
    return out


def _run_here(path: Path) -> list[dict]:
    db = str(path.parent / "store.duckdb")
    result = CliRunner().invoke(main, ["run", str(path), "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    shown = CliRunner().invoke(main, ["disputes", "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.output)


def _run_apart(path: Path, seed: str) -> list[dict]:
    """`claimgraph run` and `claimgraph disputes` in a fresh interpreter with PYTHONHASHSEED ``seed``."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    db = str(path.parent / "store.duckdb")
    for args in (["run", str(path), "--db", db, "--workers", "1"], ["disputes", "--db", db, "--json"]):
        out = subprocess.run([sys.executable, "-m", "claimgraph", *args], capture_output=True, text=True, env=env)
        assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def two_folders(tmp_path_factory) -> tuple[list[dict], list[dict]]:
    """The disputes of the reports from two folders whose names put their documents' ids in opposite
    orders (the border report before the raid's, then after), the second run with another
    hash seed."""
    root = tmp_path_factory.mktemp("determ")
    paths: dict[bool, Path] = {}
    for n in range(64):  # each name is a coin flip of the two ids' order
        path = _write(root, f"desk-{n}")
        paths.setdefault(_border_first(path), path)
        if len(paths) == 2:
            break
    assert len(paths) == 2
    return _run_here(paths[True]), _run_apart(paths[False], "123")


def test_the_same_reports_from_two_folders_give_the_same_disputes(two_folders):
    here, apart = two_folders
    assert _content(here) == _content(apart)


def test_a_count_another_story_shares_keeps_both_reports_values(two_folders):
    for listed in two_folders:
        loose = [d for d in listed if d["block"].startswith("u:") and d["measure"] == "arrested"]
        assert len(loose) == 1, [(d["block"], d["label"]) for d in listed]
        assert sorted((v["low"], v["source"]) for v in loose[0]["values"]) == [
            (4, "coast-daily.example"),
            (9, "tana-radio.example"),
        ]


def _figure(doc_id: str, text: str) -> dict:
    return {"doc_id": doc_id, "event_id": None, "measure": "killed", "group": "civilians", "low": 12.0,
            "high": 12.0, "subject": None, "speaker_text": None, "text": text}  # fmt: skip


def test_one_number_read_twice_is_one_figure_but_two_reports_keep_theirs():
    twice = [_figure("a", "12"), _figure("a", "12 worshippers"), _figure("b", "12 traders")]
    assert [f["text"] for f in _distinct(twice)] == ["12", "12 traders"]


def test_kept_candidates_follow_the_order_claims_were_read_not_their_ids():
    # claim ids sort against the order the claims were read in (ingest, then text order)
    claims = {
        cid: {"claim_id": cid, "status": "asserted", "polarity": polarity, "site": site, "author": None,
              "source_path": "x"}
        for cid, polarity, site in (("z:c1", "positive", "one"), ("m:c1", "negative", "two"),
                                    ("a:c1", "negative", "three"))
    }  # fmt: skip
    members = [
        {"proposition_id": "p1", "claim_id": cid, "doc_id": cid.split(":")[0], "similarity": sim, "side": None}
        for cid, sim in (("z:c1", 0.9), ("m:c1", 0.8), ("a:c1", 0.8))
    ]
    kept = ClaimVectors()
    kept.keep_members(members, claims)
    rows = kept.polar_candidates(["z"], ["asserted"], [], per_side=1)
    assert [r["claim_id"] for r in rows] == ["z:c1", "m:c1"]  # the tie at 0.8 goes to the one read first
