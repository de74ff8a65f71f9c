"""Posts from social exports (Telegram, X, Mastodon) as documents: one per post, self-threads joined.

The export readers turn their records into ``ExportPost`` values; ``post_documents`` makes the
documents. What it decides, for every platform alike:

* **Threads.** A post that replies to an earlier post of the same account in the same export
  continues that post's thread, when that post is the thread's latest (an account unrolling a
  thread answers its own last post); every thread becomes ONE document, its posts in order and
  separated by a blank line. Replies by anyone else, and a second answer to an earlier post,
  stay documents of their own (with ``reply_to`` kept).
* **Where each post sits.** The document's ``annotations["posts"]`` lists a ``Post`` per post:
  its id, date, author, url, reply and forward origin, and the raw span of its text, so an offset
  in a thread maps back to the post it came from (``post_at``). ``source.record`` is
  the first post's id; the metadata is the first post's, with the chat or account as the site.
* **Identity.** The id hashes the post's address on its platform (``telegram:<chat>#<message>``,
  ``x:status/<id>``, a Mastodon object URI) instead of the export file's path, so the same post
  read from two exports of one channel is the same document and the store keeps it once. A
  forwarded post (a Telegram forward, a retweet) is addressed by its origin instead
  (``telegram:forwarded-from:<origin>``, ``x:@<handle>``) with its text, since the exports do
  not give the origin's message id: the same post forwarded by two channels gets one id and is
  stored once. The origin's own copy, read from its own export, has another address; its clean
  text is the same, so dedup marks one the exact duplicate of the other (counted once again).
  A forward's metadata names the origin as author and site: its claims are the origin's, and the
  forwarder is kept in its ``Post``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.encoding import looks_binary, normalize_newlines
from claimgraph.ingest.html import parse_html, visible_text
from claimgraph.model import POSTS_KIND, Document, Metadata, Post, Source, document_id, new_document

POST_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class ExportPost:
    """A post as an export reader found it, before threads are joined."""

    post_id: str
    text: str
    address: str  # the post's identity on its platform (see the module docstring)
    account: str | None = None  # who posted it, as the platform identifies them: threads join on this
    date: str | None = None
    author: str | None = None
    url: str | None = None
    reply_to: str | None = None
    forwarded_from: str | None = None
    views: int | None = None


def post_documents(
    items: Iterable[ExportPost | InputError], path: str, fmt: str, site: str | None, max_records: int
) -> Iterator[Document | InputError]:
    """Documents of the posts of one export (errors about single records passed on first), in
    posting order of each thread's first post. Posts with no text (a photo without a caption) make no
    document; past ``max_records`` posts, the rest are reported in one line and skipped."""
    kept: list[ExportPost] = []
    count = 0
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        count += 1
        if count > max_records:
            yield InputError(path, f"export holds more than {max_records} posts: read the first {max_records}")
            break
        if item.text.strip():
            kept.append(dataclasses.replace(item, text=normalize_newlines(item.text)))
    for thread in join_threads(kept):
        yield thread_document(thread, path, fmt, site)


def join_threads(posts: list[ExportPost]) -> list[list[ExportPost]]:
    """The posts (in posting order) grouped into self-threads (see the module docstring)."""
    by_id = {p.post_id: p for p in posts}
    threads: list[list[ExportPost]] = []
    thread_of: dict[str, list[ExportPost]] = {}
    for post in posts:
        parent = by_id.get(post.reply_to) if post.reply_to else None
        thread = thread_of.get(parent.post_id) if parent is not None else None
        if thread is not None and post.account is not None and parent.account == post.account and thread[-1] is parent:
            thread.append(post)
        else:
            thread = [post]
            threads.append(thread)
        thread_of[post.post_id] = thread
    return threads


def thread_document(thread: list[ExportPost], path: str, fmt: str, site: str | None) -> Document:
    """One document of a thread's posts (a thread of one: a single post)."""
    parts: list[str] = []
    spans: list[Post] = []
    offset = 0
    for post in thread:
        if parts:
            parts.append(POST_SEPARATOR)
            offset += len(POST_SEPARATOR)
        spans.append(
            Post(
                post.post_id,
                offset,
                offset + len(post.text),
                post.date,
                post.author,
                post.url,
                post.reply_to,
                post.forwarded_from,
                post.views,
            )
        )
        parts.append(post.text)
        offset += len(post.text)
    raw_text = "".join(parts)
    first = thread[0]
    # a forward's words are its origin's: claims in it are attributed there, not to the forwarder
    meta = Metadata(
        author=first.forwarded_from or first.author, date=first.date, site=first.forwarded_from or site, url=first.url
    )
    doc = new_document(Source(path, fmt, first.post_id), raw_text, meta)
    return doc.replace(id=document_id(Source(first.address, fmt), raw_text), annotations={POSTS_KIND: tuple(spans)})


def post_at(doc: Document, raw_offset: int) -> Post | None:
    """The post whose text holds ``raw_offset`` (a raw-text offset) in a document read from an export."""
    for post in doc.annotations.get(POSTS_KIND, ()):
        if post.raw_start <= raw_offset < post.raw_end:
            return post
    return None


def export_text(data: bytes, what: str) -> str:
    """An export file's text. Exports are written as UTF-8 (JSON requires it): other bytes are refused
    rather than guessed at, since a wrong guess would store mangled posts without a word."""
    if looks_binary(data):
        raise InputRejected("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputRejected(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}): a {what} is written in UTF-8"
        ) from None


def parse_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputRejected(f"invalid JSON in the {what} ({exc.msg}, line {exc.lineno} column {exc.colno})") from None


def scalar_text(value: Any) -> str | None:
    """A string field trimmed (None when empty), or a number as text (ids are numbers in some exports)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def html_fragment_text(content: str) -> str:
    """An HTML fragment (a post's or a feed item's content) as the text a reader sees, rendered as the
    HTML reader renders a page; a plain-text fragment is its own text."""
    tree = parse_html(content) if content.strip() else None
    return visible_text(tree) if tree is not None else content
