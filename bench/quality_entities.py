"""Score the shipped re3d entity-type tagger on re3d dev: span-exact P/R/F1 per type, macro F1.

    .venv/bin/python bench/quality_entities.py [--shared PATH]

A span counts only when its type and both boundaries match the gold span (seqeval-style).
Also prints tagging speed over the dev sentences (features + CRF + number repair). Then accurate
mode's CRF over the spaCy parse (entities/parsed.py; needs the `events` extra), its CRF over MiniLM's token
states (entities/contextual.py; the `accurate` extra), actor linking on the seeds,
`claimgraph tag`, and the whole entity stage per mode and tagger.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.entities.ner import EntityTagger  # noqa: E402
from claimgraph_eval.conll import read_conll  # noqa: E402
from claimgraph_eval.metrics import prf, score_spans  # noqa: E402


def evaluate(dev_path: Path) -> tuple[list, float, float]:
    """(per-type scores, macro F1, sentences per second) of the shipped model on ``dev_path``."""
    sentences = read_conll(dev_path)
    tagger = EntityTagger.load()
    started = time.perf_counter()
    predicted = [tagger.tag_tokens(words) for words, _ in sentences]
    speed = len(sentences) / max(time.perf_counter() - started, 1e-9)
    scores, macro = score_spans([labels for _, labels in sentences], predicted)
    return scores, macro, speed


def evaluate_parsed(dev_path: Path) -> tuple[list, float, float] | None:
    """(per-type scores, macro F1, sentences per second, parse included) of accurate mode's CRF over the
    spaCy parse (entities/parsed.py), each sentence's tokens as running text (``detokenize``) parsed as
    the accurate mode parses a sentence; None without spaCy and the pinned weights (the `events` extra)."""
    from claimgraph.entities.parsed import ParsedTagger, detokenize, parse_features, token_attributes
    from claimgraph.events.parse import ParserMissing, shadow_sentence, shared_parser

    try:
        parser = shared_parser()
    except ParserMissing:
        return None
    sentences = read_conll(dev_path)
    tagger = ParsedTagger.load()
    started = time.perf_counter()
    texts, starts = zip(*(detokenize(words) for words, _ in sentences))
    sdocs = parser.pipe(shadow_sentence(t) for t in texts)
    extra = [parse_features(token_attributes(d), s) for d, s in zip(sdocs, starts)]
    predicted = tagger.tag_sentences([words for words, _ in sentences], extra)
    speed = len(sentences) / max(time.perf_counter() - started, 1e-9)
    scores, macro = score_spans([labels for _, labels in sentences], predicted)
    return scores, macro, speed


def evaluate_minilm(dev_path: Path, tuned: bool = False) -> tuple[list, float, float] | None:
    """(per-type scores, macro F1, sentences per second, MiniLM pass included) of accurate mode's CRF
    over MiniLM's token states (entities/contextual.py), or with ``tuned`` that CRF plus the fine-tuned
    MiniLM top layers (entities/finetuned.py); None without onnxruntime (the `accurate` extra)."""
    from claimgraph.entities.contextual import MiniLMTagger
    from claimgraph.entities.finetuned import TunedMiniLMTagger
    from claimgraph.link.embeddings import EmbeddingUnavailable

    try:
        tagger = (TunedMiniLMTagger if tuned else MiniLMTagger).load()
    except EmbeddingUnavailable:
        return None
    sentences = read_conll(dev_path)
    started = time.perf_counter()
    predicted = tagger.tag_sentences([words for words, _ in sentences])
    speed = len(sentences) / max(time.perf_counter() - started, 1e-9)
    scores, macro = score_spans([labels for _, labels in sentences], predicted)
    return scores, macro, speed


def _print_scores(scores, macro) -> None:
    print(f"{'type':<18}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
    for s in scores:
        print(f"{s.type:<18}{100 * s.precision:7.1f}{100 * s.recall:7.1f}{100 * s.f1:7.1f}{s.gold:6d}{s.predicted:6d}")
    print(f"{'macro F1':<18}{'':>14}{100 * macro:7.1f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="re3d dev scores of the shipped entity-type tagger")
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared folder holding datasets/re3d (default: ../shared beside the repo)",
    )
    ap.add_argument(
        "--tagger",
        choices=("all", "crf-minilm-tuned"),
        default="all",
        help="crf-minilm-tuned: score only the fine-tuned tagger, skip the other sections (default: all)",
    )
    args, _ = ap.parse_known_args(argv)
    dev = args.shared / "datasets" / "re3d" / "dev.txt"
    if not dev.is_file():
        print(f"error: {dev} not found: pass --shared PATH pointing at the shared folder", file=sys.stderr)
        return 2
    if args.tagger == "crf-minilm-tuned":
        return _print_finetuned(dev)
    try:
        scores, macro, speed = evaluate(dev)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"re3d dev, shipped CRF model ({dev})")
    _print_scores(scores, macro)
    print(f"speed: {speed:.0f} sentences/s (tag_tokens, one core)")
    _print_optional(
        evaluate_parsed(dev),
        "accurate mode's CRF over the parse: skipped, spaCy is not installed (the events extra)",
        "accurate mode's CRF over the spaCy parse (entities/parsed.py, --entity-tagger crf-parse)",
        "spaCy parse with NER + CRF",
    )
    _print_optional(
        evaluate_minilm(dev),
        "accurate mode's CRF over MiniLM's token states: skipped, onnxruntime is not installed",
        "accurate mode's CRF over MiniLM's token states (entities/contextual.py, crf-minilm)",
        "MiniLM pass + CRF",
    )
    return _print_finetuned(dev)


def _print_finetuned(dev: Path) -> int:
    _print_optional(
        evaluate_minilm(dev, tuned=True),
        "accurate mode's fine-tuned MiniLM layers: skipped, onnxruntime is not installed",
        "crf-minilm plus fine-tuned MiniLM top layers (entities/finetuned.py, crf-minilm-tuned)",
        "MiniLM pass + top layers + CRF",
    )
    return 0


def _print_optional(result: tuple | None, skipped: str, title: str, timed: str) -> None:
    """One optional tagger's section: its scores and speed, or why it was skipped (``result`` None)."""
    if result is None:
        print(f"\n{skipped}")
        return
    print(f"\nre3d dev, {title}")
    _print_scores(*result[:2])
    print(f"speed: {result[2]:.0f} sentences/s ({timed}, one core)")


