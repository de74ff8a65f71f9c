"""JSON endpoints (/api/...). Lists are paginated with ``limit``/``offset`` and answer
``{"total", "limit", "offset", "items"}``; bad parameters get a 400 with a one-line ``detail``."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.formparsers import MultiPartException

from claimgraph import ach
from claimgraph.link.contested import LISTED_MAX, contested_page
from claimgraph.link.disputes import get_dispute, list_disputes
from claimgraph.link.propositions import get_proposition, list_propositions
from claimgraph.link.sources import cached_source_profiles, source_profile
from claimgraph.render.highlight import anchor_id

from .jobs import UploadParser, UploadRejected

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 500
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})")]
# The store passes offsets to DuckDB as BIGINT: a larger one is a 400 here, not an overflow (500) there.
MAX_OFFSET = 2**63 - 1
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
# Members listed per side of a contested proposition by default: each carries its sentence,
# document and reasons, and 10 a side made a 460 KB page of 20 propositions on a 10k-document
# store (3: 157 KB); ``members`` asks for more, and the /contested page shows them all.
CONTESTED_MEMBERS = 3
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@router.get("", include_in_schema=False)
@router.get("/", include_in_schema=False)
def api_index(request: Request) -> dict:
    """What /api holds: each endpoint's path and summary, read off the OpenAPI schema (/openapi.json)."""
    paths = request.app.openapi()["paths"]
    endpoints = sorted(
        (path, op.get("summary", "")) for path, ops in paths.items() if path.startswith("/api/") for op in ops.values()
    )
    return {"schema": "/openapi.json", "endpoints": endpoints}


def bench(request: Request):
    return request.app.state.bench


def check_date(name: str, value: str | None) -> str | None:
    """``value`` when it is an ISO date, year-month or year; else a 400 naming the parameter."""
    if value is None or value == "":
        return None
    ok = bool(_PARTIAL_DATE.match(value))
    if ok:
        parts = value.split("-") + ["01", "01"]
        try:
            dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            ok = False
    if not ok:
        raise HTTPException(400, f"{name}: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


def page(total: int, limit: int, offset: int, items: list[Any]) -> Response:
    """``{"total", "limit", "offset", "items"}`` as a JSON response."""
    return json_response({"total": total, "limit": limit, "offset": offset, "items": items})


def json_response(body: Any) -> Response:
    """``body`` as JSON, encoded in one ``json.dumps``: FastAPI's generic encoder walks every value
    in Python first, most of a large list's time under load."""
    return Response(
        json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_plain),
        media_type="application/json",
    )


def _plain(value: Any) -> Any:
    """What FastAPI's encoder makes of the values store rows hold besides JSON's own."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return list(value)
    if isinstance(value, Decimal):
        return int(value) if value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, bytes):
        return value.decode()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


@router.get("/summary")
def summary(request: Request) -> dict[str, Any]:
    """How much the store holds: every stored row (duplicate documents' and old versions' entities,
    events and claims included), and under ``distinct`` what `claimgraph run` reports (duplicates
    aside, an event cluster once, negated and hypothetical events not at all)."""
    store = bench(request).store
    counts = {**store.documents.counts(), **store.documents.annotation_counts()}
    return {**counts, "distinct": store.documents.holdings()._asdict()}


@router.get("/documents")
def documents(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    source: Annotated[str | None, Query(description="substring of the source path or site")] = None,
    language: Annotated[str | None, Query(description="language code, e.g. en")] = None,
    date_from: Annotated[str | None, Query(description="earliest document date, YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[str | None, Query(description="latest document date, YYYY[-MM[-DD]]")] = None,
):
    """Document summaries in ingest order, filtered by source, language and date range."""
    total, rows = bench(request).store.documents.page(
        limit=limit,
        offset=offset,
        source=source or None,
        language=language or None,
        date_from=check_date("date_from", date_from),
        date_to=check_date("date_to", date_to),
    )
    return page(total, limit, offset, rows)


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    """One document in full: clean and raw text, removals (with why), entities, events and claims
    with their clean spans and raw_* twins. A unique id prefix of 4+ characters works."""
    wb = bench(request)
    doc = wb.store.documents.get(doc_id)
    out = doc.to_dict()
    descriptions = wb.removal_descriptions
    for removal in out["removals"]:
        removal["description"] = descriptions.get(removal["rule"])
    return out


@router.get("/actors")
def actors(request: Request, limit: Limit = 100, offset: Offset = 0):
    """Actors the entity stage linked to the ontology, most mentioned first."""
    rows = bench(request).store.entities.actor_summaries()  # aggregated once per state of the store
    return page(len(rows), limit, offset, rows[offset : offset + limit])


@router.get("/places")
def places(request: Request, limit: Limit = 100, offset: Offset = 0):
    """Gazetteer places named in documents, with coordinates."""
    rows = bench(request).store.entities.place_summaries()  # aggregated once per state of the store
    return page(len(rows), limit, offset, rows[offset : offset + limit])


@router.get("/events")
def events(request: Request, limit: Limit = 100, offset: Offset = 0):
    """Events by date, with their document's title."""
    total, rows = bench(request).store.events.page(limit=limit, offset=offset)
    return page(total, limit, offset, rows)


