"""Reads of the stored claims across documents (``store.claims``): what source profiles, the
claims page and semantic search read, and the claim lists the workbench (``page``) and
`claimgraph claims` (``find``) page through.

Search and list rows come back as dicts: they are the search hits' and the lists' JSON as they are
(``/api/claims``, ``claims --json`` builds its records from them)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .listing import Listing, rows_at
from .versions import current

if TYPE_CHECKING:
    from .store import Store


class ClaimGrade(NamedTuple):
    """What a source profile counts of one claim."""

    doc_id: str
    status: str | None
    evidence: str | None
    disputed_by: str | None
    # a value of a dispute `claimgraph disputes` lists (independent sources disagree on it; a figure
    # a later update superseded is a timeline, not a disagreement)
    in_dispute: bool = False


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
        """Status, evidence grade and disputes of every claim of a canonical (current) document."""
        return [
            ClaimGrade(**r)
            for r in self.store.query(
                "SELECT c.doc_id, c.status, c.evidence, c.disputed_by, v.claim_id IS NOT NULL AS in_dispute "
                "FROM claims c JOIN documents d ON d.id = c.doc_id "
                "LEFT JOIN (SELECT DISTINCT v.claim_id FROM dispute_values v JOIN disputes x ON x.id = v.dispute_id "
                "WHERE x.conflict AND x.sources >= 2 AND v.role <> 'superseded') v ON v.claim_id = c.id "
                f"WHERE d.duplicate_of IS NULL AND {current()}"
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

    # -- the lists: the workbench's pages (``page``) and `claimgraph claims` (``find``) -----------

    def page(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        status: str | None = None,
        doc_id: str | None = None,
        speaker: str | None = None,
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total, claims with their document's title), most check-worthy first. ``speaker`` as ``find``
        takes it (an actor id, or words of the speaker's text or resolved name)."""
        store = self.store
        if limit is not None and doc_id is None and not speaker:
            listing = self._listing()
            order = listing.orders.get(status or "", np.zeros(0, np.int64))
            return len(order), listing.page(
                (status or "", offset, limit),
                lambda: rows_at(
                    store,
                    "c.*, d.title AS doc_title, d.date AS doc_date",
                    "claims c JOIN documents d ON d.id = c.doc_id",
                    "c",
                    order[offset : offset + limit],
                ),
            )
        where, params = [], {}
        _filter_speaker(speaker, where, params)
        _filter_status(status, where, params)
        if doc_id:  # a document named: its claims, whichever version it is
            where.append("c.doc_id = $doc_id")
            params["doc_id"] = doc_id
        else:
            where.append(current("c.doc_id"))
        clause = f"WHERE {' AND '.join(where)}"
        total = store.query(f"SELECT count(*) AS n FROM claims c {clause}", params)[0]["n"]
        order = "ORDER BY c.checkworthiness DESC NULLS LAST, d.ingest_seq, c.seq"
        rows = "SELECT c.*, d.title AS doc_title, d.date AS doc_date FROM claims c JOIN documents d ON d.id = c.doc_id "
        if limit is None:
            return total, store.query(f"{rows} {clause} {order} OFFSET $offset", {**params, "offset": offset})
        return total, store.query(
            f"{rows} {clause} {order} LIMIT $limit OFFSET $offset", {**params, "limit": limit, "offset": offset}
        )

    def _listing(self) -> Listing:
        """The claims in the list's order (most check-worthy first, then document and sentence
        order) for every status filter ("" = all; "disputed" as ``_filter_status`` takes it),
        once per state of the store: the sort joined documents for the tie-break (27 ms of a page's
        ~30 on 139k claims), and counting a filter scanned the table again.

        Claims are never changed once written and the table only grows, so the sort keys of the
        claims already listed are kept with the listing and only the new rows' are read when the
        store changes (reading all 139k took ~300 ms, which an ingest would pay every batch). The
        claims of old versions of edited inputs are not listed: when a new version supersedes
        one with claims, the count no longer adds up and every key is read again."""

        def compute(store: Store) -> Listing:
            known = store._derived.get("claim_listing")
            kept = known[1].keys if known is not None else None
            if kept is None:
                return _orders(self._keys())
            keys = self._keys(after=int(kept["row_id"].max(initial=-1)))
            keys = {k: np.concatenate([kept[k], keys[k].astype(kept[k].dtype)]) for k in kept}
            listed = store.query(f"SELECT count(*) AS n FROM claims c WHERE {current('c.doc_id')}")[0]["n"]
            if len(keys["row_id"]) != listed:  # rows went or moved, or an edited input's new version
                keys = self._keys()  # superseded claims listed before: read them all
            return _orders(keys)

        return self.store.derived("claim_listing", compute)

    def _keys(self, after: int | None = None) -> dict[str, np.ndarray]:
        """Each claim's sort keys for the claims list (of the rows after row id ``after``)."""
        keys = self.store.query_columns(
            "SELECT c.rowid AS row_id, c.checkworthiness IS NULL AS unscored, coalesce(c.checkworthiness, 0) AS worth, "
            "d.ingest_seq, c.seq, coalesce(c.status, '') AS status, c.disputed_by IS NOT NULL AS contested "
            f"FROM claims c JOIN documents d ON d.id = c.doc_id WHERE {current()}"
            + ("" if after is None else f" AND c.rowid > {int(after)}")
        )
        keys["status"] = np.asarray(keys["status"], dtype=object)
        return {k: np.asarray(v) for k, v in keys.items()}

    def find(
        self,
        speaker: str | None = None,
        status: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        include_duplicates: bool = False,
    ) -> list[dict[str, Any]]:
        """Stored claims in document then text order, with their document's source and title.

        ``speaker`` matches an actor id exactly or any part of the speaker's words or resolved name
        (case-insensitive); author claims match their outlet or byline. ``doc_id`` may be a unique
        prefix. Claims of duplicate documents are left out unless asked for (or their document is
        named): a repost would count twice. So are those of old versions of edited inputs."""
        where, params = [], {}
        _filter_speaker(speaker, where, params)
        _filter_status(status, where, params)
        if doc_id:
            where.append("c.doc_id = $doc_id")
            params["doc_id"] = self.store.documents.resolve_id(doc_id)
        else:
            where.append(current())
            if not include_duplicates:
                where.append("d.duplicate_of IS NULL")
        sql = (
            "SELECT c.*, d.source_path, d.source_record, d.title AS doc_title FROM claims c "
            f"JOIN documents d ON d.id = c.doc_id WHERE {' AND '.join(where)} ORDER BY d.ingest_seq, c.seq"
        )
        if limit is not None:
            sql += " LIMIT $limit"
            params["limit"] = limit
        with self.store._lock:
            cursor = self.store._connection().execute(sql, params)
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, row)) for row in cursor.fetchall()]
        for row in rows:
            if isinstance(row.get("quantities"), str):
                row["quantities"] = json.loads(row["quantities"])
        return rows


