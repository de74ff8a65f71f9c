"""The per-document processing budget: characters through the expensive stages, and time.

Entity, event and claim extraction cost more than linear time in a document's length (windows and
look-ups that scan the rest of the text per sentence or per mention), so a 5 MB one-line text took
minutes. A component marked ``budgeted`` (``components.ComponentSpec``) therefore sees only the first
``extract.max_chars`` characters of a longer document's clean text, cut at the last sentence or
paragraph end before the limit; what it finds is put back on the whole document, whose offsets into
the clean text stay valid, as the part is a prefix. The document keeps its whole clean text, raw text
and removals, and gets a ``model.Note`` saying what was searched. ``extract.max_seconds`` is a
backstop: once a document has taken that long, the budgeted components not yet run are skipped,
with a note.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass

from claimgraph.model import NOTES_KIND, Document, Note


@dataclass(frozen=True)
class Budget:
    max_chars: int = 0  # 0: no limit
    max_seconds: float = 0  # 0: no limit

    @classmethod
    def of(cls, settings) -> Budget:
        return cls(settings.extract.max_chars, settings.extract.max_seconds)

    def cut(self, doc: Document) -> int | None:
        """Where the budgeted components' part of ``doc`` ends, or None when they see all of it."""
        if not self.max_chars or len(doc.clean_text) <= self.max_chars:
            return None
        return boundary(doc, self.max_chars)

    def out_of_time(self, started: float) -> bool:
        return bool(self.max_seconds) and time.monotonic() - started >= self.max_seconds


def boundary(doc: Document, limit: int) -> int:
    """The last sentence or paragraph end at or before ``limit``; where that would drop more than
    half the budget (one sentence as long as the text), the last space before it, else ``limit``."""
    ends = [end for _, end in doc.sentences or ()] + [p.end for p in doc.paragraphs]
    best = max((end for end in ends if end <= limit), default=0)
    if best > limit // 2:
        return best
    space = max(doc.clean_text.rfind(" ", 0, limit + 1), doc.clean_text.rfind("\n", 0, limit + 1))
    return space if space > limit // 2 else limit


def head(doc: Document, cut: int) -> Document:
    """``doc`` as far as ``cut``: its clean text, paragraphs and sentences there (a span across the cut
    ends at it); the rest (raw text, offsets, removals, what earlier components found) as it is."""
    paragraphs = tuple(dataclasses.replace(p, end=min(p.end, cut)) for p in doc.paragraphs if p.start < cut)
    sentences = None if doc.sentences is None else tuple((s, min(e, cut)) for s, e in doc.sentences if s < cut)
    return doc.replace(clean_text=doc.clean_text[:cut], paragraphs=paragraphs, sentences=sentences)


def put_back(doc: Document, part: Document, assigns: Sequence[str]) -> Document:
    """``doc`` with what a component assigned on ``part`` (fields, and ``annotations.KIND`` kinds)."""
    fields = {name: getattr(part, name) for name in assigns if not name.startswith("annotations.")}
    kinds = [name.split(".", 1)[1] for name in assigns if name.startswith("annotations.")]
    if kinds:
        fields["annotations"] = {**doc.annotations, **{kind: part.annotations.get(kind, ()) for kind in kinds}}
    return doc.replace(**fields)


def noted(doc: Document, ran: Sequence[str], cut: int | None, skipped: Sequence[str], seconds: float) -> Document:
    """``doc`` with a note for each budget it ran into (none when it fitted both): the budgeted
    components that ``ran`` on its first ``cut`` characters, those ``skipped`` after ``seconds``."""
    chars = len(doc.clean_text)
    notes = []
    if ran and cut is not None:
        text = f"only the first {cut:,} of {chars:,} characters were searched for {_names(ran)} (--max-chars)"
        notes.append(Note("truncated", text, tuple(ran), cut, chars))
    if skipped:
        text = f"{_names(skipped)} skipped: the document took more than {seconds:g} s (--max-seconds)"
        notes.append(Note("skipped", text, tuple(skipped), 0, chars))
    if not notes:
        return doc
    return doc.replace(annotations={**doc.annotations, NOTES_KIND: (*doc.annotations.get(NOTES_KIND, ()), *notes)})


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
