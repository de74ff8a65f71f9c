"""Reads about the stored documents as a whole (``store.documents``): their languages, sources,
offsets, and what the store holds. Writing and rebuilding a document is ``Store``'s own
(``add_document``, ``get_document``): it is one transaction with everything that points into it.

Source rows come back as dicts: ``link.propositions.source_key`` reads claim, member and document
rows alike by key."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..model import OffsetMap
from .versions import current

if TYPE_CHECKING:
    from .store import Store


class Holdings(NamedTuple):
    """What the store holds, duplicates and old versions of edited inputs aside."""

    documents: int
    events: int  # distinct events: a cluster counts once; negated and hypothetical events not at all
    claims: int
    propositions: int
    contested: int


class DocumentRepository:
    """Whole-store reads of the ``documents`` table (and the counts of what points into it)."""

    def __init__(self, store: Store):
        self.store = store

    def count(self) -> int:
        return self.store.query("SELECT count(*) AS n FROM documents")[0]["n"]

    def languages(self) -> list[str]:
        """The languages of the stored documents, by code."""
        return [
            r["language"]
            for r in self.store.query(
                "SELECT DISTINCT language FROM documents WHERE language IS NOT NULL ORDER BY language"
            )
        ]

    def canonical_language_counts(self) -> dict[str, int]:
        """language -> canonical (current) documents in it, most documents first."""
        return {
            r["language"]: r["n"]
            for r in self.store.query(
                "SELECT language, count(*) AS n FROM documents WHERE language IS NOT NULL "
                f"AND duplicate_of IS NULL AND {current('id')} GROUP BY language ORDER BY n DESC, language"
            )
        }

    def title(self, doc_id: str) -> str | None:
        rows = self.store.query("SELECT title FROM documents WHERE id = ?", [doc_id])
        return rows[0]["title"] if rows else None

    def canonical_sources(self) -> list[dict[str, Any]]:
        """(id, site, author, source_path) of every canonical (current) document."""
        return self.store.query(
            f"SELECT id, site, author, source_path FROM documents WHERE duplicate_of IS NULL AND {current('id')}"
        )

    def offset_maps(self, doc_ids: Iterable[str]) -> dict[str, OffsetMap]:
        """The clean-to-raw offset map of each of ``doc_ids``."""
        ids = list(doc_ids)
        if not ids:
            return {}
        return {
            r["id"]: OffsetMap.from_list(json.loads(r["offsets"]))
            for r in self.store.query("SELECT id, offsets FROM documents WHERE list_contains(?, id)", [ids])
        }

    def annotation_counts(self) -> dict[str, int]:
        """How many entities, events and claims the store holds."""
        return self.store.query(
            "SELECT (SELECT count(*) FROM entities) AS entities, "
            "(SELECT count(*) FROM events) AS events, (SELECT count(*) FROM claims) AS claims"
        )[0]

    def holdings(self) -> Holdings:
        return Holdings(
            **self.store.query(f"""
            SELECT (SELECT count(*) FROM documents d WHERE duplicate_of IS NULL AND {current()}) AS documents,
                   (SELECT count(DISTINCT coalesce(cluster_id, id)) FROM events
                     WHERE NOT coalesce(negated, false) AND modality IS NULL AND {current("doc_id")}) AS events,
                   (SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id
                     WHERE d.duplicate_of IS NULL AND {current()}) AS claims,  -- what `claimgraph claims` lists
                   (SELECT count(*) FROM propositions) AS propositions,
                   (SELECT count(*) FROM propositions WHERE contested_score > 0) AS contested""")[0]
        )
