"""Decisions of the learned attribution's decoding taken on a held-out slice of PolNeAR TRAIN, never on dev.

    .venv/bin/python scripts/attribution_holdout.py [--shared ../shared] [--cache /tmp/attr-cache]
        [--fold-model /tmp/attr-holdout-model] [--write-nouns]

The held-out slice is every 6th train text from the second (``items[1::6]``); the model that decodes it is
fitted on the other 5/6 by scripts/train_attribution.py's recipe (cached in --fold-model: ~10 minutes on 2
cores the first time). The script prints, on the slice (source / cue / content token F1, partial match, and
their mean):

1. the grid of the cue score an attribution with no source in its sentence needs
   (``attribution_model.SOURCELESS_CUE_THRESHOLD``: the highest threshold within 0.1 points of the best
   mean: a stronger cue is required where the slice does not lose by it);
2. the learned speaker nouns: the common nouns (tag NN/NNS) heading the gold sources of the 5/6 fitted on,
   counted by their lower-case form; for each minimum count of the grid, the slice decoded with the nouns
   counted at least that often as the speaker check's (``attribution_model._speaker_like``) extra nouns.
   The highest minimum count within 0.1 points of the best mean is chosen (fewer, surer nouns).
   With --write-nouns the nouns of that minimum count, counted on ALL of train, are written to
   data/claims/en/speaker_nouns.txt with a header naming their source.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import train_attribution as T  # noqa: E402

from claimgraph.claims import attribution_model as AM  # noqa: E402
from claimgraph.claims.speakers import SPEAKER_NOUNS_FILE  # noqa: E402

SOURCELESS_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MIN_COUNT_GRID = (2, 3, 5, 8, 12, 20)
NOUNS_OUT = REPO / "src" / "claimgraph" / "data" / "claims" / "en" / SPEAKER_NOUNS_FILE


def fit_fold(rest, out: Path, lex) -> None:
    """The model of train_attribution.py fitted on ``rest`` (thresholds as the shipped model's)."""
    from claimgraph.events.features import HASH_DIM

    vectors = T.WordVectors(T.STATIC_MODEL_DIR)
    (cue_rows, cue_dense, cue_y), (role_rows, role_y) = T.rows_of(rest, lex, vectors, np.random.default_rng(0))
    cue = T.fit(T.matrix(cue_rows, cue_dense), cue_y, 0.5)
    role = T.fit(T.matrix(role_rows), role_y, 0.5)
    shipped = json.loads((AM.model_dir() / f"{AM.MODEL_NAME}.json").read_text(encoding="utf-8"))
    vocab, gate = T.cue_vocabulary(cue_rows, cue_y)
    meta = dict(shipped, vocabulary=vocab, gate=gate)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out / f"{AM.MODEL_NAME}.npz",
        cue_sparse=cue.coef_[:, :HASH_DIM].T.astype(np.float16),
        cue_dense=cue.coef_[:, HASH_DIM:].T.astype(np.float16),
        cue_bias=cue.intercept_.astype(np.float32),
        role_sparse=role.coef_.T.astype(np.float16),
        role_bias=role.intercept_.astype(np.float32),
    )
    (out / f"{AM.MODEL_NAME}.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")


def source_head_nouns(items) -> Counter:
    """Lower-case common nouns heading gold sources (the top word, by the parse, of a source's words)."""
    counts: Counter = Counter()
    for doc, spans, sdocs in items:
        for g in doc.attributions:
            for (start, end), sdoc in zip(spans, sdocs):
                if not g.source or not start <= g.source[0][0] < end:
                    continue
                inside = [
                    t for t in sdoc if any(s < start + t.idx + len(t.text) and start + t.idx < e for s, e in g.source)
                ]
                if not inside:
                    continue
                ids = {t.i for t in inside}
                top = next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[0])
                # written in lower case: the parser tags some names NN ("Trump"); one- and two-letter
                # "nouns" are tagging slips ("a", "x")
                if top.tag_ in ("NN", "NNS") and top.is_alpha and top.text.islower() and len(top.text) > 2:
                    counts[top.lower_] += 1
    return counts


