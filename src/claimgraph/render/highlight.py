"""Document text as safe HTML: every piece of text escaped, every mark generated here.

Scraped text is hostile, so nothing of it reaches the page as markup: the text is cut at span
boundaries, each piece goes through ``html.escape``, and only the ``<mark>``/``<del>`` elements
written below wrap it. Templates receive the result as ``Markup`` and never apply ``|safe``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise

from markupsafe import Markup

from claimgraph.model import Document

from .text import ident

# Outer to inner: a claim's sentence holds events, which hold entity names.
LAYERS = ("claim", "event", "entity")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    layer: str  # one of LAYERS
    label: str  # shown as the tooltip
    css: str = ""  # extra class (entity type, claim status)
    anchor: str | None = None  # element id, so other pages can link to the span


def document_spans(doc: Document) -> list[Span]:
    """The spans the reader highlights: claims, event triggers and entity mentions."""
    spans = [
        Span(
            c.start,
            c.end,
            "claim",
            f"claim ({c.status}, {c.evidence})" + (f" — {c.speaker_text}" if c.speaker_text else ""),
            f"status-{ident(c.status)}",
            f"claim-{c.id}",
        )
        for c in doc.claims
    ]
    spans += [
        Span(
            e.trigger_start,
            e.trigger_end,
            "event",
            f"event {e.type} ({e.event_type})",
            f"event-{ident(e.type)}",
            f"event-{e.id}",
        )
        for e in doc.events
    ]
    spans += [
        Span(m.start, m.end, "entity", f"{m.type}: {m.actor_name or m.place_name or m.text}", f"type-{ident(m.type)}")
        for m in doc.entities
    ]
    return spans


def highlight(text: str, spans: list[Span]) -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark>``; overlapping spans nest by layer.

    The text is cut at every span boundary; each piece is wrapped in the marks of the spans that
    cover it (outer layers first), so the HTML is well formed however the spans overlap.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    anchored: set[str] = set()
    out: list[str] = []
    for a, b in pairwise(cuts):
        covering = sorted(
            (s for s in spans if s.start <= a and b <= s.end), key=lambda s: (LAYERS.index(s.layer), s.start, -s.end)
        )
        piece = escape(text[a:b])
        for s in reversed(covering):
            attrs = f' class="hl hl-{s.layer} {escape(s.css)}" title="{escape(s.label)}"'
            if s.anchor and s.anchor not in anchored:
                anchored.add(s.anchor)
                attrs += f' id="{escape(ident(s.anchor))}"'
            piece = f"<mark{attrs}>{piece}</mark>"
        out.append(piece)
    return Markup("".join(out))


def raw_with_removals(doc: Document, descriptions: dict[str, str]) -> Markup:
    """The raw text escaped, each removed span shown in place as ``<del>`` with its rule and why."""
    raw = doc.raw_text
    out: list[str] = []
    at = 0
    for i, r in enumerate(sorted(doc.removals, key=lambda r: (r.raw_start, r.raw_end))):
        start, end = max(r.raw_start, at), min(r.raw_end, len(raw))
        if end <= start:
            continue
        out.append(escape(raw[at:start]))
        why = descriptions.get(r.rule, "")
        out.append(
            f'<del class="removal" id="removal-{i}" title="{escape(r.rule)}: {escape(why)}">'
            f'<span class="rule-tag">{escape(r.rule)}</span>{escape(raw[start:end])}</del>'
        )
        at = end
    out.append(escape(raw[at:]))
    return Markup("".join(out))


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: a scraped ``javascript:`` or ``data:``
    URL must never become a link."""
    if url and url.strip().lower().startswith(("http://", "https://")) and not any(c in url for c in "\"'<> "):
        return url.strip()
    return None


def anchor_id(value: str | None) -> str:
    """The element id the reader gives a span, for links from other pages."""
    return ident(value)
