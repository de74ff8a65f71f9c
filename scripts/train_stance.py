"""Train the stance model shipped as src/claimgraph/data/models/stance_fnc1.npz (+ .json header).

Data: FNC-1 train_stances.csv + train_bodies.csv from ../shared/datasets/fnc1/ (never copied into
the repo). 20% of Body IDs (seed 1) are held out as dev; the shipped model is fitted on the other
80% only, and the design is chosen by the official FNC-1 relative score on dev.

    .venv/bin/python scripts/train_stance.py                 # compare designs, ship the best
    .venv/bin/python scripts/train_stance.py --design two_stage_all

Features come from claimgraph.link.stance.FeatureExtractor (fast embeddings), so training and
prediction compute exactly the same thing. Needs scikit-learn (the `train` extra); the model is
written as arrays (scripts/export_stance.py) that claimgraph applies without it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))  # claimgraph_eval

from export_stance import write_model  # noqa: E402  (scripts/ is sys.path[0])

from claimgraph.link import stance  # noqa: E402
from claimgraph.link.embeddings import Embedder  # noqa: E402
from claimgraph.link.tfidf import Tfidf  # noqa: E402
from claimgraph_eval.fnc1 import load_fnc1, relative_score, split_by_body  # noqa: E402
from claimgraph_eval.metrics import confusion, per_class_f1  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "fnc1"
SEED = 0


def fit_vectorizer(texts):
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Unigrams only and a capped vocabulary keep the shipped file small; sublinear tf stops long
    # bodies dominating.
    vectorizer = TfidfVectorizer(
        lowercase=True,
        token_pattern=r"[a-z0-9]+(?:'[a-z]+)?",
        stop_words="english",
        sublinear_tf=True,
        min_df=2,
        max_features=20000,
        dtype=np.float32,
    )
    vectorizer.fit(texts)
    vectorizer.stop_words_ = None  # only needed for inspection; large to pickle
    return vectorizer


def hgb(**kw):
    from sklearn.ensemble import HistGradientBoostingClassifier

    params = dict(
        max_iter=200,
        learning_rate=0.1,
        max_leaf_nodes=31,
        min_samples_leaf=30,
        l2_regularization=1.0,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=20,
        random_state=SEED,
    )
    params.update(kw)
    return HistGradientBoostingClassifier(**params)


def columns(names: list[str], groups: str) -> np.ndarray:
    """Column indices of the feature groups: scalar, cues (top-sentence cue words), emb (vectors)."""
    wanted = set(groups.split("+"))
    keep = []
    for i, name in enumerate(names):
        group = "cues" if name.startswith("top_cue_") else "emb" if "_emb_" in name else "scalar"
        if group in wanted:
            keep.append(i)
    return np.asarray(keep)


# Each design: related-stage feature groups, stance-stage feature groups, stance class weighting.
DESIGNS = {
    "one_stage_scalar": None,
    "two_stage_scalar": ("scalar", "scalar", None),
    "two_stage_cues": ("scalar", "scalar+cues", None),
    "two_stage_all": ("scalar", "scalar+cues+emb", None),
    "two_stage_all_balanced": ("scalar", "scalar+cues+emb", "balanced"),
}
# one_stage_scalar (4 classes at once) and the class-weighted variant are slow references: run them with --design.
DEFAULT_DESIGNS = ["two_stage_scalar", "two_stage_cues", "two_stage_all"]


def train_design(design, X, y, names, related_cache: dict):
    labels = np.asarray(stance.LABELS)
    if design == "one_stage_scalar":
        cols = columns(names, "scalar")
        model = hgb().fit(X[:, cols], y)
        return {"kind": "one_stage", "model": model, "cols": cols}
    rel_groups, st_groups, weight = DESIGNS[design]
    cr, cs = columns(names, rel_groups), columns(names, st_groups)
    if rel_groups not in related_cache:  # the related stage is shared by designs with the same groups
        related_cache[rel_groups] = hgb().fit(X[:, cr], (y != "unrelated").astype(int))
    mask = y != "unrelated"
    st = hgb(class_weight=weight).fit(X[mask][:, cs], y[mask])
    assert list(st.classes_) == list(labels[:3])
    return {"kind": "two_stage", "related": related_cache[rel_groups], "stance": st, "cr": cr, "cs": cs}


def predict_design(fitted, X) -> list[str]:
    if fitted["kind"] == "one_stage":
        return list(fitted["model"].predict(X[:, fitted["cols"]]))
    p_rel = fitted["related"].predict_proba(X[:, fitted["cr"]])[:, 1]
    p_st = fitted["stance"].predict_proba(X[:, fitted["cs"]])
    return ["unrelated" if p < 0.5 else stance.RELATED_LABELS[int(np.argmax(s))] for p, s in zip(p_rel, p_st)]


def report(name, gold, pred) -> dict:
    f1 = per_class_f1(gold, pred, stance.LABELS)
    score = relative_score(gold, pred)
    print(
        f"{name}: FNC-1 relative score {score:.2%}; F1 "
        + ", ".join(f"{k} {v:.3f}" for k, v in f1.items())
        + f"; macro F1 {np.mean(list(f1.values())):.3f}"
    )
    return {"relative_score": score, "f1": f1, "confusion": confusion(gold, pred, stance.LABELS).tolist()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the FNC-1 stance model")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--design", choices=sorted(DESIGNS), help="train only this design (default: all, ship best)")
    parser.add_argument("--out", type=Path, help="default: the shipped model file for --mode")
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument(
        "--mode",
        choices=("fast", "accurate"),
        default="fast",
        help="embeddings the features use (accurate needs the [accurate] extra)",
    )
    parser.add_argument(
        "--features-cache",
        type=Path,
        metavar="NPZ",
        help="reuse features saved here by an earlier run with the same code (outside the repo)",
    )
    args = parser.parse_args()

    import sklearn

    args.out = args.out or stance.model_path(args.mode)
    pairs, bodies = load_fnc1(args.data)
    train, dev = split_by_body(pairs)
    print(
        f"{len(train)} train pairs ({len({p.body_id for p in train})} bodies), "
        f"{len(dev)} dev pairs ({len({p.body_id for p in dev})} bodies)"
    )
    train_body_ids = sorted({p.body_id for p in train})
    vectorizer = fit_vectorizer([bodies[i] for i in train_body_ids] + sorted({p.headline for p in train}))
    embedder = Embedder(args.mode)
    extractor = stance.FeatureExtractor(Tfidf.from_sklearn(vectorizer), embedder)
    t = time.time()
    if args.features_cache and args.features_cache.exists():
        saved = np.load(args.features_cache)
        X_train, X_dev = saved["train"], saved["dev"]
    else:
        cache: dict = {}
        X_train = extractor.features([(p.headline, bodies[p.body_id]) for p in train], cache)
        X_dev = extractor.features([(p.headline, bodies[p.body_id]) for p in dev], cache)
        if args.features_cache:
            np.savez(args.features_cache, train=X_train, dev=X_dev)
    print(f"features: {X_train.shape[1]} columns, {len(train) + len(dev)} pairs in {time.time() - t:.0f} s")
    y_train = np.asarray([p.stance for p in train])
    gold_dev = [p.stance for p in dev]

    results, fitted_by_design, related_cache = {}, {}, {}
    for design in [args.design] if args.design else DEFAULT_DESIGNS:
        t = time.time()
        fitted = train_design(design, X_train, y_train, extractor.names, related_cache)
        pred = predict_design(fitted, X_dev)
        results[design] = report(f"{design} ({time.time() - t:.0f} s)", gold_dev, pred)
        fitted_by_design[design] = fitted

    two_stage = {d: r for d, r in results.items() if fitted_by_design[d]["kind"] == "two_stage"}
    best = max(two_stage, key=lambda d: two_stage[d]["relative_score"])
    print(f"best two-stage design on dev: {best} ({two_stage[best]['relative_score']:.2%})")
    print("confusion (rows gold, cols predicted; agree, disagree, discuss, unrelated):")
    for row in results[best]["confusion"]:
        print("  ", row)
    if args.no_save:
        return
    fitted = fitted_by_design[best]
    bundle = {
        "vectorizer": vectorizer,
        "related_model": fitted["related"],
        "stance_model": fitted["stance"],
        "columns_related": fitted["cr"],
        "columns_stance": fitted["cs"],
        "embedding_mode": args.mode,
    }
    write_model(bundle, args.out)
    header = {
        "format": stance.MODEL_FORMAT,
        "design": best,
        "embedding_mode": args.mode,
        "sklearn_version": sklearn.__version__,
        "cues_sha1": stance.load_cues().sha1,
        "data": "FNC-1 train_stances.csv + train_bodies.csv; 80% of Body IDs (split seed 1)",
        "dev": results[best],
        "designs": {d: r["relative_score"] for d, r in results.items()},
        "train_pairs": len(train),
        "dev_pairs": len(dev),
    }
    args.out.with_suffix(".json").write_text(json.dumps(header, indent=2) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
