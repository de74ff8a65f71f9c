"""Propositions at scale: batched relations, stored centroid sums, relations only where they decide
a side, and one embedding mode per store."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.link.embeddings import Embedder, StoreEmbeddingCache
from claimgraph.link.propositions import SUMS_MODE, _proposition_sums, config_of_store, load_config, update_propositions
from claimgraph.link.relation import ClaimPair, claim_relation, claim_relations
from claimgraph.runner import run
from claimgraph.settings import Settings
from claimgraph.store import Store

FILES = (
    ("thread_peacewatch_iskp_remnants.txt", "oxus_security_notes_iskp_threat.md"),
    (
        "kabul_ledger_surkhrod_bombing.txt",
        "khyber_dispatch_surkhrod_wire.html",
        "meridian_review_un_monitoring_report.txt",
    ),
)


def test_relations_in_one_batch_equal_one_at_a_time():
    pairs = [
        ("At least 12 people were killed in the bombing.", "Five people were martyred in the blast."),
        ("ISKP poses a genuine threat.", "ISKP is reduced to remnants contained by the Taliban."),
        (
            "The Taliban have kept their commitment under the Doha agreement.",
            "The Taliban have not kept their commitment under the Doha agreement.",
        ),
        ("Hundreds of trucks were stranded at the Torkham crossing.", "ISKP poses a genuine threat."),
    ]
    batched = claim_relations([ClaimPair(a, b) for a, b in pairs])
    for (a, b), (relation, score, reasons) in zip(pairs, batched):
        one = claim_relation(a, b)
        assert (relation, reasons) == (one[0], one[2])
        assert score == pytest.approx(one[1], abs=1e-6)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, examples_dir):
    db = tmp_path_factory.mktemp("propositions_scaling") / "store.duckdb"
    with Store(db) as store:
        for files in FILES:
            run(
                [str(examples_dir / name) for name in files],
                store,
                # the example corpus's analyst file of disputed questions: members get sides by their poles
                Settings.defaults().with_values(
                    {"extract.mode": "fast", "link.questions": (str(examples_dir.parent / "questions.yaml"),)}
                ),
                workers=1,
            )
    return db


def test_stored_centroid_sums_equal_sums_over_the_members(two_runs):
    with Store(two_runs) as store:
        config = config_of_store(store)
        cache = StoreEmbeddingCache(Embedder("fast"), store)
        ids, stored, _ = _proposition_sums(store, cache, "fast", config)
        kept = store.query("SELECT count(*) AS n FROM sentence_embeddings WHERE mode = $m", {"m": SUMS_MODE + "fast"})
        store.query("DELETE FROM sentence_embeddings WHERE mode = $m", {"m": SUMS_MODE + "fast"})
        again_ids, recomputed, _ = _proposition_sums(store, cache, "fast", config)  # from the members, stored again
        rewritten = store.query(
            "SELECT count(*) AS n FROM sentence_embeddings WHERE mode = $m", {"m": SUMS_MODE + "fast"}
        )
    assert ids == again_ids and len(ids) == kept[0]["n"] == rewritten[0]["n"] > 0
    assert np.allclose(stored, recomputed, atol=1e-4)


def test_a_relation_is_stored_only_where_it_decides_the_side(two_runs):
    with Store(two_runs) as store:
        rows = store.query(
            "SELECT pc.side, pc.relation, pc.reasons, pc.claim_id = p.label_claim_id AS is_label "
            "FROM proposition_claims pc JOIN propositions p ON p.id = pc.proposition_id"
        )
    far = [r for r in rows if any(x.startswith("side: too far") for x in r["reasons"])]
    by_pole = [r for r in rows if any("side of '" in x for x in r["reasons"])]
    assert far and by_pole
    assert all(r["relation"] is None for r in far + by_pole)
    # a member whose side the relation gave has one (and it agrees with the side); the contested camps
    # (link/contested_camps.py) say in a "side: ..." reason when they decided a side another way
    decided = [
        r
        for r in rows
        if not r["is_label"]
        and r["side"] in ("for", "against")
        and r not in by_pole
        and not any(x.startswith("side: ") for x in r["reasons"])
    ]
    assert decided
    assert all({"for": "supports", "against": "contradicts"}[r["side"]] == r["relation"] for r in decided)


def test_a_store_keeps_one_modes_propositions(two_runs, tmp_path, accurate_embeddings):
    import shutil

    db = tmp_path / "store.duckdb"
    shutil.copy(two_runs, db)
    with Store(db) as store:
        claims = store.query("SELECT count(*) AS n FROM proposition_claims")[0]["n"]
        switched = update_propositions(store, "accurate")  # every claim again, in the other mode
        modes = {r["mode"] for r in store.query("SELECT DISTINCT mode FROM propositions")}
        kept = update_propositions(store)  # no mode given: the store's
    assert switched["new_claims"] == claims and modes == {"accurate"}
    assert kept["new_claims"] == 0


def test_the_settings_hash_of_stored_sums_is_the_same_in_every_process():
    # the sums are found again in the next run only if the key does not depend on set order
    import subprocess
    import sys

    from claimgraph.link.propositions import _settings_hash

    code = "from claimgraph.link.propositions import _settings_hash, load_config; print(_settings_hash(load_config()))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert other == _settings_hash(load_config())
