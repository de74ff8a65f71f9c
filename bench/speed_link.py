"""The linking steps alone, again and again on one store: what ``bench/speed_disputes.py`` times,
without extracting the added documents each time.

    .venv/bin/python bench/speed_link.py --stores DIR --base 2000 [--repeat 2] [--profile] [--dump PATH] [--parts]

DIR holds ``base-N-fast.duckdb`` and ``add-N.jsonl`` as ``bench/speed_disputes.py --stores DIR``
leaves them. The first call stores the added documents without linking them (``StoreWriter.link``
left out) into ``prelink-N-fast.duckdb``; every call then copies that store and runs the steps
``StoreWriter.link`` runs (event clusters, propositions, disputes, ACH boards), timing each in CPU
seconds per added document; ``--parts`` also times the disputes step's parts (``PARTS``: inclusive
CPU ms per added document, each wrapped with ``process_time``, without a profiler's per-call cost).
The figures match speed_disputes.py's (same stores, same inputs: the
run links once, at its end), so a change to linking is measured in a minute, not ten.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from speed_disputes import _dump  # noqa: E402

from claimgraph import runner  # noqa: E402
from claimgraph.ach import repropose_all  # noqa: E402
from claimgraph.entities.places import Gazetteer  # noqa: E402
from claimgraph.events.clusters import cluster_new_events  # noqa: E402
from claimgraph.events.coref import Coref  # noqa: E402
from claimgraph.link.disputes import update_disputes  # noqa: E402
from claimgraph.link.propositions import ClaimVectors, update_propositions  # noqa: E402
from claimgraph.link.propositions import load_config as load_proposition_config  # noqa: E402
from claimgraph.runner import run  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402
from claimgraph.store import Store  # noqa: E402

# the disputes step's parts --parts times: (module, function or Class.method), each looked up where its
# caller reads it
PARTS = (
    ("claimgraph.link.disputes", "_actors"),
    ("claimgraph.store.disputes", "DisputeRepository.clusters_of"),
    ("claimgraph.store.figures", "FigureRepository.in_context"),
    ("claimgraph.link.disputes", "event_values"),
    ("claimgraph.link.disputes", "quantity_values"),
    ("claimgraph.link.disputes", "unclustered_values"),
    ("claimgraph.store.disputes", "DisputeRepository.polar_claims"),
    ("claimgraph.store.disputes", "DisputeRepository.values_of_blocks"),
    ("claimgraph.link.disputes", "denial_values"),
    ("claimgraph.link.disputes.denials", "_polar_candidates"),
    ("claimgraph.store.disputes", "DisputeRepository.propositions_of_documents"),
    ("claimgraph.store.disputes", "DisputeRepository.polar_candidates"),
    ("claimgraph.link.disputes.denials", "_new_edges"),
    ("claimgraph.link.disputes.denials", "_claim_vectors"),
    ("claimgraph.link.disputes.denials", "_voices_matrix"),
    ("claimgraph.link.disputes.denials", "_Stories.read"),
    ("claimgraph.store.disputes", "DisputeRepository.stories_of_claims"),
    ("claimgraph.link.disputes.denials", "_Stories.compatible"),
    ("claimgraph.link.disputes.denials", "_Speakers.read"),
    ("claimgraph.link.disputes.denials", "_match_scores"),
    ("claimgraph.link.disputes.denials", "_across"),
    ("claimgraph.store.disputes", "DisputeRepository.claims_by_id"),
    ("claimgraph.link.disputes.denials", "_closest_pairs"),
    ("claimgraph.link.disputes", "fact_values"),
    ("claimgraph.link.disputes.facts", "claim_values"),
    ("claimgraph.link.disputes.facts", "rejected_values"),
    ("claimgraph.link.disputes.facts", "_rejection_reach"),
    ("claimgraph.link.disputes.facts", "_masked_vectors"),
    ("claimgraph.link.disputes", "fact_disputes"),
    ("claimgraph.link.disputes", "unclustered_disputes"),
    ("claimgraph.store.disputes", "DisputeRepository.replace"),
)


def time_parts(spent: dict[str, float]) -> list[tuple]:
    """Wrap each of ``PARTS`` with a CPU timer adding into ``spent``; returns what to put back."""
    import importlib

    undo = []
    for module_name, name in PARTS:
        owner = importlib.import_module(module_name)
        *path, attr = name.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, attr)
        key = name if path else f"{module_name.rsplit('.', 1)[-1]}.{name}"

        def timed(*args, _f=original, _key=key, **kwargs):
            cpu = time.process_time()
            try:
                return _f(*args, **kwargs)
            finally:
                spent[_key] = spent.get(_key, 0.0) + time.process_time() - cpu

        setattr(owner, attr, timed)
        undo.append((owner, attr, original))
    return undo


def prelink(stores: Path, base: int, mode: str) -> Path:
    """The base store with the added documents stored and not linked (made once, then reused)."""
    out = stores / f"prelink-{base}-{mode}.duckdb"
    if out.exists():
        return out
    kept, added = stores / f"base-{base}-{mode}.duckdb", stores / f"add-{base}.jsonl"
    if not kept.exists() or not added.exists():
        sys.exit(
            f"{stores}: no base-{base}-{mode}.duckdb or add-{base}.jsonl (run bench/speed_disputes.py --stores first)"
        )
    partial = out.with_suffix(".partial")
    shutil.copyfile(kept, partial)
    link = runner.StoreWriter.link
    runner.StoreWriter.link = lambda self: None
    try:
        with Store(partial) as store:
            run([str(added)], store, Settings.defaults().with_values({"extract.mode": mode}), workers=2)
    finally:
        runner.StoreWriter.link = link
    partial.rename(out)
    return out


def link_once(store: Store, profile: cProfile.Profile | None) -> dict[str, float]:
    """``StoreWriter.link``'s steps, each timed (CPU seconds)."""
    spent: dict[str, float] = {}
    added, through = store.unlinked_documents()

    def timed(name, step, *args, **kwargs):
        cpu = time.process_time()
        if profile:
            profile.enable()
        try:
            return step(*args, **kwargs)
        finally:
            if profile:
                profile.disable()
            spent[name] = time.process_time() - cpu

    store.lift_memory_limit()
    gazetteer = functools.cache(Gazetteer.load)  # one for every step, as StoreWriter.link holds it
    changed = timed("clusters", cluster_new_events, store, added, Coref(gazetteer=gazetteer))
    config = load_proposition_config()
    vectors = ClaimVectors()
    timed("propositions", update_propositions, store, config=config, keep=vectors, documents=added)
    timed(
        "disputes",
        update_disputes,
        store,
        added,
        clusters=set(changed.values()),
        weights=config,
        vectors=vectors,
        gazetteer=gazetteer,
    )
    timed("boards", repropose_all, store, added)
    store.mark_linked(through)
    store.lower_memory_limit()
    return {"documents": len(added), **spent}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stores", type=Path, required=True)
    parser.add_argument("--base", type=int, action="append", required=True)
    parser.add_argument("--mode", choices=["fast", "accurate"], default="fast")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path, default=None, help="write what linking found to DUMP-N.json")
    parser.add_argument("--parts", action="store_true", help="time the disputes step's parts (PARTS)")
    args = parser.parse_args()
    for base in args.base:
        source = prelink(args.stores, base, args.mode)
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                db = Path(tmp) / "store.duckdb"
                shutil.copyfile(source, db)
                profile = cProfile.Profile(time.process_time) if args.profile else None
                parts: dict[str, float] = {}
                undo = time_parts(parts) if args.parts else []
                with Store(db) as store:
                    try:
                        spent = link_once(store, profile)
                    finally:
                        for module, name, original in undo:
                            setattr(module, name, original)
                    if args.dump is not None:
                        _dump(store, args.dump.parent / f"{args.dump.name}-{base}.json")
                    cpu = time.process_time()
                close = time.process_time() - cpu  # the store's closing checkpoint
            n = max(spent.pop("documents"), 1)
            steps = ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in spent.items())
            total = sum(v for k, v in spent.items() if k != "boards")
            print(
                f"base {base} + {n} documents, ms CPU per document: {steps}; linking {1000 * total / n:.2f} "
                f"(clusters + propositions + disputes); closing {1000 * close / n:.2f}",
                flush=True,
            )
            if parts:
                print(
                    "  disputes' parts, ms CPU per document (inclusive): "
                    + ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in parts.items()),
                    flush=True,
                )
            if profile:
                profile.dump_stats(str(args.stores / f"link-{base}.prof"))  # for pstats' callers
                pstats.Stats(profile).sort_stats("cumulative").print_stats(50)


if __name__ == "__main__":
    main()
