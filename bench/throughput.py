"""Throughput and memory of the local engine (1 and 2 workers) and Spark local mode, on real text.

    .venv/bin/python bench/throughput.py --docs 10000 [--docs 100000] [--spark-docs 10000] \
        [--stage-sample 500] [--shared ../shared] [--out bench/throughput.json]

The corpus is built from real article text -- FNC-1 bodies, SATP event reports, MUC-4 reports
(../shared/datasets) -- replicated to N documents of ~4 KB and streamed to disk as JSONL shards of
1,000 records in a temporary directory (deleted afterwards). Each copy gets its own noise, seeded by
its number: debris lines (share bars, breadcrumbs, "Advertisement"), runs of spaces and blank
lines, URL spam, and a repeated paragraph, so the cleaner has real work and no two copies are
the same text (near-duplicates, as syndicated news is).

Measured:
* per stage, in this process on --stage-sample documents: read, clean, language, each extract
  stage, dedup (hash + MinHash + LSH), store (DuckDB, batched) -> documents per CPU second
  (CPU time, so the figure holds on a machine other jobs share);
* end to end, `claimgraph run --workers N` in a child process per N -> documents/s (wall), documents per
  CPU second of the whole process tree, and the peak RSS of the largest process (sampled from /proc: the process tree);
* Spark: `python -m claimgraph.engines.spark --master local[2]` -> documents/s and peak RSS of the
  largest process (the JVM or a Python worker); `claimgraph load` of its output is timed too.
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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
PYTHON = sys.executable
SHARD_RECORDS = 1000
TARGET_CHARS = 3600  # ~4 KB records once JSON-escaped, with the noise

DEBRIS = ["Share this: Facebook Twitter WhatsApp Email", "Advertisement", "Home / World / Asia",
          "Subscribe to our newsletter", "Read more: related coverage", "Follow us on Twitter @example",
          "Click here to comment", "Copyright 2024 Example Media. All rights reserved."]


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


def noisy_document(texts: list[str], i: int) -> str:
    """Document i: real texts joined to ~4 KB, with noise seeded by i."""
    rng = random.Random(i)
    paragraphs: list[str] = []
    j = i
    while sum(len(p) for p in paragraphs) < TARGET_CHARS:
        text = texts[j % len(texts)]
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


def build_corpus(directory: Path, texts: list[str], n: int) -> float:
    """Write n documents as JSONL shards; returns the mean document size in bytes."""
    directory.mkdir(parents=True, exist_ok=True)
    total = 0
    for shard_start in range(0, n, SHARD_RECORDS):
        with open(directory / f"shard{shard_start // SHARD_RECORDS:05d}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(shard_start, min(n, shard_start + SHARD_RECORDS)):
                line = json.dumps({"title": f"Report {i}", "text": noisy_document(texts, i),
                                   "url": f"https://news.example/{i}"}, ensure_ascii=False)
                total += len(line.encode("utf-8")) + 1
                fh.write(line + "\n")
    return total / n


def stage_rates(corpus: Path, sample: int, db: Path) -> dict[str, float]:
    """documents/s of each stage alone, in this process, on the first `sample` documents."""
    from itertools import islice

    from claimgraph import pipeline
    from claimgraph.clean import clean_document, load_rules
    from claimgraph.dedup import DuplicateIndex
    from claimgraph.ingest import read_paths
    from claimgraph.language import detect_language
    from claimgraph.store import Store

    rules = load_rules()
    ontology = pipeline._ontology(pipeline.PipelineOptions())
    # CPU seconds of this process, not wall time: on a shared, loaded machine wall time measures the neighbours
    started = time.process_time()
    docs = list(islice(read_paths([str(corpus)]), sample))
    seconds = {"read": time.process_time() - started}
    # the extract stages pipeline.process_document runs after clean and language, where present
    extract_stages = [(name, getattr(pipeline, name)) for name in ("extract_entities", "detect_events",
                                                                   "extract_claims") if hasattr(pipeline, name)]
    # warm every stage's model cache first, so a one-off load is not counted as throughput
    pipeline.process_document(docs[0], rules, ontology)
    steps = [("clean", lambda d: clean_document(d, rules)), ("language", detect_language)]
    steps += [(name.split("_", 1)[1], (lambda f: (lambda d: f(d, ontology=ontology)) if name == "extract_entities"
               else f)(fn)) for name, fn in extract_stages]
    for name, step in steps:
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
        for i in range(0, len(checked), pipeline.BATCH_DOCUMENTS):
            with store.batch():
                for d, sig in checked[i:i + pipeline.BATCH_DOCUMENTS]:
                    store.add_document(d, sig)
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


def timed_child(cmd: list[str], interval: float = 0.5) -> tuple[float, float, float, float, int]:
    """(wall s, CPU s of the process tree, peak RSS MiB of its largest process, peak RSS MiB of the whole
    tree at once, exit code). The tree is sampled from /proc every ``interval`` s: pool workers are
    children of multiprocessing's forkserver and Spark's Python workers of the JVM, and neither
    parent reaps them in a way ``getrusage(RUSAGE_CHILDREN)`` would count."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cpu: dict[int, float] = {}
    peak_one = peak_tree = 0
    while proc.poll() is None:
        table = _process_table()
        tree = [p for p in _descendants(proc.pid, table) if p in table]
        for pid in tree:
            cpu[pid] = max(cpu.get(pid, 0.0), table[pid][1])
        if tree:
            peak_one = max(peak_one, max(table[p][2] for p in tree))
            peak_tree = max(peak_tree, sum(table[p][2] for p in tree))
        time.sleep(interval)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        print(err[-2000:], file=sys.stderr)
    return wall, sum(cpu.values()), peak_one / 2**20, peak_tree / 2**20, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, action="append", help="corpus sizes for the local engine (repeatable)")
    parser.add_argument("--workers", type=int, action="append", help="worker counts (default 1 and 2)")
    parser.add_argument("--spark-docs", type=int, default=0, help="corpus size for Spark local mode (0: skip)")
    parser.add_argument("--stage-sample", type=int, default=500)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=None, help="write the figures here as JSON")
    args = parser.parse_args()
    sizes = args.docs or [10000]
    workers = args.workers or [1, 2]

    texts = real_texts(args.shared)
    results: dict = {"cores": os.cpu_count(), "load_average_at_start": os.getloadavg(), "base_texts": len(texts),
                     "runs": []}
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        tmp = Path(tmp)
        largest = max(sizes + [args.spark_docs])
        corpus = tmp / "corpus"
        started = time.perf_counter()
        results["mean_record_bytes"] = round(build_corpus(corpus, texts, largest))
        print(f"corpus: {largest} documents, {results['mean_record_bytes']} bytes each on average "
              f"({time.perf_counter() - started:.0f} s to build)", flush=True)

        def subset(n: int) -> list[str]:
            return [str(p) for p in sorted(corpus.glob("shard*.jsonl"))[:-(-n // SHARD_RECORDS)]]

        results["stages_docs_per_s"] = stage_rates(corpus, args.stage_sample, tmp / "stages.duckdb")
        print("per stage (documents/s, one process):", results["stages_docs_per_s"], flush=True)

        for n in sizes:
            for w in workers:
                db = tmp / f"run-{n}-{w}.duckdb"
                wall, cpu, rss, tree, code = timed_child([PYTHON, "-m", "claimgraph", "run", *subset(n), "--db",
                                                          str(db), "--workers", str(w), "--quiet"])
                run = {"engine": "local", "workers": w, "documents": n, "seconds": round(wall, 1),
                       "docs_per_s": round(n / wall, 1), "cpu_seconds": round(cpu, 1),
                       "docs_per_cpu_s": round(n / cpu, 2), "peak_rss_mib": round(rss),
                       "peak_tree_rss_mib": round(tree), "exit": code}
                results["runs"].append(run)
                print(run, flush=True)
                db.unlink(missing_ok=True)

        if args.spark_docs:
            n = args.spark_docs
            out = tmp / "parquet"
            env_cmd = [PYTHON, "-m", "claimgraph.engines.spark", "--master", "local[2]", *subset(n), "--out", str(out)]
            wall, cpu, rss, tree, code = timed_child(env_cmd)
            run = {"engine": "spark local[2]", "documents": n, "seconds": round(wall, 1),
                   "docs_per_s": round(n / wall, 1), "cpu_seconds": round(cpu, 1),
                   "docs_per_cpu_s": round(n / cpu, 2), "peak_rss_mib": round(rss),
                   "peak_tree_rss_mib": round(tree), "exit": code}
            wall, cpu, rss, tree, code = timed_child([PYTHON, "-m", "claimgraph", "load", str(out), "--db",
                                           str(tmp / "loaded.duckdb"), "--quiet"])
            run.update(load_seconds=round(wall, 1), load_docs_per_s=round(n / wall, 1), load_cpu_seconds=round(cpu, 1),
                       load_peak_rss_mib=round(rss))
            results["runs"].append(run)
            print(run, flush=True)
    results["load_average_at_end"] = os.getloadavg()
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
