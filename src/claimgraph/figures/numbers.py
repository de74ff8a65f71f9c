"""Numbers as the figures stage reads them: the number pattern (built by ``FigureLexicon`` from the
quantities lexicon's number words), the interval a qualifier makes of a number, and the numbers
that are no counts (years, days of a month, times, distances, ages)."""

from __future__ import annotations

import math
import re

from claimgraph.nlp.quantities import parse_number

_PLURAL_MULTIPLIER = re.compile(r"\b(hundred|thousand|million|billion)s\b", re.IGNORECASE)
# a month's name or its abbreviation, never a word that starts like one: "5 marines", "12 martyrs", "3 decades"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONTH_BEFORE = re.compile(r"\b" + _MONTH + r"\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s*" + _MONTH + r"\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?:a\.?m\b|p\.?m\b|hours?\b|%|percent|per\s?cent|km|kilomet|mile|metre|meter)"
    # an age or a size, not a count: "a 23-year-old woman", "aged 12 years old", "a 12-member cell"
    r"|\s*-?\s*(?:years?|months?|weeks?|days?)[\s-]+old\b|-(?:year|month|week|day|hour|minute|member|storey|story)\b",
    re.IGNORECASE,
)


_HALF = re.compile(r"half\s+", re.IGNORECASE)


def number_pattern(units: list[str], multipliers: list[str], lowered: bool) -> re.Pattern:
    """A number: digits ("1,200", "2.5 million") or words ("twenty-five", "a dozen", "three
    hundreds"), and a range ("10 to 15"). ``lowered``: for lower-cased text, matched case-sensitively
    (faster: a case-insensitive branch is entered at every character)."""
    words = sorted((w for w in units if w not in ("a", "an", "zero")), key=len, reverse=True)
    mult = sorted((m for m in multipliers if len(m) > 1), key=len, reverse=True)
    alternatives = "|".join(words)
    word_number = (  # "three hundreds of them" is 300, as "three hundred"
        rf"(?:(?:{alternatives})(?:[\s-]+(?:{alternatives}))*(?:\s+(?:{'|'.join(mult)})s?)*"
        r"|(?:half\s+)?a\s+(?:dozen|hundred|thousand))"
    )
    digit_number = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s*(?:{'|'.join(mult)}|k)\b)?"
    number = rf"(?:{digit_number}|\b{word_number}\b)"
    return re.compile(
        rf"(?P<num>{number})(?:\s*(?:-|–|to|and|or)\s*(?P<num2>{number}))?(?![\w/]|:\d)",
        0 if lowered else re.IGNORECASE,
    )


def value_of(number: str) -> float | None:
    """A number's value ("7,000" → 7000, "three hundreds" → 300, "half a dozen" → 6)."""
    half = _HALF.match(number)
    if half:
        whole = parse_number(number[half.end() :])
        return whole / 2 if whole is not None else None
    return parse_number(_PLURAL_MULTIPLIER.sub(r"\1", number))


def interval(value: float, value_max: float | None, kind: str) -> tuple[float | None, float | None, str]:
    """(low, high, qualifier) of a number and its qualifier kind (see model.Figure)."""
    if value_max is not None:
        return value, value_max, "range"
    if kind == "at_least":
        return value, None, "at_least"
    if kind == "more_than":
        return value + 1, None, "at_least"
    if kind == "at_most":
        return 0.0, value, "at_most"
    if kind == "fewer_than":
        return 0.0, max(value - 1, 0.0), "at_most"
    if kind == "about":
        # rounded to 6 places first: 3500 * 1.1 is 3850.0000000000005 in floating point
        return float(math.floor(round(value * 0.9, 6))), float(math.ceil(round(value * 1.1, 6))), "about"
    if kind == "below":  # "nearly 50": below 50, not far below
        high = max(value - 1, 0.0)
        return float(min(math.ceil(round(value * 0.9, 6)), high)), high, "approx"
    return value, value, "exact"


def is_calendar(text: str, m: re.Match) -> bool:
    """Years, days of a month, clock times, distances and ages are no counts."""
    digits = m.group("num").replace(",", "")
    written_as_count = "," in m.group("num")  # "2,000 fighters": a year is never written with a separator
    year = digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100
    if m.group("num2") is None and year and not written_as_count:
        return True
    if _MONTH_BEFORE.search(text, max(0, m.start() - 10), m.start()):
        return True
    return bool(_MONTH_AFTER.match(text, m.end()) or _UNIT_AFTER.match(text, m.end()))
