"""Property-based tests: the clean stage's promises hold for any mix of text and debris."""

from __future__ import annotations

import re
import unicodedata

from clean_invariants import check_invariants
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Removal, Source, new_document

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module

WORDS = [
    "Taliban",
    "ISKP",
    "Kabul",
    "claims",
    "fighters",
    "the",
    "of",
    "attack",
    "said",
    "7,000",
    "Nangarhar",
    "café",
    "cafe\u0301",
    "A\u0308rger",
    "\u0915\u093c",
    "Ḍ\u0307",
    "طالبان",
    "کابل",
    "می\u200cشود",
    "Талибан",
    "👍",
    "x",
    "a",
    "I",
]
DEBRIS = [
    "Home / Latest / Some title",
    "Home › World › Asia",
    "About admin",
    "About the author",
    "Check Also",
    "Related Posts",
    "Read more",
    "You may also like",
    "Share on Facebook",
    "Follow us on Telegram",
    "https://a.example/x https://b.example/y",
    "www.example.com",
    "[Thread] ⬇️",
    "[END]",
    "⬇️",
    "↓",
    "👇",
    "🧵",
    "(1/12)",
    "3/",
    "Loading...",
    "Show more replies",
    "جاري تحميل الاقتراحات...",
    "Загрузка…",
    "Advertisement",
    "AT News",
    "By Jane Doe",
    "Reuters",
    "---",
    "* * *",
    "…",
    "...",
    "Yes.",
    "\u200b",
    "\ufeff",
    # header, marker and comment-form lines
    "Kabul Ledger",
    "7 March 2025",
    "Updated: March 7, 2025",
    "By Jane Doe | 7 March 2025",
    "KABUL, 7 March 2025",
    "Thread by @x (X Y) · 30 March 2025",
    "*Oxus Notes — Jane Doe — 1 April 2025*",
    "[SYNTHETIC EXAMPLE — written for claimgraph's demo corpus; not real reporting]",
    "About Afghanistan",
    "About Jane Doe",
    "Leave a Reply",
    "Name *",
    "Website",
    "Tags: Kabul, ISKP",
    "Related",
]
SPACES = [" ", "  ", "\t", " \t ", "\u00a0", "\u2003", ""]
INVISIBLE = ["\u200b", "\ufeff", "\u2060", "\u200c", "\u200d"]


