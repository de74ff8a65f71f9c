"""JSON endpoints (/api/...). Lists are paginated with ``limit``/``offset`` and answer
``{"total", "limit", "offset", "items"}``; bad parameters get a 400 with a one-line ``detail``."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile

from .highlight import removal_descriptions
from .jobs import UploadRejected

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 500
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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


def page(total: int, limit: int, offset: int, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/summary")
def summary(request: Request) -> dict[str, Any]:
    """How much the store holds."""
    store = bench(request).store
    counts = store.counts()
    for table in ("entities", "events", "claims"):
        counts[table] = store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]
    return counts


@router.get("/documents")
def documents(request: Request, limit: Limit = 50, offset: Offset = 0,
              source: Annotated[str | None, Query(description="substring of the source path or site")] = None,
              language: Annotated[str | None, Query(description="language code, e.g. en")] = None,
              date_from: Annotated[str | None, Query(description="earliest document date, YYYY[-MM[-DD]]")] = None,
              date_to: Annotated[str | None, Query(description="latest document date, YYYY[-MM[-DD]]")] = None):
    """Document summaries in ingest order, filtered by source, language and date range."""
    total, rows = bench(request).store.find_documents(
        limit=limit, offset=offset, source=source or None, language=language or None,
        date_from=check_date("date_from", date_from), date_to=check_date("date_to", date_to))
    return page(total, limit, offset, rows)


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    """One document in full: clean and raw text, removals (with why), entities, events and claims
    with their clean spans and raw_* twins. A unique id prefix of 4+ characters works."""
    doc = bench(request).store.get_document(doc_id)
    out = doc.to_dict()
    descriptions = removal_descriptions()
    for removal in out["removals"]:
        removal["description"] = descriptions.get(removal["rule"])
    return out


@router.get("/actors")
def actors(request: Request, limit: Limit = 100, offset: Offset = 0):
    """Actors the entity stage linked to the ontology, most mentioned first."""
    rows = bench(request).store.actor_summaries()
    return page(len(rows), limit, offset, rows[offset: offset + limit])


@router.get("/places")
def places(request: Request, limit: Limit = 100, offset: Offset = 0):
    """Gazetteer places named in documents, with coordinates."""
    rows = bench(request).store.place_summaries()
    return page(len(rows), limit, offset, rows[offset: offset + limit])


@router.get("/events")
def events(request: Request, limit: Limit = 100, offset: Offset = 0):
    """Events by date, with their document's title."""
    total, rows = bench(request).store.event_rows(limit=limit, offset=offset)
    return page(total, limit, offset, rows)


@router.get("/claims")
def claims(request: Request, limit: Limit = 100, offset: Offset = 0,
           status: Annotated[str | None, Query(description="asserted, reported, hedged, ...")] = None):
    """Claims, most check-worthy first."""
    total, rows = bench(request).store.claim_rows(limit=limit, offset=offset, status=status or None)
    for row in rows:
        row["quantities"] = _quantities(row.get("quantities"))
    return page(total, limit, offset, rows)


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500, description="words to find")],
           limit: Limit = 20, offset: Offset = 0):
    """Full-text (BM25) search over titles and clean text."""
    if not q.strip():
        raise HTTPException(400, "q: give at least one word to search for")
    total, hits = bench(request).search.search(q, limit=limit, offset=offset)
    return page(total, limit, offset, hits)


@router.post("/ingest", status_code=202)
async def ingest(request: Request, files: Annotated[list[UploadFile], File(description="files to ingest")]):
    """Save the uploaded files under the data directory and ingest them in the background;
    poll ``/api/ingest/{job_id}`` for progress."""
    job = await start_upload(request, files)
    return job.to_dict()


@router.get("/ingest/{job_id}")
def ingest_job(request: Request, job_id: str):
    """An ingest job's progress: state, documents processed, added, errors."""
    job = bench(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r}")
    return job.to_dict()


async def start_upload(request: Request, files: list[UploadFile]):
    """Shared by the API and the upload page: read within the limit, save, start the job."""
    wb = bench(request)
    if wb.store.read_only:
        raise HTTPException(409, "the store is open read-only: restart `claimgraph serve` without --read-only to ingest")
    received = []
    for upload in files:
        content = await upload.read(wb.jobs.max_bytes + 1)
        received.append((upload.filename or "upload", content))
    try:
        job = wb.jobs.save(received)
    except UploadRejected as exc:
        raise HTTPException(413 if "limit" in str(exc) else 400, str(exc)) from None
    wb.jobs.start(job)
    return job


def _quantities(value: Any) -> Any:
    """Quantities come back from the store as JSON text; the API gives them as objects."""
    if isinstance(value, str):
        return json.loads(value)
    return value

