"""What the workbench's lists share (documents, claims, events): a page of a query, the rows of a
list's page by row id, and ``Listing``, a list's order and last pages in one state of the store."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .store import Store


def paged(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """``sql`` with LIMIT / OFFSET placeholders for a page, and its parameters."""
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    if offset:
        sql += " OFFSET ?"
        params = [*params, offset]
    return sql, params


def rows_at(store: Store, columns: str, source: str, alias: str, row_ids: np.ndarray) -> list[dict[str, Any]]:
    """``SELECT columns FROM source`` for the rows of the table aliased ``alias`` whose row ids are
    ``row_ids``, in that order."""
    if not len(row_ids):
        return []
    found = store.query(
        f"SELECT {alias}.rowid AS row_id__, {columns} FROM {source} WHERE {alias}.rowid IN "
        "(SELECT unnest($ids::BIGINT[]))",
        {"ids": row_ids.tolist()},
    )
    by_id = {r.pop("row_id__"): r for r in found}
    return [by_id[i] for i in row_ids.tolist() if i in by_id]


class Listing:
    """A workbench list in one state of the store: the row ids it shows per filter, in order (for
    claims and events), and the last pages read. A page of claims costs ~15-30 ms to read on a
    10k-document store however few its rows (DuckDB decompresses every vector of 2,048 rows that
    holds one of them, and a page's rows are spread over the table), so pages asked for again
    are kept."""

    PAGES = 64  # pages kept per list (of at most 500 rows each)

    def __init__(self, orders: dict[str, np.ndarray], keys: dict[str, np.ndarray] | None = None):
        self.orders = orders
        self.keys = keys  # what the order was computed from, when a newer one can start from it
        self._pages: OrderedDict[tuple, list[dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, key: tuple, read: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The rows of page ``key``, read by ``read()`` unless kept; copies, so callers may change them."""
        with self._lock:
            rows = self._pages.get(key)
            if rows is not None:
                self._pages.move_to_end(key)
        if rows is None:
            rows = read()
            with self._lock:
                self._pages[key] = rows
                while len(self._pages) > self.PAGES:
                    self._pages.popitem(last=False)
        return [dict(row) for row in rows]
