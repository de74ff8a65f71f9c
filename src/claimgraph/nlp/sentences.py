"""Sentence spans of clean text.

sentencex (Wikimedia's rule-based segmenter, ~300 languages, no model to download) finds the
boundaries; this module turns its strings back into offsets, keeps every sentence inside one
paragraph (a blank line always ends a sentence, so a thread post or a headline never runs into
the next), and trims surrounding whitespace so spans start and end on text.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Iterator

from sentencex import segment

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# entities, events and claims each split the same clean text: the last few results are kept, keyed
# by (text, language) -- the text object's hash is computed once and cached by Python.
_CACHE_SIZE = 8
_cache: OrderedDict[tuple[str, str], tuple[tuple[int, int], ...]] = OrderedDict()
_cache_lock = threading.Lock()


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
    """(start, end) of each sentence of ``text``, in order, never crossing a paragraph break."""
    key = (text, language or "en")
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return list(cached)
    spans = _split(*key)
    with _cache_lock:
        _cache[key] = tuple(spans)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return spans


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
                spans.append((s, e))
            cursor = found + len(stripped)
    return spans
