"""Sentence-level event detection: trigger phrases from the lexicon, typed in the taxonomy, then
slots (actors, place, date, casualties, weapon) from the sentence and the document's mentions.

One sentence may hold several events of different types ("a drone strike ... the Taliban denied");
within one type the strongest trigger stands for the sentence's event, and a general type gives
way to a specific one that subsumes it (a suicide bombing is not also an "attack").

Not every trigger is a new event: one reported as possible, planned, prescribed or conditional
("who would soon be arrested") is marked hypothetical, a habit ("raids often follow attacks")
generic, and both are left out of event lists like negated events; a definite mention that refers
back ("UNAMA condemned the attack") and a lede retelling its headline become further mentions of
the event already reported (``Event.mentions``). The dateline ("MAIDUGURI, Nigeria (Reuters) -") says where a
report was filed: it places an event only where neither its sentence nor the headline or lead it tells again
names a place (``_placed_as_antecedent``). A document with no event but statements whose title
or lead tells of a violent act in words no trigger reads ("Gunmen target police convoy") gets one weak,
low-confidence event of a general type (events/weak.py), so it can still join its incident's cluster.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from claimgraph.events.background import Background
from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.mentions import FallbackMentions
from claimgraph.events.participants import not_doers
from claimgraph.events.periods import Periods
from claimgraph.events.slots import PRECISION_RANK, VIOLENT_GROUPS, SlotFiller
from claimgraph.events.sources import claimants_as_actor1
from claimgraph.events.sources import shipped as source_frames
from claimgraph.events.statement_parties import statement_parties
from claimgraph.events.taxonomy import STATEMENTS, Taxonomy
from claimgraph.events.weak import WeakActs
from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.model import Document, Event
from claimgraph.nlp.dates import document_date
from claimgraph.nlp.pattern_text import lowered_document
from claimgraph.nlp.sentences import document_sentences
from claimgraph.nlp.tokens import WORD_START

# A hedge in the sentence ("reports of", "allegedly") lowers confidence by this factor.
HEDGE_FACTOR = 0.85
# "claimed responsibility for the attack" refers back to an event; that "attack" is no new event.
_CLAIM_OBJECT = re.compile(r"responsibility\s+for\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_NEGATION_WINDOW = 30


def _negated(before: str, trigger: str, lex) -> bool:
    """Whether the words just before a trigger negate it: a negation cue, unless it is a denying verb whose
    clause an "and"/"but" closed before the trigger ("denied involvement and blamed X": the blaming is said)
    and no negation follows that conjunction."""
    if not lex.cues["negation"].search(before):
        return False
    closed = lex.cues.get("denial_closed")
    m = closed.search(before) if closed is not None else None
    if m is None or trigger.lower().endswith("ing"):
        return True
    return bool(lex.cues["negation"].search(before, m.end()))


# where the clause holding a trigger starts: modal and conditional cues count only inside it
_CLAUSE_START = re.compile(r"[,;:()]|\b(?:and|but|while|after|before|when)\b", re.IGNORECASE)
_MODAL_BARRIER = re.compile(r"[;:()]|\b(?:but|while|after|before|when)\b", re.IGNORECASE)
# a first line with no full stop: a headline ("Suicide bomber kills at least 12 at Friday prayers")
_HEADLINE = re.compile(r"\A\s*[^\n]{10,200}?(?<![.!?\"”])(?=\s*\n)")
# a determiner that refers back, then at most two modifiers: "the attack", "the persistent attacks"; a day's
# possessive names a known event too ("in Sunday's ambush", "Friday's attack")
_DEFINITE_BEFORE = re.compile(
    r"\b(?:the|this|that|these|those|such|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s|yesterday['’]s)\s+"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)


# the accurate mode's learned model plugs into detect_events through these two (events/learned_stage.py)
SentenceFinder = Callable[[str, int, int], list[tuple["Trigger", list["Trigger"]]]]
Refiner = Callable[[Event, SlotFiller], Event]


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    type: str
    weight: float


def find_triggers(
    text: str, start: int = 0, end: int | None = None, lex: TriggerLexicon | None = None
) -> list[Trigger]:
    """Trigger phrases in ``text[start:end]``: non-overlapping, the stronger (then more specific) kept.
    ``lex``: the run's trigger lexicon (default: the shipped one, read for this call)."""
    lex = lex if lex is not None else TriggerLexicon.load()
    end = len(text) if end is None else end
    violent_context = None
    low = lowered_document(text)
    found: list[Trigger] = []
    for p in lex.by_first_char.get("", ()):  # patterns that may start anywhere
        for m in p.regex.finditer(text, start, end):
            found.append(_trigger(m, p))
    for pos in _possible_starts(lex, text, start, end, low):
        first = text[pos].lower()
        anyone = lex.any_by_first_char.get(first)
        if anyone is None or not anyone.match(text, pos, end):
            continue
        for p in lex.by_first_char[first]:
            m = p.regex.match(text, pos, end)
            if m is None:
                continue
            if p.needs_context:
                if violent_context is None:
                    violent_context = bool(lex.search("violence_context", text, start, end, low))
                if not violent_context:
                    continue
            found.append(_trigger(m, p))
    if not found:
        return []
    found.sort(key=lambda t: (-t.weight, lex.rank.get(t.type, 99), -(t.end - t.start), t.start))
    kept: list[Trigger] = []
    for t in found:
        if all(t.end <= k.start or t.start >= k.end for k in kept):
            kept.append(t)
    kept.sort(key=lambda t: t.start)
    return kept


