"""Corpus orchestration: a run over many inputs, around the per-document ``pipeline``.

``run`` reads the inputs, skips what the store holds already, has an engine apply the pipeline
(``engines.local.LocalEngine`` by default: in process or in worker processes; or
``engines.spark.SparkEngine``), then decides duplicates against everything stored and writes each
document in batched transactions, so a run that is killed loses at most a batch and a re-run
completes it; every ``LINK_DOCUMENTS`` inputs and at the end it links what it stored (event
clusters, propositions, disputes, ACH boards). ``extract`` runs the pipeline only, storing nothing.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from claimgraph.ach import repropose_all
from claimgraph.dedup import DuplicateIndex
from claimgraph.engines.local import LocalEngine
from claimgraph.entities.places import Gazetteer
from claimgraph.errors import InputError, InputRejected
from claimgraph.events.clusters import cluster_new_events
from claimgraph.events.coref import Coref
from claimgraph.ingest import read_paths
from claimgraph.ingest.fetch import Fetcher, FetchOptions
from claimgraph.ingest.web import with_articles
from claimgraph.link.disputes import update_disputes
from claimgraph.link.propositions import ClaimVectors, update_propositions
from claimgraph.link.propositions import load_config as load_proposition_config
from claimgraph.model import Document, Source
from claimgraph.pipeline import Pipeline
from claimgraph.plugins import registry
from claimgraph.settings import Settings
from claimgraph.store import Store
from claimgraph.store.rows import DocumentRows, document_rows
from claimgraph.versions import EditedInputs

# Documents are committed in batches: one transaction per document costs ~10-20 ms of commit alone.
# A kill loses at most one batch (at most this many documents or seconds of work); re-running adds it.
BATCH_DOCUMENTS = 200
BATCH_SECONDS = 2.0
# Documents per store look-up when skipping what is already stored.
LOOKUP_DOCUMENTS = 64
# A long run links what it stored (event clusters, propositions, ACH) every this many inputs, so the
# after-run steps' memory (the new claims' vectors: ~1.5 GiB for 10k documents) does not grow
# with the run. Counted in inputs, not time: the same input links at the same points for any N.
LINK_DOCUMENTS = 10_000

Item = Document | InputError


class Engine(Protocol):
    """A strategy that applies the pipeline of ``options`` to a stream of documents and errors.

    It yields one result per item, in input order (errors pass through; ``prepare``, a module-level
    function, is applied to each result where the pipeline ran, and its value yielded instead)."""

    def process(
        self, items: Iterable[Item], options: Settings, prepare: Callable[[Item], object] | None = None
    ) -> Iterator: ...


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What a run report gives of each added document: a few fields, read back from the store
    (``RunDocuments``); the documents themselves are in the store."""

    id: str
    source: Source
    title: str | None
    language: str | None
    chars: int
    duplicate_of: str | None
    duplicate_kind: str | None

    @property
    def locator(self) -> str:
        return self.source.locator

    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        return cls(
            doc.id, doc.source, doc.meta.title, doc.language, len(doc.clean_text), doc.duplicate_of, doc.duplicate_kind
        )


class RunDocuments(Sequence):
    """The documents a run added (or only its duplicates), as ``DocumentSummary`` in ingest order,
    read back from the store by run id when asked for: a report holding one object per document
    grew a long run's memory by ~0.2 KB a document. Needs the store open, except when empty."""

    def __init__(self, store: Store | None, run_id: str | None, count: int, duplicates_only: bool = False):
        self._store = store
        self._run_id = run_id
        self._count = count
        self._duplicates_only = duplicates_only

    def __len__(self) -> int:
        return self._count

    def _read(self, limit: int | None = None, offset: int = 0) -> Iterator[DocumentSummary]:
        if not self._count or self._store is None or self._run_id is None:
            return iter(())
        rows = self._store.documents.of_run(
            self._run_id, duplicates_only=self._duplicates_only, limit=limit, offset=offset
        )
        return (
            DocumentSummary(doc_id, Source(path, fmt, record), title, language, chars, duplicate_of, kind)
            for doc_id, path, fmt, record, title, language, chars, duplicate_of, kind in rows
        )

    def __iter__(self) -> Iterator[DocumentSummary]:
        return self._read()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if step != 1:
                return list(self[start:stop])[::step]
            return list(self._read(limit=max(0, stop - start), offset=start))
        position = index + self._count if index < 0 else index
        if not 0 <= position < self._count:
            raise IndexError("run document index out of range")
        return next(self._read(limit=1, offset=position))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"<{self._count} {'duplicates' if self._duplicates_only else 'documents'} of run {self._run_id}>"


