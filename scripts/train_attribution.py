"""Train the learned attribution model (claims/attribution_model.py) on PolNeAR train; score it on dev.

    .venv/bin/python scripts/train_attribution.py [--shared ../shared] [--cache /tmp/attr-cache] [--out DIR]

CPU only, a few minutes: the sentences (split as the pipeline splits them) are parsed once with the
pinned spaCy parser (events/parse.py) and the parses cached under --cache; then two logistic
regressions (sklearn) are fitted over hashed features (claims/attribution_features.py):

- the cue head on every word of every train sentence (part of a gold cue or not), with the static
  MiniLM vector of the word and its contextual state as dense features: the shared MiniLM graph's
  ``token_states`` of the sentence (computed once and cached under --cache as {split}.states.npz),
  projected on --context principal directions of the cue rows (attribution_model.project_states);
- the role head on every (gold cue head, word of its sentence) pair: source, content or neither.

The cue thresholds (for words the cue lexicons list, and for the others) are chosen by decoding every
6th train text (the model's attributions with the rules' where the model has none, as accurate mode
runs them), never on dev.
The vocabulary that selects the sentences to parse at run time is every word seen in a gold cue at
least twice in train. Writes attribution_model.{npz,json} into --out (default: the package's models).
Dev (PolNeAR dev, first annotator per text) is only scored, with bench/claimgraph_eval/polnear.py.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from claimgraph.claims.attribution_features import (  # noqa: E402
    cue_candidate,
    cue_features,
    quote_depth,
    role_features,
)
from claimgraph.claims.attribution_model import (  # noqa: E402
    MODEL_NAME,
    AttributionModel,
    model_attributions,
    project_states,
    with_rules,
)
from claimgraph.claims.lexicon import load_lexicon  # noqa: E402
from claimgraph.events.features import HASH_DIM, WordVectors, bucket  # noqa: E402
from claimgraph.link.embeddings import STATIC_MODEL_DIR  # noqa: E402
from claimgraph.nlp.sentences import sentence_spans  # noqa: E402
from claimgraph_eval.polnear import load_split, score  # noqa: E402

VOCABULARY_RATE = 0.05
LISTED_GRID = (0.3, 0.4, 0.5)
UNLISTED_GRID = (0.4, 0.55, 0.7)
CONTEXT_DIMS = 64  # principal directions of the MiniLM token states fed to the cue head
NEGATIVE_KEEP = 0.35  # share of non-verb, non-noun negative cue rows kept (the rest add little but time)


def parsed_split(shared: Path, split: str, cache: Path):
    """[(Annotated, sentence spans, [spaCy doc per sentence])], parsed once and cached."""
    from spacy.tokens import DocBin

    from claimgraph.events.parse import SentenceParses, load_parser

    docs = load_split(shared / "datasets" / "polnear" / split)
    path = cache / f"{split}.pkl"
    if path.is_file():
        stored = {name: (spans, data) for name, spans, data in pickle.loads(path.read_bytes())}
    else:
        parses = SentenceParses(load_parser())
        stored = {}
        for d in docs:
            spans = sentence_spans(d.text, "en")
            bin_ = DocBin(attrs=["ORTH", "TAG", "POS", "DEP", "HEAD", "SPACY"])
            for sdoc in parses.parse(d.text, spans):
                bin_.add(sdoc)
            stored[d.name] = (spans, bin_.to_bytes())
        cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps([(n, s, b) for n, (s, b) in stored.items()]))
    import spacy

    vocab = spacy.blank("en").vocab
    out = []
    for d in docs:
        if d.name in stored:
            spans, data = stored[d.name]
            out.append((d, spans, list(DocBin().from_bytes(data).get_docs(vocab))))
    return out


def token_states(items, split: str, cache: Path) -> list[list[np.ndarray]]:
    """Per text of ``items``, per sentence: the (tokens, 384) float16 states of the shared MiniLM's
    ``token_states`` layer for the sentence's spaCy tokens (each word the mean of its pieces, as
    ``AttributionModel.context`` computes them at run time), computed once and cached under --cache."""
    path = cache / f"{split}.states.npz"
    names = [d.name for d, _, _ in items]
    if path.is_file():
        stored = np.load(path, allow_pickle=False)
        if list(stored["names"]) == names:
            flat, lengths = stored["states"], stored["lengths"]
            per_text = stored["sentences"]
            return _split_states(flat, lengths, per_text)
    from claimgraph.link.embeddings import Embedder

    encoder = Embedder("accurate")._encoder
    rows, lengths, per_text = [], [], []
    started = time.time()
    for n, (_doc, _spans, sdocs) in enumerate(items):
        for sdoc in sdocs:
            rows.append(encoder.token_states([t.text for t in sdoc]).astype(np.float16))
            lengths.append(len(sdoc))
        per_text.append(len(sdocs))
        if n % 100 == 0:
            print(f"  token states: {n}/{len(items)} texts ({time.time() - started:.0f} s)", flush=True)
    flat = np.concatenate(rows) if rows else np.zeros((0, 384), dtype=np.float16)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, names=np.array(names), states=flat, lengths=np.array(lengths), sentences=np.array(per_text))
    return _split_states(flat, np.array(lengths), np.array(per_text))


def _split_states(flat: np.ndarray, lengths: np.ndarray, per_text: np.ndarray) -> list[list[np.ndarray]]:
    ends = np.cumsum(lengths)
    sentences = [flat[e - n : e] for e, n in zip(ends, lengths)]
    out, k = [], 0
    for n in per_text:
        out.append(sentences[k : k + n])
        k += n
    return out


def _overlaps(a: int, b: int, spans) -> bool:
    return any(s < b and a < e for s, e in spans)


def rows_of(items, lex, vectors, rng, states=None):
    """(cue rows, static vectors, labels[, token states]), (role rows, labels); ``states`` (``token_states``
    of ``items``) adds each cue row's MiniLM state (float16) as a fourth element."""
    cue_rows, cue_dense, cue_y, cue_states = [], [], [], []
    role_rows, role_y = [], []
    for n, (doc, spans, sdocs) in enumerate(items):
        gold_cues = [s for g in doc.attributions for s in g.cue]
        for k, ((start, _end), sdoc) in enumerate(zip(spans, sdocs)):
            quotes = quote_depth(sdoc)
            off = [(start + t.idx, start + t.idx + len(t.text)) for t in sdoc]
            for t in sdoc:
                if not cue_candidate(t):
                    continue
                y = int(_overlaps(*off[t.i], gold_cues))
                if not y and not t.tag_.startswith(("VB", "NN")) and rng.random() > NEGATIVE_KEEP:
                    continue
                cue_rows.append(cue_features(t, quotes, lex))
                cue_dense.append(vectors.word(t.lower_))
                cue_y.append(y)
                if states is not None:
                    cue_states.append(states[n][k][t.i])
            for g in doc.attributions:
                inside = [t for t in sdoc if _overlaps(*off[t.i], g.cue)]
                if not inside or not (start <= g.cue[0][0] < _end):
                    continue
                ids = {t.i for t in inside}
                head = next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[0])
                all_cues = {t.i for t in sdoc if _overlaps(*off[t.i], gold_cues)}
                for t in sdoc:
                    if t.i in ids:
                        continue
                    y = 2 if _overlaps(*off[t.i], g.content) else 1 if _overlaps(*off[t.i], g.source) else 0
                    role_rows.append(role_features(head, t, quotes, all_cues))
                    role_y.append(y)
    cue = (cue_rows, np.array(cue_dense, dtype=np.float32), np.array(cue_y))
    if states is not None:
        cue += (np.array(cue_states, dtype=np.float16),)
    return cue, (role_rows, np.array(role_y))


