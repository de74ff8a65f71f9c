"""The pipeline, top-down: ingest → clean → (language) → dedup → store.

``process_document`` is the per-document part: a pure function the CLI, the HTTP API and the Spark
job all call. ``run`` adds what needs the whole corpus (duplicate detection against everything
already stored) and writes each document to the store in its own transaction, so a run that is
killed loses nothing already stored and a re-run completes it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from claimgraph.claims import extract_claims
from claimgraph.clean import CleaningRules, clean_document, load_rules
from claimgraph.dedup import DuplicateIndex
from claimgraph.entities.extract import extract_entities, load_ontology
from claimgraph.entities.ontology import Ontology
from claimgraph.events import detect_events
from claimgraph.events.clusters import cluster_stored_events
from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest import ReaderOptions, read_paths
from claimgraph.language import detect_language
from claimgraph.model import Document, Source
from claimgraph.store import Store

# Documents are committed in batches: one transaction per document costs ~10-20 ms of commit alone.
# A kill loses at most one batch (at most this many documents or seconds of work); re-running adds it.
BATCH_DOCUMENTS = 200
BATCH_SECONDS = 2.0


@dataclass(frozen=True)
class PipelineOptions:
    reader: ReaderOptions = field(default_factory=ReaderOptions)
    rule_files: tuple[Path, ...] = ()  # user cleaning rules that extend the shipped ones
    near_duplicate_threshold: float = 0.8
    ontology_files: tuple[Path, ...] = ()  # user actor files that extend the shipped ontology


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What a run report keeps of each added document: a few fields, so a run's memory does not
    grow with the size of the documents (the documents themselves are in the store)."""

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
    def of(cls, doc: Document) -> "DocumentSummary":
        return cls(doc.id, doc.source, doc.meta.title, doc.language, len(doc.clean_text), doc.duplicate_of,
                   doc.duplicate_kind)


@dataclass
class RunReport:
    run_id: str | None = None
    added: list[DocumentSummary] = field(default_factory=list)
    skipped: int = 0  # already in the store
    errors: list[InputError] = field(default_factory=list)

    @property
    def duplicates(self) -> list[DocumentSummary]:
        return [d for d in self.added if d.duplicate_of]

    def to_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "added": len(self.added),
            "skipped": self.skipped,
            "duplicates": len(self.duplicates),
            "errors": [{"path": e.path, "record": e.record, "reason": e.reason} for e in self.errors],
            "documents": [
                {"id": d.id, "source": d.locator, "title": d.title, "language": d.language,
                 "chars": d.chars, "duplicate_of": d.duplicate_of, "duplicate_kind": d.duplicate_kind}
                for d in self.added
            ],
        }


def process_document(doc: Document, rules: CleaningRules, ontology: Ontology | None = None) -> Document:
    """Every per-document stage, in order. Pure: the same input always gives the same output."""
    doc = clean_document(doc, rules)
    doc = detect_language(doc)
    doc = extract_entities(doc, ontology=ontology)
    doc = detect_events(doc)
    doc = extract_claims(doc)
    return doc


def process_stream(items: Iterable[Document | InputError], rules: CleaningRules,
                   ontology: Ontology | None = None) -> Iterator[Document | InputError]:
    """Apply the per-document stages to a stream; a document that fails becomes an InputError."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield process_document(item, rules, ontology)
        except Exception as exc:  # one bad document must not end the run
            yield InputError(item.source.path, f"processing failed: {type(exc).__name__}: {exc}", item.source.record)


def run(paths: Iterable[str], store: Store, options: PipelineOptions = PipelineOptions(),
        on_item: Callable[[Document | InputError, str], None] | None = None, workers: int = 1) -> RunReport:
    """Ingest, clean and store every document under ``paths``.

    ``workers`` > 1 runs the per-document stages in that many processes (``engines.local``); the
    parent still detects duplicates and writes in input order, so the store is the same for any N.

    ``on_item(item, outcome)`` is called once per document or error, with outcome one of
    "added", "skipped", "error" (the CLI draws its progress bar from it).
    """
    paths = list(paths)
    rules = load_rules(extra=options.rule_files)
    index = DuplicateIndex(threshold=options.near_duplicate_threshold)
    index.load(store.canonical_signatures())
    report = RunReport(run_id=store.start_run(paths))

    def notify(item: Document | InputError, outcome: str) -> None:
        if on_item is not None:
            on_item(item, outcome)

    def unseen(items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
        # Skip stored documents before cleaning them: re-runs and resumed runs cost only a read.
        for item in items:
            if isinstance(item, Document) and store.has_document(item.id):
                report.skipped += 1
                notify(item, "skipped")
                continue
            yield item

    def write(doc: Document) -> None:
        doc = index.check(doc)
        signature = index.signature(doc)
        try:
            added = store.add_document(doc, signature, run_id=report.run_id)
        except InputRejected as exc:  # e.g. text the store cannot hold; nothing was written
            error = InputError(doc.source.path, exc.reason, doc.source.record)
            report.errors.append(error)
            store.record_error(report.run_id, error)
            notify(error, "error")
            return
        if not added:  # the same document appeared twice in this run's inputs
            report.skipped += 1
            notify(doc, "skipped")
            return
        if doc.duplicate_of is None:
            index.add(doc, signature)
        report.added.append(DocumentSummary.of(doc))
        notify(doc, "added")

    try:
        if workers > 1:
            from claimgraph.engines.local import process_parallel

            stream = process_parallel(unseen(read_paths(paths, options.reader)), options, workers)
        else:
            stream = process_stream(unseen(read_paths(paths, options.reader)), rules, _ontology(options))
        for chunk in _chunks(stream, BATCH_DOCUMENTS, BATCH_SECONDS):
            with store.batch():
                for item in chunk:
                    if isinstance(item, InputError):
                        report.errors.append(item)
                        store.record_error(report.run_id, item)
                        notify(item, "error")
                    else:
                        write(item)
        if report.added:  # new reports may join clusters of events already stored
            cluster_stored_events(store)
    finally:
        store.finish_run(report.run_id, len(report.added), report.skipped, len(report.errors))
    return report


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


def extract(paths: Iterable[str], options: PipelineOptions = PipelineOptions()) -> Iterator[Document | InputError]:
    """Per-document stages only, nothing stored: for ``claimgraph extract`` and the Spark job."""
    rules = load_rules(extra=options.rule_files)
    ontology = _ontology(options)
    return process_stream(read_paths(list(paths), options.reader), rules, ontology)


def _ontology(options: PipelineOptions) -> Ontology:
    """The shipped ontology plus the user's files (an unusable file raises OntologyError, one line)."""
    return load_ontology(tuple(str(p) for p in options.ontology_files))
