"""Builds the clean text from what the rules left, recording every piece in the offset map.

Layout of the clean text: lines are trimmed, whitespace runs inside a line become one space,
lines of one paragraph are separated by "\n", paragraphs by "\n\n" (a blank or removed raw line
ends a paragraph), and a sentence re-joined by split-join gets one space. Words are in NFC.
Raw text kept as is is copied (verbatim segments); every other output character is a
substituted segment standing for the raw span it replaces, so each raw character ends up either
in a removal or under a segment.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from claimgraph.clean.rules import WHITESPACE_RULE
from claimgraph.clean.spans import DocumentState, Line
from claimgraph.clean.steps import paragraphs
from claimgraph.model import OffsetMap, TextBuilder

_TOKEN = re.compile(r"\s+|\S+")
# a whitespace run that is not a single " " (a run of two or more, or one other space character):
# the runs the clean text changes, found without stepping through every word gap in Python
_ODD_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")


def build_text(state: DocumentState) -> tuple[str, OffsetMap]:
    """The clean text and its offset map; blank space around the kept text is added to the removals."""
    out = TextBuilder()
    raw = state.raw
    first_start: int | None = None
    prev_end = 0
    for para in paragraphs(state):
        for ll, logical in enumerate(para):
            for k, line in enumerate(logical):
                start, end = state.content_extent(line)
                if first_start is None:
                    first_start = start
                else:
                    _emit_gap(out, state, prev_end, start, " " if k else "\n" if ll else "\n\n")
                _emit_line(out, state, line, start, end)
                prev_end = end
    if first_start is None:  # nothing kept
        state.removals.add(0, len(raw), WHITESPACE_RULE)
    else:
        state.removals.add(0, first_start, WHITESPACE_RULE)
        state.removals.add(prev_end, len(raw), WHITESPACE_RULE)
    return out.build()


def _emit_gap(out: TextBuilder, state: DocumentState, start: int, end: int, separator: str) -> None:
    if state.raw[start:end] == separator and state.removals.kept(start, end) == [(start, end)]:
        out.copy(start, end, separator)
    else:
        out.substitute(start, end, separator)


def _emit_line(out: TextBuilder, state: DocumentState, line: Line, start: int, end: int) -> None:
    raw = state.raw
    pieces = [(max(s, start), min(e, end)) for s, e in line.pieces or () if e > start and s < end]
    if len(pieces) == 1 and raw[start:end] == line.key:  # the common case: nothing to normalise
        out.copy(start, end, line.key)
        return
    if len(pieces) == 1 and unicodedata.is_normalized("NFC", raw[pieces[0][0] : pieces[0][1]]):
        _emit_spaced_piece(out, raw, *pieces[0])
        return
    text = "".join(raw[s:e] for s, e in pieces)
    offsets = []  # kept-text offset where each piece starts
    total = 0
    for s, e in pieces:
        offsets.append(total)
        total += e - s

    def to_raw(k: int) -> int:
        i = bisect.bisect_right(offsets, k) - 1
        return pieces[i][0] + k - offsets[i]

    def copy_kept(a: int, b: int) -> None:
        """Copy kept text [a, b), one copy per raw piece it is made of."""
        for i in range(bisect.bisect_right(offsets, a) - 1, bisect.bisect_right(offsets, b - 1)):
            s, e = max(a, offsets[i]), min(b, offsets[i] + pieces[i][1] - pieces[i][0])
            out.copy(to_raw(s), to_raw(s) + e - s, text[s:e])

    for m in _TOKEN.finditer(text):
        a, b = m.span()
        token = m.group()
        first, last = bisect.bisect_right(offsets, a) - 1, bisect.bisect_right(offsets, b - 1) - 1
        raw_start, raw_end = to_raw(a), to_raw(b - 1) + 1
        if token.isspace():
            if token == " " and first == last:
                out.copy(raw_start, raw_end, token)
            else:
                out.substitute(raw_start, raw_end, " ")
            continue
        nfc = unicodedata.normalize("NFC", token)
        if nfc == token:
            copy_kept(a, b)
            continue
        chunks = _nfc_chunks(token)
        if "".join(n for _, _, n in chunks) != nfc:  # cannot happen (see _nfc_chunks); kept safe all the same
            out.substitute(raw_start, raw_end, nfc)
            continue
        for s, e, chunk_nfc in chunks:  # each character NFC changed maps to its own raw characters only
            if chunk_nfc == token[s:e]:
                copy_kept(a + s, a + e)
            else:
                out.substitute(to_raw(a + s), to_raw(a + e - 1) + 1, chunk_nfc)


def _emit_spaced_piece(out: TextBuilder, raw: str, start: int, end: int) -> None:
    """One unbroken raw piece already in NFC whose only change is whitespace: what the token loop of
    ``_emit_line`` gives (words and single spaces copied, other whitespace runs become " "), in one
    copy per stretch between those runs instead of one per word (cleaning's hottest loop)."""
    kept = start
    for m in _ODD_SPACE_RUN.finditer(raw, start, end):
        out.copy(kept, m.start(), raw[kept : m.start()])
        out.substitute(m.start(), m.end(), " ")
        kept = m.end()
    out.copy(kept, end, raw[kept:end])


def _nfc_chunks(word: str) -> list[tuple[int, int, str]]:
    """``word`` cut into stretches NFC treats independently, each with its NFC form: a cut before
    every starter (a character of combining class 0), undone where NFC composes across it (Hangul
    jamo, a few scripts' vowel signs). So a word's NFC is its chunks' NFC forms in order, and a
    composed character stands for its own raw characters only, not for the whole word."""
    chunks: list[tuple[int, int, str]] = []
    starts = [i for i, c in enumerate(word) if i == 0 or not unicodedata.combining(c)]
    for s, e in zip(starts, starts[1:] + [len(word)]):
        nfc = unicodedata.normalize("NFC", word[s:e])
        if chunks:
            prev_s, _, prev_nfc = chunks[-1]
            joined = unicodedata.normalize("NFC", word[prev_s:e])
            if joined != prev_nfc + nfc:
                chunks[-1] = (prev_s, e, joined)
                continue
        chunks.append((s, e, nfc))
    return chunks
