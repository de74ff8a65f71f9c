"""Persistence: one DuckDB file per store, schema versioned by the SQL files in ``migrations/``."""

from .documents import MIN_PREFIX
from .schema import available_migrations
from .store import Store, StoreInUse

__all__ = ["Store", "StoreInUse", "MIN_PREFIX", "available_migrations"]
