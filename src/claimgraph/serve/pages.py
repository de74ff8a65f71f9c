"""HTML pages, rendered on the server with Jinja2 (autoescape on; document text reaches a
template only as plain strings or as the escaped ``Markup`` that ``highlight`` builds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from claimgraph.errors import ClaimgraphError

from .api import MAX_LIMIT, bench, check_date, start_upload
from .highlight import anchor_id, document_spans, highlight, raw_with_removals, removal_descriptions, web_url
from .mapsvg import map_points, map_svg, on_map
from .timeline import timeline_svg

router = APIRouter(include_in_schema=False)
# autoescape on for every template, whatever its file name
templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                                            autoescape=True))
templates.env.filters["anchor"] = anchor_id
templates.env.filters["web_url"] = web_url

PAGE_SIZE = 50
# ACLED's event table columns, and the Event field each is read from.
ACLED_COLUMNS = (("event_date", "date_start"), ("event_type", "event_type"), ("sub_event_type", "type"),
                 ("actor1", "actor1_text"), ("actor2", "actor2_text"), ("admin1", "admin1"),
                 ("location", "location"), ("latitude", "lat"), ("longitude", "lon"),
                 ("fatalities", "fatalities"))


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"nav": name.split(".")[0], **context},
                                      status_code=status_code)


def not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=404, message=message)


def int_param(request: Request, name: str, default: int, maximum: int | None = None) -> int:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a whole number") from None
    if number < 0 or (maximum is not None and number > maximum):
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
    total, rows = store.find_documents(limit=limit, offset=offset, source=filters["source"] or None,
                                       language=filters["language"] or None, date_from=date_from, date_to=date_to)
    languages = [r["language"] for r in store.query(
        "SELECT DISTINCT language FROM documents WHERE language IS NOT NULL ORDER BY language")]

    def page_link(new_offset: int) -> str:
        return "/documents?" + urlencode({**{k: v for k, v in filters.items() if v}, "offset": new_offset,
                                          "limit": limit})

    return render(request, "documents.html", rows=rows, total=total, offset=offset, limit=limit, filters=filters,
                  languages=languages,
                  prev_link=page_link(max(offset - limit, 0)) if offset > 0 else None,
                  next_link=page_link(offset + limit) if offset + limit < total else None)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def reader_page(request: Request, doc_id: str):
    store = bench(request).store
    try:
        doc = store.get_document(doc_id)
    except ClaimgraphError as exc:
        return not_found(request, str(exc))
    show_removals = request.query_params.get("show") == "removals"
    descriptions = removal_descriptions()
    removal_rules: dict[str, int] = {}
    for r in doc.removals:
        removal_rules[r.rule] = removal_rules.get(r.rule, 0) + 1
    duplicate = None
    if doc.duplicate_of:
        rows = store.query("SELECT id, title FROM documents WHERE id = ?", [doc.duplicate_of])
        duplicate = rows[0] if rows else {"id": doc.duplicate_of, "title": None}
    return render(
        request, "reader.html", doc=doc, show_removals=show_removals,
        body=raw_with_removals(doc, descriptions) if show_removals else highlight(doc.clean_text, document_spans(doc)),
        removal_rules=[(rule, n, descriptions.get(rule, "")) for rule, n in sorted(removal_rules.items())],
        duplicate=duplicate, nav="documents")


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request):
    q = request.query_params.get("q", "").strip()
    offset = int_param(request, "offset", 0)
    total, hits = bench(request).search.search(q, limit=PAGE_SIZE, offset=offset) if q else (0, [])
    return render(request, "search.html", q=q, total=total, hits=hits, offset=offset,
                  next_link=("/search?" + urlencode({"q": q, "offset": offset + PAGE_SIZE}))
                  if offset + PAGE_SIZE < total else None)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request):
    status = request.query_params.get("status", "").strip() or None
    offset = int_param(request, "offset", 0)
    store = bench(request).store
    total, rows = store.claim_rows(limit=PAGE_SIZE, offset=offset, status=status)
    by_status = store.query("SELECT status, count(*) AS n FROM claims GROUP BY status ORDER BY n DESC, status")
    return render(request, "claims.html", rows=rows, total=total, status=status, by_status=by_status,
                  offset=offset, next_link=("/claims?" + urlencode({**({"status": status} if status else {}),
                                                                     "offset": offset + PAGE_SIZE}))
                  if offset + PAGE_SIZE < total else None)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request):
    total, rows = bench(request).store.event_rows()
    return render(request, "events.html", rows=rows, total=total, columns=ACLED_COLUMNS,
                  timeline=timeline_svg(rows, href=event_href))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request):
    store = bench(request).store
    _, events = store.event_rows()
    places = store.place_summaries()
    points = map_points(events, places, href=event_href)
    return render(request, "map.html", svg=map_svg(points), off_map=[p for p in points if not on_map(p)],
                  events=[e for e in events if e.get("lat") is not None],
                  places=[p for p in places if p.get("lat") is not None])


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request):
    store = bench(request).store
    return render(request, "actors.html", actors=store.actor_summaries(), places=store.place_summaries())


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request):
    wb = bench(request)
    return render(request, "ingest.html", jobs=wb.jobs.all(), read_only=wb.store.read_only,
                  max_mb=wb.jobs.max_bytes / 1024 / 1024, job=None)


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_post(request: Request, files: list[UploadFile] = File(...)):
    try:
        job = await start_upload(request, files)
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
