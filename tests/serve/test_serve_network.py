"""The actor network in the workbench: GET /api/network and the /network page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape


def test_api_network_gives_nodes_edges_and_evidence(client):
    r = client.get("/api/network")
    assert r.status_code == 200
    graph = r.json()
    nodes = {n["id"] for n in graph["nodes"]}
    assert {"iskp", "taliban"} <= nodes
    assert set(graph["kinds"]) >= {"attacks", "accuses", "denies", "cooperates", "part-of"}
    # "The Taliban rejected the claim, ... saying Daesh had 'no presence'" (example corpus)
    denials = [
        e for e in graph["edges"] if (e["source"], e["target"], e["kind"]) == ("taliban", "islamic-state", "denies")
    ]
    assert denials and denials[0]["count"] >= 1
    for evidence in denials[0]["evidence"]:
        doc = client.get(f"/api/documents/{evidence['doc_id']}").json()
        items = doc["claims"] if evidence["type"] == "claim" else doc["events"]
        assert evidence["id"] in {item["id"] for item in items}
    for e in graph["edges"]:
        assert e["source"] in nodes and e["target"] in nodes


def test_api_network_focus_and_bad_actor(client):
    graph = client.get("/api/network", params={"actor": "iskp"}).json()
    assert graph["edges"] and all("iskp" in (e["source"], e["target"]) for e in graph["edges"])
    r = client.get("/api/network", params={"actor": "no-such-actor"})
    assert r.status_code == 404 and "no-such-actor" in r.json()["detail"]
    r = client.get("/api/network", params={"include_duplicates": "perhaps"})
    assert r.status_code == 400 and "include_duplicates" in r.json()["detail"]


def test_network_page_draws_svg_and_links_each_sentence_to_the_reader(client):
    r = client.get("/network")
    assert r.status_code == 200
    page = r.text
    svg = re.search(r"<svg[^>]*class=\"network\".*?</svg>", page, re.S).group(0)
    ET.fromstring(svg)  # well-formed
    arrows = re.findall(r'<a href="#edge-(\d+)"', svg)
    rows = set(re.findall(r'<tr id="edge-(\d+)"', page))
    assert arrows and set(arrows) <= rows  # every arrow lands on its table row
    links = re.findall(r'href="/documents/([0-9a-f]+)#((?:claim|event)-[^"]+)"', page)
    assert links
    doc_id, anchor = links[0]
    reader = client.get(f"/documents/{doc_id}").text
    assert f'id="{unescape(anchor)}"' in reader


def test_network_page_focus_escapes_and_has_no_inline_style(client):
    page = client.get("/network", params={"actor": "iskp"}).text
    assert "selected>Islamic State Khorasan Province" in page
    assert "<script>window.__pwned" not in page  # the hostile actor name of the annotated document
    assert "style=" not in page  # the CSP forbids inline styles
    assert client.get("/network", params={"actor": "nope"}).status_code == 404


def test_network_is_in_the_navigation(client):
    assert 'href="/network"' in client.get("/documents").text
