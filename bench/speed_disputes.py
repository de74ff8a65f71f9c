"""Speed of the linking steps after a run (event clusters, propositions, disputes), and whether they
grow with the store.

    .venv/bin/python bench/speed_disputes.py [--base 500 --base 2000] [--add 100] [--shared PATH] [--mode fast]
        [--stores DIR] [--profile] [--dump PATH]

For each --base size N: a store is built by `claimgraph run` (runner.run, fast mode by default) from N
distinct documents of real article text (bench/throughput.py's --distinct corpus: FNC-1 bodies, SATP
and MUC-4 reports), then a second run adds --add more documents. Each linking step of that second
run (``cluster_new_events``, ``update_propositions``, ``update_disputes``, as ``StoreWriter.link``
calls them) is timed in this process: CPU seconds (``time.process_time``: every thread, DuckDB's
too) and wall seconds, per distinct added document. Blocking by cluster, quantity key and
proposition keeps the steps from reading the store as a whole, so the figures should not grow with
N; the goal (issue 16.8) is <= 5 ms CPU per distinct document for all of linking.

--dump PATH writes what linking found (every dispute with its values, every proposition with its
members' sides) to PATH-N.json, to compare two versions of the code on the same stores.
--stores DIR keeps each base store (``base-N.duckdb``) and reuses it: the second run then works on a
copy, so code changes can be measured on the same stores.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from throughput import build_corpus, real_texts  # noqa: E402

from claimgraph import runner  # noqa: E402
from claimgraph.runner import run  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402
from claimgraph.store import Store  # noqa: E402

PROFILE = False
DUMP: Path | None = None
STEPS = ("cluster_new_events", "update_propositions", "update_disputes")  # runner.StoreWriter.link


def _timed_steps(spent: dict[str, list[float]], blocks: dict, profile: cProfile.Profile | None) -> dict:
    """runner's linking steps wrapped in timers (CPU and wall seconds per step, into ``spent``)."""
    originals = {name: getattr(runner, name) for name in STEPS}

    def timed(name, step):
        def wrapper(*args, **kwargs):
            cpu, wall = time.process_time(), time.perf_counter()
            if profile:
                profile.enable()
            try:
                out = step(*args, **kwargs)
            finally:
                if profile:
                    profile.disable()
                total = spent.setdefault(name, [0.0, 0.0])
                total[0] += time.process_time() - cpu
                total[1] += time.perf_counter() - wall
            if name == "update_disputes":
                blocks.update(out)
            elif name == "update_propositions":  # how many it refreshed, how many it went over in full
                blocks.update(refreshed=out["refreshed"], recomputed=out["recomputed"])
            return out

        return wrapper

    for name, step in originals.items():
        setattr(runner, name, timed(name, step))
    return originals


def _split_corpus(base: int, add: int, texts: list[str], tmp: Path) -> tuple[Path, Path]:
    corpus = tmp / f"corpus-{base}"
    build_corpus(corpus, texts, base + add, distinct=True)
    lines = [
        line for shard in sorted(corpus.glob("*.jsonl")) for line in shard.read_text(encoding="utf-8").splitlines()
    ]
    first, second = tmp / f"base-{base}.jsonl", tmp / f"add-{base}.jsonl"
    first.write_text("\n".join(lines[:base]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[base:]) + "\n", encoding="utf-8")
    return first, second


def measure(base: int, add: int, texts: list[str], mode: str, tmp: Path, stores: Path | None) -> dict:
    # with --stores the inputs are kept beside the stores: document ids hash the input's path, so two
    # versions of the code then add documents of the same ids (comparable with --dump)
    first, second = _split_corpus(base, add, texts, stores or tmp)
    settings = Settings.defaults().with_values({"extract.mode": mode})
    db = tmp / f"store-{base}.duckdb"
    kept = stores / f"base-{base}-{mode}.duckdb" if stores else None
    if kept is not None and kept.exists():
        shutil.copyfile(kept, db)
    else:
        with Store(db) as store:
            run([str(first)], store, settings, workers=2)
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(db, kept)
    with Store(db) as store:
        stored = {r["id"] for r in store.query("SELECT id FROM documents")}
        spent: dict[str, list[float]] = {}
        blocks: dict[str, int] = {}
        profile = cProfile.Profile(time.process_time) if PROFILE else None  # CPU: the machine is shared
        originals = _timed_steps(spent, blocks, profile)
        try:
            run([str(second)], store, settings, workers=2)
        finally:
            for name, step in originals.items():
                setattr(runner, name, step)
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        added = [
            r["id"] for r in store.query("SELECT id FROM documents WHERE duplicate_of IS NULL") if r["id"] not in stored
        ]
        if DUMP is not None:  # what linking found, to compare two versions of the code on the same stores
            _dump(store, DUMP.parent / f"{DUMP.name}-{base}.json")
    n = max(len(added), 1)
    per_doc = {name: [1000 * v / n for v in spent.get(name, [0.0, 0.0])] for name in STEPS}
    return {"stored": len(stored), "added": len(added), "per_doc": per_doc, **blocks}


def _dump(store: Store, path: Path) -> None:
    """Every dispute (conflicting or not) with its values, and every proposition with its members'
    sides and similarities, as JSON (times left out)."""
    disputes = store.disputes.ranked(conflicts_only=False, min_sources=0)
    values = store.disputes.values([d["id"] for d in disputes])
    propositions = sorted(store.propositions.ranked(), key=lambda p: p["id"])
    members = store.propositions.members([p["id"] for p in propositions])
    out = {
        "disputes": [{k: v for k, v in d.items() if k != "updated_at"} | {"values": values[d["id"]]} for d in disputes],
        "propositions": [{k: v for k, v in p.items() if k != "updated_at"} for p in propositions],
        "members": sorted(
            ([m["proposition_id"], m["claim_id"], m["side"], m["relation"], m["similarity"]] for m in members),
        ),
    }
    path.write_text(json.dumps(out, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8")
    print(f"linking's output written to {path}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, action="append", help="documents stored before (repeatable)")
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--mode", choices=["fast", "accurate"], default="fast")
    parser.add_argument("--stores", type=Path, default=None, help="keep (and reuse) the base stores here")
    parser.add_argument("--profile", action="store_true", help="print where the steps' time goes (cProfile)")
    parser.add_argument(
        "--dump", type=Path, default=None, help="write what linking found to DUMP-N.json (disputes, propositions)"
    )
    args = parser.parse_args()
    global PROFILE, DUMP
    PROFILE, DUMP = args.profile, args.dump
    texts = real_texts(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        for base in args.base or [1000, 3000]:
            r = measure(base, args.add, texts, args.mode, Path(tmp), args.stores)
            steps = ", ".join(
                f"{name} {cpu:.2f} ms CPU ({wall:.2f} wall)" for name, (cpu, wall) in r["per_doc"].items()
            )
            total = sum(cpu for cpu, _ in r["per_doc"].values())
            print(
                f"store of {r['stored']:,} documents + {r['added']} distinct, per added document: {steps}; "
                f"linking {total:.2f} ms CPU ({r['clusters']} clusters, {r['quantity_keys']} quantity keys, "
                f"{r['propositions']} propositions; propositions step: {r['refreshed']} refreshed, "
                f"{r['recomputed']} recomputed over every member)",
                flush=True,
            )


if __name__ == "__main__":
    main()
