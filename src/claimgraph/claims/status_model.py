"""The learned half of the epistemic status: does a reported claim reject what it reports?

A speaker rejects a proposition in many ways besides a denial verb: by dismissing it ("dismissed the
claims as propaganda", "called the video a hoax"), by ridicule ("laughed off reports that ...",
"scoffed at suggestions that ..."), by refutation ("debunked claims that ..."), by calling it false
("said the reports were baseless"), by negating its own part ("said it had no role in ..."). And a
denial verb may not deny a proposition at all ("denied entry to journalists", "rejected the peace
offer", "did not deny carrying out the attack"). A word list cannot tell these apart; a small
logistic regression over the claim's parts does (``scripts/train_status.py``, card
docs/models/status.md, data ``data/synthetic/status/`` and the status set's train lines).

Features of one attributed claim: the cue's words, the words between the speaker and the cue ("laughed
off", "did not", "flatly"), the first words after the content ("as propaganda", "calling them lies"), the
content's first and last words (never a bag of all its words: a long real sentence would add up many small
weights, whatever it says), the cue's class
from the lexicon, the status rules' own findings (a falsity word, a negated involvement, a contested
claim: one feature each, not the decision), a negation or a modal just before the cue, and the static MiniLM vectors of
the frame words and of the content's last words, so that a dismissal word never seen in training
("rubbished", "pooh-poohed") still lands near the ones seen.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ..nlp.tokens import WORD_OR_MARK
from .lexicon import ClaimLexicon

MODEL_NAME = "status_denial"
_HEAD_WORDS = 3  # the content's first and last words as features of their own
_BEFORE_CUE = 3  # words just before the cue that may negate or soften it ("did not deny", "would not deny")
_AFTER_CONTENT = 5  # words after the content that may label it ("as propaganda", "calling it a hoax")


@dataclass(frozen=True)
class ClaimParts:
    """Where a claim's parts lie in the text (character offsets); ``cue`` and ``source`` may be absent."""

    sentence: tuple[int, int]
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    cue_class: str | None


def _words(text: str, start: int, end: int) -> list[str]:
    return [m.group(0).lower() for m in WORD_OR_MARK.finditer(text, start, end) if m.group(0)[0].isalnum()]


def _frame(text: str, parts: ClaimParts) -> list[str]:
    """The words that frame the content, a bounded few whatever the sentence's length: the cue's, the
    ones just before it, and the ones just after the content ("... as propaganda", "..., calling it a
    lie"); a bag of a long sentence's words would say more about its length than about a rejection."""
    content = parts.content
    cue = parts.cue or (content[0], content[0])
    holes = [content] + ([parts.source] if parts.source else [])
    before = [
        m.group(0).lower()
        for m in WORD_OR_MARK.finditer(text, parts.sentence[0], cue[0])
        if m.group(0)[0].isalnum() and not any(s <= m.start() < e for s, e in holes)
    ][-_BEFORE_CUE:]
    after = _words(text, content[1], parts.sentence[1])[:_AFTER_CONTENT]
    return before + _words(text, *cue) + after


def sparse_features(text: str, parts: ClaimParts, lex: ClaimLexicon) -> list[str]:
    """The named (binary) features of one claim."""
    from .status import contested, early_negation, reported_denial  # status builds on this module's model

    content = parts.content
    cue = parts.cue or (content[0], content[0])
    source = parts.source
    c_words = _words(text, *content)
    before_start = source[1] if source and source[1] <= cue[0] else parts.sentence[0]
    before = _words(text, before_start, cue[0]) if cue[0] >= before_start else []
    frame = _words(text, content[1], parts.sentence[1])[:_AFTER_CONTENT]
    feats = [f"class={parts.cue_class}"]
    # a report cue's own word says nothing of a rejection, and its nouns and verbs are one form ("Sky News
    # reports ..." and "dismissed reports that ..."): the words before it tell them apart
    if parts.cue_class != "report":
        feats += [f"cue={w}" for w in _words(text, *cue)]
    feats += [f"pre={w}" for w in before[-_BEFORE_CUE:]]
    feats += [f"frame={w}" for w in frame]
    feats += [f"head={w}" for w in c_words[:_HEAD_WORDS]]
    feats += [f"tail={w}" for w in c_words[-_HEAD_WORDS:]]
    rules = lex.status
    if rules.falsity.find(text, *parts.sentence):
        feats.append("falsity_in_sentence")
    if rules.falsity.find(text, *content):
        feats.append("falsity_in_content")
    if early_negation(text, *content, lex) is not None:
        feats.append("early_negation")
    if reported_denial(text, *content, lex):
        feats.append("rules_denial")
    if contested(text, parts.sentence, content, True, lex):
        feats.append("rules_contested")
    near = before[-_BEFORE_CUE:]
    if any(w in lex.negation or w.endswith("n't") for w in near):
        feats.append("negated_cue")
    if any(w in rules.modals for w in near):
        feats.append("modal_cue")
    if not c_words:
        feats.append("empty_content")
    return feats


