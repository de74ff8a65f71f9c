"""Choose crf-minilm-tuned's weight: crf-minilm's emissions plus weight x the fine-tuned layers' log-probabilities
(entities/finetuned.py, docs/models/entities_finetuned.md), on re3d train fold 0 (of the word CRF's five
contiguous folds); dev is never read.

    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_entities_finetune.py --fold 0 --epochs 8 --save-logp /tmp/logp
    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_entities_finetune_combine.py --logp /tmp/logp.fold0.npz

The first command fine-tunes the top layers without fold 0 and saves fold 0's log-probabilities; this script
trains crf-minilm's CRF (train_entities_minilm_probe.py's features and projection, with the synthetic TRAIN
lines) without fold 0 and scores fold 0 for each weight, decoding as the tagger does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "scripts"), str(REPO / "bench")]

import train_entities as base  # noqa: E402
import train_entities_minilm_probe as probe  # noqa: E402
from train_entities_accurate import SYNTHETIC, read_synthetic  # noqa: E402

from claimgraph.entities import contextual, ner  # noqa: E402
from claimgraph.entities.finetuned import CUT, LABELS  # noqa: E402
from claimgraph.link.embeddings import Embedder  # noqa: E402
from claimgraph_eval.conll import read_conll  # noqa: E402
from claimgraph_eval.metrics import score_spans  # noqa: E402


def combined(tagger, sentences, logps, weight: float) -> list[list[str]]:
    """Labels from the CRF's emissions plus ``weight`` x each word's log-probabilities (CUT past the cut)."""
    order = [LABELS.index(label) for label in tagger.crf.labels]
    out = []
    for words, lp in zip(sentences, logps):
        full = np.full((len(words), len(LABELS)), CUT)
        full[:, 0] = 0.0
        full[: len(lp)] = np.maximum(lp, CUT)
        scores = tagger.emissions([words])[0] + weight * full[:, order]
        path = tagger.crf.viterbi([scores])[0]
        out.append(ner.repair_number_spans(words, [tagger.crf.labels[y] for y in path.tolist()]))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--logp", type=Path, required=True, help="fold 0's saved log-probabilities (.npz)")
    ap.add_argument("--weights", default="0,0.25,0.5,1,2,4")
    args = ap.parse_args(argv)
    train = read_conll(args.shared / "datasets" / "re3d" / "train.txt")
    bounds = np.linspace(0, len(train), 6).astype(int)
    fit, held = train[bounds[1] :], train[: bounds[1]]
    clusters = ner.read_clusters(base.MODELS_DIR / ner.CLUSTERS_FILE)
    lexicons = ner.Lexicons.from_dir(REPO / "src" / "claimgraph" / "data" / "lexicons" / "ner")
    encoder = Embedder("accurate")._encoder
    states = [encoder.token_states(words) for words, _ in fit]
    projection = probe.projection_of(states, 48)
    data = probe.crf_data(fit, lexicons, clusters, dense=[contextual.project(s, projection) for s in states])
    extra = [(words, labels) for words, labels, _, _ in read_synthetic(SYNTHETIC, "TRAIN")]
    dense = [contextual.project(encoder.token_states(words), projection) for words, _ in extra]
    data += probe.crf_data(extra, lexicons, clusters, dense=dense)
    with tempfile.TemporaryDirectory() as tmp:
        model = str(Path(tmp) / "fold0.crfsuite")
        base.train_crf(data, {**base.BASE_PARAMS, "c1": 0.05, "c2": 0.2}, model)
        tagger = contextual.MiniLMTagger(model, lexicons, clusters, projection, encoder)
    with np.load(args.logp) as saved:
        logps = [saved[f"arr_{i}"] for i in range(len(held))]
    gold = [labels for _, labels in held]
    for weight in [float(w) for w in args.weights.split(",")]:
        scores, macro = score_spans(gold, combined(tagger, [words for words, _ in held], logps, weight))
        per_type = ", ".join(f"{s.type} {100 * s.f1:.1f}" for s in scores)
        print(f"fold 0, weight {weight}: macro F1 {100 * macro:.1f} ({per_type})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
