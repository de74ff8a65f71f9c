"""Persistence of what the stages attach to a document: entities, events, claims and plugin kinds.

Each kind is a tuple of flat dataclasses on ``Document`` (``model.Mention``, ``model.Event``,
``model.Claim``) stored in a table of the same fields plus ``doc_id`` and ``seq``. The columns
are read off the dataclasses, so writing and reading need no per-kind code. The built-in kinds'
tables are created by versioned migrations, and ``tests/store`` checks the two agree. A kind a
plugin adds (``register_annotation_kind``) lives in ``Document.annotations`` under its name; its
table (``annotation_<name>``) is created from its dataclass, with the same type mapping, when a
store opens or first meets the kind.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import BadInput, ClaimgraphError, Conflict
from ..model import (
    FEED_ITEMS_KIND,
    FIGURES_KIND,
    NOTES_KIND,
    POSTS_KIND,
    Claim,
    Document,
    Event,
    FeedItem,
    Figure,
    Mention,
    Note,
    Post,
)


@dataclass(frozen=True)
class AnnotationTable:
    field: str  # Document attribute holding the tuple; a plugin kind's name in Document.annotations
    table: str
    item: type
    plugin: bool = False

    @property
    def columns(self) -> list[str]:
        return [f.name for f in dataclasses.fields(self.item)]

    def items_of(self, doc: Document) -> tuple:
        return doc.annotations.get(self.field, ()) if self.plugin else getattr(doc, self.field)


ANNOTATION_TABLES = (
    AnnotationTable("entities", "entities", Mention),
    AnnotationTable("events", "events", Event),
    AnnotationTable("claims", "claims", Claim),
)


_KIND_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_REGISTERED: dict[str, AnnotationTable] = {}  # plugin kinds by name, in registration order


def register_annotation_kind(name: str, item: type) -> AnnotationTable:
    """Store ``Document.annotations[name]`` (a tuple of ``item`` instances: a flat dataclass whose
    fields are str, int, float, bool, optional ones of those, tuples of str or of flat dataclasses)
    in a table of its own. Registering the same kind again is a no-op; another type under a
    registered name, or a built-in kind's name, is refused."""
    if not isinstance(name, str) or not _KIND_NAME.match(name):
        raise BadInput(f"annotation kind {name!r}: a name is a lower-case letter, then letters, digits or _")
    if any(name == spec.field for spec in ANNOTATION_TABLES):
        raise Conflict(f"annotation kind {name!r} is built in")
    if not (isinstance(item, type) and dataclasses.is_dataclass(item)):
        raise BadInput(f"annotation kind {name!r}: {item!r} is not a dataclass")
    try:
        column_types(item)
    except (KeyError, TypeError, StopIteration) as exc:
        raise BadInput(
            f"annotation kind {name!r}: {item.__name__} has a field type the store cannot hold ({exc})"
        ) from None
    known = _REGISTERED.get(name)
    if known is not None and known.item is not item:
        raise Conflict(f"annotation kind {name!r} is registered already for {known.item.__name__}")
    spec = AnnotationTable(name, f"annotation_{name}", item, plugin=True)
    _REGISTERED[name] = spec
    return spec


def registered_kinds() -> tuple[AnnotationTable, ...]:
    """The plugin kinds registered in this process."""
    return tuple(_REGISTERED.values())


