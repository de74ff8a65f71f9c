"""Speed of the claim stage (``extract_claims``) on 4 KB news articles, one core.

    .venv/bin/python bench/speed_claims.py [--seconds 10]
    .venv/bin/python bench/speed_claims.py --corpus /tmp/i2-corpus [--docs 300] [--rounds 5]
    .venv/bin/python bench/speed_claims.py --learned     # what accurate mode's learned attribution adds

The articles are the English documents of the bundled example corpus, cleaned, each cut or
repeated (by paragraphs) to about 4,096 characters. Rates are per CPU-second of this process, the
best of 5 rounds. Two figures: the stage on documents without entity mentions (speakers are
linked by looking the ontology up directly, the slower path) and on documents the entity stage has
already run on (as in the pipeline).

With --corpus: the first --docs records of the benchmark corpus (``bench/throughput.py`` builds
one) through clean, language, entities (fast mode) and events, as ``throughput.py --stage-sample``
runs them; then CPU ms per document of the claim stage alone, the best of --rounds rounds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.claims import extract_claims  # noqa: E402
from claimgraph.claims.lexicon import load_lexicon  # noqa: E402
from claimgraph.clean import clean_document, load_rules  # noqa: E402
from claimgraph.entities.ontology import Ontology  # noqa: E402
from claimgraph.ingest import ReaderOptions, read_paths  # noqa: E402
from claimgraph.language import detect_language, load_identifier  # noqa: E402
from claimgraph.model import Document  # noqa: E402

ONTOLOGY = Ontology.load()  # the claims component gets the run's ontology once: so does the benchmark


def claims_of(doc: Document) -> Document:
    return extract_claims(doc, ONTOLOGY)


ARTICLE_CHARS = 4096


def _four_kb(doc: Document) -> Document:
    paragraphs = [p for p in doc.clean_text.split("\n\n") if p.strip()]
    out: list[str] = []
    while paragraphs and sum(len(p) + 2 for p in out) < ARTICLE_CHARS:
        out.append(paragraphs[len(out) % len(paragraphs)])
    text = "\n\n".join(out)[:ARTICLE_CHARS]
    return doc.replace(clean_text=text, claims=(), entities=())


def articles() -> list[Document]:
    rules, identifier = load_rules(), load_identifier()
    docs = []
    for item in read_paths([str(REPO / "examples" / "corpus")], ReaderOptions()):
        if isinstance(item, Document):
            doc = detect_language(clean_document(item, rules), identifier)
            if doc.language == "en" and len(doc.clean_text) > 1000:
                docs.append(_four_kb(doc))
    return docs


def measure(docs: list[Document], seconds: float, rounds: int = 5) -> tuple[float, int]:
    """Documents per CPU-second of this process, the best of ``rounds`` rounds: the machine may be
    shared, so wall time would count other processes' work too, and even CPU time is inflated when
    other jobs evict this one's caches (the best round is the least disturbed)."""
    best, total = 0.0, 0
    for _ in range(rounds):
        done, started = 0, time.process_time()
        while time.process_time() - started < seconds / rounds:
            for doc in docs:
                claims_of(doc)
            done += len(docs)
        best = max(best, done / (time.process_time() - started))
        total += done
    return best, total


def corpus_ms_per_document(corpus: Path, n: int, rounds: int) -> tuple[float, int]:
    """CPU ms per document of ``extract_claims`` on the first ``n`` benchmark documents (best round)."""
    from corpus_sample import best_cpu_ms, processed_sample

    docs = processed_sample(corpus, n, through="events")
    return best_cpu_ms(claims_of, docs, rounds), len(docs)


