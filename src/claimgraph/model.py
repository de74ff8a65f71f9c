"""The data model every stage shares, and its JSON schema.

A document flows through the pipeline as one `Document` object:

    ingest  -> Document(raw_text, meta, source)            readers in claimgraph.ingest
    clean   -> + clean_text, removals, offsets              claimgraph.clean
    language-> + language, paragraphs, sentences            claimgraph.language
    dedup   -> + content_hash, duplicate_of                 claimgraph.dedup
    store   -> rows in DuckDB                               claimgraph.store

Stages never mutate their input: they return a new Document (``dataclasses.replace``), so the
same functions serve the CLI, the HTTP API and the Spark job.

Offsets: every span a later stage produces is in *clean-text* characters (Python str indices).
``Document.offsets`` maps any clean span back to the raw text, so the analyst can always see the
exact original characters a claim or entity came from.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document was read from."""

    path: str  # file path, "-" for stdin, or a URI
    format: str  # txt | md | html | json | jsonl | warc | stdin
    record: str | None = None  # jsonl line number, WARC record id, ... when one file holds many

    @property
    def locator(self) -> str:
        return self.path if self.record is None else f"{self.path}#{self.record}"


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 date as found/parsed, e.g. "2023-05-02"
    site: str | None = None  # outlet / site name / thread account
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Removal:
    """A raw span that cleaning took out, and why. ``text`` is ``raw_text[raw_start:raw_end]``."""

    raw_start: int
    raw_end: int
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of clean text and the raw span it came from.

    ``verbatim`` segments are character-for-character copies (clean[i] == raw[raw_start + i - clean_start]).
    Other segments stand in for a raw span: a whitespace run collapsed to one space, an NFC
    composition, or the separator that re-joins a sentence split across thread posts.
    """

    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int
    verbatim: bool


class OffsetMap:
    """Monotone map from clean-text offsets to raw-text offsets, built from segments."""

    __slots__ = ("segments", "_starts")

    def __init__(self, segments: Iterable[Segment] = ()):
        self.segments: list[Segment] = list(segments)
        self._starts = [s.clean_start for s in self.segments]

    def _segment_at(self, clean_offset: int) -> Segment:
        i = bisect.bisect_right(self._starts, clean_offset) - 1
        return self.segments[max(i, 0)]

    def raw_offset(self, clean_offset: int, *, end: bool = False) -> int:
        """Raw offset for a clean offset; ``end=True`` treats it as an exclusive span end."""
        if not self.segments:
            return clean_offset
        if end and clean_offset > 0:
            seg = self._segment_at(clean_offset - 1)
            if seg.verbatim:
                return seg.raw_start + (clean_offset - seg.clean_start)
            return seg.raw_end
        seg = self._segment_at(clean_offset)
        if clean_offset >= seg.clean_end:  # at or past the end of the text
            return seg.raw_end
        if seg.verbatim:
            return seg.raw_start + (clean_offset - seg.clean_start)
        return seg.raw_start

    def to_raw(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """Raw span covering the clean span [clean_start, clean_end)."""
        if clean_end <= clean_start:
            r = self.raw_offset(clean_start)
            return r, r
        return self.raw_offset(clean_start), self.raw_offset(clean_end, end=True)

    def to_list(self) -> list[list[int]]:
        return [[s.clean_start, s.clean_end, s.raw_start, s.raw_end, int(s.verbatim)] for s in self.segments]

    @classmethod
    def from_list(cls, rows: Iterable[Iterable[int]]) -> OffsetMap:
        return cls(Segment(a, b, c, d, bool(v)) for a, b, c, d, v in rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and self.segments == other.segments

    def __repr__(self) -> str:
        return f"OffsetMap({len(self.segments)} segments)"


class TextBuilder:
    """Builds clean text from pieces of raw text while recording the offset map.

    Cleaning code calls ``copy`` for raw text kept as is, ``substitute`` for raw text replaced by
    other text (normalised whitespace, NFC, sentence joins), and never needs to do offset arithmetic.
    Raw spans must be appended in increasing raw order.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    def copy(self, raw_start: int, raw_end: int, text: str) -> None:
        if not text:
            return
        assert len(text) == raw_end - raw_start, "a verbatim copy must have the raw span's length"
        last = self._segments[-1] if self._segments else None
        if last and last.verbatim and last.raw_end == raw_start and last.clean_end == self._length:
            self._segments[-1] = Segment(last.clean_start, last.clean_end + len(text), last.raw_start, raw_end, True)
        else:
            self._segments.append(Segment(self._length, self._length + len(text), raw_start, raw_end, True))
        self._parts.append(text)
        self._length += len(text)

    def substitute(self, raw_start: int, raw_end: int, text: str) -> None:
        if not text:
            return
        self._segments.append(Segment(self._length, self._length + len(text), raw_start, raw_end, False))
        self._parts.append(text)
        self._length += len(text)

    def __len__(self) -> int:
        return self._length

    def endswith(self, suffix: str) -> bool:
        return "".join(self._parts[-3:]).endswith(suffix)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._segments)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of clean text and the language it is written in."""

    start: int
    end: int
    language: str | None
    language_score: float | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention: a span of clean text, its general type, and what it is linked to.

    ``type`` is one of ENTITY_TYPES (re3d's set). A mention may link to an actor of the ontology
    (``actor_id``), to a place of the gazetteer (``place_id`` with coordinates), or to both (a state
    is an actor and a country). ``method`` says how it was found: "ontology", "gazetteer",
    "model" (the statistical tagger), "coref" (a later mention of an earlier one), "role".
    """

    start: int
    end: int
    text: str
    type: str
    actor_id: str | None = None
    actor_name: str | None = None
    actor_type: str | None = None
    place_id: str | None = None
    place_name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # country | admin1 | district | city | approximate
    role: str | None = None  # "Secretary of the Security Council", for a person mention
    role_org: str | None = None  # actor id the role belongs to
    method: str = "model"
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a claim or event: "at least 12 killed", "7,000 fighters", "eight weeks"."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None  # fighters, killed, weeks, month, ...
    qualifier: str = "exact"  # exact | at_least | at_most | about | range
    value_max: float | None = None  # upper bound of a range ("10 to 15")


