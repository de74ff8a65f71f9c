"""The working state of one document while rules run: removed raw spans and the lines they cut.

Rules never edit text. They add raw spans to a `RemovalSet` (which keeps spans disjoint) and mark
lines as joined; the clean text is built once at the end from what is left (see `build`).
"""

from __future__ import annotations

import bisect
import unicodedata

from claimgraph.model import Metadata, Removal


class RemovalSet:
    """Disjoint raw spans, each with the rule that removed it, kept sorted by start."""

    __slots__ = ("starts", "ends", "rules")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.rules: list[str] = []

    def add(self, start: int, end: int, rule: str) -> None:
        """Remove [start, end); parts already removed keep their earlier rule (spans never overlap)."""
        if end <= start:
            return
        for gap_start, gap_end in self.kept(start, end):
            i = bisect.bisect_left(self.starts, gap_start)
            self.starts.insert(i, gap_start)
            self.ends.insert(i, gap_end)
            self.rules.insert(i, rule)

    def kept(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of [start, end) that no removal covers, in order."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            i = 0
        pieces = []
        pos = start
        starts, ends = self.starts, self.ends
        n = len(starts)
        while i < n and starts[i] < end:
            if ends[i] > pos:
                if starts[i] > pos:
                    pieces.append((pos, starts[i]))
                pos = ends[i]
            i += 1
        if pos < end:
            pieces.append((pos, end))
        return pieces

    def removals(self, raw_text: str) -> list[Removal]:
        return [Removal(s, e, r, raw_text[s:e]) for s, e, r in zip(self.starts, self.ends, self.rules)]


def normalise_line(text: str) -> str:
    """A line as the clean text will show it: NFC, whitespace runs as one space, trimmed."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


class Line:
    """One raw line (without its newline) and, cached, what the removals left of it."""

    __slots__ = ("index", "start", "end", "pieces", "text", "key", "join_next", "joined")

    def __init__(self, index: int, start: int, end: int):
        self.index = index
        self.start = start
        self.end = end
        self.pieces: list[tuple[int, int]] | None = None  # kept raw spans, None = recompute
        self.text = ""  # kept text (raw characters, not normalised)
        self.key = ""  # normalise_line(text): what line rules match and the clean text shows
        self.join_next: int | None = None  # index of the line this one's sentence continues on
        self.joined = False  # continues the sentence of an earlier line


class DocumentState:
    """Raw text, its lines and the removals made so far."""

    def __init__(self, raw_text: str, removals: RemovalSet, meta: Metadata | None = None):
        self.raw = raw_text
        self.meta = meta or Metadata()  # what the reader found (the page's <title>, a record's fields)
        self.removals = removals
        self.lines: list[Line] = []
        pos = 0
        for i, part in enumerate(raw_text.split("\n")):
            self.lines.append(Line(i, pos, pos + len(part)))
            pos += len(part) + 1
        self._line_starts = [line.start for line in self.lines]
        self._kept_text: str | None = None  # cache of kept_text(), reset by removals
        self.title_lines: list[Line] = []  # the headline (one line, or a re-joined sentence)
        self.meta_updates: dict[str, str] = {}
        # per rule pattern: line texts (or keys) it was tried on without a match. Rules run again
        # until nothing changes, and most lines are then as they were: a regex need not see them twice.
        self.misses: dict[object, set[str]] = {}
        for line in self.lines:
            self._refresh(line)

    def changes(self) -> tuple[int, int]:
        """A fingerprint that grows with every removal or join (to tell when rules settled)."""
        return len(self.removals.starts), sum(line.joined for line in self.lines)

    # -- reading lines ------------------------------------------------------------------------
    def _refresh(self, line: Line) -> None:
        if self.removals.starts:
            pieces = self.removals.kept(line.start, line.end)
        else:
            pieces = [(line.start, line.end)] if line.end > line.start else []
        line.pieces = pieces
        raw = self.raw
        line.text = raw[pieces[0][0] : pieces[0][1]] if len(pieces) == 1 else "".join(raw[s:e] for s, e in pieces)
        line.key = normalise_line(line.text)

    def kept_text(self) -> str:
        """What the removals left of every line, joined by "\n" (for one regex search over all lines)."""
        if self._kept_text is None:
            self._kept_text = "\n".join(line.text for line in self.lines)
        return self._kept_text

    def content_lines(self) -> list[Line]:
        """Lines with something left to show, in order."""
        return [line for line in self.lines if line.key]

    def raw_offset(self, line: Line, offset: int) -> int:
        """Raw offset of kept-text offset ``offset`` in ``line`` (offset < len(line.text))."""
        for s, e in line.pieces or ():
            if offset < e - s:
                return s + offset
            offset -= e - s
        raise IndexError(offset)

    def content_extent(self, line: Line) -> tuple[int, int]:
        """Raw span from the line's first to its last kept non-space character."""
        text = line.text
        first = len(text) - len(text.lstrip())
        last = len(text.rstrip()) - 1
        return self.raw_offset(line, first), self.raw_offset(line, last) + 1

    # -- removing ---------------------------------------------------------------------------
    def remove(self, start: int, end: int, rule: str) -> None:
        """Remove a raw span and refresh the lines it touches."""
        self.remove_many([(start, end)], rule)

    def remove_many(self, spans: list[tuple[int, int]], rule: str) -> None:
        """Remove raw spans (in order), refreshing each touched line once, however many cuts it gets."""
        spans = [(s, e) for s, e in spans if e > s]
        if not spans:
            return
        for start, end in spans:
            self.removals.add(start, end, rule)
        self._kept_text = None
        first = bisect.bisect_right(self._line_starts, spans[0][0]) - 1
        last_end = max(e for _, e in spans)
        for line in self.lines[max(first, 0) :]:
            if line.start > last_end:
                break
            self._refresh(line)

    def remove_kept(self, line: Line, start: int, end: int, rule: str) -> None:
        """Remove kept-text span [start, end) of a line, without its surrounding whitespace."""
        segment = line.text[start:end]
        start += len(segment) - len(segment.lstrip())
        end -= len(segment) - len(segment.rstrip())
        if end > start:
            self.remove(self.raw_offset(line, start), self.raw_offset(line, end - 1) + 1, rule)

    def remove_line(self, line: Line, rule: str) -> None:
        if line.key:
            self.remove(*self.content_extent(line), rule)

    def remove_lines(self, first: Line, last: Line, rule: str) -> None:
        """Remove everything from the first line's content through the last line's content."""
        self.remove(self.content_extent(first)[0], self.content_extent(last)[1], rule)
