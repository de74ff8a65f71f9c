"""URLs as inputs, and feed items' linked pages (``--fetch-articles``), through ``fetch.Fetcher``.

A URL is read by what comes back: a feed (RSS or Atom, by its root element) gives one document per
item as a feed file does (``source.path`` is the URL); an HTML page gives one document, its URL
the page's (a page read again with other text is a new version of it, docs/versions.md); anything
else is offered to the readers that recognise bytes (JSON, social exports, text). ``expect="feed"``
refuses a response that is not a feed (``watch``'s ``kind: feed``).

``with_articles`` replaces each feed item by its linked page, read as a page and cleaned like one
(the page's boilerplate as ``html-boilerplate`` removals), with the item's metadata (title, date,
author, site, link) and ``feed_items`` annotation, and the item's identity (its guid or link with
the page's text). An item whose page cannot be fetched or read keeps the feed's text, with one line
saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.encoding import decode, looks_binary
from claimgraph.ingest.feeds import FORMAT as FEED_FORMAT
from claimgraph.ingest.feeds import is_feed, read_feed_bytes
from claimgraph.ingest.fetch import Fetcher, FetchFailed, Response, is_url
from claimgraph.ingest.html import declared_charset, html_document, looks_like_html
from claimgraph.ingest.options import ReaderOptions
from claimgraph.model import FEED_ITEMS_KIND, Document, Metadata, Source, document_id

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_url(
    url: str, fetcher: Fetcher, options: ReaderOptions, expect: str | None = None
) -> Iterator[Document | InputError]:
    """The documents at ``url``; a failure is one InputError naming the URL."""
    try:
        response = fetcher.get(url)
    except FetchFailed as exc:
        yield InputError(url, exc.reason)
        return
    yield from read_response(url, response, options, expect)


def read_response(
    url: str, response: Response, options: ReaderOptions, expect: str | None = None
) -> Iterator[Document | InputError]:
    """The documents in a response to a GET of ``url`` (see the module's docstring)."""
    from claimgraph.ingest.paths import read_bytes  # paths imports this module

    data = response.body
    try:
        if not data.strip():
            raise InputRejected("empty response")
        if is_feed(data):
            yield from read_feed_bytes(data, url, options)
        elif expect == FEED_FORMAT:
            raise InputRejected(f"not an RSS or Atom feed: the response is {_kind_of(response)}")
        elif _is_html(response):
            yield page_document(response, Source(url, "html"), Metadata(url=response.url))
        else:
            yield from read_bytes(data, url, options)
    except InputRejected as exc:
        yield InputError(url, exc.reason)


def page_document(response: Response, source: Source, meta: Metadata) -> Document:
    """An HTML response as a page document (its charset: the page's <meta>, else the header's)."""
    if looks_binary(response.body):
        raise InputRejected(f"binary response ({response.content_type or 'no content type'}), not a page")
    text = decode(response.body, source.path, declared=declared_charset(response.body) or response.charset)
    return html_document(text, source, meta)


def with_articles(
    items: Iterable[Document | InputError],
    fetcher: Fetcher,
    stored_version: Callable[[Source], str | None] = lambda source: None,
) -> Iterator[Document | InputError]:
    """``items`` with each feed item replaced by its linked page (module docstring). An item whose
    place (feed and guid) the store holds a document from, ``stored_version(source)``, is not
    fetched again on every re-run or poll: it passes on unfetched with that document's id, so the
    run skips it as stored (the feed's own text must not replace the stored page)."""
    for item in items:
        if not _has_article(item):
            yield item
            continue
        if (stored := stored_version(item.source)) is not None:
            yield item.replace(id=stored)
            continue
        try:
            yield article_document(item, fetcher)
        except (FetchFailed, InputRejected) as exc:
            reason = f"article {item.meta.url}: {exc.reason}; kept the feed's text"
            yield InputError(item.source.path, reason, item.source.record)
            yield item


def article_document(item: Document, fetcher: Fetcher) -> Document:
    response = fetcher.get(item.meta.url)
    if not _is_html(response):
        raise InputRejected(f"not an HTML page ({_kind_of(response)})")
    page = page_document(response, item.source, item.meta)
    feed_item = item.annotations[FEED_ITEMS_KIND][0]
    address = feed_item.guid or item.meta.url  # the feed reader's address for the item
    return page.replace(id=document_id(Source(address, FEED_FORMAT), page.raw_text), annotations=dict(item.annotations))


def _has_article(item: Document | InputError) -> bool:
    return (
        isinstance(item, Document)
        and item.source.format == FEED_FORMAT
        and bool(item.meta.url and is_url(item.meta.url))
        and bool(item.annotations.get(FEED_ITEMS_KIND))
    )


def _is_html(response: Response) -> bool:
    kind = response.content_type.split(";")[0].strip().lower()
    if kind in _HTML_TYPES:
        return True
    return kind in ("", "text/plain", "application/octet-stream") and looks_like_html(
        response.body[:65536].decode("utf-8", "replace")
    )


def _kind_of(response: Response) -> str:
    if _is_html(response):
        return "an HTML page"
    kind = response.content_type.split(";")[0].strip()
    return f"of type {kind}" if kind else "of no declared type"
