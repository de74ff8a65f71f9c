"""Throughput and memory of the local engine (1 and 2 workers) and Spark local mode, on real text.

    .venv/bin/python bench/throughput.py --docs 10000 [--docs 100000] [--spark-docs 10000] \
        [--stage-sample 500] [--mode fast] [--shared ../shared] [--out bench/throughput.json]
    .venv/bin/python bench/throughput.py --docs 0 --stage-sample 0 --foundation-docs 100000 --index-docs 5000

The corpus is built from real article text -- FNC-1 bodies, SATP event reports, MUC-4 reports
(../shared/datasets) -- replicated to N documents of ~4 KB and streamed to disk as JSONL shards of
1,000 records in a temporary directory (deleted afterwards). Each copy gets its own noise, seeded by
its number: debris lines (share bars, breadcrumbs, "Advertisement"), runs of spaces and blank
lines, URL spam, and a repeated paragraph, so the cleaner has real work and no two copies are
the same text (near-duplicates, as syndicated news is: on the ~4k base texts about two-thirds of a
10k corpus are duplicates). --distinct draws each document's texts at random instead, so almost
every document is canonical and reaches the linking step (a day of distinct articles).

Measured:
* per stage, in this process on --stage-sample documents: read, clean, language, each extract
  stage, dedup (hash + MinHash + LSH), store (DuckDB, batched) -> documents per CPU second
  (CPU time, so the figure holds on a machine other jobs share);
* end to end, `claimgraph run --workers N` in a child process per N -> documents/s (wall), documents per
  CPU second of the whole process tree, and the peak RSS of the largest process (sampled from /proc: the process tree);
  the after-run steps (event clusters, propositions, disputes, ACH boards) are timed inside the run's process,
  so the report gives their share of the run and the stream's rate without them;
* Spark: `python -m claimgraph.engines.spark --master local[2]` -> documents/s and peak RSS of the
  largest process (the JVM or a Python worker); `claimgraph load` of its output is timed too;
* memory: RSS of the process tree over time for every run (flat = streaming works), and with
  --foundation-docs the stages that decide a run's memory (read, clean, language, duplicate index,
  store) on corpora too large to put through every stage on a shared machine; --index-docs: the
  duplicate index's bytes per document, and what 100k / 250k / 1M documents cost.
--corpus DIR keeps the generated corpus for the next invocation.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
PYTHON = sys.executable
SHARD_RECORDS = 1000
TARGET_CHARS = 3600  # ~4 KB records once JSON-escaped, with the noise

DEBRIS = [
    "Share this: Facebook Twitter WhatsApp Email",
    "Advertisement",
    "Home / World / Asia",
    "Subscribe to our newsletter",
    "Read more: related coverage",
    "Follow us on Twitter @example",
    "Click here to comment",
    "Copyright 2024 Example Media. All rights reserved.",
]


def real_texts(shared: Path) -> list[str]:
    """Article-length texts from the three datasets (the README's train files only)."""
    datasets = shared / "datasets"
    texts: list[str] = []
    csv.field_size_limit(1 << 24)
    with open(datasets / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as fh:
        texts += [row["articleBody"] for row in csv.DictReader(fh)]
    with open(datasets / "satp_relevant" / "train.tsv", encoding="utf-8") as fh:
        texts += [line.split("\t", 1)[0] for line in fh if line.strip()]
    muc = json.loads((datasets / "muc4" / "train.json").read_text(encoding="utf-8"))
    texts += [entry["doc"] for entry in muc.values()]
    return [t.strip() for t in texts if len(t.split()) >= 30]


def noisy_document(texts: list[str], i: int, distinct: bool = False) -> str:
    """Document i: real texts joined to ~4 KB, with noise seeded by i. By default document i and
    document i + len(texts) join the same texts (near-duplicates, as syndicated news is: on ~4k
    base texts, ~2/3 of a 10k corpus are duplicates); ``distinct`` joins texts drawn at random, so
    almost every document is canonical (a day of distinct articles)."""
    rng = random.Random(i)
    paragraphs: list[str] = []
    j = i
    while sum(len(p) for p in paragraphs) < TARGET_CHARS:
        text = texts[rng.randrange(len(texts)) if distinct else j % len(texts)]
        paragraphs += [p for p in text.split("\n\n") if p.strip()] if "\n\n" in text else [text]
        j += 7919  # a prime stride: neighbouring documents share no text
    out: list[str] = []
    for p in paragraphs:
        if rng.random() < 0.3:
            out.append(rng.choice(DEBRIS))
        if rng.random() < 0.2:
            p = p.replace(" ", "   ", 3)
        out.append(p)
        if rng.random() < 0.1:
            out.append(" ".join(f"https://spam{rng.randrange(99)}.example/{rng.randrange(10**6)}" for _ in range(3)))
    if len(out) > 2 and rng.random() < 0.3:
        out.insert(rng.randrange(1, len(out)), out[0])  # a repeated paragraph
    return ("\n\n" if rng.random() < 0.7 else "\n\n\n  ").join(out) + "\n"


def build_corpus(directory: Path, texts: list[str], n: int, distinct: bool = False) -> float:
    """Write n documents as JSONL shards; returns the mean document size in bytes."""
    directory.mkdir(parents=True, exist_ok=True)
    total = 0
    for shard_start in range(0, n, SHARD_RECORDS):
        with open(directory / f"shard{shard_start // SHARD_RECORDS:05d}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(shard_start, min(n, shard_start + SHARD_RECORDS)):
                line = json.dumps(
                    {
                        "title": f"Report {i}",
                        "text": noisy_document(texts, i, distinct),
                        "url": f"https://news.example/{i}",
                    },
                    ensure_ascii=False,
                )
                total += len(line.encode("utf-8")) + 1
                fh.write(line + "\n")
    return total / n


def stage_rates(corpus: Path, sample: int, db: Path, mode: str = "accurate") -> dict[str, float]:
    """documents/s of each stage alone, in this process, on the first `sample` documents."""
    from itertools import islice

    from claimgraph import runner
    from claimgraph.dedup import DuplicateIndex
    from claimgraph.ingest import read_paths
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings
    from claimgraph.store import Store

    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": mode}))
    # CPU seconds of this process, not wall time: on a shared, loaded machine wall time measures the neighbours
    started = time.process_time()
    docs = list(islice(read_paths([str(corpus)]), sample))
    seconds = {"read": time.process_time() - started}
    # every component, run once first so a one-off load is not counted as throughput
    pipe(docs[0])
    for spec, step in pipe.components:
        name = spec.name
        started = time.process_time()
        docs = [step(d) for d in docs]
        seconds[name] = time.process_time() - started
    index = DuplicateIndex()
    started = time.process_time()
    checked = []
    for d in docs:
        d = index.check(d)
        sig = index.signature(d)
        if d.duplicate_of is None:
            index.add(d, sig)
        checked.append((d, sig))
    seconds["dedup"] = time.process_time() - started
    with Store(db) as store:
        started = time.process_time()
        for i in range(0, len(checked), runner.BATCH_DOCUMENTS):
            batch = checked[i : i + runner.BATCH_DOCUMENTS]
            with store.batch():  # as StoreWriter.write_all: one id look-up per batch
                stored = store.stored_ids(d.id for d, _ in batch)
                for d, sig in batch:
                    if d.id not in stored:
                        store.add_document(d, sig, known_new=True)
        seconds["store"] = time.process_time() - started
    return {name: round(len(docs) / s, 1) for name, s in seconds.items()}


def _process_table() -> dict[int, tuple[int, float, int]]:
    """pid -> (parent pid, CPU seconds, RSS bytes) of every process, from /proc."""
    ticks, page = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE")
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after "pid (comm)": state ppid ... utime(12) stime(13) ... rss(22), 0-based from state
        table[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks, int(fields[21]) * page)
    return table


def _descendants(root: int, table: dict[int, tuple[int, float, int]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


PROGRESS_DOCUMENTS = 5000  # foundation_run prints its memory this often
RSS_SAMPLES = 40  # points of the RSS-over-time series kept per run


def timed_child(
    cmd: list[str], interval: float = 0.5, series: list | None = None, by_process: dict | None = None
) -> tuple[float, float, float, float, int]:
    """(wall s, CPU s of the process tree, peak RSS MiB of its largest process, peak RSS MiB of the whole
    tree at once, exit code). The tree is sampled from /proc every ``interval`` s: pool workers are
    children of multiprocessing's forkserver and Spark's Python workers of the JVM, and neither
    parent reaps them in a way ``getrusage(RUSAGE_CHILDREN)`` would count. ``series``, when given,
    receives [wall s, CPU s, tree RSS MiB, largest process RSS MiB] per sample (memory over time:
    flat means streaming works, a peak alone would not show it). ``by_process``, when given,
    receives the CPU s of the child itself ("parent"), of its direct children ("helpers": the
    forkserver, the resource tracker) and of each process further down ("workers": pool workers
    are the forkserver's children); a process's last ``interval`` before it exits is not seen."""
    started = time.perf_counter()
    # stderr to a file, not a pipe: a long run's messages would fill a pipe nobody reads until the end
    errors = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors)
    cpu: dict[int, float] = {}
    parents: dict[int, int] = {}
    peak_one = peak_tree = 0
    while proc.poll() is None:
        table = _process_table()
        tree = [p for p in _descendants(proc.pid, table) if p in table]
        for pid in tree:
            cpu[pid] = max(cpu.get(pid, 0.0), table[pid][1])
            parents[pid] = table[pid][0]
        if tree:
            one, whole = max(table[p][2] for p in tree), sum(table[p][2] for p in tree)
            peak_one, peak_tree = max(peak_one, one), max(peak_tree, whole)
            if series is not None:
                series.append(
                    [
                        round(time.perf_counter() - started, 1),
                        round(sum(cpu.values()), 1),
                        round(whole / 2**20),
                        round(one / 2**20),
                    ]
                )
        time.sleep(interval)
    wall = time.perf_counter() - started
    errors.seek(0)
    err = errors.read().decode("utf-8", "replace")
    errors.close()
    if proc.returncode != 0:  # 1 is also an input error or an uncaught exception: show which
        print(f"exit {proc.returncode}: {err[-2000:]}", file=sys.stderr)
    if series is not None and len(series) > RSS_SAMPLES:
        step = len(series) / RSS_SAMPLES
        series[:] = [series[int(i * step)] for i in range(RSS_SAMPLES)] + [series[-1]]
    if by_process is not None:
        by_process["parent"] = round(cpu.get(proc.pid, 0.0), 1)
        by_process["helpers"] = round(sum(c for p, c in cpu.items() if parents.get(p) == proc.pid), 1)
        by_process["workers"] = sorted(
            (round(c, 1) for p, c in cpu.items() if p != proc.pid and parents.get(p) != proc.pid), reverse=True
        )
    return wall, sum(cpu.values()), peak_one / 2**20, peak_tree / 2**20, proc.returncode


def foundation_run(paths: list[str], db: str) -> None:
    """What decides a run's memory, without the per-document extract stages (stateless, so their
    memory does not depend on the corpus size): read -> clean -> language in a stream, then
    duplicate detection and the batched store writes of ``claimgraph run`` (runner.StoreWriter)."""
    from claimgraph import runner
    from claimgraph.clean import clean_document, load_rules
    from claimgraph.errors import InputError
    from claimgraph.ingest import read_paths
    from claimgraph.language import detect_language, load_identifier
    from claimgraph.store import Store

    rules, identifier = load_rules(), load_identifier()
    started = time.perf_counter()

    def stages(items):
        for n, item in enumerate(items, 1):
            yield item if isinstance(item, InputError) else detect_language(clean_document(item, rules), identifier)
            if n % PROGRESS_DOCUMENTS == 0:  # memory over time from inside, when the run is cut short
                with open("/proc/self/statm", encoding="ascii") as fh:
                    rss = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
                # what DuckDB holds (its buffer pool is bounded by store.MEMORY_LIMIT) vs the rest of the process
                duck = store.query("SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()")[0]["b"] / 2**20
                print(
                    f"{n} documents, {time.perf_counter() - started:.0f} s, {time.process_time():.0f} CPU s, "
                    f"RSS {rss:.0f} MiB, DuckDB {duck:.0f} MiB, duplicate index {len(writer.index)}, "
                    f"report {len(writer.report.added)}",
                    flush=True,
                )

    with Store(db) as store:
        writer = runner.StoreWriter(store, paths, threshold=0.8)
        try:
            writer.write_all(stages(writer.skip_stored(read_paths(paths))))
        finally:
            writer.finish()


AFTER_RUN_STEPS = (  # runner.StoreWriter.link
    "cluster_new_events",
    "update_propositions",
    "update_disputes",
    "repropose_all",
)


def run_child(timings: str, run_args: list[str]) -> None:
    """``claimgraph run RUN_ARGS`` with the after-run steps timed (wall and CPU s of this process: they
    run in the parent, after the pool has finished); the times go to the JSON file ``timings``."""
    from claimgraph import runner
    from claimgraph.cli import main as cli_main

    spent: dict[str, list[float]] = {}

    def timed(name, step):
        def wrapper(*args, **kwargs):
            wall, cpu, thread = time.perf_counter(), time.process_time(), time.thread_time()
            try:
                return step(*args, **kwargs)
            finally:
                total = spent.setdefault(name, [0.0, 0.0])
                total[0] += time.perf_counter() - wall
                total[1] += time.process_time() - cpu
                # one line per call: a long run links every LINK_DOCUMENTS documents
                print(
                    f"after-run {name}: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} CPU s",
                    file=sys.stderr,
                    flush=True,
                )
                main_thread[0] += time.thread_time() - thread

        return wrapper

    main_thread = [0.0]  # the after-run steps' CPU in the main thread (numpy and torch use others too)

    for name in AFTER_RUN_STEPS:
        setattr(runner, name, timed(name, getattr(runner, name)))
    try:
        cli_main(["run", *run_args])
    finally:
        # this process's CPU from inside (exact, where /proc sampling misses the last interval): all
        # threads, and the main thread alone -- the others unpickle the workers' results (the pool's
        # result thread) and run DuckDB's own work
        parent = {
            "cpu": round(time.process_time(), 2),
            "main_thread_cpu": round(time.thread_time(), 2),
            "after_run_main_thread_cpu": round(main_thread[0], 2),
        }
        Path(timings).write_text(
            json.dumps(
                {
                    "after_run": {name: [round(v, 1) for v in spent.get(name, [0.0, 0.0])] for name in AFTER_RUN_STEPS},
                    "parent": parent,
                }
            ),
            encoding="utf-8",
        )


def index_bytes_per_document(corpus: Path, n: int) -> dict[str, float]:
    """Bytes the DuplicateIndex holds per canonical document (signature + LSH band keys + the id and
    hash maps), from tracemalloc around ``add`` of n documents; the hashing is done before."""
    import tracemalloc
    from itertools import islice

    from claimgraph.clean import clean_document, load_rules
    from claimgraph.dedup import DuplicateIndex
    from claimgraph.ingest import read_paths

    rules = load_rules()
    index = DuplicateIndex()
    pending = []
    for doc in islice(read_paths([str(corpus)]), n):
        doc = index.check(clean_document(doc, rules))
        pending.append((doc, index.signature(doc)))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for doc, signature in pending:
        if doc.duplicate_of is None:
            index.add(doc, signature)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    per_doc = held / max(len(index), 1)
    return {
        "documents": len(index),
        "bytes_per_document": round(per_doc),
        **{f"mib_at_{k}": round(per_doc * k / 2**20) for k in (100_000, 250_000, 1_000_000)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, action="append", help="corpus sizes for the local engine (repeatable)")
    parser.add_argument("--workers", type=int, action="append", help="worker counts (default 1 and 2)")
    parser.add_argument("--spark-docs", type=int, default=0, help="corpus size for Spark local mode (0: skip)")
    parser.add_argument("--stage-sample", type=int, default=500)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=None, help="write the figures here as JSON")
    parser.add_argument("--mode", choices=["accurate", "fast"], default="accurate", help="entity stage mode")
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="documents of texts drawn at random: almost no duplicates (default: ~2/3 near-duplicates)",
    )
    parser.add_argument(
        "--foundation-docs",
        type=int,
        action="append",
        default=[],
        help="corpus sizes for read -> clean -> language -> dedup -> store only (repeatable)",
    )
    parser.add_argument(
        "--index-docs",
        type=int,
        default=0,
        help="measure the duplicate index's bytes per document on this many documents (0: skip)",
    )
    parser.add_argument("--corpus", type=Path, default=None, help="reuse (or build and keep) the corpus here")
    parser.add_argument("--foundation-child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--run-child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_child:  # TIMINGS_JSON RUN_ARGS...: `claimgraph run` with its after-run steps timed
        run_child(args.run_child[0], args.run_child[1:])
        return
    if args.foundation_child:  # DB PATH...: the child process foundation_run measures
        foundation_run(args.foundation_child[1:], args.foundation_child[0])
        return
    sizes = [n for n in args.docs if n > 0] if args.docs is not None else ([] if args.foundation_docs else [10000])
    workers = args.workers or [1, 2]

    texts = real_texts(args.shared)
    results: dict = {
        "cores": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "base_texts": len(texts),
        "runs": [],
    }
    results["mode"] = args.mode
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        tmp = Path(tmp)
        largest = max(sizes + args.foundation_docs + [args.spark_docs, args.index_docs, args.stage_sample])
        corpus = args.corpus or tmp / "corpus"
        started = time.perf_counter()
        if len(list(corpus.glob("shard*.jsonl"))) * SHARD_RECORDS < largest:
            build_corpus(corpus, texts, largest, args.distinct)
        shards = sorted(corpus.glob("shard*.jsonl"))
        results["mean_record_bytes"] = round(sum(p.stat().st_size for p in shards) / (len(shards) * SHARD_RECORDS))
        print(
            f"corpus: {len(shards) * SHARD_RECORDS} documents, {results['mean_record_bytes']} bytes each on "
            f"average ({time.perf_counter() - started:.0f} s to build)",
            flush=True,
        )

        def subset(n: int) -> list[str]:
            """Inputs of exactly n documents: whole shards, then the first records of the next one (a
            run of whole shards only processed up to 999 documents more than the figures divide by)."""
            whole, rest = divmod(n, SHARD_RECORDS)
            shards = sorted(corpus.glob("shard*.jsonl"))
            paths = [str(p) for p in shards[:whole]]
            if rest:
                part = tmp / f"part-{n}.jsonl"
                with open(shards[whole], encoding="utf-8") as fh:
                    part.write_text("".join(islice(fh, rest)), encoding="utf-8")
                paths.append(str(part))
            return paths

        if args.stage_sample:
            results["stages_docs_per_s"] = stage_rates(corpus, args.stage_sample, tmp / "stages.duckdb", args.mode)
            print("per stage (documents per CPU s, one process):", results["stages_docs_per_s"], flush=True)
        if args.index_docs:
            results["duplicate_index"] = index_bytes_per_document(corpus, args.index_docs)
            print("duplicate index:", results["duplicate_index"], flush=True)

        for n in args.foundation_docs:
            db = tmp / f"foundation-{n}.duckdb"
            series: list = []
            wall, cpu, rss, tree, code = timed_child(
                [PYTHON, str(Path(__file__).resolve()), "--foundation-child", str(db), *subset(n)], 2.0, series
            )
            run = {
                "engine": "foundation (read, clean, language, dedup, store; one process)",
                "documents": n,
                "seconds": round(wall, 1),
                "docs_per_s": round(n / wall, 1),
                "cpu_seconds": round(cpu, 1),
                "docs_per_cpu_s": round(n / cpu, 2),
                "peak_rss_mib": round(rss),
                "peak_tree_rss_mib": round(tree),
                "exit": code,
                "rss_series": series,
            }
            results["runs"].append(run)
            print({k: v for k, v in run.items() if k != "rss_series"}, flush=True)
            print("  RSS MiB over time:", [point[2] for point in series], flush=True)
            db.unlink(missing_ok=True)

        for n in sizes:
            for w in workers:
                db = tmp / f"run-{n}-{w}.duckdb"
                series = []
                timings = tmp / f"after-run-{n}-{w}.json"
                load_before = os.getloadavg()
                processes: dict = {}
                wall, cpu, rss, tree, code = timed_child(
                    [
                        PYTHON,
                        str(Path(__file__).resolve()),
                        "--run-child",
                        str(timings),
                        *subset(n),
                        "--db",
                        str(db),
                        "--workers",
                        str(w),
                        "--quiet",
                        "--mode",
                        args.mode,
                    ],
                    1.0,
                    series,
                    processes,
                )
                # after-run steps: [wall s, CPU s] each, in the parent once the documents are stored
                measured = json.loads(timings.read_text(encoding="utf-8")) if timings.exists() else {}
                after = measured.get("after_run", {})
                after_wall = sum(v[0] for v in after.values())
                after_cpu = sum(v[1] for v in after.values())
                parent = measured.get("parent")
                if parent:  # the parent's stream share: its CPU minus the after-run steps, per document
                    processes["parent_exact"] = parent["cpu"]
                    processes["parent_stream_ms_per_doc"] = round((parent["cpu"] - after_cpu) * 1000 / n, 2)
                    processes["parent_main_thread_stream_ms_per_doc"] = round(
                        (parent["main_thread_cpu"] - parent["after_run_main_thread_cpu"]) * 1000 / n, 2
                    )
                    processes["workers_ms_per_doc"] = round(sum(processes["workers"]) * 1000 / n, 2)
                    processes["helpers_ms_per_doc"] = round(processes["helpers"] * 1000 / n, 2)
                run = {
                    "engine": "local",
                    "workers": w,
                    "documents": n,
                    "seconds": round(wall, 1),
                    "docs_per_s": round(n / wall, 1),
                    "cpu_seconds": round(cpu, 1),
                    "docs_per_cpu_s": round(n / cpu, 2),
                    "peak_rss_mib": round(rss),
                    "peak_tree_rss_mib": round(tree),
                    "exit": code,
                    "after_run_steps": after,
                    "after_run_share_wall": round(after_wall / wall, 3) if wall else None,
                    "after_run_share_cpu": round(after_cpu / cpu, 3) if cpu else None,
                    "stream_docs_per_s": round(n / (wall - after_wall), 1) if wall > after_wall else None,
                    "stream_docs_per_cpu_s": round(n / (cpu - after_cpu), 2) if cpu > after_cpu else None,
                    "cpu_by_process": processes,
                    "load_average": [load_before, os.getloadavg()],
                    "rss_series": series,
                }
                results["runs"].append(run)
                print({k: v for k, v in run.items() if k != "rss_series"}, flush=True)
                print("  RSS MiB over time:", [point[2] for point in series], flush=True)
                db.unlink(missing_ok=True)

        if args.spark_docs:
            n = args.spark_docs
            out = tmp / "parquet"
            env_cmd = [
                PYTHON,
                "-m",
                "claimgraph.engines.spark",
                "--master",
                "local[2]",
                "--mode",
                args.mode,
                *subset(n),
                "--out",
                str(out),
            ]
            wall, cpu, rss, tree, code = timed_child(env_cmd)
            run = {
                "engine": "spark local[2]",
                "documents": n,
                "seconds": round(wall, 1),
                "docs_per_s": round(n / wall, 1),
                "cpu_seconds": round(cpu, 1),
                "docs_per_cpu_s": round(n / cpu, 2),
                "peak_rss_mib": round(rss),
                "peak_tree_rss_mib": round(tree),
                "exit": code,
            }
            wall, cpu, rss, tree, code = timed_child(
                [PYTHON, "-m", "claimgraph", "load", str(out), "--db", str(tmp / "loaded.duckdb"), "--quiet"]
            )
            run.update(
                load_seconds=round(wall, 1),
                load_docs_per_s=round(n / wall, 1),
                load_cpu_seconds=round(cpu, 1),
                load_peak_rss_mib=round(rss),
            )
            results["runs"].append(run)
            print(run, flush=True)
    results["load_average_at_end"] = os.getloadavg()
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