def _trigger(m: re.Match, p) -> Trigger:
    """The trigger a pattern's match names: its group 1 where the pattern has one (the count of "13 killed in
    X" is read as the toll, the participle is the event word), else the whole match."""
    group = 1 if m.re.groups else 0
    return Trigger(m.start(group), m.end(group), m.group(group), p.type, p.weight)


def _possible_starts(lex: TriggerLexicon, text: str, start: int, end: int, low: str | None) -> list[int]:
    """The word starts in ``text[start:end]`` where a trigger with a plain first letter may begin:
    those whose first characters the lexicon's prefix scan admits in ``low``, the lower-cased text
    (one scan instead of one alternation per word); every word start where lower-casing could hide one."""
    if low is None:
        return [w.start() for w in WORD_START.finditer(text, start, end)]
    return [m.start() for m in lex.starts.finditer(low, start, end) if WORD_START.match(text, m.start(), end)]


def sentence_events(
    text: str, start: int, end: int, lex: TriggerLexicon, found: list[Trigger] | None = None
) -> list[tuple[Trigger, list[Trigger]]]:
    """(strongest trigger, all triggers) per event type found in one sentence, in text order;
    ``found``: the sentence's ``find_triggers`` where the caller has them already."""
    triggers = [
        t
        for t in (found if found is not None else find_triggers(text, start, end, lex))
        if not (
            t.type in ("ATTACK", "REM_EXPLOS", "SUIC_BOMB")
            and _CLAIM_OBJECT.search(text, max(start, t.start - 60), t.start)
        )
    ]
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


def modality(text: str, s_start: int, trigger: Trigger, lex: TriggerLexicon, violent: bool = True) -> str | None:
    """ "hypothetical" when the clause before the trigger makes it possible, planned, prescribed or
    conditional; "generic" when the clause states a habit; None when it is reported as having happened."""
    low = lowered_document(text)
    lo = max(s_start, trigger.start - 120)
    clause = max([s_start] + [m.end() for m in _CLAUSE_START.finditer(text, lo, trigger.start)])
    # a modal governs a list ("willing to engage with the Taliban, share intelligence"): commas do not end its reach
    reach = max([s_start] + [m.end() for m in _MODAL_BARRIER.finditer(text, lo, trigger.start)])
    if lex.search("modal_before", text, max(reach, trigger.start - 80), trigger.start, low) or lex.search(
        "conditional", text, clause, trigger.start, low
    ):
        return "hypothetical"
    if not violent and lex.search("purpose_before", text, max(reach, trigger.start - 60), trigger.start, low):
        return "hypothetical"
    if lex.search("generic", text, clause, min(len(text), trigger.end + 40), low):
        return "generic"  # a habit, not one event: "announcements of dismantled cells often follow attacks"
    first_word = trigger.text.split()[0].lower()
    if not first_word.endswith(("s", "ed", "ing")) and lex.search(
        "infinitive_before", text, clause, trigger.start, low
    ):
        return "hypothetical"  # "the choice to collaborate", "efforts to eliminate"
    return None


