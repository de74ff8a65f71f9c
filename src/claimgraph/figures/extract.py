"""The figures component: every number a document gives about an event or a measured thing, as a
``model.Figure`` in ``Document.annotations["figures"]``, with its event, speaker and date.

A toll belongs to the violent event of its sentence (the one whose trigger is nearest), else to the
event one of whose later mentions is in that sentence, else to the nearest violent event before it
(a toll told a sentence or two after the attack) that is an incident (not a tally nor a hypothesis); a
count over a period with no event of its own belongs to none (``events.periods``). Its speaker is that
of the attributed claim the number is part of (the claims stage's speaker, cue and claim id), else an
"according to X" / "X said" / headline tail ("...: official") in its sentence, else nobody (the
document's author).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from claimgraph.events.periods import Periods
from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.presence import PLACE_GROUP, absences, load_rules, place_after
from claimgraph.figures.reader import (
    NATION_SUBJECT,
    SPEAKER_SUBJECT,
    STORY_SUBJECT,
    Reading,
    SentenceReader,
    reported,
)
from claimgraph.model import FIGURES_KIND, Claim, Document, Event, Figure
from claimgraph.nlp.dates import document_date
from claimgraph.nlp.sentences import document_sentences

VIOLENT_GROUPS = ("Battles", "Explosions/Remote violence", "Violence against civilians")
TOLL_MEASURES = frozenset({"killed", "injured", "casualties", "abducted", "arrested", "displaced"})


def make_figures(lex: FigureLexicon | None = None) -> Callable[[Document], Document]:
    lex = lex if lex is not None else FigureLexicon.load()
    return lambda doc: extract_figures(doc, lex)


def extract_figures(doc: Document, lex: FigureLexicon | None = None) -> Document:
    """``doc`` with ``annotations["figures"]``: its figures in text order. Pure."""
    text = doc.clean_text
    if not text:
        return doc
    # no language check: the lexicon is English and finds nothing in other languages, while short
    # English headlines are often identified as another language ("Gunmen kill 5, abduct 20": pcm)
    lex = lex if lex is not None else FigureLexicon.load()
    reader = SentenceReader(text, lex, list(doc.entities))
    day = document_date(doc)
    violent = [e for e in doc.events if e.event_type in VIOLENT_GROUPS and not e.negated]
    attributed = [c for c in doc.claims if c.speaker_kind == "source" and c.speaker_text]
    figures: list[Figure] = []
    periods = Periods.load()
    groups = _story_groups(doc.entities)
    story_group = next(iter(groups)) if len(groups) == 1 else None
    voice = _document_voice(doc.claims)
    back = None  # the sentence before: a bare number a speaker gives may answer its toll
    presence = load_rules()
    for s, e in document_sentences(doc):
        # a part of a count ("including four children", "19 of the wounded") only as a sub-group's lower bound
        readings, back = reported(reader.read(s, e, back)), s
        readings += [_absent(text, a) for a in absences(text, s, e, doc.entities, presence)]
        for r in readings:
            if r.subject == STORY_SUBJECT and groups:
                if story_group is None:
                    continue  # fighters counted with no group named, in a story of several groups: no one's
            elif r.subject == STORY_SUBJECT and not violent:
                continue  # in a story of no group and no incident: no one's
            # a story naming no group keeps the count as the story's (STORY_SUBJECT): the disputes step gives it
            # the group its incident's reports name, when they name one (link.disputes.values.quantity_values)
            event = _event_for(text, r, s, e, violent, periods) if r.measure in TOLL_MEASURES else None
            speaker = _speaker(text, r, s, e, lex, attributed, doc.entities)
            if speaker["claim_id"] is None:  # an unattributed claim still says how firmly the number is given
                covering = _covering_claim(doc.claims, r)
                speaker["claim_id"] = covering.id if covering is not None else None
                if covering is not None and not speaker["speaker_text"] and not speaker["speaker_actor"]:
                    # an organisation's own statement: its author claims carry the organisation (the
                    # document's voice, claims.speakers), so its figures are that body's, official or not
                    speaker["speaker_actor"] = covering.speaker_actor
            subject = _subject(r.subject, speaker["speaker_actor"], story_group)
            group = _side_of(speaker["speaker_actor"] or voice, r.group) if r.own_side else r.group
            if r.measure == "strength" and r.group is None:
                group = _counted_in(text, r, e, subject, doc.entities, presence)
            if r.qualifier == "none" and group is None:
                continue  # a force's absence from its own country, or of no known force: no strength of 0
            figures.append(
                Figure(
                    id=f"{doc.id}:f{len(figures)}",
                    start=r.start,
                    end=r.end,
                    text=r.text,
                    sentence_start=s,
                    sentence_end=e,
                    measure=r.measure,
                    group=group,
                    group_text=r.group_text,
                    low=r.low,
                    high=r.high,
                    qualifier=r.qualifier,
                    event_id=event.id if event is not None else None,
                    subject=subject,
                    date=(event.date_start if event is not None and event.date_start else None) or day,
                    **speaker,
                )
            )
    if not figures:  # no empty kind: a document's JSON form leaves kinds without items out
        return doc
    return doc.replace(annotations={**doc.annotations, FIGURES_KIND: tuple(figures)})


def _absent(text: str, a) -> Reading:
    """A force said not to be in a place (``presence.absences``) as its strength there: 0, qualifier "none"."""
    force = a.force
    subject = force.actor_id or NATION_SUBJECT + (force.country or "")
    return Reading(a.start, a.end, text[a.start : a.end], "strength", None, None, 0.0, 0.0, "none", subject=subject)


def _counted_in(text: str, r: Reading, e: int, subject: str | None, mentions, rules) -> str | None:
    """A strength's group: the country it is counted in ("in:ML"), where that is not the force's own (an army at
    home, a group where it fights: its whole strength); None for a whole strength. A denial's reading found
    its place already (it is read only with one)."""
    from claimgraph.entities.ontology import load_cached

    actor = load_cached().get(subject) if subject else None
    if actor is None or not actor.country:
        return None
    country = place_after(text, r.end, e, mentions, rules)
    return PLACE_GROUP + country if country and country != actor.country else None


def _document_voice(claims) -> str | None:
    """The organisation a document's own (author) claims carry, when they carry one: a group's statement on its
    outlet (claims.speakers.document_voice). A sentence no claim covers ("Two brothers were martyred.") is
    still that voice's, so its own dead take its side."""
    actors = {c.speaker_actor for c in claims if c.speaker_kind == "author" and c.speaker_actor}
    return next(iter(actors)) if len(actors) == 1 else None


