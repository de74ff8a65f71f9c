"""What a document becomes in the store: its rows, rendered as the CSV lines of a batch write.

``Store`` writes a batch with one INSERT per table, read by DuckDB from a CSV file (store.py says
why). Rendering a document's rows needs nothing from the store, so the local engine renders them in
the worker that processed the document (``document_rows``): what then crosses to the parent is a
handful of strings instead of the ~250 dataclass objects a processed document holds (unpickling
them cost the parent ~1.6-2 ms per document, and the parent is the serial part of a run). The
parent adds only the columns that depend on the store and the run (``STORED_COLUMNS``: the
duplicate decision, the signature, the run) and appends the lines.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..errors import InputRejected
from ..model import NOTES_KIND, Document, OffsetMap
from .annotations import ANNOTATION_TABLES, BulkColumn, annotation_rows, bulk_columns, registered_kinds

# The documents columns rendered with the document, then those the store adds (in the CSV, each
# document's line is the first part followed by the second).
DOCUMENT_COLUMNS = (
    BulkColumn("id", "VARCHAR", "id"),
    BulkColumn("source_path", "VARCHAR", "source_path"),
    BulkColumn("source_format", "VARCHAR", "source_format"),
    BulkColumn("source_record", "VARCHAR", "source_record"),
    BulkColumn("title", "VARCHAR", "title"),
    BulkColumn("author", "VARCHAR", "author"),
    BulkColumn("date", "VARCHAR", "date"),
    BulkColumn("site", "VARCHAR", "site"),
    BulkColumn("url", "VARCHAR", "url"),
    BulkColumn("language", "VARCHAR", "language"),
    BulkColumn("language_score", "DOUBLE", "language_score"),
    BulkColumn("raw_text", "VARCHAR", "raw_text"),
    BulkColumn("clean_text", "VARCHAR", "clean_text"),
    BulkColumn("chars", "INTEGER", "chars"),
    BulkColumn("offsets", "VARCHAR", "offsets::JSON"),
)
STORED_COLUMNS = (
    BulkColumn("content_hash", "VARCHAR", "content_hash"),
    BulkColumn("duplicate_of", "VARCHAR", "duplicate_of"),
    BulkColumn("duplicate_kind", "VARCHAR", "duplicate_kind"),
    BulkColumn("duplicate_similarity", "DOUBLE", "duplicate_similarity"),
    BulkColumn("minhash", "VARCHAR", "unhex(minhash)"),  # hex in the CSV: it cannot carry raw bytes
    BulkColumn("ingested_at", "TIMESTAMP", "ingested_at"),
    BulkColumn("run_id", "VARCHAR", "run_id"),
)
# How many rows point into each document (migration 007): the workbench's document list shows them,
# and counting them for a page scanned each child table (~0.4 s a page on a 10k-document store).
DOCUMENT_COUNT_COLUMNS = (
    BulkColumn("doc_id", "VARCHAR", "doc_id"),
    BulkColumn("removals", "INTEGER", "removals"),
    BulkColumn("entities", "INTEGER", "entities"),
    BulkColumn("events", "INTEGER", "events"),
    BulkColumn("claims", "INTEGER", "claims"),
)
REMOVAL_COLUMNS = (
    BulkColumn("doc_id", "VARCHAR", "doc_id"),
    BulkColumn("seq", "INTEGER", "seq"),
    BulkColumn("raw_start", "INTEGER", "raw_start"),
    BulkColumn("raw_end", "INTEGER", "raw_end"),
    BulkColumn("rule", "VARCHAR", "rule"),
    BulkColumn("text", "VARCHAR", "text"),
)
PARAGRAPH_COLUMNS = (
    BulkColumn("doc_id", "VARCHAR", "doc_id"),
    BulkColumn("seq", "INTEGER", "seq"),
    BulkColumn("start", "INTEGER", "start"),
    BulkColumn("end", "INTEGER", '"end"'),
    BulkColumn("language", "VARCHAR", "language"),
    BulkColumn("language_score", "DOUBLE", "language_score"),
)
# table -> columns of its CSV, in the order the tables are written
TABLE_COLUMNS: dict[str, tuple[BulkColumn, ...]] = {
    "documents": DOCUMENT_COLUMNS + STORED_COLUMNS,
    "document_counts": DOCUMENT_COUNT_COLUMNS,
    "removals": REMOVAL_COLUMNS,
    "paragraphs": PARAGRAPH_COLUMNS,
    **{spec.table: bulk_columns(spec.item) for spec in ANNOTATION_TABLES},
}


def table_columns() -> dict[str, tuple[BulkColumn, ...]]:
    """``TABLE_COLUMNS`` and the tables of the plugin annotation kinds registered now."""
    return {**TABLE_COLUMNS, **{spec.table: bulk_columns(spec.item) for spec in registered_kinds()}}


# Stands for "" in the CSV: Python's csv writes None and "" alike (as ""), which DuckDB reads as
# NULL, so the rare empty string travels as this marker and the INSERT turns it back into "" (see
# store._select). Private-use characters no text field consists of.
EMPTY = "\ue000\ue001"


class DocumentRows:
    """A processed document ready for the store: ``document`` is the document without its
    annotations (removals, offsets, paragraphs, entities, events, claims: duplicate detection, the
    run report and progress callbacks read none of them), ``lines`` the CSV lines of its rows per
    table, annotations included. The "documents" line holds ``DOCUMENT_COLUMNS`` only and ends in a
    delimiter: the store appends ``STORED_COLUMNS`` (``stored_columns_line``)."""

    __slots__ = ("document", "lines")

    def __init__(self, document: Document, lines: dict[str, str]):
        self.document = document
        self.lines = lines

    def __reduce__(self):  # a tuple: unpickling runs no Python code but this class's __init__
        return DocumentRows, (self.document, self.lines)


def csv_writer(buffer: Any) -> Any:
    # the CSV dialect store._flush tells DuckDB to read
    return csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")


def _without_empty(rows: list[tuple]) -> list[tuple]:
    return [tuple(EMPTY if v == "" else v for v in row) if "" in row else row for row in rows]


def _csv_field(value: str | int | float | None) -> str:
    """One field as ``csv_writer`` writes it (None and strings quoted, quotes doubled), "" as EMPTY."""
    if value is None:
        return '""'
    if isinstance(value, str):
        return '"' + (value.replace('"', '""') if value else EMPTY) + '"'
    return str(value)  # as the csv module writes numbers (numpy floats included)


def _documents_line_start(values: tuple) -> str:
    """The documents row's first part (``DOCUMENT_COLUMNS``), ending in a delimiter. By hand, not with
    the csv module: it holds the raw and clean text, and ``str.replace`` quotes those ~10x faster
    than the csv writer's character-by-character loop (~0.25 of ~2.5 ms of a document's write)."""
    return ",".join([_csv_field(v) for v in values]) + ","


def document_rows(doc: Document) -> DocumentRows:
    """``doc``'s rows in every table as CSV lines; raises ``InputRejected`` when it holds text the
    store cannot hold (a lone surrogate: DuckDB stores UTF-8)."""
    check_encodable(doc)
    lines = {
        "documents": _documents_line_start(
            (
                doc.id,
                doc.source.path,
                doc.source.format,
                doc.source.record,
                doc.meta.title,
                doc.meta.author,
                doc.meta.date,
                doc.meta.site,
                doc.meta.url,
                doc.language,
                doc.language_score,
                doc.raw_text,
                doc.clean_text,
                len(doc.clean_text),
                json.dumps(doc.offsets.to_list(), separators=(",", ":")),
            )
        )
    }
    rows: dict[str, list[tuple]] = {
        "document_counts": [(doc.id, len(doc.removals), len(doc.entities), len(doc.events), len(doc.claims))],
    }
    if doc.removals:
        rows["removals"] = [(doc.id, i, r.raw_start, r.raw_end, r.rule, r.text) for i, r in enumerate(doc.removals)]
    if doc.paragraphs:
        rows["paragraphs"] = [
            (doc.id, i, p.start, p.end, p.language, p.language_score) for i, p in enumerate(doc.paragraphs)
        ]
    for spec, table_rows in annotation_rows(doc):
        rows[spec.table] = table_rows
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    for table, table_rows in rows.items():
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(_without_empty(table_rows))
        lines[table] = buffer.getvalue()
    # the notes stay: the run report and its callbacks tell the user of them (a truncated document)
    notes = {NOTES_KIND: doc.annotations[NOTES_KIND]} if doc.annotations.get(NOTES_KIND) else {}
    header = doc.replace(
        removals=(), offsets=OffsetMap(), paragraphs=(), entities=(), events=(), claims=(), annotations=notes
    )
    return DocumentRows(header, lines)


def stored_columns_line(
    writer: Any, doc: Document, signature: bytes | None, ingested_at: Any, run_id: str | None
) -> None:
    """Write the rest of ``doc``'s documents line (``STORED_COLUMNS``) with ``writer`` (``csv_writer``)."""
    row = (
        doc.content_hash,
        doc.duplicate_of,
        doc.duplicate_kind,
        doc.duplicate_similarity,
        None if signature is None else signature.hex(),
        ingested_at,
        run_id,
    )
    writer.writerow(_without_empty([row])[0])


def check_encodable(doc: Document) -> None:
    """DuckDB stores UTF-8: a lone surrogate (from undecodable input) cannot be written."""
    fields = [("raw text", doc.raw_text), ("clean text", doc.clean_text)]
    fields += [
        (f"metadata {k}", v)
        for k, v in (
            ("title", doc.meta.title),
            ("author", doc.meta.author),
            ("site", doc.meta.site),
            ("url", doc.meta.url),
            ("date", doc.meta.date),
        )
    ]
    fields += [("source path", doc.source.path), ("source record", doc.source.record)]
    fields += [(f"removal {i}", r.text) for i, r in enumerate(doc.removals)]
    for what, text in fields:
        if text is None:
            continue
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputRejected(
                f"{what} holds an invalid character (lone surrogate) at offset {exc.start}; cannot store it"
            ) from None
