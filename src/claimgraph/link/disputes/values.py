"""What each source says: the values disputes compare, read from the stored events and claims.

``event_values`` is the one place that turns an event cluster's reports into values (deaths and
injured per victim group, perpetrator, date, place), each with the speaker, cue and sentence of the
claim that carries it; ``quantity_values`` does the same for numbers about a named actor outside
events (a group's strength in fighters, camps, cells). Both read only the documents of the blocks
they are given.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ...claims.lexicon import load_lexicon as load_claim_lexicon
from ...entities.ontology import Ontology, load_cached
from ...events.clusters import GENERAL_TYPES
from ...figures.reader import STORY_SUBJECT
from ..contested import claim_weight
from ..propositions import PropositionConfig, source_key
from .acts import act_of, with_doer_side
from .config import DisputeConfig
from .perpetrators import (
    backer_named,
    co_doers,
    doer_key,
    doer_of,
    load_lexicon,
    of_party,
    own_act,
    owner_reference,
    perpetrator_key,
    same_doer,
    shown_as,
    violent_act,
    with_owner,
)

INF = math.inf


@dataclass
class Value:
    """One source's value of one thing (a block's measure), and where it was said."""

    block: str  # what the candidates were blocked by: event cluster, quantity key, proposition
    label: str  # what the block is about, for people
    measure: str  # killed | injured | perpetrator | date | place | strength | ... | proposition
    group: str | None  # victim group of a figure (None: everyone)
    doc_id: str
    source: str  # the independent source: site, else author, else file
    value: str  # as shown
    low: float | None = None
    high: float | None = None  # INF: unbounded above
    key: str | None = None  # a categorical value's identity (an actor id, a day, a place id)
    qualifier: str | None = None
    speaker: str | None = None
    speaker_actor: str | None = None
    official: bool = False
    cue: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    text: str | None = None
    date: str | None = None
    status: str | None = None
    polarity: str | None = None
    firmness: float = 0.0
    claim_id: str | None = None
    event_id: str | None = None
    role: str = "value"
    # a perpetrator's act (``acts.Act``: what was done to whom) and the other doers its words name beside it
    # ("the coalition FARDC-FDLR"): what telling rival doers apart reads; never stored
    act: Any = field(default=None, metadata={"stored": False})
    allies: tuple[str, ...] = field(default=(), metadata={"stored": False})

    def row(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in FIELDS}
        if out["high"] == INF:
            out["high"] = None  # stored as NULL: unbounded
        return out


FIELDS = tuple(f.name for f in fields(Value) if f.metadata.get("stored", True))


def is_official(actor_type: str | None, actor: str | None, speaker: str | None, config: DisputeConfig) -> bool:
    """An ontology actor of an official type (a state, its organs, an intergovernmental body), or, where
    no actor was resolved, a speaker whose words name a state organ ("the Ministry of Health of North
    Darfur State", "a state health official"): its later count is an update, not a rival account."""
    if actor:
        return (actor_type or "") in config.official_actor_types
    return bool(speaker) and config.official_speaker.search(speaker) is not None


def shown_speaker(text: str | None, resolved: str | None) -> str | None:
    """The speaker a value shows: the claim's speaker as written, except a first-person one ("Our
    ministry", "We"), which is the document's own voice: the issuer the claims stage resolved it to
    (``speaker_name``) is who gives the value."""
    first = (text or "").split()[:1]
    if resolved and first and first[0].lower() in _first_person():
        return resolved
    return text


@functools.cache
def _first_person() -> frozenset[str]:
    return load_claim_lexicon("en").references.first_person


def _source(row: dict[str, Any]) -> str:
    return source_key(row)


def _covering_claim(claims: Sequence[dict], start: int, number: float | None) -> dict | None:
    """The claim whose span holds ``start`` (an event's trigger); one holding the number itself first,
    then an attributed one (it names who gives the figure)."""
    inside = [c for c in claims if c["start"] <= start < c["end"]]
    if not inside:
        return None

    def rank(c):
        has_number = number is not None and any(q.get("value") == number for q in c["quantities"] or [])
        return (not has_number, c["speaker_kind"] != "source", c["end"] - c["start"])

    return min(inside, key=rank)


def _said(value: Value, claim: dict | None, doc: dict, config: DisputeConfig, weights: PropositionConfig) -> Value:
    """``value`` with who said it: the claim's speaker, cue and status, else the outlet itself."""
    if claim is None:
        value.speaker = doc.get("author") or doc.get("site") or value.source
        value.status, value.polarity = "asserted", "positive"
        value.firmness = claim_weight({}, weights)
        return value
    value.claim_id = claim["claim_id"]
    value.speaker = shown_speaker(claim["speaker_text"], claim.get("speaker_name")) or doc.get("author") or value.source
    value.speaker_actor = claim["speaker_actor"]
    value.official = is_official(claim.get("speaker_actor_type"), claim["speaker_actor"], value.speaker, config)
    value.cue = claim["cue"]
    value.status, value.polarity = claim["status"], claim["polarity"]
    value.firmness = claim_weight(claim, weights)
    return value


def _referent(event: dict, clustered: Sequence[dict]) -> dict | None:
    """The clustered event of the same document that an unclustered report with a toll ("the attack
    killed five") refers back to: the nearest one before it, else the nearest after it, of a
    compatible type and not placed elsewhere (another country or province)."""

    def fits(c):
        same_type = c["event_type"] == event["event_type"] or event["type"] in GENERAL_TYPES
        elsewhere = any(event[k] and c[k] and event[k] != c[k] for k in ("country", "admin1"))
        return same_type and not elsewhere

    candidates = [c for c in clustered if fits(c)]
    before = [c for c in candidates if c["sentence_start"] <= event["sentence_start"]]
    if before:
        return max(before, key=lambda c: c["sentence_start"])
    return min(candidates, key=lambda c: c["sentence_start"]) if candidates else None


def _place_rank(e: dict) -> tuple:
    # a town names the place better than a province, a province better than a country; a town added
    # by hand to the small-towns table has a "town:" id (data/places/small_towns_added.yaml), a named camp of
    # displaced people a "camp:" id (entities/camps.py)
    place = e["place_id"] or ""
    return (not place, place.startswith("country:"), not place.startswith(("geonames:", "town:", "camp:")))


def _place_of(members: Sequence[dict]) -> str | None:
    """The cluster's place: of its members' most precise places, the one most of them give; ties go to
    the name, never to an event id (ids hash the documents' paths, so a label would change with a
    clone's place: two reports' towns, one the other's dateline, named it either way)."""
    best = min(_place_rank(e) for e in members)
    counts = Counter(e["location"] for e in members if _place_rank(e) == best and e["location"])
    if not counts:
        return None
    return min(counts, key=lambda name: (-counts[name], name))


def _label(members: Sequence[dict], labels: dict[str, str]) -> str:
    """What a cluster is, for people: "suicide bomb in Mastung, 2024-09-14". Its type and its date are
    the ones most of its reports give (ties: the earliest), so one side event in one report ("killed
    ... last year") cannot name it, and a store built run by run names it as one run does."""
    kind = _most_given(members, "type")
    kind = labels.get(kind, kind or "event").lower()
    where = _place_of(members)
    when = _most_given(members, "date_start")
    return f"{kind}" + (f" in {where}" if where else "") + (f", {when}" if when else "")


def _most_given(members: Sequence[dict], field: str) -> str | None:
    counts = Counter(e[field] for e in members if e[field])
    if not counts:
        return None
    top = max(counts.values())
    # ties: the earliest, then the value itself; never an event id (ids hash the documents' paths)
    return min(
        (e for e in members if e[field] and counts[e[field]] == top),
        key=lambda e: (e["date_start"] or "9999", e[field]),
    )[field]


def cluster_documents(store, cluster_ids: Sequence[str]) -> list[str]:
    """The canonical documents that report an event of these clusters."""
    return sorted({d for ds in store.disputes.cluster_documents(sorted(set(cluster_ids))).values() for d in ds})


def event_values(
    store,
    cluster_ids: Sequence[str],
    config: DisputeConfig,
    weights: PropositionConfig,
    *,
    docs: Sequence[str] | None = None,
    figure_rows: Sequence[dict] | None = None,
    ontology: Ontology | None = None,
) -> tuple[list[Value], list[Value]]:
    """(figure values, fact values) of these event clusters, from the events and claims of their
    documents. A toll reported in a document's unclustered sentence about "the attack" counts for
    the clustered event it refers back to (``_referent``); negated, hypothetical and denied
    (negative claim) figures are not a source's value. ``docs`` (``cluster_documents``) and
    ``figure_rows`` (``store.figures.in_context`` of at least those documents): when the caller has
    read them already. ``ontology``: the actors doers are keyed by (the store's run's, a user's
    actors included; the shipped ones by default)."""
    wanted = set(cluster_ids)
    docs = cluster_documents(store, cluster_ids) if docs is None else sorted(docs)
    if not docs:
        return [], []
    if figure_rows is None:
        figure_rows = store.figures.in_context(docs)
    events_of: dict[str, list[dict]] = defaultdict(list)
    for e in store.disputes.events(docs):
        events_of[e["doc_id"]].append(e)
    claims_of: dict[str, list[dict]] = defaultdict(list)
    for c in store.disputes.claims(docs):
        claims_of[c["doc_id"]].append(c)
    figures_of: dict[str, list[dict]] = defaultdict(list)
    in_docs = set(docs)
    for f in figure_rows:
        if f["doc_id"] in in_docs:
            figures_of[f["doc_id"]].append(f)
    members: dict[str, list[dict]] = defaultdict(list)
    for evs in events_of.values():
        for e in evs:
            if e["cluster_id"] in wanted:
                members[e["cluster_id"]].append(e)
    labels = {cid: _label(evs, config.type_labels) for cid, evs in members.items()}
    figures, facts = [], []
    ontology = ontology or load_cached()
    for doc_id, evs in events_of.items():
        clustered = [e for e in evs if e["cluster_id"] in wanted]
        claimed, accused = _claimed_by(evs), _accused(evs)
        by_id, tolls = {e["event_id"]: e for e in evs}, _toll_groups(figures_of[doc_id], config)
        cluster_of = {}  # event id -> the cluster its figures count for
        for e in evs:
            if e["negated"] or e["modality"]:
                continue
            cluster = e["cluster_id"] if e["cluster_id"] in wanted else None
            if cluster is None and e["cluster_id"] is None:
                ref = _referent(e, clustered)
                cluster = ref["cluster_id"] if ref else None
            if cluster is None:
                continue
            cluster_of[e["event_id"]] = cluster
            if e["cluster_id"] == cluster:
                got = _facts_of(
                    e,
                    cluster,
                    labels[cluster],
                    claims_of[doc_id],
                    config,
                    weights,
                    claimed.get(e["event_id"]),
                    ontology,
                    accused.get(e["event_id"], ()),
                )
                facts += _with_act(got, e, by_id, tolls, ontology)
        for f in _distinct(figures_of[doc_id]):
            cluster = cluster_of.get(f["event_id"])
            if cluster is not None and f["measure"] in config.event_measures and not _over_a_period(f):
                figures.append(_figure_value(f, cluster, labels[cluster], f["measure"], config, weights))
    return [v for v in figures if v is not None], facts


def _toll_groups(figures: Sequence[dict], config: DisputeConfig) -> dict[str, list[str]]:
    """event id -> the victim groups its tolls count (what tells an act's victims where none is named)."""
    out: dict[str, list[str]] = defaultdict(list)
    for f in figures:
        if f["event_id"] and f["group"] and f["measure"] in config.event_measures:
            out[f["event_id"]].append(f["group"])
    return out


def _with_act(values: list[Value], e: dict, by_id: dict[str, dict], tolls: dict, ontology: Ontology) -> list[Value]:
    """``values`` (what event ``e`` gives) with each perpetrator's act (``acts``): the act ``e`` tells, and the
    doer's own side."""
    act = act_of(e, by_id, tolls.get(e["event_id"], ()), ontology)
    for v in values:
        if v.measure == "perpetrator":
            v.act = with_doer_side(act, v.key, v.value, ontology)
    return values


def _over_a_period(f: dict) -> bool:
    """A tally over a period the figure reader gave an incident of another sentence (tallies.py)."""
    from .tallies import is_tally

    return is_tally(f)


def _base(e: dict, block: str, label: str, measure: str, group: str | None, value: str) -> Value:
    return Value(
        block=block,
        label=label,
        measure=measure,
        group=group,
        doc_id=e["doc_id"],
        source=_source(e),
        value=value,
        sentence_start=e["sentence_start"],
        sentence_end=e["sentence_end"],
        text=" ".join((e["sentence"] or "").split()),
        date=e["doc_date"] or e["date_start"],
        event_id=e["event_id"],
    )


def _distinct(figures: Sequence[dict]) -> list[dict]:
    """One figure per number a document gives: the reader may find one number twice ("at least 22"
    and "at least 22 people"); the one that names a speaker is kept. Per document: two documents' equal
    counts with no event ("the wife and child", "a wife and daughter") are two sources' values (keyed
    without the document, which one was kept followed the ids' order, which hashes the paths)."""
    kept: dict[tuple, dict] = {}
    for f in figures:
        key = (f["doc_id"], f["event_id"], f["measure"], f["group"], f["low"], f["high"], f["subject"])
        if key not in kept or (f["speaker_text"] and not kept[key]["speaker_text"]):
            kept[key] = f
    return list(kept.values())


# a negative quantifier as the speaker, or earlier in the figure's clause, holds the figure as what no
# one believes or says
_NO_ONE = re.compile(r"\b(?:nobody|no one|no-one|not one|none of (?:us|them))\b[^,.;:!?]*$", re.IGNORECASE)


def _no_one_gives(f: dict) -> bool:
    if _NO_ONE.match(f["speaker_text"] or "") or re.match(r"^\W*no\b", f["speaker_text"] or "", re.IGNORECASE):
        return True
    sentence, start = f.get("sentence") or "", f.get("start")
    if start is None or f.get("sentence_start") is None:
        return False
    return bool(_NO_ONE.search(sentence[: max(start - f["sentence_start"], 0)]))


# a negation word: what makes a claim's polarity negative
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|neither|nor|without|den(?:y|ies|ied|ying)|reject\w*)\b|n't\b", re.IGNORECASE
)


