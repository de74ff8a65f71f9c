"""Long documents are classified on samples (language.FULL_TEXT_CHARS): the answers must match
what classifying everything gave where it matters -- the document's language, a paragraph in
another script, and the Arabic-script languages told apart paragraph by paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.language import FULL_TEXT_CHARS, detect_language
from claimgraph.model import Source, new_document


def clean_doc(text: str):
    return new_document(Source("long.txt", "txt"), text).replace(clean_text=text)


@pytest.fixture(scope="module")
def samples(fixtures_dir: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8").strip() for p in sorted((fixtures_dir / "language").glob("*.txt"))}


def test_long_english_news_with_an_arabic_quote(seed_news_path, samples):
    paragraphs = seed_news_path.read_text(encoding="utf-8").split("\n\n")
    text = "\n\n".join(paragraphs[:3] + [samples["ar"]] + paragraphs[3:] * 2)
    assert len(text) > FULL_TEXT_CHARS
    doc = detect_language(clean_doc(text))
    assert doc.language == "en" and doc.language_score > 0.9
    languages = {text[p.start : p.end]: p.language for p in doc.paragraphs}
    assert languages.pop(samples["ar"]) == "ar"
    assert set(languages.values()) == {"en"}


def test_long_arabic_script_document_keeps_each_paragraphs_language(samples):
    text = "\n\n".join([samples["fa"], samples["ps"], samples["ur"]] * 3)
    assert len(text) > FULL_TEXT_CHARS
    doc = detect_language(clean_doc(text))
    assert [p.language for p in doc.paragraphs] == ["fa", "ps", "ur"] * 3
    assert doc.language in {"fa", "ps", "ur"} and 0.5 < doc.language_score <= 1.0


def test_long_russian_document(samples):
    text = "ТАСС\n\n" + "\n\n".join([samples["ru"]] * 5)
    doc = detect_language(clean_doc(text))
    assert doc.language == "ru" and doc.language_score > 0.5
    assert {p.language for p in doc.paragraphs} == {"ru"}
    assert (doc.paragraphs[0].language, doc.paragraphs[0].language_score) == (doc.language, doc.language_score)


def test_a_long_text_of_many_short_paragraphs_is_judged_on_readable_samples():
    """900 // n characters a paragraph left a few letters each once n was in the hundreds: a long
    English text of short paragraphs came out as another language. Each sampled paragraph now gives
    at least MIN_SHARE_CHARS, every k-th paragraph sampled."""
    sentences = [
        "Officials said the convoy was attacked near the river crossing on Tuesday morning.",
        "Residents reported hearing gunfire for several hours before the army arrived in the town.",
        "The ministry denied that any civilians had been harmed during the operation last week.",
        "Aid groups warned that food stocks in the district would run out within a fortnight.",
    ]
    text = "\n\n".join(f"{sentences[i % 4]} Report {i}." for i in range(600)) + "\n"
    doc = detect_language(new_document(Source("long.txt", "txt"), text).replace(clean_text=text))
    assert doc.language == "en" and doc.language_score > 0.9
