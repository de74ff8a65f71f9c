"""find_quantities and find_dates scan lower-cased text with case-sensitive patterns, trying only
where a match can begin and skipping patterns whose strings are absent. They must find exactly what
the case-insensitive patterns find on the original text, which they still do when lower-casing could
hide a match (a "ſ" anywhere in the text): a trailing " ſ" outside the range searched forces that
path, so each case compares the two."""

import pytest

from claimgraph.nlp.dates import _PATTERNS, DATE_PATTERNS, find_dates
from claimgraph.nlp.pattern_text import lowered
from claimgraph.nlp.quantities import find_quantities
from claimgraph.nlp.sentences import sentence_spans

FORCES_CASE_INSENSITIVE_PATH = " ſ"
ANCHOR = "2025-03-07"

TRICKY = [
    "At least 12 worshippers and some 7,000 fighters; between 10 and 15 killed, 1,200 displaced.",
    "Over the past eight weeks, twenty-five people and a dozen police were killed; 1.5 million fled.",
    "BETWEEN TEN AND FIFTEEN KILLED ON 7 MARCH 2025, AT LEAST A HUNDRED WOUNDED IN 2021.",
    "An Estimated Two Thousand Five Hundred fighters; Dozens Of civilians; Nearly 3k rounds, 20-month rule.",
    "a 20-month rule; an attack; as many as 300; no fewer than 40 - 50 men; up to 2m people; 10 to 5 died",
    "On March 7, 2025 and 2025-03-07, three days ago, last week, earlier this month, in Sept. 2024.",
    "Yesterday, THIS MORNING, last night, the day before yesterday, on Friday, since January, in 2019.",
    "Unicode digits: ١٢ killed on ٧ March; ۳ wounded; １２ fighters; 12th of March; 3rd May",
    "Dotted İstanbul: 12 killed in İzmir on 7 March; İSTANBUL, 3 April 2025 – four dead",
    "Long s: ſix fighters, ſeven ſoldiers over the paſt ſix weeks; the Kelvin 5 K ſign; ı dotless 3",
    "often, tender, anyone, attendance, about-face, twelve-year-old, 7-year-old, 10am, 1990s, 3:30",
    "",
    "no numbers or dates here at all",
]


def pairs_quantities(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    slow_text = text + FORCES_CASE_INSENSITIVE_PATH
    assert lowered(slow_text) is None
    return find_quantities(text, start, end), find_quantities(slow_text, start, end)


def pairs_dates(text: str, start: int = 0, end: int | None = None, anchor: str | None = ANCHOR):
    end = len(text) if end is None else end
    slow_text = text + FORCES_CASE_INSENSITIVE_PATH
    assert lowered(slow_text) is None
    return find_dates(text, anchor, start, end), find_dates(slow_text, anchor, start, end)


@pytest.mark.parametrize("text", TRICKY)
def test_quantities_match_the_case_insensitive_scan_on_tricky_text(text):
    fast, slow = pairs_quantities(text)
    assert fast == slow


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("anchor", [ANCHOR, None])
def test_dates_match_the_case_insensitive_scan_on_tricky_text(text, anchor):
    fast, slow = pairs_dates(text, anchor=anchor)
    assert fast == slow


def test_tricky_text_finds_what_it_should():
    texts = [q.text for q in find_quantities(TRICKY[0])]
    assert texts == ["At least 12 worshippers", "some 7,000 fighters", "between 10 and 15 killed", "1,200 displaced"]
    upper = find_quantities(TRICKY[2])
    assert [(q.text, q.qualifier) for q in upper][:2] == [
        ("BETWEEN TEN AND FIFTEEN KILLED", "range"),
        ("AT LEAST A HUNDRED WOUNDED", "at_least"),
    ]
    assert [(d.text, d.date_start) for d in find_dates(TRICKY[2], ANCHOR)] == [
        ("7 MARCH 2025", "2025-03-07"),
        ("IN 2021", "2021-01-01"),
    ]
    assert any(q.text == "١٢ killed" and q.value == 12 for q in find_quantities(TRICKY[7]))
    # "İ" lowers to two characters: offsets still point into the original text
    for q in find_quantities(TRICKY[8]):
        assert TRICKY[8][q.start : q.end] == q.text


def test_a_range_inside_a_longer_text_reads_only_that_range():
    text = "Seven killed. On 7 March 2025, at least 12 died. Twenty wounded last week."
    start, end = 14, 48
    fast, slow = pairs_quantities(text, start, end)
    assert fast == slow and [q.text for q in fast] == ["at least 12 died"]
    fast_d, slow_d = pairs_dates(text, start, end)
    assert fast_d == slow_d and [d.text for d in fast_d] == ["7 March 2025"]


@pytest.fixture(scope="module")
def seed_sentences(seed_news_path, seed_thread_path):
    out = []
    for path in (seed_news_path, seed_thread_path):
        text = path.read_text(encoding="utf-8")
        out += [(text, s, e) for s, e in sentence_spans(text)]
    return out


def test_seeds_sentence_by_sentence(seed_sentences):
    found_q = found_d = 0
    for text, s, e in seed_sentences:
        fast, slow = pairs_quantities(text, s, e)
        assert fast == slow, text[s:e]
        fast_d, slow_d = pairs_dates(text, s, e)
        assert fast_d == slow_d, text[s:e]
        found_q += len(fast)
        found_d += len(fast_d)
    assert found_q and found_d


def test_seeds_whole_text(seed_news_path, seed_thread_path):
    for path in (seed_news_path, seed_thread_path):
        text = path.read_text(encoding="utf-8")
        assert pairs_quantities(text)[0] == pairs_quantities(text)[1]
        assert pairs_dates(text)[0] == pairs_dates(text)[1]


def test_date_patterns_keep_their_old_private_name():
    assert _PATTERNS is DATE_PATTERNS and [kind for kind, _ in DATE_PATTERNS][:2] == ["iso", "day_month_year"]
