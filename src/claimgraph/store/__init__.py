"""Persistence: one DuckDB file per store, schema versioned by the SQL files in ``migrations/``."""

from .schema import available_migrations
from .store import MIN_PREFIX, Store

# the readers' annotation kinds (feed items, social posts), so any process reading a store reads them back
from .. import source_kinds  # noqa: E402,F401  (after Store: source_kinds imports store.annotations)

__all__ = ["Store", "MIN_PREFIX", "available_migrations"]
