"""The workbench's FastAPI app: JSON API under /api, HTML pages, static files, one store.

The app holds the store open for its lifetime (DuckDB lets one process write a file; readers in
other processes need the writer gone). Ingest while serving goes through the upload page, which
writes through the store's connection; each request thread reads through a cursor of its own
(``Store.query``), so requests run in parallel and beside an ingest; see docs/workbench.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from claimgraph import __version__
from claimgraph.ach.scale import load_scale
from claimgraph.clean import RulesError, load_rules
from claimgraph.errors import ClaimgraphError
from claimgraph.plugins import registry
from claimgraph.store import Store

from .errors import STATUS_BY_TYPE, status_of
from .head import HeadAsGet
from .jobs import MAX_UPLOAD_BYTES, IngestJobs
from .search import SearchIndex
from .security import HostCheck, SecurityMiddleware

STATIC_DIR = Path(__file__).parent / "static"


class Workbench:
    """What the routes share: the store, its search index, the ingest jobs and the resources the pages
    show (read once here, not per request)."""

    def __init__(self, store: Store, data_dir: Path, max_upload_bytes: int, settings=None):
        self.store = store
        self.search = SearchIndex(store)
        self.jobs = IngestJobs(store, data_dir, max_upload_bytes, settings)
        self.removal_descriptions = removal_descriptions(self.jobs.upload_settings())
        self.scale = load_scale()  # the ACH rating scale the board pages label cells with

    def close(self) -> None:
        self.search.close()
        self.store.close()


def removal_descriptions(settings) -> dict[str, str]:
    """Why each removal rule removes text (the rules file also describes the readers' removals), from
    the rules the store's documents are cleaned with: the packaged ones plus ``settings.rule_files``.
    Where those files can no longer be read, the packaged rules' descriptions."""
    try:
        rules = load_rules(extra=settings.rule_files)
    except RulesError:
        rules = load_rules()
    return rules.descriptions()


async def claimgraph_error(request: Request, exc: ClaimgraphError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=status_of(exc))


class _SecuredApp(FastAPI):
    """FastAPI with the security middleware outermost: ``add_middleware`` would put it inside
    Starlette's error middleware, whose 500 responses would then go out without the headers. Inside
    it, HEAD is answered wherever GET is (``head.HeadAsGet``)."""

    def __init__(self, *args, security: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self._security = security

    def build_middleware_stack(self):
        return SecurityMiddleware(HeadAsGet(super().build_middleware_stack()), **self._security)


def default_data_dir(db_path: str | Path) -> Path:
    """Where uploads go unless told otherwise: beside the store, named after it."""
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.stem}-data"


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    data_dir: str | Path | None = None,
    read_only: bool = False,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    settings=None,
    bind: str = "127.0.0.1",
    allowed_hosts: Iterable[str] = (),
) -> FastAPI:
    """The workbench over the store at ``db_path`` (created if absent, unless ``read_only``).

    ``token``: when set, every request must carry it (see ``security``). ``read_only`` opens the
    store so that other processes may read it too; uploads are then refused. A request's ``Host``
    must be a loopback name, ``bind`` (the address served on) or one of ``allowed_hosts``.
    ``settings`` (``claimgraph.settings.Settings``): what uploads are processed with when the store
    holds no run that recorded its own (``IngestJobs.upload_settings``).
    """
    store = Store(db_path, read_only=read_only)
    bench = Workbench(store, Path(data_dir) if data_dir else default_data_dir(db_path), max_upload_bytes, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        bench.close()

    security = {"token": token, "hosts": HostCheck(bind, tuple(allowed_hosts))}
    app = _SecuredApp(
        security=security,
        title="claimgraph workbench",
        version=__version__,
        lifespan=lifespan,
        # the interactive docs pages load scripts from a CDN, which the CSP (and offline use) forbid
        docs_url=None,
        redoc_url=None,
        description="Read a claimgraph store: documents with their provenance, actors, places, "
        "events, claims and full-text search.",
    )
    app.state.bench = bench
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError):
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", "invalid"))
        return JSONResponse({"detail": "; ".join(problems) or "invalid request"}, status_code=400)

    for error_type in (*STATUS_BY_TYPE, ClaimgraphError):  # one handler per type, its status by type
        app.add_exception_handler(error_type, claimgraph_error)

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    for router in registry().routers():  # plugins' pages and API routes
        app.include_router(router)
    return app