def learned_cost(docs: list[Document], rounds: int = 3) -> None:
    """Accurate mode: CPU ms per article that the learned attribution adds to the claim stage. Each
    article goes through the learned events stage first (untimed: it parses its candidate sentences
    into the shared parses, as in the pipeline), then the claim stage with the rules and with the
    learned model (timed; the latter parses the attribution candidates the events stage did not)."""
    try:
        from claimgraph.claims.attribution_model import AttributionModel, LearnedAttribution
        from claimgraph.events.learned import EventModel
        from claimgraph.events.learned_stage import DocumentReading
        from claimgraph.events.parse import SentenceParses
    except ImportError as exc:
        print(f"learned attribution: skipped ({exc})")
        return
    events = EventModel.load()
    parses = SentenceParses(events.parser, events.truecaser)  # the events' parser: one parse per sentence
    learned = LearnedAttribution(AttributionModel.load(), parses)
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent = {"events (parse of event candidates + model)": 0.0, "claims, rules": 0.0, "claims, learned": 0.0}
        for doc in docs:
            # a new document: the shared parses start empty (events.parse keeps one document's)
            t0 = time.process_time()
            DocumentReading(events, doc)
            t1 = time.process_time()
            extract_claims(doc, ONTOLOGY)
            t2 = time.process_time()
            extract_claims(doc, ONTOLOGY, attribution=learned)
            t3 = time.process_time()
            spent["events (parse of event candidates + model)"] += t1 - t0
            spent["claims, rules"] += t2 - t1
            spent["claims, learned"] += t3 - t2
        for name, total in spent.items():
            best[name] = min(best.get(name, float("inf")), 1000 * total / len(docs))
    print(f"accurate mode, CPU ms per article (best of {rounds} rounds):")
    for name, ms in best.items():
        print(f"  {name}: {ms:.1f}")
    added = best["claims, learned"] - best["claims, rules"]
    print(f"  the learned attribution adds {added:.1f} ms per article to the claim stage")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="claim stage speed on 4 KB articles")
    ap.add_argument("--seconds", type=float, default=10.0, help="how long to run each measurement")
    ap.add_argument("--corpus", type=Path, help="a benchmark corpus directory (JSONL shards): time on its documents")
    ap.add_argument("--docs", type=int, default=300, help="with --corpus: how many of its documents")
    ap.add_argument("--rounds", type=int, default=5, help="with --corpus: rounds, the best counts")
    ap.add_argument("--learned", action="store_true", help="only the cost the learned attribution adds")
    args = ap.parse_args(argv)
    if args.corpus is not None:
        if not args.corpus.is_dir():
            print(f"error: {args.corpus}: no such corpus directory", file=sys.stderr)
            return 2
        ms, n = corpus_ms_per_document(args.corpus, args.docs, args.rounds)
        print(
            f"claims stage on {n} documents of {args.corpus} (after entities in fast mode and events): "
            f"{ms:.2f} CPU ms/doc (best of {args.rounds} rounds)"
        )
        return 0
    docs = articles()
    if not docs:
        print("error: no English example documents found under examples/corpus", file=sys.stderr)
        return 2
    load_lexicon()
    claims_of(docs[0])  # load the lexicons before timing
    if args.learned:
        learned_cost(docs)
        return 0
    rate, n = measure(docs, args.seconds)
    print(f"{len(docs)} articles of ~{ARTICLE_CHARS} chars; one core")
    print(
        f"claims stage, no entity mentions (direct ontology lookup): {rate:.0f} docs/s, {1000 / rate:.1f} ms/doc "
        f"({n} docs)"
    )
    try:
        from claimgraph.entities.extract import EntityExtractor, extract_entities, load_tagger
        from claimgraph.entities.places import Gazetteer
    except ImportError:
        print("claims stage after the entity stage: skipped (claimgraph.entities.extract not available)")
        return 0
    extractor = EntityExtractor(ONTOLOGY, Gazetteer.load(), load_tagger())
    with_entities = [extract_entities(d, extractor) for d in docs]
    rate, n = measure(with_entities, args.seconds)
    print(
        f"claims stage after the entity stage (linking through mentions): {rate:.0f} docs/s, "
        f"{1000 / rate:.1f} ms/doc "
        f"({n} docs)"
    )
    claims = sum(len(claims_of(d).claims) for d in with_entities)
    print(f"claims per article: {claims / len(with_entities):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
