"""Cross-document co-reference: reports of the same event share a cluster id.

Two events from different documents are the same event when they have the same type, compatible
places (same place, or one inside the other's admin1/country), dates that overlap within a
tolerance (reports lag events by a day or two; an undated report uses its document's date) and no
conflicting actors (a known actor1 on both sides must agree). Statement events are not clustered:
two denials by different speakers are different statements. Clusters are connected components,
so the analyst sees every reporting document of one event together.

Only reports whose days lie within the tolerance of each other are compared (a sweep over reports
sorted by day), and a run clusters only its new reports against the stored ones
(``cluster_new_events``): the stored clusters stand for the comparisons made in earlier runs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

from claimgraph.nlp.dates import parse_iso
from claimgraph.store.events import EventReport

DATE_TOLERANCE_DAYS = 2
_UNCLUSTERED = frozenset({"Statements"})


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
    return (
        bool(a.admin1 and a.admin1 == b.admin1)
        or a.place_id.endswith(":" + (b.country or "-"))
        or b.place_id.endswith(":" + (a.country or "-"))
    )


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


def _clusterable(r: EventReport) -> bool:
    # what same_event rejects whatever the other report is
    return (
        r.event_type not in _UNCLUSTERED
        and not r.negated
        and not r.modality
        and r.place_id is not None
        and _days(r) is not None
    )


class _Components:
    """Union-find over event ids; a component's id is its smallest event id."""

    def __init__(self, ids):
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _by_day(reports: list[EventReport]) -> list[tuple[date, date, EventReport]]:
    return sorted(((*_days(r), r) for r in reports), key=lambda x: (x[0], x[2].event_id))


def cluster_events(reports: list[EventReport]) -> dict[str, str]:
    """event id → cluster id ("c:" + the smallest event id in the cluster) for events reported by 2+ documents."""
    components = _Components(r.event_id for r in reports)
    by_type: dict[str, list[EventReport]] = {}
    for r in reports:
        if _clusterable(r):
            by_type.setdefault(r.event_type, []).append(r)
    slack = timedelta(days=DATE_TOLERANCE_DAYS)
    for group in by_type.values():
        ordered = _by_day(group)
        for i, (_, a_end, a) in enumerate(ordered):
            for b_start, _, b in ordered[i + 1 :]:
                if b_start > a_end + slack:
                    break  # sorted by first day: no later report is close enough either
                if same_event(a, b):
                    components.union(a.event_id, b.event_id)
    return _mapping(components, [r for g in by_type.values() for r in g])


def _mapping(components: _Components, reports: Iterable[EventReport]) -> dict[str, str]:
    members: dict[str, list[str]] = {}
    docs: dict[str, set[str]] = {}
    for r in reports:
        root = components.find(r.event_id)
        members.setdefault(root, []).append(r.event_id)
        docs.setdefault(root, set()).add(r.doc_id)
    return {e: "c:" + root for root, ids in members.items() if len(docs[root]) > 1 for e in ids}


def cluster_new_events(store, doc_ids: Iterable[str]) -> dict[str, str]:
    """Cluster the events of the documents ``doc_ids`` (just stored) with the stored events, after a
    run: new reports are compared with each other and with stored reports of their ACLED type
    within the date tolerance; a stored cluster they join (or join together) is renumbered. The
    result equals re-clustering everything. Returns the new mapping of the clusters that changed.

    Events of documents that an edited input's new version superseded leave their clusters; the
    other members of those clusters are clustered again as if new (the old version may have been
    what joined them)."""
    stale = store.events.superseded_in_clusters()
    released = {cluster for _, cluster in stale}
    new = [r for r in store.events.reports(doc_ids=list(doc_ids)) if _clusterable(r)]
    if released:
        seen = {r.event_id for r in new}
        new += [
            r for r in store.events.reports(cluster_ids=sorted(released)) if _clusterable(r) and r.event_id not in seen
        ]
    if not new:
        if stale:
            store.events.set_clusters({}, event_ids=[event_id for event_id, _ in stale])
        return {}
    pool = [r for r in store.events.reports(event_types=sorted({r.event_type for r in new})) if _clusterable(r)]
    new_ids = {r.event_id for r in new}
    components = _Components(r.event_id for r in pool)
    first_of: dict[str, str] = {}
    for r in pool:  # a stored cluster is one component already: its members were compared before
        if r.cluster_id and r.cluster_id not in released:
            components.union(first_of.setdefault(r.cluster_id, r.event_id), r.event_id)
    slack = timedelta(days=DATE_TOLERANCE_DAYS)
    by_type: dict[str, list[tuple[date, date, EventReport]]] = {}
    for item in _by_day(pool):
        by_type.setdefault(item[2].event_type, []).append(item)
    for ordered in by_type.values():
        starts = [x[0] for x in ordered]
        longest = max(end - start for start, end, _ in ordered)
        for a_start, a_end, a in ordered:
            if a.event_id not in new_ids:
                continue
            # every report whose days come within the tolerance of a's starts in this window
            low = bisect_left(starts, a_start - slack - longest)
            high = bisect_right(starts, a_end + slack)
            for _, _, b in ordered[low:high]:
                if b.event_id != a.event_id and same_event(a, b):
                    components.union(a.event_id, b.event_id)
    touched = {components.find(i) for i in new_ids}
    changed = [r for r in pool if components.find(r.event_id) in touched]
    mapping = _mapping(components, changed)
    store.events.set_clusters(mapping, event_ids=[r.event_id for r in changed] + [event_id for event_id, _ in stale])
    return mapping
