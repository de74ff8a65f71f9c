"""Probe: do the shipped MiniLM's frozen token states help the re3d entity CRF? (docs/models/entities_accurate.md,
"MiniLM token states").

    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_entities_minilm_probe.py [--layers 0,1,2,3,4,5] [--crf]
    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_entities_minilm_probe.py --layers "" --write

Without --write it writes nothing into the package. Steps, all deterministic, on re3d train only (5
contiguous folds, the folds of scripts/train_entities.py; dev is never read):
1. the shipped int8 all-MiniLM-L6-v2 graph (data/models/minilm, docs/models/minilm.md) with each encoder
   layer's output added as a graph output (a copy in a temporary folder: the same weights and
   arithmetic as at run time, the pooled embedding unchanged); needs the `onnx` package (`export` extra);
2. each re3d sentence's word pieces, piece by piece per re3d token (so every piece belongs to one
   token), CLS and SEP around at most 254 of them; a token's state is the mean of its pieces' states;
3. per layer, a multinomial logistic regression (sklearn) from a token's state to its BIO label,
   scored by span-exact macro F1 in cross-validation: how much entity information the states hold;
4. with --crf, the word CRF (train_entities.py's features and c1/c2) plus, in turn: the standardised
   states of --crf-layer reduced to --pca dimensions as real-valued CRF attributes; and the
   cross-fitted logistic regression's label probabilities (and its best label) as attributes
   (stacking). Each is cross-validated against the word CRF alone.
5. with --write, the accurate tagger of ``--entity-tagger crf-minilm`` (entities/contextual.py): the word
   CRF plus the layer-2 states projected as in step 4 (the states from the shipped graph's token_states
   output, as at run time), trained on all of re3d train and the TRAIN lines of
   data/synthetic/entities/re3d_rare_types.txt (as crf-parse; --no-synthetic: re3d alone); writes the
   CRF and the projection into data/models and scores re3d dev once, for the report.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))

import train_entities as base  # noqa: E402

from claimgraph.entities import ner  # noqa: E402
from claimgraph.link.embeddings import MINILM_DIR, MiniLMEncoder  # noqa: E402
from claimgraph_eval.conll import read_conll  # noqa: E402
from claimgraph_eval.metrics import score_spans  # noqa: E402

LAYER_OUTPUT = "/bert/encoder/layer.{}/output/LayerNorm/LayerNormalization_output_0"
N_LAYERS = 6


def layer_graph(directory: Path) -> Path:
    """A copy of the shipped int8 graph that also outputs every encoder layer's hidden states."""
    import onnx

    model = onnx.load(str(MINILM_DIR / "model.int8.onnx"))
    present = {o.name for o in model.graph.output}  # the shipped graph outputs layer 2 already
    for k in range(N_LAYERS):
        if LAYER_OUTPUT.format(k) not in present:
            output = onnx.helper.make_tensor_value_info(LAYER_OUTPUT.format(k), onnx.TensorProto.FLOAT, None)
            model.graph.output.append(output)
    path = directory / "layers.onnx"
    onnx.save(model, str(path))
    return path


def word_states(sentences, graph: Path) -> tuple[list[np.ndarray], float]:
    """(per sentence a (layers, words, 384) array of mean piece states, CPU ms per sentence)."""
    import onnxruntime as ort

    encoder = MiniLMEncoder()  # its word-piece feed (tokenizer, CLS/SEP ids, piece limit)
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    out, started = [], time.process_time()
    for words in sentences:
        feed, owner = encoder.word_piece_feed(words)
        names = [LAYER_OUTPUT.format(k) for k in range(N_LAYERS)]
        layers = session.run(names, {"input_ids": feed, "attention_mask": np.ones_like(feed)})
        states = np.stack([h[0, 1 : 1 + len(owner)] for h in layers])
        summed = np.zeros((N_LAYERS, len(words), states.shape[2]), dtype=np.float32)
        np.add.at(summed, (slice(None), np.array(owner, dtype=np.intp)), states)
        counts = np.bincount(owner, minlength=len(words))
        out.append(summed / np.maximum(counts, 1)[None, :, None])
    return out, 1000 * (time.process_time() - started) / max(len(sentences), 1)


