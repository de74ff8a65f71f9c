"""Quality of the claim stage: PolNeAR dev attribution scores and the seed test set.

    .venv/bin/python bench/quality_claims.py [--shared PATH] [--split dev]

PolNeAR: the attribution rules (``claimgraph.claims.attribution.attributions_by_sentence``: fast mode),
the learned attribution model over the spaCy parse (``claimgraph.claims.attribution_model``: accurate
mode) run on every dev text; token-level P/R/F1 for source, cue and content,
attribution-level exact and partial match (see ``claimgraph_eval.polnear.score``). Seeds: the expected claims listed in
``tests/fixtures/claims/seed_claims.yaml``, each checked for speaker, cue and status by the full
pipeline (clean → entities → claims).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.claims.attribution import attributions_by_sentence  # noqa: E402
from claimgraph.claims.lexicon import load_lexicon  # noqa: E402
from claimgraph.nlp.sentences import sentence_spans  # noqa: E402
from claimgraph_eval.expectations import check_expected, load_expected  # noqa: E402
from claimgraph_eval.polnear import load_split, score  # noqa: E402

SEED_EXPECTED = REPO / "tests" / "fixtures" / "claims" / "seed_claims.yaml"


def parsed_model(docs, sentences, lex) -> None:
    """The learned attribution model over the spaCy parse (claims/attribution_model.py: accurate mode)."""
    try:
        from claimgraph.claims.attribution_model import AttributionModel, LearnedAttribution
        from claimgraph.events.parse import SentenceParses, load_parser

        learned = LearnedAttribution(AttributionModel.load(), SentenceParses(load_parser()))
    except ImportError as exc:
        print(f"\nlearned attribution model: skipped ({exc})")
        return
    started = time.process_time()
    found = [[a for atts in learned(d.text, s, lex)[0] for a in atts] for d, s in zip(docs, sentences)]
    elapsed = time.process_time() - started
    _table("learned attribution model over the parse (attribution_model.py, accurate mode)", docs, found)
    chars = sum(len(d.text) for d in docs)
    print(f"speed: {chars / elapsed / 1000:.1f} k chars/s (parse of the candidate sentences + model, per CPU-second)")


def polnear(split_dir: Path) -> None:
    """The rules and the learned attribution model, on the same texts."""
    errors: list[str] = []
    docs = load_split(split_dir, errors)
    for error in errors:
        print(f"error: {error} (left out)", file=sys.stderr)
    lex = load_lexicon()
    sentences = [sentence_spans(d.text, "en") for d in docs]
    started = time.process_time()
    rules = [[a for atts in attributions_by_sentence(d.text, s, lex)[0] for a in atts] for d, s in zip(docs, sentences)]
    elapsed = time.process_time() - started
    print(
        f"PolNeAR {split_dir.name}: {len(docs)} texts, {sum(len(d.attributions) for d in docs)} gold attributions "
        f"(first annotator per text)"
    )
    _table("rules (attribution.py)", docs, rules)
    chars = sum(len(d.text) for d in docs)
    print(
        f"speed: {len(docs) / elapsed:.0f} texts/s, {chars / elapsed / 1000:.0f} k chars/s "
        "(attribution rules, per CPU-second)"
    )
    parsed_model(docs, sentences, lex)


def _table(name: str, docs, predictions) -> None:
    print(f"\n{name}: {sum(map(len, predictions))} predicted")
    print(f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'pred':>7}{'gold':>7}")
    for s in score(docs, predictions):
        print(
            f"{s.name:<22}{100 * s.precision:7.1f}{100 * s.recall:7.1f}{100 * s.f1:7.1f}{s.tp:7d}{s.predicted:7d}"
            f"{s.gold:7d}"
        )


def seeds(seed_dir: Path) -> None:
    results = check_expected(load_expected(SEED_EXPECTED), seed_dir)
    ok = sum(1 for r in results if r.ok)
    print(
        f"\nSeed test set ({SEED_EXPECTED.relative_to(REPO)}): {ok}/{len(results)} expected claims found "
        "with the expected speaker, cue, status and fields"
    )
    for r in results:
        print(f"  {'ok  ' if r.ok else 'FAIL'} {r.expected['name']}" + ("" if r.ok else f": {r.problem}"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Claim attribution quality on PolNeAR and the seed test set")
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared folder (default: ../shared beside the repo)",
    )
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    args = ap.parse_args(argv)
    split_dir = args.shared / "datasets" / "polnear" / args.split
    if not (split_dir / "attributions").is_dir():
        print(f"error: {split_dir} not found: pass --shared PATH pointing at the shared folder", file=sys.stderr)
        return 2
    polnear(split_dir)
    seeds(args.shared / "corpus" / "seeds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
