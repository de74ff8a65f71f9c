"""Slots of a detected event, read from its sentence: who did it (actor1) to whom (actor2), where,
when, how many were killed and injured, with what; whether it was claimed, and which event a
claim of responsibility claims.

Roles come from word order around the trigger, which is what news English mostly uses: the actor
right before the trigger ("ISKP attacks", "the Taliban eliminated") or after "by" is the
perpetrator; the actor after the trigger ("strike targeting X", "eliminated leaders of X") is the
target. Statements take the speaker before the cue as actor1.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.mentions import find_mentions
from claimgraph.events.taxonomy import STATEMENTS, Taxonomy
from claimgraph.model import Document, Event, Mention
from claimgraph.nlp.dates import find_dates
from claimgraph.nlp.quantities import find_quantities

ACTOR_BEFORE_CHARS = 60  # how far before a trigger its perpetrator may end
ACTOR_AFTER_CHARS = 80  # how far after a trigger its target may start
CAUSE_CHARS = 40
ACTOR_TYPES = ("Organisation", "Person")  # a casualty word this close to a number counts it
_CLAUSE_BREAK = re.compile(r"[;:.!?]|,\s|\b(?:which|who|while|but|yet|whereas)\b")
# A target follows its trigger without a verb in between ("attacks have unveiled ... the Taliban").
_VERB_BETWEEN = re.compile(r"\b(?:has|have|had|is|are|was|were|will|would|that|to)\b", re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
# A trigger noun after a determiner ("condemned the attack") names an event; an actor before it is
# its perpetrator only as a modifier right next to it ("an ISKP attack", "ISKP's attack").
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her|these|those)\s+$", re.IGNORECASE)
_MODIFIER_GAP = re.compile(r"^\s*(?:['’]s)?\s*(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
_TITLE = re.compile(r"^\s*(?:'s\s+|’s\s+)?(?:leader|chief|commander|emir|head|spokesman|founder|deputy|member)s?\s+$",
                    re.IGNORECASE)
# "in Kabul", "at the mosque in Afghanistan's eastern Nangarhar province"
_PLACE_PREP = re.compile(r"\b(?:in|at|near|outside|across|from)\s+(?:the\s+)?(?:\w+['’]s\s+)?"
                         r"(?:(?:north|south|east|west|central|remote)\w*\s+)*$", re.IGNORECASE)
# "PESHAWAR, 8 March 2025 –": where the report was filed, not where the event happened
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*\d|,\s*[A-Z][a-z]+ \d|\s*[–—-]\s)")
_PRECISION_RANK = {"city": 0, "district": 1, "approximate": 2, "admin1": 3, "country": 4}
_VIOLENT_GROUPS = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _clear_between(text: str, start: int, end: int) -> bool:
    return not _CLAUSE_BREAK.search(text, start, end)


@dataclass
class SlotFiller:
    text: str
    anchor: str | None
    actors: list[Mention]
    places: list[Mention]
    # per-sentence results: a sentence with several events is read once
    _dates: dict = field(default_factory=dict)
    _casualty_cache: dict = field(default_factory=dict)

    @classmethod
    def for_document(cls, doc: Document, anchor: str | None) -> "SlotFiller":
        mentions = list(doc.entities) if doc.entities else find_mentions(doc.clean_text)
        # unlinked organisations and people still fill a slot by their text (actor id None)
        actors = [m for m in mentions if m.actor_id or (m.type in ACTOR_TYPES and not m.place_id)]
        return cls(doc.clean_text, anchor, actors, [m for m in mentions if m.place_id])

    # -- roles ----------------------------------------------------------------------------------

    def _in(self, mentions: list[Mention], start: int, end: int) -> list[Mention]:
        return [m for m in mentions if m.start >= start and m.end <= end]

    def _perpetrator(self, actors: list[Mention], ts: int, te: int, s_end: int, statement: bool) -> Mention | None:
        for m in actors:  # passive: "... by the Taliban"
            if m.start >= te and _BY.search(self.text, max(te, m.start - 10), m.start) \
                    and _clear_between(self.text, te, m.start):
                return m
        before = [m for m in actors if m.end <= ts]
        if not before:
            return None
        m = before[-1]
        if statement:
            return m
        if _DETERMINER_BEFORE.search(self.text, max(0, ts - 8), ts) and not _MODIFIER_GAP.match(self.text[m.end:ts]):
            return None  # "UNAMA condemned the attack": UNAMA did not carry it out
        if ts - m.end <= ACTOR_BEFORE_CHARS and _clear_between(self.text, m.end, ts):
            return m
        return None

    def _target(self, actors: list[Mention], ts: int, te: int, exclude: Mention | None) -> Mention | None:
        after = [m for m in actors if m.start > ts and m is not exclude
                 and not _BY.search(self.text, max(ts, m.start - 10), m.start)]
        for i, m in enumerate(after):
            if m.start - te > ACTOR_AFTER_CHARS or not _clear_between(self.text, te, m.start) \
                    or _VERB_BETWEEN.search(self.text, te, m.start):
                return None
            # "Al-Qaeda leader Ayman al-Zawahiri": the person is the target
            nxt = after[i + 1] if i + 1 < len(after) else None
            if nxt is not None and (nxt.actor_type == "person" or nxt.type == "Person") and _TITLE.match(self.text[m.end:nxt.start]):
                return nxt
            return m
        return None

    # -- the rest -------------------------------------------------------------------------------

    def _place(self, s_start: int, s_end: int, ts: int, used: set[int]) -> Mention | None:
        candidates = [m for m in self._in(self.places, s_start, s_end) if id(m) not in used]
        if not candidates:
            return None
        def key(m: Mention):
            after_prep = bool(_PLACE_PREP.search(self.text, max(s_start, m.start - 40), m.start))
            names_trigger = 0 <= ts - m.end <= 2  # "the Doha agreement", "a Kabul bombing"
            dateline = m.start == s_start and bool(_DATELINE_AFTER.match(self.text, m.end))
            return (dateline, not names_trigger, not after_prep, _PRECISION_RANK.get(m.precision or "", 5), abs(m.start - ts))
        return min(candidates, key=key)

    def _date(self, s_start: int, s_end: int, ts: int):
        dates = self._dates.get(s_start)
        if dates is None:
            dates = self._dates[s_start] = find_dates(self.text, self.anchor, s_start, s_end)
        return min(dates, key=lambda d: abs(d.start - ts)) if dates else None

    def _casualties(self, s_start: int, s_end: int) -> tuple[tuple | None, tuple | None]:
        if s_start not in self._casualty_cache:
            self._casualty_cache[s_start] = self._read_casualties(s_start, s_end)
        return self._casualty_cache[s_start]

    def _read_casualties(self, s_start: int, s_end: int) -> tuple[tuple | None, tuple | None]:
        lex = TriggerLexicon.load()
        killed = injured = None
        for q in find_quantities(self.text, s_start, s_end):
            unit = (q.unit or "").lower()
            after = self.text[q.end:min(s_end, q.end + CAUSE_CHARS)]
            before = self.text[max(s_start, q.start - 16):q.start]
            qualifier = {"range": "at_least"}.get(q.qualifier, q.qualifier)
            value = (int(q.value), qualifier)
            near_after = re.match(r"^\W*(?:\w+\s+){0,3}?(?:were|was|are|have been|had been)?\s*(\w+)", after)
            word_after = near_after.group(1) if near_after else ""
            if lex.cues["killed"].fullmatch(unit) or lex.cues["killed"].fullmatch(word_after) \
                    or re.search(r"\bkill(?:s|ed|ing)?\s+$", before, re.IGNORECASE):
                killed = killed or value
            elif lex.cues["injured"].fullmatch(unit) or lex.cues["injured"].fullmatch(word_after) \
                    or re.search(r"\b(?:injur|wound)\w*\s+$", before, re.IGNORECASE):
                injured = injured or value
        return killed, injured

    def fill(self, event: Event, trigger_spans: list[tuple[int, int]]) -> Event:
        lex = TriggerLexicon.load()
        s_start, s_end = event.sentence_start, event.sentence_end
        statement = event.event_type == STATEMENTS or event.type == "ATTRIB"
        actors = self._in(self.actors, s_start, s_end)
        actor1 = actor2 = None
        spans = sorted(trigger_spans, key=lambda s: s != (event.trigger_start, event.trigger_end))
        for ts, te in spans:
            actor1 = actor1 or self._perpetrator(actors, ts, te, s_end, statement)
        for ts, te in spans:
            actor2 = actor2 or self._target(actors, ts, te, actor1)
        if actor2 is not None and actor1 is not None and actor2.actor_id == actor1.actor_id:
            actor2 = None
        used = {id(m) for m in (actor1, actor2) if m is not None}
        place = None if statement else self._place(s_start, s_end, event.trigger_start, used)
        date = self._date(s_start, s_end, event.trigger_start)
        changes: dict = {}
        if actor1 is not None:
            changes.update(actor1=actor1.actor_id, actor1_text=actor1.text)
        if actor2 is not None:
            changes.update(actor2=actor2.actor_id, actor2_text=actor2.text)
        if place is not None:
            changes.update(place_id=place.place_id, location=place.place_name, admin1=place.admin1,
                           country=place.country, lat=place.lat, lon=place.lon, precision=place.precision)
        if date is not None:
            changes.update(date_start=date.date_start, date_end=date.date_end, date_precision=date.precision,
                           date_text=date.text)
        if event.event_type in _VIOLENT_GROUPS:
            killed, injured = self._casualties(s_start, s_end)
            if killed:
                changes.update(fatalities=killed[0], fatalities_qualifier=killed[1])
            if injured:
                changes.update(injured=injured[0], injured_qualifier=injured[1])
            weapon = lex.cues["weapons"].search(self.text, s_start, s_end)
            if weapon:
                changes["weapon"] = weapon.group(0).lower()
            if lex.cues["unclaimed"].search(self.text, s_start, s_end):
                changes["claimed"] = False
        return dataclasses.replace(event, **changes)

    @staticmethod
    def link_claims(events: list[Event]) -> list[Event]:
        """Link each claim of responsibility to the violent event it claims: one in its own sentence,
        else the nearest one before it. A claimed event gets ``claimed = True``."""
        out = list(events)
        for i, claim in enumerate(out):
            if claim.type != "ATTRIB" or claim.negated:
                continue
            target = None
            for j in range(i - 1, -1, -1):
                e = out[j]
                if e.event_type in _VIOLENT_GROUPS and not e.negated:
                    target = j
                    break
            for j, e in enumerate(out):  # same sentence wins
                if e.sentence_start == claim.sentence_start and e.event_type in _VIOLENT_GROUPS and j != i:
                    target = j
                    break
            if target is None:
                continue
            out[i] = dataclasses.replace(claim, claims_event=out[target].id)
            out[target] = dataclasses.replace(out[target], claimed=True)
        return out


def is_violent(event: Event) -> bool:
    return event.event_type in _VIOLENT_GROUPS


def case_type(event_type_name: str) -> str:
    return Taxonomy.load()[event_type_name].case_type
