"""The stored events (``store.events``): cross-document clusters (the fields clustering compares,
events/clusters.py decides the clusters, and the cluster ids it writes back) and the ACLED-style
lists of `claimgraph events` (``export_rows``) and the workbench (``page``).

List rows come back as dicts: they are the lists' JSON and CSV records as they are."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .listing import Listing, rows_at
from .params import as_json, unnested
from .versions import current

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True, slots=True)
class EventReport:
    """What clustering needs of one stored event."""

    event_id: str
    doc_id: str
    type: str
    event_type: str
    place_id: str | None
    admin1: str | None
    country: str | None
    actor1: str | None
    actor2: str | None
    date_start: str | None
    date_end: str | None
    doc_date: str | None
    negated: bool = False
    modality: str | None = None  # hypothetical or generic events are not reports of an event
    cluster_id: str | None = None  # as stored (None: in no cluster yet)
    date_precision: str | None = None  # day | week | month | year | range
    date_text: str | None = None  # as written ("on Monday", "since 2015")
    location: str | None = None  # the place as written
    sentence: str | None = None  # the event's sentence: co-reference compares their vectors
    actor1_type: str | None = None  # the ontology type of actor1 in its document ("media": a source, not a doer)
    lead: str | None = None  # the document's first 300 characters: its headline or lead names the place
    actor1_text: str | None = None  # actor1's words as written (the doer's name: who, not where)
    # the text around each later mention of the event in its document, its trigger at the middle
    # (200 characters each side, padded at the start): sentences that also tell of it, and may name
    # its place
    mention_windows: tuple[str, ...] = ()


def _more(row: tuple) -> dict[str, Any]:
    names = ("date_precision", "date_text", "location", "sentence", "actor1_type", "lead", "actor1_text")
    return dict(zip(names, row[15:22]), mention_windows=tuple(row[22] or ()))


class EventRepository:
    """The ``events`` table's cluster ids, and what they are computed from."""

    def __init__(self, store: Store):
        self.store = store

    def reports(
        self,
        *,
        doc_ids: list[str] | None = None,
        event_types: list[str] | None = None,
        cluster_ids: list[str] | None = None,
        windows: list[tuple[str, str]] | None = None,
    ) -> list[EventReport]:
        """The fields cross-document clustering compares, for every event of a canonical (current)
        document (or only those of ``doc_ids`` / of the ACLED ``event_types`` / in the clusters
        ``cluster_ids`` / whose dates or document's date come within one of the ISO day ``windows``),
        with its stored cluster id."""
        where, params = f"d.duplicate_of IS NULL AND {current()}", {}
        if doc_ids is not None:
            where += " AND e.doc_id IN (SELECT unnest($doc_ids::VARCHAR[]))"
            params["doc_ids"] = doc_ids
        if cluster_ids is not None:
            where += " AND e.cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]))"
            params["cluster_ids"] = cluster_ids
        if event_types is not None:
            where += " AND e.event_type IN (SELECT unnest($event_types::VARCHAR[]))"
            params["event_types"] = event_types
        if windows is not None:
            # an event's own days overlap the window, or its document's date falls in it (an undated
            # event, or one dated by a reference point, takes its document's date). Plain column
            # comparisons of ISO strings (a document's date may carry a time: "< the next day"), which
            # DuckDB evaluates ~4x faster than the same test on derived strings
            ranges = []
            for i, (low, high) in enumerate(windows):
                params[f"lo{i}"], params[f"hi{i}"] = low, high
                params[f"next{i}"] = (date.fromisoformat(high) + timedelta(days=1)).isoformat()
                ranges.append(
                    f"(e.date_start <= $hi{i} AND coalesce(e.date_end, e.date_start) >= $lo{i}) "
                    f"OR (d.date >= $lo{i} AND d.date < $next{i})"
                )
            where += " AND (" + (" OR ".join(f"({r})" for r in ranges) or "FALSE") + ")"
        with self.store._lock:
            rows = (
                self.store._connection()
                .execute(
                    f"""
                SELECT e.id, e.doc_id, e.type, e.event_type, e.place_id, e.admin1, e.country, e.actor1, e.actor2,
                       e.date_start, e.date_end, d.date, e.negated, e.modality, e.cluster_id,
                       e.date_precision, e.date_text, e.location,
                       substr(d.clean_text, e.sentence_start + 1, e.sentence_end - e.sentence_start),
                       (SELECT any_value(en.actor_type) FROM entities en
                        WHERE en.doc_id = e.doc_id AND en.actor_id = e.actor1),
                       left(d.clean_text, 300), e.actor1_text,
                       list_transform(e.mentions, m -> repeat(' ',
                           greatest(200 - CAST(split_part(m, ':', 1) AS BIGINT), 0))
                           || substr(d.clean_text, greatest(CAST(split_part(m, ':', 1) AS BIGINT) - 199, 1), 400))
                FROM events e JOIN documents d ON d.id = e.doc_id
                WHERE {where}""",
                    params,
                )
                .fetchall()
            )
        return [
            EventReport(*row[:12], negated=bool(row[12]), modality=row[13], cluster_id=row[14], **_more(row))
            for row in rows
        ]

    def cluster_reports(self, cluster_ids: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """cluster id -> its reporting documents (canonical, current), each once: doc_id, site, title,
        source_path, date (as the document gives it), ingested_at and the first event sentence of
        the cluster in it; ordered by first report (document date, else ingest time)."""
        where, params = "e.cluster_id IS NOT NULL", {}
        if cluster_ids is not None:
            where += f" AND e.cluster_id IN {unnested('ids')}"
            params["ids"] = as_json(cluster_ids)
        rows = self.store.query(
            f"""
            SELECT e.cluster_id, d.id AS doc_id, d.site, d.title, d.source_path, d.date, d.ingested_at,
                   arg_min(substr(d.clean_text, e.sentence_start + 1, e.sentence_end - e.sentence_start), e.seq)
                     AS sentence
            FROM events e JOIN documents d ON d.id = e.doc_id
            WHERE {where} AND d.duplicate_of IS NULL AND {current()}
            GROUP BY e.cluster_id, d.id, d.site, d.title, d.source_path, d.date, d.ingested_at, d.ingest_seq
            ORDER BY e.cluster_id, coalesce(left(d.date, 10), strftime(d.ingested_at, '%Y-%m-%d')), d.ingest_seq""",
            params,
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            out.setdefault(row.pop("cluster_id"), []).append(row)
        return out

    def superseded_in_clusters(self) -> list[tuple[str, str]]:
        """(event id, cluster id) of the events still in a cluster whose documents an edited input's
        new version has superseded: their clusters are to be worked out again without them."""
        return [
            (r["id"], r["cluster_id"])
            for r in self.store.query(
                f"SELECT id, cluster_id FROM events e WHERE cluster_id IS NOT NULL AND NOT {current('e.doc_id')}"
            )
        ]

    def set_clusters(self, mapping: dict[str, str], *, event_ids: list[str] | None = None) -> None:
        """Write cross-document cluster ids (event id → cluster id); every other event (of
        ``event_ids`` when given: the events whose clusters were recomputed) gets none."""
        with self.store._lock:
            con = self.store._connection()
            con.execute("BEGIN TRANSACTION")
            try:
                if event_ids is None:
                    con.execute("UPDATE events SET cluster_id = NULL WHERE cluster_id IS NOT NULL")
                elif event_ids:
                    con.execute(
                        f"UPDATE events SET cluster_id = NULL WHERE cluster_id IS NOT NULL AND id IN {unnested('ids')}",
                        {"ids": as_json(event_ids)},
                    )
                if mapping:
                    con.execute(
                        """
                        UPDATE events SET cluster_id = m.cluster_id
                        FROM (SELECT unnest(from_json($rows::JSON, '[{"id": "VARCHAR", "cluster_id": "VARCHAR"}]'),
                                            recursive := true)) AS m
                        WHERE events.id = m.id""",
                        {"rows": json.dumps([{"id": k, "cluster_id": v} for k, v in mapping.items()])},
                    )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    # -- the ACLED-style lists: `claimgraph events` (``export_rows``) and the workbench (``page``) --

    def export_rows(
        self, include_duplicates: bool = False, include_statements: bool = True, include_negated: bool = False
    ) -> list[dict[str, Any]]:
        """Every stored event with its document's source, date and title, by date, then in ingest and
        text order (never by id: ids hash file paths).
        Duplicate documents are left out unless asked for: a repost is not another report; old
        versions of edited inputs always."""
        where = [current()]
        if not include_duplicates:
            where.append("d.duplicate_of IS NULL")
        if not include_statements:
            where.append("e.event_type <> 'Statements'")
        if not include_negated:  # "ISKP has refrained from claiming any attacks": no event happened
            where.append("NOT e.negated")
        with self.store._lock:
            cursor = self.store._connection().execute(f"""
                SELECT e.*, d.source_path, d.source_record, d.date AS doc_date, d.title, d.site,
                       substr(d.clean_text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
                       (SELECT count(DISTINCT e2.doc_id) FROM events e2
                        WHERE e.cluster_id IS NOT NULL AND e2.cluster_id = e.cluster_id) AS cluster_documents
                FROM events e JOIN documents d ON d.id = e.doc_id
                WHERE {" AND ".join(where)}
                ORDER BY coalesce(e.date_start, d.date), d.ingest_seq, e.seq""")
            names = [c[0] for c in cursor.description]
            rows = cursor.fetchall()
        return [dict(zip(names, row)) for row in rows]

    def page(self, *, limit: int | None = None, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """(total, events with their document's title and date), by event date then document.

        As `claimgraph events` does by default: events of duplicate documents (counted once, in
        their canonical document) and negated events (they did not happen) are left out."""
        shown = (
            "FROM events e JOIN documents d ON d.id = e.doc_id WHERE d.duplicate_of IS NULL AND NOT e.negated "
            f"AND e.modality IS NULL AND {current()} "
        )
        order = "ORDER BY coalesce(e.date_start, d.date) NULLS LAST, d.ingest_seq, e.seq "
        rows = "SELECT e.*, d.title AS doc_title, d.date AS doc_date FROM events e JOIN documents d ON d.id = e.doc_id "
        if limit is None:
            listed = self.store.query(rows + shown[shown.index("WHERE") :] + order)
            return len(listed), listed
        listing = self._listing()
        return len(listing.orders[""]), listing.page(
            ("", offset, limit),
            lambda: rows_at(
                self.store,
                "e.*, d.title AS doc_title, d.date AS doc_date",
                "events e JOIN documents d ON d.id = e.doc_id",
                "e",
                listing.orders[""][offset : offset + limit],
            ),
        )

    def _listing(self) -> Listing:
        """The events the list shows, in its order, once per state of the store: sorting 33k events
        by their documents' dates and ingest order joined documents on every request."""
        return self.store.derived(
            "event_listing",
            lambda store: Listing(
                {
                    "": store.query_columns(
                        "SELECT e.rowid AS row_id FROM events e JOIN documents d ON d.id = e.doc_id WHERE "
                        "d.duplicate_of IS NULL "
                        f"AND NOT e.negated AND e.modality IS NULL AND {current()} "
                        "ORDER BY coalesce(e.date_start, d.date) NULLS LAST, d.ingest_seq, e.seq"
                    )["row_id"]
                }
            ),
        )
