"""The accurate mode's events stage: ``detect_events`` with the learned model's triggers and roles.

Everything else is the rule path's (``events.detect``): negation, modality, a definite mention
referring back, claims of responsibility, and the slots the rule path reads from the sentence (dates,
tolls, places); the model's roles then replace the word-order actors, and give the instrument and
the place where it finds them.
"""

from __future__ import annotations

import dataclasses

from claimgraph.events.detect import Trigger, detect_events
from claimgraph.events.learned import EventModel, SentenceEvent, strip_article
from claimgraph.events.mentions import FallbackMentions
from claimgraph.events.slots import SlotFiller
from claimgraph.events.taxonomy import Taxonomy
from claimgraph.model import Document, Event, Mention
from claimgraph.nlp.sentences import document_sentences

_PLACE_FIELDS = ("place_id", "admin1", "country", "lat", "lon", "precision")


class DocumentReading:
    """The model's events of one document: its candidate sentences parsed together, once."""

    def __init__(self, model: EventModel, doc: Document):
        text = doc.clean_text
        sentences = document_sentences(doc)
        hits = {s: model.lexicon_triggers(text, s, e) for s, e in sentences}
        candidates = [(s, e) for s, e in sentences if model.is_candidate(text, s, e, hits[s])]
        self.events: dict[int, list[SentenceEvent]] = {
            s: model.read(sdoc, s, text, hits[s]) for (s, _), sdoc in zip(candidates, model.parse(text, candidates))
        }
        self.roles = {ev.trigger.start: ev.roles for found in self.events.values() for ev in found}

    def find(self, text: str, start: int, end: int) -> list[tuple[Trigger, list[Trigger]]]:
        return [(ev.trigger, [ev.trigger]) for ev in self.events.get(start, ())]

    def refine(self, event: Event, slots: SlotFiller) -> Event:
        roles = self.roles.get(event.trigger_start)
        if roles is None:
            return event
        inside = [m for m in slots.actors if event.sentence_start <= m.start and m.end <= event.sentence_end]
        changes: dict = {}
        for key, span in (("actor1", roles.get("A1")), ("actor2", roles.get("A2") or roles.get("VIC"))):
            mention = _mention_in(inside, span)
            changes[key] = mention.actor_id if mention is not None else None
            changes[f"{key}_text"] = (
                None if span is None else (mention.text if mention is not None else strip_article(span[2]))
            )
        if changes["actor1"] is not None and changes["actor1"] == changes["actor2"]:
            changes.update(actor2=None, actor2_text=None)
        if "INST" in roles:
            changes["weapon"] = strip_article(roles["INST"][2]).lower()
        place = _mention_in(slots.places, roles.get("PLACE"))
        if place is not None and place.place_id != event.place_id:
            changes.update({name: getattr(place, name) for name in _PLACE_FIELDS}, location=place.place_name)
        return dataclasses.replace(event, **changes)


def _mention_in(mentions: list[Mention], span: tuple[int, int, str] | None) -> Mention | None:
    """The mention inside a role's span (a known actor first, then the longest)."""
    if span is None:
        return None
    start, end, _ = span
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if not inside:
        return None
    return max(inside, key=lambda m: (m.actor_id is not None or m.place_id is not None, m.end - m.start))


def detect_events_learned(
    doc: Document,
    model: EventModel,
    *,
    fallback: FallbackMentions | None = None,
    taxonomy: Taxonomy | None = None,
) -> Document:
    """``detect_events`` with the learned model's triggers and roles (the accurate mode). Pure."""
    if not doc.clean_text:
        return doc
    reading = DocumentReading(model, doc)
    return detect_events(
        doc, fallback=fallback, lexicon=model.lexicon, taxonomy=taxonomy, finder=reading.find, refine=reading.refine
    )