def _side_of(actor_id: str | None, group: str | None) -> str | None:
    """The group of a speaker's own people ("two of our brothers were martyred"): an armed group's are
    militants, whether the text names it or only its outlet speaks (a statement on Amaq, Az-Zallaqa: the
    document's voice); else the group the words give (``group``: "our men" none, a total)."""
    if actor_id is None:
        return group
    from claimgraph.entities.ontology import load_cached

    return "militants" if load_cached().armed_side(actor_id) == "militants" else group


def _subject(subject: str | None, speaker_actor: str | None, story_group: str | None) -> str | None:
    if subject == SPEAKER_SUBJECT:
        return speaker_actor
    if subject and subject.startswith(NATION_SUBJECT):
        return _state_of_country(subject[len(NATION_SUBJECT) :])
    if subject == STORY_SUBJECT:
        return story_group or STORY_SUBJECT  # a story naming no group: its incident's (link.disputes.values)
    return subject


def _state_of_country(country: str) -> str | None:
    """The ontology's state of a country code ("ER" -> eritrea), else None."""
    from claimgraph.entities.ontology import load_cached

    return _states(load_cached()).get(country)


@functools.cache
def _states(ontology) -> dict[str, str]:
    return {a.country: a.id for a in ontology if a.type == "state" and a.country}


def _story_groups(mentions) -> set[str]:
    """The armed groups a document tells of, an actor and its ancestors as one (a province and its group):
    one is the story's group; several, none of them."""
    from claimgraph.entities.ontology import load_cached

    ontology = load_cached()
    # a state-armed auxiliary (the VDP, the Civilian JTF) is no group whose fighters a government counts down
    found = {
        m.actor_id
        for m in mentions
        if m.actor_id and m.actor_type == "armed_group" and ontology.armed_side(m.actor_id) != "forces"
    }
    return top_groups(found, ontology)


def top_groups(found: set[str], ontology) -> set[str]:
    """Of a set of armed groups, those not inside another one of the set (ISMP beside the Islamic State is
    one group in play, not two)."""
    if len(found) <= 1:
        return set(found)
    tops = set()
    for actor in found:
        ancestors = {a.id for a in ontology.ancestors(actor)} if ontology.get(actor) is not None else set()
        if not ancestors & found:
            tops.add(actor)  # not inside another group the document names
    return tops


def _mention_spans(event: Event) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in span.split(":")) for span in event.mentions]


def _event_for(text: str, r: Reading, s: int, e: int, violent: list[Event], periods: Periods) -> Event | None:
    """The event a toll belongs to: its sentence's (nearest trigger), else an incident one of whose later
    mentions is in the sentence, else the nearest incident before it. A count over a period in a sentence
    with no event of its own ("Since 2015, more than 20,000 people have died in the conflict": no trigger
    reads "died") belongs to none: it is no toll of the attack told before it. Nor is a cumulative or
    hypothetical event what a later sentence's toll refers back to."""
    own = [ev for ev in violent if ev.sentence_start == s]
    if own:
        return min(own, key=lambda ev: abs(ev.trigger_start - r.start))
    if periods.over_a_period(text, s, e, r.start, r.end):
        return None
    incidents = [ev for ev in violent if not ev.modality]
    for ev in incidents:
        if any(s <= a < e for a, _ in _mention_spans(ev)):
            return ev
    before = [ev for ev in incidents if ev.sentence_end <= s]
    return before[-1] if before else None


