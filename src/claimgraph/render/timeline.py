"""The events timeline as inline SVG: one row per event type, one dot per event, by date."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from markupsafe import Markup

from .text import svg_open

ROW_HEIGHT = 28
LEFT = 170  # room for the row labels
RIGHT = 20
TOP = 30
TITLE_HEIGHT = 22  # room for a title above the date axis, when there is one
OUTLIER_SHARE = 5  # percent of events at each end that may fall outside the shown range


def event_day(event: dict[str, Any]) -> dt.date | None:
    """The day an event happened (or started), else the day its document was published."""
    for key in ("date_start", "doc_date"):
        value = event.get(key)
        if value:
            try:
                return dt.date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def shown_range(days: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The dates the timeline spans: all of them, unless a few outliers (a background event
    years earlier) would squeeze the rest into a line; then the middle 90%, padded a little."""
    days = sorted(days)
    first, last = days[0], days[-1]
    if len(days) >= 10:
        low, high = days[len(days) * OUTLIER_SHARE // 100], days[-1 - len(days) * OUTLIER_SHARE // 100]
        if (last - first).days > 3 * max((high - low).days, 1):
            pad = dt.timedelta(days=max((high - low).days // 20, 1))
            first, last = low - pad, high + pad
    return first, last


def timeline_svg(events: list[dict[str, Any]], width: int = 1180, href=None, title: str | None = None) -> Markup:
    """Dots for ``events`` (rows from ``store.events.page``); ``href(event)`` gives each dot's link,
    ``title`` a heading drawn above the dates (the brief has one, the events page its own)."""
    dated = [(event_day(e), e) for e in events]
    dated = [(d, e) for d, e in dated if d is not None]
    if not dated:
        return Markup("")
    first, last = shown_range([d for d, _ in dated])
    outside = sum(1 for d, _ in dated if not first <= d <= last)
    dated = [(d, e) for d, e in dated if first <= d <= last]
    types = sorted({e["type"] for _, e in dated})
    span = max((last - first).days, 1)
    plot = width - LEFT - RIGHT
    top = TOP + (TITLE_HEIGHT if title else 0)
    height = top + ROW_HEIGHT * len(types) + (30 if outside else 10)

    def x(day: dt.date) -> float:
        return round(LEFT + plot * (day - first).days / span, 1)

    parts = [svg_open(width, height, "timeline", "timeline of events")]
    if title:
        parts.append(f'<text x="0" y="15" font-size="13" font-weight="600" fill="#1f2933">{escape(title)}</text>')
    ticks = min(span, 8)
    for i in range(ticks + 1):
        day = first + dt.timedelta(days=round(span * i / ticks))
        anchor = "end" if i == ticks else "middle"  # the last date ends at its line: centred, it ran off the edge
        parts.append(
            f'<line x1="{x(day)}" y1="{top - 8}" x2="{x(day)}" y2="{height - 10}" stroke="#e3e6ea"/>'
            f'<text x="{x(day)}" y="{top - 12}" font-size="11" fill="#6b7280" text-anchor="{anchor}">'
            f"{day:%d %b %Y}</text>"
        )
    for row, kind in enumerate(types):
        y = top + ROW_HEIGHT * row + ROW_HEIGHT / 2
        parts.append(
            f'<text x="{LEFT - 10}" y="{y + 4}" font-size="12" fill="#374151" text-anchor="end">'
            f"{escape(kind)}</text>"
            f'<line x1="{LEFT}" y1="{y}" x2="{width - RIGHT}" y2="{y}" stroke="#d1d5db"/>'
        )
        for day, e in dated:
            if e["type"] != kind:
                continue
            label = f"{day:%Y-%m-%d} {kind}: {e.get('location') or ''} — {e.get('doc_title') or e['doc_id']}"
            dot = (
                f'<circle cx="{x(day)}" cy="{y}" r="6" fill="#c0392b" fill-opacity="0.7" stroke="#fff">'
                f"<title>{escape(label)}</title></circle>"
            )
            if href is not None:
                dot = f'<a href="{escape(href(e))}">{dot}</a>'
            parts.append(dot)
    if outside:
        parts.append(
            f'<text x="{LEFT}" y="{height - 8}" font-size="11" fill="#6b7280">{outside} event(s) dated '
            f"outside {first:%d %b %Y} – {last:%d %b %Y} are in the table only</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
