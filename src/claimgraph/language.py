"""Language identification for a document and for each of its paragraphs.

Scraped pages about South and Central Asia often mix languages: an English report quotes a Pashto
statement, a thread switches to Persian. So besides the document's language every paragraph gets
its own, and later stages (entities, claims) can pick the right rules per paragraph.

Uses py3langid (a maintained fork of langid.py, 140 languages including ar, fa, ps, ur, ru) with
normalised probabilities, so ``language_score`` is a probability in [0, 1].
"""

from __future__ import annotations

import functools
import re
import unicodedata

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .model import Document, Paragraph
from .nlp.sentences import sentence_spans

# A paragraph with fewer letters than this inherits the document's language: on a date line, a
# byline or "Read more" the character n-gram model has too little evidence and guesses wildly
# (a 4-letter word can come out as Serbian or Latin with high confidence).
MIN_PARAGRAPH_LETTERS = 20

# Paragraphs are separated by blank lines; cleaning normalises them to "\n\n", but a line of
# spaces between two newlines is still a blank line.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

# py3langid walks the text byte by byte in Python (~1 us a byte), so a 5 KB article classified whole
# and then paragraph by paragraph cost ~10 ms. A document longer than FULL_TEXT_CHARS is classified
# on a sample instead: up to SAMPLE_CHARS taken evenly from the paragraphs of its main script, whose
# language and score those paragraphs share. Paragraphs in another script (an Arabic quote in an
# English report) are still classified one by one, on their first PARAGRAPH_SAMPLE_CHARS.
# What is lost: a paragraph in another language of the same script (a French quote in an English
# article) takes the document's language once the document is long.
FULL_TEXT_CHARS = 1500
SAMPLE_CHARS = 900
PARAGRAPH_SAMPLE_CHARS = 400
# The least of a paragraph the document sample takes: with 900 // n characters each, a text of a few
# hundred short paragraphs was judged on two or three letters a paragraph (5 MB of English came out as
# Uzbek, and the claim stage skipped it).
MIN_SHARE_CHARS = 60
# Scripts several of the region's languages share (Arabic script: ar, fa, ps, ur): a long document
# in one of them still has each paragraph classified, since telling Dari from Pashto matters here.
SHARED_SCRIPTS = frozenset({"ARABIC"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def load_identifier() -> LanguageIdentifier:
    """The py3langid model (~0.5 s to decompress): build it once and pass it on, as the language
    component does."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letter_count(text: str) -> int:
    return sum(map(str.isalpha, text))


@functools.lru_cache(maxsize=4096)
def _script_of(ch: str) -> str | None:
    """The script of a non-ASCII character ("ARABIC", "CYRILLIC", "LATIN" ...), None for a non-letter."""
    return unicodedata.name(ch, "").split(" ", 1)[0] or None if ch.isalpha() else None


def _dominant_script(text: str, letters: int) -> str:
    """The script most of the paragraph's letters are in; ASCII letters are Latin."""
    if text.isascii():
        return "LATIN"
    counts: dict[str, int] = {}
    for ch in _NON_ASCII.findall(text):
        script = _script_of(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    counts["LATIN"] = counts.get("LATIN", 0) + letters - sum(counts.values())
    return max(counts.items(), key=lambda item: item[1])[0]


def identify(text: str, identifier: LanguageIdentifier) -> tuple[str | None, float | None]:
    """(ISO 639 code, probability) for ``text``; (None, None) when it has no letters at all."""
    if not any(ch.isalpha() for ch in text):
        return None, None
    language, probability = identifier.classify(text)
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


def detect_language(doc: Document, identifier: LanguageIdentifier | None = None) -> Document:
    """Return ``doc`` with ``language``, ``language_score``, per-paragraph languages and its sentences
    (split in the document's language, once for every later stage) filled in. ``identifier``: the
    run's model (default: ``load_identifier()``, loaded for this call)."""
    identifier = identifier if identifier is not None else load_identifier()
    text = doc.clean_text
    spans = paragraph_spans(text)
    letters = {i: _letter_count(text[start:end]) for i, (start, end) in enumerate(spans)}
    if len(text) <= FULL_TEXT_CHARS:
        own_guesses = {
            i: identify(text[start:end], identifier)
            for i, (start, end) in enumerate(spans)
            if letters[i] >= MIN_PARAGRAPH_LETTERS
        }
        doc_language, doc_score = _document_language(text, own_guesses, letters, identifier)
    else:
        doc_language, doc_score, own_guesses = _sampled_languages(text, spans, letters, identifier)
    paragraphs = []
    for i, (start, end) in enumerate(spans):
        # too short for a guess of its own (see MIN_PARAGRAPH_LETTERS): take the document's
        language, score = own_guesses.get(i, (doc_language, doc_score))
        paragraphs.append(Paragraph(start, end, language, score))
    sentences = tuple(sentence_spans(text, doc_language))
    return doc.replace(
        language=doc_language, language_score=doc_score, paragraphs=tuple(paragraphs), sentences=sentences
    )


def _sampled_languages(
    text: str, spans: list[tuple[int, int]], letters: dict[int, int], identifier: LanguageIdentifier
) -> tuple[str | None, float | None, dict[int, tuple[str | None, float | None]]]:
    """(document language, score, paragraph guesses) of a long text, from samples (see FULL_TEXT_CHARS)."""
    scripts: dict[str, list[int]] = {}
    for i, (start, end) in enumerate(spans):
        if letters[i] >= MIN_PARAGRAPH_LETTERS:
            scripts.setdefault(_dominant_script(text[start:end], letters[i]), []).append(i)
    if not scripts:  # nothing long enough to judge: the whole text, bounded
        language, score = identify(text[:SAMPLE_CHARS], identifier)
        return language, score, {}
    main = max(scripts.items(), key=lambda item: sum(letters[i] for i in item[1]))
    guesses: dict[int, tuple[str | None, float | None]] = {}
    for script, members in scripts.items():
        if script == main[0] and script not in SHARED_SCRIPTS:
            # each sampled paragraph gives at least MIN_SHARE_CHARS (a phrase the model can read); with
            # more paragraphs than the sample holds at that size, every k-th paragraph is sampled
            share = max(SAMPLE_CHARS // len(members), MIN_SHARE_CHARS)
            step = -(-len(members) // (SAMPLE_CHARS // share))
            sample = "\n".join(text[spans[i][0] : spans[i][0] + share] for i in members[::step])[:SAMPLE_CHARS]
            guess = identify(sample, identifier)
            guesses.update((i, guess) for i in members)
        else:
            for i in members:
                start, end = spans[i]
                guesses[i] = identify(text[start : min(end, start + PARAGRAPH_SAMPLE_CHARS)], identifier)
    # the main script's language, weighted by letters when its paragraphs disagree (shared scripts)
    by_language: dict[str | None, list[tuple[int, float]]] = {}
    for i in main[1]:
        language, score = guesses[i]
        by_language.setdefault(language, []).append((letters[i], score or 0.0))
    language, weighted = max(by_language.items(), key=lambda item: sum(n for n, _ in item[1]))
    total = sum(n for n, _ in weighted)
    return language, sum(n * p for n, p in weighted) / total, guesses


def _document_language(
    text: str,
    own_guesses: dict[int, tuple[str | None, float | None]],
    letters: dict[int, int],
    identifier: LanguageIdentifier,
) -> tuple[str | None, float | None]:
    """The whole text's language, unless most of its letters are in paragraphs of another one.

    On mixed text the n-gram model leans to the script with more bytes per character: an English
    report quoting one Arabic paragraph comes out as Arabic. So when the whole-text guess is not
    the language holding most letters, that language wins, scored by the letter-weighted mean of
    its paragraphs' probabilities.
    """
    language, score = identify(text, identifier)
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
