"""The data model every stage shares, and its JSON schema.

A document flows through the pipeline as one `Document` object:

    ingest  -> Document(raw_text, meta, source)            readers in claimgraph.ingest
    clean   -> + clean_text, removals, offsets              claimgraph.clean
    language-> + language, paragraphs                       claimgraph.language
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
from dataclasses import dataclass, field
from typing import Any, Iterable

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
    def from_list(cls, rows: Iterable[Iterable[int]]) -> "OffsetMap":
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
    content_hash: str | None = None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "exact" | "near"
    duplicate_similarity: float | None = None

    def replace(self, **changes: Any) -> "Document":
        return dataclasses.replace(self, **changes)

    def raw_span(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        return self.offsets.to_raw(clean_start, clean_end)

    def to_dict(self) -> dict[str, Any]:
        """The document's JSON form (see ``DOCUMENT_SCHEMA``)."""
        return {
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
        }


def document_id(source: Source, raw_text: str) -> str:
    """Stable id: the same text from the same place always gets the same id (re-ingest is a no-op)."""
    h = hashlib.sha256()
    h.update(source.locator.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(raw_text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def new_document(source: Source, raw_text: str, meta: Metadata | None = None, removals: Iterable[Removal] = ()) -> Document:
    return Document(id=document_id(source, raw_text), source=source, raw_text=raw_text,
                    meta=meta or Metadata(), removals=tuple(removals))


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
                "properties": {"start": {"type": "integer"}, "end": {"type": "integer"},
                               "language": _NULLABLE_STR, "language_score": _NULLABLE_NUM},
            },
        },
        "content_hash": _NULLABLE_STR,
        "duplicate_of": _NULLABLE_STR,
        "duplicate_kind": {"enum": ["exact", "near", None]},
        "duplicate_similarity": _NULLABLE_NUM,
    },
}
