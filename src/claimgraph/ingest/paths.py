"""From paths on the command line to Documents: directory walking, dispatch by extension, stdin."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from claimgraph import plugins  # the module, not its names: plugins imports ingest.readers, which imports this package
from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.encoding import decode
from claimgraph.ingest.fetch import Fetcher, is_url
from claimgraph.ingest.html import declared_charset
from claimgraph.ingest.options import ReaderOptions, format_size, over_limit_reason
from claimgraph.ingest.text import text_document
from claimgraph.model import Document, Source

STDIN = "-"
DEFAULT_READER = ReaderOptions()  # frozen: one shared default is safe


def file_format(path: str) -> str | None:
    """The registered reader a file's name asks for (txt, md, html, json, jsonl, warc, feed, twitter, or a
    plugin's), or None."""
    name = os.path.basename(path).lower()
    for suffix, reader in plugins.registry().readers_by_suffix:  # longest suffix first: ".warc.gz" before ".gz"
        if name.endswith(suffix) and len(name) > len(suffix):
            return reader.format
    return None


def _suffix(path: str) -> str:
    ext = os.path.splitext(os.path.basename(path))[1]
    return ext.lower() if ext else "(no extension)"


def read_paths(
    paths: Iterable[str], options: ReaderOptions = DEFAULT_READER, fetcher: Fetcher | None = None
) -> Iterator[Document | InputError]:
    """Every document in ``paths``, in order; never raises for a bad input.

    A directory is walked recursively in sorted name order, skipping hidden entries and not
    following symlinked directories; there, a file with an unsupported extension is reported as
    "unsupported file type .xyz". A file named explicitly is read by its extension, or as text
    when the extension is unknown and the bytes decode as text. ``-`` reads standard input; an
    http(s) URL is fetched with ``fetcher`` (by default one with the default FetchOptions) and read
    by what it holds (``ingest.web``: a feed, a page, ...).
    """
    from claimgraph.ingest.web import read_url  # web imports this module

    own = None
    try:
        for path in map(os.fspath, paths):
            if path == STDIN:
                yield from read_stdin(options)
            elif is_url(path):
                if fetcher is None:
                    fetcher = own = Fetcher()
                yield from read_url(path, fetcher, options)
            else:
                yield from read_path(path, options)
    finally:
        if own is not None:
            own.close()


def read_path(path: str, options: ReaderOptions = DEFAULT_READER) -> Iterator[Document | InputError]:
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
    """Files under ``root`` in sorted order (names compared as strings), hidden ones skipped.

    Never raises: a directory that cannot be listed and an entry that cannot be looked at (a
    symlink loop, no permission) are each one InputError, and the walk goes on. Walked with a
    stack of listings, not recursion, so directories nested thousands deep cannot overflow it."""
    listings = [_sorted_listing(root)]  # the open directories, innermost last
    while listings:
        entry = next(listings[-1], None)
        if entry is None:
            listings.pop()
        elif isinstance(entry, InputError):
            yield entry
        elif not entry.name.startswith("."):
            try:
                if entry.is_dir(follow_symlinks=False):
                    listings.append(_sorted_listing(entry.path))
                elif entry.is_file():
                    yield entry.path
            except OSError as exc:  # e.g. a symlink pointing at itself (ELOOP)
                yield InputError(entry.path, _os_reason(exc))


def _sorted_listing(directory: str) -> Iterator[os.DirEntry | InputError]:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(directory, _os_reason(exc))
        return
    yield from entries


def read_file(path: str, fmt: str | None, options: ReaderOptions = DEFAULT_READER) -> Iterator[Document | InputError]:
    """One file with a known reader ``fmt``; ``None`` means "try it as text"."""
    try:
        size = os.stat(path).st_size
        if size == 0:
            raise InputRejected("empty file")
        reader = plugins.registry().readers.get(fmt)
        if reader is not None and reader.read_file is not None:  # streamed (WARC): the size cap applies per record
            yield from reader.read_file(path, options)
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
    except Exception as exc:  # a reader failing on one file: that file's error line, and the run goes on
        yield InputError(path, f"cannot read: {type(exc).__name__}: {exc}")


def read_format_bytes(
    data: bytes, path: str, fmt: str | None, options: ReaderOptions
) -> Iterator[Document | InputError]:
    """The documents in the bytes of one non-WARC file read with reader ``fmt`` (None: try as text).
    Raises InputRejected for the file as a whole; JSON/JSONL yield an InputError per bad record."""
    registry = plugins.registry()
    reader = registry.claimed_by_content(data, fmt) or registry.readers.get(fmt)
    if reader is not None and reader.read_bytes is not None:
        yield from reader.read_bytes(data, path, options)
    else:
        yield _read_unknown(data, path)


def _read_unknown(data: bytes, path: str) -> Document:
    try:
        text = decode(data, path)
    except InputRejected as exc:
        raise InputRejected(f"unsupported file type {_suffix(path)}: {exc.reason}") from None
    return text_document(text, Source(path, "txt"))


def read_stdin(options: ReaderOptions = DEFAULT_READER, stream: IO | None = None) -> Iterator[Document | InputError]:
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


def read_bytes(
    data: bytes, path: str = STDIN, options: ReaderOptions = DEFAULT_READER
) -> Iterator[Document | InputError]:
    """Bytes of unknown kind (stdin, an upload): offered to the readers that recognise their bytes
    (feeds, social exports), then sniffed as text by each registered reader in turn (JSON Lines,
    JSON, HTML, then plugins' readers), else text."""
    try:
        claimed = plugins.registry().claimed_by_content(data, None)
        if claimed is not None:
            yield from claimed.read_bytes(data, path, options)
            return
        text = decode(data, path, declared=declared_charset(data))
        reader = next((r for r in plugins.registry().sniffers if r.sniff(text)), None)
        if reader is not None:
            yield from reader.read_text(text, path, options)
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
