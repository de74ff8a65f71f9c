"""Terminal rendering of a document with its entities, events or claims marked in the clean text."""

from __future__ import annotations

from rich.text import Text

from claimgraph.model import Document

# rich style strings: one per entity type, one per claim status
ENTITY_STYLES = {
    "Person": "bold magenta",
    "Organisation": "bold cyan",
    "Location": "bold green",
    "Nationality": "green",
    "Temporal": "yellow",
    "Quantity": "blue",
    "Money": "blue",
    "Weapon": "red",
    "MilitaryPlatform": "red",
    "DocumentReference": "italic",
}
STATUS_STYLES = {
    "asserted": "underline",
    "reported": "underline cyan",
    "hedged": "underline yellow",
    "hypothetical": "underline magenta",
    "denied": "underline red",
    "disputed": "underline bold red",
}
# colours of the PARC ratings in an ACH board's matrix
RATING_STYLES = {"CC": "bold green", "C": "green", "N": "dim", "NA": "dim", "I": "red", "II": "bold red"}


def entity_markup(doc: Document) -> list[tuple[int, int, str, str]]:
    """(start, end, label, style) of the document's mentions for highlighting, non-overlapping.

    Label: the canonical actor or place name when linked ("Location: Kabul" reads worse than
    "Kabul"), with the type; style: a rich style string per type. Nested mentions give way to the
    longer one that contains them.
    """
    out: list[tuple[int, int, str, str]] = []
    last_end = -1
    for m in sorted(doc.entities, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < last_end:
            continue
        name = m.actor_name or m.place_name
        label = f"{m.type}: {name}" if name else m.type
        if m.role:
            label += f" ({m.role})"
        out.append((m.start, m.end, label, ENTITY_STYLES.get(m.type, "bold")))
        last_end = m.end
    return out


def marks(
    doc: Document, entities: bool = False, events: bool = False, claims: bool = False
) -> list[tuple[int, int, str, str]]:
    """(start, end, label, style) for each selected item, in clean-text offsets."""
    out: list[tuple[int, int, str, str]] = []
    if entities:
        out += entity_markup(doc)
    if events:
        out += [(e.trigger_start, e.trigger_end, e.type, "bold reverse") for e in doc.events]
    if claims:
        out += [
            (
                c.start,
                c.end,
                f"{c.status}·{c.evidence}" + (f"·{c.speaker_text}" if c.speaker_text else ""),
                STATUS_STYLES.get(c.status, "underline"),
            )
            for c in doc.claims
        ]
    return sorted(out)


def highlighted(doc: Document, entities: bool = False, events: bool = False, claims: bool = False) -> Text:
    """The clean text with each mark styled and its label in brackets after it."""
    text = Text(doc.clean_text)
    selected = marks(doc, entities, events, claims)
    for start, end, _label, style in selected:
        text.stylize(style, start, end)
    # insert labels from the end so earlier offsets stay valid
    for _start, end, label, _style in sorted(selected, key=lambda m: (m[1], m[0]), reverse=True):
        text = text[:end] + Text(f" [{label}]", style="dim") + text[end:]
    return text


def rating_markup(rating: str | None, override: bool = False) -> str:
    """An ACH matrix cell as rich markup: the rating in its colour, ``*`` when an analyst set it,
    ``-`` when there is none."""
    value = rating or "-"
    if value not in RATING_STYLES:
        return value
    return f"[{RATING_STYLES[value]}]{value}{'*' if override else ''}[/]"
