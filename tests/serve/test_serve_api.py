"""The JSON API over a store built by the real pipeline from the example corpus (and the seeds)."""

from __future__ import annotations

from workbench_store import annotated_document


def test_documents_paginate_in_ingest_order(client):
    first = client.get("/api/documents", params={"limit": 3}).json()
    second = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == second["total"] >= 15
    assert (first["limit"], first["offset"], len(first["items"])) == (3, 0, 3)
    ids = [d["id"] for d in first["items"] + second["items"]]
    assert len(set(ids)) == 6
    everything = client.get("/api/documents", params={"limit": 500}).json()["items"]
    assert [d["id"] for d in everything[:6]] == ids


def test_documents_filter_by_source_language_and_date(client):
    thread = client.get("/api/documents", params={"source": "thread_peacewatch"}).json()
    assert thread["total"] == 1 and "thread_peacewatch" in thread["items"][0]["source_path"]
    english = client.get("/api/documents", params={"language": "en", "limit": 500}).json()
    assert english["total"] >= 10 and all(d["language"] == "en" for d in english["items"])
    march = client.get(
        "/api/documents", params={"date_from": "2025-03-10", "date_to": "2025-03-16", "limit": 500}
    ).json()
    assert march["total"] >= 1
    assert all("2025-03-10" <= d["date"][:10] <= "2025-03-16" for d in march["items"])
    month = client.get("/api/documents", params={"date_from": "2025-03", "date_to": "2025-03", "limit": 500}).json()
    assert month["total"] >= march["total"]


def test_bad_parameters_get_a_clear_400(client):
    for params, word in [
        ({"limit": -1}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -5}, "offset"),
        ({"limit": "ten"}, "limit"),
        ({"date_from": "2025-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
    ]:
        r = client.get("/api/documents", params=params)
        assert r.status_code == 400, params
        assert word in r.json()["detail"]
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/search", params={"q": "   "}).status_code == 400


def test_unknown_or_ambiguous_document(client):
    r = client.get("/api/documents/ffffffffffffffff")
    assert r.status_code == 404 and "ffffffffffffffff" in r.json()["detail"]
    assert client.get("/api/documents/ab").status_code == 400  # prefix too short


def test_document_has_texts_removals_and_spans(client):
    doc = annotated_document()
    body = client.get(f"/api/documents/{doc.id}").json()
    assert body["clean_text"] == doc.clean_text and body["raw_text"] == doc.raw_text
    assert [e["text"] for e in body["entities"]] == [m.text for m in doc.entities]
    claim = body["claims"][1]
    assert claim["status"] == "denied"
    assert body["raw_text"][claim["raw_start"] : claim["raw_end"]].startswith("A spokesman")
    event = body["events"][0]
    assert body["clean_text"][event["trigger_start"] : event["trigger_end"]] == "attacked"


def test_removals_carry_their_rule_description(client):
    rows = client.get("/api/documents", params={"limit": 500}).json()["items"]
    with_removals = next(d for d in rows if d["removals"])
    body = client.get(f"/api/documents/{with_removals['id'][:8]}").json()
    assert body["removals"] and all(r["description"] for r in body["removals"])
    for r in body["removals"]:
        assert body["raw_text"][r["raw_start"] : r["raw_end"]] == r["text"]


def test_actors_places_events_claims_lists(client):
    actors = client.get("/api/actors").json()
    assert any(a["actor_id"] == "iskp" for a in actors["items"])
    places = client.get("/api/places").json()
    assert any(p["place_id"] == "jalalabad" and p["lat"] == 34.43 for p in places["items"])
    events = client.get("/api/events", params={"limit": 500}).json()
    assert any(e["type"] == "ARMED_CLASH" and e["fatalities"] == 12 for e in events["items"])
    claims = client.get("/api/claims", params={"status": "denied", "limit": 500}).json()
    assert claims["total"] >= 1 and all(c["status"] == "denied" for c in claims["items"])
    assert client.get("/api/claims", params={"limit": 1000}).status_code == 400


def test_claims_of_one_speaker_in_the_api_and_the_page(client):
    """A trial's `/claims?speaker=...` returned every claim: the workbench took no speaker filter."""
    every = client.get("/api/claims", params={"limit": 500}).json()
    named = [c for c in every["items"] if c["speaker_actor"]]
    actor = named[0]["speaker_actor"]
    mine = client.get("/api/claims", params={"speaker": actor, "limit": 500}).json()
    assert 0 < mine["total"] < every["total"]
    assert all(
        actor == c["speaker_actor"]
        or actor in (c["speaker_text"] or "").lower()
        or actor in (c["speaker_name"] or "").lower()
        for c in mine["items"]
    )
    page = client.get("/claims", params={"speaker": actor}).text
    assert f'value="{actor}"' in page and "any speaker" in page
    assert "No claims of a speaker matching" in client.get("/claims", params={"speaker": "zzyzx"}).text


def test_full_text_search_finds_documents_and_snippets(client):
    r = client.get("/api/search", params={"q": "Surkh Rod mosque"}).json()
    assert r["total"] >= 2
    assert all(h["snippet"] for h in r["items"])
    assert any("Surkh" in h["snippet"] or "mosque" in h["snippet"].lower() for h in r["items"])
    assert client.get("/api/search", params={"q": "zzyzxnotaword"}).json()["total"] == 0


def test_openapi_schema_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/actors",
        "/api/places",
        "/api/events",
        "/api/claims",
        "/api/search",
        "/api/ingest",
    ):
        assert path in paths


def test_summary_counts(client):
    summary = client.get("/api/summary").json()
    assert summary["documents"] >= 15 and summary["claims"] >= 2 and summary["events"] >= 1
    distinct = summary["distinct"]  # what `claimgraph run` reports: duplicates aside, a cluster once
    assert 1 <= distinct["documents"] <= summary["documents"] and distinct["claims"] <= summary["claims"]
    assert 1 <= distinct["events"] <= summary["events"] and distinct["contested"] <= distinct["propositions"]


def test_document_list_page_shows_site_author_date_and_url(client):
    page = client.get("/documents", params={"source": "eastern_horizon"}).text
    assert "<th>Site</th><th>Author</th><th>Date</th>" in page
    for value in (
        "Eastern Horizon News",
        "Nasir Kunari",
        "2025-03-19",
        'href="https://easternhorizon.example/news/2025/03/19/kunar-drone-strike-chawkay/"',
    ):
        assert value in page, value


def test_api_index_lists_the_endpoints(client):
    index = client.get("/api").json()
    paths = {path for path, _ in index["endpoints"]}
    assert index["schema"] == "/openapi.json" and "/api/documents" in paths and "/api/claims" in paths
    assert client.get("/api/").status_code == 200
