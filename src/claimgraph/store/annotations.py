"""Persistence of what the extract stages attach to a document: entities, events and claims.

Each kind is a tuple of flat dataclasses on ``Document`` (``model.Mention``, ``model.Event``,
``model.Claim``) stored in a table of the same fields plus ``doc_id`` and ``seq``. The columns
are read off the dataclasses, so writing and reading need no per-kind code; the tables themselves
are created by versioned migrations, and ``tests/store`` checks the two agree.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
import types
import typing
from dataclasses import dataclass
from typing import Any, Iterator

import duckdb

from ..model import Claim, Document, Event, Mention, Quantity


@dataclass(frozen=True)
class AnnotationTable:
    field: str  # Document attribute holding the tuple
    table: str
    item: type

    @property
    def columns(self) -> list[str]:
        return [f.name for f in dataclasses.fields(self.item)]


ANNOTATION_TABLES = (
    AnnotationTable("entities", "entities", Mention),
    AnnotationTable("events", "events", Event),
    AnnotationTable("claims", "claims", Claim),
)


def _sql_type(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _sql_type(next(a for a in typing.get_args(hint) if a is not type(None)))
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        return "VARCHAR[]" if inner is str else "JSON"
    return {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}[hint]


@functools.cache
def column_types(item: type) -> dict[str, str]:
    hints = typing.get_type_hints(item)
    return {f.name: _sql_type(hints[f.name]) for f in dataclasses.fields(item)}


class BulkColumn(typing.NamedTuple):
    """How one column travels in a bulk write: read from CSV as ``read_type``, inserted as ``select``
    (lists and nested values travel as JSON text, parsed back by DuckDB)."""

    name: str
    read_type: str
    select: str


@functools.cache
def bulk_columns(item: type) -> tuple[BulkColumn, ...]:
    """The table's columns (doc_id, seq, then the dataclass fields) as ``store.py`` bulk-writes them."""
    out = [BulkColumn("doc_id", "VARCHAR", "doc_id"), BulkColumn("seq", "INTEGER", "seq")]
    for name, sql_type in column_types(item).items():
        if sql_type == "VARCHAR[]":
            out.append(BulkColumn(name, "VARCHAR", f"""from_json("{name}", '["VARCHAR"]')"""))
        elif sql_type == "JSON":
            out.append(BulkColumn(name, "VARCHAR", f'"{name}"::JSON'))
        else:
            out.append(BulkColumn(name, sql_type, f'"{name}"'))
    return tuple(out)


@functools.cache
def _row_plan(item: type) -> tuple[Any, tuple[int, ...], tuple[int, ...]]:
    """(attrgetter of every field, positions of string-list fields, positions of nested fields):
    worked out once per dataclass, since asdict per item was most of a document's write cost."""
    names = [f.name for f in dataclasses.fields(item)]
    types_ = column_types(item)
    lists = tuple(i for i, n in enumerate(names) if types_[n] == "VARCHAR[]")
    nested = tuple(i for i, n in enumerate(names) if types_[n] == "JSON")
    return operator.attrgetter(*names), lists, nested


@functools.cache
def _field_names(item: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(item))


def _nested_json(values: tuple) -> str:
    """JSON of a tuple of flat dataclasses (``Quantity``), as ``dataclasses.asdict`` would give it
    without its deep copy of every value (~4x slower)."""
    names = _field_names(type(values[0]))
    return json.dumps([{name: getattr(v, name) for name in names} for v in values], ensure_ascii=False)


def annotation_rows(doc: Document) -> Iterator[tuple[AnnotationTable, list[tuple]]]:
    """(table, rows) for each non-empty annotation kind of ``doc``; a row is (doc_id, seq, *fields),
    with string lists and nested values (quantities) as JSON text."""
    for spec in ANNOTATION_TABLES:
        items = getattr(doc, spec.field)
        if not items:
            continue
        getter, lists, nested = _row_plan(spec.item)
        rows = []
        for seq, item in enumerate(items):
            values = getter(item)
            if lists or nested:
                values = list(values)
                # most of these lists are empty: "[]" is what json.dumps gives, without its call
                for i in lists:
                    if values[i] is not None:
                        values[i] = json.dumps(list(values[i]), ensure_ascii=False) if values[i] else "[]"
                for i in nested:
                    if values[i] is not None:
                        values[i] = _nested_json(values[i]) if values[i] else "[]"
            rows.append((doc.id, seq, *values))
        yield spec, rows


def _revive(item: type, row: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(item)
    for name, value in row.items():
        hint = hints[name]
        if typing.get_origin(hint) is tuple:
            inner = typing.get_args(hint)[0]
            if value is None:
                row[name] = ()
            elif inner is Quantity:
                row[name] = tuple(Quantity(**q) for q in (json.loads(value) if isinstance(value, str) else value))
            else:
                row[name] = tuple(value)
    return item(**row)


def read_annotations(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, tuple]:
    """The document's entities, events and claims, as ``Document`` keyword arguments."""
    out: dict[str, tuple] = {}
    for spec in ANNOTATION_TABLES:
        cols = ", ".join(f'"{c}"' for c in spec.columns)
        rows = con.execute(f"SELECT {cols} FROM {spec.table} WHERE doc_id = ? ORDER BY seq", [doc_id]).fetchall()
        out[spec.field] = tuple(_revive(spec.item, dict(zip(spec.columns, r))) for r in rows)
    return out


def create_table_sql(spec: AnnotationTable) -> str:
    """DDL matching the dataclass (used to write migrations and by the test that checks them)."""
    lines = ["    doc_id VARCHAR NOT NULL", "    seq INTEGER NOT NULL"]
    lines += [f'    "{name}" {t}' for name, t in column_types(spec.item).items()]
    lines.append("    PRIMARY KEY (doc_id, seq)")
    return f"CREATE TABLE {spec.table} (\n" + ",\n".join(lines) + "\n);"


if __name__ == "__main__":  # print the DDL of the named annotation tables (all by default)
    import sys

    wanted = set(sys.argv[1:])
    for spec in ANNOTATION_TABLES:
        if not wanted or spec.table in wanted:
            print(create_table_sql(spec))
