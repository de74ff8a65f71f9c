"""HTML pages, rendered on the server with Jinja2 (autoescape on; document text reaches a
template only as plain strings or as the escaped ``Markup`` that ``highlight`` builds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.concurrency import run_in_threadpool

from claimgraph import ach
from claimgraph.errors import ClaimgraphError
from claimgraph.link.contested import contested
from claimgraph.link.disputes import list_disputes
from claimgraph.link.propositions import get_proposition, list_propositions, proposition_of_claim
from claimgraph.link.sources import cached_source_profiles
from claimgraph.render.dotplot import dot_plot
from claimgraph.render.highlight import (
    anchor_id,
    document_spans,
    highlight,
    raw_with_removals,
    web_url,
)
from claimgraph.render.map import map_bounds, map_points, map_svg, on_map
from claimgraph.render.timeline import timeline_svg

from .api import MAX_LIMIT, MAX_OFFSET, bench, check_date, start_upload, start_urls, writable
from .errors import status_of

router = APIRouter(include_in_schema=False)
# autoescape on for every template, whatever its file name
templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
)
templates.env.filters["anchor"] = anchor_id
templates.env.filters["web_url"] = web_url

PAGE_SIZE = 50
# ACLED's event table columns, and the Event field each is read from.
ACLED_COLUMNS = (
    ("event_date", "date_start"),
    ("event_type", "event_type"),
    ("sub_event_type", "type"),
    ("actor1", "actor1_text"),
    ("actor2", "actor2_text"),
    ("admin1", "admin1"),
    ("location", "location"),
    ("latitude", "lat"),
    ("longitude", "lon"),
    ("fatalities", "fatalities"),
)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"nav": name.split(".")[0], **context}, status_code=status_code)


def not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=404, message=message)


def int_param(request: Request, name: str, default: int, maximum: int = MAX_OFFSET) -> int:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a whole number") from None
    if number < 0 or number > maximum:
        raise HTTPException(400, f"{name}: {number} is out of range")
    return number


@router.get("/", response_class=HTMLResponse)
def home() -> RedirectResponse:
    return RedirectResponse("/documents", status_code=303)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request):
    q = request.query_params
    limit = int_param(request, "limit", PAGE_SIZE, MAX_LIMIT) or PAGE_SIZE
    offset = int_param(request, "offset", 0)
    filters = {k: q.get(k, "").strip() for k in ("source", "language", "date_from", "date_to")}
    try:
        date_from = check_date("date_from", filters["date_from"])
        date_to = check_date("date_to", filters["date_to"])
    except HTTPException as exc:
        return render(request, "error.html", status_code=400, message=exc.detail)
    store = bench(request).store
    total, rows = store.documents.page(
        limit=limit,
        offset=offset,
        source=filters["source"] or None,
        language=filters["language"] or None,
        date_from=date_from,
        date_to=date_to,
    )
    languages = store.documents.languages()

    def page_link(new_offset: int) -> str:
        return "/documents?" + urlencode(
            {**{k: v for k, v in filters.items() if v}, "offset": new_offset, "limit": limit}
        )

    return render(
        request,
        "documents.html",
        rows=rows,
        total=total,
        offset=offset,
        limit=limit,
        filters=filters,
        languages=languages,
        prev_link=page_link(max(offset - limit, 0)) if offset > 0 else None,
        next_link=page_link(offset + limit) if offset + limit < total else None,
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def reader_page(request: Request, doc_id: str):
    store = bench(request).store
    try:
        doc = store.documents.get(doc_id)
    except ClaimgraphError as exc:
        return not_found(request, str(exc))
    show_removals = request.query_params.get("show") == "removals"
    descriptions = bench(request).removal_descriptions
    removal_rules: dict[str, int] = {}
    for r in doc.removals:
        removal_rules[r.rule] = removal_rules.get(r.rule, 0) + 1
    duplicate = None
    if doc.duplicate_of:
        duplicate = {"id": doc.duplicate_of, "title": store.documents.title(doc.duplicate_of)}
    propositions = {c.id: proposition_of_claim(store, c.id) for c in doc.claims}
    return render(
        request,
        "reader.html",
        doc=doc,
        show_removals=show_removals,
        propositions=propositions,
        body=raw_with_removals(doc, descriptions) if show_removals else highlight(doc.clean_text, document_spans(doc)),
        removal_rules=[(rule, n, descriptions.get(rule, "")) for rule, n in sorted(removal_rules.items())],
        duplicate=duplicate,
        superseded_by=store.versions.superseded_by(doc.id),
        nav="documents",
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request):
    q = request.query_params.get("q", "").strip()
    offset = int_param(request, "offset", 0)
    # "words": BM25 over documents; "semantic" (shown as "meaning"): claims by embedding cosine
    mode = "semantic" if request.query_params.get("mode") == "semantic" else "words"
    total, hits = bench(request).search.search(q, limit=PAGE_SIZE, offset=offset, mode=mode) if q else (0, [])
    return render(
        request,
        "search.html",
        q=q,
        total=total,
        hits=hits,
        offset=offset,
        mode=mode,
        next_link=("/search?" + urlencode({"q": q, "mode": mode, "offset": offset + PAGE_SIZE}))
        if offset + PAGE_SIZE < total
        else None,
    )


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request):
    status = request.query_params.get("status", "").strip() or None
    speaker = request.query_params.get("speaker", "").strip()[:200] or None
    offset = int_param(request, "offset", 0)
    store = bench(request).store
    total, rows = store.claims.page(limit=PAGE_SIZE, offset=offset, status=status, speaker=speaker)
    by_status = store.claims.status_counts()
    kept = {**({"status": status} if status else {}), **({"speaker": speaker} if speaker else {})}
    return render(
        request,
        "claims.html",
        rows=rows,
        total=total,
        status=status,
        speaker=speaker,
        by_status=by_status,
        offset=offset,
        next_link=(
            "/claims?" + urlencode({**kept, "offset": offset + PAGE_SIZE}) if offset + PAGE_SIZE < total else None
        ),
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request):
    total, rows = bench(request).store.events.page()
    return render(
        request,
        "events.html",
        rows=rows,
        total=total,
        columns=ACLED_COLUMNS,
        timeline=timeline_svg(rows, href=event_href),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request):
    store = bench(request).store
    _, events = store.events.page()
    places = store.entities.place_summaries()
    points = map_points(events, places, href=event_href)
    bounds = map_bounds(points)
    return render(
        request,
        "map.html",
        svg=map_svg(points),
        off_map=[p for p in points if not on_map(p, bounds)],
        events=[e for e in events if e.get("lat") is not None],
        places=[p for p in places if p.get("lat") is not None],
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request):
    store = bench(request).store
    return render(
        request, "actors.html", actors=store.entities.actor_summaries(), places=store.entities.place_summaries()
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request):
    wb = bench(request)
    return render(
        request,
        "ingest.html",
        jobs=wb.jobs.all(),
        read_only=wb.store.read_only,
        max_mb=wb.jobs.max_bytes / 1024 / 1024,
        job=None,
    )


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_post(request: Request):
    try:
        job = await start_upload(request)
    except HTTPException as exc:
        return render(request, "error.html", status_code=exc.status_code, message=exc.detail)
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


@router.post("/ingest/urls", response_class=HTMLResponse)
async def ingest_urls_post(request: Request):
    form = await request.form()
    try:
        job = start_urls(request, field(form, "urls").splitlines(), form.get("fetch_articles") == "on")
    except HTTPException as exc:
        return render(request, "error.html", status_code=exc.status_code, message=exc.detail)
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


@router.get("/ingest/{job_id}", response_class=HTMLResponse)
def ingest_job_page(request: Request, job_id: str):
    job = bench(request).jobs.get(job_id)
    if job is None:
        return not_found(request, f"no ingest job {job_id!r}")
    return render(request, "ingest_job.html", job=job, nav="ingest")


def event_href(event: dict[str, Any]) -> str:
    return f"/documents/{event['doc_id']}#event-{event['id']}"


# -- across sources ----------------------------------------------------------------------------------


@router.get("/propositions", response_class=HTMLResponse)
def propositions_page(request: Request):
    offset = int_param(request, "offset", 0)
    min_documents = int_param(request, "min_documents", 1) or 1
    total, rows = list_propositions(bench(request).store, limit=PAGE_SIZE, offset=offset, min_documents=min_documents)

    def page_link(new_offset: int) -> str:
        return "/propositions?" + urlencode({"min_documents": min_documents, "offset": new_offset})

    return render(
        request,
        "propositions.html",
        rows=rows,
        total=total,
        offset=offset,
        min_documents=min_documents,
        prev_link=page_link(max(offset - PAGE_SIZE, 0)) if offset > 0 else None,
        next_link=page_link(offset + PAGE_SIZE) if offset + PAGE_SIZE < total else None,
    )


@router.get("/propositions/{proposition_id}", response_class=HTMLResponse)
def proposition_page(request: Request, proposition_id: str):
    try:
        found = get_proposition(bench(request).store, proposition_id)
    except ClaimgraphError as exc:
        return not_found(request, str(exc))
    return render(request, "proposition.html", p=found, nav="propositions")


@router.get("/contested", response_class=HTMLResponse)
def contested_page(request: Request):
    return render(request, "contested.html", rows=contested(bench(request).store))


@router.get("/disputes", response_class=HTMLResponse)
def disputes_page(request: Request, kind: str | None = None):
    try:
        rows = list_disputes(bench(request).store, kind or None, limit=PAGE_SIZE)
    except ClaimgraphError as exc:
        return render(request, "error.html", status_code=status_of(exc), message=str(exc), nav="disputes")
    for d in rows:
        d["plot"] = dot_plot(d["values"], d["label"]) if d["kind"] == "figures" else None
    return render(request, "disputes.html", rows=rows, kind=kind)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request):
    return render(request, "sources.html", rows=cached_source_profiles(bench(request).store))


# -- ACH boards: plain HTML forms that POST and redirect back, so the board works without script ----

ANALYST_COOKIE = "claimgraph_analyst"


@router.get("/ach", response_class=HTMLResponse)
def ach_list_page(request: Request):
    store = bench(request).store
    return render(request, "ach_list.html", boards=ach.boards(store), read_only=store.read_only, nav="ach")


@router.post("/ach", response_class=HTMLResponse)
async def ach_create_post(request: Request):
    form = await request.form()
    hypotheses = [line.strip() for line in field(form, "hypotheses").splitlines() if line.strip()]

    def create(store):
        if not hypotheses:
            raise ach.AchBadInput("a board needs at least one hypothesis (one per line)")
        board_id = ach.create_board(
            store, field(form, "name"), hypotheses, description=field(form, "description") or None
        )
        ach.propose(store, board_id)
        return board_id

    return await board_write(request, None, create)


@router.get("/ach/{board_id}", response_class=HTMLResponse)
def ach_board_page(request: Request, board_id: str):
    store = bench(request).store
    try:
        found = ach.board(store, board_id)
    except ClaimgraphError as exc:
        return not_found(request, str(exc))
    scale = bench(request).scale
    return render(
        request,
        "ach_board.html",
        b=found,
        read_only=store.read_only,
        nav="ach",
        ratings=scale.labels,
        levels=list(scale.levels),
        analyst=unquote(request.cookies.get(ANALYST_COOKIE, "")),
    )


@router.post("/ach/{board_id}/ratings", response_class=HTMLResponse)
async def ach_rate_post(request: Request, board_id: str):
    form = await request.form()
    evidence_id, hypothesis_id = field(form, "evidence_id"), field(form, "hypothesis_id")
    analyst = field(form, "analyst")

    def write(store):
        if form.get("action") == "clear":
            return ach.clear_override(store, board_id, evidence_id, hypothesis_id, analyst=analyst or None)
        return ach.set_rating(
            store,
            board_id,
            evidence_id,
            hypothesis_id,
            field(form, "rating"),
            analyst=analyst,
            note=field(form, "note") or None,
        )

    return await board_write(
        request, board_id, write, anchor=f"cell-{evidence_id}-{hypothesis_id}", analyst=field(form, "analyst")
    )


@router.post("/ach/{board_id}/weights", response_class=HTMLResponse)
async def ach_weight_post(request: Request, board_id: str):
    form = await request.form()
    evidence_id = field(form, "evidence_id")
    analyst = field(form, "analyst")

    def write(store):
        if form.get("action") == "clear":
            return ach.clear_override(store, board_id, evidence_id, analyst=analyst or None)
        return ach.set_weight(
            store,
            board_id,
            evidence_id,
            credibility=field(form, "credibility") or None,
            relevance=field(form, "relevance") or None,
            analyst=analyst,
            note=field(form, "note") or None,
        )

    return await board_write(request, board_id, write, anchor=f"row-{evidence_id}", analyst=field(form, "analyst"))


@router.post("/ach/{board_id}/hypotheses", response_class=HTMLResponse)
async def ach_hypothesis_post(request: Request, board_id: str):
    form = await request.form()

    def add(store):
        ach.add_hypothesis(store, board_id, field(form, "text"))
        ach.propose(store, board_id)  # the new column's cells are proposed at once

    return await board_write(request, board_id, add)


@router.post("/ach/{board_id}/evidence", response_class=HTMLResponse)
async def ach_evidence_post(request: Request, board_id: str):
    form = await request.form()
    item_id = field(form, "item_id")
    return await board_write(request, board_id, lambda store: ach.add_evidence(store, board_id, item_id))


@router.post("/ach/{board_id}/propose", response_class=HTMLResponse)
async def ach_propose_post(request: Request, board_id: str):
    return await board_write(request, board_id, lambda store: ach.propose(store, board_id))


def field(form, name: str) -> str:
    """A form field as stripped text ('' when absent)."""
    return str(form.get(name) or "").strip()


async def board_write(
    request: Request, board_id: str | None, write, *, anchor: str | None = None, analyst: str | None = None
):
    """Run one board change for a form, then go back to the board (303, so a reload does not
    post again); refusals and bad values come back as an error page naming the reason."""
    try:
        store = writable(request)
        # off the event loop: a proposal embeds and runs the stance model for seconds
        result = await run_in_threadpool(write, store)
    except HTTPException as exc:
        return render(request, "error.html", status_code=exc.status_code, message=exc.detail)
    except ClaimgraphError as exc:
        return render(request, "error.html", status_code=status_of(exc), message=str(exc))
    target = f"/ach/{quote(board_id or result, safe='')}" + (f"#{anchor_id(anchor)}" if anchor else "")
    response = RedirectResponse(target, status_code=303)
    if analyst:
        # remembered for the next override form, so an analyst types their name once
        response.set_cookie(ANALYST_COOKIE, quote(analyst[:100]), httponly=True, samesite="strict")
    return response


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request):
    from claimgraph.link.network import cached_network, focus
    from claimgraph.render.network import drawn_graph, legend, network_svg

    actor = request.query_params.get("actor", "").strip() or None
    include_duplicates = request.query_params.get("duplicates") == "1"
    graph = cached_network(bench(request).store, include_duplicates=include_duplicates)
    actors = sorted(graph["nodes"], key=lambda n: (n["name"] or n["id"]).lower())
    if actor:
        if actor not in {n["id"] for n in graph["nodes"]}:
            return not_found(request, f"no actor {actor!r} in the network")
        graph = focus(graph, actor)
    # each arrow links to its row of the table (rows are numbered in edge order)
    rows = {(e["source"], e["target"], e["kind"]): i for i, e in enumerate(graph["edges"])}
    svg = network_svg(graph, href=lambda e: f"#edge-{rows[(e['source'], e['target'], e['kind'])]}")
    return render(
        request,
        "network.html",
        graph=graph,
        svg=svg,
        legend=legend(graph),
        actors=actors,
        actor=actor,
        include_duplicates=include_duplicates,
        drawn=len(drawn_graph(graph)[0]),
        names={n["id"]: n["name"] for n in graph["nodes"]},
    )
