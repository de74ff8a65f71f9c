"""A Mastodon outbox (``outbox.json`` of an account archive): one document per post, self-threads joined.

The outbox is an ActivityPub ``OrderedCollection`` whose ``orderedItems`` are activities. A
``Create`` activity carries the post, a ``Note`` (or ``Article``/``Question``) with ``id``,
``published``, ``url``, ``attributedTo``, ``inReplyTo`` and its ``content`` as HTML, read into text
the way the HTML reader renders a page (``html.visible_text``: paragraphs, line breaks, link text).
An ``Announce`` (a boost) names the boosted post by address only, with no text, and makes no
document; nor do other activities. Threads and identity: ``posts`` (a post's address is its object id).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.posts import ExportPost, export_text, html_fragment_text, parse_json, post_documents, scalar_text
from claimgraph.model import Document

FORMAT = "mastodon"
_WHAT = "Mastodon outbox"
_CONTEXT = re.compile(r"https://www\.w3\.org/ns/activitystreams")
_COLLECTION = re.compile(r'"type"\s*:\s*"OrderedCollection(?:Page)?"')
_POST_TYPES = frozenset({"Note", "Article", "Question", "Page"})
_SNIFF_CHARS = 65536


def is_mastodon_outbox(head: str) -> bool:
    """True when the start of a JSON text is an ActivityStreams ordered collection (an outbox)."""
    head = head[:_SNIFF_CHARS]
    return head.lstrip().startswith("{") and bool(_CONTEXT.search(head) and _COLLECTION.search(head))


def read_mastodon_bytes(data: bytes, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    outbox = parse_json(export_text(data, _WHAT), _WHAT)
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    if not isinstance(items, list):
        raise InputRejected("not a Mastodon outbox: no 'orderedItems' list")
    owner = _handle(_actor(items))
    yield from post_documents(_posts(items, path), path, FORMAT, owner, options.max_records)


def _actor(items: list) -> str | None:
    return next((i["actor"] for i in items if isinstance(i, dict) and isinstance(i.get("actor"), str)), None)


def _posts(items: list, path: str) -> Iterator[ExportPost | InputError]:
    for index, activity in enumerate(items):
        if not isinstance(activity, dict):
            yield InputError(path, "activity is not a JSON object", f"orderedItems[{index}]")
            continue
        if activity.get("type") != "Create":
            continue  # boosts (Announce) carry no text; likes, follows and deletes are no posts
        note = activity.get("object")
        if not isinstance(note, dict) or note.get("type") not in _POST_TYPES:
            continue
        post_id = scalar_text(note.get("id"))
        if post_id is None:
            yield InputError(path, "post has no id", f"orderedItems[{index}]")
            continue
        content = note.get("content")
        if content is not None and not isinstance(content, str):
            yield InputError(path, "post content is not a string", post_id)
            continue
        account = scalar_text(note.get("attributedTo")) or scalar_text(activity.get("actor"))
        yield ExportPost(
            post_id=post_id,
            text=html_fragment_text(content or ""),
            address=post_id,
            account=account,
            date=scalar_text(note.get("published")) or scalar_text(activity.get("published")),
            author=_handle(account),
            url=_url(note.get("url")) or post_id,
            reply_to=scalar_text(note.get("inReplyTo")),
        )


def _url(value: Any) -> str | None:
    """``url`` is a string, or a Link object or a list of them in some servers' output."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("href")
    return scalar_text(value)


def _handle(actor: Any) -> str | None:
    """An actor's handle ("https://social.example/users/ana" -> "@ana@social.example")."""
    if not isinstance(actor, str) or not actor.strip():
        return None
    parts = urlsplit(actor.strip())
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return f"@{name.lstrip('@')}@{parts.netloc}" if parts.netloc and name else actor.strip()
