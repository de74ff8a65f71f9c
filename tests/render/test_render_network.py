"""The actor network drawing: one circle per drawn actor, one arrow per edge, labels escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from claimgraph.link.network import edge_rules
from claimgraph.render.network import drawn_graph, legend, network_svg

SVG = "{http://www.w3.org/2000/svg}"


def _node(actor_id: str, name: str, actor_type: str | None = "armed_group", mentions: int = 2) -> dict:
    return {"id": actor_id, "name": name, "type": actor_type, "mentions": mentions, "documents": 1}


def _edge(source: str, target: str, kind: str, count: int = 1, basis=("events",)) -> dict:
    return {
        "source": source,
        "target": target,
        "kind": kind,
        "count": count,
        "documents": 1,
        "basis": list(basis),
        "evidence": [],
    }


def _graph() -> dict:
    nodes = [
        _node("iskp", "ISKP"),
        _node("ttp", "TTP"),
        _node("afg", "Afghanistan", "state"),
        _node("alone", "Nobody links me"),
    ]
    edges = [
        _edge("iskp", "afg", "attacks", 3),
        _edge("afg", "iskp", "accuses", 2, ("claims",)),
        _edge("ttp", "iskp", "allied", 0, ("ontology",)),
    ]
    return {"nodes": nodes, "edges": edges, "kinds": edge_rules().kinds}


def _paths(root: ET.Element) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if "net-edge" in (p.get("class") or "")]


def test_one_circle_per_linked_actor_and_one_arrow_per_edge():
    graph = _graph()
    root = ET.fromstring(str(network_svg(graph, width=600, height=400)))
    assert len(list(root.iter(f"{SVG}circle"))) == 3  # the actor on no edge is not drawn
    edges = _paths(root)
    assert len(edges) == 3
    assert [e.get("class") for e in edges] == ["net-edge kind-attacks", "net-edge kind-accuses", "net-edge kind-allied"]
    assert edges[2].get("stroke-dasharray") == "5 4"  # ontology-only: dashed
    assert {m.get("id") for m in root.iter(f"{SVG}marker")} == {f"arrow-{k}" for k in graph["kinds"]}
    assert [k["kind"] for k in legend(graph)] == [k for k in graph["kinds"] if k in {"attacks", "accuses", "allied"}]


def test_the_busiest_actors_are_drawn_when_there_are_too_many():
    nodes, edges = drawn_graph(_graph(), limit=2)
    assert [n["id"] for n in nodes] == ["afg", "iskp"] and len(edges) == 2


def test_links_only_where_href_says():
    root = ET.fromstring(str(network_svg(_graph(), href=lambda e: "#row-1" if e["kind"] == "attacks" else None)))
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["#row-1"]


def test_hostile_names_are_escaped():
    graph = _graph()
    graph["nodes"][0]["name"] = '<script>alert(1)</script>" onload="x'
    svg = str(network_svg(graph))
    root = ET.fromstring(svg)
    assert "<script>" not in svg and 'onload="x' not in svg
    assert any((t.text or "").startswith("<script>") for t in root.iter(f"{SVG}text"))