def fit_projection(states: np.ndarray, k: int, rng) -> dict[str, np.ndarray]:
    """The context arrays of ``attribution_model.project_states``: the mean and spread of the cue rows'
    token states, their first k principal directions (on at most 40,000 rows) and each one's spread."""
    sample = states[rng.choice(len(states), size=min(len(states), 40_000), replace=False)].astype(np.float32)
    mean, sd = sample.mean(axis=0), sample.std(axis=0) + 1e-6
    _, singular, vt = np.linalg.svd((sample - mean) / sd, full_matrices=False)
    return {
        "mean": mean,
        "sd": sd,
        "basis": vt[:k].T.astype(np.float32),
        "scale": (singular[:k] / np.sqrt(len(sample))).astype(np.float32),
    }


def use_cached_states(model: AttributionModel, items, states) -> None:
    """Give ``model`` the cached token states of ``items``' sentences (by the parse's identity) in place of
    an encoder call per sentence: the same numbers (float16), without minutes of encoding per decoding."""
    if model.context is None or states is None:
        return
    lookup = {id(sdoc): st for (_, _, sdocs), per in zip(items, states) for sdoc, st in zip(sdocs, per)}

    def cached(sdoc, rows=None):  # AttributionModel.states: every token's rows, or those of ``rows``
        found = lookup[id(sdoc)].astype(np.float32)
        return found if rows is None else found[rows]

    model.states = cached


