"""Train claimgraph's re3d entity-type tagger (a CRF) and write it into the package data.

    .venv/bin/python scripts/train_entities.py   # reuse shipped clusters, select c1/c2 by CV, train, score dev
    .venv/bin/python scripts/train_entities.py --build-clusters # also rebuild the word clusters from unlabelled text
    .venv/bin/python scripts/train_entities.py --ablations      # also cross-validate feature ablations (for the card)
    .venv/bin/python scripts/train_entities.py --cues-only      # only rewrite the fast-mode cue list

Steps, all deterministic (fixed seeds, fixed fold order):
1. (optional) word clusters: k-means at three granularities over PPMI-SVD context vectors of
   lower-cased words in public unlabelled text from ../shared/datasets (FNC-1 article bodies,
   SATP train reports, MUC-4 train reports, PolNeAR train articles). No re3d text is used.
2. model selection by 5-fold contiguous cross-validation on re3d train.txt (macro span F1).
3. the chosen configuration is trained on all of train.txt and written to
   src/claimgraph/data/models/; dev.txt is scored once, for the report only.
Also (before step 2) the fast-mode cue list, entity_cues.txt, from the lexicons and train.txt.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pycrfsuite
from scipy import sparse
from scipy.sparse.linalg import svds

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))  # claimgraph_eval

from claimgraph.entities import ner  # noqa: E402
from claimgraph_eval.conll import read_conll  # noqa: E402
from claimgraph_eval.metrics import score_spans  # noqa: E402

MODELS_DIR = REPO / "src" / "claimgraph" / "data" / "models"
SEED = 13
CLUSTER_SIZES = (64, 256, 1024)  # coarse to fine: features c0, c1, c2
CLUSTER_VOCAB = 40000
CONTEXT_VOCAB = 3000
SVD_DIM = 100


# --------------------------------------------------------------------------- data


def unlabelled_texts(shared: Path):
    """Public unlabelled news-like text for word clusters (no re3d text)."""
    ds = shared / "datasets"
    csv.field_size_limit(sys.maxsize)
    with open(ds / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield row["articleBody"]
    with open(ds / "satp_relevant" / "train.tsv", encoding="utf-8") as fh:
        for line in fh:
            yield line.split("\t", 1)[0]
    for doc in json.loads((ds / "muc4" / "train.json").read_text(encoding="utf-8")).values():
        yield doc["doc"]
    for path in sorted((ds / "polnear" / "train" / "text").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- clusters


def spherical_kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 25) -> np.ndarray:
    """Cluster unit rows of ``x`` by cosine; k-means++ seeding on a sample for speed."""
    n = x.shape[0]
    sample = x[rng.choice(n, size=min(n, 20 * k), replace=False)]
    centres = [sample[rng.integers(len(sample))]]
    dist = 1.0 - sample @ centres[0]
    for _ in range(1, k):
        p = np.maximum(dist, 0) ** 2
        idx = rng.choice(len(sample), p=p / p.sum()) if p.sum() > 0 else rng.integers(len(sample))
        centres.append(sample[idx])
        dist = np.minimum(dist, 1.0 - sample @ sample[idx])
    c = np.stack(centres)
    assign = np.zeros(n, dtype=np.int64)
    for _ in range(iters):
        assign = np.argmax(x @ c.T, axis=1)
        sums = np.zeros_like(c)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = c[empty]
        norms[empty] = 1.0
        c = sums / norms
    return assign


def context_vectors(shared: Path) -> tuple[list[str], np.ndarray]:
    """Unit-length PPMI-SVD context vectors for the frequent words of the unlabelled text."""
    counts: collections.Counter[str] = collections.Counter()
    docs = []
    for text in unlabelled_texts(shared):
        toks = [ner.cluster_key(t[2]) for t in ner.tokenize(text)]
        docs.append(toks)
        counts.update(toks)
    n_tokens = sum(counts.values())
    vocab = [w for w, c in counts.most_common(CLUSTER_VOCAB) if c >= 3]
    index = {w: i for i, w in enumerate(vocab)}
    ctx_index = {w: i for i, w in enumerate(vocab[:CONTEXT_VOCAB])}
    print(f"clusters: {len(docs)} texts, {n_tokens} tokens, {len(vocab)} words", flush=True)
    # context columns: word at -1, word at +1, and either word at distance 2 (three blocks)
    rows, cols = [], []
    for toks in docs:
        ids = np.array([index.get(t, -1) for t in toks])
        cids = np.array([ctx_index.get(t, -1) for t in toks])
        for offset, block in ((-1, 0), (1, 1), (-2, 2), (2, 2)):
            if len(toks) <= abs(offset):
                continue
            if offset < 0:
                w, c = ids[-offset:], cids[:offset]
            else:
                w, c = ids[:-offset], cids[offset:]
            keep = (w >= 0) & (c >= 0)
            rows.append(w[keep])
            cols.append(c[keep] + block * CONTEXT_VOCAB)
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = sparse.csr_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), 3 * CONTEXT_VOCAB))
    m.sum_duplicates()
    # positive PMI with context-distribution smoothing (alpha 0.75)
    total = m.sum()
    row_p = np.asarray(m.sum(axis=1)).ravel() / total
    col_c = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p = col_c / col_c.sum()
    coo = m.tocoo()
    pmi = np.log((coo.data / total) / (row_p[coo.row] * col_p[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    u, s, _ = svds(ppmi, k=SVD_DIM, random_state=SEED)
    vecs = u * np.sqrt(s)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    return vocab, vecs


def build_clusters(shared: Path, out: Path) -> None:
    t0 = time.time()
    vocab, vecs = context_vectors(shared)
    rng = np.random.default_rng(SEED)
    assignments = [spherical_kmeans(vecs, k, rng) for k in CLUSTER_SIZES]
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(
            f"# word clusters (k={','.join(map(str, CLUSTER_SIZES))}) from scripts/train_entities.py "
            "--build-clusters; text: FNC-1 bodies, SATP train, MUC-4 train, PolNeAR train\n"
        )
        for i, w in enumerate(vocab):
            if "\t" in w or not w.strip():
                continue
            fh.write(w + "\t" + "\t".join(str(a[i]) for a in assignments) + "\n")
    print(f"clusters: wrote {out} in {time.time() - t0:.0f} s", flush=True)


# --------------------------------------------------------------------------- CRF


def featurise(sentences, lexicons, clusters):
    """(words, CRF features, gold labels) per sentence."""
    extract = ner.FeatureExtractor(lexicons, clusters)
    return [(words, extract(words), labels) for words, labels in sentences]


def train_crf(data, params: dict, path: str) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for _, xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.select(params.get("algorithm", "lbfgs"))
    trainer.set_params({k: v for k, v in params.items() if k != "algorithm"})
    trainer.train(path)


def predict(path: str, data) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return [ner.repair_number_spans(words, tagger.tag(xseq)) for words, xseq, _ in data]


def _cv_job(args) -> list[list[str]]:
    fold, train, held, params, workdir = args
    path = str(Path(workdir) / f"cv_{fold}_{abs(hash(json.dumps(params, sort_keys=True)))}.crfsuite")
    train_crf(train, params, path)
    pred = predict(path, held)
    Path(path).unlink()
    return pred


def cross_validate(data, params: dict, folds: int, workdir: Path, pool) -> float:
    """Macro F1 over contiguous folds (sentences of one article stay together)."""
    bounds = np.linspace(0, len(data), folds + 1).astype(int)
    jobs = []
    for f in range(folds):
        lo, hi = bounds[f], bounds[f + 1]
        jobs.append((f, data[:lo] + data[hi:], data[lo:hi], params, str(workdir)))
    preds = list(pool.map(_cv_job, jobs))
    gold = [y for f in range(folds) for _, _, y in data[bounds[f] : bounds[f + 1]]]
    pred = [y for p in preds for y in p]
    return score_spans(gold, pred)[1]


def print_scores(title: str, gold, pred) -> float:
    scores, macro = score_spans(gold, pred)
    print(f"\n{title}")
    print(f"{'type':<18}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
    for s in scores:
        print(f"{s.type:<18}{100 * s.precision:7.1f}{100 * s.recall:7.1f}{100 * s.f1:7.1f}{s.gold:6d}{s.predicted:6d}")
    print(f"{'macro F1':<18}{'':>14}{100 * macro:7.1f}")
    return macro


def write_cues(train, lexicons: ner.Lexicons, out: Path) -> None:
    """The cue phrases of fast mode: the CUE_LEXICONS' phrases, less the one-word ones that re3d
    train shows inside an entity span less than half the time it has them (at least 3 times):
    qualifiers such as "about", "over", "since" and generic nouns such as "report" would open a
    tagging window around most sentences of news and find little there."""
    inside: collections.Counter[str] = collections.Counter()
    seen: collections.Counter[str] = collections.Counter()
    for words, labels in train:
        for word, label in zip(words, labels):
            key = ner.lexicon_key(word)
            seen[key] += 1
            inside[key] += label != "O"
    kept, dropped = [], []
    for name in ner.CUE_LEXICONS:
        for phrase in lexicons.phrases.get(name, ()):
            keys = [ner.lexicon_key(t[2]) for t in ner.tokenize(phrase)]
            weak = len(keys) == 1 and seen[keys[0]] >= 3 and inside[keys[0]] / seen[keys[0]] < 0.5
            (dropped if weak else kept).append(phrase)
    out.write_text(
        "# fast-mode cue phrases, written by scripts/train_entities.py from the lexicons "
        f"{', '.join(ner.CUE_LEXICONS)}\n# and re3d train ({len(dropped)} weak one-word cues left out)\n"
        + "".join(sorted(set(p + "\n" for p in kept))),
        encoding="utf-8",
    )
    print(f"cues: wrote {out} ({len(set(kept))} phrases, {len(dropped)} left out)", flush=True)


BASE_PARAMS = {"max_iterations": 200, "feature.possible_transitions": True, "feature.minfreq": 1}
GRID = [{"c1": c1, "c2": c2} for c1 in (0.0, 0.05, 0.2) for c2 in (0.05, 0.2, 0.5, 1.0)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared folder holding datasets/ (default: ../shared beside the repo)",
    )
    ap.add_argument("--build-clusters", action="store_true", help="rebuild the word clusters from unlabelled text")
    ap.add_argument("--ablations", action="store_true", help="also cross-validate feature ablations")
    ap.add_argument("--cues-only", action="store_true", help="only rewrite the fast-mode cue list (no training)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)

    re3d = args.shared / "datasets" / "re3d"
    if not (re3d / "train.txt").is_file():
        print(f"error: {re3d / 'train.txt'} not found; pass --shared PATH to the shared folder", file=sys.stderr)
        return 2
    clusters_path = MODELS_DIR / ner.CLUSTERS_FILE
    if args.build_clusters or not clusters_path.exists():
        build_clusters(args.shared, clusters_path)
    clusters = ner.read_clusters(clusters_path)
    lexicons = ner.Lexicons.from_dir(REPO / "src" / "claimgraph" / "data" / "lexicons" / "ner")

    try:
        train = read_conll(re3d / "train.txt")
        dev = read_conll(re3d / "dev.txt")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"re3d: {len(train)} train sentences, {len(dev)} dev sentences", flush=True)
    write_cues(train, lexicons, MODELS_DIR / ner.CUES_FILE)
    if args.cues_only:
        return 0
    workdir = MODELS_DIR / ".work"
    workdir.mkdir(exist_ok=True)
    full = featurise(train, lexicons, clusters)

    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = []
        for g in GRID:
            params = {**BASE_PARAMS, **g}
            f1 = cross_validate(full, params, args.folds, workdir, pool)
            results.append((f1, g))
            print(f"cv  lbfgs c1={g['c1']:<5} c2={g['c2']:<5} macro F1 {100 * f1:.1f}", flush=True)
        best_f1, best = max(results, key=lambda r: r[0])
        params = {**BASE_PARAMS, **best}
        print(f"selected c1={best['c1']} c2={best['c2']} (cv macro F1 {100 * best_f1:.1f})", flush=True)

        if args.ablations:
            empty = ner.Lexicons({})
            variants = {
                "no clusters": featurise(train, lexicons, {}),
                "no lexicons": featurise(train, empty, clusters),
                "no clusters, no lexicons": featurise(train, empty, {}),
            }
            for name, data in variants.items():
                f1 = cross_validate(data, params, args.folds, workdir, pool)
                print(f"cv  ablation {name:<26} macro F1 {100 * f1:.1f}", flush=True)

    model_path = MODELS_DIR / ner.MODEL_FILE
    train_crf(full, params, str(model_path))
    workdir.rmdir()
    print(f"wrote {model_path} ({model_path.stat().st_size / 1e6:.1f} MB)")
    dev_data = featurise(dev, lexicons, clusters)
    print_scores("dev (train-only model)", [y for _, _, y in dev_data], predict(str(model_path), dev_data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