# an upper bound the claims stage may read as a negative quantifier ("Fewer than 200 combatants remain")
_BOUND = re.compile(r"(?:fewer|less)\s+than\b|(?:barely|hardly|scarcely)\b", re.IGNORECASE)


def _negated_by_own_qualifier(f: dict) -> bool:
    """A claim read as negative only for the figure's own qualifier ("no more than 1,500", "not fewer than
    30", "fewer than 200"): the words bound the number, they deny nothing, so the figure is still its
    source's value."""
    text, sentence, start = f["text"] or "", f.get("sentence") or "", f.get("start")
    own = _NEGATION.match(text) or _BOUND.match(text)
    if not own or start is None or f.get("sentence_start") is None:
        return False
    at = start - f["sentence_start"]
    rest = sentence[:at] + " " + sentence[at + len(text) :]
    # "without" elsewhere qualifies something else ("scattered in small groups without leadership")
    return all(m.group().lower() == "without" for m in _NEGATION.finditer(rest))


# a figure inside such a claim is not a value its source gives
_NOT_ASSERTED = frozenset({"hypothetical", "denied"})


def _figure_value(
    f: dict, block: str, label: str, measure: str, config: DisputeConfig, weights: PropositionConfig
) -> Value | None:
    """A figure as a source's value, with who gives it: its speaker, else the document's author or
    outlet. None where its claim denies it ("nobody believes five people died") or its event is
    negated or hypothetical: not what the source asserts."""
    # a force said to be absent ("there are no X troops in Y": qualifier "none") is its denier's value 0: the
    # negation is the value itself, not a denial of it
    absent = f["qualifier"] == "none"
    if (f["polarity"] == "negative" and not absent and not _negated_by_own_qualifier(f)) or f.get("negated"):
        return None
    if f.get("modality"):
        return None
    if f["status"] in _NOT_ASSERTED and not (absent and f["status"] == "denied"):
        # "If there were 6,000 fighters ...", "denied that 30 died"
        return None
    if _no_one_gives(f):  # "Nobody here believes five people died": no one gives it
        return None
    high = INF if f["high"] is None else float(f["high"])
    low = float(f["low"] or 0.0)
    return Value(
        block=block,
        label=label,
        measure=measure,
        group=f["group"],
        doc_id=f["doc_id"],
        source=_source(f),
        value=" ".join((f["text"] or "").split()),  # as the source wrote it: "fewer than 1,000 fighters"
        low=low,
        high=high,
        qualifier=f["qualifier"],
        speaker=shown_speaker(f["speaker_text"], f.get("claim_speaker_name")) or f.get("author") or _source(f),
        speaker_actor=f["speaker_actor"],
        official=is_official(f.get("speaker_actor_type"), f["speaker_actor"], f["speaker_text"], config),
        cue=f["cue"],
        sentence_start=f["sentence_start"],
        sentence_end=f["sentence_end"],
        text=" ".join((f["sentence"] or "").split()),
        # the report's date orders updates; the figure's own date (its event's) where the report has none
        date=f["doc_date"] or f["date"],
        status=f["status"] or "asserted",
        polarity=f["polarity"] or "positive",
        firmness=claim_weight({"status": f["status"], "evidence": f["evidence"]} if f["claim_id"] else {}, weights),
        claim_id=f["claim_id"],
        event_id=f["event_id"],
    )