@dataclass(frozen=True, slots=True)
class Event:
    """One event a sentence reports, typed in the CASE 2021 / ACLED taxonomy (plus statement types).

    Actors and place are ids from the ontology and gazetteer where known; dates are ISO strings
    resolved against the document date, ``date_start == date_end`` for a single day.
    """

    id: str
    type: str  # e.g. SUICIDE_BOMB, AIR_STRIKE, ARREST, ATTRIB, DENY
    event_type: str  # ACLED event type: Battles, Explosions/Remote violence, ...
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    confidence: float
    actor1: str | None = None  # actor id (perpetrator / initiator)
    actor1_text: str | None = None
    actor2: str | None = None  # actor id (target / victim)
    actor2_text: str | None = None
    place_id: str | None = None
    location: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str | None = None  # day | week | month | year | range
    date_text: str | None = None
    fatalities: int | None = None
    fatalities_qualifier: str | None = None  # exact | at_least | at_most | about
    injured: int | None = None
    injured_qualifier: str | None = None
    weapon: str | None = None
    claimed: bool | None = None  # False: "unclaimed"; None: not said
    claims_event: str | None = None  # for a claim of responsibility: the event it claims
    negated: bool = False  # "has refrained from claiming any attacks"
    # "hypothetical": reported as possible, planned, feared or conditional ("who would soon be
    # arrested", "if the group were to attack"), not as having happened; "generic", "cumulative" (a tally
    # over a period), "denied" (an act a claim denies or calls false: claims/denied_events.py); None: a fact.
    # A question's acts are "hypothetical", a norm's, a trend's or a habit's "generic" (events/background.py)
    modality: str | None = None
    # later references to this event in the same document ("UNAMA condemned the attack"), each
    # "start:end" in clean offsets: one event, several mentions
    mentions: tuple[str, ...] = ()
    cluster_id: str | None = None  # cross-document: reports of the same event share it