def _refers_back(text: str, s_start: int, trigger: Trigger) -> bool:
    """A definite noun phrase headed by the trigger: "the attack", "this bombing", "the persistent attacks"."""
    if trigger.text.lower().endswith("ed"):
        return False  # "the Taliban attacked": a verb after its subject, not a noun phrase
    return bool(_DEFINITE_BEFORE.search(text, max(s_start, trigger.start - 40), trigger.start))


def _compatible(antecedent: Event, mention: Event, refers_back: dict[str, frozenset[str]]) -> bool:
    if antecedent.negated or antecedent.modality:
        return False
    if antecedent.sentence_start == mention.sentence_start:
        return False  # another type in the same sentence is another event
    if antecedent.type != mention.type and antecedent.type not in refers_back.get(mention.type, ()):
        return False
    # a definite mention that brings its own place, date or toll is a report of another event
    if not _places_nest(mention, antecedent):
        return False
    if (
        mention.date_start
        and antecedent.date_start
        and (  # ISO dates compare as strings
            (mention.date_end or mention.date_start) < antecedent.date_start
            or mention.date_start > (antecedent.date_end or antecedent.date_start)
        )
    ):
        return False  # the dates do not overlap: "the attack on 3 May" is not the one of 9 June
    if mention.fatalities is not None and mention.fatalities != antecedent.fatalities:
        return False
    return True


def _places_nest(a: Event, b: Event) -> bool:
    """Same place, or one inside the other (a district and its province, a city and its country)."""
    if not a.place_id or not b.place_id or a.place_id == b.place_id:
        return True
    if a.country != b.country:
        return False
    if "country" in (a.precision, b.precision):
        return True
    return bool(a.admin1) and a.admin1 == b.admin1


_PLACE_SLOTS = ("place_id", "location", "admin1", "country", "lat", "lon", "precision")


def _finer_inside(a: Event, b: Event) -> bool:
    """Whether ``a``'s place is a finer one inside ``b``'s (a town in the province or country ``b`` names)."""
    if not a.place_id or not b.place_id or a.country != b.country:
        return False
    finer = PRECISION_RANK.get(a.precision or "", 5) < PRECISION_RANK.get(b.precision or "", 5)
    return finer and (b.precision == "country" or (bool(a.admin1) and a.admin1 == b.admin1))


def _placed_as_antecedent(
    events: list[Event], event: Event, refers_back: dict[str, frozenset[str]], places: list, lead_end: int
) -> Event:
    """``event``, placed by the dateline alone, at the place of the earlier event it tells of again
    ("MOGADISHU - ... the siege of a hotel in Kismayo ... Eleven civilians were killed in the attack";
    "Troops repel attack on Malam Fatori / MAIDUGURI - Troops on Saturday repelled an attack"): the dateline is
    where the report was filed, the antecedent where the act happened. The antecedent is the nearest earlier
    placed event it could be a mention of, its own toll aside (a toll makes it a separate event for
    ``_compatible``, not one told elsewhere), among the events of the headline and lead (ending at
    ``lead_end``) or, where the caller found the sentence referring back ("the attack"), among all, whose
    place lies in a country another of the document's places (``places``, its place mentions) lies in: a
    lone namesake abroad (a town read in India in a story of Afghan places) is no better than the dateline.
    Else the dateline's place stands (or none, for an event that had none)."""
    unplaced = dataclasses.replace(event, fatalities=None, **dict.fromkeys(_PLACE_SLOTS))
    for prior in reversed(events):
        if not (prior.place_id or prior.location) or prior.sentence_start >= lead_end:
            continue
        if not _tells_again(prior, unplaced, refers_back):
            continue
        # a village no gazetteer knows has no reading abroad to mistrust, nor is a reading worse than no place
        supported = any(m.country == prior.country and m.place_id != prior.place_id for m in places)
        if prior.place_id and event.location is not None and not supported:
            continue
        return dataclasses.replace(event, **{name: getattr(prior, name) for name in _PLACE_SLOTS})
    return event


