"""Cross-document co-reference: reports of the same incident share a cluster id.

events/coref.py decides whether two reports tell of one incident (types, dates with their precision,
place hierarchy, actors, sentence similarity). Clusters are connected components of that decision,
so the analyst sees every reporting document of one incident together, with one exception: a report
whose date is vague ("last week's strike", "this month's massacre") joins the cluster it matches best
but never bridges two whose precisely dated reports lie days apart or in different towns (two
incidents of one town a week apart would otherwise chain through it); so does a report placed only at
the province, the country or nowhere ("an outpost seized in Borno State"), which never bridges two
clusters placed at different sites (three incidents of one province on three days, one group named in
each, chained through such reports). Statement events are not
clustered: two denials by different speakers are different statements.

Blocking: a report is compared only with reports of its type family that share a key with it (its
town, its province, a proper name of its sentence, or a count its sentence gives) and whose days
come within its window; a run clusters only its new reports (``cluster_new_events``), reading from
the store only the reports whose dates fall in the new reports' windows, so the work per new
document does not grow with the store. The stored clusters stand for the comparisons made in earlier runs.

Each cluster lists its reporting sources, first report time and independent-source count
(``cluster_sources``): copies of one report count once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from claimgraph.events.coref import GENERAL_TYPES, Coref, Mention
from claimgraph.store.events import EventReport

__all__ = ["EventReport", "GENERAL_TYPES", "cluster_events", "cluster_new_events", "cluster_sources", "ClusterSources"]


class _Components:
    """Union-find over event ids; a component's id is its smallest event id. Each component keeps the
    span of its precisely dated members' days (the latest start, the earliest end) and their towns:
    what a vaguely dated report may not bridge (``join_guarded``)."""

    def __init__(self, ids):
        self.parent = {i: i for i in ids}
        self.dated: dict[str, tuple[date, date, frozenset[str]]] = {}
        self.sites: dict[str, frozenset[str]] = {}  # root -> where below the province its members place it

    def date(self, coref: Coref, m: Mention) -> None:
        """Record ``m`` as a member of its component: its sites, and its days when precisely dated."""
        sites = coref.sites(m)
        if sites:
            root = self.find(m.report.event_id)
            self.sites[root] = self.sites.get(root, frozenset()) | sites
        if coref.dated(m):
            town = m.report.place_id if m.place_level == "place" else None
            self._merge(self.find(m.report.event_id), (m.days[0], m.days[1], frozenset({town} - {None})))

    def _merge(self, root: str, span: tuple[date, date, frozenset[str]]) -> None:
        mine = self.dated.get(root, span)
        self.dated[root] = (max(mine[0], span[0]), min(mine[1], span[1]), mine[2] | span[2])

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            self.parent[gone] = keep
            if gone in self.dated:
                self._merge(keep, self.dated.pop(gone))
            if gone in self.sites:
                self.sites[keep] = self.sites.get(keep, frozenset()) | self.sites.pop(gone)

    def join_guarded(self, a: str, b: str, slack: timedelta) -> None:
        """Union unless each component holds precisely dated reports and some two of them (one each side)
        lie more than ``slack`` apart or in different towns, or each component places its incident below
        the province and they share no site: complete linkage on dates and towns, so a vague report (or
        one placed only at the province) joins one of two incidents, never both."""
        sa, sb = self.sites.get(self.find(a)), self.sites.get(self.find(b))
        if sa and sb and not sa & sb:
            return
        da, db = self.dated.get(self.find(a)), self.dated.get(self.find(b))
        if (
            da
            and db
            and (da[0] > db[1] + slack or db[0] > da[1] + slack or (da[2] and db[2] and len(da[2] | db[2]) > 1))
        ):
            return
        self.union(a, b)


def _order(coref: Coref, pair: tuple[Mention, Mention]) -> tuple:
    """Most similar pair first; ties by the reports' days and sentences (never by an id)."""
    a, b = pair
    return (-coref.similarity(a, b), sorted([(a.days, a.report.sentence or ""), (b.days, b.report.sentence or "")]))


