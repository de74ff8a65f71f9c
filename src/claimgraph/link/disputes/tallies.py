"""Cumulative tallies as a measure of their own: "al-Shabaab has killed more than 4,000 civilians since
2017" against "al-Shabaab has killed 1,800 civilians since 2017" (issue 16.2).

A tally is no incident's toll (events/periods.py marks its event ``cumulative``), so the event disputes
leave it out; here each one is a value of ``<measure>_cumulative`` (deaths, injured, displaced, abducted
... over a period) in the country it is about (its event's, else the one its document names most), with
the period its words give (``periods.period_bounds``: "since 2017" is 2017-01-01 to the report's date,
"this year" the report's year so far, "since the war began in April 2023" from April 2023) and its doer
(the event's actor, None for every doer). Values are blocked by (measure, country, the report's year).

Two tallies count the same thing, or one part of the other, by their scope and period:

- same scope (doer and victim group) and same period (one start at the coarser precision, reports at most
  ``tally_same_end_days`` apart): disjoint intervals conflict;
- one inside the other (its doer and group are the other's or the other counts every doer and group, and
  its period lies inside the other's): it can be smaller, never larger; a part larger than its whole
  conflicts ("more than 70 soldiers killed this year" against "about 40 since 2022");
- otherwise (other doers, other groups, periods that only overlap) they count different things.

Two voices must give a conflicting pair. A later, larger tally of the same body over a period containing
the earlier one's is an update (the count grew), shown as a timeline. A value's period and doer travel in
its ``qualifier`` ("at_least|2017-01-01|2024-08-02|year|al-shabaab"), which the store keeps, so a later
run's values meet the stored ones.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...events.periods import Period, Periods, period_bounds
from ...nlp.dates import parse_iso
from .config import DisputeConfig
from .figures import _same_body, _summary, voice
from .values import INF, Value, _distinct, _figure_value

SUFFIX = "_cumulative"
_COUNTRIES = Path(__file__).resolve().parents[2] / "data" / "places" / "countries.tsv"


def is_tally(f: dict[str, Any], periods: Periods | None = None) -> bool:
    """A figure that counts over a period: its event is cumulative, or its own clause gives a period and
    its event (if any) lies in another sentence (a passive "have been displaced ... since January" has no
    event of its own, and the figure reader gives it the incident told before)."""
    if f.get("modality") == "cumulative":
        return True
    if f.get("event_id") is not None and f.get("event_start") == f.get("sentence_start"):
        return False
    return _cue(f, periods or Periods.load()) is not None


def _cue(f: dict[str, Any], periods: Periods):
    sentence, at = f.get("sentence") or "", (f.get("start") or 0) - (f.get("sentence_start") or 0)
    if not sentence or at < 0:
        return None
    return periods.cue_of(sentence, 0, len(sentence), at, at + len(f.get("text") or ""))


def period_of(f: dict[str, Any], periods: Periods) -> Period | None:
    """The period a tally's words give: the cue of its clause, else (its event is cumulative) the first
    period cue of its sentence that dates no comparison."""
    sentence = f.get("sentence") or ""
    cue = _cue(f, periods) or periods.first_cue(sentence, 0, len(sentence))
    if cue is None:
        return None
    return period_bounds(cue.group(), sentence[cue.end() :], f.get("doc_date") or f.get("date"))


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO alpha-2 -> the country's name (data/places/countries.tsv)."""
    with _COUNTRIES.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {r["alpha2"]: r["name"] for r in rows}


def tally_values(figure_rows: Sequence[dict], doc_ids: Sequence[str], config: DisputeConfig, weights) -> list[Value]:
    """The tallies of these documents as values of ``<measure>_cumulative``, blocked by (measure, country,
    year of the report). A tally placed in no country gives none: it is no one conflict's count."""
    periods, in_docs, out = Periods.load(), set(doc_ids), []
    rows = [f for f in figure_rows if f["doc_id"] in in_docs and f["measure"] in config.event_measures]
    for f in _distinct(rows):
        if not is_tally(f, periods):
            continue
        country = f.get("country") or f.get("doc_country")
        period = period_of(f, periods)
        if not country or period is None:
            continue
        measure = f["measure"] + SUFFIX
        year = (f.get("doc_date") or f.get("date") or "")[:4] or "undated"
        block = f"t:{measure}|{country}|{year}"
        # a cumulative event's figure is no incident's, and is this source's value all the same
        v = _figure_value(
            {**f, "modality": None}, block, f"{country_names().get(country, country)}, {year}", measure, config, weights
        )
        if v is None:
            continue
        doer = _doer(f)
        v.qualifier = "|".join((v.qualifier or "", period.start or "", period.end or "", period.precision, doer or ""))
        v.value = f"{v.value} {period.text}"
        out.append(v)
    return out


