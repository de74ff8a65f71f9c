"""Event co-reference on real coverage: the source headlines of the UCDP GED Pakistan dev events.

UCDP codes each event from news reports and lists their headlines (``source_headline``, ";"
between headlines, aligned with ``source_office`` and ``source_date``). Headlines of one UCDP event
tell of one incident; headlines of two events tell of two. The hard negatives are pairs of events of
one UCDP violence type, in one province (adm_1), whose first days lie at most ``HARD_DAYS`` apart:
the confusable ones ("same place, different day").

Split: an event is dev when the SHA-1 of its UCDP id, as a number, is even (``split_of``); every
headline of an event shares its split. The decision is developed on train only; dev is measured
once per idea. Every headline of the file is one document of one run (the pipeline's own events
stage and incremental clustering: blocking, transitivity and all); pairs are scored within a split.

A headline's document is dated by its event's UCDP ``date_start``, as a real page carries its
publication date (UCDP's own source dates lag by a day or more and are not what a page shows as its
date; the headline is the page's only text, with no dateline).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import itertools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from claimgraph.events.clusters import cluster_events
from claimgraph.events.coref import _BELOW_COUNTRY, Coref
from claimgraph.runner import run
from claimgraph.settings import Settings
from claimgraph.store import Store

CSV = Path("datasets") / "ucdp_pakistan_dev" / "pakistan_dev.csv"
HARD_DAYS = 3
# a ";" that starts a headline's own second part ("... in Kashmir; four civilians killed"), not a
# new headline: the next piece begins in lower case or with a figure
_CONTINUES = re.compile(r"^\s*[a-z0-9]")


def split_of(event_id: str) -> str:
    """The recorded split rule, fixed before anything ran: dev when sha1(id) is even."""
    return "dev" if int(hashlib.sha1(event_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "train"


@dataclass(frozen=True)
class Headline:
    id: str  # "<ucdp id>-<k>"
    event: str
    text: str
    site: str
    published: date | None  # UCDP's source date of the headline


@dataclass(frozen=True)
class UcdpEvent:
    id: str
    split: str
    violence: str  # UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided
    day: date
    adm_1: str
    adm_2: str
    headlines: tuple[Headline, ...]


def _headlines(row: dict) -> list[tuple[str, str, date | None]]:
    """(headline, outlet, source date) of one row; pieces that continue a headline are joined back."""
    offices = [o.strip() for o in row["source_office"].split(";")]
    dates = [_iso(d) for d in row["source_date"].split(";")]
    if len(dates) != len(offices):
        dates = [None] * len(offices)
    pieces = row["source_headline"].split(";")
    heads: list[str] = []
    for piece in pieces:
        if heads and len(pieces) > len(offices) and _CONTINUES.match(piece):
            heads[-1] += ";" + piece
        else:
            heads.append(piece)
    if len(heads) != len(offices):
        return [(row["source_headline"].strip(), offices[0], dates[0])]
    return [(h.strip(), o, d) for h, o, d in zip(heads, offices, dates) if h.strip()]


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def load_events(shared: Path) -> list[UcdpEvent]:
    path = shared / CSV
    events = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            heads = _headlines(row)
            events.append(
                UcdpEvent(
                    row["id"],
                    split_of(row["id"]),
                    row["type_of_violence"],
                    datetime.strptime(row["date_start"][:10], "%m/%d/%Y").date(),
                    row["adm_1"],
                    row["adm_2"],
                    tuple(Headline(f"{row['id']}-{k}", row["id"], h, o, d) for k, (h, o, d) in enumerate(heads)),
                )
            )
    return events


def build_store(events: list[UcdpEvent], workdir: Path, published: bool = False, mode: str = "accurate") -> Path:
    """One ``claimgraph run`` over every headline (one document each) in the extraction ``mode``; the
    store's path. Documents are dated by the event's date_start, or with ``published`` by the
    headline's source date (a real page's publication date: 0-2 days later, or much later for a
    retrospective report)."""
    corpus = workdir / "headlines.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for e in events:
            for h in e.headlines:
                day = (h.published if published and h.published else e.day).isoformat()
                record = {"url": f"ucdp:{h.id}", "date": day, "site": h.site, "text": h.text}
                out.write(json.dumps(record) + "\n")
    path = workdir / "ucdp.duckdb"
    with Store(path) as store:
        run([str(corpus)], store, Settings.defaults().with_values({"extract.mode": mode}), workers=1)
    return path


@dataclass
class Stored:
    """What the run stored: each headline's canonical document, and the clusterable reports."""

    doc_of: dict[str, str]  # headline id -> canonical document id
    reports: list  # EventReport
    stored_clusters: dict[str, str]  # event id -> cluster id, as the run stored them

    @classmethod
    def read(cls, path: Path) -> Stored:
        with Store(path) as store:
            docs = store.query("SELECT url, coalesce(duplicate_of, id) AS canonical FROM documents")
            reports = store.events.reports()
        doc_of = {d["url"].removeprefix("ucdp:"): d["canonical"] for d in docs if d["url"]}
        return cls(doc_of, reports, {r.event_id: r.cluster_id for r in reports if r.cluster_id})


