"""Stance of a text towards a claim: agree / disagree / discuss / unrelated, with a probability.

Trained on FNC-1 (headline = claim, article body = text) by scripts/train_stance.py with
scikit-learn; the card is docs/models/stance.md. The model ships as arrays (vocabulary, idf, tree
nodes) that link/tfidf.py and link/trees.py apply in numpy with scikit-learn's exact results, so
predicting needs no scikit-learn. Two gradient-boosted stages over features computed here on CPU:

1. related vs unrelated, from lexical (TF-IDF, word and bigram overlap) and embedding similarity
   between the claim and the text as a whole and its best-matching sentences;
2. agree / disagree / discuss for related pairs, adding counts of refuting, hedging and negation
   cues (data/models/stance_cues.yaml) in the best-matching sentences and in the whole text, the
   cues that stand beside the claim's own words (the focus features), learned cue words, and the
   claim's and best sentences' embeddings; its probabilities are multiplied by per-class factors
   chosen by cross-validation on training stories (disagree is rare).

``pair_features`` is shared by training and prediction, so the two cannot drift apart. Work that
depends on one text only (sentences, vectors, cue counts) is done once per distinct text.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph.yamlfiles import load_yaml, parsed_while_unchanged

from ..errors import ClaimgraphError
from ..nlp.sentences import sentence_spans
from ..nlp.tokens import stance_tokens
from .embeddings import Embedder
from .ngrams import LinearNgrams
from .tfidf import Tfidf, english_stop_words
from .trees import BoostedTrees

MODELS_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
MODEL_PATH = MODELS_DIR / "stance_fnc1.npz"  # features from fast embeddings
ACCURATE_MODEL_PATH = MODELS_DIR / "stance_fnc1_accurate.npz"  # features from all-MiniLM-L6-v2
# The layout of the .npz (scripts/export_stance.py writes it); its .json header names the one it has.
MODEL_FORMAT = "arrays-3"
CUES_PATH = MODELS_DIR / "stance_cues.yaml"
LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS: tuple[str, ...] = ("agree", "disagree", "discuss")
# Longer texts are cut: FNC-1 bodies average ~20 sentences and the evidence sits early.
MAX_SENTENCES = 60
TOP_K = 3  # best-matching sentences whose cues are counted
LEARNED_TOP_K = 5  # best-matching sentences whose learned cue words are counted
NEAR_WINDOW = 6  # tokens either side of a claim word within which a cue counts as "near" it
SECOND_STAGE_MIN = 0.05  # P(related) below which agree/disagree/discuss are not computed

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class StanceModelError(ClaimgraphError):
    """The shipped stance model cannot be loaded in this environment."""


@dataclass(frozen=True)
class Cues:
    refuting: frozenset[str]
    hedging: frozenset[str]
    negation: frozenset[str]
    number_words: dict[str, float]
    sha1: str


def load_cues(path: Path = CUES_PATH) -> Cues:
    """The cue words at ``path``, parsed once per process while the file stays the same (the stance
    model, the relation step and polarity checks all ask for them)."""
    return _parsed_cues(path)


@parsed_while_unchanged
def _parsed_cues(path: Path) -> Cues:
    raw = path.read_bytes()
    data = load_yaml(raw)
    for key in ("refuting", "hedging", "negation"):
        odd = [w for w in data[key] if not isinstance(w, str)]
        if odd:  # YAML reads bare no/false/yes as booleans
            raise StanceModelError(f"{path}: {key} has non-word entries {odd!r}; quote them")
    # the hash covers the word lists, not comments or layout
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return Cues(
        frozenset(data["refuting"]),
        frozenset(data["hedging"]),
        frozenset(data["negation"]),
        {k: float(v) for k, v in data["number_words"].items()},
        hashlib.sha1(canonical).hexdigest(),
    )


def is_negation(token: str, cues: Cues) -> bool:
    return token in cues.negation or token.endswith("n't")


def numbers(text: str, cues: Cues | None = None) -> set[float]:
    """Figures written in digits ("4,000", "12") or as number words ("five")."""
    cues = cues or load_cues()
    found = set()
    for m in _NUMBER.finditer(text):
        digits = m.group().replace(",", "")
        try:
            found.add(float(digits))
        except ValueError:
            continue
    for tok in stance_tokens(text):
        if tok in cues.number_words:
            found.add(cues.number_words[tok])
    return found


def _stop_words() -> frozenset[str]:
    return english_stop_words()


def _content(toks: Sequence[str], stop: frozenset[str]) -> list[str]:
    return [t for t in toks if t not in stop and len(t) > 1]


def _bigrams(toks: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(toks, toks[1:]))


class _Text:
    """What the features need from one text, computed once."""

    __slots__ = (
        "sentences",
        "sentence_tokens",
        "tfidf",
        "vectors",
        "mean_vector",
        "content_sets",
        "content",
        "bigrams",
        "cue_counts",
        "n_tokens",
        "numbers",
        "all_tfidf",
        "learned_counts",
        "stacked",
        "vocabulary",
        "flat_ids",
        "flat_cues",
        "sentence_numbers",
    )


def _prepare_texts(
    texts: Sequence[str],
    vectorizer,
    embedder: Embedder,
    cues: Cues,
    stop: frozenset[str],
    learned: dict[str, int] | None = None,
    text_ngrams: LinearNgrams | None = None,
) -> list[_Text]:
    """Prepare many texts at once: one TF-IDF transform and one embedding call for all sentences
    (per-call overhead, not per-sentence work, dominates for short texts)."""
    all_sentences: list[str] = []
    bounds: list[tuple[int, int]] = []
    for text in texts:
        spans = sentence_spans(text) or [(0, len(text))]
        sentences = [text[s:e] for s, e in spans[:MAX_SENTENCES]]
        bounds.append((len(all_sentences), len(all_sentences) + len(sentences)))
        all_sentences.extend(sentences)
    tfidf = vectorizer.transform(all_sentences)
    whole = vectorizer.transform(list(texts))
    vectors = embedder.encode(all_sentences)
    stacked = text_ngrams.predict_proba(texts) if text_ngrams else np.zeros((len(texts), 0))
    out = []
    for i, (text, (a, b)) in enumerate(zip(texts, bounds)):
        t = _Text()
        t.sentences = all_sentences[a:b]
        t.tfidf = tfidf[a:b]
        t.all_tfidf = whole[i : i + 1]
        t.vectors = vectors[a:b]
        mean = t.vectors.mean(axis=0)
        norm = float(np.linalg.norm(mean))
        t.mean_vector = mean / norm if norm else mean
        sent_tokens = [stance_tokens(s) for s in t.sentences]
        t.sentence_tokens = sent_tokens
        t.content_sets = [set(_content(ts, stop)) for ts in sent_tokens]
        flat = [tok for ts in sent_tokens for tok in ts]
        t.n_tokens = len(flat)
        t.content = set(_content(flat, stop))
        t.bigrams = _bigrams(_content(flat, stop))
        # per sentence: refuting, hedging, negation counts
        t.cue_counts = np.array(
            [
                [
                    sum(tok in cues.refuting for tok in ts),
                    sum(tok in cues.hedging for tok in ts),
                    sum(is_negation(tok, cues) for tok in ts),
                ]
                for ts in sent_tokens
            ],
            dtype=np.float32,
        ).reshape(len(sent_tokens), 3)
        _flatten(t, sent_tokens, cues)
        t.sentence_numbers = {}  # figures per sentence, filled when a sentence is some claim's best
        t.numbers = numbers(text, cues)
        t.stacked = stacked[i]
        # per sentence: counts of each learned cue word (none when the model has no learned words)
        t.learned_counts = np.stack([_cue_vector(ts, learned or {}) for ts in sent_tokens]).reshape(
            len(sent_tokens), len(learned or {})
        )
        out.append(t)
    return out


def _flatten(t: _Text, sent_tokens: list[list[str]], cues: Cues) -> None:
    """The text's tokens as one array of word ids, and whether each is a refuting, hedging, negation
    cue, with NEAR_WINDOW blanks between sentences so that "near" never crosses a sentence end: the
    focus features then take a few array operations per pair."""
    t.vocabulary = {}
    ids: list[int] = []
    flags: list[tuple[bool, bool, bool]] = []
    blank = [(False, False, False)] * NEAR_WINDOW
    for toks in sent_tokens:
        ids += [t.vocabulary.setdefault(tok, len(t.vocabulary)) for tok in toks] + [-1] * NEAR_WINDOW
        flags += [(tok in cues.refuting, tok in cues.hedging, is_negation(tok, cues)) for tok in toks] + blank
    t.flat_ids = np.asarray(ids, dtype=np.int32)
    t.flat_cues = np.asarray(flags, dtype=np.float32).reshape(len(ids), 3)


def _cue_vector(toks: Sequence[str], vocabulary: dict[str, int]) -> np.ndarray:
    out = np.zeros(len(vocabulary), dtype=np.float32)
    for t in toks:
        i = vocabulary.get(t)
        if i is not None:
            out[i] += 1
    return out


def cue_vocabulary(cues: Cues) -> dict[str, int]:
    words = sorted(cues.refuting | cues.hedging | cues.negation)
    return {w: i for i, w in enumerate(words)}


SCALAR_FEATURES = (
    "tfidf_all",
    "tfidf_max",
    "tfidf_mean",
    "tfidf_top3",
    "tfidf_argmax_pos",
    "tfidf_first",
    "emb_mean",
    "emb_max",
    "emb_top3",
    "emb_first",
    "emb_argmax_pos",
    "overlap_content",
    "overlap_bigram",
    "overlap_best_sentence",
    "jaccard_content",
    "claim_refuting",
    "claim_hedging",
    "claim_negation",
    "claim_question",
    "top_refuting",
    "top_hedging",
    "top_negation",
    "first_refuting",
    "first_hedging",
    "first_negation",
    "text_refuting_rate",
    "text_hedging_rate",
    "text_negation_rate",
    "negation_mismatch",
    "claim_numbers",
    "numbers_found",
    "numbers_missing",
    "log_claim_tokens",
    "log_text_tokens",
    "log_sentences",
)


# Scalars added with the learned cue words (model format arrays-2).
EXTRA_SCALARS = ("refuting_mismatch", "hedging_mismatch", "emb_top3_mean_cos")

# Scalars added in model format arrays-3 (the `focus` group): where the text's cues stand relative
# to what the claim says. A debunking body puts "fake", "not", "denied" next to the claim's own
# words, in the sentences most like it; a body that merely reports the rumour hedges there.
FOCUS_SCALARS = (
    "near_refuting",  # cue words within NEAR_WINDOW tokens of a claim word, over the text
    "near_hedging",
    "near_negation",
    "near_refuting_rate",  # the same per 10 claim-word occurrences in the text
    "near_hedging_rate",
    "sim_x_refuting_max",  # max over sentences of (cosine with the claim) x (refuting cues)
    "sim_x_hedging_max",
    "refuting_sentence_sim",  # cosine with the claim of the most similar sentence with a refuting cue
    "refuting_sentence_gap",  # ... minus the best sentence's cosine
    "best_refuting",  # cues in the single sentence most like the claim (by embedding)
    "best_hedging",
    "best_negation",
    "claim_refuting_parity",  # the FNC-1 baseline's polarity: odd number of refuting words
    "text_refuting_parity",
    "best_numbers_conflict",  # claim and best sentence both give figures, none the same
)


@dataclass(frozen=True)
class LearnedCues:
    """Words whose counts the model reads, chosen from FNC-1 training text by scripts/train_stance.py
    (chi-squared against the stance labels, among words found in many distinct headlines or bodies);
    part of the trained model, not a hand list."""

    claim: tuple[str, ...]
    text: tuple[str, ...]

    def claim_index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.claim)}

    def text_index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.text)}


def feature_names(
    dim: int, n_cues: int, learned: LearnedCues | None = None, stacked: bool = False, focus: bool = False
) -> list[str]:
    names = list(SCALAR_FEATURES)
    names += [f"top_cue_{i}" for i in range(n_cues)]
    names += [f"claim_emb_{i}" for i in range(dim)] + [f"best_emb_{i}" for i in range(dim)]
    names += [f"prod_emb_{i}" for i in range(dim)]
    if stacked:
        names += [f"stack_{side}_{label}" for side in ("claim", "text") for label in RELATED_LABELS]
    if learned is not None:
        names += list(EXTRA_SCALARS)
        names += [f"top3_prod_emb_{i}" for i in range(dim)]
        names += [f"learned_claim_{w}" for w in learned.claim]
        names += [f"learned_top_{w}" for w in learned.text]
        names += [f"learned_rate_{w}" for w in learned.text]
    if focus:
        names += list(FOCUS_SCALARS)
    return names


class _EncodedOnce:
    """An embedder that encodes each distinct text once (for one ``features`` call): a claim read both
    ways is encoded as a claim and again as the one sentence of a text. Each text's vector is its own
    whatever the batch (both encoders), so the vectors are the same."""

    def __init__(self, embedder: Embedder, known: dict[str, np.ndarray] | None = None) -> None:
        self.embedder = embedder
        self._rows: dict[str, np.ndarray] = dict(known or {})

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._rows]
        if missing:
            self._rows.update(zip(missing, self.embedder.encode(missing)))
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([self._rows[t] for t in texts])


@dataclass
class _ClaimParts:
    """What the pair features read of the claim side alone (tokens, content words and bigrams, cue
    and negation counts, numbers), made once per distinct claim of a ``features`` call."""

    tokens: list[str]
    content: set[str]
    bigrams: set[tuple[str, str]]
    refuting: int
    hedging: int
    negations: int
    numbers: set[float]
    learned_counts: np.ndarray | None = None  # the learned claim words' counts, made on first use

    @classmethod
    def of(cls, claim: str, stop: frozenset[str], cues: Cues) -> _ClaimParts:
        tokens = stance_tokens(claim)
        content = _content(tokens, stop)
        return cls(
            tokens,
            set(content),
            _bigrams(content),
            sum(t in cues.refuting for t in tokens),
            sum(t in cues.hedging for t in tokens),
            sum(is_negation(t, cues) for t in tokens),
            numbers(claim, cues),
        )


class FeatureExtractor:
    """Turns (claim, text) pairs into the feature matrix both stages read."""

    def __init__(
        self,
        vectorizer: Tfidf,
        embedder: Embedder,
        cues: Cues | None = None,
        learned: LearnedCues | None = None,
        stacked: tuple[LinearNgrams, LinearNgrams] | None = None,
        focus: bool = False,
    ):
        self.vectorizer = vectorizer
        self.embedder = embedder
        self.cues = cues or load_cues()
        self.stop = _stop_words()
        self.cue_vocab = cue_vocabulary(self.cues)
        self.learned = learned
        self.learned_claim = learned.claim_index() if learned else {}
        self.learned_text = learned.text_index() if learned else None
        # the claim-only and text-only n-gram models whose P(agree, disagree, discuss) are features
        self.stacked = stacked
        self.focus = focus
        self.names = feature_names(embedder.dim, len(self.cue_vocab), learned, stacked is not None, focus)

    def features(
        self, pairs: Sequence[tuple[str, str]], cache: dict | None = None, encoded: dict[str, np.ndarray] | None = None
    ) -> np.ndarray:
        """One feature row per (claim, text) pair. ``cache``: prepared texts, kept across calls;
        ``encoded``: text -> its vector from this extractor's embedder, known already (not encoded again)."""
        cache = {} if cache is None else cache
        embedder = _EncodedOnce(self.embedder, encoded)
        new_texts = [t for t in dict.fromkeys(t for _, t in pairs) if t not in cache]
        for start in range(0, len(new_texts), 256):
            chunk = new_texts[start : start + 256]
            prepared = _prepare_texts(
                chunk, self.vectorizer, embedder, self.cues, self.stop, self.learned_text, self._text_ngrams()
            )
            cache.update(zip(chunk, prepared))
        claims = list(dict.fromkeys(c for c, _ in pairs))
        claim_index = {c: i for i, c in enumerate(claims)}
        claim_tfidf = self.vectorizer.transform(claims)
        claim_vectors = embedder.encode(claims)
        cues, stop, focus = self.cues, self.stop, self.focus
        # what the features read of a claim alone, once per claim: a label meets many members
        claim_parts = [_ClaimParts.of(c, stop, cues) for c in claims]
        claim_stacked = self.stacked[0].predict_proba(claims) if self.stacked else None
        dim = self.embedder.dim
        # A dense scratch copy of the claim's TF-IDF row makes each product with a text's rows
        # one array operation.
        scratch = np.zeros(self.vectorizer.width, dtype=np.float32)
        rows = np.zeros((len(pairs), len(self.names)), dtype=np.float32)
        for r, (claim, text) in enumerate(pairs):
            ci = claim_index[claim]
            body = cache[text]
            part = claim_parts[ci]
            ctoks, ccontent, cnums = part.tokens, part.content, part.numbers
            cvec = claim_vectors[ci]
            cols, values = claim_tfidf.row(ci)
            scratch[cols] = values
            tf = body.tfidf.dot(scratch)
            tf_all = float(body.all_tfidf.dot(scratch)[0])
            scratch[cols] = 0.0
            em = body.vectors @ cvec
            n = len(tf)
            combined = tf + em
            top = np.argsort(-combined)[:TOP_K]
            best = int(top[0])
            top_cues = body.cue_counts[top].sum(axis=0)
            first_cues = body.cue_counts[:2].sum(axis=0)
            rates = body.cue_counts.sum(axis=0) / max(body.n_tokens, 1) * 100
            overlap = len(ccontent & body.content) / max(len(ccontent), 1)
            cbigrams = part.bigrams
            overlap_bi = len(cbigrams & body.bigrams) / max(len(cbigrams), 1)
            overlap_best = max(len(ccontent & body.content_sets[i]) for i in top) / max(len(ccontent), 1)
            jaccard = len(ccontent & body.content) / max(len(ccontent | body.content), 1)
            claim_neg = part.negations
            found = len(cnums & body.numbers)
            scalars = (
                tf_all,
                tf.max(),
                tf.mean(),
                np.sort(tf)[-TOP_K:].mean(),
                int(np.argmax(tf)) / n,
                tf[0],
                float(body.mean_vector @ cvec),
                em.max(),
                np.sort(em)[-TOP_K:].mean(),
                em[0],
                int(np.argmax(em)) / n,
                overlap,
                overlap_bi,
                overlap_best,
                jaccard,
                part.refuting,
                part.hedging,
                claim_neg,
                float("?" in claim),
                top_cues[0],
                top_cues[1],
                top_cues[2],
                first_cues[0],
                first_cues[1],
                first_cues[2],
                rates[0],
                rates[1],
                rates[2],
                float((claim_neg > 0) != (body.cue_counts[best, 2] > 0)),
                len(cnums),
                found,
                len(cnums) - found,
                math.log1p(len(ctoks)),
                math.log1p(body.n_tokens),
                math.log1p(n),
            )
            k = len(scalars)
            rows[r, :k] = scalars
            top_tokens = [t for i in top for t in body.sentence_tokens[i]]
            cv = _cue_vector(top_tokens, self.cue_vocab)
            rows[r, k : k + len(cv)] = cv
            k += len(cv)
            rows[r, k : k + dim] = cvec
            rows[r, k + dim : k + 2 * dim] = body.vectors[best]
            rows[r, k + 2 * dim : k + 3 * dim] = cvec * body.vectors[best]
            k += 3 * dim
            if self.stacked is not None:
                rows[r, k : k + 6] = np.concatenate([claim_stacked[ci], body.stacked])
                k += 6
            if self.learned is not None:
                self._learned_features(rows[r, k:], scalars, part, body, combined, em, cvec)
            if focus:
                rows[r, -len(FOCUS_SCALARS) :] = _focus_features(part, body, em, cues)
        return rows

    def _text_ngrams(self) -> LinearNgrams | None:
        return self.stacked[1] if self.stacked else None

    def _learned_features(self, out: np.ndarray, scalars, claim: _ClaimParts, body: _Text, combined, em, cvec) -> None:
        """The arrays-2 columns: whether claim and evidence differ in refuting / hedging cues (the
        debunking body against the asserting headline is FNC-1's "disagree"), the best sentences'
        mean vector against the claim's, and the learned cue words' counts in the claim, in the best
        sentences and per 100 words of the text."""
        names = SCALAR_FEATURES
        claim_ref, claim_hedge = scalars[names.index("claim_refuting")], scalars[names.index("claim_hedging")]
        top_ref, top_hedge = scalars[names.index("top_refuting")], scalars[names.index("top_hedging")]
        top3 = np.argsort(-em)[:TOP_K]
        mean3 = body.vectors[top3].mean(axis=0)
        k = len(EXTRA_SCALARS)
        out[:k] = (
            float((claim_ref > 0) != (top_ref > 0)),
            float((claim_hedge > 0) != (top_hedge > 0)),
            float(mean3 @ cvec),
        )
        dim = len(cvec)
        out[k : k + dim] = cvec * mean3
        k += dim
        if claim.learned_counts is None:  # once per claim
            claim.learned_counts = _cue_vector(claim.tokens, self.learned_claim)
        claim_counts = claim.learned_counts
        out[k : k + len(claim_counts)] = claim_counts
        k += len(claim_counts)
        top = np.argsort(-combined)[:LEARNED_TOP_K]
        n_text = len(self.learned.text)
        out[k : k + n_text] = body.learned_counts[top].sum(axis=0)
        out[k + n_text : k + 2 * n_text] = body.learned_counts.sum(axis=0) / max(body.n_tokens, 1) * 100