@dataclass
class RunReport:
    """What a run did: counts and errors. The documents it added are in the store under ``run_id``;
    ``added`` and ``duplicates`` read them back from there (``store``) when asked for."""

    run_id: str | None = None
    skipped: int = 0  # already in the store
    errors: list[InputError] = field(default_factory=list)
    added_count: int = 0
    duplicate_count: int = 0
    store: Store | None = field(default=None, repr=False, compare=False)

    @property
    def added(self) -> RunDocuments:
        return RunDocuments(self.store, self.run_id, self.added_count)

    @property
    def duplicates(self) -> RunDocuments:
        return RunDocuments(self.store, self.run_id, self.duplicate_count, duplicates_only=True)

    @property
    def notes(self) -> list[tuple[str, str, str]]:
        """(document id, source locator, text) of each note (budget.py) on the documents the run added."""
        if not self.added_count or self.store is None or self.run_id is None:
            return []
        return [
            (doc_id, Source(path, "", record).locator, text)
            for doc_id, path, record, text in self.store.run_notes(self.run_id)
        ]

    def count_added(self, doc: Document) -> None:
        self.added_count += 1
        if doc.duplicate_of:
            self.duplicate_count += 1

    def to_dict(self) -> dict:
        """Counts, errors and every added document (read from the store: call it while it is open)."""
        return {
            "run_id": self.run_id,
            "added": self.added_count,
            "skipped": self.skipped,
            "duplicates": self.duplicate_count,
            "errors": [{"path": e.path, "record": e.record, "reason": e.reason} for e in self.errors],
            "notes": [{"id": doc_id, "source": source, "note": text} for doc_id, source, text in self.notes],
            "documents": [
                {
                    "id": d.id,
                    "source": d.locator,
                    "title": d.title,
                    "language": d.language,
                    "chars": d.chars,
                    "duplicate_of": d.duplicate_of,
                    "duplicate_kind": d.duplicate_kind,
                }
                for d in self.added
            ],
        }


def run(
    paths: Iterable[str],
    store: Store,
    options: Settings | None = None,
    on_item: Callable[[Document | InputError, str], None] | None = None,
    workers: int = 1,
    engine: Engine | None = None,
) -> RunReport:
    """Ingest, clean and store every document under ``paths`` (files, directories, ``-``, URLs).

    ``engine`` applies the pipeline (default: ``LocalEngine(workers)``, which runs it in ``workers``
    processes when > 1); the parent still detects duplicates and writes in input order, so the store
    is the same for any engine and any N.

    ``on_item(item, outcome)`` is called once per document or error, with outcome one of
    "added", "skipped", "error" (the CLI draws its progress bar from it).
    """
    paths = list(paths)
    options = options if options is not None else Settings.defaults()
    with Fetcher(FetchOptions.of(options)) as fetcher:
        return run_items(read_inputs(paths, store, options, fetcher), paths, store, options, on_item, workers, engine)


def read_inputs(paths: Sequence[str], store: Store | None, options: Settings, fetcher: Fetcher) -> Iterator[Item]:
    """What ``paths`` hold (``ingest.read_paths``), feed items replaced by their linked pages
    with ``fetch.articles`` (an item the store holds a document from is not fetched again)."""
    items = read_paths(paths, options.reader, fetcher)
    if not options.fetch.articles:
        return items
    if store is None:
        return with_articles(items, fetcher)
    return with_articles(items, fetcher, store.versions.current_version)