def _attach(coref: Coref, vague: list[tuple[Mention, Mention]], components: _Components) -> None:
    """Join the accepted pairs with a vaguely dated report: each such report first to the component whose
    precisely dated reports it matches most often (then most closely: the best-matching cluster), then
    the others it matches where their dated reports agree; pairs of two vague reports last."""
    slack = timedelta(days=coref.settings.slack_days)
    partners: dict[str, list[tuple[Mention, Mention]]] = {}
    both: list[tuple[Mention, Mention]] = []
    for a, b in vague:
        if coref.confined(a) and coref.confined(b):
            both.append((a, b))
        else:
            v, other = (a, b) if coref.confined(a) else (b, a)
            partners.setdefault(v.report.event_id, []).append((v, other))
    for pairs in sorted(partners.values(), key=lambda pairs: (pairs[0][0].days, pairs[0][0].report.sentence or "")):
        by_component: dict[str, list[tuple[Mention, Mention]]] = {}
        for pair in pairs:
            by_component.setdefault(components.find(pair[1].report.event_id), []).append(pair)
        ranked = sorted(by_component.values(), key=lambda ps: (-len(ps), min(_order(coref, p) for p in ps)))
        for v, other in (ps[0] for ps in ranked):
            components.join_guarded(v.report.event_id, other.report.event_id, slack)
    for a, b in sorted(both, key=lambda pair: _order(coref, pair)):
        components.join_guarded(a.report.event_id, b.report.event_id, slack)


def _link(coref: Coref, mentions: list[Mention], components: _Components, new_ids: set[str] | None) -> None:
    """Union every pair the decision accepts among blocked candidates: the same family and key, and
    overlapping windows. Only pairs with a new report are compared when ``new_ids`` is given. Pairs of
    precisely dated reports join first; then a pair with a vaguely dated report ("last week's strike",
    whose week holds two incidents of one town) joins only components whose dated reports agree
    (``_attach``, ``_Components.join_guarded``)."""
    buckets: dict[tuple, list[Mention]] = {}
    slack, share = coref.settings.count_slack, coref.settings.first_share
    for m in mentions:
        components.date(coref, m)
        for key in m.keys(slack, share):
            buckets.setdefault(key, []).append(m)
    seen: set[tuple[str, str]] = set()
    vague: list[tuple[Mention, Mention]] = []
    for a in mentions:
        if new_ids is not None and a.report.event_id not in new_ids:
            continue
        lo, hi = coref.window(a)
        for key in a.keys(slack, share):
            for b in buckets[key]:
                pair = (min(a.report.event_id, b.report.event_id), max(a.report.event_id, b.report.event_id))
                if b is a or pair in seen or b.days[0] > hi or b.days[1] < lo:
                    continue
                seen.add(pair)
                if coref.same(a, b):
                    if coref.confined(a) or coref.confined(b):
                        vague.append((a, b))
                    else:
                        components.union(a.report.event_id, b.report.event_id)
    _attach(coref, vague, components)


def cluster_events(reports: list[EventReport], coref: Coref | None = None) -> dict[str, str]:
    """event id → cluster id ("c:" + the smallest event id in the cluster) for events reported by 2+ documents."""
    coref = coref or Coref()
    mentions = coref.mentions(reports)
    components = _Components(m.report.event_id for m in mentions)
    _link(coref, mentions, components, None)
    return _mapping(components, [m.report for m in mentions])


def _mapping(components: _Components, reports: Iterable[EventReport]) -> dict[str, str]:
    members: dict[str, list[str]] = {}
    docs: dict[str, set[str]] = {}
    for r in reports:
        root = components.find(r.event_id)
        members.setdefault(root, []).append(r.event_id)
        docs.setdefault(root, set()).add(r.doc_id)
    return {e: "c:" + root for root, ids in members.items() if len(docs[root]) > 1 for e in ids}


def _windows(coref: Coref, mentions: list[Mention]) -> list[tuple[str, str]]:
    """The new reports' windows, merged, as ISO days: a stored report outside them is no candidate."""
    spans = sorted(coref.window(m) for m in mentions)
    merged: list[list[date]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo.isoformat(), hi.isoformat()) for lo, hi in merged]


