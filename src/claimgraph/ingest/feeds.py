"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser: one document per item.

An item's raw text is its title, a blank line, and its content (or, without content, its summary)
rendered from HTML the way the HTML reader renders a page (``html.visible_text``), so offsets
refer to the text an analyst sees, as for pages. Metadata: the item's title, link (url), date
(ISO, UTC, from the parsed published or updated date), author, and the feed's title as the site;
``annotations["feed_items"]`` keeps the item's guid, its categories and the feed's own link.
``source.record`` is the item's guid (else its link, else its 1-based position). The id hashes the
guid or link instead of the file's path, so the same item read from two saved copies of a feed is
one document (the store keeps it once).

Bad input, one line each: bytes that are not text in the encoding the feed declares (XML's
default: UTF-8) are refused rather than read as mojibake; an HTML page or another XML document is
"not an RSS or Atom feed"; XML that is not well-formed is read by feedparser's lenient parser,
with one line saying where the fault is, since items past it may be missing or merged.
"""

from __future__ import annotations

import calendar
import re
import xml.sax
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.encoding import looks_binary, normalize_newlines
from claimgraph.ingest.html import looks_like_html
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.posts import html_fragment_text, scalar_text
from claimgraph.model import FEED_ITEMS_KIND, Document, FeedItem, Metadata, Source, document_id, new_document

FORMAT = "feed"
_SNIFF_BYTES = 4096
# The first element after the prolog (XML declaration, comments, processing instructions, doctype).
_ROOT = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z_][\w.:-]*)", re.S | re.I)
_FEED_ROOTS = frozenset({"rss", "rdf", "feed"})  # RSS 0.9x/2.0, RSS 1.0 (rdf:RDF), Atom
_EMAIL_AND_NAME = re.compile(r"\A[^\s@()]+@[^\s()]+\s*\((.+)\)\Z")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def root_element(data: bytes) -> str | None:
    """The local name of an XML text's root element ("rss", "RDF", "feed", "html"...), or None."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head_text = head.decode("utf-16", "replace")
    else:
        head_text = head.decode("utf-8", "replace").lstrip("\ufeff")
    match = _ROOT.match(head_text)
    return match.group(1).rsplit(":", 1)[-1] if match else None


def is_feed(data: bytes) -> bool:
    """True when the bytes are XML whose root is an RSS (<rss>, <rdf:RDF>) or Atom (<feed>) element."""
    root = root_element(data)
    return root is not None and root.lower() in _FEED_ROOTS


def read_feed_bytes(data: bytes, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    if looks_binary(data):
        raise InputRejected("binary file, not text")
    if not is_feed(data):
        raise InputRejected(_not_a_feed(data))
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    fault = parsed.get("bozo_exception")
    if isinstance(fault, (feedparser.CharacterEncodingOverride, feedparser.CharacterEncodingUnknown)):
        raise InputRejected(f"not text in the encoding the feed declares ({fault})")
    malformed = None
    if isinstance(fault, xml.sax.SAXParseException):
        where = f"line {fault.getLineNumber()} column {fault.getColumnNumber()}"
        malformed = f"malformed XML ({fault.getMessage()}, {where})"
    if not parsed.entries:
        raise InputRejected(malformed or "feed holds no items")
    if malformed:
        yield InputError(path, f"{malformed}: read leniently, items past the fault may be missing")
    site = scalar_text(parsed.feed.get("title"))
    feed_url = scalar_text(parsed.feed.get("link"))
    for index, entry in enumerate(parsed.entries, start=1):
        if index > options.max_records:
            yield InputError(
                path, f"feed holds more than {options.max_records} items: read the first {options.max_records}"
            )
            return
        try:
            yield item_document(entry, path, index, site, feed_url)
        except InputRejected as exc:
            yield InputError(path, exc.reason, _record(entry, index))


def item_document(entry: Any, path: str, index: int, site: str | None, feed_url: str | None) -> Document:
    title = scalar_text(entry.get("title"))
    body = normalize_newlines(_body_text(entry)).strip()
    # the title heads the text (headlines carry claims), unless the content starts with it already
    raw_text = body if title and body.startswith(title) else "\n\n".join(p for p in (title, body) if p)
    if not raw_text:
        raise InputRejected("item has no title and no text")
    link = scalar_text(entry.get("link"))
    guid = scalar_text(entry.get("id"))
    meta = Metadata(title=title, author=_author(entry), date=_date(entry), site=site, url=link)
    doc = new_document(Source(path, FORMAT, _record(entry, index)), raw_text, meta)
    categories = tuple(t for tag in entry.get("tags") or () if (t := scalar_text(tag.get("term") or tag.get("label"))))
    doc = doc.replace(annotations={FEED_ITEMS_KIND: (FeedItem(guid, categories, feed_url),)})
    address = guid or link
    return doc.replace(id=document_id(Source(address, FORMAT), raw_text)) if address else doc


def _body_text(entry: Any) -> str:
    """The item's content (the longest part, some feeds give a plain and an HTML one), else its summary."""
    parts = [(c.get("value") or "", c.get("type")) for c in entry.get("content") or ()]
    if not any(value.strip() for value, _ in parts):
        detail = entry.get("summary_detail") or {}
        parts = [(entry.get("summary") or "", detail.get("type", "text/html"))]
    value, kind = max(parts, key=lambda p: len(p[0]))
    return html_fragment_text(value) if kind in _HTML_TYPES or looks_like_html(value) else value


def _author(entry: Any) -> str | None:
    """The byline; RSS's "desk@outlet.example (Name)" is the name (feedparser's own split of it
    mangles some addresses)."""
    author = scalar_text(entry.get("author"))
    named = _EMAIL_AND_NAME.match(author) if author else None
    return named.group(1).strip() if named else author


def _date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
        if scalar_text(entry.get(key)):
            return scalar_text(entry.get(key))
    return None


def _record(entry: Any, index: int) -> str:
    return scalar_text(entry.get("id")) or scalar_text(entry.get("link")) or str(index)


def _not_a_feed(data: bytes) -> str:
    head = data[:65536].decode("utf-8", "replace")
    if looks_like_html(head):
        return "not an RSS or Atom feed: the file is an HTML page"
    root = root_element(data)
    return f"not an RSS or Atom feed (root element <{root}>)" if root else "not an RSS or Atom feed: no root element"
