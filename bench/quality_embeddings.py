"""Propositions and disputes with each embedding mode, and what the accurate one costs per document.

    .venv/bin/python bench/quality_embeddings.py [--shared PATH] [--mode fast|accurate] [--part props|disputes]

The two linking benches, with the run's propositions grouped in --mode (a new store's propositions are fast;
`claimgraph propositions --mode accurate` re-groups a store, and the disputes step then reads that mode's
vectors, so a run here hands --mode to the propositions step as such a store would):
* the project's proposition pairs over examples/corpus and the seeds (bench/quality_propositions.py's
  evaluate: same-proposition P/R/F1 on the tuning and held-out halves, side accuracy);
* the disputes dev set (bench/quality_disputes.py's corpus, labels and scoring: recall, top-10 precision),
  with the top 10 listed and whether each is a labelled dispute.
Each run's linking step (clusters, propositions, disputes, ACH; in the parent process) is timed in CPU
seconds per document stored, loading the embedding model included.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from pathlib import Path

from quality_disputes import corpus_records, listed_disputes, load_labels, matches, score_disputes
from quality_propositions import build_store, evaluate, load_pairs

import claimgraph.runner as runner
from claimgraph.link.propositions import config_of_store, update_propositions
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]


def run_in_mode(mode: str) -> list[tuple[int, float]]:
    """Make every later ``runner.run`` group propositions in ``mode``; returns the list each linking step
    appends (documents, CPU seconds) to."""
    links: list[tuple[int, float]] = []
    link = runner.StoreWriter.link

    def timed_link(self) -> None:
        added, _ = self.store.unlinked_documents()
        started = time.process_time()
        link(self)
        links.append((len(added), time.process_time() - started))

    runner.StoreWriter.link = timed_link
    runner.update_propositions = functools.partial(update_propositions, mode=mode)
    return links


def propositions(shared: Path, workdir: Path, mode: str) -> None:
    db = workdir / "propositions.duckdb"
    build_store(db, shared, [])
    with Store(db) as store:
        update_propositions(store, mode, config=config_of_store(store))
        pairs = load_pairs()
        for name, part in (("tuning (even)", pairs[0::2]), ("held out (odd)", pairs[1::2]), ("all", pairs)):
            r = evaluate(store, part)
            print(
                f"propositions, {name}: {r['pairs']} pairs, P {r['precision']:.2f} R {r['recall']:.2f} "
                f"F1 {r['f1']:.2f}; sides right on {r['side_accuracy']:.0%} of {r['side_pairs']}"
            )


def disputes(shared: Path, workdir: Path) -> None:
    labels = load_labels()
    listed = listed_disputes(corpus_records(labels, shared), workdir) or []
    recall, precision, found = score_disputes(labels, listed)
    print(f"disputes: {len(listed)} listed, recall {recall:.3f} ({len(found)}/{len(labels)}), top-10 {precision:.3f}")
    print(f"  found: {', '.join(found)}")
    for n, listed_one in enumerate(listed[:10], 1):
        hit = next((d["id"] for d in labels if matches(listed_one, d)), "-")
        values = " | ".join(sorted({(v.get("text") or "")[:50] for v in listed_one.get("values", [])})[:2])
        print(f"  {n:2d}. [{hit}] {listed_one.get('kind')}: {values}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--mode", choices=("fast", "accurate"), default="accurate")
    ap.add_argument("--part", choices=("props", "disputes"), action="append", help="default: both")
    args = ap.parse_args(argv)
    links = run_in_mode(args.mode)
    with tempfile.TemporaryDirectory(prefix="claimgraph-embeddings-") as tmp:
        for part in args.part or ("props", "disputes"):
            del links[:]
            propositions(args.shared, Path(tmp), args.mode) if part == "props" else disputes(args.shared, Path(tmp))
            docs, cpu = links[0] if links else (0, 0.0)
            print(
                f"  [{args.mode}] linking step: {docs} documents, {1000 * cpu / max(docs, 1):.0f} ms CPU per document"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