def report(name: str, model, held, lex) -> float:
    scores = {s.name: s.f1 for s in T.score([d for d, _, _ in held], T.predict(model, held, lex))}
    mean = (scores["source"] + scores["cue"] + scores["content"] + scores["attribution partial"]) / 4
    figures = " / ".join(f"{100 * scores[k]:.1f}" for k in ("source", "cue", "content", "attribution partial"))
    print(f"  {name:<34} {figures}   mean {100 * mean:.2f}", flush=True)
    return mean


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/attr-cache"))
    ap.add_argument("--fold-model", type=Path, default=Path("/tmp/attr-holdout-model"))
    ap.add_argument("--write-nouns", action="store_true")
    args = ap.parse_args(argv)
    lex = T.load_lexicon("en")
    items = T.parsed_split(args.shared, "train", args.cache)
    held, rest = items[1::6], [x for k, x in enumerate(items) if k % 6 != 1]
    if not (args.fold_model / f"{AM.MODEL_NAME}.npz").is_file():
        fit_fold(rest, args.fold_model, lex)
    model = AM.AttributionModel.load(args.fold_model)
    model.speaker_nouns = frozenset()  # the shipped nouns were counted on the whole of train, the slice too
    print(f"held-out train slice: {len(held)} texts; source / cue / content / partial token F1")
    print("1. cue score needed by an attribution without a source")
    means = {t: report(f"{t:.2f}", _with(model, sourceless_threshold=t), held, lex) for t in SOURCELESS_GRID}
    chosen = _cautious(means, max)
    print(f"  chosen: {chosen:.2f} (attribution_model.SOURCELESS_CUE_THRESHOLD is {AM.SOURCELESS_CUE_THRESHOLD})")
    print("2. learned speaker nouns (minimum count on the 5/6 fitted on)")
    model.sourceless_threshold = chosen
    counts = source_head_nouns(rest)
    means = {0: report("none", _with(model, speaker_nouns=frozenset()), held, lex)}
    for k in MIN_COUNT_GRID:
        nouns = frozenset(w for w, n in counts.items() if n >= k)
        means[k] = report(f">= {k} ({len(nouns)} nouns)", _with(model, speaker_nouns=nouns), held, lex)
    best_count = max(MIN_COUNT_GRID, key=lambda k: means[k])
    min_count = _cautious(means, max) if means[best_count] - means[0] > TOLERANCE else 0
    print(f"  chosen minimum count: {min_count}")
    if args.write_nouns and min_count:
        write_nouns(source_head_nouns(items), min_count, len(items))
    return 0


# differences of mean F1 below this on the 140 held-out texts are noise: the cautious value within it wins
TOLERANCE = 0.001


def _cautious(means: dict[float, float], pick) -> float:
    """The most cautious value (``pick``: the highest threshold, the highest minimum count) whose mean is
    within ``TOLERANCE`` of the best."""
    best = max(means.values())
    return pick(v for v, m in means.items() if m >= best - TOLERANCE)


def _with(model, **values):
    for k, v in values.items():
        setattr(model, k, v)
    return model


def write_nouns(counts: Counter, min_count: int, texts: int) -> None:
    nouns = sorted(w for w, n in counts.items() if n >= min_count)
    header = [
        "# Learned speaker nouns: common nouns (NN/NNS, lower case) heading at least "
        f"{min_count} gold sources of PolNeAR train",
        f"# ({texts} texts, ../shared/datasets/polnear/train, first annotator per text; the source's top word by",
        "# the pinned spaCy parse). Written by scripts/attribution_holdout.py --write-nouns; the minimum count was",
        "# chosen on a held-out slice of train (every 6th text), never on dev. Not hand-edited.",
    ]
    NOUNS_OUT.write_text("\n".join(header + nouns) + "\n", encoding="utf-8")
    print(f"wrote {len(nouns)} nouns to {NOUNS_OUT}")


if __name__ == "__main__":
    raise SystemExit(main())