@router.get("/claims")
def claims(
    request: Request,
    limit: Limit = 100,
    offset: Offset = 0,
    status: Annotated[str | None, Query(description="asserted, reported, hedged, ...")] = None,
    speaker: Annotated[
        str | None, Query(max_length=200, description="an actor id, or words of the speaker or its resolved name")
    ] = None,
):
    """Claims, most check-worthy first."""
    total, rows = bench(request).store.claims.page(
        limit=limit, offset=offset, status=status or None, speaker=(speaker or "").strip() or None
    )
    for row in rows:
        row["quantities"] = _quantities(row.get("quantities"))
    return page(total, limit, offset, rows)


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words to find")],
    limit: Limit = 20,
    offset: Offset = 0,
    mode: Annotated[
        Literal["words", "semantic"],
        Query(
            description="words: BM25 over titles and clean text (documents); semantic: claims by the "
            "cosine of their sentence embedding with the query's"
        ),
    ] = "words",
):
    """Full-text (BM25) search over titles and clean text, or claims by meaning (``mode=semantic``)."""
    if not q.strip():
        raise HTTPException(400, "q: give at least one word to search for")
    total, hits = bench(request).search.search(q, limit=limit, offset=offset, mode=mode)
    return page(total, limit, offset, hits)


# The request body /api/ingest takes, for the schema: the handler reads the stream itself (start_upload).
UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["files"],
                "properties": {
                    "files": {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                        "description": "files to ingest",
                    }
                },
            }
        }
    },
}


@router.post("/ingest", status_code=202, openapi_extra={"requestBody": UPLOAD_BODY})
async def ingest(request: Request):
    """Save the uploaded files (form field ``files``) under the data directory and ingest them in
    the background; poll ``/api/ingest/{job_id}`` for progress."""
    job = await start_upload(request)
    return job.to_dict()


class UrlIngest(BaseModel):
    urls: list[str] = Field(description="feed or page URLs (http, https)")
    fetch_articles: bool = Field(False, description="read each feed item's linked page as its text")


@router.post("/ingest/urls", status_code=202)
def ingest_urls(request: Request, body: UrlIngest):
    """Fetch feed or page URLs and ingest what they hold in the background (feed items, with their
    linked pages when ``fetch_articles``); poll ``/api/ingest/{job_id}`` for progress."""
    return start_urls(request, body.urls, body.fetch_articles).to_dict()


@router.get("/ingest/{job_id}")
def ingest_job(request: Request, job_id: str):
    """An ingest job's progress: state, documents processed, added, errors."""
    job = bench(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r}")
    return job.to_dict()


# -- across sources: propositions, contested, source profiles -------------------------------------


