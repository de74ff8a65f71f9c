"""Propositions, contested propositions and source profiles in the workbench: JSON API and pages,
over the session store built by the real pipeline (example corpus, hostile fixtures, seeds)."""

from __future__ import annotations

import re

from test_serve_security import INJECTED
from workbench_store import annotated_document

from claimgraph.render.highlight import anchor_id


def claim_anchor(claim_id: str) -> str:
    return anchor_id(f"claim-{claim_id}")


def test_propositions_api_paginates_and_filters(client):
    first = client.get("/api/propositions", params={"limit": 2}).json()
    assert first["total"] >= 3 and (first["limit"], first["offset"], len(first["items"])) == (2, 0, 2)
    second = client.get("/api/propositions", params={"limit": 2, "offset": 2}).json()
    assert {p["id"] for p in first["items"]}.isdisjoint(p["id"] for p in second["items"])
    for p in first["items"]:
        assert p["label"] and p["claims"] >= 1 and p["documents"] >= 1 and p["sources"] >= 1
        assert "contested_score" in p
    wide = client.get("/api/propositions", params={"min_documents": 2, "limit": 500}).json()
    assert 1 <= wide["total"] < first["total"] and all(p["documents"] >= 2 for p in wide["items"])
    for params in ({"min_documents": 0}, {"limit": 0}, {"offset": -1}, {"limit": 501}):
        r = client.get("/api/propositions", params=params)
        assert r.status_code == 400 and next(iter(params)) in r.json()["detail"]


def test_proposition_members_point_at_their_sentences(client):
    top = client.get("/api/propositions", params={"limit": 1}).json()["items"][0]
    prop = client.get(f"/api/propositions/{top['id']}").json()
    assert prop["label"] == top["label"] and len(prop["members"]) == prop["claims"] >= 2
    assert {m["side"] for m in prop["members"]} <= {"for", "against", "neutral"}
    member = prop["members"][0]
    doc = client.get(f"/api/documents/{member['doc_id']}").json()
    assert " ".join(doc["clean_text"][member["start"] : member["end"]].split()) == member["text"]
    page = client.get(f"/propositions/{top['id']}").text
    for m in prop["members"]:
        assert f'href="/documents/{m["doc_id"]}#{claim_anchor(m["claim_id"])}"' in page
    # the link lands on the highlighted sentence in the reader
    assert f'id="{claim_anchor(member["claim_id"])}"' in client.get(f"/documents/{member['doc_id']}").text


def test_unknown_proposition_is_a_404(client):
    r = client.get("/api/propositions/pnosuchthing")
    assert r.status_code == 404 and "pnosuchthing" in r.json()["detail"]
    assert client.get("/propositions/pnosuchthing").status_code == 404


def test_propositions_page_lists_labels_and_counts(client):
    listing = client.get("/api/propositions", params={"limit": 5}).json()["items"]
    page = client.get("/propositions").text
    for p in listing:
        assert f'href="/propositions/{p["id"]}"' in page
    assert client.get("/propositions", params={"min_documents": 2}).status_code == 200
    assert client.get("/propositions", params={"offset": "x"}).status_code == 400


def test_contested_api_and_page_show_both_sides(client):
    body = client.get("/api/contested", params={"limit": 500}).json()
    assert body["total"] >= 1 and body["total"] == len(body["items"])
    scores = [c["score"] for c in body["items"]]
    assert scores == sorted(scores, reverse=True)
    page = client.get("/contested").text
    for item in body["items"]:
        assert item["sides"]["for"] and item["sides"]["against"] and item["why"]
        assert f'id="{anchor_id("proposition-" + item["id"])}"' in page
        for side in ("for", "against"):
            for m in item["sides"][side]:
                assert f'href="/documents/{m["doc_id"]}#{claim_anchor(m["claim_id"])}"' in page
    sections = re.findall(r'<section class="contested".*?</section>', page, re.S)
    assert len(sections) == body["total"]
    assert all('class="side-col side-for"' in s and 'class="side-col side-against"' in s for s in sections)
    one = client.get("/api/contested", params={"limit": 1, "offset": 1}).json()
    assert (
        one["total"] == body["total"] and [c["id"] for c in one["items"]] == [body["items"][1]["id"]]
        if body["total"] > 1
        else one["items"] == []
    )


def test_seeds_argue_iskp_strength_on_opposite_sides(client, seed_news_path, seed_thread_path):
    ids = set()
    for seed in (seed_news_path, seed_thread_path):
        found = client.get("/api/documents", params={"source": seed.stem}).json()["items"]
        assert len(found) == 1, seed
        ids.add(found[0]["id"])
    items = client.get("/api/contested", params={"limit": 500}).json()["items"]
    across = [
        c
        for c in items
        if {m["doc_id"] for m in c["sides"]["for"] + c["sides"]["against"]} >= ids
        and "ISKP" in " ".join(m["text"] for m in c["sides"]["for"] + c["sides"]["against"])
    ]
    assert across, "no contested proposition has sentences from both seeds"


def test_sources_api_and_page(client):
    body = client.get("/api/sources", params={"limit": 500}).json()
    assert body["total"] >= 5
    keys = [s["source"] for s in body["items"]]
    assert len(keys) == len(set(keys))
    first = body["items"][0]
    assert first["claims"] >= 1 and 0 <= first["credibility"] <= 1
    assert set(first["shares"]) >= {"hedged", "unsupported", "reported"}
    assert client.get(f"/api/sources/{first['source']}").json() == first
    assert client.get("/api/sources/no-such-source-anywhere").status_code == 404
    page = client.get("/sources").text
    for key in keys:
        assert f'id="{anchor_id("source-" + key)}"' in page
    disagreeing = [s for s in body["items"] if s["disagreements"]]
    assert disagreeing, "no two sources take opposite sides of any proposition"
    other = next(iter(disagreeing[0]["disagreements"]))
    assert f'href="#{anchor_id("source-" + other)}"' in page


def test_reader_links_each_claim_to_its_proposition(client):
    prop = client.get("/api/propositions", params={"limit": 1}).json()["items"][0]
    member = client.get(f"/api/propositions/{prop['id']}").json()["members"][0]
    page = client.get(f"/documents/{member['doc_id']}").text
    side_list = page[page.index("<h2>Claims") : page.index("<h2>Events")]
    assert f'href="/propositions/{prop["id"]}"' in side_list
    # the hand-made document's claims joined propositions too
    doc = annotated_document()
    linked = re.findall(r'class="to-proposition" href="/propositions/([^"]+)"', client.get(f"/documents/{doc.id}").text)
    assert len(linked) == len(doc.claims)


def test_new_pages_render_hostile_text_escaped(client):
    doc = annotated_document()
    prop_ids = set(
        re.findall(r'class="to-proposition" href="/propositions/([^"]+)"', client.get(f"/documents/{doc.id}").text)
    )
    assert prop_ids
    pages = ["/propositions", "/contested", "/sources"] + [f"/propositions/{p}" for p in prop_ids]
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        assert not INJECTED.search(r.text), (path, INJECTED.search(r.text).group(0))
    hostile = "".join(client.get(f"/propositions/{p}").text for p in prop_ids)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in hostile
    assert "A spokesman &lt;img src=x onerror=alert(1)&gt;" in hostile