def _focus_features(claim: _ClaimParts, body: _Text, em: np.ndarray, cues: Cues) -> tuple:
    """FOCUS_SCALARS for one pair; ``em``: the claim's cosine with each sentence."""
    ccontent, cnums = claim.content, claim.numbers
    near = np.zeros(3, dtype=np.float32)
    hits = 0  # occurrences of the claim's words in the text
    ids = [body.vocabulary[w] for w in ccontent if w in body.vocabulary]
    if ids:
        wanted = np.zeros(len(body.vocabulary) + 1)  # the last entry stands for the blanks' id, -1
        wanted[ids] = 1.0
        on_claim = wanted[body.flat_ids]
        hits = int(on_claim.sum())
        n = len(on_claim)
        close = np.convolve(on_claim, np.ones(2 * NEAR_WINDOW + 1))[NEAR_WINDOW : NEAR_WINDOW + n] > 0.5
        near = body.flat_cues[close].sum(axis=0)
    best = int(np.argmax(em))
    refuting = body.cue_counts[:, 0] > 0
    best_sim = float(em[best])
    ref_sim = float(em[refuting].max()) if refuting.any() else -1.0
    if best not in body.sentence_numbers:
        body.sentence_numbers[best] = numbers(body.sentences[best], cues)
    best_numbers = body.sentence_numbers[best]
    return (
        near[0],
        near[1],
        near[2],
        near[0] / max(hits, 1) * 10,
        near[1] / max(hits, 1) * 10,
        float((em * body.cue_counts[:, 0]).max()),
        float((em * body.cue_counts[:, 1]).max()),
        ref_sim,
        ref_sim - best_sim if refuting.any() else -2.0,
        *body.cue_counts[best],
        claim.refuting % 2,
        int(body.cue_counts[:, 0].sum()) % 2,
        float(bool(cnums) and bool(best_numbers) and not (cnums & best_numbers)),
    )


