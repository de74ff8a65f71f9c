"""Who speaks and whom a statement is about where its words are not in subject-verb-object order (issue 14 roles,
both modes; the words: ``data/events/statements.yaml``):

- a nominal accusation names its accuser after "by"/"from" and the accused after "against": "allegations by the
  DRC against Rwanda"; where no one is named after "against" and a denier rejects the accusation ("Rwanda rejects
  allegations by the DRC"), the accused is the denier;
- a denial's second actor is the party whose claim it rejects, when one is named: "rejected claims by the RSF",
  "denied Hezbollah's claims", "dismissed the UN report": the RSF, Hezbollah, the UN (not a party named inside the
  rejected claim);
- a passive statement ("were accused by Russia of ..."): the agent after "by" speaks, the subject is accused;
- a party listed with the speaker ("allegations by the DRC and the UN") speaks with it: never its target.
The parties are the sentence's actor candidates (``SlotFiller.sentence_actors``: no state named as a place).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from importlib.resources import files

from claimgraph.events.actor_phrases import shipped
from claimgraph.model import Event, Mention

from ..yamlfiles import load_yaml

_ARTICLE = r"(?:(?:the|a|an|its|their)\s+)?"
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:.!?]|\b(?:which|who|while|but|after|because)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
ACCUSER_REACH = 60  # how far after a denial's verb the rejected claim's author may stand


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(str(w).lower()).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclasses.dataclass(frozen=True)
class StatementWords:
    by_author: re.Pattern[str]  # right after an accusation noun, before its author: " made by the "
    author_of: re.Pattern[str]  # right before a party, after a claim noun: "claims by the "
    claim_after: re.Pattern[str]  # right after a party: "'s claims", " report"
    against: re.Pattern[str]  # right before the accused: " against the "
    denier_verb: re.Pattern[str]  # a denying verb, then up to three words, right before a trigger
    claim_nouns: frozenset[str]
    joined_accusing: re.Pattern[str]  # "and blamed", ", accusing": a joined clause of accusing
    reporting_verb: re.Pattern[str]  # "said", "told": the first predicate a joined statement verb shares a subject with
    joined_predicate: re.Pattern[str]  # "and ", "but also ": right before a statement verb with no subject of its own


@functools.lru_cache(maxsize=1)
def statement_words() -> StatementWords:
    path = files("claimgraph") / "data" / "events" / "statements.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    nouns, authors = _alternation(data["claim_nouns"]), _alternation(data["author_before"])
    return StatementWords(
        by_author=re.compile(rf"\s+(?:{authors})\s+{_ARTICLE}$", re.IGNORECASE),
        author_of=re.compile(rf"\b(?:{nouns})\s+(?:{authors})\s+{_ARTICLE}$", re.IGNORECASE),
        claim_after=re.compile(rf"(?:['’]s?)?\s+(?:[\w-]+\s+)?(?:{nouns})\b", re.IGNORECASE),
        against=re.compile(rf"\b(?:{_alternation(data['against'])})\s+{_ARTICLE}$", re.IGNORECASE),
        denier_verb=re.compile(
            rf"\b(?:{_alternation(data['denying_verbs'])})\s+(?:(?:as\s+\w+\s+)?[\w-]+\s+){{0,3}}$", re.IGNORECASE
        ),
        claim_nouns=frozenset(str(w).lower() for w in data["claim_nouns"]),
        joined_accusing=re.compile(rf"(?:\band|,)\s+(?:also\s+)?(?:{_alternation(data['joined_accusing'])})\b", re.I),
        reporting_verb=re.compile(rf"\b(?:{_alternation(data['reporting_verbs'])})\b", re.IGNORECASE),
        joined_predicate=re.compile(rf"\b(?:{_alternation(data['joined_predicate'])})\s+$", re.IGNORECASE),
    )


def _fields(key: str, m: Mention | None) -> dict:
    return {key: m.actor_id if m else None, f"{key}_text": m.text if m else None}


def statement_parties(event: Event, text: str, actors: list[Mention]) -> Event:
    """``event`` (a statement) with its speaker and target read from the constructions above; ``actors``: its
    sentence's actor candidates in text order."""
    words = statement_words()
    ts, te = event.trigger_start, event.trigger_end
    after = [m for m in actors if m.start >= te and not _CLAUSE_BREAK.search(text, te, m.start)]
    before = [m for m in actors if m.end <= ts]
    changes: dict = {}
    if event.type == "ACCUSE" and event.trigger.lower() in words.claim_nouns:
        author = next((m for m in after if words.by_author.fullmatch(text, te, m.start)), None)
        if author is not None:
            accused = next(
                (m for m in after if m.start > author.end and words.against.search(text, author.end, m.start)), None
            )
            if accused is None:
                verb = words.denier_verb.search(text, event.sentence_start, ts)
                accused = next((m for m in reversed(before) if verb and m.end <= verb.start()), None)
            changes.update(_fields("actor1", author), **_fields("actor2", accused))
    elif event.type == "DENY":
        # the trigger may hold the claim noun ("dismissed claims by the RSF")
        by_author = (m for m in after if m.start >= te and words.author_of.search(text, ts, m.start))
        if any(m.actor_id == event.actor1 for m in by_author):
            # "rejects allegations by the DRC": the by-phrase is the allegations' author, the denier is the subject
            changes.update(_fields("actor1", before[-1] if before else None))
        author = next(
            (
                m
                for m in after
                if m.start - te <= ACCUSER_REACH
                and (
                    words.author_of.search(text, ts, m.start)
                    or (
                        words.claim_after.match(text, m.end) and not any(o.start < m.start for o in after if o is not m)
                    )
                )
            ),
            None,
        )
        if author is not None:
            changes.update(_fields("actor2", author))
        elif event.actor2 is not None:
            target = next((m for m in after if m.actor_id == event.actor2), None)
            if target is not None and words.joined_accusing.search(text, te, target.start):
                changes.update(_fields("actor2", None))  # "denied the attack and blamed the army": the army is accused
    if not changes and _PASSIVE.search(text, event.sentence_start, ts) and before:
        agent = next((m for m in after if re.fullmatch(r"\s+by\s+" + _ARTICLE, text[te : m.start], re.I)), None)
        if agent is not None:  # "Ukraine's army was accused by Russia of ...": Russia speaks
            changes.update(_fields("actor1", agent), **_fields("actor2", before[-1]))
    event = dataclasses.replace(event, **changes) if changes else event
    return _no_co_speaker(_joined_speaker(event, text, actors, words), text, actors)


