"""Propositions refreshed from their new members (link/propositions_refresh.py): what a refresh keeps
and what it must still get right (counts, score, sides of the new members), against the members."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from claimgraph.link import propositions_refresh
from claimgraph.link.contested import score_sides
from claimgraph.link.embeddings import Embedder, StoreEmbeddingCache
from claimgraph.link.propositions import (
    _proposition_sums,
    _vectors,
    config_of_store,
    contest_members,
    proposition_members,
    update_propositions,
)
from claimgraph.link.propositions_refresh import REFERENCE_MODE, label_index
from claimgraph.runner import run
from claimgraph.settings import Settings
from claimgraph.store import Store

FIRST = ("kabul_ledger_surkhrod_bombing.txt", "thread_peacewatch_iskp_remnants.txt", "statements_feed.jsonl")
SECOND = (
    "khyber_dispatch_surkhrod_wire.html",
    "oxus_security_notes_iskp_threat.md",
    "meridian_review_un_monitoring_report.txt",
    "hindu_kush_observer_kabul_detentions.txt",
)
SETTINGS = Settings.defaults().with_values({"extract.mode": "fast"})


def test_the_label_is_the_first_of_members_tied_at_the_highest_similarity():
    assert label_index(np.array([0.5, 0.8, 0.8 + 5e-8, 0.7], dtype=np.float32)) == 1
    assert label_index(np.array([0.5, 0.8, 0.81, 0.7], dtype=np.float32)) == 2
    assert label_index(np.array([0.9], dtype=np.float32)) == 0


def _two_runs(path, examples_dir):
    with Store(path) as store:
        run([str(examples_dir / name) for name in FIRST], store, SETTINGS, workers=1)
        before = {r["id"]: r for r in store.query("SELECT * FROM propositions")}
        last = store.query("SELECT max(ingest_seq) AS n FROM documents")[0]["n"]
        run([str(examples_dir / name) for name in FIRST + SECOND], store, SETTINGS, workers=1)
    return before, last


@pytest.fixture(scope="module")
def refreshed_store(tmp_path_factory, examples_dir):
    """The example corpus in two runs, every grown proposition refreshed (a bound no centroid passes)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(propositions_refresh, "DRIFT_BOUND", 2.0)
    try:
        db = tmp_path_factory.mktemp("refresh") / "store.duckdb"
        before, last = _two_runs(db, examples_dir)
    finally:
        patch.undo()
    return db, before, last


def _grown(store, before):
    after = {r["id"]: r for r in store.query("SELECT * FROM propositions")}
    return {pid: row for pid, row in after.items() if pid in before and row["claims"] > before[pid]["claims"]}


def test_a_refreshed_proposition_counts_and_scores_all_its_members(refreshed_store):
    db, before, _ = refreshed_store
    with Store(db) as store:
        config = config_of_store(store)
        grown = _grown(store, before)
        members = proposition_members(store, sorted(grown))
        # the score counts the proposition's contest: its members and the guests that reject one of
        # them (link/camp_edges.py)
        contests = contest_members(store, sorted(grown))
    # the second run added members to propositions of the first, and most kept their label (a new
    # label, nearer the centroid, takes every member's side again: the full path)
    assert sum(row["label_claim_id"] == before[pid]["label_claim_id"] for pid, row in grown.items()) >= 2
    for pid, row in grown.items():
        group = members[pid]
        assert row["claims"] == len(group)
        assert row["documents"] == len({m["doc_id"] for m in group})
        assert row["sources"] == len({m["source"] for m in group})
        assert row["contested_score"] == pytest.approx(score_sides(contests[pid], config)["score"], abs=1e-9)
        assert {m["side"] for m in group} <= {"for", "against", "neutral"}


def test_refreshed_similarities_stay_within_the_bound_of_the_centroid(refreshed_store):
    db, before, last = refreshed_store
    with Store(db) as store:
        config = config_of_store(store)
        cache = StoreEmbeddingCache(Embedder("fast"), store)
        ids, sums, _ = _proposition_sums(store, cache, "fast", config)
        grown = _grown(store, before)
        references = store.query(
            "SELECT count(*) AS n FROM sentence_embeddings WHERE mode = $m", {"m": REFERENCE_MODE + "fast"}
        )[0]["n"]
        for pid in grown:
            rows = store.propositions.member_claims([pid])
            stored = {m["claim_id"]: m["similarity"] for m in proposition_members(store, [pid])[pid]}
            centroid = sums[ids.index(pid)] / np.linalg.norm(sums[ids.index(pid)])
            exact = _vectors(rows, cache, config) @ centroid
            # each stored similarity was computed against a centroid this refresh's bound (2.0) allowed;
            # the new members' and the label's against this one
            label = store.propositions.get(pid)["label_claim_id"]
            new_ids = {m["claim_id"] for m in rows if m["ingest_seq"] > last}
            for r, sim in zip(rows, exact):
                if r["claim_id"] in new_ids or r["claim_id"] == label:
                    assert stored[r["claim_id"]] == pytest.approx(float(sim), abs=1e-5)
    # the first run's propositions were made in full (their references stored); a refresh keeps them
    assert references >= len(before)


def test_a_store_without_references_is_refreshed_from_its_stored_sums(tmp_path, examples_dir):
    """A store of the previous version has sums but no references: its members were compared with
    the centroid it stored, so that centroid serves as the reference and the run refreshes."""
    db, copy = tmp_path / "store.duckdb", tmp_path / "copy.duckdb"
    with Store(db) as store:
        run([str(examples_dir / name) for name in FIRST], store, SETTINGS, workers=1)
    shutil.copy(db, copy)
    with Store(db) as store:
        removed = store.query(
            "SELECT count(*) AS n FROM sentence_embeddings WHERE mode = $m", {"m": REFERENCE_MODE + "fast"}
        )[0]["n"]
        store.query("DELETE FROM sentence_embeddings WHERE mode = $m", {"m": REFERENCE_MODE + "fast"})
        run([str(examples_dir / name) for name in FIRST + SECOND], store, SETTINGS, workers=1)
        without = store.query("SELECT * EXCLUDE (updated_at) FROM propositions ORDER BY id")
        again = update_propositions(store)
        derived = dict(_references(store))
    with Store(copy) as store:  # references kept
        run([str(examples_dir / name) for name in FIRST + SECOND], store, SETTINGS, workers=1)
        kept = store.query("SELECT * EXCLUDE (updated_at) FROM propositions ORDER BY id")
        stored = dict(_references(store))
    assert removed > 0 and again["new_claims"] == 0
    assert without == kept
    # a refresh stores the reference it took from the sums (the sums move on from it): the same vectors
    assert derived and set(derived) <= set(stored)
    assert all(np.allclose(derived[k], stored[k], atol=1e-6) for k in derived)


def _references(store):
    return store.vectors.read_lists(
        [
            r["key"]
            for r in store.query("SELECT key FROM sentence_embeddings WHERE mode = $m", {"m": REFERENCE_MODE + "fast"})
        ]
    )