def _unfiled(event: Event, slots: SlotFiller) -> Event:
    """``event`` without the place the dateline alone gave it (where the report was filed), else as it is."""
    return dataclasses.replace(event, **dict.fromkeys(_PLACE_SLOTS)) if slots.filed_at(event) else event


def _tells_again(antecedent: Event, mention: Event, refers_back: dict[str, frozenset[str]]) -> bool:
    """Whether ``mention`` may tell of ``antecedent`` again, for its place: as ``_compatible``, but any two
    violent types (the killings "in the raid" that abducted villagers happened where the raid did)."""
    if antecedent.event_type in VIOLENT_GROUPS and mention.event_type in VIOLENT_GROUPS:
        mention = dataclasses.replace(mention, type=antecedent.type)
    return _compatible(antecedent, mention, refers_back)


def _refers_back_anywhere(text: str, s_start: int, s_end: int, lex: TriggerLexicon) -> bool:
    """A definite event noun anywhere in the sentence ("were killed in the attack"): a finder's strongest
    trigger may be the verb ("killed") of a sentence that still tells of an event named before."""
    return any(_refers_back(text, s_start, t) for t in find_triggers(text, s_start, s_end, lex))


# Slots a later mention may add to the event it refers back to ("the attack remains unclaimed").
# Place and date only from a lede retelling its headline: elsewhere the place or date in a sentence
# that refers back ("the attacks ... strongholds in Nangarhar") is rarely the event's.
_MERGED_SLOTS = ("actor1", "actor1_text", "actor2", "actor2_text", "weapon", "claimed", "injured", "injured_qualifier")
_LEDE_SLOTS = (
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "place_id",
    "location",
    "admin1",
    "country",
    "lat",
    "lon",
    "precision",
)


def _merge(antecedent: Event, mention: Event, lede: bool, own_place: bool = False, filed_at: bool = False) -> Event:
    """``antecedent`` with ``mention`` as a further mention of it, and the slots it leaves empty that the
    mention fills; a lede's own place (``own_place``: its sentence names it, not the dateline) inside the
    headline's coarser one is where the act happened ("Gunmen abduct 30 in Nigeria's Kaduna state / ...
    from Kajuru in Kaduna state"), and so is any place of its own where the headline had only the dateline's
    (``filed_at``: "Suicide bomber kills 6 at checkpoint / NAIROBI - ... a checkpoint in Beledweyne": the
    bureau is where the report was filed)."""
    names = _MERGED_SLOTS + (_LEDE_SLOTS if lede else ())
    changes = {
        name: getattr(mention, name)
        for name in names
        if getattr(antecedent, name) is None and getattr(mention, name) is not None
    }
    if lede and own_place and mention.location is not None and (filed_at or _finer_inside(mention, antecedent)):
        changes.update({name: getattr(mention, name) for name in _PLACE_SLOTS})
    if "place_id" not in changes:
        changes = {
            k: v for k, v in changes.items() if k not in ("location", "admin1", "country", "lat", "lon", "precision")
        }
    if "date_start" not in changes:
        changes = {k: v for k, v in changes.items() if not k.startswith("date_")}
    span = f"{mention.trigger_start}:{mention.trigger_end}"
    return dataclasses.replace(antecedent, mentions=antecedent.mentions + (span,), **changes)


