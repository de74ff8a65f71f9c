"""Versions of an edited input (``store.versions``): a document read from the place a stored one was
read from (the same ``source_path`` and ``source_record``, the locator its id hashes), with other
text, supersedes it. The old version stays, as history (``claimgraph show`` and ``docs
--include-superseded`` show it, saying which version replaced it); every listing and every linking
step reads the current versions only, through the condition ``current`` (migration 010 says why
superseding is a table of its own).

The locator, not the URL: the same URL in two files is two captures of a page (two crawls, a
repost that kept the original's canonical link), each evidence of what the page said when it was
read; only a file read again is a new version of itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Source
from .schema import utc_now

if TYPE_CHECKING:
    from .store import Store


def current(doc_id: str = "d.id") -> str:
    """SQL condition: the document whose id is the column ``doc_id`` is the current version of its
    input (no later version superseded it)."""
    return f"{doc_id} NOT IN (SELECT doc_id FROM superseded)"


class VersionRepository:
    """The ``superseded`` table: which stored document replaced which."""

    def __init__(self, store: Store):
        self.store = store

    def current_locators(self, batch_size: int = 10_000) -> Iterator[tuple[str, str | None]]:
        """(source_path, source_record) of every current document, read in batches on a cursor of
        its own (a run keeps a key of each to know which inputs it has stored before)."""
        store = self.store
        with store._lock:
            cursor = store._connection().cursor()
            cursor.execute(f"SELECT source_path, source_record FROM documents d WHERE {current()}")
        try:
            while rows := cursor.fetchmany(batch_size):
                yield from rows
        finally:
            cursor.close()

    def current_version(self, source: Source) -> str | None:
        """The id of the current version of the input read from ``source`` (in the open batch or
        stored), or None when nothing was read from there before."""
        store = self.store
        with store._lock:
            for _, doc, *_ in reversed(store._pending_documents):  # the latest pending one is current
                if doc.source.path == source.path and doc.source.record == source.record:
                    return doc.id
            row = (
                store._connection()
                .execute(
                    "SELECT id FROM documents d WHERE source_path = ? AND source_record IS NOT DISTINCT FROM ? "
                    f"AND {current()} AND id NOT IN (SELECT unnest(?::VARCHAR[])) ORDER BY ingest_seq DESC LIMIT 1",
                    [source.path, source.record, [old for old, _, _ in store._pending_superseded]],
                )
                .fetchone()
            )
        return row[0] if row else None

    def supersede(self, old_id: str, new_id: str) -> None:
        """Record that ``new_id`` (stored, or added in the open batch) replaces ``old_id``: written
        with the open batch, so a document and the superseding of its old version are stored
        together or not at all."""
        store = self.store
        with store._lock, store.batch():
            store._pending_superseded.append((old_id, new_id, utc_now()))

    def superseded_by(self, doc_id: str) -> str | None:
        """The id of the version that replaced ``doc_id``; None for a current document."""
        rows = self.store.query("SELECT by_doc_id FROM superseded WHERE doc_id = ?", [doc_id])
        return rows[0]["by_doc_id"] if rows else None

    def count(self) -> int:
        """How many stored documents are old versions."""
        return self.store.query("SELECT count(*) AS n FROM superseded")[0]["n"]
