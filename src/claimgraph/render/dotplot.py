"""A disputed figure's spread as an inline SVG dot plot: one row per source's value, a dot for an
exact figure, a bar for a range, an arrow for an open bound ("at least 12"), on one shared axis.

The axis is logarithmic when the values span more than ``LOG_SPAN`` times (tolls of 5 and 80,
strengths of 1,000 and 5,000 fighters stay readable side by side), linear otherwise. Drawn in
Python like the other drawings: same data, same bytes; text stays text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from .text import short, svg_open

ROW_HEIGHT = 20
TOP = 26
AXIS_ROOM = 26
LABEL_CHARS = 34
CHAR_WIDTH = 6.2
LOG_SPAN = 20
# colours by the value's role: a plain value, an update of earlier figures, a figure an update replaced
ROLE_COLOURS = {"value": "#1d4e89", "update": "#0f766e", "superseded": "#9ca3af"}


def _scale(lows: Sequence[float], highs: Sequence[float], left: float, width: float):
    top = max(highs) if highs else 1.0
    bottom = min(lows) if lows else 0.0
    log = bottom > 0 and top / max(bottom, 1e-9) > LOG_SPAN
    if log:
        lo, hi = math.log10(bottom) - 0.1, math.log10(top) + 0.1
        return (lambda v: left + width * (math.log10(max(v, bottom)) - lo) / (hi - lo)), log, (bottom, top)
    lo, hi = 0.0, top * 1.1 or 1.0
    return (lambda v: left + width * (v - lo) / (hi - lo)), log, (lo, hi)


def _ticks(log: bool, bounds: tuple[float, float]) -> list[float]:
    lo, hi = bounds
    if log:
        return [
            10.0**k for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1) if lo <= 10.0**k <= hi
        ]
    step = 10 ** math.floor(math.log10(max(hi, 1))) or 1
    if hi / step < 3:
        step /= 2
    return [step * k for k in range(0, int(hi / step) + 1)]


def dot_plot(values: Sequence[dict], title: str, width: int = 640) -> Markup:
    """``values``: dicts with ``low``, ``high`` (None: unbounded above), ``value`` (as shown),
    ``source``, ``speaker`` and ``role``; rows in the order given."""
    rows = [v for v in values if v.get("low") is not None]
    labels = [short(f"{v.get('source') or ''}: {v.get('speaker') or ''}".strip(": "), LABEL_CHARS) for v in rows]
    label_width = round(min(max((len(s) for s in labels), default=0), LABEL_CHARS) * CHAR_WIDTH) + 10
    plot_left, plot_width = label_width, max(width - label_width - 70, 1)
    finite = [v["high"] for v in rows if v.get("high") is not None] + [v["low"] for v in rows]
    x, log, bounds = _scale([v["low"] for v in rows if v["low"] > 0] or [1.0], finite or [1.0], plot_left, plot_width)
    height = TOP + ROW_HEIGHT * len(rows) + AXIS_ROOM
    axis_y = TOP + ROW_HEIGHT * len(rows) + 4
    parts = [
        svg_open(width, height, "dotplot", title),
        f'<text x="0" y="16" font-size="13" font-weight="600" fill="#1f2933">{escape(title)}</text>',
        f'<line x1="{plot_left}" y1="{axis_y}" x2="{plot_left + plot_width}" y2="{axis_y}" stroke="#9ca3af"/>',
    ]
    for tick in _ticks(log, bounds):
        tx = round(x(tick), 1)
        parts.append(
            f'<line x1="{tx}" y1="{TOP - 4}" x2="{tx}" y2="{axis_y}" stroke="#e5e7eb"/>'
            f'<text x="{tx}" y="{axis_y + 14}" font-size="10" fill="#6b7280" text-anchor="middle">{tick:,.0f}</text>'
        )
    for i, (v, label) in enumerate(zip(rows, labels)):
        y = TOP + ROW_HEIGHT * i + ROW_HEIGHT / 2
        colour = ROLE_COLOURS.get(v.get("role") or "value", ROLE_COLOURS["value"])
        tip = escape(f"{v.get('source')}: {v.get('speaker') or ''}, {v.get('value')} ({v.get('date') or 'undated'})")
        x0 = round(x(v["low"]), 1)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 4}" font-size="11" fill="#374151" text-anchor="end">'
            f"{escape(label)}</text><g><title>{tip}</title>"
        )
        if v.get("high") is None:  # open above: from the bound to the plot's edge
            end = plot_left + plot_width
            parts.append(
                f'<line x1="{x0}" y1="{y}" x2="{end}" y2="{y}" stroke="{colour}" stroke-width="2" '
                f'stroke-dasharray="4 3"/><polygon points="{end},{y} {end - 6},{y - 4} {end - 6},{y + 4}" '
                f'fill="{colour}"/>'
            )
        elif v["high"] > v["low"]:
            parts.append(
                f'<line x1="{x0}" y1="{y}" x2="{round(x(v["high"]), 1)}" y2="{y}" stroke="{colour}" stroke-width="4"/>'
            )
        parts.append(f'<circle cx="{x0}" cy="{y}" r="4.5" fill="{colour}"/></g>')
        parts.append(
            f'<text x="{plot_left + plot_width + 6}" y="{y + 4}" font-size="10" fill="#374151">'
            f"{escape(str(v.get('value')))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