def _event_fields(event_id: str, etype, s_start: int, s_end: int, trigger: Trigger, confidence: float) -> dict:
    """The fields an event has before its slots are filled (``SlotFiller.fill``): id, type, sentence, trigger."""
    return dict(
        id=event_id,
        type=etype.name,
        event_type=etype.event_type,
        sentence_start=s_start,
        sentence_end=s_end,
        trigger_start=trigger.start,
        trigger_end=trigger.end,
        trigger=trigger.text,
        confidence=round(confidence, 3),
    )


def detect_events(
    doc: Document,
    *,
    fallback: FallbackMentions | None = None,
    lexicon: TriggerLexicon | None = None,
    taxonomy: Taxonomy | None = None,
    figures: FigureLexicon | None = None,
    finder: SentenceFinder | None = None,
    refine: Refiner | None = None,
) -> Document:
    """The events stage: ``doc.events`` from every sentence of the clean text. Pure.

    A definite mention that refers back to an event already reported in the document ("UNAMA
    condemned the attack") becomes a further mention of that event (``Event.mentions``), not a
    new event; an event reported as possible or planned is marked ``modality="hypothetical"``.
    ``fallback`` (the mentions of the run's ontology and gazetteer, for a document the entity stage
    has not tagged), ``lexicon``, ``taxonomy``: the run's (default: the shipped ones, read for this
    call; the events component builds them once). ``finder(text, start, end)``: the (strongest
    trigger, all triggers) per type of a sentence (default: the trigger lexicon's, ``sentence_events``;
    the accurate mode's learned model gives its own); ``refine(event, slots)``: its roles for an event."""
    text = doc.clean_text
    if not text:
        return doc
    taxonomy = taxonomy if taxonomy is not None else Taxonomy.load()
    lex = lexicon if lexicon is not None else TriggerLexicon.load(taxonomy)
    anchor = document_date(doc)
    if doc.entities:
        mentions = list(doc.entities)
    else:
        mentions = (fallback if fallback is not None else FallbackMentions.load())(text)
    slots = SlotFiller.for_document(doc, anchor, lex, mentions, figures)
    slots.states = fallback.states if fallback is not None else {}
    events: list[Event] = []
    headline = _HEADLINE.match(text)
    headline_end = headline.end() if headline else -1
    # the headline and the lead sentence after it (or the first sentence): what a report is about
    lead_end = next((e for _, e in document_sentences(doc) if e > headline_end), -1)
    frames = source_frames()
    periods = Periods.load()
    background = Background.load()
    for s_start, s_end in document_sentences(doc):
        hedged = None  # read once per sentence, at its first event
        found = finder(text, s_start, s_end) if finder is not None else sentence_events(text, s_start, s_end, lex)
        for trigger, group in found:
            etype = taxonomy[trigger.type]
            before = text[max(s_start, trigger.start - _NEGATION_WINDOW) : trigger.start]
            negated = _negated(before, trigger.text, lex)
            if hedged is None:
                hedged = bool(lex.search("hedge", text, s_start, s_end, lowered_document(text)))
            confidence = trigger.weight * (HEDGE_FACTOR if hedged else 1.0)
            event = slots.fill(
                dict(
                    _event_fields(f"{doc.id}:e{len(events)}", etype, s_start, s_end, trigger, confidence),
                    negated=negated,
                    modality=None
                    if negated
                    else modality(text, s_start, trigger, lex, etype.event_type in VIOLENT_GROUPS),
                ),
                [(t.start, t.end) for t in group],
            )
            if refine is not None:
                event = refine(event, slots)
            if etype.event_type == STATEMENTS:  # a nominal accusation's accuser, a denial's rejected author
                event = statement_parties(event, text, slots.sentence_actors(s_start, s_end))
            if event.modality is None and not negated:  # a question, a norm, a habit or a trend: no incident
                kind = background.modality(text, s_start, s_end, trigger.start, trigger.end)
                event = dataclasses.replace(event, modality=kind) if kind else event
            if (
                event.modality is None
                and not negated
                and periods.over_a_period(text, s_start, s_end, trigger.start, trigger.end)
            ):
                event = dataclasses.replace(event, modality="cumulative")  # a tally or a state since a year
            if etype.event_type != STATEMENTS and event.type != "ATTRIB":
                # a speaker, claimant or blamer of the event is a source; the doer is whom they name
                actors = slots.sentence_actors(s_start, s_end)
                event = frames.apply(event, text, actors, slots.demonyms, slots.sentence_places(s_start, s_end))
                if etype.event_type in VIOLENT_GROUPS:  # a loser or a news outlet is no doer
                    event = not_doers(event, text, actors)
            refers_back = any(_refers_back(text, s_start, t) for t in group)
            # a headline's event is told again in the lede: one event
            lede = bool(events) and events[-1].sentence_end <= headline_end
            if event.id in slots.dateline_placed or (event.location is None and event.event_type != STATEMENTS):
                # the dateline places an event only where neither its sentence nor the headline or lead it
                # tells of again names a place; a sentence that names none tells of the event it refers to
                again = refers_back or lede or _refers_back_anywhere(text, s_start, s_end, lex)
                if again or event.id in slots.dateline_placed:
                    event = _placed_as_antecedent(
                        events, event, lex.refers_back, slots.places, s_start if again else lead_end
                    )
            if not negated and event.modality is None and (lede or refers_back):
                # a lede's headline event the dateline alone placed is compared as unplaced: the bureau is no
                # rival place (elsewhere "the attacks" refers back as before)
                antecedent = next(
                    (
                        i
                        for i in range(len(events) - 1, -1, -1)
                        if _compatible(_unfiled(events[i], slots) if lede else events[i], event, lex.refers_back)
                    ),
                    None,
                )
                if antecedent is not None:
                    own_place = event.id not in slots.dateline_placed
                    filed_at = slots.filed_at(events[antecedent])
                    events[antecedent] = _merge(events[antecedent], event, lede, own_place, filed_at)
                    if filed_at and own_place and event.location is not None:
                        slots.dateline_placed.discard(events[antecedent].id)
                    continue
            events.append(event)
    if not any(e.event_type != STATEMENTS for e in events):
        weak = _weak_event(doc, len(events), headline_end, lex, taxonomy, slots, mentions, refine)
        events += [weak] if weak is not None else []
    # a known group's claim of responsibility names the doer its event's sentence leaves unnamed
    return doc.replace(events=tuple(claimants_as_actor1(slots.link_claims(events))))


