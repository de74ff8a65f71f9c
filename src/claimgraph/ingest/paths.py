"""From paths on the command line to Documents: directory walking, dispatch by extension, stdin."""

from __future__ import annotations

import os
import stat
import sys
from typing import IO, Iterable, Iterator

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.encoding import decode
from claimgraph.ingest.exports import EXPORT_READERS, sniff_export
from claimgraph.ingest.html import declared_charset, html_document, looks_like_html, read_html_bytes
from claimgraph.ingest.jsonfile import (is_json_document, is_jsonl, json_records, jsonl_records,
                                        read_json_bytes, read_jsonl_bytes)
from claimgraph.ingest.options import ReaderOptions, format_size, over_limit_reason
from claimgraph.ingest.text import read_text_bytes, text_document
from claimgraph.ingest.warc import read_warc
from claimgraph.model import Document, Source

STDIN = "-"

# Longest suffix first, so ".warc.gz" wins over ".gz".
SUFFIX_FORMATS = {
    ".warc.gz": "warc", ".warc": "warc",
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".js": "twitter",
}


def file_format(path: str) -> str | None:
    """The reader a file's name asks for (txt, md, html, json, jsonl, warc, feed, twitter), or None."""
    name = os.path.basename(path).lower()
    for suffix, fmt in SUFFIX_FORMATS.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return fmt
    return None


def _suffix(path: str) -> str:
    ext = os.path.splitext(os.path.basename(path))[1]
    return ext.lower() if ext else "(no extension)"


def read_paths(paths: Iterable[str], options: ReaderOptions = ReaderOptions()) -> Iterator[Document | InputError]:
    """Every document in ``paths``, in order; never raises for a bad input.

    A directory is walked recursively in sorted name order, skipping hidden entries and not
    following symlinked directories; there, a file with an unsupported extension is reported as
    "unsupported file type .xyz". A file named explicitly is read by its extension, or as text
    when the extension is unknown and the bytes decode as text. ``-`` reads standard input.
    """
    for path in map(os.fspath, paths):
        if path == STDIN:
            yield from read_stdin(options)
        else:
            yield from read_path(path, options)


def read_path(path: str, options: ReaderOptions = ReaderOptions()) -> Iterator[Document | InputError]:
    try:
        info = os.stat(path)
    except OSError as exc:
        yield InputError(path, _os_reason(exc))
        return
    if stat.S_ISDIR(info.st_mode):
        for entry in walk_directory(path):
            if isinstance(entry, InputError):
                yield entry
            elif (fmt := file_format(entry)) is None:
                yield InputError(entry, f"unsupported file type {_suffix(entry)}")
            else:
                yield from read_file(entry, fmt, options)
    elif stat.S_ISREG(info.st_mode):
        yield from read_file(path, file_format(path), options)
    else:
        yield InputError(path, "not a regular file or directory")


def walk_directory(root: str) -> Iterator[str | InputError]:
    """Files under ``root`` in sorted order (names compared as strings), hidden ones skipped."""
    try:
        with os.scandir(root) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(root, _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk_directory(entry.path)
        elif entry.is_file():
            yield entry.path


def read_file(path: str, fmt: str | None, options: ReaderOptions = ReaderOptions()) -> Iterator[Document | InputError]:
    """One file with a known reader ``fmt``; ``None`` means "try it as text"."""
    try:
        size = os.stat(path).st_size
        if size == 0:
            raise InputRejected("empty file")
        if fmt == "warc":  # streamed: the size cap applies per record
            yield from read_warc(path, options)
            return
        if size > options.max_bytes:
            raise InputRejected(over_limit_reason(size, options.max_bytes))
        with open(path, "rb") as fh:
            data = fh.read()
        yield from read_format_bytes(data, path, fmt, options)
    except InputRejected as exc:
        yield InputError(path, exc.reason)
    except OSError as exc:
        yield InputError(path, _os_reason(exc))


def read_format_bytes(data: bytes, path: str, fmt: str | None, options: ReaderOptions) -> Iterator[Document | InputError]:
    """The documents in the bytes of one non-WARC file read with reader ``fmt`` (None: try as text).
    Raises InputRejected for the file as a whole; JSON/JSONL yield an InputError per bad record."""
    if fmt in (None, "json"):
        fmt = sniff_export(data) or fmt  # a feed or a social export under a generic name
    if fmt in EXPORT_READERS:
        yield from EXPORT_READERS[fmt](data, path, options)
    elif fmt in ("txt", "md"):
        yield read_text_bytes(data, path, fmt)
    elif fmt == "html":
        yield read_html_bytes(data, path)
    elif fmt == "json":
        yield from read_json_bytes(data, path, options)
    elif fmt == "jsonl":
        yield from read_jsonl_bytes(data, path, options)
    else:
        yield _read_unknown(data, path)


def _read_unknown(data: bytes, path: str) -> Document:
    try:
        text = decode(data, path)
    except InputRejected as exc:
        raise InputRejected(f"unsupported file type {_suffix(path)}: {exc.reason}") from None
    return text_document(text, Source(path, "txt"))


def read_stdin(options: ReaderOptions = ReaderOptions(), stream: IO | None = None) -> Iterator[Document | InputError]:
    """Standard input, sniffed: JSON Lines if every non-blank line is a JSON object (JSON if it is
    one object or a list of objects), HTML if it looks like HTML, else plain text.
    Documents have path "-" and the sniffed format."""
    stream = stream if stream is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    try:
        # One byte over the limit is enough to know the input is too large.
        data = buffer.read(options.max_bytes + 1) if buffer is not None else stream.read().encode("utf-8")
    except (OSError, ValueError) as exc:  # closed or unreadable stdin
        yield InputError(STDIN, f"cannot read standard input: {exc}")
        return
    if len(data) > options.max_bytes:
        yield InputError(STDIN, f"input is over the {format_size(options.max_bytes)} limit (--max-size)")
        return
    yield from read_bytes(data, STDIN, options)


def read_bytes(data: bytes, path: str = STDIN,
               options: ReaderOptions = ReaderOptions()) -> Iterator[Document | InputError]:
    """Bytes of unknown kind (stdin, an upload): sniffed as a feed or social export, JSON Lines, JSON,
    HTML or text."""
    try:
        if (fmt := sniff_export(data)) is not None:
            yield from EXPORT_READERS[fmt](data, path, options)
            return
        text = decode(data, path, declared=declared_charset(data))
        # JSON first: records often hold HTML, but a page is never all JSON objects.
        if is_jsonl(text):
            yield from jsonl_records(text, path, options)
        elif is_json_document(text):
            yield from json_records(text, path, options)
        elif looks_like_html(text):
            yield html_document(text, Source(path, "html"))
        else:
            yield text_document(text, Source(path, "txt"))
    except InputRejected as exc:
        yield InputError(path, "empty input" if exc.reason == "empty file" and path == STDIN else exc.reason)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()
