"""Settings every reader takes."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class ReaderOptions:
    """How to read inputs.

    ``max_bytes`` caps one file (checked with stat before reading) or, for a WARC, which is
    streamed, one record's payload. The ``*_field`` names say where a JSON/JSONL record keeps
    its text and metadata. Only the text falls back: when ``text_field`` is absent from a record,
    the first of ``text_fallback_fields`` that is present is used; metadata fields never fall back.
    ``max_records`` caps the items read from one feed or social export (a runaway or hostile file
    cannot flood the store; what is past it is reported in one line).
    """

    max_bytes: int = 50 * MIB
    max_records: int = 100_000
    text_field: str = "text"
    title_field: str = "title"
    url_field: str = "url"
    date_field: str = "date"
    author_field: str = "author"
    site_field: str = "site"
    text_fallback_fields: tuple[str, ...] = ("body", "content", "articleBody", "full_text")


def format_size(n: int) -> str:
    """'73.4 MB', '50 MB', '0.5 MB', '2.0 KB', '500 bytes': sizes in the unit --max-size takes
    where that reads well; whole numbers of a unit print without decimals."""
    for unit, size, smallest in (("MB", MIB, MIB // 10), ("KB", 1024, 1024)):
        if n >= smallest:
            return f"{n // size} {unit}" if n % size == 0 else f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def over_limit_reason(size: int, limit: int) -> str:
    return f"file is {format_size(size)}, over the {format_size(limit)} limit (--max-size)"
