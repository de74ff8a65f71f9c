"""Plain text and Markdown."""

from __future__ import annotations

import re

from claimgraph.errors import InputRejected
from claimgraph.ingest.encoding import decode, undecodable_removals
from claimgraph.model import Document, Metadata, Source, new_document

# An ATX heading ("# Title", "## Title #"): the only Markdown we read a title from.
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")


def markdown_title(text: str) -> str | None:
    """The first non-empty line's text when that line is a Markdown heading, else None."""
    for line in text.split("\n"):
        if line.strip():
            match = _MD_HEADING.match(line)
            return match.group(1).strip() if match else None
    return None


def text_document(text: str, source: Source, meta: Metadata | None = None) -> Document:
    """A document whose raw text is ``text`` as given (already decoded and newline-normalised);
    bytes ``decode`` replaced are recorded as removals."""
    if not text.strip():
        raise InputRejected("no text content")
    return new_document(source, str(text), meta or Metadata(), undecodable_removals(text, text))


def read_text_bytes(data: bytes, path: str, fmt: str) -> Document:
    """A .txt or .md file's bytes; ``fmt`` is "txt" or "md" (only Markdown gets a title)."""
    text = decode(data, path)
    title = markdown_title(text) if fmt == "md" else None
    return text_document(text, Source(path, fmt), Metadata(title=title))