@dataclass(frozen=True, slots=True)
class RejectedValue:
    """A fact slot's value a rejecting claim gives (link/disputes/rejections.py, read over the parse
    when the claim is made): ``value`` a class of the slot, or "not:" + a class its speaker rejects
    ("denied that X was killed": "not:dead"), classes joined by "+"; said of the name ``holder`` (the
    words any name it may be said of shares: ``holder_words``); ``masked``: the claim's text with the
    slot's value words taken out, as facts disputes compare claims."""

    slot: str
    value: str
    masked: str
    holder: str
    holder_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable assertion: who asserts what, how firmly, on what evidence.

    ``start``/``end`` cover the claim's sentence or clause; ``content_*``, ``speaker_*`` and ``cue_*``
    are sub-spans (clean offsets) where present. Unattributed claims belong to the document's
    author or outlet (``speaker_kind`` "author"); ``parent`` is the id of a claim this one is
    nested in or disputes.
    """

    id: str
    start: int
    end: int
    text: str
    content_start: int
    content_end: int
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_actor: str | None = None  # actor id where linkable
    speaker_kind: str = "author"  # author | source (attributed) | unknown
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    status: str = "asserted"  # asserted | reported | hedged | hypothetical | denied | disputed
    evidence: str = "unsupported"  # cites | unsupported | unverified
    polarity: str = "positive"  # positive | negative
    hedges: tuple[str, ...] = ()
    evidence_cues: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    checkworthiness: float = 0.0
    parent: str | None = None
    disputed_by: str | None = None  # "author" or a speaker/actor that contests it
    # the speaker span's head word ("A fruit trader who travels between ..." → "trader")
    speaker_head: str | None = None
    # who the speaker is, where known: the linked actor's or person's full name ("Imankulov said" →
    # "Marat Imankulov"), or for a pronoun ("he said") the earlier speaker it refers to
    speaker_name: str | None = None
    # what the contested rules read of the claim (claims/accounts.py; None: a claim of an older store,
    # counted as before): whether its content has a predicate, whether its speaker is a generic
    # pronoun ("one"), its sentence (a hash of the words) and its speaker as those rules compare them
    has_predicate: bool | None = None
    generic_speaker: bool | None = None
    sentence_key: str | None = None
    speaker_key: str | None = None
    # a rejecting claim's (a status the disputes read as a denial) slot values, read over the parse in the
    # worker so that linking never loads the parser (link/disputes/rejections.py); None: any other claim,
    # or one of an older store, which linking reads as before
    rejected_values: tuple[RejectedValue, ...] | None = None


# What feeds and social exports know of their items beyond ``Metadata``: annotation kinds
# (``Document.annotations[POSTS_KIND]`` / ``[FEED_ITEMS_KIND]``) the store registers, so that every
# process reading a store reads them back (docs/sources.md).
POSTS_KIND = "posts"
FEED_ITEMS_KIND = "feed_items"
# How a document was processed where the user must know it (``Document.annotations[NOTES_KIND]``):
# an annotation kind, not a Removal (nothing was removed from the text) nor Metadata (it is not about
# the source), so it is stored, exported and shown with the document without a store migration.
NOTES_KIND = "notes"


@dataclass(frozen=True, slots=True)
class Post:
    """One post of a document read from a social export, and the raw span of its text."""

    post_id: str
    raw_start: int
    raw_end: int
    date: str | None = None
    author: str | None = None  # who posted it (for a forward: the forwarder)
    url: str | None = None
    reply_to: str | None = None  # the id of the post it answers
    # the channel or account a forward or retweet comes from (the exports do not give the origin's post id)
    forwarded_from: str | None = None
    views: int | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """Something about how a document was processed, for the user: e.g. that the extraction stages
    searched only the first ``searched`` of its ``chars`` characters (``pipeline``'s budget)."""

    kind: str  # "truncated" (stages saw the first part of the text) | "skipped" (stages did not run)
    text: str  # one line, as `claimgraph run` and `show` print it after "note: FILE: "
    stages: tuple[str, ...]  # the components concerned
    searched: int  # characters of clean_text those stages saw (0 where skipped)
    chars: int  # characters of clean_text


# The numbers a document gives about events and measured things (``Document.annotations[FIGURES_KIND]``),
# one per number phrase: the disputes stage compares them across sources (claimgraph.figures).
FIGURES_KIND = "figures"


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a document gives about an event or a measured thing, as an interval, with who gives it.

    ``low``/``high``: the values the phrase allows ("at least 60" → [60, None): ``high`` None is
    unbounded; "more than 20" → [21, None); "about 40" → [36, 44]; "nearly 50" → [45, 49], i.e.
    below 50; "up to 30" → [0, 30]; "10 to 15" → [10, 15]). Vague amounts ("scores of", "dozens of",
    "several") give no Figure. A tally ("three guards, two soldiers and a driver") gives one Figure
    per group and one for the whole (``group`` None). ``measure``: killed | injured | abducted |
    arrested | displaced | casualties | strength (members or fighters of ``subject``) | another unit
    word ("camps", "cells"). ``group``: the victims' group, normalised (civilians | security_forces |
    police | soldiers | militants | an actor id | a nationality adjective, lower-case), None for a
    total. ``event_id``: the event mention a toll belongs to (None for other quantities, whose
    ``subject`` says what is measured: an actor id, else its text). Speaker fields come from the
    claim the number is part of (``claim_id``) or an "according to X" / "X said" in its sentence;
    all None where the document's author gives it. ``date``: ISO date the figure refers to (its
    event's start date, else the document's date)."""

    id: str  # f"{doc_id}:f{n}"
    start: int  # the number phrase, clean-text offsets
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    measure: str
    group: str | None
    group_text: str | None
    low: float | None
    high: float | None
    qualifier: str  # exact | at_least | at_most | about | range | approx
    event_id: str | None = None
    subject: str | None = None
    speaker_text: str | None = None
    speaker_actor: str | None = None
    cue: str | None = None
    claim_id: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class FeedItem:
    """What a feed says about one item beyond the document's metadata."""

    guid: str | None
    categories: tuple[str, ...]
    feed_url: str | None  # the feed's own link (its site's home page, usually)


