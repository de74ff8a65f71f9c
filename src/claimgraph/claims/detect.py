"""Check-worthiness: is a sentence a checkable assertion, and how much so (a score in [0, 1]).

Transparent evidence from the lexicon in ``data/claims/detect.yaml``, added up: attribution cues,
numbers and concrete event words raise the score; exhortation ("It is essential to ..."),
evaluative words and fragments (headings, bylines, links) lower it. Framing such as "it is
noteworthy that" is skipped, and the complement after it is what gets judged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

from ..nlp.tokens import LETTERED_WORD
from .lexicon import ClaimLexicon

_BASE = 0.45
_WEIGHTS = {
    "attribution": 0.25,
    "quantity": 0.15,
    "factual": 0.08,  # per concrete word, up to 3
    "name": 0.05,  # per capitalised word after the first, up to 3
    "subjective": -0.08,  # per evaluative word, up to 4
    "question": -0.3,
    "evidence": 0.1,  # it names evidence or its absence ("footage", "absence of videos")
}
_FRAGMENT_SCORE = 0.05  # headings, bylines, links: no verb, few words, or title case
_EXHORTATION_SCORE = 0.1
_MIN_WORDS = 5
_EDGE_PUNCTUATION = ".,;:!?()\"'“”«»„"  # stripped from a word before it is looked up
_first = itemgetter(0)


@dataclass(frozen=True, slots=True)
class Worthiness:
    score: float
    content_start: int  # after any framing ("it is noteworthy that")
    reason: str  # what decided it: "fragment", "exhortation", or "scored"


def _skip_frames(text: str, start: int, end: int, lex: ClaimLexicon) -> int:
    pos = start
    while True:
        while pos < end and (text[pos].isspace() or text[pos] in ",–—-"):
            pos += 1
        m = lex.frames.starts(text, pos, end)
        if m is None:
            return pos
        pos = m.end()


def checkworthiness(text: str, start: int, end: int, lex: ClaimLexicon, *, quantities: Callable[[], int]) -> Worthiness:
    """The sentence's score as an assertion of its author; ``with_attribution`` adjusts it when an
    attribution cue was found in it. ``quantities()`` counts the sentence's quantities (called only
    when the score depends on it: finding them is costly)."""
    sentence = text[start:end]
    words = LETTERED_WORD.findall(sentence.replace("’", "'"))
    # the word tests run over the whole sentence at once (map, set operations), not word by word:
    # the stage scores every sentence
    lowered = [*map(str.lower, map(str.strip, words, repeat(_EDGE_PUNCTUATION)))]
    content_start = _skip_frames(text, start, end, lex)
    if len(words) < _MIN_WORDS or "http" in sentence or not _has_verb(lowered, lex):
        # an attribution cue is a verb: "“...,” he said." is no fragment
        return Worthiness(_FRAGMENT_SCORE, content_start, "fragment_unless_attributed")
    capitalised = sum(map(str.isupper, map(_first, words)))
    if len(words) >= 4 and capitalised / len(words) > 0.7 and not sentence.rstrip().endswith((".", "!", "?")):
        return Worthiness(_FRAGMENT_SCORE, content_start, "fragment")  # a headline
    if lex.exhortations.find(text, content_start, end):
        return Worthiness(_EXHORTATION_SCORE, content_start, "exhortation")
    score = _BASE
    if quantities():
        score += _WEIGHTS["quantity"]
    score += _WEIGHTS["factual"] * min(3, sum(map(lex.factual.__contains__, lowered)))
    score += _WEIGHTS["name"] * min(3, max(0, capitalised - 1))
    score += _WEIGHTS["subjective"] * min(4, sum(map(lex.subjective.__contains__, lowered)))
    if lex.evidence_nouns.find(text, start, end) or lex.unverified.find(text, start, end):
        score += _WEIGHTS["evidence"]
    if sentence.rstrip().endswith("?"):
        score += _WEIGHTS["question"]
    return Worthiness(round(min(1.0, max(0.0, score)), 3), content_start, "scored")


def _has_verb(lowered: list[str], lex: ClaimLexicon) -> bool:
    return not lex.verbs.isdisjoint(lowered) or any(map(str.endswith, lowered, repeat(lex.verb_suffixes)))


def with_attribution(worth: Worthiness) -> Worthiness:
    """The score of the same sentence once an attribution cue was found in it."""
    if worth.reason in ("fragment", "exhortation"):
        return worth
    base = _BASE if worth.reason == "fragment_unless_attributed" else worth.score
    return Worthiness(round(min(1.0, base + _WEIGHTS["attribution"]), 3), worth.content_start, "scored")
