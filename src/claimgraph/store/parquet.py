"""Reading a Parquet output (engines/parquet.py's layout) back, through an in-memory DuckDB: the
Parquet files are never part of a store, but DuckDB is what reads them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb


def read_in_input_order(glob: str, rows_per_fetch: int) -> Iterator[dict[str, Any]]:
    """Rows of the Parquet files ``glob`` matches as dicts, in input order (input_index, then the
    file's path components, then position), streamed ``rows_per_fetch`` at a time."""
    con = duckdb.connect()  # in memory: only reads the Parquet files
    try:
        cursor = con.execute(
            "SELECT * FROM read_parquet(?) ORDER BY input_index, string_split(input_file, '/'), position", [glob]
        )
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(rows_per_fetch):
            for row in rows:
                yield dict(zip(names, row))
    finally:
        con.close()