ENTITY_TYPES = (
    "Organisation",
    "Person",
    "Location",
    "Nationality",
    "Temporal",
    "Quantity",
    "Weapon",
    "MilitaryPlatform",
    "Money",
    "DocumentReference",
)
CLAIM_STATUSES = ("asserted", "reported", "hedged", "hypothetical", "denied", "disputed")
EVIDENCE_GRADES = ("cites", "unsupported", "unverified")


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    source: Source
    raw_text: str
    meta: Metadata = field(default_factory=Metadata)
    clean_text: str = ""
    removals: tuple[Removal, ...] = ()
    offsets: OffsetMap = field(default_factory=OffsetMap)
    language: str | None = None
    language_score: float | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    # (start, end) of each sentence of clean_text, split once by the language step (in the document's
    # language) for every later stage; None until then. Derived from clean_text and language, so it is
    # neither stored nor in to_dict(), and two documents differing only here are equal.
    sentences: tuple[tuple[int, int], ...] | None = field(default=None, compare=False, repr=False)
    content_hash: str | None = None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "exact" | "near"
    duplicate_similarity: float | None = None
    entities: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    # kinds a plugin adds (``claimgraph.store.annotations.register_annotation_kind``): kind name ->
    # tuple of flat dataclass instances, stored in a table of the kind's own
    annotations: dict[str, tuple] = field(default_factory=dict)

    def replace(self, **changes: Any) -> Document:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The document's JSON form (see ``DOCUMENT_SCHEMA``); ``annotations`` only when it holds
        any (kinds without items left out), so documents without plugin kinds keep the shape the schema
        describes."""
        out = {
            "id": self.id,
            "source": {"path": self.source.path, "format": self.source.format, "record": self.source.record},
            "meta": dataclasses.asdict(self.meta),
            "language": self.language,
            "language_score": self.language_score,
            "chars": len(self.clean_text),
            "raw_text": self.raw_text,
            "clean_text": self.clean_text,
            "removals": [dataclasses.asdict(r) for r in self.removals],
            "offsets": self.offsets.to_list(),
            "paragraphs": [dataclasses.asdict(p) for p in self.paragraphs],
            "content_hash": self.content_hash,
            "duplicate_of": self.duplicate_of,
            "duplicate_kind": self.duplicate_kind,
            "duplicate_similarity": self.duplicate_similarity,
            "entities": [self._with_raw(m, ("start", "end")) for m in self.entities],
            "events": [
                self._with_raw(e, ("sentence_start", "sentence_end"), ("trigger_start", "trigger_end"))
                for e in self.events
            ],
            "claims": [
                self._with_raw(
                    c,
                    ("start", "end"),
                    ("content_start", "content_end"),
                    ("speaker_start", "speaker_end"),
                    ("cue_start", "cue_end"),
                )
                for c in self.claims
            ],
        }
        extra = {
            kind: [dataclasses.asdict(item) for item in items] for kind, items in self.annotations.items() if items
        }
        if extra:
            out["annotations"] = extra
        return out

    def _with_raw(self, item: Any, *spans: tuple[str, str]) -> dict[str, Any]:
        """An item's JSON form with a raw_* twin for each clean span, so it can be shown in the original."""
        out = dataclasses.asdict(item)
        for start_key, end_key in spans:
            start, end = out.get(start_key), out.get(end_key)
            if start is None or end is None:
                out["raw_" + start_key], out["raw_" + end_key] = None, None
            else:
                out["raw_" + start_key], out["raw_" + end_key] = self.offsets.to_raw(start, end)
        return out


