"""The Parquet layout of processed documents, and loading it into the DuckDB store.

One nested table, one row per document, whose columns are ``Document.to_dict()``: the schema is
derived from ``model.DOCUMENT_SCHEMA`` (the JSON output's schema), so a field added to a dataclass
shows up here with no edit. Four columns follow it:

* ``minhash``: the MinHash signature (``DuplicateIndex.signature``), the bytes the store keeps;
* ``annotations``: the plugin annotation kinds (``Document.annotations``) as JSON text, null when
  there are none: their dataclasses vary with the plugins installed, the table's schema cannot;
* ``input_index``, ``input_file``, ``position``: where the document came in (which PATHS argument,
  which file, which record of the file). ``load_parquet`` replays documents in that order, the
  order the local engine reads them in, so the same document is canonical either way.

A second table, ``errors``, holds the inputs that failed (path, record, reason).

    OUT/documents/part-*.parquet
    OUT/errors/part-*.parquet

Duplicates are decided at load time, not in the job: "first seen wins" needs one ordered pass over
everything already stored, which the store's ``DuplicateIndex`` is (see docs/scaling.md).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError, InputRejected
from claimgraph.model import (
    DOCUMENT_SCHEMA,
    Claim,
    Document,
    Event,
    Mention,
    Metadata,
    OffsetMap,
    Paragraph,
    Removal,
    Source,
)
from claimgraph.store.annotations import registered_kinds
from claimgraph.store.parquet import read_in_input_order

DOCUMENTS_TABLE = "documents"
ERRORS_TABLE = "errors"
# Columns after the document's own: (name, JSON Schema) so every schema walker below handles them.
EXTRA_COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("minhash", {"type": ["binary", "null"]}),
    ("annotations", {"type": ["string", "null"]}),
    ("input_index", {"type": "integer"}),
    ("input_file", {"type": "string"}),
    ("position", {"type": "integer"}),
)
ERROR_COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("path", {"type": "string"}),
    ("record", {"type": ["string", "null"]}),
    ("reason", {"type": "string"}),
    ("input_index", {"type": "integer"}),
    ("input_file", {"type": "string"}),
    ("position", {"type": "integer"}),
)
ROWS_PER_FETCH = 500  # documents read from Parquet per round trip at load time


def document_columns() -> list[tuple[str, dict[str, Any]]]:
    """(column, JSON Schema) of the documents table, in order."""
    return list(DOCUMENT_SCHEMA["properties"].items()) + list(EXTRA_COLUMNS)


def _base_type(schema: dict[str, Any]) -> str:
    """The one JSON type a (possibly nullable) schema stands for."""
    if "enum" in schema:
        return "string"
    if "anyOf" in schema:
        return _base_type(next(s for s in schema["anyOf"] if s.get("type") != "null"))
    kind = schema["type"]
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    return kind


# -- Spark schema --------------------------------------------------------------------------------


def spark_schema(columns: list[tuple[str, dict[str, Any]]] | None = None):
    """The Spark ``StructType`` of the documents table (pass ERROR_COLUMNS for the errors table)."""
    from pyspark.sql import types as T

    scalars = {
        "string": T.StringType(),
        "integer": T.LongType(),
        "number": T.DoubleType(),
        "boolean": T.BooleanType(),
        "binary": T.BinaryType(),
    }

    def convert(schema: dict[str, Any]):
        kind = _base_type(schema)
        if kind == "array":
            return T.ArrayType(convert(schema["items"]), True)
        if kind == "object":
            return T.StructType([T.StructField(k, convert(v), True) for k, v in schema["properties"].items()])
        return scalars[kind]

    columns = document_columns() if columns is None else list(columns)
    return T.StructType([T.StructField(name, convert(schema), True) for name, schema in columns])


def row_converter(columns: list[tuple[str, dict[str, Any]]] | None = None) -> Callable[[dict[str, Any]], tuple]:
    """A function from a dict (``to_dict()`` plus the extra columns) to a tuple in schema order, with
    numbers made float where the schema says number (Spark rejects an int in a double column)."""

    def make(schema: dict[str, Any]) -> Callable[[Any], Any]:
        kind = _base_type(schema)
        if kind == "number":
            return lambda v: None if v is None else float(v)
        if kind == "array":
            item = make(schema["items"])
            return lambda v: None if v is None else [item(x) for x in v]
        if kind == "object":
            fields = [(k, make(s)) for k, s in schema["properties"].items()]
            return lambda v: None if v is None else tuple(f(v.get(k)) for k, f in fields)
        return lambda v: v

    columns = document_columns() if columns is None else list(columns)
    convert = make({"type": "object", "properties": dict(columns)})
    if "annotations" not in dict(columns):
        return convert
    # to_dict() gives the plugin kinds as a mapping; the column holds its JSON text
    return lambda row: convert(
        {**row, "annotations": annotations_column(row["annotations"])} if "annotations" in row else row
    )


def annotations_column(value: Any) -> str | None:
    """The ``annotations`` column of a documents row: ``to_dict()["annotations"]`` as JSON text."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False) if value else None


