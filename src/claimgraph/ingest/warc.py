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
"""

from __future__ import annotations

import re
import zlib
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
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


def read_warc(path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    complete = 0  # records read to their end, for the truncation message
    try:
        with open(path, "rb") as fh:
            compressed = fh.read(2) == _GZIP_MAGIC
            fh.seek(0)
            for record in ArchiveIterator(fh):
                if record.format != "warc":  # warcio reads any other first line as an ARC header
                    yield InputError(path, "not a WARC file (no WARC/1.x record header)")
                    return
                outcome = _read_record(record, path, options)
                if _cut_short(record):
                    rid = record.rec_headers.get_header("WARC-Record-ID") or "?"
                    yield InputError(path, f"truncated WARC: the file ends inside record {rid} "
                                           f"(after {complete} complete records)")
                    return
                complete += 1
                if outcome is not None:
                    yield outcome
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
        yield InputError(path, "truncated WARC: the gzip stream ends inside a record "
                               f"(after {complete} complete records)")


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
