"""Export a stance model fitted with scikit-learn to the arrays claimgraph reads (no scikit-learn at run time).

    .venv/bin/python scripts/export_stance.py MODEL.joblib [--out src/claimgraph/data/models/stance_fnc1.npz]

scripts/train_stance.py calls :func:`write_model` itself; this command converts a bundle pickled by
an older train_stance.py (a dict of the TfidfVectorizer, the two HistGradientBoostingClassifiers,
their feature columns, the embedding mode, since format arrays-2 the learned cue words and
optionally the two n-gram models, since arrays-3 the per-class factors on the stance stage and
whether the focus features are on). Needs scikit-learn and joblib (the `train` extra).
The model's .json header gets ``format`` set to what claimgraph.link.stance reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.link import stance  # noqa: E402
from claimgraph.link.tfidf import Tfidf  # noqa: E402
from claimgraph.link.trees import BoostedTrees  # noqa: E402


def write_model(bundle: dict, out: Path) -> None:
    """Write the bundle's arrays to ``out`` (.npz) and set ``format`` in its .json header, if there is one."""
    missing = [k for k in ("learned", "stance_scales", "focus") if k not in bundle]
    if missing:  # bundles pickled before model format arrays-3
        raise SystemExit(
            f"the bundle has no {', '.join(missing)} (format {stance.MODEL_FORMAT} needs them): "
            "retrain with scripts/train_stance.py"
        )
    tfidf = Tfidf.from_sklearn(bundle["vectorizer"])
    arrays = {
        "vocabulary": np.asarray(tfidf.terms()),
        "idf": tfidf.idf,
        "token_pattern": np.asarray(tfidf.token_pattern),
        "embedding_mode": np.asarray(bundle["embedding_mode"]),
        "columns_related": np.asarray(bundle["columns_related"]),
        "columns_stance": np.asarray(bundle["columns_stance"]),
        "learned_claim_words": np.asarray(bundle["learned"].claim, dtype=str),
        "learned_text_words": np.asarray(bundle["learned"].text, dtype=str),
        "stance_scales": np.asarray(bundle["stance_scales"], dtype=np.float64),
        "focus": np.asarray(bool(bundle["focus"])),
    }
    for name in ("related", "stance"):
        arrays.update(
            {f"{name}_{k}": v for k, v in BoostedTrees.from_sklearn(bundle[f"{name}_model"]).arrays().items()}
        )
    for side, model in zip(("claim", "text"), bundle.get("stacked") or ()):
        arrays[f"{side}_ngrams_terms"] = np.asarray(model.terms(), dtype=str)
        arrays[f"{side}_ngrams_coef"] = model.coef
        arrays[f"{side}_ngrams_intercept"] = model.intercept
    with open(out, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    header_path = out.with_suffix(".json")
    if header_path.exists():
        header = json.loads(header_path.read_text())
        header["format"] = stance.MODEL_FORMAT
        header_path.write_text(json.dumps(header, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="a model pickled with joblib by an older scripts/train_stance.py")
    parser.add_argument("--out", type=Path, default=stance.MODEL_PATH)
    args = parser.parse_args()
    import joblib

    write_model(joblib.load(args.bundle), args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
