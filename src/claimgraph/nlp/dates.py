"""Date expressions in text, resolved against an anchor date (the document's date).

``find_dates(text, anchor)`` returns every expression with the span it covers, the day range it
stands for and how precise it is: "7 March 2025" → a day; "last week" → a week; "in March" → a
month; "over the past eight weeks" → a range ending at the anchor. Relative expressions with no
anchor keep their span and precision with no dates, so nothing is guessed.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from claimgraph.nlp.months import MONTHS
from claimgraph.nlp.pattern_text import lowered_document, required_strings
from claimgraph.nlp.quantities import parse_number

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_COUNT = r"(?P<count>\d+|[a-z]+(?:-[a-z]+)?)"
_UNIT = r"(?P<unit>days?|weeks?|months?|years?)"

# Most specific first: the scanner takes the earliest, then longest, match.
DATE_PATTERNS: list[tuple[str, re.Pattern]] = [
    (kind, re.compile(p, re.IGNORECASE))
    for kind, p in [
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("day_month_year", rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
        ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
        (
            "day_range",
            rf"\b(?:from\s+|between\s+)?{_DAY}(?:\s+(?:to|and)\s+|[-–])(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH}"
            rf"(?:,?\s+{_YEAR})?\b",
        ),
        (
            "day_range",
            rf"\b(?:from\s+|between\s+)?{_MONTH}\s+{_DAY}(?:\s+(?:to|and)\s+|[-–])(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"(?:,?\s+{_YEAR})?\b",
        ),
        ("day_month", rf"\b{_DAY}\s+{_MONTH}\b"),
        ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d)"),
        ("month_year", rf"\b{_MONTH}\s+{_YEAR}\b"),
        ("past_span", rf"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+{_COUNT}\s+{_UNIT}\b"),
        ("past_span", rf"\b(?:over|in|during)\s+(?:the\s+)?(?:past|last|previous)\s+{_UNIT}\b"),
        ("ago", rf"\b{_COUNT}\s+{_UNIT}\s+ago\b"),
        (
            "relative_day",
            r"\b(?P<word>today|yesterday|tonight|last night|this morning|this afternoon|this evening|"
            r"the day before yesterday|overnight|all night|a day earlier|the previous day|the day before|"
            r"the previous night|the night before)\b",
        ),
        (
            "relative_period",
            r"\b(?:(?:early|late|mid-?)\s*)?(?P<which>last|this|past|previous|earlier this)\s+"
            r"(?P<unit>week|month|year)\b",
        ),
        (
            "weekday",
            r"\b(?:on\s+|(?P<last>last)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"
            r"(?:\s+(?:night|morning|afternoon|evening))?",
        ),
        ("month", rf"\b(?:in|during|early|late|mid-?)\s+{_MONTH}\b(?!,?\s*\d)"),
        ("year", rf"\b(?:in|during|of)\s+{_YEAR}\b"),
    ]
]
_PATTERNS = DATE_PATTERNS  # the old private name, still read by events/slots.py


# Kinds whose pattern has a ``\d`` no match can skip: not run over text without a digit.
_NEEDS_DIGIT = frozenset({"iso", "day_month_year", "month_day_year", "day_month", "month_day", "month_year", "year"})
_DIGIT = re.compile(r"\d")
_MOST_NEEDED = 12  # beyond this many strings (digit runs like "2019".."2099") the pattern is just run


@functools.lru_cache(maxsize=1)
def _lowered_patterns() -> list[tuple[str, re.Pattern, tuple[str, ...] | None]]:
    """``DATE_PATTERNS`` for lower-cased text: case-sensitive (a case-insensitive branch is entered
    at every character), each with the strings one of which its matches contain (None: no such
    strings, or too many to look for one by one), so a pattern is not run over text that lacks all
    of them."""
    out = []
    for kind, pattern in DATE_PATTERNS:
        needed = required_strings(pattern.pattern)
        if needed is not None and len(needed) > _MOST_NEEDED:
            needed = None
        out.append((kind, re.compile(pattern.pattern), tuple(sorted(needed)) if needed is not None else None))
    return out


# "since 2015", "the largest protest since the war began in 2011", "ever since March": a date after
# "since" in the same clause is where a span or a comparison starts, not when an event happened
_SINCE = re.compile(r"\bsince\b[^.;:!?,]*$", re.IGNORECASE)
_SINCE_CHARS = 60
# a day named after "since" starts a range ending at the anchor, unless a comparison precedes it
# a calendar date right after a weekday names the same day ("Monday, 10 November", "Tuesday (4 March)")
_CALENDAR_KINDS = frozenset({"iso", "day_month_year", "month_day_year", "day_month", "month_day"})
_WEEKDAY_GAP = re.compile(r"[\s,(]{1,3}")
_DAY_KINDS = frozenset({"iso", "day_month_year", "month_day_year", "day_month", "month_day", "weekday", "relative_day"})
_SUPERLATIVE = re.compile(r"\b(?:\w+est|most|first|worst|biggest|largest)\b[^.;:!?]*$", re.IGNORECASE)
_DAY_BEFORE = frozenset(
    {
        "yesterday",
        "last night",
        "a day earlier",
        "the previous day",
        "the day before",
        "the previous night",
        "the night before",
    }
)


@dataclass(frozen=True, slots=True)
class DateExpression:
    start: int
    end: int
    text: str
    date_start: str | None  # ISO dates; None when relative and no anchor was given
    date_end: str | None
    precision: str  # day | week | month | year | range


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, anchor: date | None) -> int | None:
    """A day-month with no year is the latest such day on or before the anchor (news reports the past)."""
    if anchor is None:
        return None
    candidate = _safe_date(anchor.year, month, day)
    if candidate is not None and candidate > anchor + timedelta(days=7):
        return anchor.year - 1
    return anchor.year


def _count(text: str | None) -> int | None:
    if text is None:
        return 1
    value = parse_number(text)
    return int(value) if value is not None and value >= 1 else None


def _minus(anchor: date, n: int, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return anchor - timedelta(days=n)
    if unit == "week":
        return anchor - timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    year, month = divmod(anchor.year * 12 + anchor.month - 1 - months, 12)
    return date(year, month + 1, min(anchor.day, calendar.monthrange(year, month + 1)[1]))


def _resolve(kind: str, m: re.Match, anchor: date | None) -> tuple[date | None, date | None, str] | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["month"]), int(g["day"]))
        return (d, d, "day") if d else None
    if kind in ("day_month_year", "month_day_year", "day_month", "month_day"):
        month, day = MONTHS[g["month"].lower()], int(g["day"])
        year = int(g["year"]) if g.get("year") else _year_for(month, day, anchor)
        if not 1 <= day <= 31:
            return None
        if year is None:
            return None, None, "day"
        d = _safe_date(year, month, day)
        return (d, d, "day") if d else None
    if kind == "day_range":
        month = MONTHS[g["month"].lower()]
        day, day2 = int(g["day"]), int(g["day2"])
        year = int(g["year"]) if g.get("year") else _year_for(month, day2, anchor)
        if year is None:
            return None, None, "range"
        first, last = _safe_date(year, month, day), _safe_date(year, month, day2)
        return (first, last, "range") if first and last and first <= last else None
    if kind == "month_year":
        year, month = int(g["year"]), MONTHS[g["month"].lower()]
        return date(year, month, 1), _month_end(year, month), "month"
    if kind == "month":
        month = MONTHS[g["month"].lower()]
        if anchor is None:
            return None, None, "month"
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return date(year, month, 1), _month_end(year, month), "month"
    if kind == "year":
        year = int(g["year"])
        return date(year, 1, 1), date(year, 12, 31), "year"
    if kind == "past_span":
        n = _count(g.get("count"))
        if n is None:
            return None
        if anchor is None:
            return None, None, "range"
        return _minus(anchor, n, g["unit"]), anchor, "range"
    if kind == "ago":
        n = _count(g["count"])
        if n is None:
            return None
        precision = g["unit"].lower().rstrip("s")
        if anchor is None:
            return None, None, precision
        d = _minus(anchor, n, g["unit"])
        return d, d, precision
    if kind == "relative_day":
        word = " ".join(g["word"].lower().split())
        if word in ("overnight", "all night"):  # the night before the report: its evening to its morning
            return (anchor - timedelta(days=1), anchor, "range") if anchor else (None, None, "range")
        back = 2 if word == "the day before yesterday" else 1 if word in _DAY_BEFORE else 0
        if anchor is None:
            return None, None, "day"
        d = anchor - timedelta(days=back)
        return d, d, "day"
    if kind == "relative_period":
        which, unit = g["which"].lower(), g["unit"].lower()
        if anchor is None:
            return None, None, unit
        if which == "earlier this":
            start = {
                "week": anchor - timedelta(days=anchor.weekday()),
                "month": anchor.replace(day=1),
                "year": anchor.replace(month=1, day=1),
            }[unit]
            return start, anchor, "range"
        back = 0 if which == "this" else 1
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday(), weeks=back)
            return monday, monday + timedelta(days=6), "week"
        if unit == "month":
            first = _minus(anchor.replace(day=1), back, "month")
            return first, _month_end(first.year, first.month), "month"
        year = anchor.year - back
        return date(year, 1, 1), date(year, 12, 31), "year"
    if kind == "weekday":
        if anchor is None:
            return None, None, "day"
        back = (anchor.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        if back == 0 and g.get("last"):  # "last Thursday" written on a Thursday: a week before
            back = 7
        d = anchor - timedelta(days=back)
        return d, d, "day"
    return None


def find_dates(
    text: str, anchor: str | date | None = None, start: int = 0, end: int | None = None
) -> list[DateExpression]:
    """Date expressions in ``text[start:end]``, non-overlapping, in text order (offsets into ``text``)."""
    anchor_date = parse_iso(anchor) if isinstance(anchor, str) else anchor
    end = len(text) if end is None else end
    found: list[tuple[int, int, str, re.Match]] = []
    low = lowered_document(text)  # same offsets as ``text``; groups are read lower-cased either way
    if low is None:
        for kind, pattern in DATE_PATTERNS:
            for m in pattern.finditer(text, start, end):
                found.append((m.start(), m.end(), kind, m))
    else:
        present: dict[tuple[str, ...], bool] = {}  # patterns share needed strings (the month names)
        has_digit = _DIGIT.search(low, start, end) is not None
        for kind, pattern, needed in _lowered_patterns():
            if not has_digit and kind in _NEEDS_DIGIT:
                continue
            if needed is not None:
                if needed not in present:
                    present[needed] = any(low.find(s, start, end) >= 0 for s in needed)
                if not present[needed]:
                    continue
            for m in pattern.finditer(low, start, end):
                found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[DateExpression] = []
    kinds: list[str] = []
    last_end = -1
    for s, e, kind, m in found:
        if s < last_end:
            continue
        since = _SINCE.search(text, max(start, s - _SINCE_CHARS), s)
        if since and (
            kind not in _DAY_KINDS or _SUPERLATIVE.search(text, max(start, since.start() - 80), since.start())
        ):
            continue  # "the deadliest attack since 2015": where a comparison starts, not when it happened
        resolved = _resolve(kind, m, anchor_date)
        if resolved is None:
            continue
        d1, d2, precision = resolved
        if since:  # "clashes since Thursday": an event going on from that day to the report's
            d2, precision = (anchor_date if anchor_date and d1 and anchor_date >= d1 else None), "range"
            if d2 is None:
                d1 = None
        expression = DateExpression(
            s, e, text[s:e], d1.isoformat() if d1 else None, d2.isoformat() if d2 else None, precision
        )
        if (
            kind in _CALENDAR_KINDS
            and kinds
            and kinds[-1] == "weekday"
            and _WEEKDAY_GAP.fullmatch(text, out[-1].end, s)
        ):
            # "on Monday, 10 November": one day, named twice; the calendar date is the one a writer checks (a
            # weekday that disagrees with it is the slip), so the pair reads as the date
            first = out.pop()
            kinds.pop()
            expression = dataclasses.replace(expression, start=first.start, text=text[first.start : e])
        out.append(expression)
        kinds.append(kind)
        last_end = e
    return _tied_to_a_day(out)


# a day before another day the sentence names, not before the report's: "police said on Sunday that gunmen
# had killed four people a day earlier" is Saturday, whatever day the page is dated
_TIED = frozenset({"a day earlier", "the previous day", "the day before", "the previous night", "the night before"})


def _tied_to_a_day(found: list[DateExpression]) -> list[DateExpression]:
    days = [d for d in found if d.precision == "day" and d.date_start and " ".join(d.text.lower().split()) not in _TIED]
    if not days:
        return found
    out = []
    for d in found:
        if " ".join(d.text.lower().split()) in _TIED:
            before = [x for x in days if x.end <= d.start]
            base = parse_iso((before[-1] if before else days[0]).date_start)
            day = (base - timedelta(days=1)).isoformat()
            d = DateExpression(d.start, d.end, d.text, day, day, "day")
        out.append(d)
    return out


# A dateline's place before its date: the town, maybe its province and country ("GOMA, Democratic Republic of
# Congo, "); events/slots.py reads the same place to tell a dateline's date from an event's.
DATELINE_PLACE = r"[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Z][A-Za-z .'-]{1,40}){0,2},"
# "KABUL, 7 March 2025 –", "PESHAWAR, March 7, 2023 (Reuters) -", "GOMA, Democratic Republic of Congo,
# 18 November 2026 (GLW) -"
_DATELINE = re.compile(
    rf"^{DATELINE_PLACE}\s+"
    r"(?P<date>[^–—\-:\n(]{4,30}?)\s*(?:\([A-Za-z .&]{2,30}\)\s*)?[–—\-:]",
    re.MULTILINE,
)
# a date in a page's address: /2023/03/07/, /2023-03-07-, _20230307
_URL_DATE = re.compile(
    r"(?:^|[/_-])(?P<year>(?:19|20)\d\d)(?:[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)|(?P<m2>[01]\d)(?P<d2>[0-3]\d))"
    r"(?=[/_.-]|$)"
)


def dateline_date(text: str, window: int = 400) -> str | None:
    """The date of a dateline near the top ("KABUL, 7 March 2025 –"), as an ISO string, if any."""
    for m in _DATELINE.finditer(text, 0, min(len(text), window)):
        for expr in find_dates(m.group("date")):
            if expr.precision == "day" and expr.date_start:
                return expr.date_start
    return None


def url_date(url: str | None) -> str | None:
    """The date a page's URL carries ("https://x.com/2023/03/07/blast" → "2023-03-07"), if a real one."""
    if not url:
        return None
    path = url.split("://", 1)[-1].split("?", 1)[0]
    for m in _URL_DATE.finditer(path):
        month, day = m.group("month") or m.group("m2"), m.group("day") or m.group("d2")
        d = _safe_date(int(m.group("year")), int(month), int(day))
        if d is not None:
            return d.isoformat()
    return None


def document_date(doc) -> str | None:
    """The date a document was published, the anchor of its relative dates ("Thursday", "last
    month"): its metadata's (an HTML page's, a feed's, a "date 2023-03-07" line above a text, read by
    the reader or the clean stage), else a dateline's at the top of the text, else its URL's."""
    meta_date = parse_iso(doc.meta.date)
    if meta_date is not None:
        return meta_date.isoformat()
    return dateline_date(doc.clean_text) or url_date(doc.meta.url)