def _facts_of(e, block, label, claims, config, weights, claimed_by=None, ontology=None, accused=()) -> list[Value]:
    """The perpetrator, date and place an event gives, each said by the claim that covers its trigger.
    ``claimed_by``: the claim-of-responsibility event of the document that names this event's doer, if
    any (``_claimed_by``): its doer is that sentence's, said by whoever says that sentence. ``accused``:
    the document's accusations tied to this event (``_accused``): each gives its accused, said by its
    speaker, though the accusation itself was not clustered."""
    claim = _covering_claim(claims, e["trigger_start"], None)
    out = []
    for a in accused:
        out += _perpetrator(a, block, label, claims, config, weights, ontology, accusing=True)
    if claimed_by is not None:
        out += _perpetrator(claimed_by, block, label, claims, config, weights, ontology)
    if claim is not None and claim["polarity"] == "negative":
        return out
    if claimed_by is None:
        own = _perpetrator(e, block, label, claims, config, weights, ontology) or _speakers_own(
            e, block, label, claim, config, weights, ontology
        )
        # the events stage copies an accused onto the act ("the army blamed X for the attack": the attack's
        # doer X): that is the accuser's account, not the report's own, so it is given once, as blamed
        out += [v for v in own if not any(a.key == v.key for a in out if a.qualifier == "blamed")]
    rest = []
    # a date the sentence gives itself (not one resolved from the document's date), to the day
    if e["date_start"] and e["date_text"] and e["date_precision"] == "day":
        v = _base(e, block, label, "date", None, e["date_start"])
        v.key = e["date_start"]
        v.qualifier = part_of_day(e["sentence"] or "", e["date_text"], config)  # what date compatibility reads
        rest.append(v)
    if e["place_id"]:
        v = _base(e, block, label, "place", None, e["location"] or e["place_id"])
        v.key = e["place_id"]
        v.qualifier = "|".join(x or "" for x in (e["country"], e["admin1"]))  # what place compatibility reads
        rest.append(v)
    return out + [_said(v, claim, e, config, weights) for v in rest]