@st.composite
def sentences(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
    out = ""
    for w in words:
        out += w + draw(st.sampled_from(SPACES[:5] + [" "] * 6 + INVISIBLE[:1]))
    return out + draw(st.sampled_from([".", "", "…", "...", ",…", "?", " https://x.example/a https://y.example/b"]))


@st.composite
def lines(draw) -> str:
    kind = draw(st.sampled_from(["sentence", "sentence", "sentence", "debris", "blank", "lead", "space"]))
    if kind == "sentence":
        return draw(sentences())
    if kind == "debris":
        return draw(st.sampled_from(DEBRIS))
    if kind == "lead":  # the second half of a sentence split across posts
        return draw(st.sampled_from(["…", "...", "… ", "…\u200b"])) + draw(sentences())
    if kind == "space":
        return draw(st.sampled_from(SPACES))
    return ""


@st.composite
def documents(draw) -> str:
    body = draw(st.lists(lines(), min_size=0, max_size=14))
    if body and draw(st.booleans()):  # repeat some lines verbatim, as unrollers do
        for _ in range(draw(st.integers(1, 3))):
            body.insert(draw(st.integers(0, len(body))), draw(st.sampled_from(body)))
    head = draw(st.sampled_from(["", " ", "\n", "\ufeff"]))
    return head + "\n".join(body) + draw(st.sampled_from(["", "\n", "\n\n  "]))


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def clean(text: str):
    return clean_document(new_document(Source("generated.txt", "txt"), text), RULES)


def squash(text: str) -> str:
    """The cleaner's normalisation, for comparing a clean span with the raw text it came from."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))


def cut_removals(doc, start: int, end: int) -> str:
    kept, pos = [], start
    for r in doc.removals:
        if r.raw_end <= pos or r.raw_start >= end:
            continue
        kept.append(doc.raw_text[pos : max(r.raw_start, pos)])
        pos = max(pos, r.raw_end)
    kept.append(doc.raw_text[pos:end] if pos < end else "")
    return "".join(kept)


@SETTINGS
@given(documents())
def test_structure_holds_for_generated_documents(text):
    check_invariants(clean(text))


@SETTINGS
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text):
    check_invariants(clean(text))


@SETTINGS
@given(documents(), st.data())
def test_spans_map_back_to_raw(text, data):
    doc = clean(text)
    n = len(doc.clean_text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    ra, rb = doc.offsets.to_raw(a, b)
    assert 0 <= ra <= rb <= len(doc.raw_text)
    # monotone: a later clean offset never maps before an earlier one
    assert doc.offsets.raw_offset(a) <= doc.offsets.raw_offset(b) or a == b
    if b > a:
        assert squash(doc.clean_text[a:b]) in squash(cut_removals(doc, ra, rb))


@SETTINGS
@given(documents(), st.data())
def test_spans_inside_a_verbatim_segment_are_exact(text, data):
    doc = clean(text)
    verbatim = [s for s in doc.offsets.segments if s.verbatim]
    if not verbatim:
        return
    seg = data.draw(st.sampled_from(verbatim))
    a = data.draw(st.integers(seg.clean_start, seg.clean_end))
    b = data.draw(st.integers(a, seg.clean_end))
    ra, rb = doc.offsets.to_raw(a, b)
    assert doc.raw_text[ra:rb] == doc.clean_text[a:b]


@SETTINGS
@given(documents())
def test_cleaning_is_idempotent(text):
    once = clean(text).clean_text
    assert clean(once).clean_text == once


@SETTINGS
@given(documents(), st.data())
def test_earlier_removals_stay_removed_and_kept(text, data):
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    boilerplate = [Removal(a, b, "html-boilerplate", text[a:b]) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    doc = clean_document(new_document(Source("page.html", "html"), text, removals=boilerplate), RULES)
    check_invariants(doc)
    for r in boilerplate:
        assert r in doc.removals


# Words that NFC changes, written decomposed (and one Hangul word as jamo, which compose across
# starters), to be cut by zero-width characters the cleaner removes: each composed character must
# map to its own raw characters, not to the whole word.
DECOMPOSED = [
    "cafe\u0301",
    "A\u0308rger",
    "e\u0301e\u0301",
    "Nangarha\u0304r",
    "\u1112\u1161\u11ab\u1100\u1173\u11af",
    "o\u0302\u0323",
    "Kabul",
    "ISKP",
]


@st.composite
def zero_width_words(draw) -> str:
    out = []
    for _ in range(draw(st.integers(1, 8))):
        word = draw(st.sampled_from(DECOMPOSED))
        cut = draw(st.integers(0, len(word)))
        out.append(word[:cut] + draw(st.sampled_from(INVISIBLE[:2] + [""])) + word[cut:])
    return " ".join(out) + "."


@SETTINGS
@given(zero_width_words())
def test_each_character_of_a_word_with_zero_width_and_non_nfc_maps_exactly(text):
    doc = clean(text)
    check_invariants(doc)
    for seg in doc.offsets.segments:
        if seg.verbatim:
            continue
        clean_part = doc.clean_text[seg.clean_start : seg.clean_end]
        if clean_part.isspace():
            continue
        # a substituted segment is one composed character (a starter and its marks, or a Hangul
        # syllable), and its raw characters, without what was removed, compose to exactly that
        assert sum(not unicodedata.combining(c) for c in clean_part) == 1, (clean_part, seg)
        assert unicodedata.normalize("NFC", cut_removals(doc, seg.raw_start, seg.raw_end)) == clean_part
    for i, char in enumerate(doc.clean_text):
        ra, rb = doc.offsets.to_raw(i, i + 1)
        raw_part = cut_removals(doc, ra, rb)
        assert char in unicodedata.normalize("NFC", raw_part) and len(raw_part) <= 3, (i, char, raw_part)