def labels(stored: Stored, mapping: dict[str, str]) -> dict[str, str]:
    """headline id -> predicted entity: documents sharing a cluster are one (transitively); a
    headline with no clustered event is its own."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    doc_clusters: dict[str, set[str]] = {}
    for r in stored.reports:
        if r.event_id in mapping:
            doc_clusters.setdefault(r.doc_id, set()).add(mapping[r.event_id])
    for doc, clusters in doc_clusters.items():
        for c in clusters:
            a, b = find(doc), find(c)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {h: find(doc) if doc in doc_clusters else "h:" + h for h, doc in stored.doc_of.items()}


def recluster(stored: Stored, coref: Coref | None = None) -> dict[str, str]:
    """The headline labels after clustering the stored reports again with ``coref`` (development:
    the events stage's output is fixed, only the decision changes)."""
    return labels(stored, cluster_events(stored.reports, coref))


@dataclass(frozen=True)
class RealScore:
    split: str
    headlines: int
    no_event: int  # headlines whose document holds no clusterable event: never in a cluster
    pairs: int
    positives: int
    reachable: int  # positives whose two headlines both hold a clusterable event
    tp: int
    fp: int
    hard: int  # hard negative pairs
    hard_fp: int
    b3_precision: float
    b3_recall: float
    errors: list[tuple[str, str, int]]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.positives if self.positives else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def b3_f1(self) -> float:
        return _f1(self.b3_precision, self.b3_recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _hard(a: UcdpEvent, b: UcdpEvent) -> bool:
    return a.violence == b.violence and a.adm_1 == b.adm_1 and abs((a.day - b.day).days) <= HARD_DAYS


def score(events: list[UcdpEvent], stored: Stored, predicted: dict[str, str], split: str) -> RealScore:
    """Pairwise (every pair of the split's headlines) and B-cubed scores of ``predicted`` labels."""
    chosen = [e for e in events if split in ("all", e.split)]
    heads = [(h, e) for e in chosen for h in e.headlines if h.id in predicted]
    clusterable_docs = {r.doc_id for r in stored.reports if Coref().clusterable(r)} if heads else set()
    no_event = sum(1 for h, _ in heads if stored.doc_of[h.id] not in clusterable_docs)
    gold_size: dict[str, int] = {}
    pred_members: dict[str, list[str]] = {}
    for h, e in heads:
        gold_size[e.id] = gold_size.get(e.id, 0) + 1
        pred_members.setdefault(predicted[h.id], []).append(e.id)
    tp = fp = positives = reachable = hard = hard_fp = 0
    errors = []
    for (ha, ea), (hb, eb) in itertools.combinations(heads, 2):
        gold, same = ea.id == eb.id, predicted[ha.id] == predicted[hb.id]
        positives += gold
        reachable += gold and stored.doc_of[ha.id] in clusterable_docs and stored.doc_of[hb.id] in clusterable_docs
        tp += gold and same
        fp += same and not gold
        if not gold and _hard(ea, eb):
            hard += 1
            hard_fp += same
        if gold != same:
            errors.append((ha.id, hb.id, int(gold)))
    # B-cubed over headlines: the share of a headline's predicted cluster that is its event, and of
    # its event that is in its predicted cluster
    p_sum = r_sum = 0.0
    for h, e in heads:
        members = pred_members[predicted[h.id]]
        right = sum(1 for x in members if x == e.id)
        p_sum += right / len(members)
        r_sum += right / gold_size[e.id]
    n = len(heads) or 1
    return RealScore(
        split,
        len(heads),
        no_event,
        len(heads) * (len(heads) - 1) // 2,
        positives,
        reachable,
        tp,
        fp,
        hard,
        hard_fp,
        p_sum / n,
        r_sum / n,
        errors,
    )


def date_blind(events: list[UcdpEvent], stored: Stored, split: str, coref: Coref | None = None) -> tuple[int, int]:
    """(joined, compared): pairs of the split's reports of two different UCDP events of one type family
    and country, at most one of them placed below the country, that the decision joins when both are
    moved to the first's days. The file holds a sample of Pakistan's events (567 of thousands), so a
    rule that links reports naming only the country scores well here because the sample leaves few
    same-type incidents in a window, and badly on dense coverage (several incidents a day in one
    country): this counts how often it would join two different incidents of one day."""
    coref = coref or Coref()
    event_of = {stored.doc_of[h.id]: e for e in events for h in e.headlines if h.id in stored.doc_of}
    mentions = [
        m
        for m in coref.mentions(stored.reports)
        if m.report.doc_id in event_of and split in ("all", event_of[m.report.doc_id].split)
    ]
    joined = compared = 0
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            ra, rb = a.report, b.report
            if event_of[ra.doc_id].id == event_of[rb.doc_id].id or not a.families & b.families:
                continue
            if (ra.country and rb.country and ra.country != rb.country) or (
                a.place_level in _BELOW_COUNTRY and b.place_level in _BELOW_COUNTRY
            ):
                continue
            compared += 1
            joined += coref.same(a, dataclasses.replace(b, days=a.days))
    return joined, compared
