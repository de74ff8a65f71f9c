"""Dates written in article headers and datelines, parsed to ISO 8601 ("2025-03-07").

Only whole, unambiguous dates are read: "7 March 2025", "March 7, 2025", "Saturday, 8 Mar. 2025",
"2025-03-07" (optionally followed by a time such as "14:30 GMT"), and Solar Hijri dates of Afghan
sources ("۱۷ حوت ۱۴۰۳", converted to the Gregorian calendar). Numeric forms are read only where
the order cannot be mistaken: year first ("2026/11/30", "2026.11.30"), or one of day and month above
12 ("30.11.2026", "30/11/2026", "11/30/2026"); "08/03/2025" is ambiguous between conventions and is
not read. A small regex set replaces a
general date library: dateparser takes ~0.8 s to import and ~3 ms a call, and dateutil invents the
missing day of "May 2025"; header lines are judged on every document.
Weekday names are data (``claimgraph/data/cleaning/dates.yaml``); month names come from the one
month table, ``claimgraph.nlp.months``.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from importlib import resources

from claimgraph.nlp.months import MONTHS

from ..yamlfiles import load_yaml

# A time after the date: "14:30", "2.30 pm", "10:15 AM PKT", "11:20:00+05:00", or a bare hour with
# its half of the day ("7 a.m.", "11pm": a bulletin's or a statement's time line).
_TIME = (
    r"(?:\s*(?:,|at|-|–|·|\|)?\s*(?:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
    r"(?:\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}|Z))?)?"
)


def _alternatives(names) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load_yaml(
        resources.files("claimgraph").joinpath("data", "cleaning", "dates.yaml").read_text(encoding="utf-8")
    )
    month = _alternatives(MONTHS)
    weekday = "|".join(sorted(map(re.escape, (w.casefold() for w in data["weekdays"])), key=len, reverse=True))
    lead = rf"(?:(?:{weekday})\.?,?\s+)?"
    day_first = re.compile(
        rf"{lead}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{month})\.?,?\s+(?P<year>\d{{4}}){_TIME}", re.I
    )
    month_first = re.compile(
        rf"{lead}(?P<month>{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}", re.I
    )
    iso = re.compile(
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
        r"(?:Z|[+-]\d{2}:?\d{2})?)?"
    )
    return day_first, month_first, iso


# Numeric dates: one separator throughout, a four-digit year first or last.
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})(?P<sep>[./])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})")
_YEAR_LAST = re.compile(r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})")


def _numeric(text: str) -> str | None:
    """The ISO date of an all-number date whose order is certain, else None."""
    if m := _YEAR_FIRST.fullmatch(text):
        month, day = int(m.group("a")), int(m.group("b"))
    elif m := _YEAR_LAST.fullmatch(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None  # both could be the month ("08/03/2025"), or neither
    else:
        return None
    try:
        return datetime.date(int(m.group("year")), month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _solar_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    data = load_yaml(
        resources.files("claimgraph").joinpath("data", "cleaning", "dates.yaml").read_text(encoding="utf-8")
    )
    months = {name: int(number) for number, names in data["solar_hijri_months"].items() for name in names}
    # \d also matches Persian and Arabic-Indic digits, and int() reads them
    pattern = re.compile(
        rf"(?P<day>\d{{1,2}})\s+(?P<month>{_alternatives(months)})\s+(?P<year>\d{{4}})"
        rf"(?:\s*(?:{_alternatives(data['solar_hijri_era'])}))?"
    )
    return pattern, months


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian date of a Solar Hijri (Jalali) date (the arithmetic of the 33-year cycle)."""
    if not (1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)):
        raise ValueError(f"no Solar Hijri date {year}-{month}-{day}")
    # day count of the widely used jdf conversion, shifted to Python's proleptic Gregorian ordinal
    year += 1595
    days = -355668 + 365 * year + (year // 33) * 8 + ((year % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    return datetime.date.fromordinal(days - 365)


def parse_date(text: str) -> str | None:
    """The ISO date ``text`` (the whole of it, spaces around aside) writes, or None."""
    text = " ".join(text.split()).strip(" ,")
    if not text or len(text) > 60 or not any(c.isdigit() for c in text):
        return None
    day_first, month_first, iso = _patterns()
    for pattern in (day_first, month_first, iso):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        month = m.group("month")
        number = int(month) if month.isdigit() else MONTHS[month.casefold()]
        try:
            return datetime.date(int(m.group("year")), number, int(m.group("day"))).isoformat()
        except ValueError:  # 31 February
            return None
    numeric = _numeric(text)
    if numeric is not None:
        return numeric
    solar, solar_months = _solar_pattern()
    m = solar.fullmatch(text)
    if m is not None and 1300 <= int(m.group("year")) < 1500:
        try:
            return solar_hijri_to_gregorian(
                int(m.group("year")), solar_months[m.group("month")], int(m.group("day"))
            ).isoformat()
        except ValueError:
            return None
    return None
