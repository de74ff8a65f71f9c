"""What ``claimgraph watch`` knows of each source (``store.watch``): validators for conditional
GET, when it is due, its errors (migration 011 says when a row is written)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

_COLUMNS = ("url", "etag", "last_modified", "polled_at", "changed_at", "next_poll", "failures", "last_error", "added")


@dataclass(frozen=True, slots=True)
class WatchState:
    """One source's row; times are naive UTC (``schema.utc_now``)."""

    url: str
    next_poll: datetime
    etag: str | None = None
    last_modified: str | None = None
    polled_at: datetime | None = None
    changed_at: datetime | None = None
    failures: int = 0
    last_error: str | None = None
    added: int = 0

    def replace(self, **changes) -> WatchState:
        return dataclasses.replace(self, **changes)


class WatchRepository:
    """The ``watch_sources`` table."""

    def __init__(self, store: Store):
        self.store = store

    def get(self, url: str) -> WatchState | None:
        store = self.store
        with store._lock:
            row = (
                store._connection()
                .execute(f"SELECT {', '.join(_COLUMNS)} FROM watch_sources WHERE url = ?", [url])
                .fetchone()
            )
        return WatchState(**dict(zip(_COLUMNS, row))) if row else None

    def all(self) -> list[WatchState]:
        """Every source's state, by URL."""
        store = self.store
        with store._lock:
            rows = (
                store._connection().execute(f"SELECT {', '.join(_COLUMNS)} FROM watch_sources ORDER BY url").fetchall()
            )
        return [WatchState(**dict(zip(_COLUMNS, row))) for row in rows]

    def save(self, state: WatchState) -> None:
        """Insert or replace the source's row, in one statement (its own transaction)."""
        values = [getattr(state, c) for c in _COLUMNS]
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
        store = self.store
        with store._lock:
            store._connection().execute(
                f"INSERT INTO watch_sources ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
                f"ON CONFLICT (url) DO UPDATE SET {updates}",
                values,
            )
