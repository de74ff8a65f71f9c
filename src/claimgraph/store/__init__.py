"""Persistence: one DuckDB file per store, schema versioned by the SQL files in ``migrations/``."""

from .schema import available_migrations
from .store import MIN_PREFIX, Store

__all__ = ["Store", "MIN_PREFIX", "available_migrations"]