# --------------------------------------------------------------------------- actor linking


def actor_linking(argv=None) -> int:
    """Actor-linking precision/recall/F1 per seed against tests/fixtures/entities/seed_actors.yaml.

    Document level: the set of actor ids the entity stage links in a seed's clean text against the
    hand-made set. Run by `python bench/quality_entities.py` after the re3d section.
    """
    import yaml

    from claimgraph.ingest import ReaderOptions, read_paths
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings

    ap = argparse.ArgumentParser(description="actor linking on the seeds")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args, _ = ap.parse_known_args(argv)
    seeds = args.shared / "corpus" / "seeds"
    gold_path = REPO / "tests" / "fixtures" / "entities" / "seed_actors.yaml"
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    pipe = Pipeline.from_settings(Settings.defaults())
    print(f"\nactor linking on the seeds (gold: {gold_path.relative_to(REPO)})")
    print(f"{'seed':<28}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
    for name, expected in gold.items():
        path = seeds / name
        if not path.is_file():
            print(f"error: {path} not found: pass --shared PATH pointing at the shared folder", file=sys.stderr)
            return 2
        doc = next(d for d in (pipe(i) for i in read_paths([str(path)], ReaderOptions())))
        predicted = {m.actor_id for m in doc.entities if m.actor_id}
        p, r, f1 = prf(len(predicted & set(expected)), len(predicted), len(expected))
        print(f"{name:<28}{100 * p:7.1f}{100 * r:7.1f}{100 * f1:7.1f}{len(expected):6d}{len(predicted):6d}")
        for missing in sorted(set(expected) - predicted):
            print(f"    missed: {missing}")
        for extra in sorted(predicted - set(expected)):
            print(f"    not in gold: {extra}")
    return tag_with_dictionary(args.shared)


def tag_with_dictionary(shared: Path) -> int:
    """re3d dev macro F1 of `claimgraph tag` without and with --dictionary (the choice of its default)."""
    from claimgraph.entities.extract import EntityExtractor, tag_tokens

    dev = shared / "datasets" / "re3d" / "dev.txt"
    sentences = read_conll(dev)
    gold = [labels for _, labels in sentences]
    print("\nclaimgraph tag on re3d dev: tagger alone vs. dictionary matches filling what it left out")
    extractor = EntityExtractor.load()
    for label, dictionary in (("tagger (default)", False), ("--dictionary", True)):
        _, macro = score_spans(gold, [tag_tokens(words, extractor, dictionary=dictionary) for words, _ in sentences])
        print(f"{label:<18}{'':>14}{100 * macro:7.1f}")
    return 0


def stage_labels(words: list[str], mode: str, extractor) -> list[str]:
    """re3d BIO labels from the whole entity stage (``find_mentions`` in ``mode``) run on the
    sentence's tokens joined by spaces; a mention that does not start and end on token boundaries,
    or overlaps a longer one, is left out."""
    from claimgraph.entities.extract import find_mentions

    text = " ".join(words)
    first_at, last_at, pos = {}, {}, 0
    for i, word in enumerate(words):
        first_at[pos], last_at[pos + len(word)] = i, i
        pos += len(word) + 1
    labels = ["O"] * len(words)
    mentions = find_mentions(text, extractor, language="en", mode=mode)
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        first, last = first_at.get(m.start), last_at.get(m.end)
        if first is None or last is None or any(y != "O" for y in labels[first : last + 1]):
            continue
        labels[first : last + 1] = ["B-" + m.type] + ["I-" + m.type] * (last - first)
    return labels


def stage_modes(shared: Path) -> int:
    """re3d dev per type for the whole entity stage in each mode (what `claimgraph run --mode` gives)."""
    sentences = read_conll(shared / "datasets" / "re3d" / "dev.txt")
    gold = [labels for _, labels in sentences]
    from claimgraph.components import Resources
    from claimgraph.entities.extract import EntityExtractor
    from claimgraph.settings import Settings

    crf = EntityExtractor.load()
    accurate = Resources(Settings.defaults()).entities  # the parse tagger where spaCy is installed
    runs = [("accurate", " (--entity-tagger crf-parse)", accurate)] if accurate.parse_tagger is not None else []
    runs += [("accurate", " (--entity-tagger crf)", crf), ("fast", "", crf)]
    for mode, label, extractor in runs:
        scores, macro = score_spans(gold, [stage_labels(words, mode, extractor) for words, _ in sentences])
        print(f"\nwhole entity stage, --mode {mode}{label}, on re3d dev (dictionary + persons + tagger)")
        print(f"{'type':<18}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
        for s in scores:
            print(
                f"{s.type:<18}{100 * s.precision:7.1f}{100 * s.recall:7.1f}{100 * s.f1:7.1f}{s.gold:6d}{s.predicted:6d}"
            )
        print(f"{'macro F1':<18}{'':>14}{100 * macro:7.1f}")
    return 0


if __name__ == "__main__":
    if "crf-minilm-tuned" in sys.argv[1:] or "--tagger=crf-minilm-tuned" in sys.argv[1:]:
        raise SystemExit(main())  # that tagger's section alone
    raise SystemExit(
        main()
        or actor_linking()
        or stage_modes(
            Path(next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--shared=")), REPO.parent / "shared"))
        )
    )