def _weak_event(
    doc: Document,
    seq: int,
    headline_end: int,
    lex: TriggerLexicon,
    taxonomy: Taxonomy,
    slots: SlotFiller,
    mentions: list,
    refine: Refiner | None,
) -> Event | None:
    """A weak event (events/weak.py) from the title or lead of a document that holds no event but
    statements: the first sentence, and the one after it when the first is a headline. None when they
    tell of no violent act, or of one negated or only possible."""
    text, acts = doc.clean_text, WeakActs.load()
    lead = document_sentences(doc)[: 2 if headline_end > 0 else 1]
    etype = taxonomy[acts.type]
    for s_start, s_end in lead:
        span = acts.act(text, s_start, s_end, mentions)
        if span is None:
            continue
        trigger = Trigger(span[0], span[1], text[span[0] : span[1]], etype.name, acts.confidence)
        before = text[max(s_start, trigger.start - _NEGATION_WINDOW) : trigger.start]
        if lex.cues["negation"].search(before) or modality(text, s_start, trigger, lex):
            return None
        if Background.load().modality(text, s_start, s_end, trigger.start, trigger.end):
            return None
        event = slots.fill(_event_fields(f"{doc.id}:e{seq}", etype, s_start, s_end, trigger, acts.confidence), [span])
        return refine(event, slots) if refine is not None else event
    return None
