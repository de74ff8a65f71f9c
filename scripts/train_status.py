"""Train the learned status head: does an attributed claim's speaker reject what it reports?

    PYTHONPATH=src .venv/bin/python scripts/train_status.py [--parts-cache FILE]

Data (train splits only; each file's split rule was fixed before any model was run on it):
* ``data/synthetic/status/denials.tsv`` (synthetic, project-written: denials, dismissals, ridicule,
  refutations, and their hard negatives; sha1(sentence) % 3 == 0 is dev);
* ``tests/fixtures/claims/status_sentences.tsv`` (synthetic status set, same split rule): a denied or
  disputed line is a rejection, every other status is not.

Each sentence runs through the claims stage as a one-sentence English document in both modes (fast:
the attribution rules; accurate: the learned attribution), so the model learns from the spans each
mode gives; the claim of the line's speaker is the example (``claimgraph_eval.status_set.gold_claim``'s
choice), its parts recorded as the stage hands them to ``claims.status_model.claim_rejects``. A line whose
speaker gets no claim teaches nothing and is counted. Model: L2-regularised logistic regression over the
named features and the static word vectors (``claims.status_model``), full-batch gradient descent;
threshold: the lowest of 0.40, 0.45, ... whose out-of-fold precision (5-fold CV on train) reaches
0.85.
Card: docs/models/status.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from claimgraph.claims import extract as claims_extract  # noqa: E402
from claimgraph.claims.lexicon import load_lexicon  # noqa: E402
from claimgraph.claims.status_model import ClaimParts, dense_features, model_files, sparse_features  # noqa: E402
from claimgraph.events.features import WordVectors  # noqa: E402
from claimgraph.ingest.text import text_document  # noqa: E402
from claimgraph.link.embeddings import STATIC_MODEL_DIR  # noqa: E402
from claimgraph.model import Source  # noqa: E402
from claimgraph.pipeline import Pipeline  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402
from claimgraph_eval.status_set import gold_claim, split_of  # noqa: E402

DENIALS = REPO / "data" / "synthetic" / "status" / "denials.tsv"
STATUS_SET = REPO / "tests" / "fixtures" / "claims" / "status_sentences.tsv"
L2 = 1.0  # per-example-mean loss plus L2 / n * |w|^2: a prior, not tuned
STEPS, RATE = 3000, 0.5


def labelled_lines(split: str) -> list[tuple[str, int, str, str]]:
    """(sentence, 1 if the speaker rejects, speaker, origin) of both files' ``split`` lines."""
    out = []
    for path, reject in ((DENIALS, {"deny"}), (STATUS_SET, {"denied", "disputed"})):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 3:
                raise ValueError(f"{path}:{n}: expected sentence, label, speaker")
            if split_of(fields[0]) == split:
                out.append((fields[0], int(fields[1] in reject), fields[2], path.name))
    return out


def claim_parts(lines: list[tuple[str, int, str, str]], mode: str) -> list[dict | None]:
    """Per line, the parts of its speaker's claim as the claims stage hands them to the model."""
    seen: list[tuple] = []

    def record(text, sentence, content, cue, source, cue_class, lex):
        seen.append((content, cue, source, cue_class, sentence))
        return None  # the rules decide while the data is gathered

    original = claims_extract.claim_rejects
    claims_extract.claim_rejects = record
    try:
        pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": mode}))
        out = []
        for sentence, _, speaker, _ in lines:
            seen.clear()
            doc = text_document(sentence, Source("status.txt", "txt"))
            for spec, component in pipe.components:
                doc = component(doc)
                if spec.name == "language" and doc.language != "en":
                    doc = doc.replace(language="en")
            c = gold_claim(doc.claims, speaker)
            found = None
            if c is not None and c.cue_start is not None:
                for content, cue, source, cue_class, span in seen:
                    if cue == (c.cue_start, c.cue_end) and content == (c.content_start, c.content_end):
                        found = {"text": doc.clean_text, "sentence": span, "content": content, "cue": cue,
                                 "source": source, "cue_class": cue_class}  # fmt: skip
                        break
            out.append(found)
        return out
    finally:
        claims_extract.claim_rejects = original


