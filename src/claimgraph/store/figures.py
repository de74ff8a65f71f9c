"""The stored figures (annotation kind "figures", table ``annotation_figures``): the numbers each
document gives about events and measured things (``model.Figure``), read across documents for the
disputes stage. Built on a store as ``FigureRepository(store)``; a store that has never held a
figure has no table, and every listing is then empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import FIGURES_KIND, Figure
from .annotations import _revive, existing_tables, register_annotation_kind
from .versions import current

if TYPE_CHECKING:
    from .store import Store

_SPEC = register_annotation_kind(FIGURES_KIND, Figure)  # registered already: returns its table


class FigureRepository:
    """Figures of canonical, current documents, by document, by event or by subject."""

    def __init__(self, store: Store):
        self.store = store

    def of_documents(self, doc_ids: list[str]) -> list[Figure]:
        return self._select("f.doc_id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": list(doc_ids)})

    def of_events(self, event_ids: list[str]) -> list[Figure]:
        """The tolls given for these event mentions (``Figure.event_id``)."""
        return self._select("f.event_id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": list(event_ids)})

    def of_clusters(self, cluster_ids: list[str]) -> list[Figure]:
        """The tolls of every event mention in these cross-document event clusters."""
        return self._select(
            "f.event_id IN (SELECT id FROM events WHERE cluster_id IN (SELECT unnest($ids::VARCHAR[])))",
            {"ids": list(cluster_ids)},
        )

    def about(self, subjects: list[str], measure: str | None = None) -> list[Figure]:
        """Figures about measured things (a group's strength, its camps), by ``Figure.subject``."""
        where, params = "f.subject IN (SELECT unnest($ids::VARCHAR[]))", {"ids": list(subjects)}
        if measure is not None:
            where += " AND f.measure = $measure"
            params["measure"] = measure
        return self._select(where, params)

    def _select(self, where: str, params: dict) -> list[Figure]:
        cols = ", ".join(f'f."{c}"' for c in _SPEC.columns)
        with self.store._lock:
            con = self.store._connection()
            if not existing_tables(con, [_SPEC.table]):
                return []
            rows = con.execute(
                f"""SELECT {cols} FROM {_SPEC.table} f JOIN documents d ON d.id = f.doc_id
                WHERE d.duplicate_of IS NULL AND {current()} AND {where}
                ORDER BY f.doc_id, f.seq""",
                params,
            ).fetchall()
        return [_revive(Figure, dict(zip(_SPEC.columns, row))) for row in rows]
