"""Persistence: one DuckDB file per store, schema versioned by the SQL files in ``migrations/``."""

# the readers' annotation kinds (feed items, social posts): any process that reads a store reads them back
from .. import source_kinds  # noqa: F401
from .schema import available_migrations
from .store import MIN_PREFIX, Store

__all__ = ["Store", "MIN_PREFIX", "available_migrations"]
