"""Propositions: topic terms and poles, centroid clustering, and the incremental store update."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.errors import ClaimgraphError
from claimgraph.link.embeddings import Embedder
from claimgraph.link.propositions import (
    assign_to_centroids,
    claim_vectors,
    get_proposition,
    list_propositions,
    load_config,
    proposition_of_claim,
    question_poles,
    refine_assignments,
    source_key,
    topic_terms,
    update_propositions,
)
from claimgraph.runner import run
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[2]

FIRST_FILES = ("kabul_ledger_surkhrod_bombing.txt", "kabul_ledger_surkhrod_bombing_repost.txt", "statements_feed.jsonl")
# the example corpus's analyst file of disputed questions (none ship with claimgraph)
EXAMPLE_QUESTIONS = load_config(questions=[REPO / "examples" / "questions.yaml"])
SECOND_FILES = (
    "kabul_morning_post_doha_commitments.txt",
    "thread_peacewatch_iskp_remnants.txt",
    "gdi_statement_kabul_cell.json",
    "hindu_kush_observer_kabul_detentions.txt",
)


def test_poles_of_the_disputed_questions():
    Q = EXAMPLE_QUESTIONS
    assert question_poles("The Islamic State – Khorasan Province (ISKP) poses a genuine threat.", Q) == {
        "iskp-threat": 1
    }
    assert question_poles("ISKP is reduced to remnants contained by the Taliban.", Q)["iskp-threat"] == -1
    # a longer phrase hides the shorter one inside it
    assert question_poles("Their capacity and presence have not witnessed any significant growth.", Q) == {
        "iskp-threat": -1
    }
    # what a concession sets aside gives no pole
    assert question_poles(
        "ISKP poses a genuine threat, despite the Taliban-led government’s denial of their significance.", Q
    ) == {"iskp-threat": 1}
    assert question_poles("The Taliban can never defeat ISKP single-handedly.", Q) == {"taliban-alone": -1}
    assert question_poles("The Taliban have kept their commitment under the Doha agreement.", Q) == {
        "doha-commitment": 1
    }
    assert question_poles("Shopkeepers closed early on Saturday.", Q) == {}


def test_topic_terms_join_synonyms_and_questions():
    a = topic_terms("Daesh has no presence in this area.", ["iea-moi"], EXAMPLE_QUESTIONS)
    b = topic_terms("ISKP poses a genuine threat.", config=EXAMPLE_QUESTIONS)
    assert "q:iskp-threat" in a and "q:iskp-threat" in b
    # a concept: words of one kind any conflict's coverage uses (named actors are linked terms instead)
    toll = topic_terms("The death toll from the shelling rose to 40.")
    killed = topic_terms("Forty civilians were killed, medics said.")
    assert "c:casualties" in toll and "c:casualties" in killed
    assert "a:iea-moi" in a
    # the shipped settings have no questions: the same sentences carry none
    assert not any(t.startswith("q:") for t in topic_terms("ISKP poses a genuine threat."))


def test_no_questions_ship_and_a_bad_questions_file_is_named(tmp_path):
    assert load_config().questions == ()
    assert question_poles("ISKP poses a genuine threat.") == {}
    bad = tmp_path / "q.yaml"
    bad.write_text("questions: [a, b]\n", encoding="utf-8")
    with pytest.raises(ClaimgraphError, match=str(bad)):
        load_config(questions=[bad])
    with pytest.raises(ClaimgraphError, match="cannot read"):
        load_config(questions=[tmp_path / "absent.yaml"])


def test_opposite_claims_on_one_question_are_closer_than_unrelated_ones():
    texts = [
        "ISKP poses a genuine threat.",
        "ISKP is reduced to remnants contained by the Taliban.",
        "Hundreds of trucks were stranded at the Torkham crossing.",
    ]
    v = claim_vectors(Embedder("fast").encode(texts), [topic_terms(t, config=EXAMPLE_QUESTIONS) for t in texts])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_assign_to_centroids_joins_near_and_opens_far():
    rng = np.random.default_rng(0)
    centres = np.linalg.qr(rng.normal(size=(32, 4)))[0].T  # four orthonormal directions
    points = np.repeat(centres, 5, axis=0) + rng.normal(scale=0.05, size=(20, 32))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    order = rng.permutation(20)
    labels, sums, sims = assign_to_centroids(points[order], None, 0.8, block_size=3)
    truth = np.repeat(np.arange(4), 5)[order]
    assert len(sums) == 4
    for cluster in range(4):  # one cluster per direction, whatever the blocks
        assert len(set(labels[truth == cluster])) == 1
    assert (sims >= 0.8).all()
    same, _, _ = assign_to_centroids(points[order], None, 0.8, block_size=1024)
    assert (same == labels).all()
    # existing clusters are joined, not copied
    more, sums2, _ = assign_to_centroids(points[:3], sums, 0.8)
    assert len(sums2) == 4 and set(more) <= set(range(4))
    refined, refined_sums = refine_assignments(points[order], labels, sums, 0.8)
    assert (refined == labels).all() and np.allclose(refined_sums, sums)


def test_source_key_prefers_site_then_author_then_file():
    assert source_key({"site": "Kabul Ledger", "author": "J. Hamidi", "source_path": "a/b.txt"}) == "Kabul Ledger"
    assert source_key({"site": " ", "author": "J. Hamidi", "source_path": "a/b.txt"}) == "J. Hamidi"
    assert source_key({"site": None, "author": None, "source_path": "/x/seeds/004_c5.txt"}) == "004_c5.txt"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, examples_dir):
    """Part of the example corpus stored in two runs (propositions are updated at the end of each)."""
    db = tmp_path_factory.mktemp("propositions") / "store.duckdb"
    with Store(db) as store:
        run([str(examples_dir / name) for name in FIRST_FILES], store)
        first = {
            r["claim_id"]: r["proposition_id"]
            for r in store.query("SELECT claim_id, proposition_id FROM proposition_claims")
        }
        run([str(examples_dir / name) for name in FIRST_FILES + SECOND_FILES], store)
    return db, first


def test_every_claim_of_a_canonical_document_has_one_proposition(corpus_store):
    db, _ = corpus_store
    with Store(db) as store:
        missing = store.query(
            "SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc_id "
            "WHERE d.duplicate_of IS NULL AND c.id NOT IN (SELECT claim_id FROM proposition_claims)"
        )
        duplicated = store.query(
            "SELECT pc.claim_id FROM proposition_claims pc JOIN documents d ON d.id = pc.doc_id "
            "WHERE d.duplicate_of IS NOT NULL"
        )
        cached = store.query("SELECT count(*) AS n, min(dim) AS dim FROM sentence_embeddings WHERE mode = 'fast'")[0]
    assert missing == []
    assert duplicated == []  # the repost's claims are left out
    assert cached["n"] > 0 and cached["dim"] == Embedder("fast").dim


def test_update_is_incremental_and_idempotent(corpus_store):
    db, first = corpus_store
    with Store(db) as store:
        now = {
            r["claim_id"]: r["proposition_id"]
            for r in store.query("SELECT claim_id, proposition_id FROM proposition_claims")
        }
        before = store.query("SELECT count(*) AS n FROM propositions")[0]["n"]
        again = update_propositions(store)
        after = store.query("SELECT count(*) AS n FROM propositions")[0]["n"]
    assert first and set(first) <= set(now)
    assert all(now[c] == p for c, p in first.items())  # earlier claims keep their proposition
    assert again == {"new_claims": 0, "propositions": before, "assigned": 0, "refreshed": 0, "recomputed": 0}
    assert after == before


def test_listing_and_reading_a_proposition(corpus_store):
    db, _ = corpus_store
    with Store(db) as store:
        total, rows = list_propositions(store, limit=5)
        wide_total, wide = list_propositions(store, min_documents=2)
        prop = get_proposition(store, wide[0]["id"])
        member = prop["members"][0]
        assert proposition_of_claim(store, member["claim_id"]) == prop["id"]
        assert proposition_of_claim(store, "nope:c1") is None
        text = store.query("SELECT clean_text FROM documents WHERE id = $id", {"id": member["doc_id"]})[0]["clean_text"]
    assert len(rows) == 5 and total >= wide_total >= 1
    assert all(r["documents"] >= 2 for r in wide)
    assert prop["label"] and prop["claims"] == len(prop["members"])
    assert prop["label_claim_id"] in {m["claim_id"] for m in prop["members"]}
    for key in (
        "claim_id",
        "doc_id",
        "doc_title",
        "source",
        "text",
        "start",
        "end",
        "speaker_text",
        "speaker_actor",
        "status",
        "evidence",
        "side",
        "relation",
        "relation_score",
    ):
        assert key in member
    assert member["side"] in ("for", "against", "neutral")
    assert " ".join(text[member["start"] : member["end"]].split()) == member["text"]  # points at its characters


def test_propositions_command(corpus_store):
    db, _ = corpus_store
    result = CliRunner().invoke(main, ["propositions", "--db", str(db), "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["propositions"]) == 3 and data["total"] >= 3
    assert all(p["members"] for p in data["propositions"])
    table = CliRunner().invoke(main, ["propositions", "--db", str(db), "--min-documents", "2"])
    assert table.exit_code == 0 and "propositions" in table.output


def test_commands_name_a_missing_store(tmp_path):
    for command in ("propositions", "contested"):
        result = CliRunner().invoke(main, [command, "--db", str(tmp_path / "none.duckdb")])
        assert result.exit_code == 1
        assert "none.duckdb: no such store" in result.output


def test_a_runs_documents_bound_the_unplaced_claims(tmp_path, examples_dir):
    """The linker looks for unplaced claims among a run's documents only: the same claims the scan of
    the whole store finds once every earlier claim was placed."""
    with Store(tmp_path / "store.duckdb") as store:
        run([str(examples_dir / name) for name in SECOND_FILES], store)
        docs = [r["id"] for r in store.query("SELECT id FROM documents ORDER BY ingest_seq")]
        assert store.propositions.unplaced_claims() == store.propositions.unplaced_claims(docs) == []
        with store.batch() as s:  # the last document's claims leave their propositions
            s._connection().execute("DELETE FROM proposition_claims WHERE doc_id = ?", [docs[-1]])
        everywhere = store.propositions.unplaced_claims()
        assert everywhere and {r["doc_id"] for r in everywhere} == {docs[-1]}
        assert store.propositions.unplaced_claims(docs[-1:]) == everywhere
        assert store.propositions.unplaced_claims(docs[:-1]) == []
        placed = update_propositions(store, documents=docs[-1:])
        assert placed["new_claims"] == len(everywhere) and store.propositions.unplaced_claims() == []
