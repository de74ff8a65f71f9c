"""The brief's cross-source sections: contested propositions, the actor network, ACH boards and
source profiles.

The brief is one file read offline, so a link cannot open the reader: every sentence a section
cites is quoted once in the brief's "Cited sentences" list (``Citations``), under an anchor that
names its speaker, document and source, and the sections link there. Each section works on a
store where propositions or boards were never built: it is then empty and the brief says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph.render.bars import bar_chart
from claimgraph.render.network import legend, network_svg
from claimgraph.render.text import ident
from claimgraph.store import Store

CONTESTED_SHOWN = 10  # propositions
SIDE_SHOWN = 6  # claims per side of a proposition
NETWORK_EDGES_SHOWN = 40
EVIDENCE_PER_EDGE = 3
SOURCES_SHOWN = 30
ACH_EVIDENCE_SHOWN = 40  # rows of a board's matrix, most diagnostic first


@dataclass
class Citations:
    """Sentences cited anywhere in the brief, each quoted once under its own anchor."""

    doc_titles: dict[str, str | None]
    items: dict[str, dict[str, Any]] = field(default_factory=dict)

    def cite(
        self,
        kind: str,
        item_id: str,
        doc_id: str,
        text: str,
        *,
        speaker: str | None = None,
        status: str | None = None,
        source: str | None = None,
    ) -> str:
        """The in-brief link (``#s-...``) of the quoted sentence of claim/event ``item_id``."""
        anchor = "s-" + ident(item_id)
        if anchor not in self.items:
            self.items[anchor] = {
                "anchor": anchor,
                "kind": kind,
                "id": item_id,
                "doc_id": doc_id,
                "text": " ".join((text or "").split()),
                "speaker": speaker,
                "status": status,
                "source": source,
                "doc_title": self.doc_titles.get(doc_id),
            }
        return "#" + anchor

    def listed(self) -> list[dict[str, Any]]:
        return list(self.items.values())


def contested_section(store: Store, cite: Citations) -> list[dict[str, Any]]:
    """The most contested propositions with both sides' claims, each linked to its quoted sentence."""
    from claimgraph.link.contested import contested

    out = []
    for prop in contested(store, limit=CONTESTED_SHOWN):
        sides = {}
        for side in ("for", "against"):
            members = _one_per_sentence(prop["sides"][side])
            sides[side] = {
                "shown": [
                    {
                        **m,
                        "href": cite.cite(
                            "claim",
                            m["claim_id"],
                            m["doc_id"],
                            m["text"],
                            speaker=m.get("speaker_text"),
                            status=m.get("status"),
                            source=m.get("source"),
                        ),
                    }
                    for m in members[:SIDE_SHOWN]
                ],
                "more": max(0, len(members) - SIDE_SHOWN),
            }
        out.append(
            {
                "id": prop["id"],
                "label": prop["label"],
                "score": prop["score"],
                "why": prop["why"],
                "documents": prop["documents"],
                "sources_for": prop["sources_for"],
                "sources_against": prop["sources_against"],
                "sides": sides,
            }
        )
    return out


def network_section(store: Store, cite: Citations) -> dict[str, Any]:
    """The actor network drawn as inline SVG, and its busiest links with their first sentences."""
    from claimgraph.link.network import network

    graph = network(store)
    shown = [e for e in graph["edges"] if e["count"]][:NETWORK_EDGES_SHOWN]
    rows = {(e["source"], e["target"], e["kind"]): i for i, e in enumerate(shown)}
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    edges = []
    for e in shown:
        evidence = [
            {**ev, "href": cite.cite(ev["type"], ev["id"], ev["doc_id"], ev["sentence"], status=ev["what"])}
            for ev in e["evidence"][:EVIDENCE_PER_EDGE]
        ]
        edges.append(
            {
                **e,
                "source_name": names.get(e["source"], e["source"]),
                "target_name": names.get(e["target"], e["target"]),
                "shown_evidence": evidence,
            }
        )
    svg = None
    if graph["edges"]:
        svg = network_svg(
            graph,
            width=820,
            height=600,
            href=lambda e: (
                f"#net-edge-{rows[(e['source'], e['target'], e['kind'])]}"
                if (e["source"], e["target"], e["kind"]) in rows
                else None
            ),
        )
    return {
        "svg": svg,
        "edges": edges,
        "legend": legend(graph),
        "total_edges": len(graph["edges"]),
        "actors": len({a for e in graph["edges"] for a in (e["source"], e["target"])}),
    }


def ach_section(store: Store, cite: Citations) -> list[dict[str, Any]]:
    """Every ACH board: its matrix (most diagnostic evidence first), scores and a bar plot of them."""
    from claimgraph import ach

    out = []
    for summary in ach.boards(store):
        full = ach.board(store, summary["id"])
        hypotheses = full["hypotheses"]
        scores = full["scores"]
        evidence = sorted(full["evidence"], key=lambda e: (-e["weighted_diagnosticity"], e["id"]))
        rows = [
            {
                **e,
                "href": cite.cite(
                    e["kind"],
                    e["ref_id"],
                    e["doc_id"],
                    e["text"],
                    speaker=e.get("speaker"),
                    status=e.get("status"),
                    source=e.get("source"),
                ),
            }
            for e in evidence[:ACH_EVIDENCE_SHOWN]
        ]
        plot = None
        if hypotheses and full["evidence"]:
            plot = bar_chart(
                [f"{h['id']}: {h['text']}" for h in hypotheses],
                [abs(scores[h["id"]]["inconsistency"]) for h in hypotheses],
                "Weighted inconsistency per hypothesis (shorter bar: the evidence leaves it standing)",
                color="#8e44ad",
                fmt="{:.2f}",
            )
        out.append(
            {
                "id": full["id"],
                "name": full["name"],
                "description": full["description"],
                "hypotheses": hypotheses,
                "scores": scores,
                "rows": rows,
                "more": max(0, len(evidence) - ACH_EVIDENCE_SHOWN),
                "evidence_total": len(evidence),
                "standing": summary.get("standing", []),
                "overrides": full["override_count"],
                "scale": full["scale"],
                "plot": plot,
            }
        )
    return out


def sources_section(store: Store) -> list[dict[str, Any]]:
    """Source profiles, most claims first: how each source claims and whom it agrees with."""
    from claimgraph.link.sources import source_profiles

    return source_profiles(store)[:SOURCES_SHOWN]


def _one_per_sentence(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Members with one sentence each: a claim nested in another (a quote inside a report) often
    has the same text, and the brief quotes it once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for m in members:
        key = (m["doc_id"], m["text"])
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


__all__ = ["Citations", "ach_section", "contested_section", "network_section", "sources_section"]
