"""X/Twitter archive tweets (``data/tweets.js``): one document per tweet, self-threads joined.

The archive wraps JSON in JavaScript: ``window.YTD.tweets.part0 = [{"tweet": {...}}, ...]`` (older
archives say ``tweet``). A tweet has ``id_str``, ``full_text`` (HTML-escaped, links shortened to
t.co), ``created_at`` ("Wed Oct 10 20:19:24 +0000 2018"), ``in_reply_to_status_id_str``,
``in_reply_to_screen_name`` and ``entities``. The text is unescaped and each t.co link replaced by
the address it stands for, as the reader sees it. Every tweet of the file is the archive owner's, so
a reply to a tweet of the file continues its thread; the owner's handle is read off those
self-replies. A retweet ("RT @handle: ...") keeps the retweeted text, with ``forwarded_from``
"@handle". The archive lists tweets newest first: they are read oldest first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.posts import ExportPost, export_text, parse_json, post_documents, scalar_text
from claimgraph.model import Document

FORMAT = "twitter"
_WHAT = "X archive"
_WRAPPER = re.compile(r"\A\s*window\.YTD\.(\w+)\.part\d+\s*=\s*")
_TWEET_PARTS = frozenset({"tweets", "tweet"})
_RETWEET = re.compile(r"\ART @(\w{1,15}): ")
_CREATED_AT = "%a %b %d %H:%M:%S %z %Y"


def is_twitter_archive(head: str) -> bool:
    """True when a text starts with an X archive's ``window.YTD.<part>.partN =`` wrapper."""
    return bool(_WRAPPER.match(head))


def read_twitter_bytes(data: bytes, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    text = export_text(data, _WHAT)
    wrapper = _WRAPPER.match(text)
    if wrapper is None:
        raise InputRejected("not an X archive file: no 'window.YTD.tweets.part0 = [...]' wrapper")
    if wrapper.group(1) not in _TWEET_PARTS:
        raise InputRejected(f"X archive file of {wrapper.group(1)}, not of tweets (read data/tweets.js)")
    entries = parse_json(text[wrapper.end() :].rstrip().rstrip(";"), _WHAT)
    if not isinstance(entries, list):
        raise InputRejected("X archive holds no list of tweets")
    tweets, errors = _tweets(entries, path)
    tweets.sort(key=lambda t: int(t["id_str"]))
    owner = _owner(tweets)
    items: list[ExportPost | InputError] = list(errors)
    items += (_post(t, owner) for t in tweets)
    yield from post_documents(items, path, FORMAT, f"@{owner}" if owner else None, options.max_records)


def _tweets(entries: list, path: str) -> tuple[list[dict], list[InputError]]:
    tweets, errors = [], []
    for index, entry in enumerate(entries):
        tweet = entry.get("tweet") if isinstance(entry, dict) else None
        if not isinstance(tweet, dict):
            errors.append(InputError(path, "entry has no 'tweet' object", f"[{index}]"))
        elif not (isinstance(tweet.get("id_str"), str) and tweet["id_str"].isdigit()):
            errors.append(InputError(path, "tweet has no numeric 'id_str'", f"[{index}]"))
        elif not isinstance(tweet.get("full_text", tweet.get("text")), str):
            errors.append(InputError(path, "tweet has no 'full_text' string", tweet["id_str"]))
        else:
            tweets.append(tweet)
    return tweets, errors


def _owner(tweets: list[dict]) -> str | None:
    """The archive owner's handle: the screen name that replies to the file's own tweets answer."""
    ids = {t["id_str"] for t in tweets}
    for tweet in tweets:
        if tweet.get("in_reply_to_status_id_str") in ids and scalar_text(tweet.get("in_reply_to_screen_name")):
            return tweet["in_reply_to_screen_name"].strip()
    return None


def _post(tweet: dict, owner: str | None) -> ExportPost:
    tweet_id = tweet["id_str"]
    text = expand_links(html.unescape(tweet.get("full_text", tweet.get("text"))), tweet.get("entities"))
    retweet = _RETWEET.match(text)
    origin = f"@{retweet.group(1)}" if retweet else None
    return ExportPost(
        post_id=tweet_id,
        text=text[retweet.end() :] if retweet else text,
        address=f"x:{origin}" if origin else f"x:status/{tweet_id}",
        account=owner or "archive owner",  # every tweet of an archive is its owner's
        date=_iso_date(tweet.get("created_at")),
        author=f"@{owner}" if owner else None,
        url=f"https://x.com/{owner or 'i/web'}/status/{tweet_id}",
        reply_to=scalar_text(tweet.get("in_reply_to_status_id_str")),
        forwarded_from=origin,
    )


def expand_links(text: str, entities: Any) -> str:
    """``text`` with each t.co link of the tweet's entities replaced by the address it stands for."""
    if not isinstance(entities, dict):
        return text
    for kind in ("urls", "media"):
        for link in entities.get(kind) or ():
            short, full = (link.get("url"), link.get("expanded_url")) if isinstance(link, dict) else (None, None)
            if isinstance(short, str) and short and isinstance(full, str) and full:
                text = text.replace(short, full)
    return text


def _iso_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), _CREATED_AT).isoformat()
    except ValueError:
        return scalar_text(value)
