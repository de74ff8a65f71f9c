"""Assertion against denial inside one report: is an outlet's claim and a named speaker's rejection of it
listed, and nothing else? (issue 16.3)

    .venv/bin/python bench/quality_report_voices.py [--errors]

bench/data/report_voices.yaml (synthetic, project-written; split rule in its header: sha1 of a report's
sentences % 3 == 0 is dev): short reports, each one document of its own outlet, that narrate a claim in
the outlet's own voice (or an unnamed source's) and quote a named speaker rejecting or contradicting it
(a labelled dispute between two of its sentences), and hard negatives (the speaker confirms, declines to
comment, or rejects something else). All reports go through ``claimgraph run`` into one temporary store;
the disputes step's stored disputes are read back, one outlet's included (the listing shows those of two
sources or more; each report here is one outlet). A labelled dispute is found when one listed dispute holds a
value from each of its two sentences; a listed dispute is false when it holds no labelled pair (within a
report or across two). Reported per split: recall of labelled disputes, and the false disputes listed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
from pathlib import Path

import yaml

from claimgraph.runner import run
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "bench" / "data" / "report_voices.yaml"
_WORD = re.compile(r"\w+")


def split_of(report: dict) -> str:
    return "dev" if int(hashlib.sha1(" ".join(report["sentences"]).encode()).hexdigest(), 16) % 3 == 0 else "train"


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def _sentence_of(value: dict, reports: list[dict]) -> tuple[int, int] | None:
    """(report, sentence) of the value: of its report's sentences, the one whose words its sentence holds
    the largest share of (at least half; a rejection often repeats the words of what it rejects)."""
    said = _words(value.get("text"))
    for r, report in enumerate(reports):
        if value.get("doc_title") != f"voices:{r}":
            continue
        shares = [len(_words(x) & said) / len(_words(x)) for x in report["sentences"]]
        best = max(range(len(shares)), key=lambda s: shares[s])
        return (r, best) if shares[best] >= 0.5 else None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print the disputes missed and the false ones")
    args = parser.parse_args()
    reports = yaml.safe_load(REPORTS.read_text(encoding="utf-8"))["reports"]
    with tempfile.TemporaryDirectory(prefix="claimgraph-voices-") as tmp:
        corpus = Path(tmp) / "documents.jsonl"
        rows = [{"title": f"voices:{r}", "site": f"voices-{r}", "text": " ".join(x["sentences"])}
                for r, x in enumerate(reports)]  # fmt: skip
        corpus.write_text("".join(json.dumps(x) + "\n" for x in rows), encoding="utf-8")
        with Store(Path(tmp) / "store.duckdb") as store:
            run([str(corpus)], store, workers=1)
            # every dispute the step stores, one outlet's included: the listing shows only those of two
            # sources or more, and each report here is one outlet (what is measured is the matching)
            listed = [dict(r, values=v) for r in store.disputes.ranked(min_sources=1)
                      for v in [store.disputes.values([r["id"]])[r["id"]]]]  # fmt: skip
            titles = {d["id"]: d["title"] for d in store.documents.summaries()}
    for d in listed:
        for v in d["values"]:
            v["doc_title"] = titles.get(v["doc_id"])
    held = [{_sentence_of(v, reports) for v in d["values"]} - {None} for d in listed]
    labelled = {(r, tuple(x["dispute"])) for r, x in enumerate(reports) if x["dispute"]}
    for split in ("train", "dev"):
        mine = {(r, pair) for r, pair in labelled if split_of(reports[r]) == split}
        found = {(r, pair) for r, pair in mine if any({(r, pair[0]), (r, pair[1])} <= h for h in held)}
        false = [
            d
            for d, h in zip(listed, held, strict=True)
            if h
            and all(split_of(reports[r]) == split for r, _ in h)
            and not any({(r, a), (r, b)} <= h for r, (a, b) in labelled)
        ]
        n = sum(split_of(x) == split for x in reports)
        print(f"{split}: {n} reports, {len(mine)} disputes: found {len(found)} (recall {len(found) / len(mine):.3f}); "
              f"false disputes listed {len(false)}")  # fmt: skip
        if args.errors:
            for r, pair in sorted(mine - found):
                print(f"  missed {r}: {reports[r]['sentences'][pair[0]][:90]}")
            for d in false:
                print(f"  false {d['kind']}: {' | '.join(v['text'][:70] for v in d['values'])}")


if __name__ == "__main__":
    main()
