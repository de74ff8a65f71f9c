"""The one pattern reader (nlp.pattern_text) read case-sensitively, as the clean stage's span rules
need, with escapes of one character and classes holding a "]" read as the regex engine reads them;
and its trie-shaped alternation, where a phrase may start a longer one."""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.clean import load_rules
from claimgraph.nlp.pattern_text import alternatives, class_end, required_strings, trie_alternation

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_case_sensitive_strings_keep_their_case_and_script():
    assert required_strings(r"\[(?:[Tt]hread|END)\]", case_sensitive=True) == {"[Thread]", "[thread]", "[END]"}
    assert required_strings(r"^\s*🧵", case_sensitive=True) == {"🧵"}
    assert required_strings(r"[\u200C\u200D]+", case_sensitive=True) == {"\u200c", "\u200d"}
    assert required_strings(r"Read more", case_sensitive=True) == {"Read more"}
    assert required_strings(r"Read more") == {"read more"}  # the lower-cased reading


def test_case_sensitive_reading_gives_up_where_case_or_digits_are_open():
    assert required_strings(r"x(?i:abc)", case_sensitive=True) == {"x"}
    assert required_strings(r"(?i:abc)", case_sensitive=True) is None
    assert required_strings(r"(?i)abc", case_sensitive=True) is None
    assert required_strings(r"(?i)abc") == {"abc"}
    assert required_strings(r"\d+", case_sensitive=True) is None  # \d also matches "۱۲"
    assert required_strings(r"[\u0600-\u06FF]+", case_sensitive=True) is None  # a script: too many


def test_escapes_stand_for_one_character():
    assert required_strings(r"\x41b", case_sensitive=True) == {"Ab"}
    assert required_strings(r"\N{EM DASH}x", case_sensitive=True) == {"—x"}
    assert required_strings(r"\1abc", case_sensitive=True) == {"abc"}


def test_a_class_may_hold_its_closing_bracket():
    assert class_end(r"[)\]]x", 0) == 5
    assert class_end(r"[]a]x", 0) == 4
    assert alternatives(r"[|\]]a|b") == [r"[|\]]a", "b"]
    assert required_strings(r"[)\]]x", case_sensitive=True) == {")x", "]x"}


def test_shipped_span_rules_are_sound_on_the_example_corpus():
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(CORPUS.iterdir())
        if p.suffix in (".txt", ".html", ".json", ".jsonl", ".md")
    ]
    assert texts
    checked = 0
    for rule in load_rules():
        for pattern in rule.prefilters:
            if pattern.flags & re.IGNORECASE:
                continue
            strings = required_strings(pattern.pattern, 64, case_sensitive=True)
            for text in texts:
                for m in pattern.finditer(text):
                    if strings is not None and m.end() > m.start():
                        checked += 1
                        assert any(s in m.group() for s in strings), (rule.name, m.group())
    assert checked


# phrases of which one starts another, as cue lists and number words have them
PREFIXED = {
    "in",
    "inside",
    "east",
    "eastern",
    "suburb",
    "suburbs",
    "six",
    "sixty",
    "sixteen",
    "police",
    "police station",
}


def test_trie_matches_every_phrase_longest_first():
    trie = re.compile(rf"\b(?:{trie_alternation(PREFIXED)})\b")
    text = (
        "Sixteen were held inside the police station in the eastern suburbs, six in one suburb "
        "east of the town; police said sixty more fled."
    )
    found = trie.findall(text.lower())
    assert found == [
        "sixteen", "inside", "police station", "in", "eastern", "suburbs", "six", "in", "suburb",
        "east", "police", "sixty",
    ]  # fmt: skip
    # the same words as a plain alternation tried longest first
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(PREFIXED, key=len, reverse=True))) + r")\b")
    assert found == plain.findall(text.lower())
    # without a boundary after it, the longest phrase that the text spells is taken
    assert re.match(trie_alternation(PREFIXED), "insider").group() == "inside"
    assert re.match(trie_alternation(PREFIXED), "inner").group() == "in"


def test_trie_of_nothing_and_of_the_empty_string():
    assert re.search(trie_alternation(set()), "any text") is None
    assert re.match(trie_alternation({""}), "any text").group() == ""
    assert re.fullmatch(trie_alternation({"", "a", "ab"}), "ab")