def examples(split: str, cache: Path | None) -> tuple[list[dict], list[int], list[int]]:
    lines = labelled_lines(split)
    if cache is not None and cache.is_file():
        parts = json.loads(cache.read_text(encoding="utf-8"))
    else:
        parts = {mode: claim_parts(lines, mode) for mode in ("fast", "accurate")}
        if cache is not None:
            cache.write_text(json.dumps(parts), encoding="utf-8")
    rows, labels, groups, missing = [], [], [], 0
    for mode in ("fast", "accurate"):
        for n, ((_, label, _, _), p) in enumerate(zip(lines, parts[mode], strict=True)):
            if p is None:
                missing += 1
                continue
            rows.append(p)
            labels.append(label)
            groups.append(n)
    print(f"{split}: {len(lines)} lines, {len(rows)} examples over both modes, {missing} without the speaker's claim")
    return rows, labels, groups


def featurise(rows: list[dict], lex, vectors) -> tuple[list[list[str]], np.ndarray]:
    sparse, dense = [], []
    for r in rows:
        parts = ClaimParts(
            tuple(r["sentence"]),
            tuple(r["content"]),
            tuple(r["cue"]),
            tuple(r["source"]) if r["source"] else None,
            r["cue_class"],
        )
        sparse.append(sparse_features(r["text"], parts, lex))
        dense.append(dense_features(r["text"], parts, vectors))
    return sparse, np.stack(dense)


def train(sparse: list[list[str]], dense: np.ndarray, labels: np.ndarray) -> tuple[list[str], np.ndarray, float]:
    features = sorted({f for fs in sparse for f in fs})
    index = {f: i for i, f in enumerate(features)}
    x = np.zeros((len(sparse), len(features) + dense.shape[1]), dtype=np.float32)
    for i, fs in enumerate(sparse):
        x[i, [index[f] for f in set(fs)]] = 1.0
    x[:, len(features) :] = dense
    w, b, n = np.zeros(x.shape[1], dtype=np.float64), 0.0, len(labels)
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = x.T @ (p - labels) / n + 2 * L2 / n * w
        w -= RATE * grad
        b -= RATE * float((p - labels).mean())
    return features, w.astype(np.float32), b


# A rejection the model alone finds turns a claim into a denial that meets assertions in the disputes
# step; a false one is a false dispute. So the threshold is the lowest whose out-of-fold precision on train
# reaches this (5-fold CV, a line's two modes in one fold).
MIN_PRECISION = 0.85
THRESHOLDS = [round(0.40 + 0.05 * i, 2) for i in range(9)]


def choose_threshold(sparse: list[list[str]], dense: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    oof = np.zeros(len(y))
    for k in range(5):
        held = groups % 5 == k
        features, w, b = train([f for f, h in zip(sparse, held) if not h], dense[~held], y[~held])
        index = {f: i for i, f in enumerate(features)}
        for j in np.flatnonzero(held):
            ids = list({index[f] for f in sparse[j] if f in index})
            oof[j] = 1.0 / (1.0 + np.exp(-(b + w[ids].sum() + w[len(features) :] @ dense[j])))
    for t in THRESHOLDS:
        chosen = oof >= t
        tp, made = int((chosen & (y > 0.5)).sum()), int(chosen.sum())
        print(f"  threshold {t:.2f}: out-of-fold precision {tp / max(made, 1):.3f} recall {tp / max(y.sum(), 1):.3f}")
        if made and tp / made >= MIN_PRECISION:
            return t
    return THRESHOLDS[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parts-cache", type=Path, help="keep the claims' parts here (a JSON file) between runs")
    args = ap.parse_args()
    lex, vectors = load_lexicon("en"), WordVectors(STATIC_MODEL_DIR)
    rows, labels, groups = examples("train", args.parts_cache)
    sparse, dense = featurise(rows, lex, vectors)
    y = np.array(labels, dtype=np.float64)
    threshold = choose_threshold(sparse, dense, y, np.array(groups))
    features, weights, bias = train(sparse, dense, y)
    npz, meta = model_files()
    np.savez_compressed(str(npz), weights=weights)
    info = {"features": features, "bias": bias, "threshold": threshold, "dense_dim": int(dense.shape[1] // 2),
            "examples": len(labels), "rejections": int(y.sum())}  # fmt: skip
    Path(str(meta)).write_text(json.dumps(info, indent=0) + "\n", encoding="utf-8")
    top = np.argsort(-weights[: len(features)])
    print("strongest for a rejection:", ", ".join(features[i] for i in top[:15]))
    print("strongest against:", ", ".join(features[i] for i in top[::-1][:15]))
    print(f"wrote {npz} ({len(features)} named features, {len(labels)} examples)")


if __name__ == "__main__":
    main()
