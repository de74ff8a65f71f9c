"""Uploads and URLs: files saved under the data directory, or feed and page URLs (with their
linked articles when asked), ingested by a background thread with progress.

A file's name is sanitised (``security.safe_filename``) and it is written only inside a fresh
directory of its job under ``<data_dir>/uploads/``; the resolved path is checked to be there
before anything is written. Each job runs ``runner.run`` on its directory, one job at a time, on
the server's own store connection (DuckDB allows one writing process: see docs/workbench.md).
"""

from __future__ import annotations

import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from starlette.formparsers import MultiPartParser

from claimgraph.errors import ClaimgraphError
from claimgraph.store import Store

from .security import safe_filename

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # per file; the reader's own default limit is larger
MAX_FILES = 50
MAX_URLS = 50  # per job, as files
MAX_URL_CHARS = 2048
_COPY_CHUNK = 1024 * 1024


class UploadRejected(ClaimgraphError):
    """An upload that breaks a limit; nothing of it is kept."""


class UploadParser(MultiPartParser):
    """Starlette's streaming multipart parser (files spooled to disk past 1 MB) with our limits
    applied while the body arrives: at most ``MAX_FILES`` files, each at most ``max_bytes``; past
    either the request stops there (UploadRejected, or Starlette's MultiPartException)."""

    def __init__(self, headers, stream, max_bytes: int):
        super().__init__(headers, stream, max_files=MAX_FILES)
        self.max_bytes = max_bytes
        self._file_bytes = 0

    def on_part_begin(self) -> None:
        super().on_part_begin()
        self._file_bytes = 0

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self._current_part
        if part.file is not None:
            self._file_bytes += end - start
            if self._file_bytes > self.max_bytes:
                raise UploadRejected(
                    f"{safe_filename(part.file.filename or '')}: over the upload limit of {self.max_bytes} bytes"
                )
        super().on_part_data(data, start, end)


@dataclass
class IngestJob:
    id: str
    directory: Path
    files: list[str]
    state: str = "queued"  # queued | running | done | failed
    processed: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None
    created: float = field(default_factory=time.time)
    urls: list[str] = field(default_factory=list)  # a job of URLs reads these instead of its directory
    fetch_articles: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "files": self.files,
            "processed": self.processed,
            "added": self.added,
            "skipped": self.skipped,
            "errors": list(self.errors),
            "documents": list(self.documents),
            "message": self.message,
        }


class IngestJobs:
    """Saves uploads and runs their ingest in the background, one job at a time."""

    def __init__(self, store: Store, data_dir: Path, max_bytes: int = MAX_UPLOAD_BYTES, settings=None):
        self.store = store
        self.settings = settings  # the server's own (claimgraph.settings.Settings), for a store with no runs
        self.data_dir = Path(data_dir)
        self.max_bytes = max_bytes
        self._jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()  # one pipeline run at a time on the shared connection

    @property
    def upload_root(self) -> Path:
        return self.data_dir / "uploads"

    def save(self, files: list[tuple[str, BinaryIO]]) -> IngestJob:
        """Copy the uploaded (name, file) pairs into a new job directory, in chunks; past a limit
        nothing of the upload is kept."""
        if not files:
            raise UploadRejected("no file uploaded")
        if len(files) > MAX_FILES:
            raise UploadRejected(f"too many files: {len(files)} (at most {MAX_FILES})")
        job_id = secrets.token_hex(6)
        root = self.upload_root.resolve()
        directory = (root / job_id).resolve()
        directory.mkdir(parents=True)
        names: list[str] = []
        try:
            for name, content in files:
                safe = _unique(safe_filename(name), names)
                target = (directory / safe).resolve()
                if target.parent != directory:  # cannot happen after safe_filename; checked all the same
                    raise UploadRejected(f"{name!r}: not a plain file name")
                with open(target, "wb") as out:
                    shutil.copyfileobj(content, out, _COPY_CHUNK)
                    size = out.tell()
                if size > self.max_bytes:
                    raise UploadRejected(f"{safe}: {size} bytes is over the upload limit of {self.max_bytes} bytes")
                names.append(safe)
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        job = IngestJob(id=job_id, directory=directory, files=names)
        with self._lock:
            self._jobs[job_id] = job
        return job

    def for_urls(self, urls: list[str], fetch_articles: bool = False) -> IngestJob:
        """A job reading feed or page URLs (``ingest.web``); UploadRejected for a bad list."""
        from claimgraph.ingest.fetch import is_url

        urls = [u.strip() for u in urls if u.strip()]
        if not urls:
            raise UploadRejected("no URL given")
        if len(urls) > MAX_URLS:
            raise UploadRejected(f"too many URLs: {len(urls)} (at most {MAX_URLS})")
        for url in urls:
            if len(url) > MAX_URL_CHARS or not is_url(url) or any(c.isspace() for c in url):
                raise UploadRejected(f"{url[:100]!r}: not an http:// or https:// URL")
        job = IngestJob(id=secrets.token_hex(6), directory=self.upload_root, files=urls, urls=urls)
        job.fetch_articles = fetch_articles
        with self._lock:
            self._jobs[job.id] = job
        return job

    def start(self, job: IngestJob, options=None) -> threading.Thread:
        thread = threading.Thread(target=self._run, args=(job, options), name=f"ingest-{job.id}", daemon=True)
        thread.start()
        return thread

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def all(self) -> list[IngestJob]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.created, reverse=True)

    def upload_settings(self):
        """What an upload is processed with: the settings of the store's latest run (so uploads are
        read, cleaned, extracted and deduplicated as the store's other documents were), else the
        server's own."""
        from claimgraph.settings import Settings

        stored = self.store.run_settings()
        if stored is not None:
            return Settings.from_dict(stored[1], origin=f"run {stored[0]}")
        return self.settings or Settings.defaults()

    def _run(self, job: IngestJob, options) -> None:
        from claimgraph import runner

        def on_item(item, outcome: str) -> None:
            job.processed += 1
            if outcome == "error":
                job.errors.append(str(item))
            elif outcome == "skipped":
                job.skipped += 1
            else:
                job.added += 1
                job.documents.append({"id": item.id, "title": item.meta.title, "file": Path(item.source.path).name})

        with self._run_lock:
            job.state = "running"
            try:
                settings = options or self.upload_settings()
                if job.fetch_articles:
                    settings = settings.with_values({"fetch.articles": True}, origin="workbench")
                runner.run(job.urls or [str(job.directory)], self.store, settings, on_item=on_item)
            except Exception as exc:  # the job fails, the server goes on
                job.state, job.message = "failed", f"{type(exc).__name__}: {exc}"
                return
            job.state = "done"
            job.message = (
                f"{job.added} added, {job.skipped} already stored, {len(job.errors)} "
                f"error{'s' if len(job.errors) != 1 else ''}"
            )


def _unique(name: str, taken: list[str]) -> str:
    if name not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    stem, ext = (stem, "." + ext) if dot else (name, "")
    n = 2
    while f"{stem}-{n}{ext}" in taken:
        n += 1
    return f"{stem}-{n}{ext}"


__all__ = ["IngestJob", "IngestJobs", "UploadRejected", "MAX_UPLOAD_BYTES", "MAX_URLS"]
