"""Check-worthiness: is a sentence a checkable assertion, and how much so (a score in [0, 1]).

A logistic regression over transparent features of the sentence (``worth_features``): numbers,
capitalised names, concrete event words, dates, evidence, an attribution cue raise it; evaluative
words, first-person and opinion markers, exhortation ("It is essential to ..."), questions,
boilerplate (sharing, bylines, captions) and fragments (headings, links) lower it. The words are
the lexicon's (``data/claims/<language>/detect.yaml``); the weights are
``data/models/checkworthiness.npz``, trained by ``scripts/train_checkworthiness.py`` on the
project-written graded set (docs/models/checkworthiness.md). Framing such as "it is noteworthy
that" is skipped, and the complement after it is what gets judged.
"""

from __future__ import annotations

import functools
import io
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from itertools import repeat
from operator import itemgetter

import numpy as np

from ..nlp.months import MONTHS
from ..nlp.tokens import LETTERED_WORD
from .lexicon import ClaimLexicon

_MIN_WORDS = 5
_EDGE_PUNCTUATION = ".,;:!?()\"'“”«»„"  # stripped from a word before it is looked up
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b")
_first = itemgetter(0)
_MONTHS_BUT_MAY = frozenset(MONTHS) - {"may"}

# The features, in the order of the model's weights; each is scaled to about [0, 1].
FEATURES = (
    "quantity",  # the sentence holds a number or count
    "names",  # capitalised words after the first, up to 4
    "factual",  # concrete event words, up to 3
    "date",  # a year, month name or time word
    "evidence",  # it names evidence or its absence ("footage", "absence of videos")
    "attribution",  # an attribution cue was found in it
    "subjective",  # evaluative words, up to 3
    "first_person",  # I, we, our, my, us, up to 2
    "opinion",  # opinion markers ("in my view", "i think"); a hedge is no opinion: "may have moved" is checkable
    "exhortation",  # led by advice or a call ("we must", "it is essential to")
    "question",
    "boilerplate",  # sharing, bylines, captions, links
    "fragment",  # no verb, or fewer than five words
    "headline",  # title case without a full stop
    "length",  # log of the word count, scaled
)


@dataclass(frozen=True, slots=True)
class Worthiness:
    score: float
    content_start: int  # after any framing ("it is noteworthy that")
    reason: str  # what decided it: "fragment", "exhortation", "fragment_unless_attributed" or "scored"
    attributed_score: float = 0.0  # the same sentence's score once an attribution cue was found in it


@dataclass(frozen=True)
class WorthModel:
    """The weights of ``FEATURES`` and the bias of the check-worthiness regression."""

    weights: np.ndarray
    bias: float

    @classmethod
    def load(cls, path=None) -> WorthModel:
        """The shipped model (or the file ``path``); a file that is no model of ``FEATURES`` is an error naming it."""
        path = path if path is not None else resources.files("claimgraph") / "data" / "models" / "checkworthiness.npz"
        try:
            with np.load(io.BytesIO(path.read_bytes())) as data:
                names = tuple(str(n) for n in data["features"])
                weights, bias = np.asarray(data["weights"], dtype=np.float64), float(data["bias"])
        except (OSError, KeyError, ValueError) as e:
            raise ValueError(f"{path}: not a check-worthiness model ({e})") from None
        if names != FEATURES or weights.shape != (len(FEATURES),):
            raise ValueError(f"{path}: model features {names} are not the stage's {FEATURES}")
        return cls(weights, bias)

    def score(self, x: list[float]) -> float:
        # a plain dot product: a numpy call per sentence costs more than the 15 products
        return 1.0 / (1.0 + math.exp(-(sum(map(operator.mul, self._weights, x)) + self.bias)))

    @functools.cached_property
    def _weights(self) -> tuple[float, ...]:
        return tuple(map(float, self.weights))


def _skip_frames(text: str, start: int, end: int, lex: ClaimLexicon) -> int:
    pos = start
    while True:
        while pos < end and (text[pos].isspace() or text[pos] in ",–—-"):
            pos += 1
        m = lex.frames.starts(text, pos, end)
        if m is None:
            return pos
        pos = m.end()