def cross_fitted_probs(states, sentences, labels, folds: int, c: float) -> list[np.ndarray]:
    """Each sentence's label probabilities from a logistic regression trained on the other folds."""
    from sklearn.linear_model import LogisticRegression

    index = {label: i for i, label in enumerate(labels)}
    bounds = np.linspace(0, len(sentences), folds + 1).astype(int)
    out: list[np.ndarray] = []
    for f in range(folds):
        rows = list(range(bounds[f])) + list(range(bounds[f + 1], len(sentences)))
        x = np.concatenate([states[i] for i in rows])
        y = np.array([index[label] for i in rows for label in sentences[i][1]])
        mu, sd = x.mean(0), x.std(0) + 1e-6
        model = LogisticRegression(C=c, max_iter=300).fit((x - mu) / sd, y)
        for i in range(bounds[f], bounds[f + 1]):
            probs = np.zeros((len(states[i]), len(labels)))
            probs[:, model.classes_] = model.predict_proba((states[i] - mu) / sd)
            out.append(probs)
    return out


def crf_data(sentences, lexicons, clusters, dense=None, probs=None, labels=()):
    """train_entities.featurise's attributes as {name: 1.0}, plus real-valued ``dense`` columns and the
    stacked ``probs`` (each label's probability above 0.01, and the best label as a name)."""
    out = []
    extract = ner.FeatureExtractor(lexicons, clusters)
    for k, (words, gold) in enumerate(sentences):
        seq = []
        for i, names in enumerate(extract(words)):
            item = dict.fromkeys(names, 1.0)
            if dense is not None:
                item.update({f"m{j}": float(v) for j, v in enumerate(dense[k][i])})
            if probs is not None:
                p = probs[k][i]
                item[f"lr={labels[int(p.argmax())]}"] = 1.0
                item.update({f"lrp={labels[j]}": float(v) for j, v in enumerate(p) if v > 0.01})
            seq.append(item)
        out.append((words, seq, gold))
    return out


def projection_of(states: list[np.ndarray], dims: int) -> dict[str, np.ndarray]:
    """Standardise, project on the first ``dims`` principal directions (of every third token, for
    speed), and scale each projected column to unit deviation: contextual.project's parameters."""
    flat = np.concatenate(states).astype(np.float64)
    mean, sd = flat.mean(0), flat.std(0) + 1e-6
    basis = np.linalg.svd((flat[::3] - mean) / sd, full_matrices=False)[2][:dims].T
    scale = (((flat - mean) / sd) @ basis).std(0) + 1e-6
    return {"mean": mean, "sd": sd, "basis": basis, "scale": scale}


