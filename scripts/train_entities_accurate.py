"""Train the accurate mode's re3d entity tagger: the CRF of scripts/train_entities.py plus features
from the pinned spaCy parse (entities/parsed.py), and write it into the package data.

    .venv/bin/python scripts/train_entities_accurate.py            # CV-select c1/c2 on train, train, score dev
    .venv/bin/python scripts/train_entities_accurate.py --ablations  # also CV feature ablations (for the card)

Deterministic. Model selection by 5-fold contiguous cross-validation on re3d train.txt only (the
folds of train_entities.py); the chosen configuration is trained on all of train.txt; dev.txt is
scored once, for the report. Each sentence is parsed as running text (parsed.detokenize) as the accurate
mode parses a sentence (en_core_web_sm 3.8.0 with its NER), cached under --cache (default /tmp/ents-cache).
Needs the `events` extra (spaCy and the pinned weights) and python-crfsuite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))

import train_entities as base  # noqa: E402

from claimgraph.entities import ner, parsed  # noqa: E402
from claimgraph.events.parse import load_parser, shadow_sentence  # noqa: E402
from claimgraph_eval.conll import read_conll  # noqa: E402
from claimgraph_eval.metrics import score_spans  # noqa: E402

MODELS_DIR = base.MODELS_DIR
GRID = [{"c1": c1, "c2": c2} for c1 in (0.05, 0.2) for c2 in (0.05, 0.2, 0.5)]


SYNTHETIC = REPO / "data" / "synthetic" / "entities" / "re3d_rare_types.txt"
_MARK = re.compile(r"\{(\w+) ([^{}]+)\}")


def read_synthetic(path: Path, part: str = "TRAIN") -> list[tuple[list[str], list[str], str, list[int]]]:
    """(words, BIO labels, text, word starts) of the marked lines of ``path`` in ``part`` (every fifth
    marked line is DEV, data/synthetic/entities/README.md). A bad line raises ValueError naming it."""
    out = []
    lines = [
        (n, line)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if " | " in line and not line.startswith("#")
    ]
    for k, (lineno, line) in enumerate(lines, 1):
        if (k % 5 == 0) != (part == "DEV"):
            continue
        marked = line.split(" | ", 1)[1]
        text, spans, at = "", [], 0
        for m in _MARK.finditer(marked):
            if m.group(1) not in ner.ENTITY_TYPES:
                raise ValueError(f"{path}:{lineno}: unknown entity type {m.group(1)!r}")
            text += marked[at : m.start()]
            spans.append((len(text), len(text) + len(m.group(2)), m.group(1)))
            text += m.group(2)
            at = m.end()
        text += marked[at:]
        if "{" in text or "}" in text:
            raise ValueError(f"{path}:{lineno}: unbalanced mark")
        tokens = ner.tokenize(text)
        labels = []
        for a, b, _ in tokens:
            inside = [(s, t) for s, e, t in spans if s <= a and b <= e]
            labels.append("O" if not inside else ("B-" if inside[0][0] == a else "I-") + inside[0][1])
        out.append(([w for _, _, w in tokens], labels, text, [a for a, _, _ in tokens]))
    return out


def parse_attributes(sentences, cache: Path, nlp=None, texts=None) -> list[list[tuple]]:
    """``parsed.token_attributes`` of each sentence (cached by the texts' digest): of ``texts`` where
    given, else of the words as running text (``parsed.detokenize``)."""
    texts = texts if texts is not None else [parsed.detokenize(words)[0] for words, _ in sentences]
    key = hashlib.sha256(("attributes v2\n" + "\n".join(texts)).encode()).hexdigest()[:16]
    path = cache / f"re3d-parse-{key}.json"
    if path.is_file():
        return [[tuple(a) for a in s] for s in json.loads(path.read_text(encoding="utf-8"))]
    nlp = nlp or load_parser(entities=True)
    out = [parsed.token_attributes(d) for d in nlp.pipe(shadow_sentence(t) for t in texts)]
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out), encoding="utf-8")
    return out


def featurise(sentences, attributes, lexicons, clusters, drop: tuple[str, ...] = (), starts_of=None):
    """(words, CRF features, gold labels) per sentence: the CRF's word features plus the parse's;
    ``starts_of``: each sentence's word starts in the parsed text (default: ``parsed.detokenize``'s)."""
    extract = ner.FeatureExtractor(lexicons, clusters)
    out = []
    for k, ((words, labels), attrs) in enumerate(zip(sentences, attributes)):
        starts = starts_of[k] if starts_of is not None else parsed.detokenize(words)[1]
        extra = parsed.parse_features(attrs, starts)
        feats = [f + [a for a in e if not a.startswith(drop)] if drop else f + e for f, e in zip(extract(words), extra)]
        out.append((words, feats, labels))
    return out


def cross_validate(data, extra, params: dict, folds: int, workdir: Path, pool) -> tuple[float, list]:
    """(macro F1, per-type scores) over train_entities.py's contiguous folds of re3d train, each fold's
    model also trained on ``extra`` (the synthetic TRAIN sentences), scored on re3d sentences only."""
    bounds = np.linspace(0, len(data), folds + 1).astype(int)
    jobs = [
        (f, data[: bounds[f]] + data[bounds[f + 1] :] + extra, data[bounds[f] : bounds[f + 1]], params, str(workdir))
        for f in range(folds)
    ]
    pred = [y for p in pool.map(base._cv_job, jobs) for y in p]
    scores, macro = score_spans([y for _, _, y in data], pred)
    return macro, scores


PARSE_ENTITIES = ("p:ent", "p:-1ent", "p:+1ent")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/ents-cache"))
    ap.add_argument("--ablations", action="store_true", help="also CV feature and data ablations")
    ap.add_argument("--grid", action="store_true", help="search c1/c2 (else the word CRF's 0.05/0.2)")
    ap.add_argument("--no-synthetic", action="store_true", help="train on re3d train alone")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    re3d = args.shared / "datasets" / "re3d"
    if not (re3d / "train.txt").is_file():
        print(f"error: {re3d / 'train.txt'} not found; pass --shared PATH", file=sys.stderr)
        return 2
    try:
        train, dev = read_conll(re3d / "train.txt"), read_conll(re3d / "dev.txt")
        synthetic = {part: read_synthetic(SYNTHETIC, part) for part in ("TRAIN", "DEV")}
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    clusters = ner.read_clusters(MODELS_DIR / ner.CLUSTERS_FILE)
    lexicons = ner.Lexicons.from_dir(REPO / "src" / "claimgraph" / "data" / "lexicons" / "ner")

    def data(sentences, drop=()):
        attrs = parse_attributes(sentences, args.cache)
        return featurise(sentences, attrs, lexicons, clusters, drop)

    def synthetic_data(part, drop=()):
        rows = synthetic[part]
        sentences = [(w, y) for w, y, _, _ in rows]
        attrs = parse_attributes(sentences, args.cache, texts=[t for _, _, t, _ in rows])
        return featurise(sentences, attrs, lexicons, clusters, drop, starts_of=[s for _, _, _, s in rows])

    full, extra = data(train), ([] if args.no_synthetic else synthetic_data("TRAIN"))
    print(f"re3d train {len(full)} sentences; synthetic TRAIN {len(extra)}", flush=True)
    workdir = args.cache / "work"
    workdir.mkdir(parents=True, exist_ok=True)
    best = {"c1": 0.05, "c2": 0.2}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        if args.grid:
            results = []
            for g in GRID:
                f1, _ = cross_validate(full, extra, {**base.BASE_PARAMS, **g}, args.folds, workdir, pool)
                results.append((f1, g))
                print(f"cv  c1={g['c1']:<5} c2={g['c2']:<5} macro F1 {100 * f1:.1f}", flush=True)
            best = max(results, key=lambda r: r[0])[1]
        params = {**base.BASE_PARAMS, **best}
        f1, scores = cross_validate(full, extra, params, args.folds, workdir, pool)
        print(
            f"cv  shipped configuration macro F1 {100 * f1:.1f}: "
            + ", ".join(f"{s.type} {100 * s.f1:.1f}" for s in scores),
            flush=True,
        )
        if args.ablations:
            variants = {
                "no synthetic sentences": (full, []),
                "no spaCy entities": (
                    data(train, PARSE_ENTITIES),
                    [] if not extra else synthetic_data("TRAIN", PARSE_ENTITIES),
                ),
                "no parse features": (data(train, ("p:",)), [] if not extra else synthetic_data("TRAIN", ("p:",))),
            }
            for name, (d, e) in variants.items():
                f1, _ = cross_validate(d, e, params, args.folds, workdir, pool)
                print(f"cv  ablation {name:<24} macro F1 {100 * f1:.1f}", flush=True)
    model_path = MODELS_DIR / parsed.MODEL_FILE
    base.train_crf(full + extra, params, str(model_path))
    print(f"selected c1={best['c1']} c2={best['c2']}; wrote {model_path} ({model_path.stat().st_size / 1e6:.1f} MB)")
    dev_data = data(dev)
    base.print_scores(
        "re3d dev (the model never saw it)", [y for _, _, y in dev_data], base.predict(str(model_path), dev_data)
    )
    held = synthetic_data("DEV")
    base.print_scores("synthetic DEV lines", [y for _, _, y in held], base.predict(str(model_path), held))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
