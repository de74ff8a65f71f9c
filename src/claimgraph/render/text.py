"""Small helpers the renderers share: ids safe in attributes, labels short enough to draw."""

from __future__ import annotations

from html import escape


def ident(value: str | None) -> str:
    """A value safe as (part of) a class or id: letters, digits, dash and underscore."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in (value or ""))


def short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def svg_open(width: int, height: int, css_class: str, label: str) -> str:
    """The opening ``<svg>`` tag of a drawing meant to sit inline in HTML; ``label`` is read out
    by screen readers."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">'
    )
