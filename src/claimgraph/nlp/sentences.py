"""Sentence spans of clean text: the one sentence segmentation.

sentencex (Wikimedia's rule-based segmenter, ~300 languages, no model to download) finds the
boundaries; this module turns its strings back into offsets, keeps every sentence inside one
paragraph (a blank line always ends a sentence, so a thread post or a headline never runs into
the next), and trims surrounding whitespace so spans start and end on text.

A document is split once, by the language step, into ``Document.sentences``; entities, events and
claims read them there (``document_sentences``). ``sentence_spans`` serves texts that are not a
document's clean text (claim texts compared by the stance model).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from sentencex import segment

if TYPE_CHECKING:
    from claimgraph.model import Document

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Title abbreviations (``data/lexicons/title_abbreviations.txt``) after which a break is undone."""
    text = (resources.files("claimgraph") / "data" / "lexicons" / "title_abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def document_sentences(doc: Document) -> tuple[tuple[int, int], ...]:
    """The sentences of ``doc.clean_text``: those the language step split, or for a document that did
    not go through it (built by hand, read back from the store) the same split, made now."""
    if doc.sentences is not None:
        return doc.sentences
    return tuple(sentence_spans(doc.clean_text, doc.language))


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, language: str | None = "en") -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, in order, never crossing a paragraph break; in
    ``language`` (English when None)."""
    return _split(text, language or "en")


def _split(text: str, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        paragraph = text[p_start:p_end]
        if not paragraph.strip():
            continue
        cursor = 0
        for sentence in segment(lang, paragraph):
            stripped = sentence.strip()
            if not stripped:
                continue
            found = paragraph.find(stripped, cursor)
            if found < 0:  # the segmenter altered the text: fall back to the rest of the paragraph
                found = cursor
                stripped = paragraph[cursor:]
            s, e = _trimmed(text, p_start + found, p_start + found + len(stripped))
            if e > s:
                _append(spans, text, s, e, p_start)
            cursor = found + len(stripped)
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int, paragraph: int) -> None:
    """Add a sentence, or join it to the one before when that one ends in a title abbreviation
    ("Ms." before "Gedrich said."): sentencex breaks after some titles (Ms., Amb.), which left the
    speaker's title alone and the reported speech without its speaker in every stage. Never across
    a paragraph break (``paragraph``: where this sentence's paragraph starts)."""
    if spans and spans[-1][0] >= paragraph:
        last = text[spans[-1][0] : spans[-1][1]].rsplit(None, 1)[-1]
        if last in _titles() and text[start : start + 1].isupper():
            spans[-1] = (spans[-1][0], end)
            return
    spans.append((start, end))