class StanceModel:
    """The trained two-stage classifier. ``load()`` returns one shared instance per path."""

    def __init__(self, bundle: dict, embedder: Embedder | None = None, cues: Cues | None = None):
        self.bundle = bundle
        self.embedder = embedder or Embedder(bundle["embedding_mode"])
        self.cues = cues or load_cues()  # the cue words the model was trained with (its header's cues_sha1)
        self.extractor = FeatureExtractor(
            bundle["vectorizer"], self.embedder, self.cues, bundle["learned"], bundle.get("stacked"), bundle["focus"]
        )
        self.related_model = bundle["related_model"]
        self.stance_model = bundle["stance_model"]
        self.columns_related = np.asarray(bundle["columns_related"])
        self.columns_stance = np.asarray(bundle["columns_stance"])
        self.stance_scales = np.asarray(bundle["stance_scales"], dtype=np.float64)

    @classmethod
    def load(cls, path: Path | str | None = None, *, mode: str = "fast") -> StanceModel:
        """The shipped model for an embedding mode (or the model at ``path``), loaded for this call
        (uncached: whoever predicts for many pairs holds on to it; a run loads it once per batch)."""
        return _load(str(path or model_path(mode)))

    def predict_proba(
        self, pairs: Sequence[tuple[str, str]], encoded: dict[str, np.ndarray] | None = None
    ) -> np.ndarray:
        """P(agree, disagree, discuss, unrelated) per pair, in ``LABELS`` order. ``encoded``: text -> its
        vector in the model's embedding mode, for texts the caller encoded already."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        # A pair's row depends on its two texts alone, so each distinct pair is predicted once: the
        # propositions step asks for both readings of a label and a member, and a member repeating
        # the label's sentence (a copy in another outlet: ~6 in 10 of a run's pairs) gives the same
        # pair both ways (1,598 readings, 1,058 distinct, at 2,000 stored documents).
        distinct = list(dict.fromkeys(pairs))
        if len(distinct) < len(pairs):
            row = {p: i for i, p in enumerate(distinct)}
            return self.predict_proba(distinct, encoded)[[row[p] for p in pairs]]
        X = self.extractor.features(pairs, encoded=encoded)
        p_related = self.related_model.predict_proba(X[:, self.columns_related])[:, 1]
        # The second stage costs most of the prediction time; for pairs the first stage finds
        # almost surely unrelated its answer cannot change the label, so their small related
        # mass is split evenly instead.
        p_stance = np.full((len(pairs), 3), 1.0 / 3.0)
        needed = p_related >= SECOND_STAGE_MIN
        if needed.any():
            p_stance[needed] = scale_stances(
                self.stance_model.predict_proba(X[needed][:, self.columns_stance]), self.stance_scales
            )
        out = np.empty((len(pairs), len(LABELS)), dtype=np.float64)
        out[:, :3] = p_stance * p_related[:, None]
        out[:, 3] = 1.0 - p_related
        return out

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, float]]:
        """(label, probability of that label) per (claim, text) pair."""
        proba = self.predict_proba(pairs)
        result = []
        for row in proba:
            if row[3] >= 0.5:
                result.append(("unrelated", float(row[3])))
            else:
                i = int(np.argmax(row[:3]))
                result.append((LABELS[i], float(row[i])))
        return result


def scale_stances(p_stance: np.ndarray, scales: Sequence[float]) -> np.ndarray:
    """The stance stage's P(agree, disagree, discuss) multiplied by one factor per class and the rows
    renormalised: the factors, chosen by cross-validation on stories the trees did not see
    (scripts/train_stance.py), make up for disagree's rarity in FNC-1 (~8% of related pairs) and
    for the trees' overconfidence in discuss on new stories, without refitting them."""
    out = np.array(p_stance, dtype=np.float64) * np.asarray(scales, dtype=np.float64)
    out /= out.sum(axis=1, keepdims=True)
    return out


