"""Speed of the disputes step after a run, and whether it grows with the store.

    .venv/bin/python bench/speed_disputes.py [--base 500 --base 2000] [--add 100] [--shared PATH] [--mode fast]

For each --base size N: a store is built by `claimgraph run` (runner.run, fast mode by default) from N
distinct documents of real article text (bench/throughput.py's --distinct corpus: FNC-1 bodies, SATP
and MUC-4 reports), then a second run adds --add more documents. The disputes step of that second
run (``update_disputes`` over the added documents: their event clusters, quantity keys and
propositions, with the claim vectors the propositions step has just computed) is timed as the run
calls it, in this process: CPU seconds (``time.process_time``: every thread, DuckDB's too) and wall
seconds, per distinct added document. Blocking by cluster,
quantity key and proposition keeps it from reading the store as a whole, so the figure should not
grow with N; the goal (issue 16.8) is <= 5 ms CPU per distinct document for all of linking.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
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


def measure(base: int, add: int, texts: list[str], mode: str, tmp: Path) -> dict[str, float]:
    corpus = tmp / f"corpus-{base}"
    build_corpus(corpus, texts, base + add, distinct=True)
    lines = [
        line for shard in sorted(corpus.glob("*.jsonl")) for line in shard.read_text(encoding="utf-8").splitlines()
    ]
    (tmp / f"base-{base}.jsonl").write_text("\n".join(lines[:base]) + "\n", encoding="utf-8")
    (tmp / f"add-{base}.jsonl").write_text("\n".join(lines[base:]) + "\n", encoding="utf-8")
    settings = Settings.defaults().with_values({"extract.mode": mode})
    with Store(tmp / f"store-{base}.duckdb") as store:
        run([str(tmp / f"base-{base}.jsonl")], store, settings, workers=2)
        stored = {r["id"] for r in store.query("SELECT id FROM documents")}
        spent: dict[str, float] = {"cpu": 0.0, "wall": 0.0}
        blocks: dict[str, int] = {}
        step = runner.update_disputes
        profile = cProfile.Profile() if PROFILE else None

        def timed(*args, **kwargs):  # the run's own disputes step, as the link step calls it
            cpu, wall = time.process_time(), time.perf_counter()
            if profile:
                profile.enable()
            try:
                blocks.update(step(*args, **kwargs))
            finally:
                if profile:
                    profile.disable()
                spent["cpu"] += time.process_time() - cpu
                spent["wall"] += time.perf_counter() - wall
            return blocks

        runner.update_disputes = timed
        try:
            run([str(tmp / f"add-{base}.jsonl")], store, settings, workers=2)
        finally:
            runner.update_disputes = step
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        added = [
            r["id"] for r in store.query("SELECT id FROM documents WHERE duplicate_of IS NULL") if r["id"] not in stored
        ]
    n = max(len(added), 1)
    return {
        "stored": len(stored),
        "added": len(added),
        "cpu_ms": 1000 * spent["cpu"] / n,
        "wall_ms": 1000 * spent["wall"] / n,
        **blocks,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, action="append", help="documents stored before (repeatable)")
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--mode", choices=["fast", "accurate"], default="fast")
    parser.add_argument("--profile", action="store_true", help="print where the step's time goes (cProfile)")
    args = parser.parse_args()
    global PROFILE
    PROFILE = args.profile
    texts = real_texts(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        for base in args.base or [1000, 3000]:
            r = measure(base, args.add, texts, args.mode, Path(tmp))
            print(
                f"store of {r['stored']:,} documents + {r['added']} distinct: disputes step "
                f"{r['cpu_ms']:.2f} ms CPU and {r['wall_ms']:.2f} ms wall per added document "
                f"({r['clusters']} clusters, {r['quantity_keys']} quantity keys, {r['propositions']} propositions)"
            )


if __name__ == "__main__":
    main()
