"""Readers as registered data: which file suffixes each reads, and how it reads bytes or sniffed text.

``ingest.paths`` dispatches through the readers registered with the ``claimgraph_readers`` hook
(``claimgraph.plugins``): the built-in ones below, then any plugin's. A file is read by the reader
whose suffix its name ends with (longest suffix first); bytes of unknown kind (stdin, uploads) are
decoded and offered to each reader with a ``sniff`` in order, plain text being the fallback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimgraph.errors import InputError
from claimgraph.ingest.feeds import is_feed, read_feed_bytes
from claimgraph.ingest.html import html_document, looks_like_html, read_html_bytes
from claimgraph.ingest.jsonfile import (
    is_json_document,
    is_jsonl,
    json_records,
    jsonl_records,
    read_json_bytes,
    read_jsonl_bytes,
)
from claimgraph.ingest.mastodon import is_mastodon_outbox, read_mastodon_bytes
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.telegram import is_telegram_export, read_telegram_bytes
from claimgraph.ingest.text import read_text_bytes
from claimgraph.ingest.twitter import is_twitter_archive, read_twitter_bytes
from claimgraph.ingest.warc import read_warc
from claimgraph.model import Document, Source

Items = Iterable[Document | InputError]
SNIFF_BYTES = 65536  # how much of a file the byte sniffers look at


@dataclass(frozen=True)
class ReaderSpec:
    """One reader. ``format`` names it (``Source.format`` of what it reads); ``suffixes`` are
    lower-case file name endings (".warc.gz"). ``read_bytes(data, path, options)`` reads a whole
    file; ``read_file(path, options)``, when set, reads the file itself instead (a WARC is streamed).
    ``sniff(text)`` says whether decoded text of unknown kind is this format, and ``read_text(text,
    path, options)`` then reads it. ``sniff_bytes(data)`` recognises the format from a file's bytes:
    such a reader claims files of unknown kind and files of the formats in ``within`` (a Telegram
    export is a ``.json`` file the plain JSON reader would misread). Each raises ``InputRejected``
    for a file it refuses whole."""

    format: str
    suffixes: tuple[str, ...] = ()
    read_bytes: Callable[[bytes, str, ReaderOptions], Items] | None = None
    read_file: Callable[[str, ReaderOptions], Items] | None = None
    sniff: Callable[[str], bool] | None = None
    read_text: Callable[[str, str, ReaderOptions], Items] | None = None
    sniff_bytes: Callable[[bytes], bool] | None = None
    within: tuple[str, ...] = ()


def _head(data: bytes) -> str:
    """The start of a file as text, enough for the export sniffers to see its shape."""
    return data[:SNIFF_BYTES].decode("utf-8", "replace").lstrip("\ufeff")


def _text_reader(fmt: str) -> Callable[[bytes, str, ReaderOptions], Items]:
    return lambda data, path, options: [read_text_bytes(data, path, fmt)]


# In sniffing order: JSON first (records often hold HTML, but a page is never all JSON objects).
BUILTIN_READERS = (
    ReaderSpec("warc", (".warc.gz", ".warc"), read_file=read_warc),
    ReaderSpec("jsonl", (".jsonl", ".ndjson"), read_jsonl_bytes, sniff=is_jsonl, read_text=jsonl_records),
    ReaderSpec("json", (".json",), read_json_bytes, sniff=is_json_document, read_text=json_records),
    ReaderSpec(
        "html",
        (".html", ".htm", ".xhtml"),
        lambda data, path, options: [read_html_bytes(data, path)],
        sniff=looks_like_html,
        read_text=lambda text, path, options: [html_document(text, Source(path, "html"))],
    ),
    ReaderSpec("txt", (".txt", ".text"), _text_reader("txt")),
    ReaderSpec("md", (".md", ".markdown"), _text_reader("md")),
    # feeds and social exports (docs/sources.md): by suffix, or by their bytes under a generic name
    ReaderSpec("feed", (".rss", ".atom", ".xml"), read_feed_bytes, sniff_bytes=is_feed, within=("json",)),
    ReaderSpec(
        "twitter",
        (".js",),
        read_twitter_bytes,
        sniff_bytes=lambda data: is_twitter_archive(_head(data)),
        within=("json",),
    ),
    ReaderSpec(
        "telegram", (), read_telegram_bytes, sniff_bytes=lambda data: is_telegram_export(_head(data)), within=("json",)
    ),
    ReaderSpec(
        "mastodon", (), read_mastodon_bytes, sniff_bytes=lambda data: is_mastodon_outbox(_head(data)), within=("json",)
    ),
)