def write_model(args, train, labels) -> int:
    from claimgraph.entities import contextual

    dev = read_conll(args.shared / "datasets" / "re3d" / "dev.txt")
    encoder = MiniLMEncoder()
    states = [encoder.token_states(words) for words, _ in train]
    projection = projection_of(states, args.pca)
    clusters = ner.read_clusters(base.MODELS_DIR / ner.CLUSTERS_FILE)
    lexicons = ner.Lexicons.from_dir(REPO / "src" / "claimgraph" / "data" / "lexicons" / "ner")
    data = crf_data(train, lexicons, clusters, dense=[contextual.project(s, projection) for s in states])
    if not args.no_synthetic:  # the project's rare-type sentences, as crf-parse is trained (projection: re3d's)
        from train_entities_accurate import SYNTHETIC, read_synthetic

        extra = [(words, labels) for words, labels, _, _ in read_synthetic(SYNTHETIC, "TRAIN")]
        dense = [contextual.project(encoder.token_states(words), projection) for words, _ in extra]
        data += crf_data(extra, lexicons, clusters, dense=dense)
    model_path = base.MODELS_DIR / contextual.MODEL_FILE
    base.train_crf(data, {**base.BASE_PARAMS, "c1": 0.05, "c2": 0.2}, str(model_path))
    np.savez(base.MODELS_DIR / contextual.PROJECTION_FILE, **{k: v.astype(np.float32) for k, v in projection.items()})
    print(f"wrote {model_path} ({model_path.stat().st_size / 1e6:.1f} MB) and {contextual.PROJECTION_FILE}")
    held = [contextual.project(encoder.token_states(words), projection) for words, _ in dev]
    dev_data = crf_data(dev, lexicons, clusters, dense=held)
    base.print_scores(
        "re3d dev (the model never saw it)", [y for _, _, y in dev_data], base.predict(str(model_path), dev_data)
    )
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--layers", default="0,1,2,3,4,5", help="layers whose logistic regression is cross-validated")
    ap.add_argument("--crf", action="store_true", help="also cross-validate the CRF with the states")
    ap.add_argument("--crf-layer", type=int, default=2, help="the layer the CRF reads (the best alone: 2)")
    ap.add_argument("--pca", type=int, default=48, help="dimensions of the CRF's real-valued state attributes")
    ap.add_argument("--write", action="store_true", help="train the crf-minilm tagger, write it, score dev")
    ap.add_argument("--no-synthetic", action="store_true", help="--write: train on re3d train alone")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    path = args.shared / "datasets" / "re3d" / "train.txt"
    if not path.is_file():
        print(f"error: {path} not found; pass --shared PATH", file=sys.stderr)
        return 2
    train = read_conll(path)
    labels = sorted({label for _, gold in train for label in gold})
    if args.write and not args.layers:
        return write_model(args, train, labels)
    with tempfile.TemporaryDirectory() as tmp:
        states, ms = word_states([words for words, _ in train], layer_graph(Path(tmp)))
    print(f"token states: {len(train)} sentences, {ms:.1f} CPU ms per sentence", flush=True)
    gold = [g for _, g in train]
    for layer in [int(x) for x in args.layers.split(",") if x]:
        probs = cross_fitted_probs([s[layer] for s in states], train, labels, args.folds, 1.0)
        scores, macro = score_spans(gold, [[labels[k] for k in p.argmax(1)] for p in probs])
        per_type = ", ".join(f"{s.type} {100 * s.f1:.0f}" for s in scores)
        print(f"cv  logistic regression on layer {layer}: macro F1 {100 * macro:.1f} ({per_type})", flush=True)
    if args.write:
        return write_model(args, train, labels)
    if not args.crf:
        return 0
    clusters = ner.read_clusters(base.MODELS_DIR / ner.CLUSTERS_FILE)
    lexicons = ner.Lexicons.from_dir(REPO / "src" / "claimgraph" / "data" / "lexicons" / "ner")
    from claimgraph.entities.contextual import project

    x = [s[args.crf_layer] for s in states]
    projection = projection_of(x, args.pca)
    variants = {
        "word CRF": crf_data(train, lexicons, clusters),
        f"+ layer {args.crf_layer} states, {args.pca} dims": crf_data(
            train, lexicons, clusters, dense=[project(s, projection) for s in x]
        ),
        f"+ stacked layer {args.crf_layer} regression": crf_data(
            train, lexicons, clusters, probs=cross_fitted_probs(x, train, labels, args.folds, 1.0), labels=labels
        ),
    }
    params = {**base.BASE_PARAMS, "c1": 0.05, "c2": 0.2}
    workdir = Path(tempfile.mkdtemp(prefix="ents-probe-"))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for name, data in variants.items():
            f1 = base.cross_validate(data, params, args.folds, workdir, pool)
            print(f"cv  {name:<40} macro F1 {100 * f1:.1f}", flush=True)
    workdir.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
