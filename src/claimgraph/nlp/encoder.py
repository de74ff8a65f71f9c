"""The shared fine-tuned encoder at run time: all-MiniLM-L6-v2 and its heads, one ONNX graph (onnxruntime).

One pass over a text gives everything the heads need, so the entity and claim stages share it:

    encoder = Encoder.load()                      # once per run: components.Resources.encoder
    for window in encoder.encode_document(doc.clean_text, doc.sentences):
        window.starts, window.ends                # each word piece's characters: text[starts[i]:ends[i]]
        window.hidden                             # (pieces, 384) last hidden states
        window.pooled                             # (384,) mean of the hidden states, L2-normalised
        window.heads["entity"]                    # (pieces, labels) logits; encoder.labels["entity"] names them
    encoder.spans(windows, "cue")                 # [(start, end, type)]: the spans a head's BIO tags mark

``encode(texts)`` does the same for texts of their own (each one Encoded, offsets into that text).
A model directory holds ``model.onnx`` (or ``model.int8.onnx``), the model's ``tokenizer.json`` and
``meta.json``: the heads and their labels, the window size, the character table of the tokenizer
(``normalizer``, a path relative to the directory: the shipped models share minilm_static's) and how the
model was made.
A graph without heads (the base model, ``scripts/train_encoder.py --base``) gives hidden and pooled only.

Windows: a document's sentences are packed, in order, into windows of at most ``max_pieces`` word pieces
(CLS and SEP included), so a quote running over several sentences is seen whole where it fits; a longer
sentence is cut between pieces. Windows are run in batches of similar length, padded to the longest.
The int8 graph quantises activations per batch, so a text's outputs move slightly with the other texts of
its batch (pooled vectors ~0.99 cosine); a document's windows are always batched alike, so a document
gives the same outputs every time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph.link.wordpiece import WordPiece

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "encoder"
BATCH_PIECES = 4096  # pieces (padding included) per onnxruntime call: bounds memory, keeps batches full

# What the model sees of a word's case and characters (the MiniLM vocabulary is lower case): one id for
# every piece of a word. 0 is CLS, SEP and padding.
SHAPES = ("special", "lower", "capitalised", "upper", "digit", "other")


def word_shape(word: str) -> int:
    if any(c.isdigit() for c in word):
        return 4
    if not any(c.isalpha() for c in word):
        return 5
    if word[0].isupper():
        return 3 if len(word) > 1 and word.isupper() else 2
    return 1


class EncoderError(Exception):
    """A model directory that cannot be used: the message names the file and why."""


@dataclass(frozen=True)
class Pieces:
    """Word pieces of a window: ids, shape ids, and the characters each came from (in the caller's text)."""

    ids: np.ndarray
    shapes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    words: np.ndarray  # (pieces, 2): the characters of the word each piece is part of

    def __len__(self) -> int:
        return len(self.ids)

    def cut(self, a: int, b: int) -> Pieces:
        return Pieces(*(getattr(self, f)[a:b] for f in _PIECE_FIELDS))


@dataclass(frozen=True)
class Encoded:
    """One window's outputs, row i for word piece i (CLS and SEP left out); ``words`` as in Pieces."""

    starts: np.ndarray
    ends: np.ndarray
    words: np.ndarray
    hidden: np.ndarray
    pooled: np.ndarray
    heads: dict[str, np.ndarray]


class Encoder:
    def __init__(self, session, tokenizer: WordPiece, meta: dict):
        self.session = session
        self.tokenizer = tokenizer
        self.meta = meta
        self.max_pieces: int = int(meta["max_pieces"])
        self.labels: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in meta.get("heads", {}).items()}
        self.language: str | None = meta.get("language")  # of the heads' training text
        self._inputs = {i.name for i in session.get_inputs()}
        self._outputs = [o.name for o in session.get_outputs()]
        self._cls, self._sep = tokenizer.vocab["[CLS]"], tokenizer.vocab["[SEP]"]
        self._last: tuple[tuple, list[Encoded]] | None = None

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, threads: int = 1, model: str | None = None) -> Encoder:
        """The model in ``directory`` (``model``: the ONNX file's name; default the int8 one where there is
        one), run on ``threads`` threads. Raises EncoderError naming the file when it is missing or unusable."""
        import onnxruntime as ort

        meta_path = directory / "meta.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            max_pieces = int(meta["max_pieces"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EncoderError(f"{meta_path}: not an encoder's meta.json ({exc})") from None
        if max_pieces < 3:
            raise EncoderError(f"{meta_path}: max_pieces must be at least 3")
        name = model or ("model.int8.onnx" if (directory / "model.int8.onnx").is_file() else "model.onnx")
        path = directory / name
        if not path.is_file():
            raise EncoderError(f"{path}: no such model file")
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        # threads that wait for work sleep instead of spinning: on a machine other jobs (or the run's other
        # workers) share, spinning burns their CPU for a few per cent of latency
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own types for unreadable graphs
            raise EncoderError(f"{path}: onnxruntime cannot load it ({exc})") from None
        normalizer = (directory / meta.get("normalizer", "normalizer.json")).resolve()
        try:
            tokenizer = WordPiece(directory, normalizer)
        except (OSError, ValueError, KeyError) as exc:
            raise EncoderError(f"{directory}: no usable tokenizer.json or {normalizer.name} ({exc})") from None
        return cls(session, tokenizer, meta)

    # -- word pieces ----------------------------------------------------------------------------------

    def pieces(self, text: str, start: int = 0, end: int | None = None) -> Pieces:
        """The word pieces of ``text[start:end]``, their offsets into ``text``."""
        found = self.tokenizer.pieces(text[start:end])
        bounds: dict[int, tuple[int, int]] = {}
        for _, s, e, w in found:  # a word's characters: from its first piece's start to its last's end
            bounds[w] = (bounds[w][0], e) if w in bounds else (s, e)
        shape_of = {w: word_shape(text[start + s : start + e]) for w, (s, e) in bounds.items()}
        shapes = [shape_of[w] for _, _, _, w in found]
        arr = np.array([(i, s, e, *bounds[w]) for i, s, e, w in found], dtype=np.int64).reshape(-1, 5)
        arr[:, 1:] += start
        return Pieces(arr[:, 0], np.array(shapes, dtype=np.int64), arr[:, 1], arr[:, 2], arr[:, 3:5])

    def windows(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[Pieces]:
        """``text``'s sentences packed in order into windows of at most ``max_pieces`` pieces (see above)."""
        room = self.max_pieces - 2
        out: list[Pieces] = []
        current: list[Pieces] = []
        size = 0
        for s, e in sentences:
            p = self.pieces(text, s, e)
            if not len(p):
                continue
            if size + len(p) > room and current:
                out.append(_join(current))
                current, size = [], 0
            while len(p) > room:
                out.append(p.cut(0, room))
                p = p.cut(room, len(p))
            if len(p):
                current.append(p)
                size += len(p)
        if current:
            out.append(_join(current))
        return out

    # -- running the graph ----------------------------------------------------------------------------

    def encode(self, texts: Sequence[str]) -> list[Encoded]:
        """One Encoded per text (offsets into that text); a text over ``max_pieces`` pieces is run in
        windows whose outputs are joined (its pooled vector: the mean over all of them, normalised)."""
        windows: list[Pieces] = []
        owner: list[int] = []
        room = self.max_pieces - 2
        for n, text in enumerate(texts):
            p = self.pieces(text)
            for a in range(0, max(len(p), 1), room):
                windows.append(p.cut(a, a + room))
                owner.append(n)
        run = self.run(windows)
        out = []
        for n in range(len(texts)):
            parts = [r for r, o in zip(run, owner) if o == n]
            out.append(parts[0] if len(parts) == 1 else _concatenate(parts))
        return out

    def encode_document(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[Encoded]:
        """The windows of a document (offsets into ``text``). The last call's result is kept, so the
        entity and claim stages share one pass over the same document."""
        key = (text, tuple(sentences))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        encoded = self.run(self.windows(text, sentences))
        self._last = (key, encoded)
        return encoded

    def run(self, windows: Sequence[Pieces]) -> list[Encoded]:
        """Outputs per window, in the given order; windows run in batches of similar length."""
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        results: list[Encoded | None] = [None] * len(windows)
        a = 0
        while a < len(order):
            b = a + 1
            while b < len(order) and (b - a + 1) * (len(windows[order[b]]) + 2) <= BATCH_PIECES:
                b += 1
            batch = [windows[i] for i in order[a:b]]
            for i, encoded in zip(order[a:b], self._batch(batch)):
                results[i] = encoded
            a = b
        return [r for r in results if r is not None]

    def _batch(self, batch: Sequence[Pieces]) -> list[Encoded]:
        width = max(len(p) for p in batch) + 2
        ids = np.zeros((len(batch), width), dtype=np.int64)
        shapes = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        for row, p in enumerate(batch):
            n = len(p)
            ids[row, 0], ids[row, 1 : n + 1], ids[row, n + 1] = self._cls, p.ids, self._sep
            shapes[row, 1 : n + 1] = p.shapes
            mask[row, : n + 2] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "shape_ids" in self._inputs:
            feed["shape_ids"] = shapes
        outputs = dict(zip(self._outputs, self.session.run(self._outputs, feed)))
        out = []
        for row, p in enumerate(batch):
            n = len(p)
            heads = {k: outputs[k][row, 1 : n + 1] for k in self.labels}
            hidden = outputs["hidden"][row, 1 : n + 1]
            out.append(Encoded(p.starts, p.ends, p.words, hidden, outputs["pooled"][row], heads))
        return out

    # -- reading the heads ----------------------------------------------------------------------------

    def spans(self, windows: Sequence[Encoded], head: str) -> list[tuple[int, int, str, float]]:
        """(start, end, type, score) of the spans a head's BIO tags mark over consecutive windows (a
        document's, in order: a span may run on into the next window), by the most likely tag per piece:
        B-X (or B) starts a span, I-X continues one of type X (or starts one after O or another type),
        O ends it. A span ends at word ends: one that stops inside a word takes the whole word. The type
        is "" for a head whose tags are B/I/O; the score is the mean probability of the span's tags."""
        labels = self.labels[head]
        kinds = [tag[2:] if len(tag) > 2 else "" for tag in labels]
        inside = [tag.startswith("I") for tag in labels]
        out: list[list] = []
        open_ = None
        for w in windows:
            if not len(w.starts):
                continue
            logits = w.heads[head]
            probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
            best = probs.argmax(axis=-1)
            confidence = (probs.max(axis=-1) / probs.sum(axis=-1)).tolist()
            # a span starts and ends on word bounds: one that stops inside a word takes the whole word
            bounds = zip(w.words[:, 0].tolist(), w.words[:, 1].tolist())
            for tag_id, (start, end), p in zip(best.tolist(), bounds, confidence):
                if labels[tag_id] == "O":
                    open_ = None
                elif inside[tag_id] and open_ is not None and open_[2] == kinds[tag_id]:
                    open_[1] = end
                    open_[3].append(p)
                else:
                    open_ = [start, end, kinds[tag_id], [p]]
                    out.append(open_)
        return [(s, e, kind, round(sum(ps) / len(ps), 4)) for s, e, kind, ps in out]


def default_threads(workers: int) -> int:
    """onnxruntime threads per worker process: the cores shared among the run's workers (0: one per core)."""
    cores = os.cpu_count() or 1
    return max(1, cores // workers) if workers > 0 else 1


_PIECE_FIELDS = ("ids", "shapes", "starts", "ends", "words")


def _join(parts: list[Pieces]) -> Pieces:
    return Pieces(*(np.concatenate([getattr(p, f) for p in parts]) for f in _PIECE_FIELDS))


def _concatenate(parts: list[Encoded]) -> Encoded:
    hidden = np.concatenate([p.hidden for p in parts])
    pooled = hidden.mean(axis=0) if len(hidden) else parts[0].pooled
    pooled = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
    heads = {k: np.concatenate([p.heads[k] for p in parts]) for k in parts[0].heads}
    starts, ends, words = (np.concatenate([getattr(p, f) for p in parts]) for f in ("starts", "ends", "words"))
    return Encoded(starts, ends, words, hidden, pooled, heads)