def part_of_day(sentence: str, date_text: str, config: DisputeConfig) -> str:
    """ "late", "early", both ("overnight") or neither, as the words around a date in its sentence say
    ("late on Friday night", "in the early hours of Saturday"): the words just before the date, the date,
    and the few after it ("Friday evening")."""
    at = sentence.find(date_text)
    if at < 0:
        return ""
    around = sentence[max(0, at - 25) : at + len(date_text) + 10]
    said = (("late", config.late_in_day), ("early", config.early_in_day))
    return " ".join(name for name, words in said if words.search(around))


def _perpetrator(e, block, label, claims, config, weights, ontology=None, accusing=False) -> list[Value]:
    """The doer event ``e`` names, keyed as one actor however it is written (``perpetrators``): none
    where its words name no one ("the group", "gunmen") or where its claim denies it."""
    if not e["claims_event"] and not violent_act(e) and not _claims_an_act(e):
        # a statement's or a toll update's first actor is who speaks, not who did it; a claim of
        # responsibility names its doer though no act of its document was read ("X claimed the bombing")
        return []
    if e["type"] == "ACCUSE" and not accusing:
        return []  # an accusation gives its accused through the act it is tied to (``_accused``)
    key = doer_key(e, ontology)
    claim = _covering_claim(claims, e["trigger_start"], None)
    # a denial's polarity covers its own predicate, not the accusation beside it ("X denied involvement and
    # blamed Y"): an accusation that is not negated itself stands
    if key is None or (claim is not None and claim["polarity"] == "negative" and not accusing):
        return []
    sentence, words, trigger = e["sentence"] or "", doer_of(e)[1], e["trigger_start"] - e["sentence_start"]
    if backer_named(sentence, words, trigger):
        return []  # "with the support of Rwandan troops", "US-backed forces": a backer or an ally, not the doer
    # a group named after the doer's generic words is shown with them ("terrorists of JNIM": ``of_party``)
    named = None if perpetrator_key(*doer_of(e), ontology) else of_party(e, ontology)
    shown = named[1] if named is not None else shown_as(*doer_of(e), ontology)
    v = _base(e, block, label, "perpetrator", None, shown)
    v.key = key
    v.allies = co_doers(sentence, words, trigger, key, ontology)
    v = _said(v, claim, e, config, weights)
    v.qualifier = _role(e, key, claim, accusing, ontology)
    if v.qualifier == "blamed" and (e["actor1"] or e["actor1_text"]):
        # the accuser speaks the accusation ("the army blamed X"), whoever the sentence's claim names
        v.speaker, v.speaker_actor = e["actor1_text"] or e["actor1"], e["actor1"]
        actor = (ontology or load_cached()).get(e["actor1"]) if e["actor1"] else None
        v.official = is_official(actor.type if actor else None, e["actor1"], v.speaker, config)
    return [v]


