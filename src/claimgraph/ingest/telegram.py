"""Telegram Desktop's JSON export (``result.json``): one document per message, self-threads joined.

An export of one chat is an object with the chat's ``name``, ``type``, ``id`` and its ``messages``;
an export of the whole account holds such chats under ``chats.list``. A message has an ``id``, a
``date`` (ISO, local time), ``from``/``from_id``, optionally ``author`` (a channel post's signature),
``forwarded_from`` (the origin's name), ``reply_to_message_id`` and ``views``; its ``text`` is a
string or a list of strings and entity objects (bold, links, mentions ...), flattened here to the
text a reader sees, with a link whose text is not its address followed by the address in
parentheses so that no link is lost. Service messages (pins, joins) and messages
without text (a photo without a caption) make no document. Threads and identity: ``posts``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.posts import ExportPost, export_text, parse_json, post_documents, scalar_text
from claimgraph.model import Document

FORMAT = "telegram"
_WHAT = "Telegram export"
# Chats whose messages have a t.me/c/<chat>/<message> link (members can open it).
_LINKED_TYPES = frozenset({"public_channel", "private_channel", "public_supergroup", "private_supergroup"})
_CHAT_TYPES = _LINKED_TYPES | {"personal_chat", "private_group", "bot_chat", "saved_messages"}
_SNIFF = re.compile(r'"type"\s*:\s*"(?:{})"'.format("|".join(sorted(_CHAT_TYPES))))
_MESSAGES = re.compile(r'"messages"\s*:\s*\[|"chats"\s*:\s*\{')
_ACCOUNT = re.compile(r'\A\s*\{\s*"about"\s*:\s*"[^"]*"\s*,\s*"personal_information"\s*:\s*\{')
_SNIFF_CHARS = 65536


def is_telegram_export(head: str) -> bool:
    """True when the start of a JSON text looks like a Telegram Desktop export: a chat's type and its
    messages, or the whole account's export (which starts with the account's personal information)."""
    head = head[:_SNIFF_CHARS]
    if not head.lstrip().startswith("{"):
        return False
    return bool(_ACCOUNT.search(head) or (_SNIFF.search(head) and _MESSAGES.search(head)))


def read_telegram_bytes(data: bytes, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    export = parse_json(export_text(data, _WHAT), _WHAT)
    for chat in _chats(export):
        yield from post_documents(_posts(chat, path), path, FORMAT, scalar_text(chat.get("name")), options.max_records)


def _chats(export: Any) -> list[dict]:
    if not isinstance(export, dict):
        raise InputRejected("not a Telegram export: the JSON is not an object")
    if isinstance(export.get("messages"), list):
        return [export]
    listed = export.get("chats", {}).get("list") if isinstance(export.get("chats"), dict) else None
    if isinstance(listed, list):
        return [c for c in listed if isinstance(c, dict) and isinstance(c.get("messages"), list)]
    raise InputRejected("not a Telegram export: no 'messages' list and no 'chats.list'")


def _posts(chat: dict, path: str) -> Iterator[ExportPost | InputError]:
    chat_id = scalar_text(chat.get("id")) or scalar_text(chat.get("name")) or "?"
    url_base = f"https://t.me/c/{chat_id}/" if chat.get("type") in _LINKED_TYPES and chat.get("id") else None
    for index, message in enumerate(chat["messages"]):
        if not isinstance(message, dict):
            yield InputError(path, "message is not a JSON object", f"messages[{index}]")
            continue
        if message.get("type", "message") != "message":
            continue  # service messages: pins, joins, calls
        msg_id = scalar_text(message.get("id"))
        if msg_id is None:
            yield InputError(path, "message has no id", f"messages[{index}]")
            continue
        try:
            text = flatten_text(message.get("text", ""))
        except InputRejected as exc:
            yield InputError(path, exc.reason, msg_id)
            continue
        origin = scalar_text(message.get("forwarded_from"))  # null when the origin hides itself
        yield ExportPost(
            post_id=msg_id,
            text=text,
            address=f"telegram:forwarded-from:{origin}" if origin else f"telegram:{chat_id}#{msg_id}",
            account=scalar_text(message.get("from_id")) or scalar_text(message.get("from")),
            date=scalar_text(message.get("date")),
            author=scalar_text(message.get("author")) or scalar_text(message.get("from")),
            url=url_base + msg_id if url_base else None,
            reply_to=scalar_text(message.get("reply_to_message_id")),
            forwarded_from=origin,
            views=message.get("views") if isinstance(message.get("views"), int) else None,
        )


def flatten_text(value: Any) -> str:
    """A message's ``text``: a string, or a list of strings and entity objects, as plain text."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise InputRejected("message text is neither a string nor a list of parts")
    parts = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            href = part.get("href")
            shown = part["text"]
            parts.append(f"{shown} ({href})" if isinstance(href, str) and href and href not in shown else shown)
        else:
            raise InputRejected("message text has a part that is neither a string nor an entity with text")
    return "".join(parts)
