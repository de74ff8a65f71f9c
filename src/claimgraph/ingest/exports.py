"""Feeds and social exports: which reader a file's bytes ask for, by suffix or by sniffing.

``read_format_bytes`` (paths.py) hands a file to one of ``EXPORT_READERS`` when its suffix says so
(.rss, .atom and .xml are feeds; .js is an X archive's tweets.js) or when ``sniff_export`` finds one
in a .json file, a file of unknown type or standard input: an XML root of <rss>, <rdf:RDF> or
<feed>; the ``window.YTD.`` wrapper of an X archive; a Telegram Desktop chat export; an
ActivityStreams ordered collection (a Mastodon outbox).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from claimgraph.errors import InputError
from claimgraph.ingest.feeds import is_feed, read_feed_bytes
from claimgraph.ingest.mastodon import is_mastodon_outbox, read_mastodon_bytes
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.telegram import is_telegram_export, read_telegram_bytes
from claimgraph.ingest.twitter import is_twitter_archive, read_twitter_bytes
from claimgraph.model import Document

Reader = Callable[[bytes, str, ReaderOptions], Iterator[Document | InputError]]

EXPORT_READERS: dict[str, Reader] = {
    "feed": read_feed_bytes,
    "telegram": read_telegram_bytes,
    "twitter": read_twitter_bytes,
    "mastodon": read_mastodon_bytes,
}
_SNIFF_BYTES = 65536


def sniff_export(data: bytes) -> str | None:
    """The export format ("feed", "telegram", "twitter", "mastodon") the bytes are in, or None."""
    if is_feed(data):
        return "feed"
    head = data[:_SNIFF_BYTES].decode("utf-8", "replace").lstrip("\ufeff")
    if is_twitter_archive(head):
        return "twitter"
    if is_telegram_export(head):
        return "telegram"
    if is_mastodon_outbox(head):
        return "mastodon"
    return None