def dense_features(text: str, parts: ClaimParts, vectors) -> np.ndarray:
    """The static vectors of the frame (cue, the words before it, the rest outside the content) and
    of the content's last words."""
    tail = _words(text, *parts.content)[-_HEAD_WORDS:]
    return np.concatenate([vectors.mean(_frame(text, parts)), vectors.mean(tail)]).astype(np.float32)


class StatusModel:
    """Logistic regression: P(the claim's speaker rejects the proposition it reports)."""

    def __init__(self, vocabulary: dict[str, int], weights: np.ndarray, bias: float, threshold: float, vectors):
        self.vocabulary = vocabulary
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.vectors = vectors
        self._sparse_dim = len(vocabulary)

    def probability(self, text: str, parts: ClaimParts, lex: ClaimLexicon) -> float:
        idx = {self.vocabulary[f] for f in sparse_features(text, parts, lex) if f in self.vocabulary}
        score = self.bias + float(self.weights[list(idx)].sum()) if idx else self.bias
        score += float(self.weights[self._sparse_dim :] @ dense_features(text, parts, self.vectors))
        return 1.0 / (1.0 + np.exp(-score))

    def decide(self, text: str, parts: ClaimParts, lex: ClaimLexicon) -> str:
        """ "rejects" (probability at least the threshold), "accepts" (at most one minus it: as sure the
        other way) or "unsure" (the rules decide)."""
        p = self.probability(text, parts, lex)
        return "rejects" if p >= self.threshold else "accepts" if p <= 1.0 - self.threshold else "unsure"


def model_files():
    base = resources.files("claimgraph") / "data" / "models"
    return base / f"{MODEL_NAME}.npz", base / f"{MODEL_NAME}.json"


@functools.lru_cache(maxsize=1)
def load_status_model() -> StatusModel | None:
    """The shipped model (English), or None where its files are absent (a language or an install
    without it: the status rules alone decide)."""
    from claimgraph.events.features import shared_word_vectors
    from claimgraph.link.embeddings import STATIC_MODEL_DIR

    npz, meta = model_files()
    if not npz.is_file() or not meta.is_file():
        return None
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        with np.load(str(npz)) as arrays:
            weights = arrays["weights"].astype(np.float32)
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(f"{npz}: cannot read the status model: {exc}") from exc
    vocabulary = {f: i for i, f in enumerate(info["features"])}
    if weights.shape[0] != len(vocabulary) + 2 * int(info["dense_dim"]):
        raise ValueError(f"{npz}: {weights.shape[0]} weights for {len(vocabulary)} features and dense vectors")
    return StatusModel(
        vocabulary, weights, float(info["bias"]), float(info["threshold"]), shared_word_vectors(STATIC_MODEL_DIR)
    )


def claim_rejects(
    text: str,
    sentence: tuple[int, int],
    content: tuple[int, int],
    cue: tuple[int, int],
    source: tuple[int, int] | None,
    cue_class: str | None,
    lex: ClaimLexicon,
) -> str | None:
    """The model's decision for one attributed claim (``StatusModel.decide``); None where there is no
    model for the language (the status rules decide alone)."""
    model = load_status_model() if lex.language == "en" else None
    if model is None:
        return None
    return model.decide(text, ClaimParts(sentence, content, cue, source, cue_class), lex)
