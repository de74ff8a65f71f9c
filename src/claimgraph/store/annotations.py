"""Persistence of what the extract stages attach to a document: entities, events and claims.

Each kind is a tuple of flat dataclasses on ``Document`` (``model.Mention``, ``model.Event``,
``model.Claim``) stored in a table of the same fields plus ``doc_id`` and ``seq``. The columns
are read off the dataclasses, so writing and reading need no per-kind code; the tables themselves
are created by versioned migrations, and ``tests/store`` checks the two agree.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from typing import Any

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


def column_types(item: type) -> dict[str, str]:
    hints = typing.get_type_hints(item)
    return {f.name: _sql_type(hints[f.name]) for f in dataclasses.fields(item)}


def _json_row(obj: Any, seq: int) -> dict[str, Any]:
    row = dataclasses.asdict(obj)
    row["seq"] = seq
    return row


def write_annotations(con: duckdb.DuckDBPyConnection, doc: Document) -> None:
    """Insert the document's entities, events and claims (inside the caller's transaction).

    Rows go in as one JSON parameter per table, unnested by DuckDB: binding each value as a
    Python parameter costs far more (see store.py)."""
    for spec in ANNOTATION_TABLES:
        items = getattr(doc, spec.field)
        if not items:
            continue
        types_ = column_types(spec.item)
        # nested values (quantities) travel as JSON text inside the JSON rows
        struct = {name: ("VARCHAR" if t == "JSON" else t) for name, t in types_.items()}
        struct["seq"] = "INTEGER"
        rows = []
        for i, item in enumerate(items):
            row = _json_row(item, i)
            for name, t in types_.items():
                if t == "JSON":
                    row[name] = json.dumps(row[name], ensure_ascii=False)
            rows.append(row)
        cols = ", ".join(f'"{c}"' for c in spec.columns)
        select = ", ".join(f'r."{c}"' for c in spec.columns)
        con.execute(
            f'INSERT INTO {spec.table} (doc_id, seq, {cols}) '
            f'SELECT $doc_id, r.seq, {select} FROM (SELECT unnest(from_json($rows::JSON, $struct), '
            f'recursive := true)) AS r',
            {"doc_id": doc.id, "rows": json.dumps(rows, ensure_ascii=False), "struct": json.dumps([struct])},
        )


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
