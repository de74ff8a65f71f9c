"""Semantic search: GET /api/search?mode=semantic and the search page's "meaning" mode."""

from __future__ import annotations

import shutil

import pytest

from claimgraph.link.embeddings import sentence_key
from claimgraph.serve.search import EMBEDDING_MODE, SemanticIndex
from claimgraph.store import Store

# A paraphrase of each claim, sharing few of its words, and the words the claim itself holds.
PARAPHRASES = [
    ("the Taliban killed senior ISKP leaders", "eliminated several high-ranking leaders of the ISKP"),  # thread
    ("Taliban unable to beat ISKP on their own", "can never defeat ISKP single-handedly"),  # news page
    ("only remnants of militants remain in Afghanistan", "harbors only remnants of militant groups"),  # thread
]


@pytest.mark.parametrize("query,expected", PARAPHRASES)
def test_a_paraphrase_finds_the_seed_claim(client, seed_news_path, query, expected):
    r = client.get("/api/search", params={"q": query, "mode": "semantic", "limit": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] >= len(body["items"]) > 0
    assert any(expected in hit["text"] for hit in body["items"]), [h["text"] for h in body["items"]]
    scores = [hit["score"] for hit in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_semantic_hits_are_claims_in_their_documents(client):
    hits = client.get("/api/search", params={"q": "ISKP claimed the bombing", "mode": "semantic"}).json()["items"]
    assert hits
    for hit in hits[:5]:
        doc = client.get(f"/api/documents/{hit['doc_id']}").json()
        claim = next(c for c in doc["claims"] if c["id"] == hit["id"])
        assert claim["text"] == hit["text"] and doc["duplicate_of"] is None


def test_search_modes_and_bad_mode(client):
    words = client.get("/api/search", params={"q": "ISKP"}).json()
    assert words["items"] and "snippet" in words["items"][0]  # words: documents, as before
    r = client.get("/api/search", params={"q": "ISKP", "mode": "telepathy"})
    assert r.status_code == 400 and "mode" in r.json()["detail"]


def test_search_page_offers_words_and_meaning(client):
    page = client.get("/search", params={"q": "Taliban killed ISKP leaders", "mode": "semantic"}).text
    assert '<option value="semantic" selected>meaning</option>' in page
    assert "close in meaning to" in page
    assert 'href="/documents/' in page and "#claim-" in page
    assert '<option value="words">words</option>' in page


def test_vectors_are_stored_once_and_read_back_read_only(built_store, tmp_path):
    path = tmp_path / "store.duckdb"
    shutil.copy(built_store, path)
    query = "the Taliban killed senior ISKP leaders"
    with Store(path) as store:
        total, hits = SemanticIndex(store).search(query, limit=5)
        texts = [
            r["text"]
            for r in store.query(
                "SELECT c.text FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.duplicate_of IS NULL"
            )
        ]
        stored = {r["key"] for r in store.query("SELECT key FROM sentence_embeddings WHERE mode = ?", [EMBEDDING_MODE])}
    assert {sentence_key(t, EMBEDDING_MODE) for t in texts} <= stored  # the missing ones were saved
    with Store(path, read_only=True) as store:
        again = SemanticIndex(store).search(query, limit=5)
    assert again == (total, hits)