def _speakers_own(e, block, label, claim, config, weights, ontology=None) -> list[Value]:
    """A violent act that names no doer of its own, told by a linked speaker as its own act ("X said it
    had killed 30 soldiers", "X said its fighters stormed the base"): X's claim of responsibility. A doer
    written as the voice's own ("its forces", "our fighters", "the mujahideen" in a group's channel) is the
    speaker wherever it stands in the speaker's claim; an act with no doer's words told by a group's own outlet
    ("Amaq reported an attack on ...") is the group's claim."""
    if claim is None or not claim["speaker_actor"] or not violent_act(e):
        return []
    if claim["polarity"] == "negative" or doer_key(e, ontology) is not None:
        return []
    own = doer_of(e)[1] or ""
    words = with_owner(e["sentence"] or "", own, e["trigger_start"] - e["sentence_start"])
    if not owner_reference(words) and not (not own and _groups_outlet(claim["speaker_actor"], ontology)):
        if own and own.lower() not in load_lexicon().self_reference:
            return []  # the act names a doer of its own, if no one in particular ("it lost 30 when the army bombed")
        if claim["speaker_end"] is None:
            return []
        lo, hi = claim["speaker_end"] - e["sentence_start"], e["trigger_start"] - e["sentence_start"]
        if lo < 0 or hi <= lo or not own_act((e["sentence"] or "")[lo:hi], claim["cue"]):
            return []
    key = perpetrator_key(claim["speaker_actor"], None, ontology)
    if key is None:
        return []
    v = _said(_base(e, block, label, "perpetrator", None, claim["speaker_text"] or key), claim, e, config, weights)
    v.key, v.qualifier = key, "claimed"
    return [v]