def run_items(
    items: Iterable[Item],
    inputs: Sequence[str],
    store: Store,
    options: Settings | None = None,
    on_item: Callable[[Document | InputError, str], None] | None = None,
    workers: int = 1,
    engine: Engine | None = None,
) -> RunReport:
    """``run`` over documents and errors read already (``claimgraph watch``'s polls): skipped when
    stored, processed by ``engine``, stored and linked; the run's record names ``inputs``."""
    options = options if options is not None else Settings.defaults()
    engine = engine if engine is not None else LocalEngine(workers)
    writer = StoreWriter(
        store, inputs, options.near_duplicate_threshold, on_item, settings=options.with_absolute_paths().to_dict()
    )
    try:
        # stored documents are skipped before cleaning: re-runs and resumed runs cost only a read
        unseen = writer.skip_stored(items)
        # each document's rows are rendered where it was processed: in the workers, the parent
        # (the serial part of a run) only decides duplicates and appends the rows
        writer.write_all(engine.process(unseen, options, prepare=rows_for_store))
    finally:
        writer.finish()
    return writer.report


class StoreWriter:
    """The corpus-level half of a run: duplicate detection against everything already stored,
    batched writes, and the run's record and report. `run` and `claimgraph load` both write
    through it, so a document gets stored the same way whichever engine processed it."""

    def __init__(
        self,
        store: Store,
        inputs: Iterable[str],
        threshold: float,
        on_item: Callable[[Document | InputError, str], None] | None = None,
        settings: dict | None = None,
    ):
        registry()  # plugins' annotation kinds are registered with the store before it writes any
        self.store = store
        self.index = DuplicateIndex(threshold=threshold)
        self.index.load(store.documents.canonical_signatures())
        self.edits = EditedInputs(store, self.index)
        # the run's settings (Settings.to_dict()) are stored with it: uploads and `load` reuse them
        self.report = RunReport(run_id=store.start_run(inputs, settings), store=store)
        self._on_item = on_item
        # the analyst's disputed-questions files (setting link.questions), for the propositions step
        self.questions = tuple(((settings or {}).get("link") or {}).get("questions") or ())

    def notify(self, item: Document | InputError, outcome: str) -> None:
        if self._on_item is not None:
            self._on_item(item, outcome)

    def skip_stored(self, items: Iterable) -> Iterator:
        """Pass on what the store does not hold yet (items: documents, errors or (document,
        signature) pairs); count and report the rest as skipped. One store look-up per group of
        documents: a look-up scans the id column whatever it asks for (see Store.stored_ids)."""
        stream = iter(items)
        while group := list(islice(stream, LOOKUP_DOCUMENTS)):
            docs = [item[0] if isinstance(item, tuple) else item for item in group]
            stored = self.store.stored_ids(d.id for d in docs if isinstance(d, Document))
            for item, doc in zip(group, docs):
                if isinstance(doc, Document) and doc.id in stored:
                    self.report.skipped += 1
                    self.notify(doc, "skipped")
                    continue
                yield item

    def error(self, error: InputError) -> None:
        self.report.errors.append(error)
        self.store.record_error(self.report.run_id, error)
        self.notify(error, "error")

    def write(
        self, item: Document | DocumentRows, stored_signature: bytes | None = None, known_new: bool = False
    ) -> None:
        """Decide whether the document duplicates a stored document and store it. ``item``: the
        document, or its rows rendered already (``rows_for_store``, in a worker); ``stored_signature``:
        a MinHash signature computed elsewhere (by Spark) to store instead of this one;
        ``known_new``: the store was just asked (``stored_ids``) and does not hold it."""
        rows = rows_for_store(item) if isinstance(item, Document) else item
        if isinstance(rows, InputError):  # e.g. text the store cannot hold; nothing was written
            self.error(rows)
            return
        self.edits.supersede_stale(rows.document)  # an edited input: its stored version is superseded
        doc = self.index.check(rows.document)
        signature = self.index.signature(doc)
        added = self.store.add_rows(
            rows,
            signature if stored_signature is None else stored_signature,
            run_id=self.report.run_id,
            known_new=known_new,
            document=doc,
        )
        if not added:  # the same document appeared twice in this run's inputs
            self.report.skipped += 1
            self.notify(doc, "skipped")
            return
        if doc.duplicate_of is None:
            self.index.add(doc, signature)
        self.report.count_added(doc)
        self.notify(doc, "added")

    def write_all(self, items: Iterable) -> None:
        """Store a stream of documents, their rendered rows (``rows_for_store``), errors or
        (document, signature) pairs in batched transactions, linking every ``LINK_DOCUMENTS``
        inputs and at the end."""
        stream = iter(items)
        while True:
            consumed = 0  # the segment is read lazily: a run holds a batch, not a segment
            for chunk in _chunks(islice(stream, LINK_DOCUMENTS), BATCH_DOCUMENTS, BATCH_SECONDS):
                consumed += len(chunk)
                self._write_batch(chunk)
            self.link()  # also on an empty input: it links what an interrupted run left
            if consumed < LINK_DOCUMENTS:
                break

    def _write_batch(self, chunk: list) -> None:
        with self.store.batch():
            # one look-up for the chunk; a repeat inside the batch is caught by add_rows
            stored = self.store.stored_ids(_document_of(item).id for item in chunk if not isinstance(item, InputError))
            for item in chunk:
                if isinstance(item, InputError):
                    self.error(item)
                    continue
                item, signature = item if isinstance(item, tuple) else (item, None)
                if _document_of(item).id in stored:
                    self.report.skipped += 1
                    self.notify(_document_of(item), "skipped")
                else:
                    self.write(item, signature, known_new=True)

    def link(self) -> None:
        """The after-run steps over every stored document they have not seen: what this run added
        since the last link, and what earlier runs stored but were killed or interrupted before
        linking. Each step works on those documents, not the whole store."""
        added, through = self.store.unlinked_documents()
        if not added:
            return
        self.store.lift_memory_limit()  # the after-run steps make larger single allocations (store.py)
        # one gazetteer for every step, built when one first needs it (most links need none)
        gazetteer = functools.cache(Gazetteer.load)
        # new reports may join clusters of events already stored
        changed = cluster_new_events(self.store, added, Coref(gazetteer=gazetteer))
        # new claims join (or open) propositions across sources
        proposition_config = load_proposition_config(questions=self.questions)
        vectors = ClaimVectors()  # the claim vectors propositions compute, matched again by disputes
        update_propositions(self.store, config=proposition_config, keep=vectors, documents=added)
        # the figures, facts and denials the new documents touch
        update_disputes(
            self.store,
            added,
            clusters=set(changed.values()),
            weights=proposition_config,
            vectors=vectors,
            gazetteer=gazetteer,
        )
        repropose_all(self.store, added)  # ACH boards: new evidence and ratings; analyst overrides stay
        self.store.mark_linked(through)
        self.store.lower_memory_limit()

    def finish(self) -> RunReport:
        self.store.finish_run(self.report.run_id, self.report.added_count, self.report.skipped, len(self.report.errors))
        return self.report


