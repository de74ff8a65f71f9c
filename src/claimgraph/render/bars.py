"""Horizontal bar charts as inline SVG, for the brief (sources, claims, actors, ACH scores).

Drawn in Python like the other drawings here: the same data gives the same bytes, text stays text
(searchable, escaped), and the file needs nothing from outside when it is opened.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from .text import short, svg_open

ROW_HEIGHT = 22
BAR_HEIGHT = 15
TITLE_HEIGHT = 28
LABEL_CHARS = 40  # longer labels are cut; the bar's tooltip keeps the whole label
CHAR_WIDTH = 6.2  # average width of a character at the labels' font size, to size the label column
VALUE_ROOM = 60  # right of the longest bar, for its printed value


def bar_chart(
    labels: list[str], values: list[float], title: str, color: str = "#1d4e89", fmt: str = "{}", width: int = 640
) -> Markup:
    """Horizontal bars in the order given, first on top, lengths proportional to ``values`` (a
    negative value draws no bar); ``fmt`` formats the value printed at each bar."""
    shown = [short(label, LABEL_CHARS) for label in labels]
    label_width = round(min(max((len(s) for s in shown), default=0), LABEL_CHARS) * CHAR_WIDTH) + 10
    plot = max(width - label_width - VALUE_ROOM, 1)
    top = max(values, default=0)
    height = TITLE_HEIGHT + ROW_HEIGHT * len(values) + 6
    parts = [
        svg_open(width, height, "bars", title),
        f'<text x="0" y="16" font-size="13" font-weight="600" fill="#1f2933">{escape(title)}</text>',
    ]
    for i, (label, full, value) in enumerate(zip(shown, labels, values, strict=True)):
        y = TITLE_HEIGHT + ROW_HEIGHT * i
        length = round(plot * value / top, 1) if top > 0 and value > 0 else 0
        middle = y + ROW_HEIGHT / 2 + 4  # text baseline, centred on the bar
        printed = escape(fmt.format(value))
        parts.append(
            f'<text x="{label_width - 8}" y="{middle}" font-size="11" fill="#374151" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="bar" x="{label_width}" y="{y + (ROW_HEIGHT - BAR_HEIGHT) / 2}" width="{length}" '
            f'height="{BAR_HEIGHT}" fill="{escape(color)}"><title>{escape(full)}: {printed}</title></rect>'
            f'<text x="{label_width + length + 4}" y="{middle}" font-size="10" fill="#374151">'
            f"{printed}</text>"
        )
    parts.append(
        f'<line x1="{label_width}" y1="{TITLE_HEIGHT}" x2="{label_width}" y2="{height - 6}" stroke="#9ca3af"/></svg>'
    )
    return Markup("".join(parts))