def _groups_outlet(actor_id: str, ontology=None) -> bool:
    """Whether a speaker is an armed group's or a party's own outlet (Amaq, Az-Zallaqa: media with a parent)."""
    actor = (ontology or load_cached()).get(actor_id)
    return actor is not None and actor.type == "media" and perpetrator_key(actor_id, None, ontology) is not None


# after a claim's verb: a clause it reports ("officials claimed on Tuesday that ..."), not an act it owns
_CLAIMED_THAT = re.compile(r"^[\w'’-]+(?:\s+(?:on|in|late|early)\s+[\w'’-]+)?,?\s+that\b", re.IGNORECASE)
# a claim of acts with no article or possessive ("claimed responsibility for earlier attacks", "for other
# operations"): several acts, none of them one incident its cluster is about
_CLAIMED_OTHERS = re.compile(
    r"^[\w'’-]+\s+responsibility\s+for\s+(?!(?:the|this|that|these|those|its|their|an?|[\w-]+['’]s?)\s)",
    re.IGNORECASE,
)


def _claims_an_act(e: dict) -> bool:
    """Whether an unlinked claim of responsibility claims an act ("X claimed the bombing"), not what another
    says ("X claimed that the woman was ...", which a learned trigger may also type ATTRIB)."""
    if e["type"] != "ATTRIB":
        return False
    after = (e["sentence"] or "")[e["trigger_start"] - e["sentence_start"] :]
    return not _CLAIMED_THAT.match(after) and not _CLAIMED_OTHERS.match(after)


