"""Summaries of the linked entities (``store.entities``): the actors and places the entity stage
resolved, with how often and where they are named, for `claimgraph actors` / `places` and the
workbench's actors page, map and brief.

Rows come back as dicts: they are the JSON answers (``actors --json``, ``/api/actors``,
``/api/places``) as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .versions import current

if TYPE_CHECKING:
    from .store import Store


class EntityRepository:
    """Whole-store aggregates of the ``entities`` table."""

    def __init__(self, store: Store):
        self.store = store

    def actors_with_documents(self, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Every linked actor with its mention count and the documents mentioning it, most mentioned
        first. Duplicate documents are left out unless asked for: a repost would count twice."""
        return self._with_documents(
            "actor_id", "any_value(actor_name) AS name, any_value(actor_type) AS type", include_duplicates
        )

    def places_with_documents(self, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Every resolved place with its coordinates, mention count and documents, most mentioned first."""
        return self._with_documents(
            "place_id",
            "any_value(place_name) AS name, any_value(country) AS country, any_value(admin1) AS admin1, "
            'any_value(lat) AS lat, any_value(lon) AS lon, any_value("precision") AS precision',
            include_duplicates,
        )

    def _with_documents(self, key: str, columns: str, include_duplicates: bool) -> list[dict[str, Any]]:
        where = f"AND {current()}" + ("" if include_duplicates else " AND d.duplicate_of IS NULL")
        sql = (
            f"SELECT e.{key} AS id, {columns}, count(*) AS mentions, count(DISTINCT e.doc_id) AS document_count, "
            f"list(DISTINCT e.doc_id ORDER BY e.doc_id) AS documents "
            f"FROM entities e JOIN documents d ON d.id = e.doc_id WHERE e.{key} IS NOT NULL {where} "
            f"GROUP BY e.{key} ORDER BY mentions DESC, id"
        )
        with self.store._lock:
            cursor = self.store._connection().execute(sql)
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def actor_summaries(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors the entity stage linked, with how often and in how many documents they are named,
        most named first. Aggregated over every mention once per state of the store (``derived``)."""
        rows = self.store.derived(
            "actor_summaries",
            lambda store: store.query(
                "SELECT actor_id, any_value(actor_name) AS name, any_value(actor_type) AS actor_type, "
                "count(*) AS mentions, count(DISTINCT doc_id) AS documents FROM entities "
                f"WHERE actor_id IS NOT NULL AND {current('doc_id')} GROUP BY actor_id ORDER BY mentions DESC, actor_id"
            ),
        )
        return [dict(row) for row in (rows if limit is None else rows[:limit])]

    def place_summaries(self) -> list[dict[str, Any]]:
        """Gazetteer places the entity stage linked, with coordinates and mention counts; aggregated
        once per state of the store (``derived``)."""
        rows = self.store.derived(
            "place_summaries",
            lambda store: store.query(
                "SELECT place_id, any_value(place_name) AS name, any_value(admin1) AS admin1, "
                "any_value(country) AS country, any_value(lat) AS lat, any_value(lon) AS lon, "
                "any_value(precision) AS precision, count(*) AS mentions, count(DISTINCT doc_id) AS documents "
                f"FROM entities WHERE place_id IS NOT NULL AND {current('doc_id')} "
                "GROUP BY place_id ORDER BY mentions DESC, place_id"
            ),
        )
        return [dict(row) for row in rows]
