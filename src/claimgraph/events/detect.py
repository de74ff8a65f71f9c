"""Sentence-level event detection: trigger phrases from the lexicon, typed in the taxonomy, then
slots (actors, place, date, casualties, weapon) from the sentence and the document's mentions.

One sentence may hold several events of different types ("a drone strike ... the Taliban denied");
within one type the strongest trigger stands for the sentence's event, and a general type gives
way to a specific one that subsumes it (a suicide bombing is not also an "attack").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.slots import SlotFiller
from claimgraph.events.taxonomy import Taxonomy
from claimgraph.model import Document, Event
from claimgraph.nlp.dates import dateline_date
from claimgraph.nlp.sentences import sentence_spans

# A hedge in the sentence ("reports of", "allegedly") lowers confidence by this factor.
HEDGE_FACTOR = 0.85
# "claimed responsibility for the attack" refers back to an event; that "attack" is no new event.
_CLAIM_OBJECT = re.compile(r"responsibility\s+for\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_NEGATION_WINDOW = 30
_WORD_START = re.compile(r"\b\w")  # characters before a trigger searched for a negation cue


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    type: str
    weight: float


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Trigger phrases in ``text[start:end]``: non-overlapping, the stronger (then more specific) kept."""
    lex = TriggerLexicon.load()
    end = len(text) if end is None else end
    violent_context = None
    found: list[Trigger] = []
    anywhere = lex.by_first_char.get("", ())
    for p in anywhere:
        for m in p.regex.finditer(text, start, end):
            found.append(Trigger(m.start(), m.end(), m.group(0), p.type, p.weight))
    for w in _WORD_START.finditer(text, start, end):
        pos = w.start()
        for p in lex.by_first_char.get(text[pos].lower(), ()):
            m = p.regex.match(text, pos, end)
            if m is None:
                continue
            if p.needs_context:
                if violent_context is None:
                    violent_context = bool(lex.cues["violence_context"].search(text, start, end))
                if not violent_context:
                    continue
            found.append(Trigger(m.start(), m.end(), m.group(0), p.type, p.weight))
    found.sort(key=lambda t: (-t.weight, lex.rank.get(t.type, 99), -(t.end - t.start), t.start))
    kept: list[Trigger] = []
    for t in found:
        if all(t.end <= k.start or t.start >= k.end for k in kept):
            kept.append(t)
    kept.sort(key=lambda t: t.start)
    return kept


def sentence_events(text: str, start: int, end: int) -> list[tuple[Trigger, list[Trigger]]]:
    """(strongest trigger, all triggers) per event type found in one sentence, in text order."""
    lex = TriggerLexicon.load()
    triggers = [t for t in find_triggers(text, start, end)
                if not (t.type in ("ATTACK", "REM_EXPLOS", "SUIC_BOMB")
                        and _CLAIM_OBJECT.search(text, max(start, t.start - 60), t.start))]
    by_type: dict[str, list[Trigger]] = {}
    for t in triggers:
        by_type.setdefault(t.type, []).append(t)
    present = set(by_type)
    out = []
    for type_name, group in by_type.items():
        if lex.subsumed_by.get(type_name, frozenset()) & present:
            continue
        best = max(group, key=lambda t: (t.weight, -t.start))
        out.append((best, group))
    out.sort(key=lambda item: item[0].start)
    return out


def detect_events(doc: Document) -> Document:
    """The events stage: ``doc.events`` from every sentence of the clean text. Pure."""
    text = doc.clean_text
    if not text:
        return doc
    lex = TriggerLexicon.load()
    taxonomy = Taxonomy.load()
    anchor = doc.meta.date or dateline_date(text)
    slots = SlotFiller.for_document(doc, anchor)
    events: list[Event] = []
    for s_start, s_end in sentence_spans(text, doc.language or "en"):
        for trigger, group in sentence_events(text, s_start, s_end):
            etype = taxonomy[trigger.type]
            before = text[max(s_start, trigger.start - _NEGATION_WINDOW):trigger.start]
            negated = bool(lex.cues["negation"].search(before))
            confidence = trigger.weight * (HEDGE_FACTOR if lex.cues["hedge"].search(text, s_start, s_end) else 1.0)
            event = Event(
                id=f"{doc.id}:e{len(events)}", type=etype.name, event_type=etype.event_type,
                sentence_start=s_start, sentence_end=s_end, trigger_start=trigger.start,
                trigger_end=trigger.end, trigger=trigger.text, confidence=round(confidence, 3), negated=negated,
            )
            events.append(slots.fill(event, [(t.start, t.end) for t in group]))
    return doc.replace(events=tuple(slots.link_claims(events)))