def document_id(source: Source, raw_text: str) -> str:
    """Stable id: the same text from the same place always gets the same id (re-ingest is a no-op)."""
    h = hashlib.sha256()
    h.update(source.locator.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(raw_text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def new_document(
    source: Source, raw_text: str, meta: Metadata | None = None, removals: Iterable[Removal] = ()
) -> Document:
    return Document(
        id=document_id(source, raw_text),
        source=source,
        raw_text=raw_text,
        meta=meta or Metadata(),
        removals=tuple(removals),
    )


def _type_schema(hint: Any) -> dict[str, Any]:
    """JSON Schema of one dataclass field type (the types this module uses)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _type_schema(args[0])
        if "type" in inner and isinstance(inner["type"], str):
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(hint)[0])}
    if dataclasses.is_dataclass(hint):
        return _dataclass_schema(hint)
    return {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[hint]}


def _dataclass_schema(cls: type, spans: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """Schema of a dataclass's JSON form; each clean span also gets its raw_* twin (see _with_raw)."""
    hints = typing.get_type_hints(cls)
    props = {f.name: _type_schema(hints[f.name]) for f in dataclasses.fields(cls)}
    for start_key, end_key in spans:
        props["raw_" + start_key] = props["raw_" + end_key] = {"type": ["integer", "null"]}
    required = [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    return {
        "type": "object",
        "required": required,
        "properties": props,
        "description": (cls.__doc__ or "").strip().split("\n\n")[0],
    }


_NULLABLE_STR = {"type": ["string", "null"]}
_NULLABLE_NUM = {"type": ["number", "null"]}

DOCUMENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://claimgraph.dev/schema/document.json",
    "title": "claimgraph document",
    "description": "One cleaned document. All span offsets are clean-text character offsets unless named raw_*.",
    "type": "object",
    "required": ["id", "source", "meta", "clean_text", "raw_text", "removals", "offsets"],
    "properties": {
        "id": {"type": "string", "description": "16 hex chars of sha256(source locator, raw text)"},
        "source": {
            "type": "object",
            "required": ["path", "format"],
            "properties": {"path": {"type": "string"}, "format": {"type": "string"}, "record": _NULLABLE_STR},
        },
        "meta": {
            "type": "object",
            "properties": {k: _NULLABLE_STR for k in ("title", "author", "date", "site", "url")},
        },
        "language": _NULLABLE_STR,
        "language_score": _NULLABLE_NUM,
        "chars": {"type": "integer"},
        "raw_text": {"type": "string"},
        "clean_text": {"type": "string"},
        "removals": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["raw_start", "raw_end", "rule", "text"],
                "properties": {
                    "raw_start": {"type": "integer"},
                    "raw_end": {"type": "integer"},
                    "rule": {"type": "string"},
                    "text": {"type": "string"},
                },
            },
        },
        "offsets": {
            "type": "array",
            "description": "[clean_start, clean_end, raw_start, raw_end, verbatim(0|1)] segments",
            "items": {"type": "array", "items": {"type": "integer"}, "minItems": 5, "maxItems": 5},
        },
        "paragraphs": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "start": {"type": "integer"},
                    "end": {"type": "integer"},
                    "language": _NULLABLE_STR,
                    "language_score": _NULLABLE_NUM,
                },
            },
        },
        "content_hash": _NULLABLE_STR,
        "duplicate_of": _NULLABLE_STR,
        "duplicate_kind": {"enum": ["exact", "near", None]},
        "duplicate_similarity": _NULLABLE_NUM,
        "entities": {"type": "array", "items": _dataclass_schema(Mention, (("start", "end"),))},
        "events": {
            "type": "array",
            "items": _dataclass_schema(Event, (("sentence_start", "sentence_end"), ("trigger_start", "trigger_end"))),
        },
        "claims": {
            "type": "array",
            "items": _dataclass_schema(
                Claim,
                (
                    ("start", "end"),
                    ("content_start", "content_end"),
                    ("speaker_start", "speaker_end"),
                    ("cue_start", "cue_end"),
                ),
            ),
        },
    },
}
