"""The Disputes page and its JSON API, over a store of the synthetic dispute fixtures
(tests/fixtures/disputes) built by the real pipeline."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from stores import copy_store
from workbench_store import TEST_HOSTS

from claimgraph.render.highlight import anchor_id
from claimgraph.serve import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory, disputes_store):
    # the session's run of the fixtures (tests/conftest.py), copied: a server holds its store open
    path = copy_store(disputes_store, tmp_path_factory.mktemp("disputes-serve"))
    with TestClient(create_app(path, allowed_hosts=TEST_HOSTS, data_dir=path.parent / "data")) as c:
        yield c


def test_api_lists_disputes_ranked_with_their_values(client):
    body = client.get("/api/disputes").json()
    items = body["items"]
    assert body["total"] == len(items) >= 4
    assert [d["score"] for d in items] == sorted((d["score"] for d in items), reverse=True)
    for d in items:
        assert d["conflict"] and d["sources"] >= 2 and d["values"]
        for v in d["values"]:
            assert {"source", "speaker", "value", "date", "status", "sentence_start", "sentence_end"} <= set(v)
    claims = client.get("/api/disputes", params={"kind": "claims"}).json()["items"]
    assert claims and {d["kind"] for d in claims} == {"claims"}


def test_api_one_dispute_and_errors(client):
    first = client.get("/api/disputes", params={"limit": 1}).json()["items"][0]
    one = client.get(f"/api/disputes/{first['id']}").json()
    assert one["id"] == first["id"] and len(one["values"]) == len(first["values"])
    missing = client.get("/api/disputes/dnosuchthing")
    assert missing.status_code == 404 and "dnosuchthing" in missing.json()["detail"]
    bad = client.get("/api/disputes", params={"kind": "rumours"})
    assert bad.status_code == 400 and "rumours" in bad.json()["detail"]


def test_a_values_sentence_is_where_its_link_lands(client):
    d = next(x for x in client.get("/api/disputes").json()["items"] if x["kind"] == "figures")
    v = next(x for x in d["values"] if x["claim_id"])
    doc = client.get(f"/api/documents/{v['doc_id']}").json()
    assert " ".join(doc["clean_text"][v["sentence_start"] : v["sentence_end"]].split()) == v["text"]
    anchor = anchor_id(f"claim-{v['claim_id']}")
    page = client.get("/disputes").text
    assert f'href="/documents/{v["doc_id"]}#{anchor}"' in page
    assert f'id="{anchor}"' in client.get(f"/documents/{v['doc_id']}").text


def test_page_shows_a_table_and_a_dot_plot_per_figure(client):
    items = client.get("/api/disputes").json()["items"]
    page = client.get("/disputes")
    assert page.status_code == 200
    html = page.text
    figures = [d for d in items if d["kind"] == "figures"]
    assert html.count('class="dotplot"') == len(figures) >= 2
    assert html.count('class="dispute-values"') == len(items)
    assert "Quetta Evening Star" in html and "at least 50" in html
    assert 'href="/disputes"' in html  # in the navigation
    only = client.get("/disputes", params={"kind": "claims"}).text
    assert 'class="dotplot"' not in only and "Tehreek-e-Taliban Pakistan" in only
    assert client.get("/disputes", params={"kind": "rumours"}).status_code == 400


def test_a_perpetrators_role_is_shown_on_the_page_and_in_the_api(client):
    items = client.get("/api/disputes", params={"kind": "facts"}).json()["items"]
    values = [v for d in items if d["label"].startswith("perpetrator") for v in d["values"]]
    claimed = [v for v in values if v["responsibility"] == "claimed"]
    assert claimed and {v["responsibility"] for v in values} <= {"claimed", "blamed", "stated"}
    page = client.get("/disputes", params={"kind": "facts"}).text
    assert f'class="responsibility responsibility-claimed">claimed by {claimed[0]["value"]}</span>' in page