def _sql_type(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _sql_type(next(a for a in typing.get_args(hint) if a is not type(None)))
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        if inner is str:
            return "VARCHAR[]"
        if not dataclasses.is_dataclass(inner):
            raise TypeError(f"tuple[{getattr(inner, '__name__', inner)}, ...]")
        return "JSON"
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


def _kinds_of(doc: Document) -> Iterator[AnnotationTable]:
    yield from ANNOTATION_TABLES
    for name in doc.annotations:
        spec = _REGISTERED.get(name)
        if spec is None:
            raise ClaimgraphError(
                f"document {doc.id} holds annotation kind {name!r}, which is not registered "
                "(claimgraph.store.annotations.register_annotation_kind)"
            )
        yield spec


def annotation_rows(doc: Document) -> Iterator[tuple[AnnotationTable, list[tuple]]]:
    """(table, rows) for each non-empty annotation kind of ``doc``; a row is (doc_id, seq, *fields),
    with string lists and nested values (quantities) as JSON text."""
    for spec in _kinds_of(doc):
        items = spec.items_of(doc)
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
        optional = typing.get_origin(hints[name]) in (typing.Union, types.UnionType)
        hint = typing.get_args(hints[name])[0] if optional else hints[name]
        if typing.get_origin(hint) is tuple:
            inner = typing.get_args(hint)[0]
            if value is None:
                # "tuple[X, ...] | None" keeps None: not read (Claim.rejected_values), unlike "none found"
                row[name] = None if optional else ()
            elif dataclasses.is_dataclass(inner):  # nested values (a claim's quantities) stored as JSON
                row[name] = tuple(inner(**q) for q in (json.loads(value) if isinstance(value, str) else value))
            else:
                row[name] = tuple(value)
    return item(**row)


def _read_kind(con: duckdb.DuckDBPyConnection, spec: AnnotationTable, doc_id: str) -> tuple:
    cols = ", ".join(f'"{c}"' for c in spec.columns)
    rows = con.execute(f"SELECT {cols} FROM {spec.table} WHERE doc_id = ? ORDER BY seq", [doc_id]).fetchall()
    return tuple(_revive(spec.item, dict(zip(spec.columns, r))) for r in rows)


def read_annotations(
    con: duckdb.DuckDBPyConnection, doc_id: str, plugin_kinds: Iterable[AnnotationTable] = ()
) -> dict[str, Any]:
    """The document's entities, events, claims and the non-empty ``plugin_kinds`` (kinds whose
    tables the store holds), as ``Document`` keyword arguments."""
    out: dict[str, Any] = {spec.field: _read_kind(con, spec, doc_id) for spec in ANNOTATION_TABLES}
    out["annotations"] = {spec.field: items for spec in plugin_kinds if (items := _read_kind(con, spec, doc_id))}
    return out


def create_kind_tables(con: duckdb.DuckDBPyConnection, kinds: Iterable[AnnotationTable]) -> None:
    """The tables of plugin kinds, where missing: no migration, the dataclass is the schema."""
    for spec in kinds:
        con.execute(create_table_sql(spec, if_not_exists=True))


def existing_tables(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> set[str]:
    """Which of ``tables`` the store holds."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name IN (SELECT unnest($t::VARCHAR[]))", {"t": list(tables)}
    ).fetchall()
    return {r[0] for r in rows}


def create_table_sql(spec: AnnotationTable, *, if_not_exists: bool = False) -> str:
    """DDL matching the dataclass (used to write migrations, by the test that checks them, and to
    create plugin kinds' tables). No primary key: DuckDB re-writes a table's whole key index at
    every checkpoint after a change, and (doc_id, seq) stays unique without one, the rows being
    written only with their new document (migration 015). A kind's table made before this keeps
    its key."""
    lines = ["    doc_id VARCHAR NOT NULL", "    seq INTEGER NOT NULL"]
    lines += [f'    "{name}" {t}' for name, t in column_types(spec.item).items()]
    return f"CREATE TABLE {'IF NOT EXISTS ' if if_not_exists else ''}{spec.table} (\n" + ",\n".join(lines) + "\n);"


# the readers' kinds (docs/sources.md) and the pipeline's notes: registered with the store, so every
# process reading one reads them back
register_annotation_kind(POSTS_KIND, Post)
register_annotation_kind(FEED_ITEMS_KIND, FeedItem)
register_annotation_kind(NOTES_KIND, Note)
# the figures component's numbers (claimgraph.figures), which the disputes stage reads back
register_annotation_kind(FIGURES_KIND, Figure)


if __name__ == "__main__":  # print the DDL of the named annotation tables (all by default)
    import sys

    wanted = set(sys.argv[1:])
    for spec in ANNOTATION_TABLES:
        if not wanted or spec.table in wanted:
            print(create_table_sql(spec))
