"""The stored figures (annotation kind "figures", table ``annotation_figures``): the numbers each
document gives about events and measured things (``model.Figure``), read across documents. Built on
a store as ``store.figures`` (``FigureRepository``); a store that has never held a figure has no
table, and every listing is then empty. The one reader of figures: the disputes stage reads them
here too (``in_context``: with their sentence, event and claim fields)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import FIGURES_KIND, Figure
from .annotations import _revive, existing_tables, register_annotation_kind
from .params import as_json, unnested
from .versions import current

if TYPE_CHECKING:
    from .store import Store

_SPEC = register_annotation_kind(FIGURES_KIND, Figure)  # registered already: returns its table
_IDS = unnested("ids")
_CANONICAL = f"d.duplicate_of IS NULL AND {current()}"


class FigureRepository:
    """Figures of canonical, current documents, by document, by event or by subject."""

    def __init__(self, store: Store):
        self.store = store

    def of_documents(self, doc_ids: list[str]) -> list[Figure]:
        return self._select(f"f.doc_id IN {_IDS}", {"ids": as_json(doc_ids)})

    def of_events(self, event_ids: list[str]) -> list[Figure]:
        """The tolls given for these event mentions (``Figure.event_id``)."""
        return self._select(f"f.event_id IN {_IDS}", {"ids": as_json(event_ids)})

    def of_clusters(self, cluster_ids: list[str]) -> list[Figure]:
        """The tolls of every event mention in these cross-document event clusters."""
        return self._select(
            f"f.event_id IN (SELECT id FROM events WHERE cluster_id IN {_IDS})", {"ids": as_json(cluster_ids)}
        )

    def about(self, subjects: list[str], measure: str | None = None) -> list[Figure]:
        """Figures about measured things (a group's strength, its camps), by ``Figure.subject``."""
        where, params = f"f.subject IN {_IDS}", {"ids": as_json(subjects)}
        if measure is not None:
            where += " AND f.measure = $measure"
            params["measure"] = measure
        return self._select(where, params)

    def sentence_values(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Each figure of these documents as (doc_id, sentence_start, sentence_end, measure, low, high): what
        claims disputes compare of a claim's sentence (link.disputes.denials ``other_counts``)."""
        if not self._has_table():
            return []
        return self.store.query(
            f"SELECT doc_id, sentence_start, sentence_end, measure, low, high FROM {_SPEC.table} "
            f"WHERE doc_id IN {_IDS}",
            {"ids": as_json(doc_ids)},
        )

    def in_context(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The figures of these documents in ingest, then text order as rows (the table's columns), each with its
        sentence, its document's fields (site, author, source_path, doc_date, doc_title), its event's
        cluster, type and place, its claim's status, evidence and polarity, its speaker's actor type
        (``speaker_actor_type``), the actors its document names (``doc_actors``), its event's doer
        (``actor1``) and the country its document names most (``doc_country``: where a tally with no
        event counts): what the disputes stage compares."""
        if not self._has_table():
            return []
        rows = self.store.query(
            "SELECT f.*, substr(d.clean_text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence, "
            "d.site, d.author, d.source_path, d.date AS doc_date, d.title AS doc_title, "
            "e.cluster_id, e.type AS event_type_name, e.event_type, e.country, e.admin1, "
            "e.sentence_start AS event_start, e.actor1, e.negated, e.modality, c.status, c.evidence, c.polarity, "
            "c.speaker_name AS claim_speaker_name "
            # each side filtered by the documents first: a join with a whole table (events, claims)
            # builds its hash table from every stored row, a cost that grows with the store
            f"FROM {_SPEC.table} f JOIN (SELECT * FROM documents WHERE id IN {_IDS}) d ON d.id = f.doc_id "
            f"LEFT JOIN (SELECT * FROM events WHERE doc_id IN {_IDS}) e ON e.id = f.event_id "
            f"LEFT JOIN (SELECT * FROM claims WHERE doc_id IN {_IDS}) c ON c.id = f.claim_id "
            f"WHERE f.doc_id IN {_IDS} AND {_CANONICAL} ORDER BY d.ingest_seq, f.seq",
            {"ids": as_json(doc_ids)},
        )
        types = self._actor_types(sorted({r["doc_id"] for r in rows}))
        countries = self._countries(sorted({r["doc_id"] for r in rows}))
        actors: dict[str, list[str]] = {}  # each document's actors, grouped once (not a scan of all per figure)
        for d, a in types:
            actors.setdefault(d, []).append(a)
        for found in actors.values():
            found.sort()
        for r in rows:
            r["speaker_actor_type"] = types.get((r["doc_id"], r["speaker_actor"]))
            r["doc_actors"] = list(actors.get(r["doc_id"], ()))
            r["doc_country"] = countries.get(r["doc_id"])
        return rows

    def _countries(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """document -> the country its entity mentions name most (ties: none)."""
        counts: dict[str, list[tuple[int, str]]] = {}
        for r in self.store.query(
            "SELECT doc_id, country, count(*) AS n FROM entities "
            f"WHERE doc_id IN {_IDS} AND country IS NOT NULL GROUP BY doc_id, country",
            {"ids": as_json(doc_ids)},
        ):
            counts.setdefault(r["doc_id"], []).append((r["n"], r["country"]))
        out = {}
        for doc, found in counts.items():
            found.sort(reverse=True)
            if len(found) == 1 or found[0][0] > found[1][0]:
                out[doc] = found[0][1]
        return out

    def _actor_types(self, doc_ids: Sequence[str]) -> dict[tuple[str, str], str | None]:
        """(document, actor id) -> the actor's type, for the actors these documents name."""
        return {
            (r["doc_id"], r["actor_id"]): r["actor_type"]
            for r in self.store.query(
                "SELECT doc_id, actor_id, any_value(actor_type) AS actor_type FROM entities "
                f"WHERE doc_id IN {_IDS} AND actor_id IS NOT NULL GROUP BY doc_id, actor_id",
                {"ids": as_json(doc_ids)},
            )
        }

    def _has_table(self) -> bool:
        with self.store._lock:
            return bool(existing_tables(self.store._connection(), [_SPEC.table]))

    def _select(self, where: str, params: dict) -> list[Figure]:
        cols = ", ".join(f'f."{c}"' for c in _SPEC.columns)
        with self.store._lock:
            con = self.store._connection()
            if not existing_tables(con, [_SPEC.table]):
                return []
            rows = con.execute(
                f"""SELECT {cols} FROM {_SPEC.table} f JOIN documents d ON d.id = f.doc_id
                WHERE {_CANONICAL} AND {where}
                ORDER BY f.doc_id, f.seq""",
                params,
            ).fetchall()
        return [_revive(Figure, dict(zip(_SPEC.columns, row))) for row in rows]
