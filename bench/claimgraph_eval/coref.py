"""Event co-reference measured on labelled report pairs (bench/data/coref_pairs.yaml, synthetic).

Every report of the chosen split is stored in one temporary store through ``claimgraph run`` (so
clustering runs as in use: blocking, transitivity and all); a pair is predicted "same incident" when
the two reports' documents share an event cluster. A report the run stored as a duplicate of another
document is read through that canonical document (a copy is the same report).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimgraph.events.clusters import cluster_events
from claimgraph.events.coref import Coref, CorefSettings
from claimgraph.runner import run
from claimgraph.store import Store

PAIRS = Path(__file__).resolve().parents[1] / "data" / "coref_pairs.yaml"


def split_of(family_id: str) -> str:
    """The split rule recorded in the pair file's header, fixed before anything ran on it."""
    return "dev" if int(hashlib.sha1(family_id.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "train"


@dataclass(frozen=True)
class PairScore:
    pairs: int
    positives: int
    tp: int
    fp: int
    fn: int
    errors: list[tuple[str, str, int]]  # (report, report, gold) of each wrong pair

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_families(split: str, path: Path = PAIRS, keep=None) -> list[dict]:
    """The families of ``split``; ``keep``: a test of the family id (a subset of families, e.g. one session's)."""
    families = yaml.safe_load(path.read_text(encoding="utf-8"))["families"]
    return [f for f in families if split in ("all", split_of(f["id"])) and (keep is None or keep(f["id"]))]


def report_clusters(families: list[dict], workdir: Path) -> dict[str, set[str]]:
    """report id -> the cluster ids of its document's events, after one run over every report."""
    corpus = workdir / "reports.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for family in families:
            for r in family["reports"]:
                out.write(json.dumps({"title": r["id"], "date": r["date"], "site": r["site"], "text": r["text"]}))
                out.write("\n")
    with Store(workdir / "pairs.duckdb") as store:
        run([str(corpus)], store, workers=1)
        docs = store.query("SELECT id, title, coalesce(duplicate_of, id) AS canonical FROM documents")
        events = store.query("SELECT doc_id, cluster_id FROM events WHERE cluster_id IS NOT NULL")
    by_doc: dict[str, set[str]] = {}
    for e in events:
        by_doc.setdefault(e["doc_id"], set()).add(e["cluster_id"])
    return {d["title"]: by_doc.get(d["canonical"], set()) for d in docs}


def score_pairs(split: str = "dev", path: Path = PAIRS, keep=None) -> PairScore:
    families = load_families(split, path, keep)
    with tempfile.TemporaryDirectory(prefix="claimgraph-coref-") as tmp:
        clusters = report_clusters(families, Path(tmp))
    return _score(families, clusters)


def tune(split: str = "train", path: Path = PAIRS) -> list[tuple[float, float, int, PairScore]]:
    """Pairwise scores over a grid of the decision's thresholds (min_similarity strong / province,
    slack_days), re-clustering the stored reports of ``split`` without running the pipeline again.
    For the train split only: the chosen values go into data/events/coref.yaml."""
    import dataclasses

    families = load_families(split, path)
    base = CorefSettings.load()
    out = []
    with tempfile.TemporaryDirectory(prefix="claimgraph-coref-") as tmp:
        report_clusters(families, Path(tmp))
        with Store(Path(tmp) / "pairs.duckdb") as store:
            reports = store.events.reports()
            docs = store.query("SELECT id, title, coalesce(duplicate_of, id) AS canonical FROM documents")
        coref = Coref(base)
        mentions = coref.mentions(reports)  # encode once
        vectors = {m.report.event_id: m.vector for m in mentions}
        for strong in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
            for province in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
                for slack in (0, 1, 2):
                    settings = dataclasses.replace(
                        base, min_similarity={"strong": strong, "province": province}, slack_days=slack
                    )
                    mapping = cluster_events(reports, _Fixed(settings, vectors))
                    out.append((strong, province, slack, _score(families, _by_title(docs, mapping, reports))))
    return out


class _Fixed(Coref):
    """A Coref whose sentence vectors were computed once (tuning re-clusters many times)."""

    def __init__(self, settings, vectors):
        super().__init__(settings)
        self.vectors = vectors

    def mentions(self, reports):
        return [self._mention(r, self.vectors[r.event_id]) for r in reports if self.clusterable(r)]


def _by_title(docs, mapping, reports) -> dict[str, set[str]]:
    by_doc: dict[str, set[str]] = {}
    for r in reports:
        if r.event_id in mapping:
            by_doc.setdefault(r.doc_id, set()).add(mapping[r.event_id])
    return {d["title"]: by_doc.get(d["canonical"], set()) for d in docs}


def _score(families: list[dict], clusters: dict[str, set[str]]) -> PairScore:
    tp = fp = fn = n = positives = 0
    errors = []
    for family in families:
        for a, b in itertools.combinations(family["reports"], 2):
            gold = int(a["incident"] == b["incident"])
            predicted = int(bool(clusters.get(a["id"], set()) & clusters.get(b["id"], set())))
            n += 1
            positives += gold
            tp += gold and predicted
            fp += predicted and not gold
            fn += gold and not predicted
            if gold != predicted:
                errors.append((a["id"], b["id"], gold))
    return PairScore(n, positives, tp, fp, fn, errors)


# -- real coverage: UCDP GED Pakistan dev events with their source headlines ------------------------


def ucdp_reports(shared: Path) -> dict[str, list[dict]]:
    """UCDP event id -> its source headlines as reports (outlet, publication date, headline), where
    the event's headline, outlet and date lists align (a ";" inside a single headline is kept)."""
    path = shared / "datasets" / "ucdp_pakistan_dev" / "pakistan_dev.csv"
    events: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            offices, dates = row["source_office"].split(";"), row["source_date"].split(";")
            heads = row["source_headline"].split(";") if len(offices) > 1 else [row["source_headline"]]
            if not (len(heads) == len(offices) == len(dates)):
                heads, offices, dates = [row["source_headline"]], offices[:1], dates[:1]
            events[row["id"]] = [
                {"id": f"ucdp{row['id']}-{k}", "site": o.strip(), "date": d.strip(), "text": h.strip(),
                 "adm_1": row["adm_1"], "day": row["date_start"][:10]}
                for k, (h, o, d) in enumerate(zip(heads, offices, dates)) if h.strip()
            ]  # fmt: skip
    return events


def ucdp_pairs(events: dict[str, list[dict]], max_days: int = 3) -> list[tuple[str, str, int]]:
    """Pairs of headlines: of one event (1), and of two events in the same province whose first days
    lie at most ``max_days`` apart (0: the confusable ones)."""
    from datetime import datetime

    def day(r):
        return datetime.strptime(r["day"], "%m/%d/%Y").date()

    pairs = [(a["id"], b["id"], 1) for reports in events.values() for a, b in itertools.combinations(reports, 2)]
    firsts = sorted((reports for reports in events.values() if reports), key=lambda rs: day(rs[0]))
    for i, a_reports in enumerate(firsts):
        for b_reports in firsts[i + 1 :]:
            if (day(b_reports[0]) - day(a_reports[0])).days > max_days:
                break
            if a_reports[0]["adm_1"] == b_reports[0]["adm_1"]:
                pairs += [(a["id"], b["id"], 0) for a in a_reports for b in b_reports]
    return pairs


def score_ucdp(shared: Path) -> PairScore:
    """Pairwise co-reference of UCDP's source headlines (real coverage; UCDP's coding is the label)."""
    events = ucdp_reports(shared)
    pairs = ucdp_pairs(events)
    wanted = {x for a, b, _ in pairs for x in (a, b)}
    reports = [r for rs in events.values() for r in rs if r["id"] in wanted]
    with tempfile.TemporaryDirectory(prefix="claimgraph-coref-ucdp-") as tmp:
        clusters = report_clusters([{"reports": reports}], Path(tmp))
    tp = fp = fn = 0
    errors = []
    for a, b, gold in pairs:
        predicted = int(bool(clusters.get(a, set()) & clusters.get(b, set())))
        tp += gold and predicted
        fp += predicted and not gold
        fn += gold and not predicted
        if gold != predicted:
            errors.append((a, b, gold))
    return PairScore(len(pairs), sum(g for _, _, g in pairs), tp, fp, fn, errors)


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["ucdp"]:
        s = score_ucdp(
            Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[2].parent / "shared"
        )
        print(f"ucdp: {s.pairs} pairs ({s.positives} same) P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
        sys.exit()
    if sys.argv[1:] == ["tune"]:
        for strong, province, slack, sc in tune():
            scores = f"P {sc.precision:.3f} R {sc.recall:.3f} F1 {sc.f1:.3f}"
            print(f"strong {strong} province {province} slack {slack}: {scores}")
        sys.exit()
    # "--only WORD" / "--except WORD": the families whose id holds WORD, or the others ("three-incidents":
    # session 11's province families)
    args, keep = sys.argv[1:], None
    for flag, wanted in (("--only", True), ("--except", False)):
        if flag in args:
            word = args[args.index(flag) + 1]
            args = [a for a in args if a not in (flag, word)]
            keep = lambda fid, word=word, wanted=wanted: (word in fid) == wanted  # noqa: E731
    for split in args or ["train"]:
        s = score_pairs(split, keep=keep)
        print(f"{split}: {s.pairs} pairs ({s.positives} same) P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
        for e in s.errors:
            print("  wrong:", e)
