"""Events a speaker denies or calls false (issue 14 / 16.3): "the ministry denied that its jets bombed the
market", "reports that the army shelled the camp are fabricated". The event stage sees the act and stores it
as reported; the claims stage reads the denial. Run after both, over the same text (no second parse), this
marks such an event ``modality="denied"``: it stays listed (``claimgraph events --include-hypothetical``; the
denial, with its speaker, is the claim whose content holds it), but like a hypothetical or cumulative event
it joins no incident's cluster and gives no figure, perpetrator or place value, and the place it has only
from the dateline or another sentence is taken away (a statement's dateline is where it was issued, not
where the denied act would have been).

An event is denied when its trigger lies in the content of a claim that is denied or disputed with negative
polarity, or when its sentence names a report of it before it and a falsity word after it. Not where the
speaker goes on with an account of their own before the trigger (", saying rebels fired the shells"), nor
where what the content denies is an involvement in the act ("denied any involvement in the ambush that
killed 12"): the act is real, its doer disputed (the perpetrators' business)."""

from __future__ import annotations

import dataclasses
import functools
import re
from importlib import resources

from ..entities.locative import dateline
from ..events.taxonomy import STATEMENTS
from ..model import Claim, Document, Event
from ..yamlfiles import load_yaml
from .lexicon import PhraseSet
from .status_rules import StatusRules

DENIED = "denied"
_REJECTING = frozenset({"denied", "disputed"})
# a coordinated clause after a completed rejection
_CLAUSE_AFTER = re.compile(r",\s+and\b|;")
_THING_WORDS = 3  # an article and two modifiers before the act's noun
_PLACE_FIELDS = dict.fromkeys(("place_id", "location", "admin1", "country", "lat", "lon", "precision"))


@dataclasses.dataclass(frozen=True)
class DeniedWords:
    own_account: PhraseSet  # after a comma: the denying speaker's own account follows
    report_nouns: PhraseSet  # "reports", "claims", "videos": a report of an act
    involvement: PhraseSet  # "denied any involvement in": the act real, its doer denied
    thing_openers: frozenset[str]  # "rejects the terrorist attack": a thing named, no proposition

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> DeniedWords:
        path = resources.files("claimgraph") / "data" / "events" / "denied.yaml"
        data = load_yaml(path.read_text(encoding="utf-8"))
        keys = ("own_account", "report_nouns", "involvement", "thing_openers")
        if not isinstance(data, dict) or not all(isinstance(data.get(k), list) and data[k] for k in keys):
            raise ValueError(f"{path}: expected the lists {', '.join(keys)}")
        phrases = (PhraseSet(map(str, data[k])) for k in keys[:3])
        return cls(*phrases, frozenset(str(w).lower() for w in data["thing_openers"]))


def mark_denied_events(doc: Document, rules: StatusRules | None, words: DeniedWords | None = None) -> Document:
    """``doc`` with its denied events marked (module docstring); ``rules``: the claims' status rules of the
    document's language (their falsity words) (None: a language without them, nothing is marked)."""
    if rules is None or not doc.events:
        return doc
    words = words or DeniedWords.load()
    text = doc.clean_text
    rejecting = [c for c in doc.claims if c.status in _REJECTING and c.polarity == "negative"]
    marked, changed = [], False
    for event in doc.events:
        if event.negated or event.modality or event.event_type == STATEMENTS or event.claims_event:
            marked.append(event)
            continue
        if _in_rejected_content(text, event, rejecting, rules, words) or _called_false(text, event, rules, words):
            event = _denied(event, doc)
            changed = True
        marked.append(event)
    return dataclasses.replace(doc, events=marked) if changed else doc


def _in_rejected_content(text: str, event: Event, claims: list[Claim], rules: StatusRules, words: DeniedWords) -> bool:
    for c in claims:
        if not (c.content_start <= event.trigger_start and event.trigger_end <= c.content_end):
            continue
        if (
            c.cue_start is not None
            and ";" in text[min(c.cue_start, event.trigger_end) : max(c.cue_end, event.trigger_start)]
        ):
            continue  # a denial never reaches across a semicolon: another clause's act (a content span run long)
        before = (c.content_start, event.trigger_start)
        if _own_account(text, *before, words) or words.involvement.find(text, *before):
            continue
        if _rejection_done(text, *before, rules) or _names_a_thing(text, *before, words):
            continue
        return True
    return False


def _called_false(text: str, event: Event, rules: StatusRules, words: DeniedWords) -> bool:
    """A report of the act named before it in its sentence, a falsity word after it."""
    nouns = words.report_nouns.find(text, event.sentence_start, event.trigger_start)
    if not nouns or not rules.falsity.find(text, event.trigger_end, event.sentence_end):
        return False
    return not _own_account(text, nouns[-1][1], event.trigger_start, words)


def _rejection_done(text: str, start: int, end: int, rules: StatusRules) -> bool:
    """The rejection's predicate is complete before the act and a new clause follows it ("the allegations were
    unsubstantiated, and invited diplomats to visit"): the act is the speaker's next statement, not the
    rejected one."""
    falsity = [*rules.falsity.find(text, start, end), *rules.claim_falsity.find(text, start, end)]
    return any(_CLAUSE_AFTER.search(text, f_end, end) for _, f_end, _ in falsity)


def _names_a_thing(text: str, start: int, end: int, words: DeniedWords) -> bool:
    """The content names the act as a thing ("the terrorist attack"): an article, at most two modifiers."""
    before = text[start:end].split()
    return (
        0 < len(before) <= _THING_WORDS
        and before[0].lower() in words.thing_openers
        and not words.report_nouns.find(text, start, end)
    )


def _own_account(text: str, start: int, end: int, words: DeniedWords) -> bool:
    return any(
        s > start and text[start:s].rstrip().endswith(",") for s, _, _ in words.own_account.find(text, start, end)
    )


def _denied(event: Event, doc: Document) -> Event:
    """The event marked denied, its place kept only where its own sentence names it (not as its dateline)."""
    filed_from = dateline(doc.clean_text)
    named_here = event.place_id is not None and any(
        m.place_id == event.place_id
        and event.sentence_start <= m.start
        and m.end <= event.sentence_end
        and (filed_from is None or m.start != filed_from[0])
        for m in doc.entities
    )
    return dataclasses.replace(event, modality=DENIED, **({} if named_here else _PLACE_FIELDS))
