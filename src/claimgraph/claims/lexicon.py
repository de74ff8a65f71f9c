"""The claim stage's word lists, read once from ``data/claims/`` (cues, hedges, negation, evidence,
check-worthiness). Code never lists words itself: adding a cue is a data change.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

# Words as the claim stage sees them: hyphenated and apostrophe'd words stay whole ("al-Zawahiri",
# "Taliban's"), punctuation is a token of its own.
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|n't|[^\w\s]")


def _read(name: str) -> str:
    return (resources.files("claimgraph") / "data" / "claims" / name).read_text(encoding="utf-8")


def _lines(name: str) -> tuple[str, ...]:
    return tuple(line.strip().lower() for line in _read(name).splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


@functools.lru_cache(maxsize=256)
def span_words(text: str, start: int, end: int) -> frozenset[str]:
    """The lower-cased words of a span, computed once per span (the stage asks many lists about it)."""
    return frozenset(w.lower() for w in TOKEN.findall(text, start, end))


class PhraseSet:
    """Whole-word phrase matching, case-insensitive: one compiled alternation per list.

    Most spans contain none of a list's phrases; checking the phrases' first words against the
    span's words first skips the regex for them (it made the stage several times faster)."""

    def __init__(self, phrases):
        self.phrases = tuple(sorted({p.lower() for p in phrases}, key=len, reverse=True))
        self.first_words = frozenset(TOKEN.match(p).group(0) for p in self.phrases if TOKEN.match(p))
        alternation = "|".join(re.escape(p) for p in self.phrases)
        self._pattern = re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w-])", re.IGNORECASE)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        end = len(text) if end is None else end
        if self.first_words.isdisjoint(span_words(text, start, end)):
            return []
        return [(m.start(), m.end(), m.group(0).lower()) for m in self._pattern.finditer(text, start, end)]

    def starts(self, text: str, start: int, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        return self._pattern.match(text, start, end)

    def __contains__(self, phrase: str) -> bool:
        return phrase.lower() in self.phrases


def _by_form(groups: dict[str, list[str]]) -> dict[str, str]:
    """{class: [forms]} → {form: class}; a form listed twice keeps its first class."""
    out: dict[str, str] = {}
    for cls, forms in groups.items():
        for form in forms:
            out.setdefault(form.lower(), cls)
    return out


@dataclass(frozen=True)
class ClaimLexicon:
    verb_cues: dict[str, str]  # form -> class (report | belief | deny | dispute)
    noun_cues: dict[str, str]
    noun_links: frozenset[str]
    needs_complementiser: frozenset[str]
    cue_fillers: frozenset[str]
    inverted_verbs: frozenset[str]
    support_verbs: frozenset[str]
    prepositions: PhraseSet
    preposition_class: dict[str, str]
    phrases: PhraseSet
    phrase_class: dict[str, str]
    phrase_verbs: frozenset[str]
    hedges: PhraseSet
    negation: PhraseSet
    unverified: PhraseSet
    cites: PhraseSet
    anaphora: PhraseSet
    dispute_predicates: PhraseSet
    frames: PhraseSet
    exhortations: PhraseSet
    subjective: frozenset[str]
    factual: frozenset[str]
    verbs: frozenset[str]
    threshold: float


@functools.lru_cache(maxsize=1)
def load_lexicon() -> ClaimLexicon:
    cues = yaml.safe_load(_read("cues.yaml"))
    evidence = yaml.safe_load(_read("evidence.yaml"))
    detect = yaml.safe_load(_read("detect.yaml"))
    prepositions = _by_form(cues["prepositions"])
    phrases = _by_form(cues["phrases"])
    return ClaimLexicon(
        verb_cues=_by_form(cues["verbs"]),
        noun_cues=_by_form(cues["nouns"]),
        noun_links=frozenset(cues["noun_links"]),
        needs_complementiser=frozenset(cues["needs_complementiser"]),
        cue_fillers=frozenset(cues["cue_fillers"]),
        inverted_verbs=frozenset(cues["inverted_verbs"]),
        support_verbs=frozenset(cues["support_verbs"]),
        prepositions=PhraseSet(prepositions),
        preposition_class=prepositions,
        phrases=PhraseSet(phrases),
        phrase_class=phrases,
        phrase_verbs=frozenset(cues["phrase_verbs"]),
        hedges=PhraseSet(_lines("hedges.txt")),
        negation=PhraseSet(_lines("negation.txt")),
        unverified=PhraseSet(evidence["unverified"]),
        cites=PhraseSet(evidence["cites"]),
        anaphora=PhraseSet(evidence["anaphora"]),
        dispute_predicates=PhraseSet(evidence["dispute_predicates"]),
        frames=PhraseSet(detect["frames"]),
        exhortations=PhraseSet(detect["exhortations"]),
        subjective=frozenset(detect["subjective"]),
        factual=frozenset(detect["factual"]),
        verbs=frozenset(detect["verbs"]),
        threshold=float(detect["threshold"]),
    )
