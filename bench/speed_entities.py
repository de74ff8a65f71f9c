"""Speed of the entity stage: actor + place matching in MB/s, and the whole stage in ms per document.

    .venv/bin/python bench/speed_entities.py [--shared ../shared] [--megabytes 20]

Matching: the two seeds, the example corpus (clean text) and the FNC-1 article bodies
(../shared/datasets/fnc1/train_bodies.csv), concatenated and replicated to at least --megabytes;
timed, on one core: ``DictionaryMatcher.match`` (fold + both automata + whole-word filter +
leftmost-longest selection). Goal: >= 2 MB/s (docs/performance.md).

Whole stage: ``extract_entities`` on cleaned FNC-1 bodies of 4-6 KB (news text), CPU time per
document, in four configurations: dictionary, places and persons only (``tagger=False``), ``--mode
fast``, ``--mode accurate --entity-tagger crf`` and accurate mode's default, the CRF over the spaCy
parse (parse of every sentence included: the learned events reuse it), and with --entity-tagger
crf-minilm (a MiniLM pass per sentence included), and with crf-minilm-tuned (the same pass, then the
fine-tuned top layers). The tagger caches weights per
word type, so it is timed warm: first over other 4-6 KB bodies, then over the measured ones (a long
run is in that state after its first documents); the cold first pass is printed too. Team budget: <=
6 ms per document in fast mode. The load average is printed: on a shared machine every figure is a
lower bound on speed.

    .venv/bin/python bench/speed_entities.py --corpus /tmp/i2-corpus [--docs 300] [--rounds 3] [--src DIR]

Benchmark corpus (``bench/throughput.py --corpus DIR`` builds one): CPU ms per document of ``clean``
and of ``extract_entities`` (fast, then accurate mode) on the first --docs records of its first shard,
as ``bench/throughput.py``'s per-stage figures count them (entities after clean and language, the
first pass over the documents after one warm-up document), best of --rounds fresh passes. --src
imports claimgraph from another source tree (an older commit exported with ``git archive``), so
the code before and after a change can be timed alternately on a machine others share.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# --src is read before the imports below, which it redirects
_SRC = sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv[:-1] else str(REPO / "src")
sys.path.insert(0, _SRC)

from claimgraph.clean import clean_document, load_rules  # noqa: E402
from claimgraph.entities.extract import EntityExtractor, extract_entities  # noqa: E402
from claimgraph.entities.matcher import DictionaryMatcher  # noqa: E402
from claimgraph.entities.ontology import Ontology  # noqa: E402
from claimgraph.entities.places import Gazetteer  # noqa: E402
from claimgraph.ingest import ReaderOptions, read_paths  # noqa: E402
from claimgraph.language import detect_language, load_identifier  # noqa: E402
from claimgraph.model import Document, Source, new_document  # noqa: E402


def _documents(paths: list[str]) -> list[Document]:
    rules, identifier = load_rules(), load_identifier()
    return [
        detect_language(clean_document(d, rules), identifier)
        for d in read_paths(paths, ReaderOptions())
        if isinstance(d, Document)
    ]


def _fnc_bodies(shared: Path) -> list[str]:
    path = shared / "datasets" / "fnc1" / "train_bodies.csv"
    if not path.is_file():
        return []
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["articleBody"] for row in csv.DictReader(fh)]


def _documents_of(texts: list[str]) -> list[Document]:
    rules, identifier = load_rules(), load_identifier()
    return [
        detect_language(clean_document(new_document(Source(f"fnc1-body-{i}", "txt"), text), rules), identifier)
        for i, text in enumerate(texts)
    ]


def _ms_per_document(docs: list[Document], extractor: EntityExtractor, mode: str) -> float:
    extract_entities(docs[0], extractor, mode=mode)  # warms what this configuration needs
    started = time.process_time()
    for doc in docs:
        extract_entities(doc, extractor, mode=mode)
    return (time.process_time() - started) / len(docs) * 1000


def corpus_stages(corpus: Path, docs: int, rounds: int) -> None:
    """Clean and entities (fast, accurate) on the benchmark corpus, CPU ms per document."""
    from itertools import islice

    from claimgraph.entities.ner import EntityTagger

    rules = load_rules()
    ontology, gazetteer = Ontology.load(), Gazetteer.load()
    shard = sorted(corpus.glob("*.jsonl"))[0]
    print(
        f"{docs} documents of {shard}, CPU ms per document, best of {rounds} rounds, "
        f"load average {os.getloadavg()[0]:.1f}, claimgraph from {_SRC}:"
    )
    raw = [d for d in islice(read_paths([str(shard)], ReaderOptions()), docs) if isinstance(d, Document)]
    clean_ms = []
    for _ in range(rounds):
        started = time.process_time()
        cleaned = [clean_document(d, rules) for d in raw]
        clean_ms.append((time.process_time() - started) / len(raw) * 1000)
    print(f"  clean               {min(clean_ms):6.2f}  (rounds: {', '.join(f'{ms:.2f}' for ms in clean_ms)})")
    identifier = load_identifier()
    cleaned = [detect_language(d, identifier) for d in cleaned]
    for mode in ("fast", "accurate"):
        times = []
        for _ in range(rounds):
            # a fresh tagger each round: its per-word weight cache starts empty, as in a new run
            extractor = EntityExtractor(ontology, gazetteer, EntityTagger.load())
            extract_entities(cleaned[0], extractor, mode=mode)  # warm-up, as bench/throughput.py
            started = time.process_time()
            for d in cleaned:
                extract_entities(d, extractor, mode=mode)
            times.append((time.process_time() - started) / len(cleaned) * 1000)
        print(f"  entities ({mode:<8}) {min(times):6.2f}  (rounds: {', '.join(f'{ms:.2f}' for ms in times)})")


def _parse_tagged(ontology, gazetteer, tagger) -> EntityExtractor | None:
    """The accurate mode's default extractor (the CRF over the spaCy parse), None without the `events` extra."""
    from claimgraph.entities.parsed import ParsedTagger
    from claimgraph.events.parse import ParserMissing, shared_parser

    try:
        shared_parser()
    except ParserMissing:
        return None
    return EntityExtractor(ontology, gazetteer, tagger, parse_tagger=ParsedTagger.load())


