"""Dictionary matcher: every actor and place surface form found in a text, in one pass.

Two Aho-Corasick automata (pyahocorasick): one over case-folded surface keys, run on a folded copy
of the text, and one over the case-sensitive surfaces ("US", "UN") run on the text as it is.

The fold (:data:`FOLD_TABLE`) maps every character to exactly one character, so an offset in the
folded text is the same offset in the original and no offset map is needed: case, Latin
diacritics, dashes, apostrophes, whitespace kinds and Arabic-script letter variants are unified.
Surfaces are folded with the same table; hyphenated surfaces also get their spaced variants
("Islamic State-Khorasan" also as "Islamic State – Khorasan" and "Islamic State Khorasan").

Matches are whole words only, selected leftmost-longest without overlap. A place match must also
start with a capital letter when written in Latin script: lower-case "bar" or "said" are words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from claimgraph.entities.ontology import Ontology
from claimgraph.entities.places import Gazetteer

# Arabic-script letters written with different code points in Dari, Pashto, Urdu and Arabic
# sources (the one-to-one part of ontology._TRANSLATE; dropped harakat cannot be folded in place).
_ARABIC_FOLD = {
    "\u064a": "\u06cc",
    "\u0649": "\u06cc",
    "\u0643": "\u06a9",
    "\u06aa": "\u06a9",
    "\u0629": "\u0647",
    "\u06c0": "\u0647",
    "\u06c1": "\u0647",
    "\u06be": "\u0647",
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0622": "\u0627",
    "\u0671": "\u0627",
}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2e3a\u2e3b"
_APOSTROPHES = "\u2018\u2019\u201a\u201b\u02bc\u02bb\u02b9\u02be\u02bf\u00b4\u0060\u2032\uff07"
_FOLD_LIMIT = 0x3000  # above: CJK and the like, which have no case; presentation forms are added


def _fold_char(ch: str) -> str:
    if ch in _DASHES:
        return "-"
    if ch in _APOSTROPHES:
        return "'"
    if ch in _ARABIC_FOLD:
        return _ARABIC_FOLD[ch]
    if ch.isspace():
        return " "
    folded = ch.casefold()
    if len(folded) != 1:
        folded = ch.lower()
    base = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    if len(base) == 1:
        folded = base
    return folded if len(folded) == 1 else ch


def _build_fold_table() -> dict[int, str]:
    # Identity entries too: str.translate pays for a raised LookupError on every character the
    # table lacks, which made folding five times slower than matching.
    table = {}
    for cp in [*range(_FOLD_LIMIT), *range(0xFB50, 0xFF00)]:
        if not 0xD800 <= cp <= 0xDFFF:
            table[cp] = _fold_char(chr(cp))
    return table


# Built once at import: each entry maps one character to one character (offsets are unchanged).
FOLD_TABLE: dict[int, str] = _build_fold_table()


# The ASCII part of FOLD_TABLE as a bytes table: bytes.translate is a plain C table look-up, where
# str.translate of a text with a single non-ASCII character looks every character up in the dict.
_ASCII_FOLD = bytes(ord(FOLD_TABLE[cp]) for cp in range(128)) + bytes(range(128, 256))  # (only ASCII is fed)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _fold_ascii(text: str) -> str:
    return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")


def fold(text: str) -> str:
    """``text`` folded for matching; ``len(fold(text)) == len(text)``."""
    if text.isascii():
        return _fold_ascii(text)
    # news text is ASCII but for a few quotes and names: fold those runs with the full table
    parts = []
    pos = 0
    for m in _NON_ASCII_RUN.finditer(text):
        parts.append(_fold_ascii(text[pos : m.start()]))
        parts.append(m.group().translate(FOLD_TABLE))
        pos = m.end()
    parts.append(_fold_ascii(text[pos:]))
    return "".join(parts)


_SPACES = re.compile(r" +")
_SPACED_DASH = re.compile(r" ?- ?")


def surface_keys(surface: str) -> set[str]:
    """The folded keys a surface is matched under: as written, and its dash/space variants."""
    key = _SPACES.sub(" ", fold(surface)).strip()
    if key.startswith("the "):  # "the Taliban": the article is not part of the name
        key = key[4:]
    keys = {key}
    if "-" in key:
        tight = _SPACED_DASH.sub("-", key)
        keys |= {tight, tight.replace("-", " - "), tight.replace("-", " ")}
    return {k for k in keys if len(k) >= 2}


@dataclass(frozen=True, slots=True)
class DictMatch:
    """A dictionary hit: ``text == source[start:end]``; actor ids it names and whether it is a place name.
    ``guarded``: an acronym that names its actors only where the document points to their country."""

    start: int
    end: int
    text: str
    actor_ids: tuple[str, ...] = ()
    place: bool = False
    guarded: bool = False


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class DictionaryMatcher:
    """Aho-Corasick over the ontology's and the gazetteer's surface forms. Build once, match many texts."""

    def __init__(self, ontology: Ontology, gazetteer: Gazetteer | None = None):
        entries: dict[str, tuple[set[str], list[bool]]] = {}
        for surface, actor_id in ontology.surface_forms():
            for key in surface_keys(surface):
                entries.setdefault(key, (set(), [False]))[0].add(actor_id)
        if gazetteer is not None:
            for surface, _place_id in gazetteer.surface_forms():
                for key in surface_keys(surface):
                    entries.setdefault(key, (set(), [False]))[1][0] = True
        self._folded = ahocorasick.Automaton()
        for key, (actor_ids, place) in entries.items():
            self._folded.add_word(key, (len(key), tuple(sorted(actor_ids)), place[0], False))
        self._folded.make_automaton()
        self._exact = ahocorasick.Automaton()
        exact = 0
        for surface, actor_id in ontology.case_sensitive_forms():
            self._exact.add_word(surface, (len(surface), (actor_id,), False, False))
            exact += 1
        for surface, actor_ids in ontology.guarded_forms():
            self._exact.add_word(surface, (len(surface), actor_ids, False, True))
            exact += 1
        if exact:
            self._exact.make_automaton()
        self._has_exact = bool(exact)
        self.size = len(entries) + exact

    def _hits(self, automaton: ahocorasick.Automaton, haystack: str, text: str) -> Iterable[DictMatch]:
        n = len(text)
        for last, (length, actor_ids, place, guarded) in automaton.iter(haystack):
            end = last + 1
            start = end - length
            if (start > 0 and _is_word_char(text[start - 1])) or (end < n and _is_word_char(text[end])):
                continue
            first = text[start]
            if place and first.isalpha() and first.isascii() and not first.isupper():
                if not actor_ids:
                    continue
                place = False
            yield DictMatch(start, end, text[start:end], actor_ids, place, guarded)

    def candidates(self, text: str, folded: str | None = None) -> list[DictMatch]:
        """Every whole-word hit, overlapping ones included, sorted by (start, longest first).
        ``folded``: ``fold(text)``, when the caller has it already."""
        hits = list(self._hits(self._folded, fold(text) if folded is None else folded, text))
        if self._has_exact:
            hits.extend(self._hits(self._exact, text, text))
        # a guarded acronym goes before another reading of the same words: its guard may yield to it
        hits.sort(key=lambda m: (m.start, -(m.end - m.start), not m.guarded))
        return hits

    def match(self, text: str) -> list[DictMatch]:
        """Leftmost-longest non-overlapping whole-word hits, in text order."""
        return select_longest(self.candidates(text))


def select_longest(hits: list[DictMatch]) -> list[DictMatch]:
    """From hits sorted by (start, longest first): the leftmost-longest, never overlapping."""
    chosen: list[DictMatch] = []
    end = -1
    for hit in hits:
        if hit.start >= end:
            chosen.append(hit)
            end = hit.end
    return chosen


__all__ = ["FOLD_TABLE", "DictMatch", "DictionaryMatcher", "fold", "select_longest", "surface_keys"]