def _role(e: dict, key: str, claim: dict | None, accusing: bool, ontology) -> str:
    """How a source gives a doer: "claimed" (the doer says it did it: a claim of responsibility, or the
    doer is the speaker of the sentence telling the act: "X said it killed 30 soldiers"), "blamed"
    (another voice names it: an accusation) or "stated" (the report's own words)."""
    if accusing:
        return "blamed"
    if e["type"] == "ATTRIB" or (e["claims_event"] and e["type"] != "ACCUSE"):
        return "claimed"
    speaker = claim["speaker_actor"] if claim is not None else None
    if speaker and same_doer(perpetrator_key(speaker, None, ontology) or speaker, key, ontology):
        return "claimed"
    return "stated"


def document_perpetrators(evs, claims, config, weights, ontology=None) -> list[Value]:
    """The perpetrator values one document's events give, each event its own block, read as
    ``event_values`` reads them for the events of a cluster: what bench/quality_responsibility.py scores
    (``qualifier``: whether a doer claims the act, is blamed for it, or is stated as its doer)."""
    claimed, accused = _claimed_by(evs), _accused(evs)
    out = []
    for e in evs:
        if e["negated"] or e["modality"]:
            continue
        eid = e["event_id"]
        got = _facts_of(e, eid, "", claims, config, weights, claimed.get(eid), ontology, accused.get(eid, ()))
        out += [v for v in got if v.measure == "perpetrator"]
    return out


def _accused(evs: Sequence[dict]) -> dict[str, list[dict]]:
    """event id -> the document's accusations tied to it ("police blamed bandits for the attack"; the
    events stage's ``claims_event``), not negated nor modal."""
    out: dict[str, list[dict]] = defaultdict(list)
    acts = {e["event_id"]: e for e in evs}
    for c in evs:
        if c["type"] == "ACCUSE" and c["claims_event"] and not c["negated"] and not c["modality"]:
            if _accuses_the_victims(c, acts.get(c["claims_event"])):
                continue
            out[c["claims_event"]].append(c)
    return out


def _accuses_the_victims(accusation: dict, act: dict | None) -> bool:
    """Whether an accusation's "accused" is the victim of the act it is about: "allegations of a massacre of
    civilians" accuses no civilians (the parse gives the victims as the accusation's second actor)."""
    if act is None:
        return False
    if accusation["actor2"] and accusation["actor2"] == act["actor2"]:
        return True
    words = lambda e: " ".join((e["actor2_text"] or "").lower().split())  # noqa: E731
    return bool(words(accusation)) and words(accusation) == words(act)


def _claimed_by(evs: Sequence[dict]) -> dict[str, dict]:
    """event id -> the document's claim-of-responsibility event that names its doer: the events stage
    copies a claimant onto the event it claims ("ISKP claimed responsibility" -> the bombing), and that
    event's sentence may be another voice's ("the ministry said the attack was the work of criminals"),
    so the doer is given where the claim is written, by its speaker."""
    out = {}
    for c in evs:
        if c["claims_event"] and c["actor1"] and c["type"] != "ACCUSE":  # an accuser is no claimant
            out.setdefault(c["claims_event"], c)
    return {eid: c for eid, c in out.items() if any(e["event_id"] == eid and e["actor1"] == c["actor1"] for e in evs)}


