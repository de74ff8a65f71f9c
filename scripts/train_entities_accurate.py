"""Train the accurate mode's re3d entity tagger: the CRF of scripts/train_entities.py plus features
from the pinned spaCy parse (entities/parsed.py), and write it into the package data.

    .venv/bin/python scripts/train_entities_accurate.py            # CV-select c1/c2 on train, train, score dev
    .venv/bin/python scripts/train_entities_accurate.py --ablations  # also CV feature ablations (for the card)

Deterministic. Model selection by 5-fold contiguous cross-validation on re3d train.txt only (the
folds of train_entities.py); the chosen configuration is trained on all of train.txt; dev.txt is
scored once, for the report. Each sentence is parsed as the accurate mode parses it (tokens joined
by spaces; en_core_web_sm 3.8.0 with its NER), cached under --cache (default /tmp/ents-cache).
Needs the `events` extra (spaCy and the pinned weights) and python-crfsuite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))

import train_entities as base  # noqa: E402

from claimgraph.entities import ner, parsed  # noqa: E402
from claimgraph.events.parse import load_parser, lower_if_shouting  # noqa: E402
from claimgraph_eval.conll import read_conll  # noqa: E402

MODELS_DIR = base.MODELS_DIR
GRID = [{"c1": c1, "c2": c2} for c1 in (0.05, 0.2) for c2 in (0.05, 0.2, 0.5)]


def sentence_text(words: list[str]) -> tuple[str, list[int]]:
    """The sentence as the tagger's tokens joined by spaces, and each token's start in it."""
    starts, at = [], 0
    for w in words:
        starts.append(at)
        at += len(w) + 1
    return " ".join(words), starts


def parse_attributes(sentences, cache: Path, nlp=None) -> list[list[tuple]]:
    """``parsed.token_attributes`` of each sentence (cached by the texts' digest)."""
    texts = [sentence_text(words)[0] for words, _ in sentences]
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"re3d-parse-{key}.json"
    if path.is_file():
        return [[tuple(a) for a in s] for s in json.loads(path.read_text(encoding="utf-8"))]
    nlp = nlp or load_parser(entities=True)
    out = [parsed.token_attributes(d) for d in nlp.pipe(lower_if_shouting(t) for t in texts)]
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out), encoding="utf-8")
    return out


def featurise(sentences, attributes, lexicons, clusters, drop: tuple[str, ...] = ()):
    """(words, CRF features, gold labels) per sentence: the CRF's word features plus the parse's."""
    extract = ner.FeatureExtractor(lexicons, clusters)
    out = []
    for (words, labels), attrs in zip(sentences, attributes):
        _, starts = sentence_text(words)
        extra = parsed.parse_features(attrs, starts)
        feats = [f + [a for a in e if not a.startswith(drop)] if drop else f + e for f, e in zip(extract(words), extra)]
        out.append((words, feats, labels))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/ents-cache"))
    ap.add_argument("--ablations", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--grid", action="store_true", help="search c1/c2 (else the shipped CRF's 0.05/0.2)")
    args = ap.parse_args(argv)
    re3d = args.shared / "datasets" / "re3d"
    if not (re3d / "train.txt").is_file():
        print(f"error: {re3d / 'train.txt'} not found; pass --shared PATH", file=sys.stderr)
        return 2
    train, dev = read_conll(re3d / "train.txt"), read_conll(re3d / "dev.txt")
    clusters = ner.read_clusters(MODELS_DIR / ner.CLUSTERS_FILE)
    lexicons = ner.Lexicons.from_dir(REPO / "src" / "claimgraph" / "data" / "lexicons" / "ner")
    train_attrs = parse_attributes(train, args.cache)
    dev_attrs = parse_attributes(dev, args.cache)
    full = featurise(train, train_attrs, lexicons, clusters)
    workdir = args.cache / "work"
    workdir.mkdir(parents=True, exist_ok=True)
    best = {"c1": 0.05, "c2": 0.2}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        if args.grid:
            results = []
            for g in GRID:
                f1 = base.cross_validate(full, {**base.BASE_PARAMS, **g}, args.folds, workdir, pool)
                results.append((f1, g))
                print(f"cv  c1={g['c1']:<5} c2={g['c2']:<5} macro F1 {100 * f1:.1f}", flush=True)
            best = max(results, key=lambda r: r[0])[1]
        params = {**base.BASE_PARAMS, **best}
        if args.ablations:
            variants = {
                "parse features": full,
                "no spaCy entities": featurise(train, train_attrs, lexicons, clusters, ("p:ent", "p:-1ent", "p:+1ent")),
                "no parse features": featurise(train, train_attrs, lexicons, clusters, ("p:",)),
            }
            for name, data in variants.items():
                f1 = base.cross_validate(data, params, args.folds, workdir, pool)
                print(f"cv  {name:<24} macro F1 {100 * f1:.1f}", flush=True)
    model_path = MODELS_DIR / parsed.MODEL_FILE
    base.train_crf(full, params, str(model_path))
    print(f"selected c1={best['c1']} c2={best['c2']}; wrote {model_path} ({model_path.stat().st_size / 1e6:.1f} MB)")
    dev_data = featurise(dev, dev_attrs, lexicons, clusters)
    base.print_scores("dev (train-only model)", [y for _, _, y in dev_data], base.predict(str(model_path), dev_data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