def _joined_speaker(event: Event, text: str, actors: list[Mention], words: StatementWords) -> Event:
    """A statement verb joined to a reporting verb before it shares that verb's subject: "the spokesman said the
    air force had struck 'a PDF camp' and denied that civilians were harmed" is the spokesman's denial. Word order
    gives the party nearest before the trigger, which stands in the reported clause (an object, a quote). The
    speaker is the actor that ends before the first reporting verb with no clause break in between; none where
    no actor stands there (better no actor1 than the object of what was said)."""
    ts, s_start = event.trigger_start, event.sentence_start
    joined = words.joined_predicate.search(text, max(s_start, ts - 20), ts)
    if joined is None:
        return event
    verb = words.reporting_verb.search(text, s_start, joined.start())
    if verb is None:
        return event
    current = next((m for m in actors if _names(m, event.actor1, event.actor1_text)), None)
    if event.actor1 is not None and (current is None or current.start < verb.end()):
        return event  # the doer stands before the reporting verb already (or is not a mention of this sentence)
    if event.actor1 is None and event.actor1_text is not None and event.actor1_text in text[s_start : verb.start()]:
        return event  # an unlinked speaker phrase before the verb
    speaker = next(
        (m for m in reversed(actors) if m.end <= verb.start() and not _CLAUSE_BREAK.search(text, m.end, verb.start())),
        None,
    )
    if speaker is None and event.actor1 is None and event.actor1_text is None:
        return event
    changes = _fields("actor1", speaker)
    if speaker is not None and speaker.actor_id is None:
        changes["actor1_text"] = speaker.text
    return dataclasses.replace(event, **changes)


def _no_co_speaker(event: Event, text: str, actors: list[Mention]) -> Event:
    """Without a second actor listed with the first ("by the DRC and the UN"): both speak, neither is the target;
    a reciprocal statement's two parties are listed so ("Armenia and Azerbaijan met", data/events/actors.yaml
    ``reciprocal_types``)."""
    if event.actor1 is None or event.actor2 is None or event.type in shipped().reciprocal_types:
        return event
    first = next((m for m in actors if _names(m, event.actor1, event.actor1_text)), None)
    second = next((m for m in actors if _names(m, event.actor2, event.actor2_text)), None)
    if first is None or second is None:
        return event
    lo, hi = (first, second) if first.start < second.start else (second, first)
    if _LISTED.fullmatch(text, lo.end, hi.start):
        return dataclasses.replace(event, actor2=None, actor2_text=None)
    return event


def _names(m: Mention, actor_id: str, words: str | None) -> bool:
    """Whether mention ``m`` is the one an actor slot holds (its id, and its words or a phrase holding them:
    "DRC Government" for the mention "DRC")."""
    return m.actor_id == actor_id and bool(words) and (m.text in words or words in m.text)
