"""The DuckDB store: documents with everything that points into them, runs and input errors.

Every document is written in one transaction with its removals and paragraphs, so a run killed at
any moment leaves either the whole document or nothing; DuckDB replays its write-ahead log when the
file is opened again, and re-running the same inputs adds only what is missing (ids are stable).
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import sys
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from ..errors import Ambiguous, BadInput, ClaimgraphError, InputError, NotFound, escaped
from ..model import Document, Metadata, OffsetMap, Paragraph, Removal, Source
from .annotations import (
    AnnotationTable,
    BulkColumn,
    create_kind_tables,
    existing_tables,
    read_annotations,
    registered_kinds,
)
from .boards import BoardRepository
from .claims import ClaimRepository
from .documents import DocumentRepository
from .events import EventRepository
from .network import NetworkRepository
from .propositions import PropositionRepository
from .rows import EMPTY, DocumentRows, csv_writer, document_rows, stored_columns_line, table_columns
from .schema import _first_line, migrate, utc_now
from .vectors import VectorRepository
from .versions import VersionRepository, current

# duckdb 1.5 tries `import pandas` on every parameterised execute; where pandas is not installed the
# failed import is not cached and each one searches sys.path (~0.2 ms, ~4 per document write).
# Marking the absent module as absent makes those imports fail at once; nothing else changes.
if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
    sys.modules["pandas"] = None  # type: ignore[assignment]


# DuckDB keeps the store's pages it has written or read in memory up to its memory limit (by
# default 80 % of RAM), so without a limit a long run's memory grows with the store. Queries that
# need more spill to a temporary directory beside the store. But the limit is a hard cap on every
# allocation, and a run's after-run steps make single large ones (the new claims' sentence vectors go
# to DuckDB as one JSON value: a 10k-document run failed with "failed to allocate 512 MiB" under a
# 512 MB cap), so the cap is a quarter of RAM, at least 1 GiB, not a fixed small size.
def _memory_limit() -> str:
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows)
        return "4GB"
    return f"{max(1 << 30, physical // 4) >> 20}MiB"


MEMORY_LIMIT = _memory_limit()
# A run's stream of documents (start_run to lift_memory_limit) caps DuckDB lower: it writes the
# store once and reads back little, so what DuckDB would keep -- cached pages and the primary keys'
# indexes (ART), which it evicts after a checkpoint once at the cap -- only grew the run's memory
# (~2 MiB per 1,000 documents). The after-run steps get MEMORY_LIMIT back: under 256 MiB a
# 10k-document run failed in update_propositions ("failed to allocate 64 MiB", docs/scaling.md).
RUN_MEMORY_LIMIT = "256MiB"

# A shorter prefix would match most of a large store (git uses the same floor).
MIN_PREFIX = 4

# Every document row and the rows of everything that points into it are buffered for the open batch
# and written at its end with one INSERT per table, read by DuckDB from a CSV file: per-row (or even
# per-document) statements cost ~15-20 ms per document, mostly DuckDB's per-statement overhead and
# parsing; DuckDB's CSV reader takes a batch's rows for ~1 ms per document. CSV rather than JSON:
# DuckDB parses it ~3x faster, and Python's csv module writes it ~3x faster than json.dumps. A
# document's lines are rendered before they get here (rows.document_rows: in the worker that
# processed it, when there is one), so the batch only appends them.
# DuckDB's CSV reader refuses lines longer than this by default (2 MB); a document can be longer.
_MIN_CSV_LINE = 2 << 20


def _paged(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """``sql`` with LIMIT / OFFSET placeholders for a page, and its parameters."""
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    if offset:
        sql += " OFFSET ?"
        params = [*params, offset]
    return sql, params


class Store:
    """A claimgraph store in one DuckDB file, created (and migrated) on open.

    One process at a time may open a store for writing (DuckDB locks the file). The methods are
    safe to call from several threads: writes share one connection under a lock; ``query`` reads
    through a cursor of the calling thread's own, so the workbench's requests run in parallel and
    are not held up by an ingest batch (they see what it has committed).

    The store is the only place with SQL. Documents are written and rebuilt here; what else each
    aggregate needs is read and written through its repository, one module each under store/,
    reached as an attribute: ``store.documents``, ``store.claims``, ``store.events``,
    ``store.propositions``, ``store.vectors``, ``store.boards``, ``store.network`` (plugin
    annotation kinds: ``annotations.register_annotation_kind``). They return typed rows
    (NamedTuples), or dicts where a row is the JSON answer as it is.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise ClaimgraphError(f"{self.path}: no such store")
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only, config={"memory_limit": MEMORY_LIMIT})
        except duckdb.Error as exc:
            raise ClaimgraphError(f"{self.path}: cannot open store: {_first_line(exc)}") from exc
        self._lock = threading.RLock()
        self._batch_depth = 0
        self._batch_thread: int | None = None  # the thread whose batch is open
        self._readers = threading.local()  # each thread's read cursor (see query)
        self._reader_cursors: list[duckdb.DuckDBPyConnection] = []
        self._readers_lock = threading.Lock()
        self._derived: dict[str, tuple[tuple, Any]] = {}  # see derived()
        self._derived_locks: dict[str, threading.Lock] = {}
        # what the open batch adds, written when it ends: per table, each document's CSV lines; for
        # the documents table, each document's line start and what the store adds to it
        self._pending: dict[str, list[str]] = {}
        self._pending_documents: list[tuple[str, Document, bytes | None, Any, str | None]] = []
        self._pending_ids: set[str] = set()
        self._pending_superseded: list[tuple[str, str, Any]] = []  # (old version, new version, when)
        self._kind_tables: set[str] = set()  # tables of plugin annotation kinds known to exist
        try:
            self.schema_version = migrate(self._con, str(self.path), read_only=read_only)
            self._annotation_kinds(self._con)
        except BaseException:
            self._con.close()
            raise

    # -- repositories: the SQL of each aggregate, one module each under store/ --------------------

    @cached_property
    def documents(self) -> DocumentRepository:
        return DocumentRepository(self)

    @cached_property
    def claims(self) -> ClaimRepository:
        return ClaimRepository(self)

    @cached_property
    def events(self) -> EventRepository:
        return EventRepository(self)

    @cached_property
    def propositions(self) -> PropositionRepository:
        return PropositionRepository(self)

    @cached_property
    def vectors(self) -> VectorRepository:
        return VectorRepository(self)

    @cached_property
    def boards(self) -> BoardRepository:
        return BoardRepository(self)

    @cached_property
    def network(self) -> NetworkRepository:
        return NetworkRepository(self)

    @cached_property
    def versions(self) -> VersionRepository:
        return VersionRepository(self)

    # -- lifecycle ------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                with self._readers_lock:
                    for cursor in self._reader_cursors:
                        cursor.close()
                    self._reader_cursors = []
                self._con.close()
                self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise ClaimgraphError(f"{self.path}: store is closed")
        return self._con

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Write the documents added inside the block in one transaction.

        Each document is still all-or-nothing, and a kill loses at most the open batch (a re-run adds
        it again): what changes is that the commit, most of a document's write cost, is paid once
        per batch. Batches nest; the outermost one commits.
        """
        with self._lock:
            con = self._connection()
            if self._batch_depth == 0:
                self._annotation_kinds(con)  # outside the transaction: a rollback would drop a new kind's table
                con.execute("BEGIN TRANSACTION")
                self._batch_thread = threading.get_ident()
            self._batch_depth += 1
            try:
                yield self
            except BaseException:
                self._batch_depth -= 1
                if self._batch_depth == 0:
                    self._discard_pending()
                    con.execute("ROLLBACK")
                raise
            self._batch_depth -= 1
            if self._batch_depth == 0:
                with _one_thread(con):
                    try:
                        self._flush(con)
                    except BaseException:
                        con.execute("ROLLBACK")
                        raise
                    con.execute("COMMIT")

    # -- documents ------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self.stored_ids([doc_id]))

    def stored_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of ``doc_ids`` the store holds (documents added in the open batch included), in one
        query: DuckDB answers a point look-up on the id with a full scan of the column (EXPLAIN
        shows SEQ_SCAN, not the primary key's index), so one look-up per document costs as much as
        one per chunk."""
        wanted = list(doc_ids)
        with self._lock:
            found = {doc_id for doc_id in wanted if doc_id in self._pending_ids}
            rest = [doc_id for doc_id in wanted if doc_id not in found]
            if rest:
                found.update(
                    row[0]
                    for row in self._connection()
                    .execute("SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": rest})
                    .fetchall()
                )
        return found

    def add_document(
        self, doc: Document, signature: bytes | None = None, *, run_id: str | None = None, known_new: bool = False
    ) -> bool:
        """Write ``doc`` with its removals, paragraphs, entities, events and claims, all or nothing.

        Returns False, writing nothing, when a document with this id is already stored (or added in
        the open batch). ``known_new``: the caller has just looked the id up with ``stored_ids``,
        so only the open batch is checked. Raises ``InputRejected`` when the document holds text
        that cannot be stored (lone surrogates). Inside ``batch()`` the rows are written when the
        batch ends; outside one, at once.
        """
        return self.add_rows(document_rows(doc), signature, run_id=run_id, known_new=known_new)

    def add_rows(
        self,
        rows: DocumentRows,
        signature: bytes | None = None,
        *,
        run_id: str | None = None,
        known_new: bool = False,
        document: Document | None = None,
    ) -> bool:
        """``add_document`` for a document whose rows are rendered already (``rows.document_rows``).
        ``document``: ``rows.document`` with the duplicate decision (``DuplicateIndex.check``), when
        it was made after rendering; its content hash and duplicate fields are the ones stored."""
        document = rows.document if document is None else document
        with self._lock, self.batch():
            if document.id in self._pending_ids or (not known_new and self.stored_ids([document.id])):
                return False
            for table, lines in rows.lines.items():
                if table != "documents":
                    self._pending.setdefault(table, []).append(lines)
            self._pending_documents.append((rows.lines["documents"], document, signature, utc_now(), run_id))
            self._pending_ids.add(document.id)
        return True

    def _annotation_kinds(self, con: duckdb.DuckDBPyConnection) -> tuple[AnnotationTable, ...]:
        """The registered plugin annotation kinds whose tables the store holds; a writable store
        creates the missing ones (a kind may be registered after the store opened)."""
        kinds = registered_kinds()
        missing = [spec for spec in kinds if spec.table not in self._kind_tables]
        if missing:
            if not self.read_only:
                create_kind_tables(con, missing)
            self._kind_tables |= existing_tables(con, [spec.table for spec in missing])
        return tuple(spec for spec in kinds if spec.table in self._kind_tables)

    def _discard_pending(self) -> None:
        self._pending = {}
        self._pending_documents = []
        self._pending_ids = set()
        self._pending_superseded = []

    def _flush(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write the open batch's buffered rows: one CSV file and one INSERT per table."""
        pending, documents, superseded = self._pending, self._pending_documents, self._pending_superseded
        self._discard_pending()
        columns_of = table_columns()
        unknown = set(pending) - set(columns_of)
        if unknown:  # rendered where a plugin kind was registered, but it is not registered here
            raise ClaimgraphError(f"no annotation kind registered for table(s) {', '.join(sorted(unknown))}")
        for table, columns in columns_of.items():
            if not (documents if table == "documents" else pending.get(table)):
                continue
            fd, name = tempfile.mkstemp(prefix="claimgraph-", suffix=".csv")
            try:
                with open(fd, "w", encoding="utf-8", newline="") as fh:
                    if table == "documents":
                        writer = csv_writer(fh)
                        for line_start, doc, signature, ingested_at, run_id in documents:
                            fh.write(line_start)
                            stored_columns_line(writer, doc, signature, ingested_at, run_id)
                    else:
                        fh.writelines(pending[table])
                # no line is longer than the file: a bound that needs no pass over the values
                line_limit = max(_MIN_CSV_LINE, os.path.getsize(name) + 1)
                spec = ", ".join(f"'{c.name}': '{c.read_type}'" for c in columns)
                con.execute(
                    f"INSERT INTO {table} ({', '.join(_quoted(c.name) for c in columns)}) "
                    f"SELECT {', '.join(_select(c) for c in columns)} FROM read_csv(?, header=false, "
                    f"auto_detect=false, new_line='\\n', quote='\"', escape='\"', delim=',', "
                    f"max_line_size={line_limit}, buffer_size={line_limit}, columns={{{spec}}})",
                    [name],
                )
            finally:
                os.unlink(name)
        if superseded:  # edited inputs only: a handful of rows
            con.executemany('INSERT INTO superseded (doc_id, by_doc_id, "at") VALUES (?, ?, ?)', superseded)

    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id of the one document whose id is or starts with ``id_or_prefix``."""
        key = id_or_prefix.strip()
        with self._lock:
            con = self._connection()
            if con.execute("SELECT 1 FROM documents WHERE id = ?", [key]).fetchone():
                return key
            if len(key) < MIN_PREFIX:
                raise BadInput(f"no document {key!r} (an id prefix needs at least {MIN_PREFIX} characters)")
            matches = [
                r[0]
                for r in con.execute(
                    "SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [key]
                ).fetchall()
            ]
        if not matches:
            raise NotFound(f"no document with id or prefix {key!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
            raise Ambiguous(f"document prefix {key!r} is ambiguous: it matches {shown}")
        return matches[0]

    def get_document(self, id_or_prefix: str) -> Document:
        """The stored document, rebuilt in full; a unique id prefix of at least 4 characters works."""
        doc_id = self.resolve_id(id_or_prefix)
        with self._lock:
            con = self._connection()
            row = con.execute(
                "SELECT id, source_path, source_format, source_record, title, author, date, site, url, "
                "language, language_score, raw_text, clean_text, content_hash, duplicate_of, duplicate_kind, "
                "duplicate_similarity, offsets FROM documents WHERE id = ?",
                [doc_id],
            ).fetchone()
            removals = con.execute(
                "SELECT raw_start, raw_end, rule, text FROM removals WHERE doc_id = ? ORDER BY seq", [doc_id]
            ).fetchall()
            paragraphs = con.execute(
                'SELECT start, "end", language, language_score FROM paragraphs WHERE doc_id = ? ORDER BY seq', [doc_id]
            ).fetchall()
            annotations = read_annotations(con, doc_id, self._annotation_kinds(con))
        (
            doc_id,
            path,
            fmt,
            record,
            title,
            author,
            date,
            site,
            url,
            language,
            language_score,
            raw_text,
            clean_text,
            digest,
            duplicate_of,
            duplicate_kind,
            duplicate_similarity,
            offsets,
        ) = row
        return Document(
            id=doc_id,
            source=Source(path=path, format=fmt, record=record),
            raw_text=raw_text,
            meta=Metadata(title=title, author=author, date=date, site=site, url=url),
            clean_text=clean_text,
            removals=tuple(Removal(*r) for r in removals),
            offsets=OffsetMap.from_list(json.loads(offsets)),
            language=language,
            language_score=language_score,
            paragraphs=tuple(Paragraph(*p) for p in paragraphs),
            content_hash=digest,
            duplicate_of=duplicate_of,
            duplicate_kind=duplicate_kind,
            duplicate_similarity=duplicate_similarity,
            **annotations,
        )

    def list_documents(
        self, limit: int | None = None, offset: int = 0, include_superseded: bool = False
    ) -> list[dict[str, Any]]:
        """One summary dict per current document, in ingest order; ``include_superseded``: old
        versions of edited inputs too, and every row says which version replaced it
        (``superseded_by``, None for a current one)."""
        which = (
            ", s.by_doc_id AS superseded_by FROM documents d LEFT JOIN superseded s ON s.doc_id = d.id "
            if include_superseded
            else f" FROM documents d WHERE {current()} "
        )
        sql, params = _paged(
            "SELECT d.id, d.title, d.author, d.date, d.site, d.url, d.source_path, d.source_format, "
            f"d.source_record, d.language, d.chars, d.duplicate_of, d.duplicate_kind{which}"
            "ORDER BY d.ingest_seq",
            [],
            limit,
            offset,
        )
        with self._lock:
            cursor = self._connection().execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def canonical_signatures(self, batch_size: int = 1000) -> Iterator[tuple[str, str, bytes | None]]:
        """(doc_id, content_hash, signature) of every canonical document, in ingest order, for
        ``DuplicateIndex.load``. Read in batches on a cursor of its own."""
        with self._lock:
            cursor = self._connection().cursor()
            cursor.execute(
                "SELECT id, content_hash, minhash FROM documents d WHERE duplicate_of IS NULL "
                f"AND content_hash IS NOT NULL AND {current()} ORDER BY ingest_seq"
            )
        try:
            while True:
                rows = cursor.fetchmany(batch_size)
                if not rows:
                    return
                yield from ((doc_id, digest, None if sig is None else bytes(sig)) for doc_id, digest, sig in rows)
        finally:
            cursor.close()

    def run_documents(
        self,
        run_id: str,
        *,
        duplicates_only: bool = False,
        limit: int | None = None,
        offset: int = 0,
        batch_size: int = 1000,
    ) -> Iterator[tuple]:
        """(id, source_path, source_format, source_record, title, language, chars, duplicate_of,
        duplicate_kind) of the documents run ``run_id`` added, in ingest order, read in batches on a
        cursor of its own: a run report reads its documents back from here instead of holding them."""
        sql, params = _paged(
            "SELECT id, source_path, source_format, source_record, title, language, chars, "
            "duplicate_of, duplicate_kind FROM documents WHERE run_id = ?"
            + (" AND duplicate_of IS NOT NULL" if duplicates_only else "")
            + " ORDER BY ingest_seq",
            [run_id],
            limit,
            offset,
        )
        with self._lock:
            cursor = self._connection().cursor()
            cursor.execute(sql, params)
        try:
            while rows := cursor.fetchmany(batch_size):
                yield from rows
        finally:
            cursor.close()

    def run_notes(self, run_id: str) -> list[tuple[str, str, str | None, str]]:
        """(document id, source_path, source_record, note text) of the notes (``model.Note``: a budget a
        document ran into) on the documents run ``run_id`` added, in ingest order."""
        with self._lock:
            return (
                self._connection()
                .execute(
                    "SELECT d.id, d.source_path, d.source_record, n.text FROM annotation_notes n "
                    "JOIN documents d ON d.id = n.doc_id WHERE d.run_id = ? ORDER BY d.ingest_seq, n.seq",
                    [run_id],
                )
                .fetchall()
            )

    def counts(self) -> dict[str, int]:
        """How many documents (canonical, exact and near duplicates; superseded: old versions of
        edited inputs, counted in the others too), removals, paragraphs, runs and input errors the
        store holds."""
        with self._lock:
            row = (
                self._connection()
                .execute("""
                SELECT (SELECT count(*) FROM documents),
                       (SELECT count(*) FROM documents WHERE duplicate_of IS NULL),
                       (SELECT count(*) FROM documents WHERE duplicate_kind = 'exact'),
                       (SELECT count(*) FROM documents WHERE duplicate_kind = 'near'),
                       (SELECT count(*) FROM removals),
                       (SELECT count(*) FROM paragraphs),
                       (SELECT count(*) FROM runs),
                       (SELECT count(*) FROM input_errors),
                       (SELECT count(*) FROM superseded)
            """)
                .fetchone()
            )
        names = (
            "documents",
            "canonical",
            "exact_duplicates",
            "near_duplicates",
            "removals",
            "paragraphs",
            "runs",
            "input_errors",
            "superseded",
        )
        return dict(zip(names, row))

    # -- runs -----------------------------------------------------------------------------------

    def start_run(self, inputs: Iterable[str | Path], settings: dict[str, Any] | None = None) -> str:
        """Record the start of an ingest run over ``inputs`` with the ``settings`` it uses
        (``Settings.to_dict()``); returns the run id."""
        started = utc_now()
        run_id = f"{started:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
        with self._lock:
            con = self._connection()
            con.execute(
                "INSERT INTO runs (id, started_at, inputs) VALUES (?, ?, ?)",
                [run_id, started, _json([str(p) for p in inputs])],
            )
            if settings is not None:
                con.execute("INSERT INTO run_settings VALUES (?, ?)", [run_id, _json(settings)])
            self._set_memory_limit(RUN_MEMORY_LIMIT)
        return run_id

    def run_settings(self, run_id: str | None = None) -> tuple[str, dict[str, Any]] | None:
        """(run id, settings) of ``run_id``, or of the latest run that recorded its settings; None
        when there is none (a store written before runs recorded them)."""
        where, params = ("WHERE s.run_id = ?", [run_id]) if run_id else ("", [])
        with self._lock:
            row = (
                self._connection()
                .execute(
                    f"SELECT s.run_id, s.settings FROM run_settings s JOIN runs r ON r.id = s.run_id {where} "
                    "ORDER BY r.started_at DESC, r.rowid DESC LIMIT 1",
                    params,
                )
                .fetchone()
            )
        return (row[0], json.loads(row[1])) if row else None

    def finish_run(self, run_id: str, added: int, skipped: int, errors: int) -> None:
        with self._lock:
            con = self._connection()
            if not con.execute("SELECT 1 FROM runs WHERE id = ?", [run_id]).fetchone():
                raise NotFound(f"no run {run_id!r} in {self.path}")
            con.execute(
                "UPDATE runs SET finished_at = ?, documents_added = ?, documents_skipped = ?, errors = ? WHERE id = ?",
                [utc_now(), added, skipped, errors, run_id],
            )
            self._set_memory_limit(MEMORY_LIMIT)

    def unlinked_documents(self) -> tuple[list[str], int | None]:
        """(ids, last ingest_seq) of the documents the after-run steps have not seen yet -- this
        run's, and those of runs killed or interrupted before linking -- in ingest order."""
        with self._lock:
            rows = (
                self._connection()
                .execute(
                    "SELECT id, ingest_seq FROM documents "
                    "WHERE ingest_seq > (SELECT coalesce(max(ingest_seq), 0) FROM linked_through) "
                    "ORDER BY ingest_seq"
                )
                .fetchall()
            )
        return [r[0] for r in rows], (rows[-1][1] if rows else None)

    def mark_linked(self, through_seq: int) -> None:
        """Record that the after-run steps have seen every document up to ``through_seq``."""
        with self._lock:
            con = self._connection()
            con.execute("DELETE FROM linked_through")
            con.execute("INSERT INTO linked_through VALUES (?, ?)", [through_seq, utc_now()])

    def lift_memory_limit(self) -> None:
        """Give DuckDB the store's cap back (``start_run`` lowered it for the stream of documents)."""
        with self._lock:
            self._set_memory_limit(MEMORY_LIMIT)

    def lower_memory_limit(self) -> None:
        """The run's cap on DuckDB's cache again, after the after-run steps of a long run's segment."""
        with self._lock:
            self._set_memory_limit(RUN_MEMORY_LIMIT)

    def _set_memory_limit(self, limit: str) -> None:
        try:
            self._connection().execute(f"SET memory_limit = '{limit}'")
        except duckdb.Error:  # DuckDB could not evict enough to go lower: the run goes on under the old cap
            pass

    def record_error(self, run_id: str, error: InputError) -> None:
        """Kept ``escaped``: a file name that is not UTF-8 (surrogateescape) cannot be stored as it is."""
        record = None if error.record is None else escaped(error.record)
        with self._lock:
            self._connection().execute(
                "INSERT INTO input_errors VALUES (?, ?, ?, ?, ?)",
                [run_id, escaped(error.path), record, escaped(error.reason), utc_now()],
            )

    def run_errors(self, run_id: str) -> list[InputError]:
        """The input errors a run recorded, in the order it met them."""
        with self._lock:
            rows = (
                self._connection()
                .execute(
                    'SELECT path, reason, record FROM input_errors WHERE run_id = ? ORDER BY "at", rowid', [run_id]
                )
                .fetchall()
            )
        return [InputError(path=p, reason=r, record=rec) for p, r, rec in rows]

    def get_run(self, run_id: str) -> dict[str, Any]:
        with self._lock:
            cursor = self._connection().execute("SELECT * FROM runs WHERE id = ?", [run_id])
            row = cursor.fetchone()
            names = [d[0] for d in cursor.description]
        if row is None:
            raise NotFound(f"no run {run_id!r} in {self.path}")
        run = dict(zip(names, row))
        run["inputs"] = json.loads(run["inputs"])
        stored = self.run_settings(run_id)
        run["settings"] = stored[1] if stored else None
        return run

    # -- events: ACLED-style listing (claimgraph events; clusters: store.events) -----------------

    def event_export_rows(
        self, include_duplicates: bool = False, include_statements: bool = True, include_negated: bool = False
    ) -> list[dict[str, Any]]:
        """Every stored event with its document's source, date and title, in document then text order.
        Duplicate documents are left out unless asked for: a repost is not another report; old
        versions of edited inputs always."""
        where = [current()]
        if not include_duplicates:
            where.append("d.duplicate_of IS NULL")
        if not include_statements:
            where.append("e.event_type <> 'Statements'")
        if not include_negated:  # "ISKP has refrained from claiming any attacks": no event happened
            where.append("NOT e.negated")
        with self._lock:
            cursor = self._connection().execute(f"""
                SELECT e.*, d.source_path, d.source_record, d.date AS doc_date, d.title, d.site,
                       substr(d.clean_text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
                       (SELECT count(DISTINCT e2.doc_id) FROM events e2
                        WHERE e.cluster_id IS NOT NULL AND e2.cluster_id = e.cluster_id) AS cluster_documents
                FROM events e JOIN documents d ON d.id = e.doc_id
                WHERE {" AND ".join(where)}
                ORDER BY coalesce(e.date_start, d.date), e.doc_id, e.seq""")
            names = [c[0] for c in cursor.description]
            rows = cursor.fetchall()
        return [dict(zip(names, row)) for row in rows]

    # -- entities: read-only summaries (claimgraph actors / places) ------------------------------

    def actors_summary(self, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Every linked actor with its mention count and the documents mentioning it, most mentioned
        first. Duplicate documents are left out unless asked for: a repost would count twice."""
        return self._entity_summary(
            "actor_id", "any_value(actor_name) AS name, any_value(actor_type) AS type", include_duplicates
        )

    def places_summary(self, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Every resolved place with its coordinates, mention count and documents, most mentioned first."""
        return self._entity_summary(
            "place_id",
            "any_value(place_name) AS name, any_value(country) AS country, any_value(admin1) AS admin1, "
            'any_value(lat) AS lat, any_value(lon) AS lon, any_value("precision") AS precision',
            include_duplicates,
        )

    def _entity_summary(self, key: str, columns: str, include_duplicates: bool) -> list[dict[str, Any]]:
        where = f"AND {current()}" + ("" if include_duplicates else " AND d.duplicate_of IS NULL")
        sql = (
            f"SELECT e.{key} AS id, {columns}, count(*) AS mentions, count(DISTINCT e.doc_id) AS document_count, "
            f"list(DISTINCT e.doc_id ORDER BY e.doc_id) AS documents "
            f"FROM entities e JOIN documents d ON d.id = e.doc_id WHERE e.{key} IS NOT NULL {where} "
            f"GROUP BY e.{key} ORDER BY mentions DESC, id"
        )
        with self._lock:
            cursor = self._connection().execute(sql)
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    # -- queries for the workbench (claimgraph.serve, claimgraph.report) -------------------------

    def query(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only SELECT as dicts. For the workbench's own fixed queries only: its
        SQL is written in the code, and every value a user gives travels as a parameter.

        Runs on the calling thread's own cursor (DuckDB runs queries of several cursors of one
        database in parallel; one shared connection made concurrent requests queue), except inside
        a batch this thread has open, whose rows only the writing connection sees yet."""
        values = params if isinstance(params, dict) else list(params)
        if self._batch_depth and self._batch_thread == threading.get_ident():
            with self._lock:
                cursor = self._connection().execute(sql, values)
                names = [d[0] for d in cursor.description]
                return [dict(zip(names, row)) for row in cursor.fetchall()]
        cursor = self._reader().execute(sql, values)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _reader(self) -> duckdb.DuckDBPyConnection:
        """This thread's read cursor on the store, made on first use and closed with the store."""
        cursor = getattr(self._readers, "cursor", None)
        if cursor is not None and self._con is not None:
            return cursor
        with self._readers_lock:
            cursor = self._connection().cursor()
            self._reader_cursors.append(cursor)
        self._readers.cursor = cursor
        return cursor

    def state(self) -> tuple:
        """What views derived from the whole store depend on, in one cheap query: the documents
        (the store only grows, and a run that adds none changes nothing beneath them), the last
        run, and the propositions' members and last update (re-linking changes sides)."""
        row = self.query(
            "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT max(id) FROM runs) AS run, "
            "(SELECT count(*) FROM proposition_claims) AS members, "
            "(SELECT max(updated_at) FROM propositions) AS linked"
        )[0]
        return tuple(row.values())

    def derived(self, name: str, compute: Callable[[Store], Any]) -> Any:
        """``compute(self)``, computed once per ``state()`` of the store and shared by every caller
        until a run or an ingest changes it. For whole-store aggregates the workbench shows on
        every request (actors, source profiles, the actor network): seconds on a 10k-document
        store. Callers must not change what they get."""
        state = self.state()
        with self._readers_lock:
            lock = self._derived_locks.setdefault(name, threading.Lock())
        with lock:  # one computation per name at a time: concurrent first requests wait for it
            known = self._derived.get(name)
            if known is not None and known[0] == state:
                return known[1]
            value = compute(self)
            self._derived[name] = (state, value)
            return value

    def find_documents(
        self,
        *,
        limit: int,
        offset: int = 0,
        source: str | None = None,
        language: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total matching, one page of document summaries) in ingest order. ``source`` matches a
        substring of the source path or the site; dates compare as ISO strings, so a partial date
        ("2025-03") sorts before every day of that month."""
        where, params = [current("id")], {}
        if source:
            where.append(
                "(contains(lower(source_path), lower($source)) OR contains(lower(coalesce(site, '')), lower($source)))"
            )
            params["source"] = source
        if language:
            where.append("language = $language")
            params["language"] = language
        if date_from:
            where.append("date >= $date_from")
            params["date_from"] = date_from
        if date_to:
            # "2025-03-31" must include "2025-03-31T10:00": compare against the day's last string
            where.append("date <= $date_to")
            params["date_to"] = date_to + "\uffff"
        clause = f"WHERE {' AND '.join(where)}"
        # pages asked for again in the same state of the store are kept (see Listing)
        pages = self.derived("document_pages", lambda store: Listing({}))
        filters = (source, language, date_from, date_to)
        total = pages.page(
            ("total", *filters), lambda: self.query(f"SELECT count(*) AS n FROM documents {clause}", params)
        )[0]["n"]
        rows = pages.page(
            (*filters, offset, limit),
            lambda: self.query(
                "SELECT d.id, d.title, d.author, d.date, d.site, d.url, d.source_path, d.source_format, "
                "d.source_record, "
                "d.language, d.chars, d.duplicate_of, d.duplicate_kind, "
                "coalesce(n.removals, 0) AS removals, coalesce(n.entities, 0) AS entities, "
                "coalesce(n.events, 0) AS events, coalesce(n.claims, 0) AS claims "
                f"FROM (SELECT * FROM documents {clause} ORDER BY ingest_seq LIMIT $limit OFFSET $offset) d "
                "LEFT JOIN document_counts n ON n.doc_id = d.id ORDER BY d.ingest_seq",
                {**params, "limit": limit, "offset": offset},
            ),
        )
        return total, rows

    def actor_summaries(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors the entity stage linked, with how often and in how many documents they are named,
        most named first. Aggregated over every mention once per state of the store (``derived``)."""
        rows = self.derived(
            "actor_summaries",
            lambda store: store.query(
                "SELECT actor_id, any_value(actor_name) AS name, any_value(actor_type) AS actor_type, "
                "count(*) AS mentions, count(DISTINCT doc_id) AS documents FROM entities "
                f"WHERE actor_id IS NOT NULL AND {current('doc_id')} GROUP BY actor_id ORDER BY mentions DESC, actor_id"
            ),
        )
        return [dict(row) for row in (rows if limit is None else rows[:limit])]

    def place_summaries(self) -> list[dict[str, Any]]:
        """Gazetteer places the entity stage linked, with coordinates and mention counts; aggregated
        once per state of the store (``derived``)."""
        rows = self.derived(
            "place_summaries",
            lambda store: store.query(
                "SELECT place_id, any_value(place_name) AS name, any_value(admin1) AS admin1, "
                "any_value(country) AS country, any_value(lat) AS lat, any_value(lon) AS lon, "
                "any_value(precision) AS precision, count(*) AS mentions, count(DISTINCT doc_id) AS documents "
                f"FROM entities WHERE place_id IS NOT NULL AND {current('doc_id')} "
                "GROUP BY place_id ORDER BY mentions DESC, place_id"
            ),
        )
        return [dict(row) for row in rows]

    def event_rows(self, *, limit: int | None = None, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """(total, events with their document's title and date), by event date then document.

        As `claimgraph events` does by default: events of duplicate documents (counted once, in
        their canonical document) and negated events (they did not happen) are left out."""
        shown = (
            "FROM events e JOIN documents d ON d.id = e.doc_id WHERE d.duplicate_of IS NULL AND NOT e.negated "
            f"AND e.modality IS NULL AND {current()} "
        )
        order = "ORDER BY coalesce(e.date_start, d.date) NULLS LAST, d.ingest_seq, e.seq "
        rows = "SELECT e.*, d.title AS doc_title, d.date AS doc_date FROM events e JOIN documents d ON d.id = e.doc_id "
        if limit is None:
            listed = self.query(rows + shown[shown.index("WHERE") :] + order)
            return len(listed), listed
        listing = self._event_listing()
        return len(listing.orders[""]), listing.page(
            ("", offset, limit),
            lambda: self._rows_at(
                "e.*, d.title AS doc_title, d.date AS doc_date",
                "events e JOIN documents d ON d.id = e.doc_id",
                "e",
                listing.orders[""][offset : offset + limit],
            ),
        )

    def _event_listing(self) -> Listing:
        """The events the list shows, in its order, once per state of the store: sorting 33k events
        by their documents' dates and ingest order joined documents on every request."""
        return self.derived(
            "event_listing",
            lambda store: Listing(
                {
                    "": store._columns(
                        "SELECT e.rowid AS row_id FROM events e JOIN documents d ON d.id = e.doc_id WHERE "
                        "d.duplicate_of IS NULL "
                        f"AND NOT e.negated AND e.modality IS NULL AND {current()} "
                        "ORDER BY coalesce(e.date_start, d.date) NULLS LAST, d.ingest_seq, e.seq"
                    )["row_id"]
                }
            ),
        )

    def claim_rows(
        self, *, limit: int | None = None, offset: int = 0, status: str | None = None, doc_id: str | None = None
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total, claims with their document's title), most check-worthy first."""
        if limit is not None and doc_id is None:
            listing = self._claim_listing()
            order = listing.orders.get(status or "", np.zeros(0, np.int64))
            return len(order), listing.page(
                (status or "", offset, limit),
                lambda: self._rows_at(
                    "c.*, d.title AS doc_title, d.date AS doc_date",
                    "claims c JOIN documents d ON d.id = c.doc_id",
                    "c",
                    order[offset : offset + limit],
                ),
            )
        where, params = [], {}
        _filter_claim_status(status, where, params)
        if doc_id:  # a document named: its claims, whichever version it is
            where.append("c.doc_id = $doc_id")
            params["doc_id"] = doc_id
        else:
            where.append(current("c.doc_id"))
        clause = f"WHERE {' AND '.join(where)}"
        total = self.query(f"SELECT count(*) AS n FROM claims c {clause}", params)[0]["n"]
        order = "ORDER BY c.checkworthiness DESC NULLS LAST, d.ingest_seq, c.seq"
        rows = "SELECT c.*, d.title AS doc_title, d.date AS doc_date FROM claims c JOIN documents d ON d.id = c.doc_id "
        if limit is None:
            return total, self.query(f"{rows} {clause} {order} OFFSET $offset", {**params, "offset": offset})
        return total, self.query(
            f"{rows} {clause} {order} LIMIT $limit OFFSET $offset", {**params, "limit": limit, "offset": offset}
        )

    def _claim_listing(self) -> Listing:
        """The claims in the list's order (most check-worthy first, then document and sentence
        order) for every status filter ("" = all; "disputed" as ``_filter_claim_status`` takes it),
        once per state of the store: the sort joined documents for the tie-break (27 ms of a page's
        ~30 on 139k claims), and counting a filter scanned the table again.

        Claims are never changed once written and the table only grows, so the sort keys of the
        claims already listed are kept with the listing and only the new rows' are read when the
        store changes (reading all 139k took ~300 ms, which an ingest would pay every batch). The
        claims of old versions of edited inputs are not listed: when a new version supersedes
        one with claims, the count no longer adds up and every key is read again."""

        def compute(store: Store) -> Listing:
            known = store._derived.get("claim_listing")
            kept = known[1].keys if known is not None else None
            if kept is None:
                return _claim_orders(store._claim_keys())
            keys = store._claim_keys(after=int(kept["row_id"].max(initial=-1)))
            keys = {k: np.concatenate([kept[k], keys[k].astype(kept[k].dtype)]) for k in kept}
            listed = store.query(f"SELECT count(*) AS n FROM claims c WHERE {current('c.doc_id')}")[0]["n"]
            if len(keys["row_id"]) != listed:  # rows went or moved, or an edited input's new version
                keys = store._claim_keys()  # superseded claims listed before: read them all
            return _claim_orders(keys)

        return self.derived("claim_listing", compute)

    def _claim_keys(self, after: int | None = None) -> dict[str, np.ndarray]:
        """Each claim's sort keys for the claims list (of the rows after row id ``after``)."""
        keys = self._columns(
            "SELECT c.rowid AS row_id, c.checkworthiness IS NULL AS unscored, coalesce(c.checkworthiness, 0) AS worth, "
            "d.ingest_seq, c.seq, coalesce(c.status, '') AS status, c.disputed_by IS NOT NULL AS contested "
            f"FROM claims c JOIN documents d ON d.id = c.doc_id WHERE {current()}"
            + ("" if after is None else f" AND c.rowid > {int(after)}")
        )
        keys["status"] = np.asarray(keys["status"], dtype=object)
        return {k: np.asarray(v) for k, v in keys.items()}

    def _columns(self, sql: str) -> dict[str, np.ndarray]:
        """The columns of a query's rows as numpy arrays (139k claims' keys as Python dicts took ~10x
        longer)."""
        if self._batch_depth and self._batch_thread == threading.get_ident():
            with self._lock:
                return self._connection().execute(sql).fetchnumpy()
        return self._reader().execute(sql).fetchnumpy()

    def _rows_at(self, columns: str, source: str, alias: str, row_ids: np.ndarray) -> list[dict[str, Any]]:
        """``SELECT columns FROM source`` for the rows of the table aliased ``alias`` whose row ids
        are ``row_ids``, in that order."""
        if not len(row_ids):
            return []
        found = self.query(
            f"SELECT {alias}.rowid AS row_id__, {columns} FROM {source} WHERE {alias}.rowid IN "
            "(SELECT unnest($ids::BIGINT[]))",
            {"ids": row_ids.tolist()},
        )
        by_id = {r.pop("row_id__"): r for r in found}
        return [by_id[i] for i in row_ids.tolist() if i in by_id]

    def search_texts(self) -> list[tuple[str, str, str]]:
        """(id, title, clean text) of every current document, for building a full-text index."""
        with self._lock:
            return (
                self._connection()
                .execute(
                    f"SELECT id, coalesce(title, ''), clean_text FROM documents WHERE {current('id')} ORDER "
                    "BY ingest_seq"
                )
                .fetchall()
            )

    # -- claims: listing for `claimgraph claims` ---------------------------------------------------

    def list_claims(
        self,
        speaker: str | None = None,
        status: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        include_duplicates: bool = False,
    ) -> list[dict[str, Any]]:
        """Stored claims in document then text order, with their document's source and title.

        ``speaker`` matches an actor id exactly or any part of the speaker's words or resolved name
        (case-insensitive); author claims match their outlet or byline. ``doc_id`` may be a unique
        prefix. Claims of duplicate documents are left out unless asked for (or their document is
        named): a repost would count twice. So are those of old versions of edited inputs."""
        where, params = [], {}
        if speaker:
            where.append(
                "(c.speaker_actor = $speaker OR c.speaker_text ILIKE '%' || $speaker || '%' "
                "OR c.speaker_name ILIKE '%' || $speaker || '%')"
            )
            params["speaker"] = speaker
        _filter_claim_status(status, where, params)
        if doc_id:
            where.append("c.doc_id = $doc_id")
            params["doc_id"] = self.resolve_id(doc_id)
        else:
            where.append(current())
            if not include_duplicates:
                where.append("d.duplicate_of IS NULL")
        sql = (
            "SELECT c.*, d.source_path, d.source_record, d.title AS doc_title FROM claims c "
            f"JOIN documents d ON d.id = c.doc_id WHERE {' AND '.join(where)} ORDER BY d.ingest_seq, c.seq"
        )
        if limit is not None:
            sql += " LIMIT $limit"
            params["limit"] = limit
        with self._lock:
            cursor = self._connection().execute(sql, params)
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, row)) for row in cursor.fetchall()]
        for row in rows:
            if isinstance(row.get("quantities"), str):
                row["quantities"] = json.loads(row["quantities"])
        return rows


def _claim_orders(keys: dict[str, np.ndarray]) -> Listing:
    """A claims Listing from every claim's sort keys (``Store._claim_listing``)."""
    # ORDER BY checkworthiness DESC NULLS LAST, ingest_seq, seq (lexsort: the last key first)
    order = np.lexsort((keys["seq"], keys["ingest_seq"], -keys["worth"], keys["unscored"]))
    row_ids, statuses = keys["row_id"][order], keys["status"][order]
    positions: dict[str, list[int]] = {}  # one pass: comparing the strings per status took 5x longer
    for i, status in enumerate(statuses.tolist()):
        positions.setdefault(status, []).append(i)
    orders = {status: row_ids[np.asarray(at, dtype=np.int64)] for status, at in positions.items() if status}
    orders[""] = row_ids
    disputed = keys["contested"][order].astype(bool)
    disputed[positions.get("disputed", [])] = True
    orders["disputed"] = row_ids[disputed]
    return Listing(orders, keys)


class Listing:
    """A workbench list in one state of the store: the row ids it shows per filter, in order (for
    claims and events), and the last pages read. A page of claims costs ~15-30 ms to read on a
    10k-document store however few its rows (DuckDB decompresses every vector of 2,048 rows that
    holds one of them, and a page's rows are spread over the table), so pages asked for again
    are kept."""

    PAGES = 64  # pages kept per list (of at most 500 rows each)

    def __init__(self, orders: dict[str, np.ndarray], keys: dict[str, np.ndarray] | None = None):
        self.orders = orders
        self.keys = keys  # what the order was computed from, when a newer one can start from it
        self._pages: OrderedDict[tuple, list[dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, key: tuple, read: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The rows of page ``key``, read by ``read()`` unless kept; copies, so callers may change them."""
        with self._lock:
            rows = self._pages.get(key)
            if rows is not None:
                self._pages.move_to_end(key)
        if rows is None:
            rows = read()
            with self._lock:
                self._pages[key] = rows
                while len(self._pages) > self.PAGES:
                    self._pages.popitem(last=False)
        return [dict(row) for row in rows]


def _filter_claim_status(status: str | None, where: list[str], params: dict[str, Any]) -> None:
    """SQL condition for claims with ``status``; "disputed" also takes claims that the author or
    another source contests (``disputed_by``), which keep their own status."""
    if status == "disputed":
        where.append("(c.status = 'disputed' OR c.disputed_by IS NOT NULL)")
    elif status:
        where.append("c.status = $status")
        params["status"] = status


@contextmanager
def _one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB on one thread inside the block. A batch's INSERTs and COMMIT cost ~0.9 CPU ms a
    document on one thread and ~2.1 on two (measured on 300 benchmark documents: the second
    thread costs more than it saves on statements this size), and during a run the cores are the
    workers'. The setting is the database's, so readers run on one thread while a batch is written."""
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


def _select(column: BulkColumn) -> str:
    if column.read_type == "VARCHAR" and column.select in (column.name, _quoted(column.name)):
        return f"""(CASE WHEN {_quoted(column.name)} = '{EMPTY}' THEN '' ELSE {_quoted(column.name)} END)"""
    return column.select


def _quoted(column: str) -> str:
    return f'"{column}"'


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