@router.get("/propositions")
def propositions(
    request: Request,
    limit: Limit = 100,
    offset: Offset = 0,
    min_documents: Annotated[
        int, Query(ge=1, le=MAX_OFFSET, description="only propositions from this many documents")
    ] = 1,
):
    """Propositions (claims from different documents about the same thing): most contested first,
    then the most widely reported."""
    total, rows = list_propositions(bench(request).store, limit=limit, offset=offset, min_documents=min_documents)
    return page(total, limit, offset, rows)


@router.get("/propositions/{proposition_id}")
def proposition(request: Request, proposition_id: str) -> dict[str, Any]:
    """One proposition with every member claim: its sentence, speaker, status, evidence and side."""
    return get_proposition(bench(request).store, proposition_id)


@router.get("/contested")
def contested_propositions(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    members: Annotated[
        int,
        Query(
            ge=1,
            le=LISTED_MAX,
            description=("members listed per side, the most central first (``counts`` gives how many each side has)"),
        ),
    ] = CONTESTED_MEMBERS,
):
    """Propositions the sources conflict on, most strongly contested first, each with both sides."""
    total, rows = contested_page(bench(request).store, limit=limit, offset=offset, members_per_side=members)
    return page(total, limit, offset, rows)


@router.get("/disputes")
def disputes(
    request: Request,
    kind: Annotated[str | None, Query(description="figures | facts | claims (all when absent)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Disputes: values independent sources give that cannot all be true, most divergent and firmest first,
    each with its values (source, speaker, value, date, status, sentence offsets)."""
    rows = list_disputes(bench(request).store, kind)
    return page(len(rows), limit, offset, rows[offset : offset + limit])


@router.get("/disputes/{dispute_id}")
def dispute(request: Request, dispute_id: str):
    """One dispute with all its values."""
    return get_dispute(bench(request).store, dispute_id)


@router.get("/sources")
def sources(request: Request, limit: Limit = 100, offset: Offset = 0):
    """Source profiles (outlet, author or thread account): claims, shares hedged/unsupported/reported,
    agreement and disagreement with other sources, credibility weight."""
    rows = cached_source_profiles(bench(request).store)  # computed once per state of the store
    return page(len(rows), limit, offset, rows[offset : offset + limit])


@router.get("/sources/{key:path}")
def source(request: Request, key: str) -> dict[str, Any]:
    """One source's profile, by its key (or a part of it that names one source)."""
    return source_profile(bench(request).store, key)


# -- Analysis of Competing Hypotheses boards --------------------------------------------------------


class NewBoard(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    hypotheses: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(min_length=1, max_length=50)
    description: str | None = Field(default=None, max_length=5000)


class NewHypothesis(BaseModel):
    text: str = Field(min_length=1, max_length=1000)


class NewEvidence(BaseModel):
    item_id: str = Field(min_length=1, max_length=200, description="a claim id or an event id")


class Rating(BaseModel):
    evidence_id: str = Field(min_length=1, max_length=200)
    hypothesis_id: str = Field(min_length=1, max_length=200)
    rating: str = Field(min_length=1, max_length=20)
    analyst: str = Field(min_length=1, max_length=100, description="who decided: kept with the override")
    note: str | None = Field(default=None, max_length=2000)


class Weight(BaseModel):
    evidence_id: str = Field(min_length=1, max_length=200)
    credibility: str | None = Field(default=None, max_length=20, description="low, medium or high")
    relevance: str | None = Field(default=None, max_length=20, description="low, medium or high")
    analyst: str = Field(min_length=1, max_length=100)
    note: str | None = Field(default=None, max_length=2000)


def same_origin(request: Request) -> None:
    """Refuse a write a browser sends from another site's page (CSRF).

    Browsers say where a request comes from in ``Sec-Fetch-Site`` (our own pages: same-origin).
    Older ones only send ``Origin``, which must then name this server; because every page is sent
    with ``Referrer-Policy: no-referrer``, a browser's own form POST may carry ``Origin: null``,
    so ``Sec-Fetch-Site`` is asked first. Clients that send neither (curl, scripts) are not
    browsers carrying someone's session, so they pass; with ``--token`` they need the token anyway."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        if fetch_site in ("same-origin", "none"):  # "none": typed or bookmarked by the user
            return
        raise HTTPException(
            403, f"refused a write from another site (Sec-Fetch-Site: {fetch_site[:30]}): use the workbench's own pages"
        )
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin is None:
        return
    host = request.headers.get("host", "")
    if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
        raise HTTPException(
            403,
            f"refused a write from another site ({origin[:100]}): "
            "use the workbench's own pages or send no Origin header",
        )


def writable(request: Request):
    """The store, after checking this request may write to it (same origin, not read-only)."""
    same_origin(request)
    store = bench(request).store
    if store.read_only:
        raise HTTPException(
            409, "the store is open read-only: restart `claimgraph serve` without --read-only to change boards"
        )
    return store


@router.get("/ach")
def ach_boards(request: Request, limit: Limit = 100, offset: Offset = 0):
    """ACH boards with their hypotheses' scores."""
    rows = ach.boards(bench(request).store)
    return page(len(rows), limit, offset, rows[offset : offset + limit])


@router.get("/ach/{board_id}")
def ach_board(request: Request, board_id: str) -> dict[str, Any]:
    """One board: hypotheses, evidence rows, every cell (proposed rating and reason, analyst
    override, effective rating), weights, weighted-inconsistency scores and diagnosticity."""
    return ach.board(bench(request).store, board_id)


@router.post("/ach", status_code=201)
def ach_create(request: Request, body: NewBoard) -> dict[str, Any]:
    """Create a board from a name and hypotheses; answers the new board."""
    store = writable(request)
    board_id = ach.create_board(store, body.name, body.hypotheses, description=body.description)
    return ach.board(store, board_id)


@router.post("/ach/{board_id}/hypotheses", status_code=201)
def ach_add_hypothesis(request: Request, board_id: str, body: NewHypothesis) -> dict[str, Any]:
    """Add a hypothesis; answers ``{"id"}`` of the new hypothesis."""
    store = writable(request)
    return {"id": ach.add_hypothesis(store, board_id, body.text)}


@router.post("/ach/{board_id}/evidence", status_code=201)
def ach_add_evidence(request: Request, board_id: str, body: NewEvidence) -> dict[str, Any]:
    """Add a claim or event as evidence; answers ``{"id"}`` of the new evidence row."""
    store = writable(request)
    return {"id": ach.add_evidence(store, board_id, body.item_id)}


@router.put("/ach/{board_id}/ratings")
def ach_rate(request: Request, board_id: str, body: Rating) -> dict[str, Any]:
    """Override one cell's rating (kept with the analyst's name, the time and the note; proposals
    never overwrite it); answers the board with its new scores."""
    store = writable(request)
    ach.set_rating(
        store, board_id, body.evidence_id, body.hypothesis_id, body.rating, analyst=body.analyst, note=body.note
    )
    return ach.board(store, board_id)


Analyst = Annotated[str | None, Query(max_length=100, description="who clears it (kept in the audit log)")]


@router.delete("/ach/{board_id}/ratings")
def ach_clear_rating(
    request: Request,
    board_id: str,
    evidence_id: Annotated[str, Query(min_length=1, max_length=200)],
    hypothesis_id: Annotated[str, Query(min_length=1, max_length=200)],
    analyst: Analyst = None,
) -> dict[str, Any]:
    """Drop the analyst's override of one cell: the proposed rating counts again; answers the board."""
    store = writable(request)
    ach.clear_override(store, board_id, evidence_id, hypothesis_id, analyst=analyst or None)
    return ach.board(store, board_id)


@router.put("/ach/{board_id}/weights")
def ach_weight(request: Request, board_id: str, body: Weight) -> dict[str, Any]:
    """Override one evidence item's credibility and/or relevance level (low, medium, high), whose
    product is its weight; answers the board with its new scores."""
    store = writable(request)
    ach.set_weight(
        store,
        board_id,
        body.evidence_id,
        credibility=body.credibility,
        relevance=body.relevance,
        analyst=body.analyst,
        note=body.note,
    )
    return ach.board(store, board_id)


@router.delete("/ach/{board_id}/weights")
def ach_clear_weight(
    request: Request,
    board_id: str,
    evidence_id: Annotated[str, Query(min_length=1, max_length=200)],
    analyst: Analyst = None,
) -> dict[str, Any]:
    """Drop the analyst's weight override of one evidence item; answers the board."""
    store = writable(request)
    ach.clear_override(store, board_id, evidence_id, analyst=analyst or None)
    return ach.board(store, board_id)


@router.post("/ach/{board_id}/propose")
def ach_propose(request: Request, board_id: str) -> dict[str, Any]:
    """Choose evidence and propose every rating and weight again (overrides are kept); answers the board."""
    store = writable(request)
    return ach.propose(store, board_id)


@router.get("/ach/{board_id}/export")
def ach_export(
    request: Request,
    board_id: str,
    format: Annotated[str, Query(pattern="^(csv|json)$", description="csv or json")] = "csv",
):
    """The board as a download: the matrix with proposed and effective ratings, weights, scores and
    provenance (document, claim text, offsets)."""
    text = ach.export_board(bench(request).store, board_id, format)
    media = "text/csv" if format == "csv" else "application/json"
    filename = f"ach-{anchor_id(board_id)}.{format}"
    return Response(
        text,
        media_type=f"{media}; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


async def start_upload(request: Request):
    """Shared by the API and the upload page: read the files within the limits, save, start the job.

    The multipart body is parsed as it arrives (``UploadParser``): each file goes to a temporary
    file (on disk past 1 MB) and a file over the limit, or one file too many, stops the request
    there; the files are then copied into the job's directory in chunks, so an upload never sits
    in memory whatever its size."""
    same_origin(request)
    wb = bench(request)
    if wb.store.read_only:
        raise HTTPException(
            409, "the store is open read-only: restart `claimgraph serve` without --read-only to ingest"
        )
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(400, "no file uploaded (send multipart/form-data with the field 'files')")
    parser = UploadParser(request.headers, request.stream(), wb.jobs.max_bytes)
    try:
        form = await parser.parse()
    except UploadRejected as exc:
        raise HTTPException(413, str(exc)) from None
    except MultiPartException as exc:
        raise HTTPException(400, f"invalid upload: {exc.message}") from None
    try:
        files = [
            (upload.filename or "upload", upload.file)
            for upload in form.getlist("files")
            if isinstance(upload, StarletteUpload)
        ]
        job = wb.jobs.save(files)
    except UploadRejected as exc:
        raise HTTPException(413 if "limit" in str(exc) else 400, str(exc)) from None
    finally:
        await form.close()
    wb.jobs.start(job)
    return job


def start_urls(request: Request, urls: list[str], fetch_articles: bool):
    """Shared by the API and the ingest page: check the request may write, start a job of URLs."""
    same_origin(request)
    wb = bench(request)
    if wb.store.read_only:
        raise HTTPException(
            409, "the store is open read-only: restart `claimgraph serve` without --read-only to ingest"
        )
    try:
        job = wb.jobs.for_urls(urls, fetch_articles)
    except UploadRejected as exc:
        raise HTTPException(400, str(exc)) from None
    wb.jobs.start(job)
    return job


def _quantities(value: Any) -> Any:
    """Quantities come back from the store as JSON text; the API gives them as objects."""
    if isinstance(value, str):
        return json.loads(value)
    return value


# -- actor network ---------------------------------------------------------------------------------


@router.get("/network")
def actor_network(
    request: Request,
    actor: Annotated[str | None, Query(description="only this actor's links (an actor id)")] = None,
    include_duplicates: Annotated[bool, Query(description="count duplicate documents too")] = False,
):
    """The actor network: ``nodes`` (actors with mention counts), ``edges`` (source, target, kind,
    count, documents, basis, evidence with event/claim and document ids) and the ``kinds``."""
    from claimgraph.link.network import cached_network, focus

    graph = cached_network(bench(request).store, include_duplicates=include_duplicates)
    if actor:
        if actor not in {n["id"] for n in graph["nodes"]}:
            raise HTTPException(404, f"actor: no actor {actor!r} in the network")
        graph = focus(graph, actor)
    return json_response(graph)
