"""Versioned schema: the SQL files in ``migrations/`` applied in order, each exactly once.

A migration is ``migrations/NNN_name.sql``: NNN is its version (unique, ascending), the name says
what it adds. Applied versions are recorded in ``schema_migrations``; opening a store applies the
pending ones, each in its own transaction, so a failed or killed migration leaves the store at the
previous version. Never edit a released migration: add a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

import duckdb

from ..errors import ClaimgraphError

_FILENAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL  -- UTC
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped with this version of claimgraph, by version."""
    found: dict[int, Migration] = {}
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        match = _FILENAME.match(entry.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise ClaimgraphError(
                f"two migrations have version {version:03d}: {found[version].name} and {match.group(2)}"
            )
        found[version] = Migration(version, match.group(2), entry.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def applied_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest applied migration version; 0 for a new store."""
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(con: duckdb.DuckDBPyConnection, location: str, *, read_only: bool = False) -> int:
    """Bring the store up to the newest schema this code knows; return the resulting version."""
    migrations = available_migrations()
    latest = migrations[-1].version if migrations else 0
    if not read_only:
        con.execute(_BOOTSTRAP)
    elif not _has_table(con, "schema_migrations"):
        raise ClaimgraphError(f"{location}: not a claimgraph store (no schema_migrations table)")
    current = applied_version(con)
    if current > latest:
        raise ClaimgraphError(
            f"{location}: store schema version {current} is newer than this claimgraph "
            f"understands (up to {latest}); upgrade claimgraph to open it"
        )
    pending = [m for m in migrations if m.version > current]
    if pending and read_only:
        raise ClaimgraphError(
            f"{location}: store schema version {current} needs migrating to {latest}; "
            "open it once for writing (e.g. run an ingest) first"
        )
    for migration in pending:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)", [migration.version, migration.name, utc_now()]
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise ClaimgraphError(
                f"{location}: migration {migration.version:03d}_{migration.name} failed: {_first_line(exc)}"
            ) from exc
    return applied_version(con)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()
    return bool(row[0])


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def utc_now() -> datetime:
    """Now in UTC as a naive datetime, the form every TIMESTAMP column holds."""
    return datetime.now(UTC).replace(tzinfo=None)