def matrix(rows, dense=None):
    from scipy.sparse import csr_matrix, hstack

    indptr, indices = [0], []
    for row in rows:
        indices.extend(bucket(f) for f in row)
        indptr.append(len(indices))
    m = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), HASH_DIM))
    m.sum_duplicates()
    return hstack([m, csr_matrix(dense)]).tocsr() if dense is not None else m


def fit(x, y, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=400)
    model.fit(x, y)
    return model


def choose_thresholds(directory: Path, items, lex, states=None) -> tuple[float, float]:
    """The cue thresholds (listed cue words, words the lexicons do not list) with the best mean of the
    source, cue and content token F1 and the partial match, decoded on every 6th TRAIN text."""
    model = AttributionModel.load(directory)
    sample = items[::6]
    use_cached_states(model, sample, states[::6] if states is not None else None)
    best, best_score = (0.5, 0.5), -1.0
    for listed in LISTED_GRID:
        for unlisted in UNLISTED_GRID:
            if unlisted < listed:
                continue
            model.cue_threshold, model.unlisted_threshold = listed, unlisted
            scores = score([d for d, _, _ in sample], predict(model, sample, lex))
            mean = sum(s.f1 for s in scores if s.name != "attribution exact") / 4
            print(f"  thresholds {listed:.2f} / {unlisted:.2f}: train sample mean F1 {100 * mean:.1f}", flush=True)
            if mean > best_score:
                best, best_score = (listed, unlisted), mean
    return best


def predict(model: AttributionModel, items, lex) -> list[list]:
    out = []
    for doc, spans, sdocs in items:
        parsed = {k: sd for k, (sd, (s, e)) in enumerate(zip(sdocs, spans)) if model.is_candidate(doc.text, s, e)}
        found, absorbed = model_attributions(doc.text, spans, parsed, model, lex)
        found, _ = with_rules(doc.text, spans, found, absorbed, lex)
        out.append([a for atts in found for a in atts])
    return out


def cue_vocabulary(cue_rows, cue_y) -> tuple[list[str], list[str]]:
    """(the words the cue head scores besides verbs: in a cue at least twice and in one at least
    VOCABULARY_RATE of the times they occur; the gate: those of them mostly a verb, noun or adjective in
    a cue, for which a sentence is parsed at run time ("a", "about" select nothing))."""
    seen, in_cue, as_content = Counter(), Counter(), Counter()
    for row, y in zip(cue_rows, cue_y):
        word = row[1][2:]
        seen[word] += 1
        in_cue[word] += int(y)
        as_content[word] += int(y and row[3].startswith(("tag=VB", "tag=NN", "tag=JJ")))
    vocab = sorted(w for w, n in in_cue.items() if n >= 2 and n >= VOCABULARY_RATE * seen[w] and w.isalpha())
    return vocab, [w for w in vocab if 2 * as_content[w] > in_cue[w]]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/attr-cache"))
    ap.add_argument("--out", type=Path, default=REPO / "src" / "claimgraph" / "data" / "models")
    ap.add_argument("--c-cue", type=float, default=0.5)
    ap.add_argument("--c-role", type=float, default=0.5)
    ap.add_argument("--no-dense", action="store_true", help="the cue head without the static word vectors")
    ap.add_argument(
        "--context",
        type=int,
        default=CONTEXT_DIMS,
        help="principal directions of the MiniLM token states the cue head reads (0: none)",
    )
    ap.add_argument("--evaluate-only", action="store_true", help="score the model in --out on dev, no training")
    ap.add_argument(
        "--thresholds-only",
        action="store_true",
        help="choose the cue thresholds of the model in --out again on train (after a change of decoding), no fitting",
    )
    args = ap.parse_args(argv)
    started = time.time()
    lex = load_lexicon("en")
    if args.evaluate_only:
        evaluate(args, lex)
        return 0
    train = parsed_split(args.shared, "train", args.cache)
    print(f"train: {len(train)} texts parsed ({time.time() - started:.0f} s)", flush=True)
    states = token_states(train, "train", args.cache) if args.context else None
    if args.thresholds_only:
        write_thresholds(args.out, train, lex, states)
        evaluate(args, lex)
        return 0
    if args.no_dense and args.context:
        ap.error("--no-dense needs --context 0: the contextual features sit beside the static vectors")
    fit_model(train, lex, states, args.out, args.context, args.c_cue, args.c_role, not args.no_dense)
    write_thresholds(args.out, train, lex, states)
    print(f"wrote {args.out}/{MODEL_NAME}.* ({time.time() - started:.0f} s)")
    evaluate(args, lex)
    return 0


