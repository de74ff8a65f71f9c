"""Assertion against denial: one source affirms what another denies.

Candidates are blocked by proposition (link.propositions has grouped claims about the same thing
by their learned vectors). Within one, a claim *denies* when the claims stage gave it a negative
polarity or a denial status, and *affirms* when positive and asserted or reported; a denial and an
affirmation from different independent sources dispute each other when their combined similarity
(the propositions' claim vectors) reaches ``match_similarity`` (data/models/disputes.yaml): both speak of
the same thing, not only of the same topic, and both belong to one story and incident (``one_story``:
an event cluster of their sentences, else places that can be one, event days within co-reference's
slack and no report predating the other's event, then a shared cluster, named actor or place, or
country; a look-alike denial from another conflict or another strike of the same war is no denial of
this one) and give no different figure of one measure (``other_counts``). No phrase lists: polarity
and status come from the claims stage, sameness from the vectors.

A dispute's score, as for contested propositions: the geometric mean of the two sides' weights,
each the sum over its sources of the source's firmest claim (status x evidence weights).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np

from ...events.coref import CorefSettings
from ...nlp.dates import parse_iso
from ..contested import claim_weight
from ..embeddings import Embedder, StoreEmbeddingCache
from ..propositions import ClaimVectors, PropositionConfig, source_key, vectors_of_claims
from .config import DisputeConfig, load_config
from .governed import GovernedVectors, _share, arguments
from .references import answers, rejections_by_reference, resolve
from .values import Value, shown_speaker


class _Speakers:
    """Who says each claim: the run's claims as read, earlier ones read from the store when first
    asked (one query per batch), so that one speaker reported by two outlets is known as one voice
    before a claim's nearest opposite is chosen. Each claim's voice (``_Voice``) is worked out once
    per run: a proposition's matrix is asked of the same claims again and again."""

    def __init__(self, store, run_claims: dict[str, dict]):
        self.store, self.run_claims = store, run_claims
        self._rows: dict[str, dict] = dict(run_claims)
        self._voices: dict[str, _Voice | None] = {}

    def read(self, ids: Sequence[str]) -> None:
        unread = sorted({i for i in ids if i not in self._rows})
        if unread:  # an earlier claim's speaker only (``_voice_keys``): not its document nor entities
            self._rows.update({c["claim_id"]: c for c in self.store.disputes.speakers_by_id(unread)})

    def voices(self, ids: Sequence[str], config: DisputeConfig) -> list[_Voice | None]:
        """Each claim's ``_Voice`` (None for a claim gone from the store), read first."""
        self.read(ids)
        for i in ids:
            if i not in self._voices:
                c = self._rows.get(i)
                self._voices[i] = _Voice.of(c, config) if c else None
        return [self._voices[i] for i in ids]

    def same_voice(self, rows: Sequence[str], cols: Sequence[str], config: DisputeConfig) -> np.ndarray:
        """(rows x cols) ``_same_voice`` of the claims (read first), as array comparisons of each claim's
        linked speaker and speaker's name; a claim gone from the store is no one's voice."""

        def keys(ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            found = self.voices(ids, config)
            return tuple(np.array([v.keys[k] if v else None for v in found], dtype=object) for k in range(3))

        def equal(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            return (x[:, None] == y[None, :]) & np.array([v is not None for v in x])[:, None]

        (ra, rh, ro), (ca, ch, co) = keys(rows), keys(cols)
        return equal(ra, ca) | equal(rh, ch) | equal(ro, ch) | equal(rh, co) | equal(ro, co)


@dataclass(frozen=True)
class _Voice:
    """What ``_two_voices`` and ``_same_voice`` read of one claim, computed once: its source
    (``source_key``), whether a named speaker says it, and (linked speaker, speaker's name, body the
    speaker speaks for)."""

    source: str
    named: bool
    keys: tuple[str | None, str | None, str | None]

    @classmethod
    def of(cls, c: dict, config: DisputeConfig) -> _Voice:
        named = c.get("speaker_kind") == "source" and bool(c.get("speaker_actor") or _name_key(c))
        return cls(source_key(c), named, (*_voice_keys(c, config), _for_whom(c, config)))

    def same_as(self, other: _Voice) -> bool:
        """Whether the two claims are said by one speaker (``_same_voice``): an equal linked speaker or
        name, or a spokesman's body and the other's name or body."""
        (actor, name, org), (o_actor, o_name, o_org) = self.keys, other.keys
        if any(k is not None and k == o for k, o in ((actor, o_actor), (name, o_name))):
            return True
        return any(x is not None and x == y for x, y in ((org, o_name), (name, o_org), (org, o_org)))

    def two_with(self, other: _Voice) -> bool:
        """Whether the two claims are two voices (``_two_voices``): other sources, or two named
        speakers who are not one."""
        if self.source != other.source:
            return True
        return self.named and other.named and not self.same_as(other)


class _Stories:
    """Which story and incident each claim belongs to (``store.disputes.stories_of_claims``, read once per
    claim): a topic's vectors alone let a look-alike denial from another conflict ("reports of a higher
    toll were rumours") or of another incident of the same war ("denied attacking the village") meet any
    assertion of a toll, so a dispute is blocked to claims that can be about the same thing
    (``one_story``) and give no different counts (``other_counts``)."""

    def __init__(self, store, country_share: float | None = None):
        self.store = store
        self._rows: dict[str, dict | None] = {}
        self.country_share = load_config().story_country_share if country_share is None else country_share

    def read(self, ids: Sequence[str]) -> None:
        unread = sorted({i for i in ids if i not in self._rows})
        if unread:
            found = self.store.disputes.stories_of_claims(unread)
            coref = CorefSettings.load()  # once per read: it is asked of every pair of claims
            for i in unread:
                self._rows[i] = _incident(found[i], coref, self.country_share) if i in found else None

    def compatible(self, rows: Sequence[str], cols: Sequence[str], among: np.ndarray | None = None) -> np.ndarray:
        """(rows x cols) whether the claims can be one dispute's: ``one_story`` and not ``other_counts``;
        with ``among`` (rows x cols), only its true cells are judged (the rest are false): the pairs that
        could dispute at all, of opposite stances and two voices. Only the claims of judged cells are read."""
        if among is None:
            among = np.ones((len(rows), len(cols)), dtype=bool)
        self.read(_judged(rows, cols, among))
        a, b = [self._rows.get(i) for i in rows], [self._rows.get(j) for j in cols]
        out = np.zeros((len(rows), len(cols)), dtype=bool)
        for i, j in zip(*np.nonzero(among), strict=True):
            out[i, j] = one_story(a[i], b[j]) and not other_counts(a[i], b[j])
        return out


def _judged(rows: Sequence[str], cols: Sequence[str], among: np.ndarray) -> list[str]:
    """The claims of ``rows`` and ``cols`` with a true cell of ``among`` (rows x cols) in their row or column."""
    return [i for i, x in zip(rows, among.any(axis=1), strict=True) if x] + [
        j for j, x in zip(cols, among.any(axis=0), strict=True) if x
    ]


class StoryTest:
    """A test of two claims given by id over their stories (``_Stories``), each claim's story read from the
    store once. ``read``: a caller about to ask of many pairs reads their claims' stories in one query
    first; asked pair by pair, each unread pair was a query of its own (four reads of the store's tables,
    ~20 ms CPU each, ~800 of them for the camps of a 1,000-document run)."""

    def __init__(self, stories: _Stories, test: Callable[[dict | None, dict | None], bool]):
        self.stories, self.test = stories, test

    def __call__(self, a: str, b: str) -> bool:
        self.stories.read([a, b])
        return self.test(self.stories._rows[a], self.stories._rows[b])

    def read(self, ids: Sequence[str]) -> None:
        self.stories.read(ids)


def read_stories(test: Callable[[str, str], bool] | None, ids: Sequence[str]) -> None:
    """Read the stories of the claims ``ids`` in one query where ``test`` is a ``StoryTest`` (a plain
    callable reads nothing ahead)."""
    if isinstance(test, StoryTest) and ids:
        test.read(ids)


def story_test(store, stories: _Stories | None = None) -> StoryTest:
    """``one_story`` of two claims given by id, each claim's story read from ``store`` once (the camps'
    edges across propositions ask it: link/camp_edges.py). ``stories``: shared with another test, so that
    no story is read twice."""
    return StoryTest(stories or _Stories(store), one_story)


def incident_test(store, stories: _Stories | None = None) -> StoryTest:
    """Whether two claims given by id can be figures of one incident: ``one_story``, and not two
    different events of their own. A claim's own events are the event clusters of its sentence, else
    those of its document where the document tells of one incident only (a statement's "As a result,
    five worshippers were martyred" tells of the bombing its first sentence reports); a claim with
    none says nothing. The camps of a proposition ask it of two conflicting figures
    (``contested_camps.conflict_cue``): a proposition groups by wording and holds the tolls of every
    incident of a conflict."""
    return StoryTest(stories or _Stories(store), _one_incident)


def story_tests(store) -> tuple[StoryTest, StoryTest]:
    """(``story_test``, ``incident_test``) over one reading of the stories."""
    stories = _Stories(store)
    return story_test(store, stories), incident_test(store, stories)


def _one_incident(x: dict | None, y: dict | None) -> bool:
    if not one_story(x, y):
        return False
    if x is None or y is None or x["doc_id"] == y["doc_id"]:
        return True
    own_x, own_y = _own_events(x), _own_events(y)
    return not (own_x and own_y) or bool(own_x & own_y)


def _own_events(row: dict) -> set[str]:
    """The event clusters a claim tells of: its sentence's, or its document's only one."""
    if row["sentence_clusters"]:
        return row["sentence_clusters"]
    return row["clusters"] if len(row["clusters"]) == 1 else set()


def story_countries(row: dict, share: float) -> set[str]:
    """The countries a document's story is in: its events' countries, and the countries its entity
    mentions name at least ``share`` times as often as its most named one. A country named in passing
    ("the U.S.-led coalition", "told CNN", "the UK's Daily Mirror") is no place of the story: counted as
    one, nearly every international report shared a country with every other, and a claim naming no
    place of its own met look-alike claims of every other story. Rows without mention counts keep
    ``countries`` as read."""
    mentions = row.get("country_mentions")
    if mentions is None:
        return set(row.get("countries") or ())
    most = max(mentions.values(), default=0)
    return set(row.get("event_countries") or ()) | {c for c, n in mentions.items() if n >= share * most}


def _incident(row: dict, coref: CorefSettings | None = None, country_share: float = 0.0) -> dict:
    """A ``stories_of_claims`` row with what ``one_story`` compares of its sentence's incident:
    ``sentence_clusters`` (its events' clusters), ``days`` (its events' day-precise dates), ``where``
    (its places below a country, less one opening the sentence: a dateline, "BAGHDAD - An official
    said", or a capital standing for its government, "Kabul rejected"; ``_place_keys`` of each),
    ``lands`` (the countries of those places), ``day`` (its document's date), ``counts`` (measure ->
    the values of the figures its sentence gives: "at least 14 killed" is killed -> {14}), ``slack``
    (event co-reference's ``slack_days``, ``coref``'s settings), ``since`` (its first event day less
    that slack) and ``countries``, its document's story countries (``story_countries`` at
    ``country_share``; 0 keeps every country its document names)."""
    coref = coref or CorefSettings.load()
    events = row.get("events") or ()
    below = [
        p
        for p in row.get("places") or ()
        if not (p.get("place_id") or "").startswith("country:") and not p.get("first")
    ]
    out = {
        **row,
        "sentence_clusters": {e["cluster_id"] for e in events if e["cluster_id"]},
        "days": {d for e in events if e["date_precision"] == "day" and (d := parse_iso(e["date_start"]))},
        "where": [keys for p in below if (keys := _place_keys(p, coref.stop_names))],
        "lands": {p["country"] for p in below if p.get("country")},
        "day": parse_iso(str(row["date"])) if row.get("date") else None,
        "counts": _counts(row.get("figures") or ()),
        "slack": timedelta(days=coref.slack_days),
        "countries": story_countries(row, country_share),
    }
    out["since"] = min(out["days"]) - out["slack"] if out["days"] else None  # no report before it tells of it
    return out


def _counts(figures: Sequence[dict]) -> dict[str, set[float]]:
    out: dict[str, set[float]] = defaultdict(set)
    for f in figures:
        out[f["measure"]].update(float(v) for v in (f["low"], f["high"]) if v is not None)
    return dict(out)


def _place_keys(place: dict, stop_names: frozenset[str]) -> frozenset[str]:
    """What a place mention is known by: its resolved place, the province it lies in, and the proper words
    of its name less the generic ones event co-reference leaves out ("the Zamzam camp": "zamzam"; "North
    Waziristan": "waziristan"). An unresolved name is known by its words alone."""
    keys = {f"id:{place['place_id']}"} if place.get("place_id") else set()
    if place.get("admin1"):
        keys.add(f"in:{place['admin1']}")
    words = {w.lower().removesuffix("'s").removesuffix("’s") for w in _PROPER.findall(place.get("text") or "")}
    keys |= {w for w in words if w not in stop_names}
    if keys and place.get("country"):  # a mention known by its country alone says nothing of the place
        keys.add(f"cc:{place['country']}")
    return frozenset(keys)


_PROPER = re.compile(r"(?<![\w'’])[A-Z][\w'’-]{2,}")


def _places_apart(a: list[frozenset[str]], b: list[frozenset[str]]) -> bool:
    """Whether two sentences' places tell of two incidents: none can be one place, and two of them lie in
    one country (or one's country is unknown). Places only in two countries say nothing more than the
    countries do: one may name an agreement, a capital or a visit ("the Doha agreement", "talks in
    Geneva") while the other names where things happen."""
    country = lambda x: next((k for k in x if k.startswith("cc:")), None)  # noqa: E731
    if not any(country(x) is None or country(y) is None or country(x) == country(y) for x in a for y in b):
        return False
    return not any(_places_meet(x, y) for x in a for y in b)


def _places_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two place mentions can name one place: the same place or proper word, or one the province
    the other lies in ("Kunar" and "Chawkay district, Kunar"); two towns of one province are two places."""
    if a & b - {k for k in a | b if k.startswith(("in:", "cc:"))}:
        return True
    inside = lambda x, y: any(k.startswith("in:") and "id:" + k[3:] in y for k in x)  # noqa: E731
    return inside(a, b) or inside(b, a)


def one_story(a: dict | None, b: dict | None) -> bool:
    """Whether two claims (``_incident`` rows) can be about the same thing: one document or one event
    cluster of their sentences; else not when their sentences name places that cannot be one, nor when
    their sentences date their events days apart, nor when one's document is dated before the other's
    event (a report cannot tell of what had not happened); else a shared event cluster of their
    documents, a linked actor or place both sentences name, or documents placed in a common country.
    Documents placed in different countries with nothing else shared are two stories: a denial naming no
    subject ("called the reported toll exaggerated") can only be about its own story. A document the
    entity stage placed nowhere blocks nothing (nothing tells its story)."""
    if a is None or b is None:
        return True
    if a["doc_id"] == b["doc_id"] or a["sentence_clusters"] & b["sentence_clusters"]:
        return True
    if _two_incidents(a, b):
        return False
    if a["clusters"] & b["clusters"] or a["names"] & b["names"]:
        return True
    return not (a["countries"] and b["countries"]) or bool(a["countries"] & b["countries"])


def _two_incidents(a: dict, b: dict) -> bool:
    """Whether the two claims' sentences tell of two incidents: places that cannot be one
    (``_places_apart``), places in a country the other's
    document is not placed in (the other naming none), event days further apart than event
    co-reference's slack, or one report dated before the other's event day (less that slack). Plain
    tests, cheapest first: it is asked of every pair a proposition's new claims make with its
    candidates."""
    if a["where"] and b["where"] and _places_apart(a["where"], b["where"]):
        return True
    # a sentence naming no place is about its document's story: not about a town of another country
    if a["lands"] and not b["where"] and b["countries"] and a["lands"].isdisjoint(b["countries"]):
        return True
    if b["lands"] and not a["where"] and a["countries"] and b["lands"].isdisjoint(a["countries"]):
        return True
    return _days_apart(a, b)


def _days_apart(a: dict, b: dict) -> bool:
    """Whether two claims' sentences date their events further apart than event co-reference's slack, or one
    report is dated before the other's event day (less that slack)."""
    if a["days"] and b["days"] and all(abs(x - y) > a["slack"] for x in a["days"] for y in b["days"]):
        return True
    if a["day"] and b["since"] and a["day"] < b["since"]:
        return True
    return bool(b["day"] and a["since"] and b["day"] < a["since"])


def other_counts(a: dict | None, b: dict | None) -> bool:
    """Whether two claims give figures of one measure and none of one's is the other's ("the army says 9 dead"
    and "the figure of 35 dead is propaganda"): a number is never affirmed nor denied by a different number
    (that is a disputed figure, ``figures``). Numbers that are no figure (a date, a weight) tell nothing."""
    if a is None or b is None or not a["counts"] or not b["counts"]:
        return False
    shared = a["counts"].keys() & b["counts"].keys()
    return bool(shared) and all(a["counts"][m].isdisjoint(b["counts"][m]) for m in shared)


def stance(claim: dict, config: DisputeConfig) -> str | None:
    """affirms | denies | None (hedged, hypothetical: the speaker commits to neither; a question or a
    heading that asks, ``asks``). Rows read without their text (the candidates' stance and source
    only) are judged by status and polarity."""
    if asks(claim.get("text")):
        return None
    if claim["status"] in config.deny_statuses:
        return "denies"
    if claim["status"] in config.affirm_statuses:
        if claim["polarity"] != "negative":
            return "affirms"
        return None if pledges(claim.get("text")) else "denies"
    return None


# A sentence that asks rather than says: a question ("Is the group really defeated?"), or a heading
# opening with a wh-word and closed by no mark ("What the record does and does not show", "Why the
# talks failed"). Its negation or its words affirm nothing and deny nothing.
_QUESTION = re.compile(r"\?[\s\"'”’»)\]]*$")
_WH_HEADING = re.compile(r"^\s*(?:What|Why|How|Who|Whom|Whose|Which|Where|When|Whether)\b[^.!?:;\n]*[\w\"'”’)]\s*$")


# A negation under a modal of will is a pledge or a refusal when it says what someone will not do: a first
# person's ("we will not rest", "I won't resign") or a verb of consent, yielding or answering ("would not allow
# violations", "will never negotiate", "would not comment"), as the claims stage reads such reported content
# (status.yaml ``modals``). Said of what will happen ("the Earth will not go dark"), it denies a prediction.
# "can"/"could" are left out: "the two stories cannot both be true" denies.
_VOLITION = (
    "allow|accept|tolerate|permit|let|negotiate|talk|surrender|give|back|bow|yield|recogni[sz]e|comment|respond|"
    "rest|stop|resign|retreat|abandon|compromise|sign|agree|pay|hand|release|return|cooperate|participate|attend|"
    "comply|obey|forgive|forget|stand|hesitate|spare"
)
_PLEDGE = re.compile(
    rf"\b(?:(?:we|i)\s+(?:will|would|shall)\s+(?:not|never)|(?:we|i)\s+wo(?:n['’]t|\s+n['’]t)"
    rf"|(?:will|would|shall)\s+(?:not|never)\s+(?:be\s+)?(?:{_VOLITION})\w*"
    rf"|wo(?:n['’]t|\s+n['’]t)\s+(?:be\s+)?(?:{_VOLITION})\w*)",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor)\b|n['’]t\b", re.IGNORECASE)


def pledges(text: str | None) -> bool:
    """Whether a claim's every negation is a pledge's or a refusal's ("would not allow violations of its
    airspace", "we will not negotiate"): such a claim, negative by its negation alone, denies nothing."""
    if not text:
        return False
    spans = [m.span() for m in _PLEDGE.finditer(text)]
    return bool(spans) and all(any(s <= m.start() < e for s, e in spans) for m in _NEGATION.finditer(text))


def asks(text: str | None) -> bool:
    """Whether a claim's text is a question or a wh-heading (``_QUESTION``, ``_WH_HEADING``)."""
    return bool(text) and bool(_QUESTION.search(text) or _WH_HEADING.match(text))


# The most central earlier members of the opposite stance a proposition's new claims are compared
# with: the cost of a run stays bounded however large a proposition grows (a proposition is a topic
# and gains members with the store).
CANDIDATES = 25


def denial_values(
    store,
    doc_ids: Sequence[str],
    config: DisputeConfig,
    weights: PropositionConfig,
    vectors: ClaimVectors | None = None,
    *,
    run_claims: Sequence[dict] | None = None,
) -> tuple[list[str], dict[tuple[str, str], tuple[list[Value], float]]]:
    """(the propositions whose disputes were recomputed, (proposition id, dispute key: its first
    claim id) -> (the affirming and denying claims of each dispute, the combined similarity of its
    closest affirmation and denial from different sources)).

    Incremental: the claims of ``doc_ids`` that affirm or deny are matched with their propositions'
    earlier members of the opposite stance (``CANDIDATES`` at most per proposition and stance) and
    join the disputes stored there; the rest of a proposition's disputes stay as they were.
    ``vectors``: the claim vectors the propositions step has just computed (``ClaimVectors``); only
    the claims it does not hold are embedded here. ``run_claims``: ``store.disputes.polar_claims`` of
    ``doc_ids`` with their ``stance``, when the caller has read them (the facts step reads them too)."""
    polar = _polar_candidates(store, list(doc_ids), config, vectors)
    info = {r["claim_id"]: r for r in polar}  # stance, side and source: what matching needs
    for r in polar:
        r["stance"] = stance(r, config)
    if run_claims is None:
        run_claims = store.disputes.polar_claims(
            list(doc_ids), sorted(config.affirm_statuses), sorted(config.deny_statuses)
        )
        for c in run_claims:
            c["stance"] = stance(c, config)
    run_claims = {c["claim_id"]: c for c in run_claims}
    known = vectors or ClaimVectors()
    stories = _Stories(store)
    speakers = _Speakers(store, run_claims)
    nearest, kept = _new_edges(store, polar, info, config, weights, known, speakers, stories)
    run = _Run(store, run_claims, config, weights, known, kept, stories, speakers)
    across, governed = _across(run)
    for a, (b, sim) in across.items():
        if sim > nearest.get(a, ("", -1.0))[1]:
            nearest[a] = (b, sim)
    # a pair met by its governed contents alone makes a dispute of its own only between claims no other
    # edge touches: joined to the edges above, it split their disputes (two joiners of one dispute taken
    # for an anchor pair of their own)
    touched = {i for a, (b, _) in nearest.items() for i in (a, b)}
    for a, (b, sim) in governed.items():
        if a not in touched and b not in touched:
            nearest[a] = across[a] = (b, sim)
            touched |= {a, b}
    # a rejection by reference ("denied the report", "called the figure exaggerated") answers the claim it refers
    # to (references.py): its own words say nothing its vector could meet, so that pair replaces its nearest
    answered, joins = _reference_edges(run)
    for a, (b, sim) in answered.items():
        nearest[a] = across[a] = (b, sim)
    for a, (b, sim) in joins.items():
        if a not in nearest:  # an antecedent already matched keeps its match
            nearest[a] = across[a] = (b, sim)
    # the propositions recomputed: those with new claims of both stances, and those of the claims a
    # match across propositions joined (such a dispute is stored in one of them, and read back when
    # it is recomputed)
    proposition_of = {r["claim_id"]: r["proposition_id"] for r in polar}
    joined = {i for a, (b, _) in across.items() if nearest.get(a, ("",))[0] == b for i in (a, b)}
    proposition_of.update(store.disputes.propositions_of(sorted(joined - set(proposition_of))))
    pids = sorted(
        {r["proposition_id"] for r in polar if r["new"]} | {proposition_of[i] for i in joined if i in proposition_of}
    )
    stored = store.disputes.values_of_blocks("claims", pids)
    proposition_of.update({r["claim_id"]: r["block"] for r in stored})
    edges = [(a, b) for a, (b, _) in nearest.items()]
    # the full claims (sentence, speaker, cue) only of those a dispute can hold, in one read
    wanted = {i for edge in edges for i in edge} | {r["claim_id"] for r in stored}
    claims = {i: run_claims[i] for i in wanted if i in run_claims}
    claims.update({c["claim_id"]: c for c in store.disputes.claims_by_id(sorted(wanted - set(claims)))})
    for cid, c in claims.items():
        c["stance"] = stance(c, config)
        c["side"] = info[cid]["side"] if cid in info else None
    # one voice twice is no dispute: an outlet's "X denied" against another's "X said" (a misreport)
    edges = [
        (a, b)
        for a, b in edges
        if claims[a]["stance"]
        and claims[b]["stance"]  # read with their text: a question or a pledge takes no side (``stance``)
        and not _same_voice(claims[a], claims[b], config)
        and not _gives_its_count(claims[a], claims[b], config)
    ]
    # the stored disputes' claims stay connected: a new match joins the dispute it touches
    links = [(r["measure"], r["claim_id"]) for r in stored if r["claim_id"] in claims]
    missing = [claims[i] for _, i in links if i not in kept]
    if missing:  # a stored dispute's earlier members, which a new claim joining it must agree with
        kept = {**kept, **dict(zip([c["claim_id"] for c in missing], _claim_vectors(store, missing, weights, known)))}
    stances = {cid: c["stance"] for cid, c in claims.items()}
    similarity = {(a, b): sim for a, (b, sim) in nearest.items()}
    # in a content order first: ``_anchors`` breaks ties by the texts, and copies of one sentence tie there too
    edges = sorted(edges, key=lambda e: (_claim_order(claims[e[0]]), _claim_order(claims[e[1]])))
    scored = [(a, b, similarity[(a, b)], claims[a]["text"] or "", claims[b]["text"] or "") for a, b in edges]
    together = lambda a, b: bool(stories.compatible([a], [b])[0, 0])  # noqa: E731
    # a rejection by reference anchors with the claim it answers before any pair is taken by nearness: another
    # claim whose nearest it is (a look-alike of another story) would take it first
    anchors = _anchors(scored, {(a, b) for a, (b, _) in answered.items()})
    components = _groups(anchors, edges, links, kept, config.match_similarity, stances, together).values()
    # members by what they say and who says it, not by id (ids hash the documents' paths): the first
    # one's proposition stores the dispute, and ties of the closest pair go to the first
    groups = [
        sorted((m for m in members if m in claims), key=lambda i: _claim_order(claims[i])) for members in components
    ]
    groups = [[claims[i] for i in ids if claims[i]["stance"]] for ids in groups]
    groups = [g for g in groups if {c["stance"] for c in g} == {"affirms", "denies"} and _voices(g, config)]
    closest = _closest_pairs(store, groups, kept, config, weights, known)
    out: dict[tuple[str, str], tuple[list[Value], float]] = {}
    for chosen, (sim, label) in zip(groups, closest, strict=True):
        pid = next((proposition_of[c["claim_id"]] for c in chosen if c["claim_id"] in proposition_of), None)
        if pid is None:  # its claims' propositions were not read: not a block this run recomputes
            continue
        values = [_value(c, pid, " ".join(label["text"].split()), weights, config) for c in chosen]
        out[(pid, chosen[0]["claim_id"])] = (values, sim)
    return pids, out


def _polar_candidates(
    store, doc_ids: list[str], config: DisputeConfig, vectors: ClaimVectors | None
) -> list[dict[str, Any]]:
    """The affirm/deny candidates (``store.disputes.polar_candidates``): from the members the
    propositions step kept when it kept every proposition the documents have a member in (it has
    just rewritten them), else from the store."""
    args = (doc_ids, sorted(config.affirm_statuses), sorted(config.deny_statuses), CANDIDATES)
    if vectors is not None and set(store.disputes.propositions_of_documents(doc_ids)) <= vectors.propositions():
        return vectors.polar_candidates(*args)
    return store.disputes.polar_candidates(*args)


def _new_edges(
    store,
    polar: list[dict],
    claims: dict[str, dict],
    config: DisputeConfig,
    weights: PropositionConfig,
    known: ClaimVectors,
    speakers: _Speakers,
    stories: _Stories,
) -> tuple[dict[str, tuple[str, float]], dict[str, np.ndarray]]:
    """(claim -> (its nearest, their similarity), the vectors read for them). b is a's nearest claim of the
    opposite stance from another source in its proposition, with a combined similarity of at least
    ``match_similarity`` (or put on the opposite side of the propositions' label): each new claim's
    nearest, old or new, and each earlier candidate's nearest new one. Nearest only: a proposition
    is a topic, and a denial matching every loosely related affirmation in it would say nothing.
    One product per proposition: its new claims against its new claims and at most ``CANDIDATES``
    earlier ones per stance, however large it grows. ``speakers``: who says each claim (the run's
    claims as read, earlier ones from the store); two of the run's claims from one report are two
    voices when two named speakers say them (``_two_voices``: "the army said ...; the group rejected it")."""
    rows = [claims[r["claim_id"]] for r in polar if r["claim_id"] in claims and claims[r["claim_id"]]["stance"]]
    if not rows:
        return {}, {}
    index = {c["claim_id"]: i for i, c in enumerate(rows)}
    new = {r["claim_id"] for r in polar if r["new"]}
    by_pid: dict[str, list[str]] = defaultdict(list)
    for r in polar:
        if r["claim_id"] in index:
            by_pid[r["proposition_id"]].append(r["claim_id"])
    source = {c["claim_id"]: source_key(c) for c in rows}
    speakers.read(list(index))  # the earlier candidates' speakers in one query, not one per proposition
    # which pairs could dispute (opposite stances, two voices), then of those the ones of one story: a
    # candidate in no such pair is never a claim's nearest, so its story is not read nor its vector made
    # (most of a proposition's central members are of the new claims' own source or another story)
    blocks = []
    for ids in by_pid.values():
        fresh = [i for i in ids if i in new]
        if not fresh:
            continue
        voices = _voices_matrix(fresh, ids, source, speakers, config)
        denies = np.array([claims[i]["stance"] == "denies" for i in ids])
        opposite = denies[[ids.index(i) for i in fresh]][:, None] != denies[None, :]
        blocks.append((fresh, ids, voices, voices & opposite))
    stories.read([i for fresh, ids, _, among in blocks for i in _judged(fresh, ids, among)])  # one query
    for fresh, ids, voices, among in blocks:
        voices &= stories.compatible(fresh, ids, among)
    needed = {i for fresh, ids, voices, _ in blocks for i in fresh + _judged(fresh, ids, voices)}
    vectors = _claim_vectors(store, rows, weights, known, needed)
    edges: dict[str, tuple[str, float]] = {}
    for fresh, ids, voices, _ in blocks:
        # numpy's own loop, not BLAS: these products are small and many (one per proposition), and a
        # threaded BLAS spins its threads awake for each, several times the product's own CPU on a busy machine
        sims = np.einsum("ij,kj->ik", vectors[[index[i] for i in fresh]], vectors[[index[i] for i in ids]])
        scores = _match_scores(fresh, ids, claims, voices, sims, config.match_similarity)
        for a, i in enumerate(fresh):  # a new claim's nearest opposite, old or new
            b = int(scores[a].argmax())
            if scores[a, b] >= config.match_similarity:
                edges[i] = (ids[b], float(scores[a, b]))
        for b, j in enumerate(ids):  # an earlier claim's nearest new opposite
            a = int(scores[:, b].argmax())
            if j not in new and scores[a, b] >= config.match_similarity:
                edges[j] = (fresh[a], float(scores[a, b]))
    return edges, {cid: vectors[i] for cid, i in index.items() if cid in needed or known.known(cid)}


def _voices(claims: list[dict], config: DisputeConfig) -> bool:
    """Whether an affirmation and a denial of these claims come from two voices (``_two_voices``), or the
    denial rejects by reference the affirmation its report made before it (``references.answers``)."""
    aff = [c for c in claims if c["stance"] == "affirms"]
    return any(
        _two_voices(a, d, config) or _answers(d, a, config) for a in aff for d in claims if d["stance"] == "denies"
    )


def _answers(denial: dict, claim: dict, config: DisputeConfig) -> bool:
    """``references.answers`` by another speaker: one report's accusation and a party's rejection of it by
    reference ("Residents said soldiers burned the market. The army denied the accusation.") are two voices,
    named or not."""
    return answers(denial, claim, config.governed_statuses) and not _same_voice(denial, claim, config)


@dataclass
class _Run:
    """What the cross-proposition matchers of one run share: the store, the run's polar claims by id, the
    settings, the claim vectors the propositions step computed (``known``) and those embedded here
    (``kept``, filled as claims need them), the claims' stories and voices."""

    store: Any
    run_claims: dict[str, dict]
    config: DisputeConfig
    weights: PropositionConfig
    known: ClaimVectors
    kept: dict[str, np.ndarray]
    stories: _Stories
    speakers: _Speakers

    def embed(self, claims: Sequence[dict]) -> None:
        """Put the vectors of those of ``claims`` not yet in ``kept`` there."""
        missing = [c for c in claims if c["claim_id"] not in self.kept]
        if missing:
            vectors = _claim_vectors(self.store, missing, self.weights, self.known)
            self.kept.update(zip([c["claim_id"] for c in missing], vectors))


def _reference_edges(run: _Run) -> tuple[dict[str, tuple[str, float]], dict[str, tuple[str, float]]]:
    """(each of the run's rejections by reference -> (the claim it answers, their similarity), each antecedent
    answered inside its report -> (its rejection, match_similarity)). What a rejection answers
    (``references.resolve``): another voice's affirmation of its report or, for a noun, of its story
    (``one_story``) carrying the names the reference gives, else of its incident (a document event cluster both
    reports share); ties between reports go to the claim most similar to the rejection (the propositions' claim
    vectors)."""
    run_claims, config, stories, speakers, kept = run.run_claims, run.config, run.stories, run.speakers, run.kept
    refs = rejections_by_reference(list(run_claims.values()), config.governed_statuses)
    if not refs:
        return {}, {}
    candidates = [c for c in run_claims.values() if c["stance"] == "affirms"]
    ids = [c["claim_id"] for c in candidates]
    voice = dict(zip(ids, speakers.voices(ids, config)))
    voice.update(zip(refs, speakers.voices(list(refs), config)))

    def other_voice(r: dict, c: dict) -> bool:
        return voice[c["claim_id"]] is not None and not voice[r["claim_id"]].same_as(voice[c["claim_id"]])

    def same_story(r: dict, c: dict) -> bool:
        return bool(stories.compatible([r["claim_id"]], [c["claim_id"]])[0, 0])

    def named_story(r: dict, c: dict) -> bool:
        # a reference naming the accuser or the incident ties the two reports itself: each side's report may be
        # placed in its own country ("Kigali rejected Kinshasa's accusations"); only days apart or other counts
        # keep them apart
        stories.read([r["claim_id"], c["claim_id"]])
        x, y = stories._rows.get(r["claim_id"]), stories._rows.get(c["claim_id"])
        return x is None or y is None or not (_days_apart(x, y) or other_counts(x, y))

    def same_incident(r: dict, c: dict) -> bool:
        stories.read([r["claim_id"], c["claim_id"]])
        x, y = stories._rows.get(r["claim_id"]), stories._rows.get(c["claim_id"])
        return bool(x and y and x["clusters"] & y["clusters"]) and same_story(r, c)

    def similarity(r: dict, c: dict) -> float:
        run.embed([r, c])
        return float(kept[r["claim_id"]] @ kept[c["claim_id"]])

    out: dict[str, tuple[str, float]] = {}
    joins: dict[str, tuple[str, float]] = {}
    for rid, ref in refs.items():
        r = run_claims[rid]
        found = resolve(r, ref, candidates, other_voice, named_story, same_incident, similarity)
        if found is None:
            continue
        out[rid] = (found["claim_id"], config.match_similarity)
        if found["doc_id"] != r["doc_id"]:
            continue
        # answered inside its report ("Residents said X. The army denied the accusation."): the report restates
        # a claim other outlets make, which the rejection answers as well. Its nearest such claim (the antecedent's
        # vector at match_similarity, a name or actor shared, one story) takes the rejection, and the antecedent joins
        # them (it says what that claim says): a dispute between outlets, not one report's two voices alone.
        source = source_key(r)
        told = [
            c
            for c in candidates
            if source_key(c) != source and other_voice(r, c) and _share_a_name(found, c) and same_story(r, c)
        ]
        sims = [(similarity(found, c), i) for i, c in enumerate(told)]
        best = max(sims, default=(0.0, -1))
        if best[0] >= config.match_similarity:
            out[rid] = (told[best[1]]["claim_id"], best[0])
            joins.setdefault(found["claim_id"], (rid, config.match_similarity))
    return out, joins


def _two_voices(a: dict, b: dict, config: DisputeConfig) -> bool:
    """Two independent sources, or two named speakers one report quotes ("the army said ...; the
    group denied it"): a report of an accusation and its denial is the commonest dispute."""
    if source_key(a) != source_key(b):
        return True
    return _Voice.of(a, config).two_with(_Voice.of(b, config))


_CAPITALISED = re.compile(r"[A-Z][\w'’-]{2,}")


def _same_voice(a: dict, b: dict, config: DisputeConfig) -> bool:
    """Whether two claims are said by one speaker: the same linked actor, or speakers whose last
    capitalised word is the same name ("Saad Maan Ibrahim" and "Ibrahim"; not "Ministry"), or a
    spokesman and the body he speaks for ("Wafa, deputy spokesman of the Islamic Emirate" and "The
    Islamic Emirate"; two spokesmen of one body): ``_Voice.same_as``."""
    return _Voice.of(a, config).same_as(_Voice.of(b, config))


def _for_whom(c: dict, config: DisputeConfig) -> str | None:
    """The body a speaker speaks for, by the last name of the title in apposition to the speaker's name
    ("Qari Ahmadullah Wafa, deputy spokesman of the Islamic Emirate": "emirate"; "Saqib, Ministry of Interior
    spokesman": "interior"); None without such a title, or where it names only a kind ("a ministry")."""
    _, _, title = (c.get("speaker_text") or "").partition(",")
    names = [n for n in _CAPITALISED.findall(title) if n.lower() not in _PRONOUNS]
    key = names[-1].lower().rstrip("'’s") if names else None
    return key if key not in config.generic_speaker_heads else None


def _voice_keys(c: dict, config: DisputeConfig) -> tuple[str | None, str | None]:
    """(linked speaker, speaker's name) of a claim, each None where it names no one: two claims with an
    equal key are one voice (``_same_voice``, ``_Speakers.same_voice``)."""
    head = _name_key(c)
    return c["speaker_actor"] or None, head if head not in config.generic_speaker_heads else None


# Capitalised pronouns, determiners and quantifiers a speaker span may open with ("She said", "The
# provincial spokesman", "Some residents", "Two officials"): capitalised by the sentence, no one's name.
_PRONOUNS = frozenset(
    "she they his her its their our this that these those who the some many several other another both all "
    "one two three four five six seven eight nine ten".split()
)


def _name_key(c: dict) -> str | None:
    """The name a claim's speaker goes by: the last capitalised word of the full name the claims stage
    resolved for an unlinked speaker ("He" -> "Qari Ahmadullah Wafa", "Wafa" -> "Qari Ahmadullah Wafa"),
    else of the speaker span before an apposition ("Qari Ahmadullah Wafa, deputy spokesman of the Islamic
    Emirate" is Wafa, not "Emirate"): one person quoted as "Wafa", "he" and by full name and title is one
    voice."""
    # an actor's resolved name ends in its country as often as in its own name ("Islamic Emirate of
    # Afghanistan"): a linked speaker goes by its own words, its actor being the first key
    resolved = None if c.get("speaker_actor") else c.get("speaker_name")
    said = resolved or (c.get("speaker_text") or "").split(",")[0]
    names = [n for n in _CAPITALISED.findall(said) if n.lower() not in _PRONOUNS]
    return names[-1].lower().rstrip("'’s") if names else None


# A name more claims of one run hold than this blocks nothing: it is the run's subject, not a story.
COMMON_NAME = 40
_NAME = re.compile(r"(?<=[a-z,;:]\s)([A-Z][\w'’-]{2,})")


def _across(run: _Run) -> tuple[dict[str, tuple[str, float]], dict[str, tuple[str, float]]]:
    """(each of the run's affirming or denying claims -> its nearest claim of the opposite stance from
    another source among the run's claims that share a name or a linked actor with it, wherever the
    propositions step placed them (reports of one story fall into several topics; a denial's topic
    terms are not the assertion's); the claims with none -> the claim of those whose governed content
    agrees with theirs (``governed.py``), most similar first, at ``match_similarity``). Blocked by shared
    names, so the products stay small, and by story (``one_story``). ``speakers``: each claim's voice,
    worked out once (``_Voice``)."""
    store, run_claims, config, stories, speakers, kept = (
        run.store,
        run.run_claims,
        run.config,
        run.stories,
        run.speakers,
        run.kept,
    )
    polar = [c for c in run_claims.values() if c["stance"]]
    if len(polar) < 2:
        return {}, {}
    keys = [_keys(c) for c in polar]
    holders: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            holders[k].append(i)
    voices = speakers.voices([c["claim_id"] for c in polar], config)  # the run's rows: nothing to read
    pairs = {}
    for i, c in enumerate(polar):
        near = {j for k in keys[i] if len(holders[k]) <= COMMON_NAME for j in holders[k]}
        near = [
            j
            for j in sorted(near)  # in the run's order: the nearest of two equally near is the first read
            if polar[j]["stance"] != c["stance"]
            and voices[i].two_with(voices[j])  # ``_two_voices``
            and not voices[i].same_as(voices[j])  # one speaker reported by two outlets is one voice
            and not _gives_its_count(c, polar[j], config)
        ]
        if near:
            pairs[i] = near
    # the stories of those claims alone, in one query
    stories.read(sorted({polar[x]["claim_id"] for i, near in pairs.items() for x in (i, *near)}))
    for i, near in list(pairs.items()):
        c = polar[i]
        pairs[i] = [j for j in near if stories.compatible([c["claim_id"]], [polar[j]["claim_id"]])[0, 0]]
    wanted = sorted({x for i, near in pairs.items() if near for x in (i, *near)})
    run.embed([polar[x] for x in wanted])  # the vectors of those claims alone
    out, below = {}, {}
    governed: GovernedVectors | None = None
    for i, near in pairs.items():
        c = polar[i]
        if not near:
            continue
        sims = np.stack([kept[polar[j]["claim_id"]] for j in near]) @ kept[c["claim_id"]]
        best = int(sims.argmax())
        if sims[best] >= config.match_similarity:
            out[c["claim_id"]] = (polar[near[best]]["claim_id"], float(sims[best]))
            continue
        # below it, the contents the cues govern may still say one thing of one argument: a rejection's
        # sentence carries its speaker's own words ("governed.py"); such a pair meets at the threshold
        if governed is None:
            governed = GovernedVectors.of_store(store)
            governed.read([polar[x] for x in wanted])
        agree = [
            j
            for j in near
            if _spoken_rejection(c if c["stance"] == "denies" else polar[j], config)
            and governed.agree(c, polar[j], config.governed_similarity)
        ]
        if agree:
            j = max(agree, key=lambda j: governed.similarity(c, polar[j]))  # ties: the first read
            below[c["claim_id"]] = (polar[j]["claim_id"], config.match_similarity)
    return out, below


def _spoken_rejection(c: dict, config: DisputeConfig) -> bool:
    """A denial someone says (a rejection cue, or a speaker's negated report), not the author's own negated
    sentence ("X has not been seen in public since"), which mostly narrates: only such a rejection is
    matched by its governed content."""
    return c["status"] in config.governed_statuses


def _claim_order(c: dict) -> tuple:
    """A claim's place in a content order: its text, its source and title, where it stands."""
    return (c["text"] or "", source_key(c), c.get("doc_title") or "", c.get("start") or 0, c.get("doc_date") or "")


def _keys(claim: dict) -> set[str]:
    """A claim's blocking keys: the names it writes (capitalised inside a sentence) and its actors."""
    return {m.lower() for m in _NAME.findall(claim["text"] or "")} | set(claim.get("topic_actors") or [])


def _share_a_name(a: dict, b: dict) -> bool:
    """Whether two claims' sentences write one name (a run of capitalised words, one's words all the other's:
    ``governed.arguments``), not counting actors: a kind of actor ("gunmen") is shared by look-alike reports of
    many incidents, and a word of two names ("Benue State", "Islamic State") names neither."""
    names = lambda c: arguments({}, c["text"] or "", True)  # noqa: E731
    return _share(names(a), names(b))


def _anchors(
    scored: list[tuple[str, str, float, str, str]], first: set[tuple[str, str]] = frozenset()
) -> dict[str, str]:
    """Claim -> its partner in an anchor pair, from the nearest edges (a, its nearest b, their
    similarity, a's text, b's text): taken from the most similar down, an edge whose two claims are
    both still unpaired pairs them. Two claims that are each other's nearest are always paired; so is
    a denial whose nearest assertion is nearer another copy of the denial (one claim carried by
    several reports: a mutual nearest pair is rare among many copies of one claim). Ties go by the
    texts, never by ids (ids hash the documents' paths). The edges of ``first`` are taken before all others."""
    partner: dict[str, str] = {}
    order = lambda e: ((e[0], e[1]) not in first, -e[2], min(e[3], e[4]), max(e[3], e[4]))  # noqa: E731
    for a, b, _, _, _ in sorted(scored, key=order):
        if a != b and a not in partner and b not in partner:
            partner[a], partner[b] = b, a
    return partner


def _groups(
    partner: dict[str, str],
    edges: list[tuple[str, str]],
    links: list[tuple[str, str]],
    vectors: dict[str, np.ndarray],
    threshold: float,
    stance: dict[str, str],
    together: Callable[[str, str], bool],
) -> dict[str, set[str]]:
    """Disputes from nearest edges: the anchor pairs (``partner``: ``_anchors``) anchor one each; a
    claim whose nearest is an anchor's claim joins it when it also says what the anchor's other claim
    says (their similarity reaches ``threshold``: several denials of one assertion) and can be one
    dispute's with it (``together``: one incident, no other count). A claim whose
    nearest is itself only someone's nearest joins nothing: chains of nearest neighbours drift from
    one story to the next inside a broad proposition, and one denial in a proposition is every
    loosely related assertion's nearest. ``links``: (stored dispute key, claim): a stored dispute's
    claims stay together, and a new claim whose nearest is one of them joins it on the same terms: it
    says what one of the dispute's claims of its own stance says. (Joining on nearness alone made the
    step's result depend on whether it had run before: a claim the first run left out joined the
    stored dispute when the same documents were linked again.)"""
    nearest = dict(edges)
    dispute_of = {c: key for key, c in links}
    members: dict[str, list[str]] = defaultdict(list)
    for key, c in links:
        members[key].append(c)
    kept = list(partner.items())
    for a, b in nearest.items():
        if partner.get(a) == b:
            continue
        if b in partner and _agree(vectors, a, partner[b], threshold) and together(a, partner[b]):
            kept.append((a, b))
        elif b in dispute_of and any(
            m != a and stance.get(m) == stance.get(a) and _agree(vectors, a, m, threshold) and together(a, m)
            for m in members[dispute_of[b]]
        ):
            kept.append((a, b))
    return _components(kept + links)


def _agree(vectors: dict[str, np.ndarray], a: str, b: str, threshold: float) -> bool:
    return a in vectors and b in vectors and float(vectors[a] @ vectors[b]) >= threshold


def _closest_pairs(
    store,
    groups: list[list[dict]],
    kept: dict[str, np.ndarray],
    config: DisputeConfig,
    weights: PropositionConfig,
    known: ClaimVectors,
) -> list[tuple[float, dict]]:
    """Per dispute, the combined similarity of its closest affirmation and denial from two voices
    (how surely both sides speak of the same thing), and that affirmation: what the dispute is about."""
    missing = [c for g in groups for c in g if c["claim_id"] not in kept]
    if missing:
        kept = {**kept, **dict(zip([c["claim_id"] for c in missing], _claim_vectors(store, missing, weights, known)))}
    out = []
    for g in groups:
        aff = [c for c in g if c["stance"] == "affirms"]
        den = [c for c in g if c["stance"] == "denies"]
        sims = np.array([[kept[a["claim_id"]] @ kept[d["claim_id"]] for d in den] for a in aff])
        # ``_two_voices`` of each pair, each claim's voice worked out once (a stored dispute holds dozens)
        voice = {c["claim_id"]: _Voice.of(c, config) for c in g}
        other = np.array(
            [[voice[a["claim_id"]].two_with(voice[d["claim_id"]]) or _answers(d, a, config) for d in den] for a in aff]
        )
        scores = np.where(other, sims, 0.0)
        a = int(scores.max(axis=1).argmax())
        out.append((max(float(scores[a].max()), 0.0), aff[a]))
    return out


def _claim_vectors(
    store, rows: list[dict], weights: PropositionConfig, known: ClaimVectors, needed: set[str] | None = None
) -> np.ndarray:
    """The propositions' claim vectors of ``rows``: those the propositions step kept (``known``), the
    others (claims placed by an earlier link, when this step runs on its own) made as it makes them,
    from the claim's text and every actor inside it. With ``needed``, a row neither kept nor needed is
    left zero (no product it takes part in is read)."""
    ids = [c["claim_id"] for c in rows]
    missing = [i for i in ids if not known.known(i) and (needed is None or i in needed)]
    if not missing and len(ids) == sum(known.known(i) for i in ids):
        return known.of(ids)
    made = _made_vectors(store, missing, weights) if missing else None
    have = [i for i, cid in enumerate(ids) if known.known(cid)]
    held = known.of([ids[i] for i in have]) if have else None
    if made is not None and len(missing) == len(rows):
        return made
    width = (made if made is not None else held if held is not None else np.zeros((0, 1))).shape[1]
    out = np.zeros((len(rows), width), dtype=np.float32)
    if held is not None:
        out[have] = held
    if made is not None:
        at = set(missing)
        out[[i for i, cid in enumerate(ids) if cid in at]] = made
    return out


def _made_vectors(store, claim_ids: list[str], weights: PropositionConfig) -> np.ndarray:
    """``vectors_of_claims`` of stored claims, made as the propositions step makes them."""
    modes = store.propositions.modes()
    cache = StoreEmbeddingCache(Embedder(next(iter(modes)) if len(modes) == 1 else "fast"), store)
    read = {c["claim_id"]: c for c in store.propositions.claim_texts(claim_ids)}
    rows = [{"text": read[i]["text"], "actors": read[i]["actors"]} for i in claim_ids]
    return vectors_of_claims(rows, cache, weights)


def _voices_matrix(
    fresh: list[str], ids: list[str], source: dict[str, str], speakers: _Speakers, config: DisputeConfig
) -> np.ndarray:
    """(new claims x candidates): whether the two are two voices: other sources whose speakers are not
    one, or two named speakers of one report (both the run's claims, whose speakers are read). Two
    outlets quoting one speaker are one voice, and that pair is left out here, before a claim's nearest
    is chosen: left out only after (``_same_voice`` on the edges), it cost the claim its match with
    another voice whenever the same speaker's other report was nearer (an official's denial quoted by
    two outlets, each the other's nearest). Built from each claim's ``_Voice`` by array comparisons:
    the decision of ``_two_voices`` for each pair, without working out both claims' voices per pair."""
    run_claims = speakers.run_claims
    src = np.array([source[i] for i in ids], dtype=object)
    at = [ids.index(i) for i in fresh]
    other_source = src[at][:, None] != src[None, :]
    same = speakers.same_voice(fresh, ids, config)
    voices = other_source & ~same
    # a pair from one source: two voices only when both are the run's claims (not one claim twice) and
    # ``_two_voices`` of their rows holds: other sources as the rows give them, or two named speakers
    # who are not one (``same``: the rows' ``_same_voice``, the run's claims being read as they are)
    in_run = np.array([i in run_claims for i in ids], dtype=bool)
    voice = dict(zip(ids, speakers.voices(ids, config)))  # a run claim's voice is that of its row as read
    run_src = np.array([voice[i].source if i in run_claims else None for i in ids], dtype=object)
    named = np.array([i in run_claims and voice[i].named for i in ids], dtype=bool)
    id_array = np.array(ids, dtype=object)
    both = in_run[at][:, None] & in_run[None, :] & (id_array[at][:, None] != id_array[None, :])
    two = (run_src[at][:, None] != run_src[None, :]) | (named[at][:, None] & named[None, :] & ~same)
    return np.where(other_source, voices, both & two)


def _match_scores(
    fresh: list[str],
    ids: list[str],
    claims: dict[str, dict],
    voices: np.ndarray,
    sims: np.ndarray,
    threshold: float,
) -> np.ndarray:
    """(new claims x candidates) similarities where the pair could dispute (opposite stances, two
    voices: ``_voices_matrix``; raised to the threshold where the propositions step put them on
    opposite sides of its label), -1 elsewhere."""
    denies = np.array([claims[i]["stance"] == "denies" for i in ids])
    side = np.array([{"for": 1, "against": -1}.get(claims[i]["side"], 0) for i in ids])
    at = [ids.index(i) for i in fresh]
    possible = (denies[at][:, None] != denies[None, :]) & voices
    opposed = side[at][:, None] * side[None, :] == -1
    scores = np.where(opposed, np.maximum(sims, threshold), sims)
    return np.where(possible, scores, -1.0)


def _components(edges: list[tuple[str, str]]) -> dict[str, set[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        out[find(a)].update((a, b))
    return out


def _gives_its_count(a: dict, b: dict, config: DisputeConfig) -> bool:
    """Whether the denial of an affirmation and a denial read from a negation alone gives the very count
    the affirmation gives ("four civilians were killed" / "said the strike killed four civilians and that
    no commander was present"): it says what the affirmation says, and its negation is of something else
    (a denial cue, "denied that four civilians were killed", still denies it)."""
    denial = a if a.get("stance") == "denies" else b
    other = b if denial is a else a
    if not _negation_only(denial, config) or other.get("stance") != "affirms":
        return False
    counts = {
        (q.get("value"), q.get("value_max"), (q.get("unit") or "").lower()) for q in denial.get("quantities") or ()
    }
    return any(
        (q.get("value"), q.get("value_max"), (q.get("unit") or "").lower()) in counts
        for q in other.get("quantities") or ()
    )


def _negation_only(c: dict, config: DisputeConfig) -> bool:
    """A denial read from a negation alone ("has not been charged"), without a denial cue."""
    return c["stance"] == "denies" and c["status"] not in config.deny_statuses


def _value(c: dict, pid: str, label: str, weights: PropositionConfig, config: DisputeConfig) -> Value:
    firmness = claim_weight(c, weights) * (config.negation_weight if _negation_only(c, config) else 1.0)
    return claim_value(
        c, pid, label, "proposition", source_key(c), c["stance"], c["stance"], firmness, role=c["stance"]
    )


def claim_value(
    c: dict, block: str, label: str, measure: str, source: str, value: str, key: str, firmness: float, **more
) -> Value:
    """A claim row as one value of a dispute: its source, speaker, sentence and status beside ``value``."""
    return Value(
        block=block,
        label=label,
        measure=measure,
        group=None,
        doc_id=c["doc_id"],
        source=source,
        value=value,
        key=key,
        speaker=shown_speaker(c["speaker_text"], c.get("speaker_name")) or c.get("author") or source,
        speaker_actor=c["speaker_actor"],
        cue=c["cue"],
        sentence_start=c["start"],
        sentence_end=c["end"],
        text=" ".join((c["text"] or "").split()),
        date=c["doc_date"],
        status=c["status"],
        polarity=c["polarity"],
        firmness=firmness,
        claim_id=c["claim_id"],
        **more,
    )


def score(values: Sequence[Value], similarity: float, one_outlet_weight: float = 1.0) -> dict[str, Any]:
    """The dispute row's summary: both sides' sources and weights; the score is the geometric mean
    of the two weights times ``similarity`` (its closest affirmation and denial: a dispute whose
    sides surely speak of the same thing ranks above one whose sides may not), times
    ``one_outlet_weight`` where one outlet alone gives both sides (``one_outlet``)."""
    best: dict[str, dict[str, float]] = {"affirms": {}, "denies": {}}
    for v in values:
        best[v.role][v.source] = max(best[v.role].get(v.source, 0.0), v.firmness)
    w_aff, w_deny = sum(best["affirms"].values()), sum(best["denies"].values())
    mean = math.sqrt(w_aff * w_deny)
    alone = one_outlet(set(best["affirms"]), set(best["denies"]))
    independence = one_outlet_weight if alone else 1.0
    value = mean * similarity * independence
    n_aff, n_deny = len(best["affirms"]), len(best["denies"])
    shown = f" x {independence:.2f} (one outlet gives both sides)" if alone else ""
    return {
        "low": None,
        "high": None,
        "divergence": round(similarity, 6) if value else 0.0,
        "firmness": round((w_aff + w_deny) / max(n_aff + n_deny, 1), 6),
        "score": round(value, 6),
        "conflict": bool(value),
        "updates": 0,
        "sources": len({v.source for v in values}),
        "why": f"{n_aff} source{'s affirm' if n_aff != 1 else ' affirms'} (weight {w_aff:.2f}), "
        f"{n_deny} {'deny' if n_deny != 1 else 'denies'} "
        f"(weight {w_deny:.2f}); closest affirmation and denial: similarity {similarity:.2f}; "
        f"score = sqrt({w_aff:.2f} x {w_deny:.2f}) x {similarity:.2f}{shown} = {value:.2f}",
    }


def one_outlet(side_a: set[str], side_b: set[str]) -> bool:
    """Whether one outlet alone gives two disagreeing sides (a report quoting a claim and its rejection),
    ``side_a`` and ``side_b`` being their outlets."""
    return len(side_a | side_b) == 1
