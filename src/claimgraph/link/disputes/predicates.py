"""What a claim asserts, apart from whom and where it names: the claims disputes compare it (issue 16.3).

The propositions' claim vectors weigh a sentence's actors and places as much as its verbs, so a denial of
one act ("denied that its troops had planted landmines in Kyauktaw") is as near an assertion of another
by the same actors in the same town ("forced young men of Kyauktaw to join its ranks") as the assertion
it answers; and an answer worded apart ("no artillery fire from our units hit the market" against "the army
shelled the market") falls below the match however plainly it names the same market. Two readings of each
claim decide instead:

- its *predicate*: the claim's words less its speaker, its names (capitalised words), its numbers and
  its negations (the stance reads the polarity),
  embedded with the static word vectors (the fast mode's, in both modes: the threshold was chosen on them).
  Two claims whose predicates are less similar than ``predicate_similarity`` assert different things
  whatever they share besides (names, places and numbers are compared by the story blocking);
- its *acts*: the types the events stage gave the events of its sentence, less statements (a denial, an
  accusation, a claim of responsibility): two claims whose sentences both tell of acts and share no act
  that can be one (event co-reference's rule: the same type, or one family and one type general) tell of
  two acts.

An affirmation and a denial that name one place below a country, whose acts can be one and whose
predicates agree, are anchored: they meet from ``anchored_similarity`` (``denials._match_scores``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import numpy as np

from ...events.coref import CorefSettings
from ..embeddings import Embedder

# words a speaker or a name is written with: capitalised inside the sentence (a sentence's first word too,
# "Gunmen attacked ...", is lost: one word of many)
_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*")
_NUMBER = re.compile(r"\d[\d,.]*")
# negations: the proposition is compared, not its polarity (the stance reads that: one side affirms, one denies)
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor)\b|n['’]t\b", re.IGNORECASE)


def predicate_text(claim: dict | None) -> str:
    """The claim's words less its speaker span, its names, its numbers and its negations ("Residents said
    soldiers arrested 40 men in Gubio" -> "said soldiers arrested men in"). ``claim``: ``text`` and ``start`` (document
    offset of the text), ``speaker_start``/``speaker_end`` (document offsets, None without a speaker)."""
    return " ".join(_NEGATION.sub(" ", _NUMBER.sub(" ", _NAME.sub(" ", predicate_source(claim)))).split())


def predicate_source(claim: dict | None) -> str:
    """The claim's text less its speaker span (what the speaker says, not who says it)."""
    if not claim or not claim.get("text"):
        return ""
    text, start = claim["text"], claim.get("start") or 0
    s, e = claim.get("speaker_start"), claim.get("speaker_end")
    if s is not None and e is not None and 0 <= s - start < e - start <= len(text):
        text = text[: s - start] + " " + text[e - start :]
    return text


@functools.cache
def _static() -> Embedder:
    return Embedder("fast")


class Predicates:
    """Each claim's predicate vector (``predicate_text`` embedded by the static vectors), made once per
    claim and only for the claims asked of."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}

    def vectors(self, rows: dict[str, dict | None], ids: Iterable[str]) -> dict[str, np.ndarray]:
        """claim id -> its predicate vector, for ``ids`` (``rows``: claim id -> its ``claim`` fields)."""
        wanted = sorted({i for i in ids if i not in self._vectors})
        if wanted:
            made = _static().encode([predicate_text(rows.get(i)) for i in wanted])
            self._vectors.update(zip(wanted, made, strict=True))
        return self._vectors

    def similarity(self, rows: dict[str, dict | None], a: str, b: str) -> float:
        v = self.vectors(rows, (a, b))
        return float(v[a] @ v[b])


def acts(types: Iterable[str | None], statement_types: frozenset[str]) -> frozenset[str]:
    """The act types among a sentence's event types: none of a statement (``statement_types``)."""
    return frozenset(t for t in types if t and t not in statement_types)


_NONE: frozenset[str] = frozenset()


def acts_agree(a: frozenset[str], b: frozenset[str], coref: CorefSettings) -> bool:
    """Whether two sentences' acts can be one: either tells of none, or one type of each is the same, or
    shares a family with the other's while one of them is general or a report ("an attack" and "a
    drone strike"; "a claim of responsibility" and "a bombing"): event co-reference's rule."""
    if not a or not b:
        return True
    loose = coref.general_types | coref.report_types
    return any(
        x == y or ((x in loose or y in loose) and bool(coref.families.get(x, _NONE) & coref.families.get(y, _NONE)))
        for x in a
        for y in b
    )