def incident_group(store, doc_id: str, ontology: Ontology | None = None) -> str | None:
    """The one armed group the reports of a document's incidents (its event clusters) name as doer,
    claimant or accused, else None (none named, or several: "residents blamed X, a security source said Y
    carried out the attack"). What a strength naming no group in a story naming none is about: "no more
    than 200 terrorists remain" in a communique on an attack that another outlet says JNIM claimed."""
    from ...figures.extract import top_groups

    ontology = ontology or load_cached()
    clusters = store.disputes.clusters_of([doc_id])
    if not clusters:
        return None
    events = store.disputes.events(cluster_documents(store, clusters))
    wanted = set(clusters)
    acts = {e["event_id"] for e in events if e["cluster_id"] in wanted}
    found = set()
    for e in events:
        if e["event_id"] in acts or e["claims_event"] in acts:
            actor = doer_of(e)[0]
            if actor and ontology.armed_side(actor) == "militants":
                found.add(actor)
    tops = top_groups(found, ontology)
    return next(iter(tops)) if len(tops) == 1 else None


def quantity_values(
    store,
    doc_ids: Sequence[str],
    config: DisputeConfig,
    weights: PropositionConfig,
    *,
    figure_rows: Sequence[dict] | None = None,
    ontology: Ontology | None = None,
) -> list[Value]:
    """Numbers about a measured thing outside events: each figure of these documents with no event
    and a measure of a group (strength in fighters or members, camps, cells) is a value of
    (subject, measure), whatever its date (the dispute compares values of one period:
    ``figures.same_period``). The subject is the figure's where it is an actor the document names;
    else every actor its claim names besides the speaker and states; else its subject's words. A count
    the figures stage left as the story's (a story naming no group: ``STORY_SUBJECT``) is the group its
    incidents' reports name (``incident_group``), else no one's value.
    ``figure_rows``: ``store.figures.in_context`` of at least these documents, when read already."""
    out = []
    if figure_rows is None:
        figure_rows = store.figures.in_context(list(doc_ids))
    in_docs = set(doc_ids)
    figures = [f for f in figure_rows if f["event_id"] is None and f["doc_id"] in in_docs]
    claims = {
        c["claim_id"]: c for c in store.disputes.claims_by_id(sorted({f["claim_id"] for f in figures if f["claim_id"]}))
    }
    known = ontology or load_cached()
    for f in _distinct(figures):
        measure = "strength" if f["measure"] == "strength" else config.measure_of.get((f["measure"] or "").lower())
        if measure is None:
            continue
        subject = f["subject"] or ""
        if subject == STORY_SUBJECT:
            group = incident_group(store, f["doc_id"], ontology)
            subjects = [group] if group else []  # no group in play, or several: no one's
        elif subject in f["doc_actors"] or known.get(subject) is not None:
            # an actor the document names, or a state its people's adjective names ("Eritrean troops")
            subjects = [subject]
        elif f["claim_id"] in claims and claims[f["claim_id"]]["actors"]:
            subjects = claims[f["claim_id"]]["actors"]
        else:
            subjects = [subject.lower()] if subject else []
        for actor in (_force_of(a, known) for a in subjects):
            # one block per subject and measure, dated or not: when each value holds is compared inside it
            # (``figures.same_period``), so an undated report's estimate meets a dated one's
            v = _figure_value(f, f"q:{actor}|{measure}", actor, measure, config, weights)
            if v is not None:
                out.append(v)
    return out


def _force_of(actor: str, ontology: Ontology) -> str:
    """The subject a state's forces are counted under: the state ("Rwandan troops", the Rwanda Defence Force and
    "Rwanda has no troops in ..." are one force's strength); an armed group, or an unknown name, is its own."""
    found = ontology.get(actor)
    if found is None or found.type not in ("state", "state_organ"):
        return actor
    if found.type == "state":
        return actor
    return next((a.id for a in ontology.ancestors(actor) if a.type == "state"), actor)
