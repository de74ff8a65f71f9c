"""Sentence embeddings in two modes, and a content-hash key for caching them.

``fast``: a static token table distilled from all-MiniLM-L6-v2 by scripts/distill_embeddings.py
(model2vec, PCA to 128 dims) and shipped in data/models/minilm_static/. A sentence is the mean of
its tokens' vectors, so encoding needs only numpy and link/wordpiece.py, which tokenizes as the
`tokenizers` wheel does (no torch, no tokenizers).

``accurate``: all-MiniLM-L6-v2 itself (384 dims), exported to one int8 ONNX graph by
scripts/export_minilm.py and shipped in data/models/minilm/; it runs on onnxruntime, imported lazily
(the optional extra ``claimgraph[accurate]``), with link/wordpiece.py's word pieces: no torch.

Both return L2-normalised float32 rows, so a dot product is a cosine. Vectors of the two modes
live in different spaces and must never be compared with each other.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np

from ..errors import ClaimgraphError
from .wordpiece import WordPiece

Mode = Literal["fast", "accurate"]
MODES: tuple[str, ...] = ("fast", "accurate")
STATIC_MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models" / "minilm_static"
MINILM_DIR = Path(__file__).resolve().parents[1] / "data" / "models" / "minilm"
ACCURATE_EXTRA = "pip install 'claimgraph[accurate]' (in a clone: '.[accurate]')"
# BERT's positional limit; longer inputs are cut so the static mode sees what the teacher saw.
MAX_TOKENS = 512
WRITE_SLICE = 20000  # vectors per INSERT when the store cache writes new ones
# sentences whose piece states the accurate encoder keeps (``piece_states``, ~45 KB each): every reader of a
# sentence's token states in one document (the cue head, a MiniLM entity tagger) shares one graph call, and
# a sentence repeated across documents (boilerplate, a syndicated paragraph) is not encoded again
STATES_KEPT = 256


class EmbeddingUnavailable(ClaimgraphError):
    """The packages or model files a mode needs are not installed."""


def sentence_key(text: str, mode: str) -> str:
    """Cache key for one sentence's vector: sha1 of the mode and the exact text.

    The mode is part of the key because the two modes' vectors are not comparable.
    """
    if mode not in MODES:
        raise ValueError(f"unknown embedding mode {mode!r} (expected one of {', '.join(MODES)})")
    return hashlib.sha1(f"{mode}\x00{text}".encode()).hexdigest()


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0  # an empty or all-unknown text stays the zero vector
    return vectors / norms


class _StaticEncoder:
    """Mean of token vectors from the distilled table; special and unknown tokens are skipped."""

    def __init__(self, directory: Path):
        try:
            meta = json.loads((directory / "meta.json").read_text())
            self.table = np.load(directory / "embeddings.npy").astype(np.float32)
            self.tokenizer = WordPiece(directory)
        except (OSError, ValueError, KeyError) as exc:
            raise EmbeddingUnavailable(f"{directory}: cannot load the fast embedding model: {exc}") from exc
        self.unk = meta.get("unk_token_id")
        self.dim = int(self.table.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        for i, text in enumerate(texts):
            ids = self.tokenizer.ids(text)[:MAX_TOKENS]
            if self.unk is not None:
                ids = [t for t in ids if t != self.unk]
            if ids:
                out[i] = self.table[ids].mean(axis=0)
        return _normalise(out)


class MiniLMEncoder:
    """all-MiniLM-L6-v2 as one int8 ONNX graph (scripts/export_minilm.py, docs/models/minilm.md) on
    onnxruntime: word pieces from link/wordpiece.py with the model's own tokenizer.json, CLS and SEP
    around at most ``max_tokens`` of them as sentence-transformers cuts, mean pooling and L2
    normalisation inside the graph.

    Each text runs on its own (no padding): the int8 graph quantises activations per call, so in a
    batch a text's vector would move with its neighbours'; alone, a text always gets the same vector,
    which the store caches by text."""

    def __init__(self, directory: Path = MINILM_DIR, threads: int = 1) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise EmbeddingUnavailable(
                f"accurate embeddings run on onnxruntime (missing: {exc.name}); install it with {ACCURATE_EXTRA}"
            ) from exc
        meta_path, model_path = directory / "meta.json", directory / "model.int8.onnx"
        self.directory, self.threads = directory, max(1, threads)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            self.max_tokens, self.dim = int(meta["max_tokens"]), int(meta["dims"])
            self.token_output = meta.get("token_states")  # an inner layer's per-piece states (entities)
            self.tokenizer = WordPiece(directory, (directory / meta["normalizer"]).resolve())
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EmbeddingUnavailable(f"{directory}: cannot load the accurate embedding model: {exc}") from exc
        options = ort.SessionOptions()
        # one thread by default: a sentence is ~30 word pieces, too small a product to share out (2 threads gave
        # no more sentences per CPU-second, bench/speed_embeddings.py), and the run's workers hold the other cores
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        # waiting threads sleep instead of spinning: the run's workers share the cores
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own types for a missing or unreadable graph
            raise EmbeddingUnavailable(f"{model_path}: onnxruntime cannot load it ({exc})") from exc
        self._cls, self._sep = self.tokenizer.vocab["[CLS]"], self.tokenizer.vocab["[SEP]"]
        self._states_session = None  # the graph cut after ``token_states``, loaded on first use
        self._states: dict[bytes, np.ndarray] = {}  # ``piece_states`` kept, by the input ids
        self._states_lock = threading.Lock()
        self._word_pieces: dict[str, list[int]] = {}  # ``word_piece_feed``'s pieces of a word (read-only lists)

    def ids(self, text: str) -> list[int]:
        return [self._cls, *self.tokenizer.ids(text)[: self.max_tokens - 2], self._sep]

    def word_piece_feed(self, words: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """The (1, pieces) input ids of ``words`` cut into pieces word by word, with CLS and SEP, and
        per piece (CLS and SEP aside) the index of the word it belongs to; pieces past
        ``max_tokens`` - 2 are dropped."""
        ids, owner = [self._cls], []
        known = self._word_pieces
        for i, word in enumerate(words):
            pieces = known.get(word)
            if pieces is None:
                # a word's pieces do not depend on its neighbours here (each word is cut on its own), and
                # normalising a word costs four regular-expression passes: each distinct word once
                pieces = self.tokenizer.ids(word) or [self.tokenizer.unk_id]
                if len(known) > 200_000:  # bounded, as the tokenizer's own cache
                    known.clear()
                known[word] = pieces
            ids += pieces
            owner += [i] * len(pieces)
        owner = owner[: self.max_tokens - 2]
        return np.array([ids[: len(owner) + 1] + [self._sep]], dtype=np.int64), owner

    def token_states(self, words: Sequence[str], rows: Sequence[int] | None = None) -> np.ndarray:
        """(words, dim) float32: per word, the mean of its word pieces' states at the graph's
        ``token_states`` output (meta.json: an inner encoder layer; entities/contextual.py reads it).
        Each word is cut into pieces on its own, so every piece belongs to one word; pieces past
        ``max_tokens`` - 2 are not seen, and their words get zero rows. One call per sentence.
        ``rows``: only these words' rows, in that order (``word_means``), the same numbers."""
        if not words:
            if not self.token_output:
                raise EmbeddingUnavailable("the accurate embedding model has no token_states output (meta.json)")
            return np.zeros((0, self.dim), dtype=np.float32)
        states, owner = self.piece_states(words)
        return word_means(states, owner, len(words), rows)

    def piece_states(self, words: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """((pieces + 2, dim) float32 ``token_states`` of CLS, the word pieces of ``words`` and SEP; per
        piece, the index of its word, as ``word_piece_feed``). One call of the graph cut after the
        token-states layer (``states_session``) per sentence, shared by every reader of its states: the
        attribution cue head (claims/attribution_encoder.py) and the entity taggers that read word means
        (``word_means``) and first pieces (entities/finetuned.py). The last ``STATES_KEPT`` sentences' states
        are kept by their word pieces (read-only arrays: a reader must not change what the next one reads)."""
        if not self.token_output:
            raise EmbeddingUnavailable("the accurate embedding model has no token_states output (meta.json)")
        feed, owner = self.word_piece_feed(words)
        # kept by the word pieces, not the words: readers that cut a sentence into words their own way (spaCy's
        # tokens for the cue head, the entity tagger's) mostly make the same pieces, and the same pieces in give
        # the same states out
        key = feed.tobytes()
        states = self._states.get(key)
        if states is None:
            states = self.states_session().run(None, {"input_ids": feed, "attention_mask": np.ones_like(feed)})[0][0]
            states.flags.writeable = False
            with self._states_lock:
                while self._states and len(self._states) >= STATES_KEPT:
                    del self._states[next(iter(self._states))]  # the oldest
                self._states[key] = states
        return states, owner

    def states_session(self):
        """The onnxruntime session of this model's graph cut after its ``token_states`` output (the same
        states, bit for bit, as the whole graph's, in about half its time: link/graph_cut.py)."""
        if self._states_session is None:
            self._states_session = cut_session(self.directory, self.threads)
        return self._states_session

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            ids = np.array([self.ids(text)], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            out[i] = self.session.run(None, feed)[0][0]
        return _normalise(out)


def cut_session(directory: Path, threads: int = 1):
    """An onnxruntime session of ``directory``'s graph cut after its ``token_states`` output (meta.json),
    for one unpadded sentence a call, its attention mask all ones (graph_cut.one_sentence, with the
    meta's "one_sentence"); raises EmbeddingUnavailable naming the directory when the graph cannot be
    read or cut."""
    import onnxruntime as ort

    from .graph_cut import one_sentence

    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        graph = one_sentence(
            (directory / "model.int8.onnx").read_bytes(), meta["token_states"], meta.get("one_sentence", {})
        )
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise EmbeddingUnavailable(f"{directory}: cannot cut the graph at its token states: {exc}") from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = max(1, threads), 1  # as ``MiniLMEncoder``
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own types for a graph it cannot load
        raise EmbeddingUnavailable(f"{directory}: onnxruntime cannot load the cut graph ({exc})") from exc


def word_means(
    states: np.ndarray, owner: Sequence[int], n_words: int, words: Sequence[int] | None = None
) -> np.ndarray:
    """(n_words, dim) float32: each word's mean piece state (``piece_states``' rows 1 ..); zero rows for
    words whose pieces were cut. With ``words`` (word indexes), only those words' rows, in that order
    (``_some_means``: the same numbers)."""
    if words is not None:
        return _some_means(states, owner, words)
    out = np.zeros((n_words, states.shape[1]), dtype=np.float32)
    owner = np.asarray(owner, dtype=np.intp)
    if len(owner):
        # what np.add.at(out, owner, rows) adds, in its order (each word's pieces one after the other), without
        # its per-row cost: the k-th pieces of all words in one step (owners are distinct within a step)
        order = np.argsort(owner, kind="stable")
        ranked = owner[order]
        rank = np.arange(len(ranked)) - np.searchsorted(ranked, ranked)  # place of a piece within its word
        rows = states[1 : 1 + len(owner)][order]
        for k in range(int(rank.max()) + 1):
            step = rank == k
            out[ranked[step]] += rows[step]
    counts = np.bincount(owner, minlength=n_words)
    return out / np.maximum(counts, 1)[:, None]


def _some_means(states: np.ndarray, owner: Sequence[int], words: Sequence[int]) -> np.ndarray:
    """``word_means(states, owner, n)[words]`` without the means of the other words: the attribution cue
    head reads ~10 of a sentence's ~27 words, and the whole sentence's steps cost more than a few rows
    summed here. Each row adds its word's pieces to zero one after the other in their order, as
    ``word_means`` does, and is divided by the same count, so the numbers are the same bit for bit."""
    places: dict[int, list[int]] = {w: [] for w in words}
    for k, w in enumerate(owner):
        if w in places:
            places[w].append(k + 1)  # the piece's row (row 0 is CLS)
    zero = np.zeros(states.shape[1], dtype=np.float32)
    sums = []
    for w in words:
        total = zero
        for row in places[w]:
            total = total + states[row]
        sums.append(total)
    out = np.stack(sums) if sums else np.zeros((0, states.shape[1]), dtype=np.float32)
    counts = np.array([max(len(places[w]), 1) for w in words], dtype=np.intp)
    return out / counts[:, None]


def first_pieces(owner: Sequence[int]) -> list[int]:
    """The ``piece_states`` row of each word's first piece, for the words whose pieces fit."""
    return [1 + k for k, w in enumerate(owner) if k == 0 or owner[k - 1] != w]


_ENCODERS: dict[str, object] = {}
_LOCK = threading.Lock()


class Embedder:
    """Sentence embeddings for one mode. The model behind each mode is loaded once per process."""

    def __init__(self, mode: str = "fast"):
        if mode not in MODES:
            raise ValueError(f"unknown embedding mode {mode!r} (expected one of {', '.join(MODES)})")
        self.mode = mode
        with _LOCK:
            encoder = _ENCODERS.get(mode)
            if encoder is None:
                encoder = _StaticEncoder(STATIC_MODEL_DIR) if mode == "fast" else MiniLMEncoder()
                _ENCODERS[mode] = encoder
        self._encoder = encoder

    @property
    def dim(self) -> int:
        return self._encoder.dim  # type: ignore[attr-defined]

    def encode(self, texts: Iterable[str]) -> np.ndarray:
        """One L2-normalised float32 row per text (zero row for a text with no known token)."""
        return self._encoder.encode(list(texts))  # type: ignore[attr-defined]


class EmbeddingCache:
    """Sentence vectors by ``sentence_key``: encode each distinct text once.

    A plain in-memory mapping; the store can persist ``items()`` and refill it with ``update``.
    """

    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [sentence_key(t, self.embedder.mode) for t in texts]
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts):
            if key not in self._vectors:
                missing.setdefault(key, text)
        if missing:
            vectors = self.embedder.encode(list(missing.values()))
            self._vectors.update(zip(missing.keys(), vectors))
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def items(self) -> Iterable[tuple[str, np.ndarray]]:
        return self._vectors.items()

    def held(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """text -> vector, for those of ``texts`` whose vectors this cache holds (none is read or encoded)."""
        out = {}
        for text in texts:
            vector = self._vectors.get(sentence_key(text, self.embedder.mode))
            if vector is not None:
                out[text] = vector
        return out

    def update(self, pairs: Iterable[tuple[str, Sequence[float]]]) -> None:
        for key, vector in pairs:
            self._vectors[key] = np.asarray(vector, dtype=np.float32)


class StoreEmbeddingCache(EmbeddingCache):
    """An ``EmbeddingCache`` backed by the store's ``sentence_embeddings`` table (migration 005):
    a sentence encoded in one run is read back, not encoded again, in every later run."""

    def __init__(self, embedder: Embedder, store) -> None:
        super().__init__(embedder)
        self.store = store

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        keys = list(dict.fromkeys(sentence_key(t, self.embedder.mode) for t in texts))
        wanted = [k for k in keys if k not in self._vectors]
        if wanted:
            self.update(self.store.vectors.read(wanted).items())
        missing = [k for k in wanted if k not in self._vectors]
        out = super().encode(texts)
        if missing:
            self.store.vectors.add(missing, self._vectors.__getitem__, self.embedder.mode, slice_size=WRITE_SLICE)
        return out
