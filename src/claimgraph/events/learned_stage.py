"""The accurate mode's events stage: ``detect_events`` with the learned model's triggers and roles.

Everything else is the rule path's (``events.detect``): negation, modality, a definite mention
referring back, claims of responsibility, and the slots the rule path reads from the sentence (dates,
tolls, places); the model's roles then replace the word-order actors, give the instrument, and the
place where the rule path finds none. Last, a document-level step: a violent event with no perpetrator
in its sentence takes the claimant of the claim of responsibility linked to it.

The trigger lexicon stays as a fallback: a lexicon trigger the model does not confirm (no learned
event of its type, or one it subsumes, in its sentence and none on its words) is kept with its
confidence multiplied by ``UNCONFIRMED_FACTOR`` and the rule path's roles. The model was trained on
short news sentences; long analytical prose ("Recent ISKP attacks have unveiled ...") is where it
misses most, and there the lexicon was written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from claimgraph.events.detect import Trigger, detect_events, sentence_events
from claimgraph.events.learned import EventModel, SentenceEvent, strip_article
from claimgraph.events.mentions import FallbackMentions
from claimgraph.events.roles import untitled
from claimgraph.events.slots import SlotFiller
from claimgraph.events.sources import claimants_as_actor1
from claimgraph.events.taxonomy import Taxonomy
from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.model import Document, Event, Mention
from claimgraph.nlp.sentences import document_sentences

_PLACE_FIELDS = ("place_id", "admin1", "country", "lat", "lon", "precision")
UNCONFIRMED_FACTOR = 0.5
# an actor given only as a pronoun names no one: a claimant named elsewhere in the document stands for it
_PRONOUNS = frozenset(("they", "he", "she", "it", "we", "them", "him", "her"))


class DocumentReading:
    """The model's events of one document: its candidate sentences parsed together, once."""

    def __init__(self, model: EventModel, doc: Document):
        text = doc.clean_text
        sentences = document_sentences(doc)
        hits = {s: model.lexicon_triggers(text, s, e) for s, e in sentences}
        candidates = [(s, e) for s, e in sentences if model.is_candidate(text, s, e, hits[s])]
        self.events: dict[int, list[SentenceEvent]] = {
            s: model.read(sdoc, s, text, hits[s], doc.entities)
            for (s, _), sdoc in zip(candidates, model.parse(text, candidates))
        }
        self.roles = {ev.trigger.start: ev.roles for found in self.events.values() for ev in found}
        self.lexicon, self.hits = model.lexicon, hits
        truecaser = model.truecaser
        # a word of a name: usually written with a capital, or unknown to the truecasing table (a rare name such
        # as "Samper" in a wire in capitals); "deputy commander of the militia" has none
        self.is_name_word = (
            (lambda w: truecaser.forms.get(w.lower()) is None or truecaser.word(w)[:1].isupper())
            if truecaser is not None
            else (lambda w: w[:1].isupper())
        )

    def find(self, text: str, start: int, end: int) -> list[tuple[Trigger, list[Trigger]]]:
        rules = sentence_events(text, start, end, self.lexicon, self.hits.get(start))
        # the rule path's triggers of a learned type stay in its group: its slots read around all of them
        groups = {best.type: group for best, group in rules}
        learned = [(ev.trigger, [ev.trigger, *groups.get(ev.trigger.type, ())]) for ev in self.events.get(start, ())]
        types = {t.type for t, _ in learned}
        out = list(learned)
        for best, group in rules:
            if best.type in types or self.lexicon.subsumed_by.get(best.type, frozenset()) & types:
                continue
            if any(t.start < best.end and best.start < t.end for t, _ in learned):
                continue  # the model read these words as another type (or its roles are the model's)
            weaker = Trigger(best.start, best.end, best.text, best.type, round(best.weight * UNCONFIRMED_FACTOR, 3))
            out.append((weaker, group))
        present = {t.type for t, _ in out}  # a general type gives way to one that subsumes it, as in the rule path
        out = [item for item in out if not self.lexicon.subsumed_by.get(item[0].type, frozenset()) & present]
        out.sort(key=lambda item: item[0].start)
        return out

    def refine(self, event: Event, slots: SlotFiller) -> Event:
        return self._untitled(self._refined(event, slots))

    def _untitled(self, event: Event) -> Event:
        """The rule path's actor words without a person's titles (the model's phrases are narrowed already)."""
        changes = {}
        for key in ("actor1_text", "actor2_text"):
            text = getattr(event, key)
            if text:
                bare = untitled(text, self.is_name_word)
                if bare != text:
                    changes[key] = bare
        return dataclasses.replace(event, **changes) if changes else event

    def _refined(self, event: Event, slots: SlotFiller) -> Event:
        roles = self.roles.get(event.trigger_start)
        if roles is None:
            return event
        # a state named as a place ("in eastern Congo", a dateline's country) is no doer or target
        inside, placed = [], []
        for m in slots.actors:
            if event.sentence_start <= m.start and m.end <= event.sentence_end:
                (placed if slots.stands_as_place(m, event.sentence_start) else inside).append(m)
        changes: dict = {}
        for key, span in (("actor1", roles.get("A1")), ("actor2", roles.get("A2") or roles.get("VIC"))):
            if span is None:
                if _in_any_role(event, key, roles):
                    changes.update({key: None, f"{key}_text": None})
                continue  # the rule path's actor stands where the model names none
            mention = _mention_in(inside, span)
            if mention is None and _mention_in(placed, span) is not None:
                continue  # the model's phrase names a place only ("MAIDUGURI, Nigeria, ..."): the rule path's stands
            if slots.in_dateline_town(span[0], span[1]):
                continue  # the dateline's town in capitals ("EL FASHER, Sudan - Fighters of ..."): no one's name
            changes[key] = mention.actor_id if mention is not None else None
            # "Somalia's defence minister": the possessor's actor stands for whom the role-holder acts, the
            # role's words are the phrase's
            named = mention is not None and not _possessor(slots.text, mention, span)
            changes[f"{key}_text"] = _one_line(strip_article(mention.text if named else span[2]))
        actor1, actor2 = changes.get("actor1", event.actor1), changes.get("actor2", event.actor2)
        if actor1 is not None and actor1 == actor2:
            changes.update(actor2=None, actor2_text=None)
        if "INST" in roles:
            changes["weapon"] = _one_line(strip_article(roles["INST"][2]).lower())
        place = _mention_in(slots.places, roles.get("PLACE"))
        if place is not None and event.place_id is None:  # the rule path's place ("the Doha agreement") stands
            changes.update({name: getattr(place, name) for name in _PLACE_FIELDS}, location=place.place_name)
        return dataclasses.replace(event, **changes)


