"""The workbench under load: reads in parallel beside an ingest, per-page queries that agree with
the full listings, stored per-document counts, and whole-store views cached until the store changes."""

from __future__ import annotations

import dataclasses
import threading
from importlib import resources

import duckdb
import pytest
from fastapi.testclient import TestClient
from workbench_store import TEST_HOSTS, wait_for_job

from claimgraph.serve import create_app
from claimgraph.store import Store


def test_reads_are_not_held_up_by_another_threads_open_batch(store_copy):
    with Store(store_copy) as store:
        runs = store.query("SELECT count(*) AS n FROM runs")[0]["n"]
        seen: list[int] = []
        with store.batch():
            store.start_run(["in-the-batch"])
            # the batch's own thread reads what it has written
            assert store.query("SELECT count(*) AS n FROM runs")[0]["n"] == runs + 1
            reader = threading.Thread(target=lambda: seen.append(store.query("SELECT count(*) AS n FROM runs")[0]["n"]))
            reader.start()
            reader.join(timeout=60)
            # another thread got an answer while the batch was open: what is committed
            assert seen == [runs]
        assert store.query("SELECT count(*) AS n FROM runs")[0]["n"] == runs + 1


def test_concurrent_requests_all_answer(client):
    expected = client.get("/api/claims", params={"limit": 20}).json()
    answers: list = []

    def ask() -> None:
        answers.append(client.get("/api/claims", params={"limit": 20}).json())

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert answers == [expected] * 6


