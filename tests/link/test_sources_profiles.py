"""Source profiles: claim shares, agreement from propositions, the credibility weight."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from stores import copy_store

from claimgraph.cli import main
from claimgraph.link.propositions import source_key
from claimgraph.link.sources import UnknownSource, credibility, source_profile, source_profiles
from claimgraph.model import Claim, Document, Metadata, Source
from claimgraph.store import Store


def _doc(n: int, site: str | None, claims: list[dict], author: str | None = None, duplicate_of: str | None = None):
    text = " ".join(c["text"] for c in claims) or "Nothing claimed here."
    built, pos = [], 0
    for i, c in enumerate(claims, start=1):
        start = text.index(c["text"], pos)
        pos = start + len(c["text"])
        built.append(
            Claim(
                id=f"doc{n:013d}:c{i}",
                start=start,
                end=pos,
                text=c["text"],
                content_start=start,
                content_end=pos,
                **{k: v for k, v in c.items() if k != "text"},
            )
        )
    return Document(
        id=f"doc{n:013d}",
        source=Source(path=f"hand/{n}.txt", format="txt"),
        raw_text=text,
        clean_text=text,
        meta=Metadata(site=site, author=author),
        claims=tuple(built),
        duplicate_of=duplicate_of,
        duplicate_kind="exact" if duplicate_of else None,
    )


@pytest.fixture()
def hand_store(tmp_path):
    docs = [
        _doc(
            1,
            "Outlet A",
            [{"text": "Attacks grew.", "evidence": "cites"}, {"text": "Officials may be wrong.", "status": "hedged"}],
        ),
        _doc(
            2,
            "Outlet A",
            [{"text": "Attacks grew.", "evidence": "cites"}, {"text": "Officials may be wrong.", "status": "hedged"}],
            duplicate_of="doc0000000000001",
        ),
        _doc(
            3,
            None,
            [{"text": "The group is finished.", "evidence": "unverified", "status": "reported"}],
            author="Account B",
        ),
        _doc(4, None, [{"text": "Attacks did not grow.", "disputed_by": "author"}]),
    ]
    with Store(tmp_path / "hand.duckdb") as store:
        for d in docs:
            assert store.add_document(d)
        con = store._connection()
        # proposition P1: A and B for, the file-named source against; P2: A for, B against; a neutral member
        for pid, claim, doc, side in [
            ("P1", "doc0000000000001:c1", "doc0000000000001", "for"),
            ("P1", "doc0000000000003:c1", "doc0000000000003", "for"),
            ("P1", "doc0000000000004:c1", "doc0000000000004", "against"),
            ("P2", "doc0000000000001:c2", "doc0000000000001", "for"),
            ("P2", "x:c9", "doc0000000000003", "against"),
            ("P2", "y:c9", "doc0000000000004", "neutral"),
        ]:
            con.execute(
                "INSERT INTO proposition_claims (proposition_id, claim_id, doc_id, side) VALUES (?, ?, ?, ?)",
                [pid, claim, doc, side],
            )
        yield store


def test_hand_built_profiles(hand_store):
    profiles = {p["source"]: p for p in source_profiles(hand_store)}
    assert set(profiles) == {"Outlet A", "Account B", "4.txt"}  # site, else author, else the file name
    a, b, f = profiles["Outlet A"], profiles["Account B"], profiles["4.txt"]
    assert (a["documents"], a["claims"]) == (1, 2)  # the exact duplicate is not a second voice
    assert a["shares"]["hedged"] == 0.5 and a["shares"]["cites"] == 0.5
    assert b["shares"]["unverified"] == 1.0 and b["shares"]["reported"] == 1.0
    assert f["shares"]["disputed"] == 1.0
    assert a["agreements"] == {"Account B": 1} and a["disagreements"] == {"4.txt": 1, "Account B": 1}
    assert b["agreements"] == {"Outlet A": 1} and b["disagreements"] == {"4.txt": 1, "Outlet A": 1}
    assert f["agreements"] == {} and f["disagreements"] == {"Account B": 1, "Outlet A": 1}
    # credibility = 0.5 + 0.3 cites - 0.3 unverified - 0.15 hedged - 0.2 disputed + 0.2 (A - D) / (A + D + 1)
    assert a["credibility"] == pytest.approx(0.5 + 0.3 * 0.5 - 0.15 * 0.5 + 0.2 * (1 - 2) / 4, abs=1e-3)
    assert b["credibility"] == pytest.approx(0.5 - 0.3 + 0.2 * (1 - 2) / 4, abs=1e-3)
    assert f["credibility"] == pytest.approx(0.5 - 0.2 + 0.2 * (0 - 2) / 3, abs=1e-3)


def test_credibility_is_clipped():
    assert credibility({"cites": 1.0}, 50, 0) == pytest.approx(0.5 + 0.3 + 0.2 * 50 / 51, abs=1e-3)
    assert credibility({"unverified": 1.0, "disputed": 1.0, "hedged": 1.0}, 0, 50) == 0.0


def test_source_profile_lookup(hand_store):
    assert source_profile(hand_store, "Outlet A")["documents"] == 1
    assert source_profile(hand_store, "account")["source"] == "Account B"
    with pytest.raises(UnknownSource, match="no source 'Nobody'"):
        source_profile(hand_store, "Nobody")


def test_profiles_on_the_seeds(tmp_path, examples_dir, seed_news_path, seed_thread_path):
    db = tmp_path / "store.duckdb"
    inputs = [
        str(examples_dir / "kabul_ledger_surkhrod_bombing.txt"),
        str(examples_dir / "kabul_ledger_surkhrod_bombing_repost.txt"),
        str(seed_news_path),
        str(seed_thread_path),
    ]
    runner = CliRunner()
    assert runner.invoke(main, ["run", *inputs, "--db", str(db), "--workers", "1", "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["sources", "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    profiles = {p["source"]: p for p in json.loads(result.output)}
    assert profiles["Kabul Ledger"]["documents"] == 1  # the repost is a duplicate
    assert profiles["AT News"]["documents"] == 1 and profiles[seed_thread_path.name]["documents"] == 1
    with Store(db) as store:
        stored = store.query(
            "SELECT count(*) AS n FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.duplicate_of IS NULL"
        )[0]["n"]
    assert sum(p["claims"] for p in profiles.values()) == stored
    for p in profiles.values():
        assert all(0.0 <= v <= 1.0 for v in p["shares"].values()) and 0.0 <= p["credibility"] <= 1.0
        for other, n in p["agreements"].items():
            assert profiles[other]["agreements"][p["source"]] == n
        for other, n in p["disagreements"].items():
            assert profiles[other]["disagreements"][p["source"]] == n
    table = runner.invoke(main, ["sources", "AT News", "--db", str(db)])
    assert table.exit_code == 0 and "AT News" in table.output
    missing = runner.invoke(main, ["sources", "Nobody", "--db", str(db)])
    assert missing.exit_code == 1 and "no source 'Nobody'" in missing.output


def test_disputed_share_counts_the_claims_other_sources_dispute(tmp_path, disputes_store):
    # three incidents whose sources give conflicting tolls and deny each other (tests/fixtures/disputes,
    # run once per session: tests/conftest.py): a claim that is a value of a listed dispute is disputed by
    # another source; a toll a later figure superseded is a timeline, not a disagreement
    db = str(copy_store(disputes_store, tmp_path))
    runner = CliRunner()
    listed = json.loads(runner.invoke(main, ["disputes", "--db", db, "--json"]).output)
    in_dispute: dict[str, set[str]] = {}
    for dispute in listed:
        for v in dispute["values"]:
            if v["claim_id"] and v["role"] != "superseded":
                in_dispute.setdefault(v["source"], set()).add(v["claim_id"])
    assert len(in_dispute) >= 3
    with Store(db) as store:
        source_of = {d["id"]: source_key(d) for d in store.documents.canonical_sources()}
        contested = {
            c["id"]: source_of[c["doc_id"]]
            for c in store.claims.find()
            if c["status"] == "disputed" or c["disputed_by"] is not None
        }
    result = runner.invoke(main, ["sources", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    profiles = {p["source"]: p for p in json.loads(result.output)}
    for source, p in profiles.items():
        expected = in_dispute.get(source, set()) | {c for c, s in contested.items() if s == source}
        assert p["disputed_count"] == len(expected), source
        assert p["shares"]["disputed"] == round(len(expected) / p["claims"], 3) if p["claims"] else 0.0
    assert sum(p["shares"]["disputed"] > 0 for p in profiles.values()) >= 3  # was 0% everywhere
