"""Language of a document and of each paragraph, on the seeds and on hand-written samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.language import MIN_PARAGRAPH_LETTERS, detect_language, identify, load_identifier, paragraph_spans
from claimgraph.model import Source, new_document


def clean_doc(text: str, path: str = "sample.txt"):
    """A document whose clean text is ``text`` (language detection only reads the clean text)."""
    return new_document(Source(path, "txt"), text).replace(clean_text=text)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def samples(fixtures_dir: Path) -> dict[str, str]:
    return {p.stem: read(p).strip() for p in sorted((fixtures_dir / "language").glob("*.txt"))}


def assert_paragraphs_well_formed(doc):
    text = doc.clean_text
    previous_end = 0
    for p in doc.paragraphs:
        assert previous_end <= p.start < p.end <= len(text)
        chunk = text[p.start : p.end]
        assert chunk == chunk.strip() and "\n\n" not in chunk
        previous_end = p.end
    covered = " ".join(text[p.start : p.end] for p in doc.paragraphs)
    assert covered.split() == text.split()  # nothing but blank lines falls between paragraphs


# The news page has blank-line paragraphs; the unrolled thread separates posts by single newlines.
@pytest.mark.parametrize("seed, min_paragraphs", [("seed_news_path", 10), ("seed_thread_path", 1)])
def test_english_seeds(seed, min_paragraphs, request):
    text = read(request.getfixturevalue(seed))
    doc = detect_language(clean_doc(text, seed))
    assert doc.language == "en"
    assert 0.9 <= doc.language_score <= 1.0
    assert len(doc.paragraphs) >= min_paragraphs
    assert_paragraphs_well_formed(doc)
    assert all(p.language == "en" for p in doc.paragraphs)
    assert all(0.0 <= p.language_score <= 1.0 for p in doc.paragraphs)


def assert_arabic_paragraph_found(english_paragraphs: list[str], arabic: str):
    text = "\n\n".join(english_paragraphs[:2] + [arabic] + english_paragraphs[2:])
    doc = detect_language(clean_doc(text))
    assert doc.language == "en"
    found = [p for p in doc.paragraphs if text[p.start : p.end] == arabic]
    assert len(found) == 1
    assert found[0].language == "ar" and found[0].language_score > 0.5
    assert {p.language for p in doc.paragraphs if p is not found[0]} == {"en"}


def test_arabic_paragraph_inside_english_document(samples):
    assert_arabic_paragraph_found(samples["en"].split("\n\n"), samples["ar"])


def test_arabic_paragraph_inside_the_english_news_seed(seed_news_path, samples):
    assert_arabic_paragraph_found(read(seed_news_path).split("\n\n"), samples["ar"])


@pytest.mark.parametrize("language", ["fa", "ps", "ru", "ur", "ar"])
def test_regional_languages(samples, language):
    doc = detect_language(clean_doc(samples[language]))
    assert doc.language == language
    assert 0.5 < doc.language_score <= 1.0
    assert [(p.start, p.end, p.language) for p in doc.paragraphs] == [(0, len(samples[language]), language)]


def test_persian_and_pashto_paragraphs_are_told_apart(samples):
    text = samples["fa"] + "\n\n" + samples["ps"] + "\n\n" + samples["ur"]
    doc = detect_language(clean_doc(text))
    assert [p.language for p in doc.paragraphs] == ["fa", "ps", "ur"]


def test_short_paragraphs_inherit_the_document_language(samples):
    body = samples["ru"]
    text = "ТАСС\n\n" + body + "\n\n12.05.2023"
    doc = detect_language(clean_doc(text))
    assert doc.language == "ru"
    first, middle, last = doc.paragraphs
    assert text[first.start : first.end] == "ТАСС"
    assert sum(ch.isalpha() for ch in "ТАСС") < MIN_PARAGRAPH_LETTERS
    assert (first.language, first.language_score) == (doc.language, doc.language_score)
    assert (last.language, last.language_score) == (doc.language, doc.language_score)
    assert middle.language == "ru"


def test_blank_lines_holding_spaces_still_split_paragraphs():
    text = "First paragraph.\n  \nSecond paragraph.\n\n\n\nThird."
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["First paragraph.", "Second paragraph.", "Third."]


def test_text_without_letters_has_no_language():
    doc = detect_language(clean_doc("12:30 — 14:45\n\n2023-05-02"))
    assert doc.language is None and doc.language_score is None
    assert all(p.language is None for p in doc.paragraphs)
    assert identify("", load_identifier()) == (None, None)
    assert detect_language(clean_doc("")).paragraphs == ()


def test_other_fields_are_kept(samples):
    before = clean_doc(samples["ps"], "statement.txt")
    after = detect_language(before)
    assert after.replace(language=None, language_score=None, paragraphs=()) == before
    assert before.language is None  # the input document is not changed
