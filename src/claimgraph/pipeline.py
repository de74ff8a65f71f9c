"""The pipeline, top-down: ingest → clean → (language) → dedup → store.

``process_document`` is the per-document part: a pure function the CLI, the HTTP API and the Spark
job all call. ``run`` adds what needs the whole corpus (duplicate detection against everything
already stored) and writes each document to the store in its own transaction, so a run that is
killed loses nothing already stored and a re-run completes it.
"""

from __future__ import annotations

import time
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from claimgraph.claims import extract_claims
from claimgraph.clean import CleaningRules, clean_document, load_rules
from claimgraph.dedup import DuplicateIndex
from claimgraph.entities.extract import extract_entities, load_ontology
from claimgraph.entities.ontology import Ontology
from claimgraph.events import detect_events
from claimgraph.events.clusters import cluster_new_events
from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest import ReaderOptions, read_paths
from claimgraph.language import detect_language
from claimgraph.ach import repropose_all
from claimgraph.link.propositions import update_propositions
from claimgraph.model import Document, Source
from claimgraph.store import Store

# Documents are committed in batches: one transaction per document costs ~10-20 ms of commit alone.
# A kill loses at most one batch (at most this many documents or seconds of work); re-running adds it.
BATCH_DOCUMENTS = 200
BATCH_SECONDS = 2.0
# Documents per store look-up when skipping what is already stored.
LOOKUP_DOCUMENTS = 64


@dataclass(frozen=True)
class PipelineOptions:
    reader: ReaderOptions = field(default_factory=ReaderOptions)
    rule_files: tuple[Path, ...] = ()  # user cleaning rules that extend the shipped ones
    near_duplicate_threshold: float = 0.8
    ontology_files: tuple[Path, ...] = ()  # user actor files that extend the shipped ontology
    mode: str = "accurate"  # entity stage: "accurate" (full re3d tagger) or "fast" (docs/entities.md)


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


def process_document(doc: Document, rules: CleaningRules, ontology: Ontology | None = None,
                     mode: str = "accurate") -> Document:
    """Every per-document stage, in order. Pure: the same input always gives the same output."""
    doc = clean_document(doc, rules)
    doc = detect_language(doc)
    doc = extract_entities(doc, ontology=ontology, mode=mode)
    doc = detect_events(doc)
    doc = extract_claims(doc)
    return doc


def process_stream(items: Iterable[Document | InputError], rules: CleaningRules,
                   ontology: Ontology | None = None, mode: str = "accurate") -> Iterator[Document | InputError]:
    """Apply the per-document stages to a stream; a document that fails becomes an InputError."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield process_document(item, rules, ontology, mode)
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
    writer = StoreWriter(store, paths, options.near_duplicate_threshold, on_item)
    try:
        # stored documents are skipped before cleaning: re-runs and resumed runs cost only a read
        unseen = writer.skip_stored(read_paths(paths, options.reader))
        if workers > 1:
            from claimgraph.engines.local import process_parallel

            stream = process_parallel(unseen, options, workers)
        else:
            stream = process_stream(unseen, rules, _ontology(options), options.mode)
        writer.write_all(stream)
    finally:
        writer.finish()
    return writer.report


class StoreWriter:
    """The corpus-level half of a run: duplicate detection against everything already stored,
    batched writes, and the run's record and report. `run` and `claimgraph load` both write
    through it, so a document gets stored the same way whichever engine processed it."""

    def __init__(self, store: Store, inputs: Iterable[str], threshold: float,
                 on_item: Callable[[Document | InputError, str], None] | None = None):
        self.store = store
        self.index = DuplicateIndex(threshold=threshold)
        self.index.load(store.canonical_signatures())
        self.report = RunReport(run_id=store.start_run(inputs))
        self._on_item = on_item

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

    def write(self, doc: Document, stored_signature: bytes | None = None, known_new: bool = False) -> None:
        """Decide whether ``doc`` duplicates a stored document and store it. ``stored_signature``:
        a MinHash signature computed elsewhere (by Spark) to store instead of this one;
        ``known_new``: the store was just asked (``stored_ids``) and does not hold it."""
        doc = self.index.check(doc)
        signature = self.index.signature(doc)
        try:
            added = self.store.add_document(doc, signature if stored_signature is None else stored_signature,
                                            run_id=self.report.run_id, known_new=known_new)
        except InputRejected as exc:  # e.g. text the store cannot hold; nothing was written
            self.error(InputError(doc.source.path, exc.reason, doc.source.record))
            return
        if not added:  # the same document appeared twice in this run's inputs
            self.report.skipped += 1
            self.notify(doc, "skipped")
            return
        if doc.duplicate_of is None:
            self.index.add(doc, signature)
        self.report.added.append(DocumentSummary.of(doc))
        self.notify(doc, "added")

    def write_all(self, items: Iterable) -> None:
        """Store a stream of documents, errors or (document, signature) pairs in batched transactions."""
        for chunk in _chunks(items, BATCH_DOCUMENTS, BATCH_SECONDS):
            with self.store.batch():
                # one look-up for the chunk; a repeat inside the batch is caught by add_document
                stored = self.store.stored_ids((item[0] if isinstance(item, tuple) else item).id
                                               for item in chunk if not isinstance(item, InputError))
                for item in chunk:
                    if isinstance(item, InputError):
                        self.error(item)
                        continue
                    doc, signature = item if isinstance(item, tuple) else (item, None)
                    if doc.id in stored:
                        self.report.skipped += 1
                        self.notify(doc, "skipped")
                    else:
                        self.write(doc, signature, known_new=True)
        if self.report.added:  # each step works on what this run added, not the whole store
            added = [d.id for d in self.report.added]
            cluster_new_events(self.store, added)  # new reports may join clusters of events already stored
            update_propositions(self.store)  # new claims join (or open) propositions across sources
            repropose_all(self.store, added)  # ACH boards: new evidence and ratings; analyst overrides stay

    def finish(self) -> RunReport:
        self.store.finish_run(self.report.run_id, len(self.report.added), self.report.skipped,
                              len(self.report.errors))
        return self.report


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
    return process_stream(read_paths(list(paths), options.reader), rules, ontology, options.mode)


def _ontology(options: PipelineOptions) -> Ontology:
    """The shipped ontology plus the user's files (an unusable file raises OntologyError, one line)."""
    return load_ontology(tuple(str(p) for p in options.ontology_files))