def worth_features(
    text: str, start: int, end: int, lex: ClaimLexicon, *, quantities: Callable[[], int], attributed: bool = False
) -> tuple[list[float], int, str]:
    """(the sentence's ``FEATURES``, where its content starts after any framing, the reason: "exhortation",
    "fragment" (a headline), "fragment_unless_attributed" (no verb: "“...,” he said." is no fragment) or
    "scored"). ``quantities()`` counts the sentence's quantities (finding them is costly: called once)."""
    sentence = text[start:end]
    words = LETTERED_WORD.findall(sentence.replace("’", "'"))
    # the word tests run over the whole sentence at once (map, set operations), not word by word:
    # the stage scores every sentence
    lowered = [*map(str.lower, map(str.strip, words, repeat(_EDGE_PUNCTUATION)))]
    content_start = _skip_frames(text, start, end, lex)
    capitalised = sum(map(str.isupper, map(_first, words))) if words else 0
    fragment = len(words) < _MIN_WORDS or not _has_verb(lowered, lex)
    stripped = sentence.rstrip()
    headline = len(words) >= 4 and capitalised / len(words) > 0.7 and not stripped.endswith((".", "!", "?"))
    exhortation = bool(lex.exhortations.find(text, content_start, end))
    low_set = set(lowered)
    # a month name ("may" only as "May"): set operations, not a test per word
    months = not _MONTHS_BUT_MAY.isdisjoint(low_set) or "May" in words
    x = [
        1.0 if quantities() else 0.0,
        min(4, max(0, capitalised - 1)) / 4,
        min(3, sum(map(lex.factual.__contains__, lowered))) / 3,
        1.0 if (months or not lex.time_words.isdisjoint(low_set) or _YEAR.search(sentence)) else 0.0,
        1.0 if (lex.evidence_nouns.find(text, start, end) or lex.unverified.find(text, start, end)) else 0.0,
        1.0 if attributed else 0.0,
        min(3, sum(map(lex.subjective.__contains__, lowered))) / 3,
        min(2, sum(map(lex.first_person.__contains__, lowered))) / 2,
        1.0 if lex.opinion_markers.find(text, start, end) else 0.0,
        1.0 if exhortation else 0.0,
        1.0 if stripped.endswith("?") else 0.0,
        1.0 if ("http" in sentence or "@" in sentence or lex.boilerplate.find(text, start, end)) else 0.0,
        1.0 if fragment else 0.0,
        1.0 if headline else 0.0,
        min(1.0, math.log1p(len(words)) / math.log1p(40)),
    ]
    reason = (
        "fragment"
        if headline
        else "exhortation"
        if exhortation
        else "fragment_unless_attributed"
        if fragment
        else "scored"
    )
    return x, content_start, reason


_ATTRIBUTION = FEATURES.index("attribution")
_CAPS = {"fragment": 0.05, "exhortation": 0.1}


def checkworthiness(text: str, start: int, end: int, lex: ClaimLexicon, *, quantities: Callable[[], int]) -> Worthiness:
    """The sentence's score as an assertion of its author, and (``attributed_score``) as a reported one;
    ``with_attribution`` picks the latter when an attribution cue was found in it."""
    x, content_start, reason = worth_features(text, start, end, lex, quantities=quantities)
    score = lex.worth_model.score(x)
    x[_ATTRIBUTION] = 1.0
    attributed = lex.worth_model.score(x)
    # a headline or an exhortation is never a claim, whatever its words: capped below the threshold,
    # still ranked among themselves
    cap = _CAPS.get(reason, 1.0)
    return Worthiness(round(min(cap, score), 3), content_start, reason, round(min(cap, attributed), 3))


def _has_verb(lowered: list[str], lex: ClaimLexicon) -> bool:
    return (
        not lex.verbs.isdisjoint(lowered)
        or not lex.irregular_verbs.isdisjoint(lowered)  # "set fire", "took control": no "-ed"
        or any(map(str.endswith, lowered, repeat(lex.verb_suffixes)))
    )


def with_attribution(worth: Worthiness) -> Worthiness:
    """The score of the same sentence once an attribution cue was found in it (a headline or an
    exhortation keeps its own)."""
    if worth.reason in ("fragment", "exhortation"):
        return worth
    return Worthiness(worth.attributed_score, worth.content_start, "scored", worth.attributed_score)