def cluster_new_events(store, doc_ids: Iterable[str], coref: Coref | None = None) -> dict[str, str]:
    """Cluster the events of the documents ``doc_ids`` (just stored) with the stored events, after a
    run: new reports are compared with each other and with the stored reports in their windows; a
    stored cluster they join (or join together) is renumbered. Returns the new mapping of the
    clusters that changed.

    Events of documents that an edited input's new version superseded leave their clusters; the
    other members of those clusters are clustered again as if new (the old version may have been
    what joined them)."""
    coref = coref or Coref()
    stale = store.events.superseded_in_clusters()
    released = {cluster for _, cluster in stale}
    new = [r for r in store.events.reports(doc_ids=list(doc_ids)) if coref.clusterable(r)]
    if released:
        seen = {r.event_id for r in new}
        new += [r for r in store.events.reports(cluster_ids=sorted(released)) if r.event_id not in seen]
    new_mentions = coref.mentions(new)
    if not new_mentions:
        if stale:
            store.events.set_clusters({}, event_ids=[event_id for event_id, _ in stale])
        return {}
    new_ids = {m.report.event_id for m in new_mentions}
    stored = store.events.reports(
        event_types=coref.candidate_event_types([m.report for m in new_mentions]),
        windows=_windows(coref, new_mentions),
    )
    pool = new_mentions + coref.mentions([r for r in stored if r.event_id not in new_ids])
    components = _Components(m.report.event_id for m in pool)
    first_of: dict[str, str] = {}
    for m in pool:  # a stored cluster is one component already: its members were compared before
        cluster = m.report.cluster_id
        if cluster and cluster not in released:
            components.union(first_of.setdefault(cluster, m.report.event_id), m.report.event_id)
    _link(coref, pool, components, new_ids)
    touched = {components.find(i) for i in new_ids}
    touched_clusters = {m.report.cluster_id for m in pool if components.find(m.report.event_id) in touched}
    # members of a touched stored cluster outside the windows stay in it: read them too
    outside = {m.report.event_id for m in pool}
    extra = [
        r
        for r in store.events.reports(cluster_ids=sorted(c for c in touched_clusters if c and c not in released))
        if r.event_id not in outside
    ]
    for r in extra:
        components.parent[r.event_id] = r.event_id
        components.union(first_of[r.cluster_id], r.event_id)
    changed = [m.report for m in pool if components.find(m.report.event_id) in touched] + extra
    mapping = _mapping(components, changed)
    store.events.set_clusters(mapping, event_ids=[r.event_id for r in changed] + [event_id for event_id, _ in stale])
    return mapping


# -- what a cluster shows: its sources ------------------------------------------------------------

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class ClusterSources:
    """The reporting documents of one cluster, its first report and how many sources are independent."""

    cluster_id: str
    reports: list[dict[str, Any]]  # doc_id, site, title, source_path, date, ingested_at, sentence
    first_report: str | None  # the earliest document date (ISO), else the earliest ingest time
    independent_sources: int  # sites, counting once the documents that copy one report's sentence

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "first_report": self.first_report,
            "independent_sources": self.independent_sources,
            "reports": [{k: _plain(v) for k, v in r.items()} for r in self.reports],
        }


def _plain(value):
    return value.isoformat(sep=" ") if hasattr(value, "isoformat") else value


def independent_sources(reports: list[dict[str, Any]]) -> int:
    """Documents of one site are one source, and so are documents that carry the same event sentence
    (a wire story republished by other outlets): the count of groups joined by either."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, r in enumerate(reports):
        keys = [("sentence", " ".join(_WORDS.findall((r.get("sentence") or "").lower())))]
        keys.append(("site", (r.get("site") or r.get("source_path") or r["doc_id"]).lower()))
        for key in keys:
            if key[1]:
                parent[find(i)] = find(first.setdefault(key, i))
    return len({find(i) for i in range(len(reports))})


def cluster_sources(store, cluster_ids: list[str] | None = None) -> list[ClusterSources]:
    """Each cluster's reporting sources, first report time and independent-source count."""
    out = []
    for cluster_id, reports in store.events.cluster_reports(cluster_ids).items():
        dated = sorted(r["date"][:10] for r in reports if r.get("date"))
        ingested = sorted(_plain(r["ingested_at"]) for r in reports if r.get("ingested_at"))
        first = dated[0] if dated else (ingested[0] if ingested else None)
        out.append(ClusterSources(cluster_id, reports, first, independent_sources(reports)))
    return out