def _filter_speaker(speaker: str | None, where: list[str], params: dict[str, Any]) -> None:
    """An actor id exactly, or any part of the speaker's words or resolved name (case-insensitive)."""
    if speaker:
        where.append(
            "(c.speaker_actor = $speaker OR c.speaker_text ILIKE '%' || $speaker || '%' "
            "OR c.speaker_name ILIKE '%' || $speaker || '%')"
        )
        params["speaker"] = speaker


def _orders(keys: dict[str, np.ndarray]) -> Listing:
    """A claims Listing from every claim's sort keys (``ClaimRepository._listing``)."""
    # ORDER BY checkworthiness DESC NULLS LAST, ingest_seq, seq (lexsort: the last key first)
    order = np.lexsort((keys["seq"], keys["ingest_seq"], -keys["worth"], keys["unscored"]))
    row_ids, statuses = keys["row_id"][order], keys["status"][order]
    positions: dict[str, list[int]] = {}  # one pass: comparing the strings per status took 5x longer
    for i, status in enumerate(statuses.tolist()):
        positions.setdefault(status, []).append(i)
    orders = {status: row_ids[np.asarray(at, dtype=np.int64)] for status, at in positions.items() if status}
    orders[""] = row_ids
    disputed = keys["contested"][order].astype(bool)
    disputed[positions.get("disputed", [])] = True
    orders["disputed"] = row_ids[disputed]
    return Listing(orders, keys)


def _filter_status(status: str | None, where: list[str], params: dict[str, Any]) -> None:
    """SQL condition for claims with ``status``; "disputed" also takes claims that the author or
    another source contests (``disputed_by``), which keep their own status."""
    if status == "disputed":
        where.append("(c.status = 'disputed' OR c.disputed_by IS NOT NULL)")
    elif status:
        where.append("c.status = $status")
        params["status"] = status