def model_path(mode: str) -> Path:
    if mode not in ("fast", "accurate"):
        raise ValueError(f"unknown embedding mode {mode!r} (expected fast or accurate)")
    return MODEL_PATH if mode == "fast" else ACCURATE_MODEL_PATH


def read_bundle(path: Path | str) -> dict:
    """The model's parts from its .npz: the vectorizer, the two stages' trees, their feature columns."""
    with np.load(path, allow_pickle=False) as arrays:

        def trees(name: str) -> BoostedTrees:
            return BoostedTrees(
                **{key[len(name) + 1 :]: arrays[key] for key in arrays.files if key.startswith(name + "_")}
            )

        return {
            "vectorizer": Tfidf(arrays["vocabulary"].tolist(), arrays["idf"], str(arrays["token_pattern"])),
            "related_model": trees("related"),
            "stance_model": trees("stance"),
            "columns_related": arrays["columns_related"],
            "columns_stance": arrays["columns_stance"],
            "embedding_mode": str(arrays["embedding_mode"]),
            "stance_scales": arrays["stance_scales"],
            "focus": bool(arrays["focus"]),
            "learned": LearnedCues(
                tuple(arrays["learned_claim_words"].tolist()), tuple(arrays["learned_text_words"].tolist())
            ),
            "stacked": _stacked(arrays),
        }


