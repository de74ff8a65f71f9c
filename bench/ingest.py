"""Ingest + clean throughput, printed as documents/second.

    .venv/bin/python bench/ingest.py [--copies 400] [--shared ../shared]

Three corpora:
  1. examples/corpus replicated to >= 5,000 documents. Each copy gets its own directory and a
     replica line, so every copy is a new document (a near-duplicate of its original, which also
     exercises the MinHash index the way a real scrape full of syndicated copies does).
  2. the 1,683 real article bodies of FNC-1 (../shared/datasets/fnc1/train_bodies.csv), as JSONL.
  3. the HTML pages of (1), read by claimgraph's HTML reader + cleaner versus trafilatura.extract alone.

For 1 and 2 it times the foundation stages: read alone; read → clean → language; and those plus
duplicate detection and DuckDB writes in the pipeline's batched transactions (what `claimgraph run`
does before the extract stages, which bench/speed_entities.py, speed_events.py and speed_claims.py
measure, and bench/throughput.py measures end to end).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph import runner  # noqa: E402
from claimgraph.clean import clean_document, load_rules  # noqa: E402
from claimgraph.errors import InputError  # noqa: E402
from claimgraph.ingest import read_paths  # noqa: E402
from claimgraph.language import detect_language, load_identifier  # noqa: E402
from claimgraph.store import Store  # noqa: E402

EXAMPLES = REPO / "examples" / "corpus"


def foundation(paths: list[str]):
    """Read → clean → language: the per-document foundation stages."""
    rules, identifier = load_rules(), load_identifier()
    for item in read_paths(paths):
        if not isinstance(item, InputError):
            yield detect_language(clean_document(item, rules), identifier)


def replicate_examples(dest: Path, min_docs: int) -> tuple[int, list[Path]]:
    """Copy the example corpus into numbered folders until it holds >= min_docs documents."""
    per_copy = sum(1 for item in read_paths([str(EXAMPLES)]) if not isinstance(item, InputError))
    copies = -(-min_docs // per_copy)
    html_files: list[Path] = []
    for i in range(copies):
        target = dest / f"copy{i:05d}"
        shutil.copytree(EXAMPLES, target)
        for f in target.rglob("*"):
            if f.suffix in (".txt", ".md"):
                f.write_text(
                    f.read_text(encoding="utf-8") + f"\nReplica {i} of the example corpus.\n", encoding="utf-8"
                )
            if f.suffix in (".html", ".htm"):
                html_files.append(f)
    return per_copy * copies, html_files


def fnc1_jsonl(shared: Path, dest: Path) -> Path | None:
    bodies = shared / "datasets" / "fnc1" / "train_bodies.csv"
    if not bodies.is_file():
        return None
    out = dest / "fnc1_bodies.jsonl"
    csv.field_size_limit(10**8)
    with bodies.open(encoding="utf-8", newline="") as f, out.open("w", encoding="utf-8") as w:
        for row in csv.DictReader(f):
            w.write(json.dumps({"id": row["Body ID"], "text": row["articleBody"]}, ensure_ascii=False) + "\n")
    return out


def time_read(paths: list[str]) -> tuple[int, float, int]:
    start = time.perf_counter()
    docs = chars = 0
    for item in read_paths(paths):
        if not isinstance(item, InputError):
            docs += 1
            chars += len(item.raw_text)
    return docs, time.perf_counter() - start, chars


def time_clean(paths: list[str]) -> tuple[int, float, int]:
    start = time.perf_counter()
    docs = chars = 0
    for doc in foundation(paths):
        docs += 1
        chars += len(doc.raw_text)
    return docs, time.perf_counter() - start, chars


def time_store(paths: list[str], db: Path) -> tuple[int, float]:
    """Foundation stages + duplicate detection + store writes, batched as `claimgraph run` writes them."""
    start = time.perf_counter()
    with Store(db) as store:
        writer = runner.StoreWriter(store, paths, threshold=0.8)
        try:
            writer.write_all(writer.skip_stored(foundation(paths)))
        finally:
            writer.finish()
    return len(writer.report.added), time.perf_counter() - start


def time_html(html_files: list[Path]) -> tuple[float, float]:
    import trafilatura

    pages = [f.read_text(encoding="utf-8") for f in html_files]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    t_traf = time.perf_counter() - start

    start = time.perf_counter()
    for _ in foundation([str(f) for f in html_files]):
        pass
    t_ours = time.perf_counter() - start
    return t_traf, t_ours


def row(name: str, docs: int, seconds: float, chars: int | None = None) -> str:
    rate = docs / seconds if seconds else float("inf")
    mb = f"{chars / seconds / 1e6:6.2f} MB/s" if chars else ""
    return f"{name:<52} {docs:>7} docs {seconds:>8.2f} s {rate:>9.1f} docs/s  {mb}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-docs", type=int, default=5000)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--html-pages", type=int, default=300, help="HTML pages for the trafilatura comparison")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="cg-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "examples"
        n, html_files = replicate_examples(corpus, args.min_docs)
        print(f"claimgraph ingest benchmark  (python {sys.version.split()[0]}, 1 process)")
        print(f"examples/corpus replicated: {n} documents")

        docs, secs, chars = time_read([str(corpus)])
        print(row("examples x N: read", docs, secs, chars))
        docs, secs, chars = time_clean([str(corpus)])
        print(row("examples x N: read+clean+language", docs, secs, chars))
        docs, secs = time_store([str(corpus)], tmp / "examples.duckdb")
        print(row("examples x N: + dedup + DuckDB store", docs, secs))

        fnc = fnc1_jsonl(args.shared, tmp)
        if fnc is None:
            print(f"FNC-1 bodies: skipped ({args.shared}/datasets/fnc1 absent)")
        else:
            docs, secs, chars = time_read([str(fnc)])
            print(row("FNC-1 bodies: read", docs, secs, chars))
            docs, secs, chars = time_clean([str(fnc)])
            print(row("FNC-1 bodies: read+clean+language", docs, secs, chars))
            docs, secs = time_store([str(fnc)], tmp / "fnc1.duckdb")
            print(row("FNC-1 bodies: + dedup + DuckDB store", docs, secs))

        pages = html_files[: args.html_pages]
        if pages:
            t_traf, t_ours = time_html(pages)
            print(row("HTML: trafilatura.extract alone", len(pages), t_traf))
            print(row("HTML: claimgraph HTML reader + clean + language", len(pages), t_ours))
            print(f"{'HTML: claimgraph / trafilatura time ratio':<52} {t_ours / t_traf:.2f}x")


if __name__ == "__main__":
    main()
