"""Cross-document co-reference: reports of the same event share a cluster id.

Two events from different documents are the same event when they have the same type, compatible
places (same place, or one inside the other's admin1/country), dates that overlap within a
tolerance (reports lag events by a day or two; an undated report uses its document's date) and no
conflicting actors (a known actor1 on both sides must agree). Statement events are not clustered:
two denials by different speakers are different statements. Clusters are connected components,
so the analyst sees every reporting document of one event together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from claimgraph.nlp.dates import parse_iso

DATE_TOLERANCE_DAYS = 2
_UNCLUSTERED = frozenset({"Statements"})


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


def _days(r: EventReport) -> tuple[date, date] | None:
    start = parse_iso(r.date_start) or parse_iso(r.doc_date)
    end = parse_iso(r.date_end) or start
    return (start, end) if start else None


def _places_compatible(a: EventReport, b: EventReport) -> bool:
    if a.place_id is None or b.place_id is None:
        return False  # an unplaced report is too vague to merge
    if a.place_id == b.place_id:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    return bool(a.admin1 and a.admin1 == b.admin1) or a.place_id.endswith(":" + (b.country or "-")) \
        or b.place_id.endswith(":" + (a.country or "-"))


# A report may name an event only generally ("the bombing") where another is specific
# ("the suicide bombing"): a general type matches any type of its ACLED event type.
GENERAL_TYPES = frozenset({"REM_EXPLOS", "ATTACK"})


def _types_compatible(a: EventReport, b: EventReport) -> bool:
    if a.type == b.type:
        return True
    return a.event_type == b.event_type and (a.type in GENERAL_TYPES or b.type in GENERAL_TYPES)


def same_event(a: EventReport, b: EventReport) -> bool:
    if a.doc_id == b.doc_id or not _types_compatible(a, b) or a.negated or b.negated or a.modality or b.modality:
        return False
    if not _places_compatible(a, b):
        return False
    da, db = _days(a), _days(b)
    if da is None or db is None:
        return False
    slack = timedelta(days=DATE_TOLERANCE_DAYS)
    if da[0] > db[1] + slack or db[0] > da[1] + slack:
        return False
    if a.actor1 and b.actor1 and a.actor1 != b.actor1:
        return False
    return True


def cluster_events(reports: list[EventReport]) -> dict[str, str]:
    """event id → cluster id (the smallest event id in the cluster) for events reported by 2+ documents."""
    parent = {r.event_id: r.event_id for r in reports}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    candidates = [r for r in reports if r.event_type not in _UNCLUSTERED]
    by_type: dict[str, list[EventReport]] = {}
    for r in candidates:
        by_type.setdefault(r.event_type, []).append(r)
    for group in by_type.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if same_event(a, b):
                    ra, rb = find(a.event_id), find(b.event_id)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, set[str]] = {}
    docs: dict[str, set[str]] = {}
    doc_of = {r.event_id: r.doc_id for r in reports}
    for r in candidates:
        root = find(r.event_id)
        members.setdefault(root, set()).add(r.event_id)
        docs.setdefault(root, set()).add(doc_of[r.event_id])
    return {e: "c:" + root for root, ids in members.items() if len(docs[root]) > 1 for e in ids}


def cluster_stored_events(store) -> dict[str, str]:
    """Re-cluster every event in ``store`` (run at the end of an ingest run); returns the mapping."""
    mapping = cluster_events(store.event_reports())
    store.set_event_clusters(mapping)
    return mapping
