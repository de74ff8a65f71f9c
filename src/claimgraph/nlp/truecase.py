"""Truecasing of all-capitals text ("SEVEN PEASANTS WERE KILLED BY THE FMLN IN SAN MIGUEL" -> "Seven
peasants were killed by the FMLN in San Miguel"), for the parser and taggers only.

Old wires, headlines and many channel posts are written in capitals, and a tagger or parser trained on
mixed case reads every word of them as a proper name. The truecaser gives a *shadow* of the text, of the
same length, in which each word of a shouting sentence takes the casing it most often has in running
news text (``data/lexicons/truecase.tsv.gz``, built by scripts/build_truecase.py from texts the project
may use and the ontology's and gazetteer's names), the first word of a sentence a capital. Offsets into
the shadow are offsets into the original, so every span keeps pointing at the document's own characters:
parse or tag the shadow, take the text of a span from the original.

A word the table lacks is a name more often than not (common words are in it): it gets a capital, or
stays in capitals when it looks like an acronym (no vowel, or three letters at most).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

TABLE = "truecase.tsv.gz"
# a sentence shouts when this share of its cased letters are capitals, and it has enough letters to tell
SHOUTING_SHARE = 0.8
MIN_LETTERS = 8
# a word: letters, joined by an apostrophe, a hyphen or a dot inside ("COUNTRY'S", "U.S", "M-19")
WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
_VOWELS = frozenset("AEIOUY")
# is_shouting counts ASCII letters by deleting them (str.translate runs in C): ~15x faster than
# testing letter by letter, and every sentence of every document is asked
_WITHOUT_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")
_WITHOUT_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_WITHOUT_ASCII = dict.fromkeys(range(128))
WORD_CACHE = 50_000  # (word, first) -> form entries kept: words of shouting text repeat


class TruecaseError(ValueError):
    """The truecasing table cannot be read."""


class Truecaser:
    """Word -> its usual casing (``forms``: lower-cased word -> form as usually written)."""

    def __init__(self, forms: dict[str, str]):
        self.forms = forms
        self._cache: dict[tuple[str, bool], str] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> Truecaser:
        return _load(str(path) if path is not None else str(resources.files("claimgraph") / "data/lexicons" / TABLE))

    def word(self, word: str, first: bool = False) -> str:
        """``word`` (any casing) as usually written; the first word of a sentence with a capital."""
        form = self.forms.get(word.lower())
        if form is None:
            form = self._unknown(word)
        if first and form[:1].islower():
            form = form[:1].upper() + form[1:]
        return form if len(form) == len(word) else word  # a casing that changes the length keeps offsets wrong

    def _unknown(self, word: str) -> str:
        pieces = re.split(r"(['’.\-])", word)
        if len(pieces) > 1:  # "COUNTRY'S", "SAN-MIGUEL": each part on its own, the "S" after an apostrophe low
            out = []
            for i, piece in enumerate(pieces):
                if i % 2 or not piece:
                    out.append(piece)
                elif i >= 2 and pieces[i - 1] in "'’" and len(piece) <= 2:
                    out.append(piece.lower())
                else:
                    found = self.forms.get(piece.lower())
                    out.append(found if found is not None else self._name(piece))
            return "".join(out)
        return self._name(word)

    @staticmethod
    def _name(word: str) -> str:
        upper = word.upper()
        if len(word) <= 3 or not (set(upper) & _VOWELS):
            return upper  # an acronym: "FMLN", "ELN", "PNP"
        return word[:1].upper() + word[1:].lower()

    def sentence(self, text: str) -> str:
        """One sentence's words in their usual casing (the first with a capital), same length."""
        out, last = [], 0
        first = True
        cache = self._cache
        for hit in WORD.finditer(text):
            out.append(text[last : hit.start()])
            word = hit.group(0)
            form = cache.get((word, first))
            if form is None:  # ``word`` is a pure function of the table: its answers are kept
                form = self.word(word, first)
                if len(cache) < WORD_CACHE:
                    cache[word, first] = form
            out.append(form)
            first = False
            last = hit.end()
        out.append(text[last:])
        return "".join(out)

    def shadow(self, text: str, spans: Iterable[tuple[int, int]]) -> str:
        """``text`` with each shouting sentence (``spans``: sentence offsets) truecased; the rest as it
        is. Same length: a shadow offset is an original offset."""
        pieces, last = [], 0
        for start, end in spans:
            if start < last:
                continue
            piece = text[start:end]
            if not is_shouting(piece):
                continue
            pieces.append(text[last:start])
            pieces.append(self.sentence(piece))
            last = end
        if not pieces:
            return text
        pieces.append(text[last:])
        shadow = "".join(pieces)
        if len(shadow) != len(text):  # cannot happen (each word keeps its length); never shift offsets
            return text
        return shadow


def is_shouting(text: str) -> bool:
    """Whether ``text`` is written in capitals: at least SHOUTING_SHARE of its cased letters, MIN_LETTERS
    letters at least."""
    # ASCII letters (all cased) are counted in C by deleting them; only the other characters, few in
    # news, are tested one by one. The same counts as testing every letter, ~10x faster.
    rest = text.translate(_WITHOUT_LOWER)
    plain = rest.translate(_WITHOUT_UPPER)
    upper = len(rest) - len(plain)
    cased = letters = len(text) - len(plain)
    if not plain.isascii():
        others = _LETTER.findall(plain.translate(_WITHOUT_ASCII))
        letters += len(others)
        cased += sum(c.islower() or c.isupper() for c in others)
        upper += sum(c.isupper() for c in others)
    if letters < MIN_LETTERS:
        return False
    return bool(cased) and upper >= SHOUTING_SHARE * cased


@lru_cache(maxsize=4)
def _load(path: str) -> Truecaser:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]
    except OSError as exc:
        raise TruecaseError(f"{path}: cannot read the truecasing table: {exc}") from exc
    forms = {}
    for n, line in enumerate(lines, 1):
        if "\t" in line or " " in line:
            raise TruecaseError(f"{path}: line {n}: one word per line, got {line!r}")
        forms[line.lower()] = line
    return Truecaser(forms)
