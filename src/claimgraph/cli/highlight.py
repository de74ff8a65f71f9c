"""Terminal rendering of a document with its entities, events or claims marked in the clean text."""

from __future__ import annotations

from rich.text import Text

from claimgraph.entities.extract import entity_markup
from claimgraph.model import Document

STATUS_STYLES = {
    "asserted": "underline", "reported": "underline cyan", "hedged": "underline yellow",
    "hypothetical": "underline magenta", "denied": "underline red", "disputed": "underline bold red",
}


def marks(doc: Document, entities: bool = False, events: bool = False, claims: bool = False
          ) -> list[tuple[int, int, str, str]]:
    """(start, end, label, style) for each selected item, in clean-text offsets."""
    out: list[tuple[int, int, str, str]] = []
    if entities:
        out += entity_markup(doc)
    if events:
        out += [(e.trigger_start, e.trigger_end, e.type, "bold reverse") for e in doc.events]
    if claims:
        out += [(c.start, c.end, f"{c.status}·{c.evidence}" + (f"·{c.speaker_text}" if c.speaker_text else ""),
                 STATUS_STYLES.get(c.status, "underline")) for c in doc.claims]
    return sorted(out)


def highlighted(doc: Document, entities: bool = False, events: bool = False, claims: bool = False) -> Text:
    """The clean text with each mark styled and its label in brackets after it."""
    text = Text(doc.clean_text)
    selected = marks(doc, entities, events, claims)
    for start, end, _label, style in selected:
        text.stylize(style, start, end)
    # insert labels from the end so earlier offsets stay valid
    for start, end, label, style in sorted(selected, key=lambda m: (m[1], m[0]), reverse=True):
        text = text[:end] + Text(f" [{label}]", style="dim") + text[end:]
    return text
