"""Reads of the stored claims across documents (``store.claims``): what source profiles, the
claims page and semantic search read. The claim listings the CLI and the workbench page through
are ``Store.list_claims`` / ``Store.claim_rows``.

Search rows come back as dicts: they are the search hits' JSON as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from .versions import current

if TYPE_CHECKING:
    from .store import Store


class ClaimGrade(NamedTuple):
    """What a source profile counts of one claim."""

    doc_id: str
    status: str | None
    evidence: str | None
    disputed_by: str | None


class StatusCount(NamedTuple):
    status: str | None
    n: int


class ClaimRepository:
    """Cross-document reads of the ``claims`` table."""

    def __init__(self, store: Store):
        self.store = store

    def count(self) -> int:
        return self.store.query("SELECT count(*) AS n FROM claims")[0]["n"]

    def canonical_grades(self) -> list[ClaimGrade]:
        """Status, evidence grade and dispute of every claim of a canonical (current) document."""
        return [
            ClaimGrade(**r)
            for r in self.store.query(
                "SELECT c.doc_id, c.status, c.evidence, c.disputed_by FROM claims c "
                f"JOIN documents d ON d.id = c.doc_id WHERE d.duplicate_of IS NULL AND {current()}"
            )
        ]

    def status_counts(self) -> list[StatusCount]:
        """Claims per status (of current documents), most first."""
        return [
            StatusCount(**r)
            for r in self.store.query(
                f"SELECT status, count(*) AS n FROM claims c WHERE {current('c.doc_id')} "
                "GROUP BY status ORDER BY n DESC, status"
            )
        ]

    def canonical_for_search(self) -> list[dict[str, Any]]:
        """(id, doc_id, text, speaker_text, speaker_kind, status, doc_title) of every claim of a
        canonical (current) document, in document order."""
        return self.store.query(
            "SELECT c.id, c.doc_id, c.text, c.speaker_text, c.speaker_kind, c.status, d.title AS doc_title "
            f"FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.duplicate_of IS NULL AND {current()} "
            "ORDER BY d.ingest_seq, c.seq"
        )
