"""Sentence vectors in the store (``store.vectors``: the ``sentence_embeddings`` table, migration
005): what the embedders encoded, kept so a sentence is encoded once across runs, and the
propositions' summed member vectors (link/propositions.py)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import duckdb
import numpy as np

from .params import as_json, unnest, unnested

if TYPE_CHECKING:
    from .store import Store


class VectorRepository:
    """The ``sentence_embeddings`` table of one store."""

    def __init__(self, store: Store):
        self.store = store

    def read(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of ``keys`` (those the table has), fetched as numpy arrays: ``Store.query``
        gives Python lists, and 100k vectors of 128 floats as lists cost seconds."""
        with self.store.batch() as s:  # the store's connection, under its lock
            result = (
                s._connection()
                .execute(
                    f"SELECT key, vector FROM sentence_embeddings WHERE key IN {unnested('keys')}",
                    {"keys": as_json(keys)},
                )
                .fetchnumpy()
            )
        return {key: np.asarray(vector, dtype=np.float32) for key, vector in zip(result["key"], result["vector"])}

    def read_lists(self, keys: Sequence[str]) -> list[tuple[str, list[float]]]:
        """(key, vector) of the ``keys`` the table has, read on this thread's cursor (beside an ingest);
        none when the store has no vector table."""
        if not self.store.query(
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'sentence_embeddings'"
        )[0]["n"]:
            return []
        return [
            (r["key"], r["vector"])
            for r in self.store.query(
                f"SELECT key, vector FROM sentence_embeddings WHERE key IN {unnested('keys')}",
                {"keys": as_json(keys)},
            )
        ]

    def add(self, keys: Sequence[str], vector_of: Callable[[str], np.ndarray], mode: str, *, slice_size: int) -> None:
        """Store the vectors (``vector_of(key)``) of keys not stored yet, in one transaction, ``slice_size``
        per statement (stacked a slice at a time)."""
        with self.store.batch() as s:
            for first in range(0, len(keys), slice_size):
                keys_slice = keys[first : first + slice_size]
                write_vectors(
                    s._connection(), keys_slice, np.stack([vector_of(k) for k in keys_slice]), mode, replace=False
                )

    def replace_mode(self, mode: str, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Every vector of ``mode`` replaced by these, in one transaction."""
        with self.store.batch() as s:
            con = s._connection()
            con.execute("DELETE FROM sentence_embeddings WHERE mode = $mode", {"mode": mode})
            write_vectors(con, keys, vectors, mode, replace=True)


def write_vectors(
    connection: duckdb.DuckDBPyConnection, keys: Sequence[str], vectors: np.ndarray, mode: str, *, replace: bool
) -> None:
    """Insert rows of ``sentence_embeddings`` (``replace``: over rows with the same key; else rows
    already there stay; a key given twice is written once, its first vector), on ``connection``
    inside the caller's transaction. DuckDB reads the vectors
    straight from numpy, one column per dimension: a JSON value of them cost ~8x the CPU (float
    formatting and parsing) and, for 100k vectors as one value, took DuckDB past 3 GiB."""
    if not len(keys):
        return
    first = list(dict.fromkeys(keys))  # the table has no key index (migration 013): one row per key
    if len(first) != len(keys):
        position = {}
        for i, key in enumerate(keys):
            position.setdefault(key, i)
        keys, vectors = first, np.asarray(vectors)[[position[k] for k in first]]
    columns = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).T)
    dim = len(columns)
    source = {f"v{j}": columns[j] for j in range(dim)}
    # the keys as one JSON text joined by position: a column of Python strings is converted one
    # string at a time, each paying a failed import of pandas where it is absent (store/params.py)
    source["position"] = np.arange(len(keys), dtype=np.int64)
    keyed = f"(SELECT {unnest('keys')} AS key, unnest(range({len(keys)})) AS position)"
    params = {"keys": as_json(keys)}
    name = f"new_vectors_{secrets.token_hex(4)}"
    connection.register(name, source)
    try:
        if replace:
            connection.execute(f"DELETE FROM sentence_embeddings WHERE key IN {unnested('keys')}", params)
        elements = ", ".join(f"v.v{j}" for j in range(dim))
        # without ``replace`` a key stored already keeps its row (as INSERT OR IGNORE did with the key index)
        unseen = (
            ""
            if replace
            else f"WHERE k.key NOT IN (SELECT key FROM sentence_embeddings WHERE key IN {unnested('keys')}) "
        )
        connection.execute(
            "INSERT INTO sentence_embeddings (key, mode, dim, vector) "
            f"SELECT k.key, $mode, {dim}, [{elements}]::FLOAT[] FROM {keyed} k JOIN {name} v "
            f"ON v.position = k.position {unseen}ORDER BY k.position",
            {"mode": mode, **params},
        )
    finally:
        connection.unregister(name)
