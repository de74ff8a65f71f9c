"""The events stage's shortcuts never change what it finds: the trigger prefix scan, the cue and
date pre-checks and the lower-cased text they read are checked against the plain searches they skip,
on the example corpus, the fixtures and text with the characters that lower-case unlike a regex."""

import re
import sys

import pytest

from claimgraph.events.detect import find_triggers
from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.slots import SlotFiller
from claimgraph.nlp import dates as date_expressions
from claimgraph.nlp.dates import find_dates
from claimgraph.nlp.pattern_text import lowered, prefixes, required_strings
from claimgraph.nlp.sentences import sentence_spans
from claimgraph.nlp.tokens import WORD_START

# "ſ" matches "s" and "\u212a" (Kelvin) "k" case-insensitively; "İ" lower-cases to two characters
UNICODE_TEXT = (
    "Gunmen kİdnapped two aid workers in Kabul on 3 May 2024. Police said the aſſault \u212ailled five. "
    "The İED attack was claimed last week; reports of clashes in March. Ambush, ſhelling and deaths."
)


@pytest.fixture(scope="module")
def texts(fixtures_dir, examples_dir) -> list[str]:
    snippets = [
        line.split("\t", 2)[2]
        for line in (fixtures_dir / "events" / "case_snippets.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    corpus = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.iterdir()) if p.suffix in (".txt", ".md")]
    return snippets + corpus + [UNICODE_TEXT]


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return TriggerLexicon.load()


def _sentences(texts):
    for text in texts:
        for start, end in sentence_spans(text):
            yield text, start, end


def _span(m: re.Match) -> tuple[int, int]:
    """A match's trigger span: its group 1 where the pattern has one ("13 killed": the participle)."""
    group = 1 if m.re.groups else 0
    return m.start(group), m.end(group)


def _every_word_start_triggers(text: str, start: int, end: int, lex: TriggerLexicon):
    """find_triggers as it was before the prefix scan: every pattern group tried at every word start."""
    found = []
    for p in lex.by_first_char.get("", ()):
        found += [(*_span(m), p.type, p.weight) for m in p.regex.finditer(text, start, end)]
    violent = bool(lex.cues["violence_context"].search(text, start, end))
    for w in WORD_START.finditer(text, start, end):
        for p in lex.by_first_char.get(text[w.start()].lower(), ()):
            m = p.regex.match(text, w.start(), end)
            if m is not None and (violent or not p.needs_context):
                found.append((*_span(m), p.type, p.weight))
    found.sort(key=lambda t: (-t[3], lex.rank.get(t[2], 99), -(t[1] - t[0]), t[0]))
    kept = []
    for t in found:
        if all(t[1] <= k[0] or t[0] >= k[1] for k in kept):
            kept.append(t)
    return sorted(kept)


def test_prefixes_and_required_strings_read_the_pattern_text():
    assert prefixes("(?:hand[- ])?grenades?", 6) == {"hand g", "hand-g", "grenad"}
    assert prefixes("IEDs?", 6) == {"ied", "ieds"}
    assert "" in prefixes("(?:\\w+ ){0,3}attack", 6)  # not plain: any start
    assert required_strings(r"\b{_COUNT}\s+(?:days?|weeks?)\s+ago\b".replace("{_COUNT}", r"(?:\d+|[a-z]+)")) == {"ago"}
    assert required_strings(r"\b(?:in|of)\s+(?P<year>(?:19|20)\d\d)\b") == {
        f"{c}{y:02d}" for c in (19, 20) for y in range(100)
    }
    assert required_strings(r"\b(?:last|this)\s+(?P<unit>week|month|year)\b") == {"last", "this"}  # fewest strings
    assert required_strings(r"\w+ly") == {"ly"} and required_strings(r"\w+|attack") is None


def test_lowered_refuses_text_where_lower_casing_hides_a_match():
    assert lowered("Kabul, 3 May") == "kabul, 3 may"
    assert lowered("“Taliban” – said") == "“taliban” – said"
    assert lowered("ſuicide") is None and lowered("İED") is None and lowered("\u212aILLED") is None


def test_lowered_covers_every_character_a_case_insensitive_ascii_letter_matches():
    everything = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz0123456789_":
        for m in re.finditer(letter, everything, re.IGNORECASE):
            assert m.group(0).lower() == letter or lowered(m.group(0)) is None, hex(ord(m.group(0)))


def test_trigger_scan_finds_what_every_word_start_finds(texts, lex):
    for text, start, end in _sentences(texts):
        got = [(t.start, t.end, t.type, t.weight) for t in find_triggers(text, start, end, lex)]
        assert got == _every_word_start_triggers(text, start, end, lex), text[start:end]


def test_unicode_folds_still_find_their_triggers(lex):
    found = {UNICODE_TEXT[t.start : t.end] for t in find_triggers(UNICODE_TEXT, lex=lex)}
    assert {"kİdnapped", "aſſault", "\u212ailled"} <= found
    assert [
        (t.start, t.end, t.type, t.weight) for t in find_triggers(UNICODE_TEXT, lex=lex)
    ] == _every_word_start_triggers(UNICODE_TEXT, 0, len(UNICODE_TEXT), lex)


def test_cue_checks_skip_only_sentences_without_a_match(texts, lex):
    casualty_words = re.compile(
        "|".join([*lex.cue_words["killed"], *lex.cue_words["injured"], "kill", "injur", "wound"]), re.IGNORECASE
    )
    for text, start, end in _sentences(texts):
        low = lowered(text)
        for name, cue in [*lex.cues.items(), *lex.modality.items()]:
            for a, b in ((start, end), (max(start, end - 60), end)):  # a sentence; the words before a trigger
                plain = cue.search(text, a, b)
                checked = lex.search(name, text, a, b, low)
                assert (plain and plain.span()) == (checked and checked.span()), (name, text[a:b])
        if casualty_words.search(text, start, end) and low is not None:
            assert lex.casualty_words.search(low, start, end), text[start:end]


def test_date_check_skips_only_sentences_without_a_date(texts, lex):
    for text in texts:
        filler = SlotFiller(text, None, [], [], lex)
        for start, end in sentence_spans(text):
            if find_dates(text, None, start, end):
                assert filler._may_hold_date(start, end), text[start:end]
    for _, pattern in date_expressions._PATTERNS:
        assert required_strings(pattern.pattern), pattern.pattern  # every date pattern is pre-checked