# -- back to Documents ---------------------------------------------------------------------------


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    """A flat annotation dataclass from its JSON form (raw_* twins and unknown keys dropped)."""
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value, hint = data[f.name], hints[f.name]
        if typing.get_origin(hint) in (typing.Union, types.UnionType):  # "tuple[X, ...] | None": None kept
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        if typing.get_origin(hint) is tuple and value is not None:
            inner = typing.get_args(hint)[0]
            value = tuple(_from_dict(inner, v) if dataclasses.is_dataclass(inner) else v for v in value)
        values[f.name] = value
    return cls(**values)


def _annotations(value: Any) -> dict[str, tuple]:
    """``Document.annotations`` from its JSON form (a mapping, or its text in a Parquet row); each
    kind must be registered (``register_annotation_kind``) for its dataclass to be known."""
    if not value:
        return {}
    kinds = {spec.field: spec.item for spec in registered_kinds()}
    data = json.loads(value) if isinstance(value, str) else value
    unknown = sorted(set(data) - set(kinds))
    if unknown:
        raise InputRejected(f"annotation kind(s) {', '.join(unknown)} not registered (a plugin missing?)")
    return {kind: tuple(_from_dict(kinds[kind], item) for item in items) for kind, items in data.items() if items}


def document_from_dict(data: dict[str, Any]) -> Document:
    """The Document a ``to_dict()`` (or a row of the documents table) describes."""
    return Document(
        id=data["id"],
        source=Source(**data["source"]),
        raw_text=data["raw_text"],
        meta=Metadata(**data["meta"]),
        clean_text=data["clean_text"],
        removals=tuple(Removal(**r) for r in data["removals"] or ()),
        offsets=OffsetMap.from_list(data["offsets"] or ()),
        language=data.get("language"),
        language_score=data.get("language_score"),
        paragraphs=tuple(Paragraph(**p) for p in data.get("paragraphs") or ()),
        content_hash=data.get("content_hash"),
        duplicate_of=data.get("duplicate_of"),
        duplicate_kind=data.get("duplicate_kind"),
        duplicate_similarity=data.get("duplicate_similarity"),
        entities=tuple(_from_dict(Mention, m) for m in data.get("entities") or ()),
        events=tuple(_from_dict(Event, e) for e in data.get("events") or ()),
        claims=tuple(_from_dict(Claim, c) for c in data.get("claims") or ()),
        annotations=_annotations(data.get("annotations")),
    )


# -- reading -------------------------------------------------------------------------------------


def _table_glob(out_dir: str | Path, table: str) -> str:
    return str(Path(out_dir) / table / "*.parquet")


def _check_output(out_dir: str | Path) -> None:
    directory = Path(out_dir) / DOCUMENTS_TABLE
    if not directory.is_dir():
        raise InputRejected(f"no {DOCUMENTS_TABLE}/ table (not a claimgraph Parquet output)")
    if not any(directory.glob("*.parquet")) and not (directory / "_SUCCESS").exists():
        raise InputRejected(f"{DOCUMENTS_TABLE}/ holds no Parquet files and no _SUCCESS marker (job not finished?)")


def read_rows(out_dir: str | Path, table: str = DOCUMENTS_TABLE) -> Iterator[dict[str, Any]]:
    """Rows of a table as dicts, in input order (input_index, then the file's path components, then
    position: the order ``read_paths`` walks a directory in), streamed ``ROWS_PER_FETCH`` at a time."""
    if not any((Path(out_dir) / table).glob("*.parquet")):
        return
    yield from read_in_input_order(_table_glob(out_dir, table), ROWS_PER_FETCH)


def read_documents(out_dir: str | Path) -> Iterator[tuple[Document, bytes | None]]:
    """(Document, MinHash signature) for each row of the documents table, in input order."""
    _check_output(out_dir)
    for row in read_rows(out_dir, DOCUMENTS_TABLE):
        signature = row.get("minhash")
        yield document_from_dict(row), None if signature is None else bytes(signature)


def read_errors(out_dir: str | Path) -> Iterator[InputError]:
    for row in read_rows(out_dir, ERRORS_TABLE):
        yield InputError(row["path"], row["reason"], row["record"])


def load_parquet(
    out_dir: str | Path,
    store,
    threshold: float = 0.8,
    on_item: Callable[[Document | InputError, str], None] | None = None,
    settings: dict | None = None,
):
    """Import a Parquet output into ``store``: duplicates decided against everything stored, in
    input order, documents already stored skipped (loading twice adds nothing). Returns a RunReport."""
    from claimgraph.runner import StoreWriter

    _check_output(out_dir)
    writer = StoreWriter(store, [str(out_dir)], threshold, on_item, settings=settings)
    try:
        writer.write_all(itertools.chain(read_errors(out_dir), writer.skip_stored(read_documents(out_dir))))
    finally:
        writer.finish()
    return writer.report