def rows_for_store(item: Document | InputError) -> DocumentRows | InputError:
    """A processed document's rows as the store writes them (``store.rows.document_rows``), or the
    input error saying why it cannot be stored; errors pass through."""
    if isinstance(item, InputError):
        return item
    try:
        return document_rows(item)
    except InputRejected as exc:  # e.g. text the store cannot hold
        return InputError(item.source.path, exc.reason, item.source.record)


def _document_of(item: Document | DocumentRows | tuple) -> Document:
    if isinstance(item, tuple):
        item = item[0]
    return item.document if isinstance(item, DocumentRows) else item


def _chunks(items: Iterable, max_items: int, max_seconds: float) -> Iterator[list]:
    """Group a stream into lists of at most ``max_items``, cut early when ``max_seconds`` have passed."""
    chunk: list = []
    started = time.monotonic()
    for item in items:
        chunk.append(item)
        if len(chunk) >= max_items or time.monotonic() - started >= max_seconds:
            yield chunk
            chunk = []
            started = time.monotonic()
    if chunk:
        yield chunk


def extract(paths: Iterable[str], options: Settings | None = None) -> Iterator[Document | InputError]:
    """The pipeline only, nothing stored: for ``claimgraph extract``."""
    options = options if options is not None else Settings.defaults()
    with Fetcher(FetchOptions.of(options)) as fetcher:
        yield from Pipeline.from_settings(options).stream(read_inputs(list(paths), None, options, fetcher))
