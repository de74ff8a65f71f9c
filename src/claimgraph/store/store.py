"""The DuckDB store: documents with everything that points into them, runs and input errors.

Every document is written in one transaction with its removals and paragraphs, so a run killed at
any moment leaves either the whole document or nothing; DuckDB replays its write-ahead log when the
file is opened again, and re-running the same inputs adds only what is missing (ids are stable).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from ..errors import ClaimgraphError, InputError, NotFound, escaped
from ..model import Document
from .annotations import (
    AnnotationTable,
    BulkColumn,
    create_kind_tables,
    existing_tables,
    registered_kinds,
)
from .boards import BoardRepository
from .claims import ClaimRepository
from .disputes import DisputeRepository
from .documents import DocumentRepository
from .entities import EntityRepository
from .events import EventRepository
from .figures import FigureRepository
from .network import NetworkRepository
from .params import as_json, unnested
from .propositions import PropositionRepository
from .rows import EMPTY, DocumentRows, csv_writer, document_rows, stored_columns_line, table_columns
from .schema import _first_line, migrate, utc_now
from .vectors import VectorRepository
from .versions import VersionRepository
from .watch import WatchRepository

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

# Every document row and the rows of everything that points into it are buffered for the open batch
# and written at its end with one INSERT per table, read by DuckDB from a CSV file: per-row (or even
# per-document) statements cost ~15-20 ms per document, mostly DuckDB's per-statement overhead and
# parsing; DuckDB's CSV reader takes a batch's rows for ~1 ms per document. CSV rather than JSON:
# DuckDB parses it ~3x faster, and Python's csv module writes it ~3x faster than json.dumps. A
# document's lines are rendered before they get here (rows.document_rows: in the worker that
# processed it, when there is one), so the batch only appends them.
# DuckDB's CSV reader refuses lines longer than this by default (2 MB); a document can be longer.
_MIN_CSV_LINE = 2 << 20


class StoreInUse(ClaimgraphError):
    """Another process holds the store's file: DuckDB lets one process open a store for writing, and
    no other process open it then, not even read-only; read-only processes may share it."""


_LOCK_CONFLICT = "Conflicting lock is held"  # DuckDB's words when another process holds the file
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def in_use_message(path: Path, error: str, read_only: bool) -> str:
    """What to tell the user when another process holds the store (DuckDB's ``error``), opening it
    read-only or not: the file, the process where DuckDB names it, and what to do."""
    holder = _LOCK_HOLDER.search(error)
    who = f" (PID {holder['pid']}, {os.path.basename(holder['program'])})" if holder else ""
    if read_only:  # a read-only open conflicts only with a process that writes
        return (
            f"{path}: the store is open for writing in another process{who}, such as `claimgraph serve` "
            "or a run; DuckDB lets no other process open it then, not even to read. Stop that process "
            "and run this again, or start the workbench with `claimgraph serve --read-only`, beside "
            "which commands that only read the store work."
        )
    return (
        f"{path}: the store is open in another process{who}, such as `claimgraph serve` or a run; "
        "DuckDB lets only one process open a store it may write to. Stop that process (the workbench: "
        "Ctrl-C where it runs) and run this again; commands that only read the store also work beside "
        "`claimgraph serve --read-only`."
    )


class Store:
    """A claimgraph store in one DuckDB file, created (and migrated) on open.

    One process at a time may open a store for writing (DuckDB locks the file). The methods are
    safe to call from several threads: writes share one connection under a lock; ``query`` reads
    through a cursor of the calling thread's own, so the workbench's requests run in parallel and
    are not held up by an ingest batch (they see what it has committed).

    The store package is the only place with SQL. ``Store`` itself holds the connection, the
    migrations, batches (documents are written with the open batch, all or nothing), runs and
    their errors, and the reads its repositories share (``query``, ``query_columns``,
    ``derived``). Everything else an aggregate needs is read and written through its repository,
    one module each under store/, reached as an attribute: ``store.documents`` (rebuilding one,
    the document lists and counts), ``store.claims``, ``store.entities`` (actor and place
    summaries), ``store.events``, ``store.propositions``, ``store.disputes``, ``store.vectors``, ``store.boards``,
    ``store.network``, ``store.versions``, ``store.watch`` (plugin annotation kinds:
    ``annotations.register_annotation_kind``). They return typed rows (NamedTuples, dataclasses),
    or dicts where a row is the JSON answer as it is.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise ClaimgraphError(f"{self.path}: no such store")
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only, config={"memory_limit": MEMORY_LIMIT})
        except duckdb.IOException as exc:
            if _LOCK_CONFLICT in str(exc):
                raise StoreInUse(in_use_message(self.path, str(exc), read_only)) from exc
            raise ClaimgraphError(f"{self.path}: cannot open store: {_first_line(exc)}") from exc
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
    def entities(self) -> EntityRepository:
        return EntityRepository(self)

    @cached_property
    def disputes(self) -> DisputeRepository:
        return DisputeRepository(self)

    @cached_property
    def events(self) -> EventRepository:
        return EventRepository(self)

    @cached_property
    def figures(self) -> FigureRepository:
        return FigureRepository(self)

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

    @cached_property
    def watch(self) -> WatchRepository:
        return WatchRepository(self)

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

    # -- writing documents: buffered for the open batch ----------------------------------------

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
                    .execute(f"SELECT id FROM documents WHERE id IN {unnested('ids')}", {"ids": as_json(rest)})
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

    # -- reads the repositories share -----------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only SELECT as dicts. For the repositories' own fixed queries only: their
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

    def query_columns(self, sql: str) -> dict[str, np.ndarray]:
        """The columns of a read-only SELECT's rows as numpy arrays (139k claims' keys as Python dicts took ~10x
        longer)."""
        if self._batch_depth and self._batch_thread == threading.get_ident():
            with self._lock:
                return self._connection().execute(sql).fetchnumpy()
        return self._reader().execute(sql).fetchnumpy()


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
