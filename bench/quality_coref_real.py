"""Event co-reference on real coverage: UCDP GED Pakistan source headlines (issue 16.1).

    PYTHONPATH=src .venv/bin/python bench/quality_coref_real.py [--shared ../shared] [--split dev]
        [--store DIR] [--errors N]

Every headline of ``ucdp_pakistan_dev/pakistan_dev.csv`` (567 UCDP events, 169 with several
headlines) becomes one document (its text the headline, its date the event's UCDP date_start as a
real page's date, its site the outlet) and all go through one ``claimgraph run``: the events stage
and the incremental clustering as in use. Headlines of one UCDP event are one incident, of two
events two. Scored within a split (an event's split: sha1 of its UCDP id, even = dev; see
bench/claimgraph_eval/coref_real.py), over every pair of the split's headlines: pairwise precision /
recall / F1, B-cubed over headlines, the hard negatives (two events of one UCDP violence type in one
province at most 3 days apart) joined, and how many headlines hold no event the clustering can use.

``--store DIR`` keeps the run's store in DIR and reuses it (the decision can then be re-run on the
stored reports: ``--recluster``, which clusters them again with the current events/coref.py; the
run's own clusters are the figure otherwise). Develop on train; measure dev once per idea.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from claimgraph_eval.coref_real import Stored, build_store, labels, load_events, recluster, score

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--split", action="append", choices=["train", "dev", "all"])
    ap.add_argument("--store", type=Path, help="keep (or reuse) the run's store in this folder")
    ap.add_argument("--recluster", action="store_true", help="cluster the stored reports again (needs --store)")
    ap.add_argument(
        "--published", action="store_true", help="date each document by its headline's source date, not date_start"
    )
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong pairs per split")
    args = ap.parse_args()
    events = load_events(args.shared)
    with tempfile.TemporaryDirectory(prefix="claimgraph-coref-real-") as tmp:
        workdir = args.store or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        path = workdir / "ucdp.duckdb"
        if not path.exists():
            build_store(events, workdir, args.published)
        stored = Stored.read(path)
    predicted = recluster(stored) if args.recluster else labels(stored, stored.stored_clusters)
    texts = {h.id: h.text for e in events for h in e.headlines}
    print("| split | headlines | no event | pairs | same | P | R | F1 | B3 P | B3 R | B3 F1 | hard neg. joined |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    scores = [score(events, stored, predicted, split) for split in args.split or ["train", "dev"]]
    for s in scores:
        print(
            f"| {s.split} | {s.headlines} | {s.no_event} | {s.pairs} | {s.positives} | {s.precision:.3f} | "
            f"{s.recall:.3f} | {s.f1:.3f} | {s.b3_precision:.3f} | {s.b3_recall:.3f} | {s.b3_f1:.3f} | "
            f"{s.hard_fp}/{s.hard} |"
        )
    for s in scores:
        for a, b, gold in s.errors[: args.errors]:
            print(f"{s.split} {'missed' if gold else 'wrong'}: {texts[a]!r} / {texts[b]!r}")


if __name__ == "__main__":
    main()
