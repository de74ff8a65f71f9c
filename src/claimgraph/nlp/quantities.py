"""Numbers in text, with what they count and how firmly: "at least 12 worshippers", "7,000
fighters", "over the past eight weeks", "a 20-month rule", "between 10 and 15 killed".

Claims compare these to find conflicts ("at least 12 killed" vs "5 killed"); events read
fatalities and injured from them. Number words, qualifiers and vague amounts ("dozens") are in
``data/lexicons/quantities.yaml``. Years and calendar dates are not quantities.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources

from claimgraph.model import Quantity
from claimgraph.nlp.pattern_text import lowered_document, trie_alternation
from claimgraph.yamlfiles import load_yaml

_WORD = r"[A-Za-z]+(?:-[A-Za-z]+)?"
_DIGITS_AND_MULTIPLIER = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)")
_WORD_SEPARATOR = re.compile(r"[\s-]+")


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict:
    text = (resources.files("claimgraph") / "data" / "lexicons" / "quantities.yaml").read_text(encoding="utf-8")
    return load_yaml(text)


@functools.lru_cache(maxsize=1)
def _lowered_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The quantity pattern without IGNORECASE, for lower-cased text (a case-insensitive branch is
    entered at every character, a case-sensitive one skipped on its first letter), and a search for
    where a match can begin: a digit, or a word that opens "between", a qualifier, a number word or
    a vague amount ("a"/"an" only as whole words). The full pattern is tried only there."""
    lex = _lexicon()
    openers = {"between", *lex["units"], *lex["vague"], *(q for qs in lex["qualifiers"].values() for q in qs)}
    openers -= {"a", "an"}
    starts = re.compile(r"\d|\b(?:an?\b|" + trie_alternation(openers) + ")")
    return re.compile(_patterns()[0].pattern), starts


def _lowered_matches(low: str, start: int, end: int) -> Iterator[re.Match]:
    """``finditer`` of the quantity pattern over ``low[start:end]``, tried only where a match can begin."""
    pattern, starts = _lowered_patterns()
    pos = start
    while (candidate := starts.search(low, pos, end)) is not None:
        m = pattern.match(low, candidate.start(), end)
        if m is None:
            pos = candidate.start() + 1
        else:
            yield m
            pos = m.end()  # a match is never empty


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, dict, dict, dict, dict]:
    lex = _lexicon()
    units, mult, vague = lex["units"], lex["multipliers"], lex["vague"]
    words = sorted((w for w in units if w not in ("a", "an")), key=len, reverse=True)
    word_number = (
        r"(?:(?:a|an|" + "|".join(words) + r")(?:[\s-]+(?:" + "|".join(words) + r"))*"
        r"(?:\s+(?:" + "|".join(m for m in mult if len(m) > 1) + r"))*)"
    )
    # digits glued to letters before them name a thing, not a count: "M23", "F16", "COVID19"
    digit_number = r"(?<![A-Za-z\d])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:" + "|".join(mult) + r")\b)?"
    vague_number = "|".join(vague)
    qualifier_words = sorted((q for qs in lex["qualifiers"].values() for q in qs), key=len, reverse=True)
    qualifier = "|".join(re.escape(q) for q in qualifier_words)
    number = rf"(?:{digit_number}|\b{word_number}\b|\b(?:{vague_number})\b)"
    pattern = re.compile(
        rf"(?P<between>\bbetween\s+)?(?:(?P<qual>\b(?:{qualifier}))\s+)?"
        rf"(?P<num>{number})"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{number}))?"
        rf"(?P<unit>(?:-|\s+)(?:{_WORD}))?",
        re.IGNORECASE,
    )
    qualifier_kind = {q.lower(): kind for kind, qs in lex["qualifiers"].items() for q in qs}
    return pattern, re.compile(number, re.IGNORECASE), units, mult, vague, qualifier_kind


def parse_number(text: str) -> float | None:
    """ "7,000" → 7000, "eight" → 8, "twenty-five" → 25, "a dozen" → 12, "1.5 million" → 1500000."""
    _, _, units, mult, vague, _ = _patterns()
    t = text.strip().lower().replace(",", "")
    if t in vague:
        return float(vague[t])
    m = _DIGITS_AND_MULTIPLIER.fullmatch(t)
    if m:
        value = float(m.group(1))
        if m.group(2):
            if m.group(2) not in mult:
                return None
            value *= mult[m.group(2)]
        return value
    total, current = 0.0, 0.0
    for word in _WORD_SEPARATOR.split(t):
        if word in ("a", "an"):  # "a hundred", "a dozen": the multiplier supplies the value
            continue
        if word in units:
            current += units[word]
        elif word in mult:
            current = max(current, 1.0) * mult[word]
            if mult[word] >= 1000:  # "two thousand five hundred": close the thousands group
                total += current
                current = 0.0
        else:
            return None
    return total + current


def _is_calendar(text: str, start: int, end: int, raw_number: str, unit: str | None) -> bool:
    """Years ("in 2021"), day-of-month ("7 March", "March 7") and times are not quantities."""
    lex = _lexicon()
    months = lex["months"]
    digits = raw_number.replace(",", "")
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100 and "," not in raw_number:
        return True
    if unit and unit.lower() in months:
        return True
    before = text[max(0, start - 12) : start].lower().split()
    if before and before[-1].strip(".,") in months and digits.isdigit():
        return True
    return bool(unit and unit.lower() in lex["not_units"])


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in ``text[start:end]``, offsets in ``text``."""
    pattern, _, _, _, _, qualifier_kind = _patterns()
    end = len(text) if end is None else end
    found: list[Quantity] = []
    # groups are read lower-cased either way and lowering keeps offsets, so spans come from ``text``
    low = lowered_document(text)
    matches = _lowered_matches(low, start, end) if low is not None else pattern.finditer(text, start, end)
    for m in matches:
        num = m.group("num")
        value = parse_number(num)
        if value is None:
            continue
        if num.lower() in ("a", "an"):
            continue
        unit_raw = m.group("unit")
        unit = unit_raw.lstrip("- \t\n").lower() if unit_raw else None
        if _is_calendar(text, m.start("num"), m.end(), num, unit):
            continue
        if unit in ("and", "to", "or", "of", "in", "on", "at", "by", "for", "from", "with", "the", "a", "an"):
            unit, q_end = None, m.end("num2") if m.group("num2") else m.end("num")
        else:
            q_end = m.end()
        qualifier, value_max = "exact", None
        if m.group("num2"):
            second = parse_number(m.group("num2"))
            if second is not None and second > value:
                qualifier, value_max = "range", second
        if m.group("qual") and qualifier == "exact":
            qualifier = qualifier_kind.get(m.group("qual").lower(), "exact")
        if num.lower() in _lexicon()["vague"] and qualifier == "exact":
            qualifier = "at_least"
        q_start = m.start("qual") if m.group("qual") else m.start("num")
        if m.group("between") and qualifier == "range":
            q_start = m.start("between")
        if unit and unit.endswith("s") and len(unit) > 3 and unit[:-1] in ("week", "month", "year", "day", "hour"):
            unit = unit[:-1]  # "eight weeks" and "a 20-month rule" compare as the same unit
        found.append(Quantity(q_start, q_end, text[q_start:q_end], value, unit, qualifier, value_max))
    return found