def _minilm_tagged(ontology, gazetteer, tagger) -> EntityExtractor | None:
    """Accurate mode's extractor with --entity-tagger crf-minilm, None without the `accurate` extra."""
    from claimgraph.entities.contextual import MiniLMTagger
    from claimgraph.link.embeddings import EmbeddingUnavailable

    try:
        return EntityExtractor(ontology, gazetteer, tagger, parse_tagger=MiniLMTagger.load())
    except EmbeddingUnavailable:
        return None


def _tuned_tagged(ontology, gazetteer, tagger) -> EntityExtractor | None:
    """Accurate mode's extractor with --entity-tagger crf-minilm-tuned, None without the `accurate` extra."""
    from claimgraph.entities.finetuned import TunedMiniLMTagger
    from claimgraph.link.embeddings import EmbeddingUnavailable

    try:
        return EntityExtractor(ontology, gazetteer, tagger, parse_tagger=TunedMiniLMTagger.load())
    except EmbeddingUnavailable:
        return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--megabytes", type=float, default=20.0, help="replicate the texts to at least this much")
    ap.add_argument("--corpus", type=Path, help="time clean and entities on this benchmark corpus instead")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--src", help="import claimgraph from this source tree (read before the imports)")
    args = ap.parse_args(argv)
    if args.corpus is not None:
        corpus_stages(args.corpus, args.docs, args.rounds)
        return 0

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
    ontology, gazetteer = Ontology.load(), Gazetteer.load()
    matcher = DictionaryMatcher(ontology, gazetteer)
    build = time.perf_counter() - started
    print(f"load ontology + gazetteer + build automata: {build:.2f} s ({matcher.size:,} keys)")

    started = time.perf_counter()
    hits = sum(len(matcher.match(t)) for t in corpus)
    elapsed = time.perf_counter() - started
    print(
        f"matching: {size_mb:.1f} MB in {len(corpus):,} texts ({len(texts):,} distinct x {copies}), "
        f"{hits:,} matches, {elapsed:.2f} s -> {size_mb / elapsed:.2f} MB/s (one core)"
    )

    news = [d for d in _documents_of(_fnc_bodies(args.shared)) if 4000 <= len(d.clean_text.encode("utf-8")) <= 6000]
    if len(news) < 20:
        print(f"whole stage: needs 20 FNC-1 bodies of 4-6 KB, found {len(news)}", file=sys.stderr)
        return 2
    warm, measured = news[: len(news) // 2], news[len(news) // 2 :]  # 119 bodies in FNC-1 train
    kb = sum(len(d.clean_text.encode("utf-8")) for d in measured) / len(measured) / 1e3
    print(
        f"whole entity stage on {len(measured)} FNC-1 bodies of 4-6 KB (mean {kb:.1f} KB), CPU ms per "
        f"document, one core, load average {os.getloadavg()[0]:.1f}:"
    )
    untagged, tagged = EntityExtractor(ontology, gazetteer), EntityExtractor.load()
    configurations = [
        ("dictionary + places + persons", untagged, "accurate"),
        ("--mode fast", tagged, "fast"),
        ("--mode accurate --entity-tagger crf", tagged, "accurate"),
    ]
    parsed = _parse_tagged(ontology, gazetteer, tagged.tagger)
    if parsed is not None:  # its parse of every sentence is the one the learned events then reuse
        configurations.append(("--mode accurate (crf-parse)", parsed, "accurate"))
    contextual = _minilm_tagged(ontology, gazetteer, tagged.tagger)
    if contextual is not None:  # one MiniLM pass per sentence
        configurations.append(("--mode accurate (crf-minilm)", contextual, "accurate"))
    tuned = _tuned_tagged(ontology, gazetteer, tagged.tagger)
    if tuned is not None:  # one MiniLM pass per sentence, then the fine-tuned top layers
        configurations.append(("--mode accurate (crf-minilm-tuned)", tuned, "accurate"))
    for label, extractor, mode in configurations:
        cold = _ms_per_document(warm, extractor, mode)
        ms = _ms_per_document(measured, extractor, mode)
        mentions = sum(len(extract_entities(d, extractor, mode=mode).entities) for d in measured) / len(measured)
        print(f"  {label:<32} {ms:6.2f} ms/doc ({cold:6.2f} on the first pass), {mentions:.0f} mentions/doc")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