def _doer(f: dict[str, Any]) -> str | None:
    """Who the tally counts the victims of: its cumulative event's doer; else an armed group giving a tally
    of its own ("Boko Haram said it had killed more than 500 soldiers this year": the pronoun left
    unresolved) counts its own kills; else every doer (None)."""
    if f.get("modality") == "cumulative" and f.get("actor1"):
        return f["actor1"]
    if f.get("speaker_actor") and f.get("speaker_actor_type") == "armed_group":
        return f["speaker_actor"]
    return None


def _read(v: Value) -> tuple[str, str | None, str | None, str, str | None]:
    """(qualifier, start, end, precision, doer) of a tally value (``tally_values``' encoding)."""
    parts = ((v.qualifier or "") + "||||").split("|")
    return parts[0], parts[1] or None, parts[2] or None, parts[3] or "conflict", parts[4] or None


def _start_key(start: str | None, precision: str) -> str | None:
    if start is None:
        return None
    return start[:4] if precision == "year" else start[:7] if precision == "month" else start


def _period_relation(a: Value, b: Value, same_end_days: int) -> str | None:
    """ "same", "inside" (a's period lies in b's), "contains" or None (only overlapping, or not comparable:
    a conflict's start against a dated one)."""
    _, sa, ea, pa, _ = _read(a)
    _, sb, eb, pb, _ = _read(b)
    da, db = parse_iso(ea), parse_iso(eb)
    if da is None or db is None:
        return None
    close = abs((da - db).days) <= same_end_days
    if (sa is None) != (sb is None):
        return None
    coarse = "year" if "year" in (pa, pb) else "month"
    ka, kb = _start_key(sa, coarse), _start_key(sb, coarse)
    if ka == kb:
        return "same" if close else ("inside" if da < db else "contains")
    if ka is None or kb is None:
        return None
    if ka > kb and (da <= db or close):
        return "inside"
    if kb > ka and (db <= da or close):
        return "contains"
    return None


def _scope_relation(a: Value, b: Value) -> str | None:
    """ "same", "inside" (a counts part of what b counts: b's doer and group are a's or every one),
    "contains", or None."""
    doer_a, doer_b = _read(a)[4], _read(b)[4]
    same_doer, same_group = doer_a == doer_b, a.group == b.group
    if same_doer and same_group:
        return "same"
    if (doer_b is None or same_doer) and (b.group is None or same_group):
        return "inside"
    if (doer_a is None or same_doer) and (a.group is None or same_group):
        return "contains"
    return None


def _part_of(a: Value, b: Value, same_end_days: int) -> str | None:
    """How ``a`` stands to ``b``: "same" thing counted, "inside" (a part of b), "contains", or None."""
    period, scope = _period_relation(a, b, same_end_days), _scope_relation(a, b)
    if period is None or scope is None:
        return None
    if period == scope:
        return period
    if "same" in (period, scope):
        return scope if period == "same" else period
    return None  # a's period inside b's but its scope wider: no bound either way


def compare_tallies(values: Sequence[Value], same_end_days: int) -> dict[str, Any]:
    """``figures.compare`` for tallies: roles (a later, larger tally of the same body over a period
    containing the earlier's updates it) and the conflicting pairs, summarised as a figures dispute."""
    pairs, updates = [], 0
    ordered = sorted(values, key=lambda v: (v.date or "", v.low))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            rel = _part_of(a, b, same_end_days)
            if rel is None:
                continue
            high_a, high_b = a.high if a.high is not None else INF, b.high if b.high is not None else INF
            if rel in ("inside", "same") and _same_body(a, b) and (b.date or "") > (a.date or "") and b.low > high_a:
                a.role, b.role = "superseded", "update" if b.role == "value" else b.role
                updates += 1
                continue
            if voice(a) == voice(b):
                continue
            if rel == "same" and (high_a < b.low or high_b < a.low):
                pairs.append((a, b) if high_a < b.low else (b, a))
            elif rel == "inside" and a.low > high_b:
                pairs.append((b, a))
            elif rel == "contains" and b.low > high_a:
                pairs.append((a, b))
    live = [(lo, up) for lo, up in pairs if lo.role != "superseded" and up.role != "superseded"]
    return _summary(values, live, updates)


def tally_disputes(values: Sequence[Value], config: DisputeConfig) -> dict[tuple[str, str], tuple[list[Value], dict]]:
    grouped: dict[tuple[str, str], list[Value]] = defaultdict(list)
    for v in values:
        grouped[(v.block, v.measure)].append(replace(v, role="value"))
    return {key: (vs, compare_tallies(vs, config.tally_same_end_days)) for key, vs in grouped.items()}
