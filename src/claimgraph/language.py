"""Language identification for a document and for each of its paragraphs.

Scraped pages about South and Central Asia often mix languages: an English report quotes a Pashto
statement, a thread switches to Persian. So besides the document's language every paragraph gets
its own, and later stages (entities, claims) can pick the right rules per paragraph.

Uses py3langid (a maintained fork of langid.py, 140 languages including ar, fa, ps, ur, ru) with
normalised probabilities, so ``language_score`` is a probability in [0, 1].
"""

from __future__ import annotations

import re
import threading

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .model import Document, Paragraph

# A paragraph with fewer letters than this inherits the document's language: on a date line, a
# byline or "Read more" the character n-gram model has too little evidence and guesses wildly
# (a 4-letter word can come out as Serbian or Latin with high confidence).
MIN_PARAGRAPH_LETTERS = 20

# Paragraphs are separated by blank lines; cleaning normalises them to "\n\n", but a line of
# spaces between two newlines is still a blank line.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

_identifier: LanguageIdentifier | None = None
_identifier_lock = threading.Lock()


def _get_identifier() -> LanguageIdentifier:
    """The model, loaded once per process (it takes ~0.5 s to decompress)."""
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _letter_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def identify(text: str) -> tuple[str | None, float | None]:
    """(ISO 639 code, probability) for ``text``; (None, None) when it has no letters at all."""
    if not any(ch.isalpha() for ch in text):
        return None, None
    language, probability = _get_identifier().classify(text)
    return language, float(probability)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the non-blank paragraphs of ``text``, trimmed of outer whitespace."""
    spans = []
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    trimmed = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        a += len(chunk) - len(chunk.lstrip())
        trimmed.append((a, a + len(stripped)))
    return trimmed


def detect_language(doc: Document) -> Document:
    """Return ``doc`` with ``language``, ``language_score`` and per-paragraph languages filled in."""
    text = doc.clean_text
    spans = paragraph_spans(text)
    own_guesses: dict[int, tuple[str | None, float | None]] = {}
    letters: dict[int, int] = {}
    for i, (start, end) in enumerate(spans):
        letters[i] = _letter_count(text[start:end])
        if letters[i] >= MIN_PARAGRAPH_LETTERS:
            own_guesses[i] = identify(text[start:end])

    doc_language, doc_score = _document_language(text, own_guesses, letters)
    paragraphs = []
    for i, (start, end) in enumerate(spans):
        # too short for a guess of its own (see MIN_PARAGRAPH_LETTERS): take the document's
        language, score = own_guesses.get(i, (doc_language, doc_score))
        paragraphs.append(Paragraph(start, end, language, score))
    return doc.replace(language=doc_language, language_score=doc_score, paragraphs=tuple(paragraphs))


def _document_language(text: str, own_guesses: dict[int, tuple[str | None, float | None]],
                       letters: dict[int, int]) -> tuple[str | None, float | None]:
    """The whole text's language, unless most of its letters are in paragraphs of another one.

    On mixed text the n-gram model leans to the script with more bytes per character: an English
    report quoting one Arabic paragraph comes out as Arabic. So when the whole-text guess is not
    the language holding most letters, that language wins, scored by the letter-weighted mean of
    its paragraphs' probabilities.
    """
    language, score = identify(text)
    by_language: dict[str, list[tuple[int, float]]] = {}
    for i, (lang, prob) in own_guesses.items():
        if lang is not None:
            by_language.setdefault(lang, []).append((letters[i], prob))
    if not by_language:
        return language, score
    majority, weighted = max(by_language.items(), key=lambda item: sum(n for n, _ in item[1]))
    majority_letters = sum(n for n, _ in weighted)
    if majority == language or majority_letters * 2 <= sum(letters.values()):
        return language, score
    return majority, sum(n * p for n, p in weighted) / majority_letters
