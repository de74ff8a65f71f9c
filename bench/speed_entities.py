"""Actor + place matching throughput (the dictionary matcher), printed as MB of text per second.

    .venv/bin/python bench/speed_entities.py [--shared ../shared] [--megabytes 20]

The text: the two seeds, the example corpus (clean text) and the FNC-1 article bodies
(../shared/datasets/fnc1/train_bodies.csv), concatenated and replicated to at least --megabytes.
Timed, on one core: ``DictionaryMatcher.match`` (fold + both automata + whole-word filter +
leftmost-longest selection) and, separately, the whole ``extract_entities`` stage without the
statistical tagger (matching + place resolution + persons) and with it, on the seeds and examples.
Goal: >= 2 MB/s for matching (docs/performance.md).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.clean import clean_document, load_rules  # noqa: E402
from claimgraph.entities.extract import extract_entities, load_ontology  # noqa: E402
from claimgraph.entities.matcher import matcher_for  # noqa: E402
from claimgraph.entities.places import Gazetteer  # noqa: E402
from claimgraph.ingest import ReaderOptions, read_paths  # noqa: E402
from claimgraph.model import Document  # noqa: E402
from claimgraph.language import detect_language  # noqa: E402


def _documents(paths: list[str]) -> list[Document]:
    rules = load_rules()
    return [detect_language(clean_document(d, rules)) for d in read_paths(paths, ReaderOptions())
            if isinstance(d, Document)]


def _fnc_bodies(shared: Path) -> list[str]:
    path = shared / "datasets" / "fnc1" / "train_bodies.csv"
    if not path.is_file():
        return []
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["articleBody"] for row in csv.DictReader(fh)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--megabytes", type=float, default=20.0, help="replicate the texts to at least this much")
    args = ap.parse_args(argv)

    paths = [str(REPO / "examples" / "corpus")]
    seeds = args.shared / "corpus" / "seeds"
    if seeds.is_dir():
        paths.append(str(seeds))
    docs = _documents(paths)
    texts = [d.clean_text for d in docs] + _fnc_bodies(args.shared)
    base = sum(len(t.encode("utf-8")) for t in texts)
    copies = max(1, int(args.megabytes * 1e6 // max(base, 1)) + 1)
    corpus = texts * copies
    size_mb = base * copies / 1e6

    started = time.perf_counter()
    ontology, gazetteer = load_ontology(), Gazetteer.load()
    matcher = matcher_for(ontology, gazetteer)
    build = time.perf_counter() - started
    print(f"load ontology + gazetteer + build automata: {build:.2f} s ({matcher.size:,} keys)")

    started = time.perf_counter()
    hits = sum(len(matcher.match(t)) for t in corpus)
    elapsed = time.perf_counter() - started
    print(f"matching: {size_mb:.1f} MB in {len(corpus):,} texts ({len(texts):,} distinct x {copies}), "
          f"{hits:,} matches, {elapsed:.2f} s -> {size_mb / elapsed:.2f} MB/s (one core)")

    docs_mb = sum(len(d.clean_text.encode("utf-8")) for d in docs) / 1e6
    for label, tagger in (("stage without tagger", False), ("stage with re3d tagger", None)):
        extract_entities(docs[0], tagger=tagger)  # warm: loads the tagger once
        started = time.perf_counter()
        mentions = sum(len(extract_entities(d, tagger=tagger).entities) for d in docs)
        elapsed = time.perf_counter() - started
        print(f"{label}: {len(docs)} documents, {docs_mb:.3f} MB, {mentions:,} mentions, {elapsed:.2f} s "
              f"-> {docs_mb / elapsed:.3f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