@pytest.mark.parametrize("endpoint", ["/api/claims", "/api/events", "/api/documents"])
def test_pages_join_up_to_the_whole_listing(client, endpoint):
    whole = client.get(endpoint, params={"limit": 500}).json()
    assert 0 < whole["total"] <= 500 and len(whole["items"]) == whole["total"]
    size = max(1, whole["total"] // 3)
    pages = []
    for offset in range(0, whole["total"], size):
        body = client.get(endpoint, params={"limit": size, "offset": offset}).json()
        assert body["total"] == whole["total"] and body["offset"] == offset
        pages += body["items"]
    assert pages == whole["items"]
    last = client.get(endpoint, params={"limit": 5, "offset": whole["total"] - 2}).json()["items"]
    assert last == whole["items"][-2:]
    assert client.get(endpoint, params={"limit": 5, "offset": whole["total"] + 10}).json()["items"] == []


def test_claims_come_most_check_worthy_first(client):
    items = client.get("/api/claims", params={"limit": 500}).json()["items"]
    worth = [c["checkworthiness"] for c in items if c["checkworthiness"] is not None]
    assert worth == sorted(worth, reverse=True)


def test_document_list_counts_match_the_stored_rows(client, built_store):
    items = client.get("/api/documents", params={"limit": 500}).json()["items"]
    with duckdb.connect(str(built_store), read_only=True) as con:
        for table, key in (
            ("removals", "removals"),
            ("entities", "entities"),
            ("events", "events"),
            ("claims", "claims"),
        ):
            counted = dict(con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall())
            assert [d[key] for d in items] == [counted.get(d["id"], 0) for d in items], table
    assert any(d["entities"] for d in items) and any(d["claims"] for d in items)


def test_migration_007_counts_the_documents_of_an_older_store(store_copy):
    sql = next(
        m for m in resources.files("claimgraph.store").joinpath("migrations").iterdir() if m.name.startswith("007_")
    ).read_text(encoding="utf-8")
    with duckdb.connect(str(store_copy)) as con:
        written = con.execute("SELECT * FROM document_counts ORDER BY doc_id").fetchall()
        assert len(written) == con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.execute("DROP TABLE document_counts")
        con.execute(sql)  # as on a store written before it
        assert con.execute("SELECT * FROM document_counts ORDER BY doc_id").fetchall() == written


def test_contested_lists_the_most_central_members_per_side(client):
    full = client.get("/api/contested", params={"limit": 500, "members": 100}).json()["items"]
    assert full
    for item in full:
        for side in ("for", "against"):  # a side lists its accounts, the members set aside apart
            aside = sum(m["side"] == side for m in item["set_aside"])
            assert len(item["sides"][side]) + aside == min(100, item["counts"][side])
    one = client.get("/api/contested", params={"limit": 500, "members": 1}).json()["items"]
    assert [c["id"] for c in one] == [c["id"] for c in full]
    for capped, whole in zip(one, full):
        assert capped["counts"] == whole["counts"] and capped["score"] == whole["score"]
        assert capped["sources_for"] == whole["sources_for"] and capped["why"] == whole["why"]
        for side in ("for", "against"):
            assert capped["sides"][side] == whole["sides"][side][:1]
    assert client.get("/api/contested", params={"members": 0}).status_code == 400
    assert client.get("/api/contested", params={"members": 101}).status_code == 400


def test_whole_store_views_follow_an_ingest(store_copy, tmp_path):
    text = (
        b"Officials in Jalalabad said ISKP fighters attacked a checkpoint on 7 March 2025. "
        b"A Taliban spokesman denied that ISKP holds any territory in Nangarhar.\n"
    )
    with TestClient(create_app(store_copy, allowed_hosts=TEST_HOSTS, data_dir=tmp_path / "data")) as c:

        def iskp_mentions() -> int:
            return next(
                a["mentions"]
                for a in c.get("/api/actors", params={"limit": 500}).json()["items"]
                if a["actor_id"] == "iskp"
            )

        before = iskp_mentions()
        sources = {s["source"] for s in c.get("/api/sources", params={"limit": 500}).json()["items"]}
        assert iskp_mentions() == before  # cached: the same answer while nothing changes
        r = c.post("/api/ingest", files=[("files", ("cache-check.txt", text, "text/plain"))])
        assert r.status_code == 202, r.text
        job = wait_for_job(c, r.json()["id"], seconds=60)
        assert job["state"] == "done" and job["added"] == 1, job
        assert iskp_mentions() >= before + 2
        after = {s["source"] for s in c.get("/api/sources", params={"limit": 500}).json()["items"]}
        assert after - sources == {"cache-check.txt"}


def test_derived_views_are_computed_once_per_state(store_copy):
    with Store(store_copy) as store:
        calls: list[int] = []

        def count_documents(s: Store) -> int:
            calls.append(1)
            return s.query("SELECT count(*) AS n FROM documents")[0]["n"]

        first = store.derived("test-documents", count_documents)
        assert store.derived("test-documents", count_documents) == first and len(calls) == 1
        doc_id = store.query("SELECT id FROM documents ORDER BY ingest_seq LIMIT 1")[0]["id"]
        copy = store.documents.get(doc_id).replace(id="cache-test-copy", duplicate_of=None)
        assert store.add_document(copy)
        assert store.derived("test-documents", count_documents) == first + 1 and len(calls) == 2


def test_read_only_store_serves_lists(store_copy, tmp_path):
    with TestClient(create_app(store_copy, allowed_hosts=TEST_HOSTS, data_dir=tmp_path / "data", read_only=True)) as c:
        for path in (
            "/api/documents",
            "/api/claims",
            "/api/events",
            "/api/actors",
            "/api/contested",
            "/api/sources",
            "/api/propositions",
        ):
            assert c.get(path).status_code == 200, path


@pytest.mark.parametrize("status", ["reported", "disputed", "asserted", "no-such-status"])
def test_claim_pages_per_status_agree_with_the_sql_listing(client, built_store, status):
    with Store(built_store, read_only=True) as store:
        total, expected = store.claims.page(status=status)  # the full listing, sorted in SQL
    body = client.get("/api/claims", params={"status": status, "limit": 500}).json()
    assert body["total"] == total == len(body["items"])
    assert [c["id"] for c in body["items"]] == [c["id"] for c in expected]
    if status == "disputed":
        assert all(c["status"] == "disputed" or c["disputed_by"] for c in body["items"])
    size = max(1, total // 3)
    pages = [
        c["id"]
        for offset in range(0, total, size)
        for c in client.get("/api/claims", params={"status": status, "limit": size, "offset": offset}).json()["items"]
    ]
    assert pages == [c["id"] for c in expected]


def test_event_pages_agree_with_the_sql_listing(client, built_store):
    with Store(built_store, read_only=True) as store:
        total, expected = store.events.page()
    body = client.get("/api/events", params={"limit": 500}).json()
    assert body["total"] == total and [e["id"] for e in body["items"]] == [e["id"] for e in expected]


def test_pages_kept_are_copies(client):
    first = client.get("/api/claims", params={"limit": 5}).json()["items"]
    again = client.get("/api/claims", params={"limit": 5}).json()["items"]
    # quantities are decoded per request: a kept page is not changed by the requests that read it
    assert first == again and all(not isinstance(c["quantities"], str) for c in again)


def test_lists_follow_an_added_document(store_copy):
    with Store(store_copy) as store:
        claims_total, _ = store.claims.page(limit=5)
        events_total, _ = store.events.page(limit=5)
        documents_total, _ = store.documents.page(limit=5)
        doc_id = store.query("SELECT doc_id FROM claims GROUP BY doc_id ORDER BY count(*) DESC LIMIT 1")[0]["doc_id"]
        original = store.documents.get(doc_id)
        claims = tuple(dataclasses.replace(c, id="list-check-copy" + c.id[len(doc_id) :]) for c in original.claims)
        assert store.add_document(original.replace(id="list-check-copy", duplicate_of=None, events=(), claims=claims))
        total, rows = store.claims.page(limit=500)
        assert total == claims_total + len(original.claims)
        # the listing kept the earlier claims' sort keys and read only the new ones: the same order as SQL's
        assert [c["id"] for c in store.claims.page(limit=total)[1]] == [c["id"] for c in store.claims.page()[1]]
        assert {c["doc_id"] for c in store.claims.page(limit=total)[1]} >= {"list-check-copy"}
        assert store.events.page(limit=5)[0] == events_total
        total, rows = store.documents.page(limit=5, offset=documents_total)
        assert total == documents_total + 1 and [d["id"] for d in rows] == ["list-check-copy"]


def test_proposition_side_counts_match_the_members(client, built_store):
    items = client.get("/api/propositions", params={"limit": 500}).json()["items"]
    assert items
    with duckdb.connect(str(built_store), read_only=True) as con:
        counted = {
            (p, s): n
            for p, s, n in con.execute(
                "SELECT proposition_id, side, count(*) FROM proposition_claims GROUP BY ALL"
            ).fetchall()
        }
    for p in items:
        assert (p["claims_for"], p["claims_against"]) == (
            counted.get((p["id"], "for"), 0),
            counted.get((p["id"], "against"), 0),
        )
    assert any(p["claims_against"] for p in items)


def test_contested_lists_three_members_a_side_by_default(client):
    capped = client.get("/api/contested", params={"limit": 500}).json()["items"]
    full = client.get("/api/contested", params={"limit": 500, "members": 100}).json()["items"]
    for item, whole in zip(capped, full):
        for side in ("for", "against"):
            assert item["sides"][side] == whole["sides"][side][:3]
        assert item["neutral"] == whole["neutral"][:3]


@pytest.mark.parametrize(
    "query", ["ISKP attack", "Taliban denied the claims", "Surkh Rod mosque", "zzyzxnotaword", "the of and"]
)
def test_word_search_ranks_as_duckdb_match_bm25(built_store, query):
    from claimgraph.serve.search import SearchIndex

    with Store(built_store, read_only=True) as store:
        index = SearchIndex(store)
        total, hits = index.search(query, limit=500)
        # the fts extension's own scoring of every document, as the search did before
        expected = index._index.terms_index.con.execute(
            "SELECT id, score FROM (SELECT id, fts_main_docs.match_bm25(id, $q) AS score FROM docs) "
            "WHERE score IS NOT NULL ORDER BY round(score, 9) DESC, id",
            {"q": query},
        ).fetchall()
        index.close()
    assert total == len(expected)
    assert [(h["id"], h["score"]) for h in hits] == [(i, round(s, 4)) for i, s in expected]
    if "Surkh" in query:
        assert total > 0
