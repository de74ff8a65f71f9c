"""Gathering the brief's figures from the store and rendering ``templates/brief.html``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from claimgraph.render.bars import bar_chart
from claimgraph.render.map import map_points, map_svg
from claimgraph.render.timeline import timeline_svg
from claimgraph.store import Store

from .disputes import disputes_section
from .sections import Citations, ach_section, contested_section, network_section, sources_section

TEMPLATES = Path(__file__).parent / "templates"
TOP_ACTORS = 15
TOP_CLAIMS = 25
FIGURE_WIDTH = 820  # px: the brief's text column, less its padding


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)


UNNAMED_SOURCE = "(no outlet or author named)"


def source_label(row: dict[str, Any]) -> str:
    """What a person calls a document's source: its site, else its author, else a label saying that
    none was read. Never the file's folder: a corpus kept in one folder would chart every unnamed
    document as one source named after the folder."""
    for key in ("site", "author"):
        value = (row.get(key) or "").strip()
        if value:
            return value
    return UNNAMED_SOURCE


def doc_anchor(doc_id: str) -> str:
    return f"#doc-{doc_id}"


def build_brief(store: Store, title: str = "claimgraph brief", now: dt.datetime | None = None) -> str:
    """The brief as one HTML string."""
    counts = store.documents.counts()
    _, documents = store.documents.page(limit=counts["documents"] or 1)
    # a repost is not another document of its source: sources and languages count distinct documents,
    # as the "distinct" count above them does (the document list below still shows every one)
    distinct = [d for d in documents if not d["duplicate_of"]]
    by_source = Counter(source_label(d) for d in distinct)
    by_language = Counter(d["language"] or "unknown" for d in distinct)
    _, events = store.events.page()
    # a duplicate document's claims would count twice (a repost): left out, as `claimgraph claims` does
    duplicates = {d["id"] for d in documents if d["duplicate_of"]}
    claims = [c for c in store.claims.page()[1] if c["doc_id"] not in duplicates]
    holdings = store.documents.holdings()
    actors = store.entities.actor_summaries(limit=TOP_ACTORS)
    places = store.entities.place_summaries()
    claim_status = Counter(c["status"] for c in claims)
    claim_evidence = Counter(c["evidence"] for c in claims)

    figures: dict[str, Markup] = {}
    if by_source:
        top = by_source.most_common(20)
        figures["sources"] = bar_chart(
            [k for k, _ in top], [v for _, v in top], "Distinct documents by source (duplicates once)"
        )
    timeline = timeline_svg(
        events, width=FIGURE_WIDTH, href=lambda e: doc_anchor(e["doc_id"]), title="Events by date and type"
    )
    if timeline:
        figures["timeline"] = timeline
    if claim_status:
        figures["claim_status"] = bar_chart(
            list(claim_status), list(claim_status.values()), "Claims by status", color="#b8860b"
        )
        figures["claim_evidence"] = bar_chart(
            list(claim_evidence), list(claim_evidence.values()), "Claims by evidence", color="#6b8e23"
        )
    if actors:
        figures["actors"] = bar_chart(
            [a["name"] or a["actor_id"] for a in actors],
            [a["mentions"] for a in actors],
            "Most named actors",
            color="#2c6e9b",
        )
    points = map_points(events, places, href=lambda e: doc_anchor(e["doc_id"]))
    if points:
        figures["map"] = map_svg(points, width=FIGURE_WIDTH)

    titles = {d["id"]: d["title"] for d in documents}
    cite = Citations(titles)
    contested = contested_section(store, cite)
    disputes = disputes_section(store, cite, width=FIGURE_WIDTH)
    network = network_section(store, cite)
    boards = ach_section(store, cite)
    sources = sources_section(store)

    css = (TEMPLATES / "brief.css").read_text(encoding="utf-8")
    generated = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return (
        _environment()
        .get_template("brief.html")
        .render(
            title=title,
            generated=generated,
            counts=counts,
            holdings=holdings,
            documents=documents,
            by_source=by_source.most_common(),
            by_language=by_language.most_common(),
            events=events,
            claims=claims[:TOP_CLAIMS],
            claim_total=len(claims),
            actors=actors,
            figures=figures,
            css=Markup(css),
            titles=titles,
            contested=contested,
            disputes=disputes,
            network=network,
            boards=boards,
            sources=sources,
            cited=cite.listed(),
        )
    )


def write_brief(store: Store, out: str | Path, title: str = "claimgraph brief") -> Path:
    """Write the brief to ``out`` (parent directories must exist) and return its path."""
    out = Path(out)
    out.write_text(build_brief(store, title=title), encoding="utf-8")
    return out
