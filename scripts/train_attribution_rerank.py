"""Train the learned attribution's cue reranker (claims/attribution_rerank.py) on held-out PolNeAR TRAIN.

    .venv/bin/python scripts/train_attribution_rerank.py [--shared ../shared] [--cache /tmp/attr-cache]
        [--fold-model /tmp/attr-context-fold] [--out DIR] [--floor 0.1]

The reranker decides on whole candidates (a cue, with the source and content the role head found for
it), so it must learn from cue scores as they look on unseen text: the candidates are those of the
held-out train slice of scripts/attribution_holdout.py (every 6th text from the second, ``items[1::6]``),
decoded by the model fitted on the other 5/6 with its contextual cue features (``train_attribution.fit_model``
over the cached token states; ``--fold-model``, fitted and cached the first time: ~15-20 minutes at load
~10) and the shipped model's cue thresholds. A candidate is right when its cue overlaps a gold cue.

The decision threshold is chosen by two-fold cross-validation on the slice (halves by text): each half
decoded with the reranker fitted on the other, the threshold with the best mean of the source, cue and
content token F1 and the partial match (the highest within 0.1 point of it). The shipped reranker is
then fitted on the whole slice and written to ``--out``/attribution_rerank.json. Dev is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import attribution_holdout as H  # noqa: E402
import train_attribution as T  # noqa: E402

from claimgraph.claims import attribution_model as AM  # noqa: E402
from claimgraph.claims.attribution_features import quote_depth  # noqa: E402
from claimgraph.claims.attribution_rerank import RERANK_NAME, Reranker, features  # noqa: E402

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
SPEAKER_NOUN_COUNT = 3  # as data/claims/en/speaker_nouns.txt (counted here on the 5/6 only)
TOLERANCE = 0.001


def candidate_rows(model, items, lex):
    """(features, label) of every candidate of every parsed candidate sentence of ``items``."""
    rows, labels = [], []
    for doc, spans, sdocs in items:
        gold = [s for g in doc.attributions for s in g.cue]
        for (start, end), sdoc in zip(spans, sdocs):
            if not model.is_candidate(doc.text, start, end):
                continue
            found = model.candidates(sdoc, start, doc.text, lex)
            quotes = quote_depth(sdoc)
            for c in found:
                a = c.attribution
                rows.append(features(c, sdoc, quotes, len(found)))
                labels.append(int(any(s < a.cue_end and a.cue_start < e for s, e in gold)))
    return rows, labels


def fit(rows, labels, c: float = 1.0) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    lr = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)  # "bias" is a feature
    lr.fit(x, labels)
    return {name: float(w) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0]) if w}


def mean_f1(model, items, lex) -> tuple[float, str]:
    scores = {s.name: s.f1 for s in T.score([d for d, _, _ in items], T.predict(model, items, lex))}
    keys = ("source", "cue", "content", "attribution partial")
    return sum(scores[k] for k in keys) / 4, " / ".join(f"{100 * scores[k]:.1f}" for k in keys)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/attr-cache"))
    ap.add_argument("--fold-model", type=Path, default=Path("/tmp/attr-context-fold"))
    ap.add_argument("--out", type=Path, default=REPO / "src" / "claimgraph" / "data" / "models")
    ap.add_argument("--floor", type=float, default=0.1, help="the lowest cue score a weak cue may have")
    args = ap.parse_args(argv)
    lex = T.load_lexicon("en")
    items = T.parsed_split(args.shared, "train", args.cache)
    held, rest = items[1::6], [x for k, x in enumerate(items) if k % 6 != 1]
    states = T.token_states(items, "train", args.cache)
    if not (args.fold_model / f"{AM.MODEL_NAME}.npz").is_file():
        T.fit_model(rest, lex, [x for k, x in enumerate(states) if k % 6 != 1], args.fold_model, T.CONTEXT_DIMS)
    model = AM.AttributionModel.load(args.fold_model)
    # the shipped model's cue thresholds: a cue is "sure" as it is at run time
    shipped = AM.AttributionModel.load()
    model.cue_threshold, model.unlisted_threshold = shipped.cue_threshold, shipped.unlisted_threshold
    T.use_cached_states(model, held, states[1::6])
    model.speaker_nouns = frozenset(w for w, n in H.source_head_nouns(rest).items() if n >= SPEAKER_NOUN_COUNT)
    model.reranker = None
    base, figures = mean_f1(model, held, lex)
    print(f"held-out train slice ({len(held)} texts), source / cue / content / partial")
    print(f"  fixed gates (no reranker): {figures}  mean {100 * base:.2f}", flush=True)
    model.reranker = Reranker({}, 0.0, args.floor)  # every candidate, for the rows
    halves = [held[0::2], held[1::2]]
    rows = [candidate_rows(model, half, lex) for half in halves]
    weights = [fit(*rows[1 - k]) for k in range(2)]
    means = {}
    for t in THRESHOLDS:
        predictions, docs = [], []
        for k, half in enumerate(halves):
            model.reranker = Reranker(weights[k], t, args.floor)
            predictions += T.predict(model, half, lex)
            docs += [d for d, _, _ in half]
        scores = {s.name: s.f1 for s in T.score(docs, predictions)}
        keys = ("source", "cue", "content", "attribution partial")
        means[t] = sum(scores[k] for k in keys) / 4
        figures = " / ".join(f"{100 * scores[k]:.1f}" for k in keys)
        print(f"  reranker, threshold {t:.2f} (two-fold): {figures}  mean {100 * means[t]:.2f}", flush=True)
    best = max(means.values())
    threshold = max(t for t, m in means.items() if m >= best - TOLERANCE)
    all_rows, all_labels = rows[0][0] + rows[1][0], rows[0][1] + rows[1][1]
    meta = {
        "weights": fit(all_rows, all_labels),
        "threshold": threshold,
        "floor": args.floor,
        "trained_on": (
            f"PolNeAR train, held-out slice items[1::6] ({len(held)} texts, first annotator per text), "
            f"{len(all_labels)} candidates decoded by a model fitted on the other 5/6"
        ),
        "chosen_by": f"two-fold cross-validation on the slice: mean F1 {100 * means[threshold]:.2f} "
        f"against {100 * base:.2f} with the fixed gates",
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{RERANK_NAME}.json"
    path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"threshold {threshold}; wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
