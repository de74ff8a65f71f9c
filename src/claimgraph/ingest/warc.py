"""WARC files (.warc, .warc.gz), read as a stream of records with warcio.

``response`` and ``resource`` records with an HTML content type go through the HTML reader, and
``text/plain`` ones through the text path; every other record (warcinfo, request, metadata,
revisit, images, scripts, redirects and other non-2xx responses) is part of a crawl's normal
make-up and is skipped without a message. record = WARC-Record-ID, url = WARC-Target-URI, and
the WARC-Date is the document's date when the page carries none. ``options.max_bytes`` caps each
record's payload rather than the file, since crawls are streamed and often large.

warcio stops quietly at a cut-off file, so truncation is checked here: a record whose block
ends early, or a gzip stream that ends inside a member, yields "truncated WARC ..." after the
documents read so far.

warcio reads header lines without a bound and inflates whatever the file holds, so a few MB of
gzip could make it buffer gigabytes (one endless header line, or gigabytes of zeros). ``_BoundedReader``
caps what a record's header lines may add up to and what the whole file may inflate to; past either
bound the file ends with one error line, after the documents read so far.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.encoding import decode
from claimgraph.ingest.html import declared_charset, html_document, looks_like_html
from claimgraph.ingest.options import ReaderOptions, format_size
from claimgraph.ingest.text import text_document
from claimgraph.model import Document, Metadata, Source

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_READ_TYPES = frozenset({"response", "resource"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.I)
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20

# A record's WARC and HTTP header lines together: real ones are a few KB (long cookies, CSP and
# link headers reach tens of KB); past this the "headers" are an endless line or garbage.
MAX_RECORD_HEADER_BYTES = 1 << 20
# What a .warc.gz may inflate to: crawled HTML and text compress 3-10x, so 100x its size (and at
# least 256 MB, for small files of very repetitive pages) is far beyond a real crawl and stops a
# bomb (4 MB inflating to 4 GB of zeros) after a few hundred MB of inflating, in bounded memory.
MAX_INFLATE_RATIO = 100
MIN_INFLATE_BYTES = 256 << 20


class WarcBoundExceeded(Exception):
    """The file went past one of the reader's bounds; ``reason`` is the line to report."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader with bounds: header lines (read with ``readline``; payloads are ``read``)
    may add up to ``MAX_RECORD_HEADER_BYTES`` per record (``new_record`` resets the count), and the
    file may inflate to ``max_total`` bytes."""

    def __init__(self, stream, max_total: int):
        super().__init__(stream)
        self.max_total = max_total
        self.header_bytes = 0

    def new_record(self) -> None:
        self.header_bytes = 0

    def readline(self, length=None):
        budget = MAX_RECORD_HEADER_BYTES - self.header_bytes + 1
        line = super().readline(min(length, budget) if length else budget)
        self.header_bytes += len(line)
        if self.header_bytes > MAX_RECORD_HEADER_BYTES:
            raise WarcBoundExceeded(
                f"a record's header lines run past {format_size(MAX_RECORD_HEADER_BYTES)} "
                "(an endless header line, or not a WARC file)"
            )
        return line

    def _process_read(self, data):
        super()._process_read(data)
        if self.num_read > self.max_total:  # num_read: every byte inflated so far, across members
            raise WarcBoundExceeded(
                f"the file inflates to over {format_size(self.max_total)}, the bound for its "
                f"size ({MAX_INFLATE_RATIO}x, at least {format_size(MIN_INFLATE_BYTES)}): "
                "a decompression bomb, not a crawl"
            )


def _bounded_records(fh, size: int) -> tuple[ArchiveIterator, _BoundedReader]:
    """An ArchiveIterator over ``fh`` reading through a ``_BoundedReader`` (set before the first
    record is read: warcio builds its reader in __init__ and only uses it when iterated)."""
    records = ArchiveIterator(fh)
    reader = _BoundedReader(fh, max(MIN_INFLATE_BYTES, MAX_INFLATE_RATIO * size))
    records.reader = reader
    return records, reader


def read_warc(path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    complete = 0  # records read to their end, for the truncation message
    try:
        with open(path, "rb") as fh:
            compressed = fh.read(2) == _GZIP_MAGIC
            fh.seek(0)
            records, reader = _bounded_records(fh, os.fstat(fh.fileno()).st_size)
            for record in records:
                if record.format != "warc":  # warcio reads any other first line as an ARC header
                    yield InputError(path, "not a WARC file (no WARC/1.x record header)")
                    return
                outcome = _read_record(record, path, options)
                if _cut_short(record):
                    rid = record.rec_headers.get_header("WARC-Record-ID") or "?"
                    yield InputError(
                        path, f"truncated WARC: the file ends inside record {rid} (after {complete} complete records)"
                    )
                    return
                complete += 1
                reader.new_record()
                if outcome is not None:
                    yield outcome
    except WarcBoundExceeded as exc:
        yield InputError(path, f"{exc.reason} (after {complete} complete records)")
        return
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
        what = "not a readable WARC file" if complete == 0 else f"truncated or corrupt WARC after {complete} records"
        yield InputError(path, f"{what}: {_one_line(exc)}")
        return
    if complete == 0:
        yield InputError(path, "not a WARC file: no records found")
    elif compressed and not _gzip_stream_complete(path):
        yield InputError(
            path, f"truncated WARC: the gzip stream ends inside a record (after {complete} complete records)"
        )


def _read_record(record, path: str, options: ReaderOptions) -> Document | InputError | None:
    """The record's document, an error for this record only, or None for records we skip."""
    if record.rec_type not in _READ_TYPES:
        return None
    rid = record.rec_headers.get_header("WARC-Record-ID")
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in _HTML_TYPES and mime not in _TEXT_TYPES:
        return None
    try:
        payload = record.content_stream().read(options.max_bytes + 1)
    except (zlib.error, ValueError, OSError) as exc:  # a broken Content-Encoding in this record only
        return InputError(path, f"cannot decode the record's content: {_one_line(exc)}", rid)
    if len(payload) > options.max_bytes:
        return InputError(path, f"record payload is over the {format_size(options.max_bytes)} limit (--max-size)", rid)
    if not payload:
        return InputError(path, "empty record payload", rid)
    source = Source(path, "warc", rid)
    url = record.rec_headers.get_header("WARC-Target-URI")
    warc_date = record.rec_headers.get_header("WARC-Date") or ""
    date = warc_date[:10] if _ISO_DATE.match(warc_date) else None
    match = _CHARSET.search(content_type)
    try:
        if mime in _HTML_TYPES:
            text = decode(payload, source.locator, declared=match.group(1) if match else declared_charset(payload))
            return html_document(text, source, Metadata(url=url), default_date=date)
        text = decode(payload, source.locator, declared=match.group(1) if match else None)
        if not mime and looks_like_html(text):
            return html_document(text, source, Metadata(url=url), default_date=date)
        return text_document(text, source, Metadata(url=url, date=date))
    except InputRejected as exc:
        if not mime and exc.reason.startswith("binary"):
            return None  # no declared type and not text: an image or download, not a page
        return InputError(path, exc.reason, rid)
    except Exception as exc:  # a reader failing on one record: its error line, and the file goes on
        return InputError(path, f"cannot read the record: {type(exc).__name__}: {exc}", rid)


def _cut_short(record) -> bool:
    """Read what is left of the record's block; True if the file ended before its Content-Length."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return getattr(stream, "limit", 0) > 0


def _gzip_stream_complete(path: str) -> bool:
    """True when the file is a sequence of whole gzip members (a WARC.gz has one per record)."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    in_member = False
    with open(path, "rb") as fh:
        try:
            while chunk := fh.read(_CHUNK):
                while chunk:
                    in_member = True
                    decompressor.decompress(chunk, _CHUNK)
                    # Output past max_length is left in unconsumed_tail; keep inflating it.
                    while decompressor.unconsumed_tail and not decompressor.eof:
                        decompressor.decompress(decompressor.unconsumed_tail, _CHUNK)
                    if decompressor.eof:
                        chunk = decompressor.unused_data
                        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                        in_member = False
                    else:
                        chunk = b""
        except zlib.error:  # garbage where a member should be
            return False
    return not in_member


def _one_line(exc: BaseException) -> str:
    # warcio quotes the offending "first line", which for a corrupt file is binary noise.
    text = str(exc).split("first line")[0].rstrip(" ,:")
    text = " ".join(text.split()) or type(exc).__name__
    return text[:160]