def _stacked(arrays) -> tuple[LinearNgrams, LinearNgrams] | None:
    """The claim-only and text-only n-gram models, for a model that stacks them."""
    if "claim_ngrams_terms" not in arrays.files:
        return None
    return tuple(
        LinearNgrams(
            arrays[f"{side}_ngrams_terms"].tolist(), arrays[f"{side}_ngrams_coef"], arrays[f"{side}_ngrams_intercept"]
        )
        for side in ("claim", "text")
    )


def _load(path: str) -> StanceModel:
    header_path = Path(path).with_suffix(".json")
    if not Path(path).exists() or not header_path.exists():
        raise StanceModelError(
            f"{path}: no trained stance model here (train it with scripts/train_stance.py; "
            "for the accurate mode: --mode accurate)"
        )
    try:
        header = json.loads(header_path.read_text())
    except (OSError, ValueError) as exc:
        raise StanceModelError(f"{header_path}: cannot read the stance model header: {exc}") from exc
    if header.get("format") != MODEL_FORMAT:
        raise StanceModelError(
            f"{Path(path).name} is in model format {header.get('format')!r}, this claimgraph "
            f"reads {MODEL_FORMAT!r}: re-export it with scripts/export_stance.py"
        )
    cues = load_cues()
    if header["cues_sha1"] != cues.sha1:
        raise StanceModelError(
            f"{CUES_PATH} differs from the one {Path(path).name} was trained with; retrain with scripts/train_stance.py"
        )
    try:
        bundle = read_bundle(path)
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise StanceModelError(f"{path}: cannot load the stance model: {exc}") from exc
    return StanceModel(bundle, cues=cues)
