"""A count or a state over a period is no incident: "the insurgency has killed more than 6,000 people
since 2017", "gunmen have killed 230 people in the state this year", "forces have retaken most towns since
2021". Such an event is marked ``modality="cumulative"`` (events/detect.py): like a hypothetical one it joins
no incident's cluster, and its toll is never an incident's figure (a fresh user's trial had a monitor's
6,000 since 2017 disputed against a raid's six).

The period counts where it follows the trigger in its clause ("has killed 230 people this year"), or fronts
the sentence ("Since 2020, the army has recaptured ..."). One before the trigger inside the clause belongs to
another verb ("militants who have operated here since 2017 attacked a post"); an ordinal or a superlative
before it makes it a comparison that dates one incident ("the deadliest attack since 2015", "the third such
attack this year"). A trigger inside the period ("since the coup") is its reference point, no new report.
The cues are data: ``data/events/periods.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from claimgraph.yamlfiles import load_yaml

# where a trigger's clause ends after it: a comma before a word (not "6,000"), a stop, a relative or a
# subordinate word
_CLAUSE_END = re.compile(r"[;:()]|,(?!\d)|\b(?:who|which|where|whereas|while|but|after|before|when)\b", re.IGNORECASE)
# where it starts before it, the same marks
_CLAUSE_START = _CLAUSE_END
# a fronted adverbial ends at the sentence's first comma, within this many characters
_FRONTED_CHARS = 60
# the ordinal or superlative that makes a period a comparison stands this far before it at most
_COMPARISON_CHARS = 60


@dataclass(frozen=True, slots=True)
class Periods:
    period: re.Pattern  # one of the period cues, anywhere
    fronted: re.Pattern  # a period cue opening a text (after a lead-in, if any), then a comma
    comparison_before: re.Pattern  # an ordinal or superlative at the end of a text

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> Periods:
        path = resources.files("claimgraph") / "data" / "events" / "periods.yaml"
        data = load_yaml(path.read_text(encoding="utf-8"))
        parts = {k: data[k] for k in ("month", "year", "conflict", "whole_conflict")}
        try:
            cues = "|".join(p.format(**parts) for p in data["period"])
            return cls(
                re.compile(rf"\b(?:{cues})\b", re.IGNORECASE),
                # the period may open the sentence, or follow a list item's marker ("- Since 2015, ...") or a
                # lead-in ("Worth remembering: since 2015, ...")
                re.compile(
                    rf"\s*(?:{data['list_marker']})?(?:{data['lead_in']})?(?:and\s+|but\s+)?(?:{cues})\b[^,.;:!?]{{0,30}},(?!\d)",
                    re.IGNORECASE,
                ),
                re.compile(data["comparison_before"], re.IGNORECASE),
            )
        except (KeyError, IndexError, re.error) as err:
            raise ValueError(f"{path}: a period cue does not compile: {err}") from err

    def over_a_period(self, text: str, s_start: int, s_end: int, t_start: int, t_end: int) -> bool:
        """The trigger at ``t_start:t_end`` of the sentence ``s_start:s_end`` tells of a count or a state
        over a period rather than of one incident."""
        if any(m.start() <= t_start and t_end <= m.end() for m in self.period.finditer(text, s_start, s_end)):
            return True  # the period's own reference point ("since the coup"): told of, not reported
        front = self.fronted.match(text, s_start, s_end)
        if front is not None and front.end() <= t_start and front.end() - s_start <= _FRONTED_CHARS:
            return True  # "Since 2012, the militants have killed ...": it opens the sentence, no comparison
        stop = _CLAUSE_END.search(text, t_end, s_end)
        end = stop.start() if stop else s_end
        starts = [m.end() for m in _CLAUSE_START.finditer(text, s_start, t_start)]
        begin = max([s_start, *starts])
        return any(not self._comparison(text, begin, m.start()) for m in self.period.finditer(text, t_end, end))

    def cue_of(self, text: str, s_start: int, s_end: int, t_start: int, t_end: int) -> re.Match | None:
        """The period cue that makes the trigger (or figure) at ``t_start:t_end`` a tally, as
        ``over_a_period`` finds it: fronted, else after it in its clause; None where there is none (a
        trigger inside a period is its reference point, no tally of its own)."""
        front = self.fronted.match(text, s_start, s_end)
        if front is not None and front.end() <= t_start and front.end() - s_start <= _FRONTED_CHARS:
            return self.period.search(text, front.start(), front.end())
        stop = _CLAUSE_END.search(text, t_end, s_end)
        end = stop.start() if stop else s_end
        starts = [m.end() for m in _CLAUSE_START.finditer(text, s_start, t_start)]
        begin = max([s_start, *starts])
        return next(
            (m for m in self.period.finditer(text, t_end, end) if not self._comparison(text, begin, m.start())), None
        )

    def first_cue(self, text: str, s_start: int, s_end: int) -> re.Match | None:
        """The first period cue of a sentence that dates no comparison ("the deadliest since 2015")."""
        return next(
            (m for m in self.period.finditer(text, s_start, s_end) if not self._comparison(text, s_start, m.start())),
            None,
        )

    def _comparison(self, text: str, begin: int, at: int) -> bool:
        return bool(self.comparison_before.search(text[max(begin, at - _COMPARISON_CHARS) : at]))


@dataclass(frozen=True, slots=True)
class Period:
    """The period a tally counts over: ``start`` and ``end`` ISO days, ``precision`` of the start (year |
    month | day); ``start`` None where the words name the conflict's start without a date ("since the war
    began", "killed in the conflict", "to date"); ``text`` the cue as written."""

    start: str | None
    end: str | None
    precision: str
    text: str


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
# "since the war began in April 2023", "since the coup in 2021": the conflict's start, dated after the cue
_DATED_AFTER = re.compile(r"^[^.;:,]{0,30}?\bin\s+((?:[A-Za-z]+\s+)?(?:19|20)\d\d)\b")
_PAST = re.compile(
    r"\b(?:past|last|previous)\s+(?:(?P<n>[\w-]+)\s+)?(?P<unit>years?|decades?|months?)\b", re.IGNORECASE
)
_THIS_YEAR = re.compile(
    r"\bthis\s+year\b|\bstart\s+of\s+(?:the|this)\s+year\b|\bbeginning\s+of\s+(?:the|this)\s+year\b", re.IGNORECASE
)
# what a cue ending in "of" is of, shown with it: "since the start of | the year"
_OF_WHAT = re.compile(r"^\s*((?:[\w'’-]+\s+)?[\w'’-]+)")
_BETWEEN_YEARS = re.compile(r"\bbetween\s+((?:19|20)\d\d)\s+and\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def period_bounds(cue: str, after: str, report_date: str | None) -> Period:
    """The bounds a period cue gives, read against the report's date (its end, and the year of "this year",
    of "since March"). ``after``: the words right after the cue ("since the war began | in April 2023")."""
    from claimgraph.figures.numbers import value_of
    from claimgraph.nlp.dates import parse_iso

    day = parse_iso(report_date)
    end = day.isoformat() if day else None
    if cue.rstrip().lower().endswith(" of") and _OF_WHAT.match(after):
        cue = f"{cue} {_OF_WHAT.match(after).group(1)}"  # "since the start of the year"
    if re.fullmatch(r"(?:so|thus)\s+far|to\s+date", cue.strip(), re.IGNORECASE) and _THIS_YEAR.match(after.strip()):
        cue = f"{cue} {_THIS_YEAR.match(after.strip()).group()}"  # "so far this year"
    text = " ".join(cue.split())
    text = text[:1].lower() + text[1:]  # "Since 2020, ..." shown after the value: "since 2020"
    between = _BETWEEN_YEARS.search(cue)
    if between:
        return Period(f"{between.group(1)}-01-01", f"{between.group(2)}-12-31", "year", text)
    if _THIS_YEAR.search(cue) or (_THIS_YEAR.search(after[:30]) and re.search(r"so\s+far|to\s+date|thus", cue, re.I)):
        return Period(f"{day.year}-01-01" if day else None, end, "year", text)
    past = _PAST.search(cue)
    if past and day:
        n = value_of(past.group("n")) if past.group("n") else 1.0
        if n is None:  # "over the past few years": no bound the words give
            return Period(None, end, "conflict", text)
        unit = past.group("unit").lower()
        n *= 10 if unit.startswith("decade") else 1
        if unit.startswith("month"):
            months = day.year * 12 + day.month - 1 - int(n)
            return Period(f"{months // 12}-{months % 12 + 1:02d}-01", end, "month", text)
        return Period(f"{day.year - int(n)}-{day.month:02d}-01", end, "year", text)
    dated = _DATED_AFTER.match(after) if not _YEAR.search(cue) else None
    words = cue + (" " + dated.group(1) if dated else "")
    year, month = _YEAR.search(words), _MONTH.search(words)
    if month is not None:  # a month of the cue (a period cue's "may" is the month) or of its dated start
        m = _MONTHS.index(month.group(1).lower()) + 1
        if year is not None:
            return Period(f"{year.group(1)}-{m:02d}-01", end, "month", text)
        if day:  # "since March": this year's March, or last year's where it is still to come
            return Period(f"{day.year - (m > day.month)}-{m:02d}-01", end, "month", text)
    if year is not None:
        return Period(f"{year.group(1)}-01-01", end, "year", text)
    return Period(None, end, "conflict", text)