def _possessor(text: str, mention: Mention, span: tuple[int, int, str]) -> bool:
    """Whether the mention owns the role's phrase rather than naming it (followed by 's inside it)."""
    return mention.end < span[1] and text[mention.end : mention.end + 2] in ("'s", "\u2019s")


def _one_line(text: str) -> str:
    """A role's words as one line: a wire's line breaks inside a name ("Hector Oqueli\\nColindres") are spaces."""
    return " ".join(text.split())


def _in_any_role(event: Event, key: str, roles: dict[str, tuple[int, int, str]]) -> bool:
    """Whether the rule path's ``key`` actor is a phrase the model gave another actor's role ("five
    people" of "five people were killed" is the victims, never actor1)."""
    text = getattr(event, f"{key}_text")
    spans = [roles[r][2] for r in ("A1", "A2", "VIC") if r in roles]
    return bool(text) and any(text in span or span in text for span in spans)


def _mention_in(mentions: list[Mention], span: tuple[int, int, str] | None) -> Mention | None:
    """The mention inside a role's span (a known actor first, then the longest)."""
    if span is None:
        return None
    start, end, _ = span
    # a mention names the role when it is a known actor or ends where the phrase does (its head): not a
    # nationality or a name cut short inside it ("Chilean" of "the Chilean-U.S. institute")
    inside = [m for m in mentions if m.start >= start and m.end <= end and (m.actor_id or m.place_id or m.end == end)]
    if not inside:
        return None
    return max(inside, key=lambda m: (m.actor_id is not None or m.place_id is not None, m.end - m.start))


def detect_events_learned(
    doc: Document,
    model: EventModel,
    *,
    fallback: FallbackMentions | None = None,
    taxonomy: Taxonomy | None = None,
    figures: FigureLexicon | None = None,
) -> Document:
    """``detect_events`` with the learned model's triggers and roles (the accurate mode). Pure."""
    if not doc.clean_text:
        return doc
    reading = DocumentReading(model, doc)
    doc = detect_events(
        doc,
        fallback=fallback,
        lexicon=model.lexicon,
        taxonomy=taxonomy,
        figures=figures,
        finder=reading.find,
        refine=reading.refine,
    )
    return doc.replace(events=tuple(claimants_as_actor1(list(doc.events), name_test(model))))


def name_test(model: EventModel) -> Callable[[str], bool]:
    """Whether a phrase names someone: a word of it is usually written with a capital (the truecasing
    table's form, so text in capitals is read right), or, with truecasing off, is written with one; and it
    is a noun phrase (``is_noun_phrase``): in a wire written in capitals the claims reader's speaker can be a
    run of words across a clause ("DISCLOSED CRISTIANI AUTHORIZED THE"), which names no one."""
    truecaser = model.truecaser
    if truecaser is None:

        def capitalised(text: str) -> bool:
            return any(w[:1].isupper() for w in strip_article(text).split())

    else:

        def capitalised(text: str) -> bool:
            return any(truecaser.word(w)[:1].isupper() for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1)

    def is_name(text: str) -> bool:
        return capitalised(text) and is_noun_phrase(model, text)

    return is_name


# what a noun phrase does not end with: a phrase cut before its noun ("... authorized the")
_OPEN_ENDS = frozenset(("DET", "ADP", "CCONJ", "SCONJ", "PART"))
# a finite verb or modal: a clause, not a phrase ("armed men", "the ruling party" keep their participles)
_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))


def is_noun_phrase(model: EventModel, text: str) -> bool:
    """Whether ``text`` reads as a noun phrase when tagged alone in its usual casing: no finite verb in it
    (a word written in lower case in its usual casing, so a name is never one), and it does not end on a
    determiner, preposition or conjunction."""
    truecaser = model.truecaser
    tagged = model.parser(truecaser.sentence(text) if truecaser is not None else text)
    if not len(tagged) or tagged[-1].pos_ in _OPEN_ENDS:
        return False
    usual = (lambda w: truecaser.word(w)) if truecaser is not None else (lambda w: w)
    return not any(t.tag_ in _FINITE and usual(t.text)[:1].islower() for t in tagged)