def _speaker(text: str, r: Reading, s: int, e: int, lex: FigureLexicon, claims: list[Claim], mentions) -> dict:
    """Who gives the figure: the claims stage's attributed claim holding it, unless that claim's
    speaker or cue is part of the figure ("arrested six suspects" read as a speaker) or lies in
    another clause (after a semicolon), or the figure's clause names a speaker of its own ("...,
    the health minister said") elsewhere than the claim's speaker."""
    clause_start, clause_end = _clause(text, r, s, e)
    tail = _clause_speaker(text, r, clause_start, clause_end, lex, mentions)
    for c in sorted((c for c in claims if c.start <= r.start and r.end <= c.end), key=lambda c: c.end - c.start):
        spans = [(a, b) for a, b in ((c.speaker_start, c.speaker_end), (c.cue_start, c.cue_end)) if a is not None]
        if any(a < r.end and r.start < b for a, b in spans):
            continue
        if any(not clause_start <= a < clause_end for a, _ in spans):
            continue
        if tail["speaker_text"] and c.speaker_start is not None and not _overlap(tail["span"], c):
            break
        return dict(speaker_text=c.speaker_text, speaker_actor=c.speaker_actor, cue=c.cue, claim_id=c.id)
    tail.pop("span")
    return tail


def _covering_claim(claims, r: Reading) -> Claim | None:
    """The smallest claim of any kind whose span holds the figure: the author's own "If there were
    6,000 fighters ..." is hypothetical, and the disputes step reads that status through the claim
    id (a figure with none counts as asserted)."""
    inside = [c for c in claims if c.start <= r.start and r.end <= c.end]
    return min(inside, key=lambda c: (c.end - c.start, c.start)) if inside else None


def _overlap(span: tuple[int, int], c: Claim) -> bool:
    return span[0] < c.speaker_end and c.speaker_start < span[1]


# where a sentence turns to another clause, often another source's figure: "the army said 40 militants were
# killed, while local sources put the toll at 12 civilians"
_CLAUSE_TURN = re.compile(r";\s*|,?\s+(?:while|whereas|but)\s+", re.IGNORECASE)


def _clause(text: str, r: Reading, s: int, e: int) -> tuple[int, int]:
    """The part of the sentence between semicolons (or a contrasting "while", "whereas", "but") that
    holds the figure."""
    before = [m.end() for m in _CLAUSE_TURN.finditer(text, s, r.start)]
    after = _CLAUSE_TURN.search(text, r.end, e)
    return (before[-1] if before else s), (after.start() if after else e)


def _clause_speaker(text: str, r: Reading, s: int, e: int, lex: FigureLexicon, mentions) -> dict:
    clause = text[s:e].rstrip()
    for pattern in lex.speaker_patterns:
        m = pattern.search(clause)
        if m is None:
            continue
        a, b = s + m.start("speaker"), s + m.end("speaker")
        if a < r.end and r.start < b:
            continue  # the number is part of what was taken for the speaker
        # quotation marks and dashes around it are no part of a name (',” he said' reads '” he')
        speaker = _QUOTES_AROUND.sub("", m.group("speaker"))
        # ", and said seven were wounded": a conjunction opens the clause, it is no part of the speaker
        speaker = _CONJUNCTION.sub("", speaker)
        speaker = re.sub(r"^(?:the|a|an)\s+", "", speaker, flags=re.IGNORECASE)
        if not speaker or speaker.lower() in _PRONOUNS:
            continue  # "he said" names no one: the claims stage resolves pronouns, this pattern cannot
        if speaker.split()[0].lower() in lex.first_person:
            continue  # "Our ministry": the document's own voice, which the covering claim carries
        actor = next((x.actor_id for x in mentions if x.actor_id and a <= x.start and x.end <= b), None)
        cue = m.group("cue").lower() if "cue" in m.groupdict() and m.group("cue") else _cue_of(m.group())
        return dict(speaker_text=speaker, speaker_actor=actor, cue=cue, claim_id=None, span=(a, b))
    return dict(speaker_text=None, speaker_actor=None, cue=None, claim_id=None, span=(0, 0))


# quotation marks, dashes and spaces around a speaker (a closing bracket is part of "(ISPR)")
_QUOTES_AROUND = re.compile(r"^[\s\"'“”‘’«»\-–—]+|[\s\"'“”‘’«»\-–—,]+$")
_CONJUNCTION = re.compile(r"^(?:(?:and|but|or|yet|while|whereas|although|though|so|then|also)\b\s*)+", re.IGNORECASE)
# a speaker that is only one of these names no one
_PRONOUNS = frozenset("he she it they we i you this that these those one".split())


def _cue_of(matched: str) -> str | None:
    """ "according to"; a headline's tail (": official", "- state TV") has no cue word."""
    return "according to" if "according to" in matched.lower() else None