def fit_model(items, lex, states, out: Path, context_dims: int, c_cue=0.5, c_role=0.5, static=True) -> None:
    """Fit the two heads on ``items`` (with their ``token_states`` when ``context_dims``) and write
    attribution_model.{npz,json} into ``out`` (cue thresholds 0.5 until ``write_thresholds``)."""
    started = time.time()
    vectors = WordVectors(STATIC_MODEL_DIR)
    rng = np.random.default_rng(0)
    cue, (role_rows, role_y) = rows_of(items, lex, vectors, rng, states if context_dims else None)
    cue_rows, cue_dense, cue_y = cue[:3]
    print(f"rows: cue {len(cue_y)} ({cue_y.sum()} cue words), role {len(role_y)}", flush=True)
    dense = cue_dense if static else None
    context = None
    if context_dims:
        context = fit_projection(cue[3], context_dims, rng)
        projected = project_states(cue[3].astype(np.float32), context).astype(np.float32)
        dense = np.hstack([dense, projected])
    cue_model = fit(matrix(cue_rows, dense), cue_y, c_cue)
    print(f"cue head fitted ({time.time() - started:.0f} s)", flush=True)
    role_model = fit(matrix(role_rows), role_y, c_role)
    print(f"role head fitted ({time.time() - started:.0f} s)", flush=True)
    vocab, gate = cue_vocabulary(cue_rows, cue_y)
    arrays = {
        "cue_sparse": cue_model.coef_[:, :HASH_DIM].T.astype(np.float16),
        "cue_bias": cue_model.intercept_.astype(np.float32),
        "role_sparse": role_model.coef_.T.astype(np.float16),
        "role_bias": role_model.intercept_.astype(np.float32),
    }
    if dense is not None:
        arrays["cue_dense"] = cue_model.coef_[:, HASH_DIM:].T.astype(np.float16)
    if context is not None:
        arrays.update({f"context_{k}": v.astype(np.float32) for k, v in context.items()})
    meta = {
        "hash_dim": HASH_DIM,
        "cue_threshold": 0.5,
        "unlisted_cue_threshold": 0.5,
        "vocabulary": vocab,
        "gate": gate,
        "trained_on": "PolNeAR train (first annotator per text)",
        "c": {"cue": c_cue, "role": c_role},
        "context_dims": context_dims,
    }
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / f"{MODEL_NAME}.npz", **arrays)
    (out / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def write_thresholds(directory: Path, train, lex, states=None) -> None:
    """Choose the cue thresholds on train (``choose_thresholds``) and write them into the model's json."""
    path = directory / f"{MODEL_NAME}.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["cue_threshold"], meta["unlisted_cue_threshold"] = choose_thresholds(directory, train, lex, states)
    path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"thresholds {meta['cue_threshold']} / {meta['unlisted_cue_threshold']}", flush=True)


def evaluate(args, lex) -> None:
    model = AttributionModel.load(args.out)
    dev = parsed_split(args.shared, "dev", args.cache)
    use_cached_states(model, dev, token_states(dev, "dev", args.cache) if model.context is not None else None)
    predictions = predict(model, dev, lex)
    print(f"\nPolNeAR dev: {len(dev)} texts")
    for s in score([d for d, _, _ in dev], predictions):
        print(f"{s.name:<22}{100 * s.precision:7.1f}{100 * s.recall:7.1f}{100 * s.f1:7.1f}")


if __name__ == "__main__":
    raise SystemExit(main())
