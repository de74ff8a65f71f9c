"""What feeds and social exports know about their items beyond ``Metadata``, kept as annotation kinds.

A post of a Telegram, X or Mastodon export (``annotations["posts"]``, one ``Post`` per post of a
thread document, with the raw span of its text) and a feed item (``annotations["feed_items"]``: its
guid, categories and the feed's link). They are registered here, outside the readers, and imported
by ``claimgraph.store`` so that every command reading a store (``show --json``, the workbench) reads
them back, not only the processes that ran a reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.model import Document
from claimgraph.store.annotations import register_annotation_kind

POSTS_KIND = "posts"
FEED_ITEMS_KIND = "feed_items"


@dataclass(frozen=True, slots=True)
class Post:
    """One post of a document read from a social export, and the raw span of its text."""

    post_id: str
    raw_start: int
    raw_end: int
    date: str | None = None
    author: str | None = None  # who posted it (for a forward: the forwarder)
    url: str | None = None
    reply_to: str | None = None  # the id of the post it answers
    # the channel or account a forward or retweet comes from (the exports do not give the origin's post id)
    forwarded_from: str | None = None
    views: int | None = None


@dataclass(frozen=True, slots=True)
class FeedItem:
    """What a feed says about one item beyond the document's metadata."""

    guid: str | None
    categories: tuple[str, ...]
    feed_url: str | None  # the feed's own link (its site's home page, usually)


register_annotation_kind(POSTS_KIND, Post)
register_annotation_kind(FEED_ITEMS_KIND, FeedItem)


def post_at(doc: Document, raw_offset: int) -> Post | None:
    """The post whose text holds ``raw_offset`` (a raw-text offset) in a document read from an export."""
    for post in doc.annotations.get(POSTS_KIND, ()):
        if post.raw_start <= raw_offset < post.raw_end:
            return post
    return None
