"""HTTP for URL inputs, ``--fetch-articles`` and ``claimgraph watch``: one polite client.

Every request names claimgraph, its version and the project in its User-Agent, honours the host's
robots.txt (read once per host, kept a day, with the standard library's ``urllib.robotparser``), waits
``host_delay`` seconds (or the robots.txt Crawl-delay, when longer, up to 60) after the previous
request to the same host, and is bounded: a connect timeout, a deadline for the whole response
(a server trickling bytes is cut off too), a size limit applied while the body streams in (reading
stops at the limit), and at most ``max_redirects`` redirects, each checked against robots.txt like
the first URL (a redirect back to a URL already visited is a loop, said at once).

A failure is a ``FetchFailed`` whose reason is one line for the user ("HTTP 404 Not Found",
"timed out after 2 s", "robots.txt disallows it", ...); the caller names the URL.
"""

from __future__ import annotations

import email.utils
import re
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError
from claimgraph.ingest.options import MIB, format_size

USER_AGENT = f"claimgraph/{__version__}"  # the operator's contact, when set, is added: (+CONTACT)
ROBOTS_AGENT = "claimgraph"  # the product token robots.txt groups are matched against
MAX_CRAWL_DELAY = 60.0  # a robots.txt cannot make us wait longer than this between requests
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB of it
ROBOTS_MAX_AGE = 24 * 3600.0  # seconds a host's robots.txt is kept (RFC 9309: at most 24 hours)
_URL = re.compile(r"\Ahttps?://", re.I)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


def is_url(text: str) -> bool:
    """True for an http:// or https:// URL (what the readers fetch instead of opening a file)."""
    return bool(_URL.match(text))


class FetchFailed(ClaimgraphError):
    """A request that gave no usable response; ``reason`` says why in one line."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after  # seconds the server asked us to wait (Retry-After of a 429 or 503)


@dataclass(frozen=True)
class FetchOptions:
    """How requests are made (the ``[fetch]`` settings)."""

    connect_timeout: float = 10.0
    timeout: float = 30.0
    max_bytes: int = 10 * MIB
    max_redirects: int = 5
    host_delay: float = 1.0
    user_agent: str = USER_AGENT

    @classmethod
    def of(cls, settings) -> FetchOptions:
        f = settings.fetch
        agent = f"{USER_AGENT} (+{f.contact})" if f.contact else USER_AGENT
        return cls(f.connect_timeout, f.timeout, int(f.max_size_mb * MIB), f.max_redirects, f.host_delay, agent)


@dataclass(frozen=True)
class Response:
    """A response read whole. ``url`` is the last one fetched (after redirects); ``status`` 304
    means "not modified" (a conditional request), with no body."""

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    retry_after: str | None = None

    @property
    def charset(self) -> str | None:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", self.content_type, re.I)
        return match.group(1) if match else None


class Fetcher:
    """One HTTP client, its robots.txt cache and per-host clocks; used from one thread at a time
    per host (a lock guards the shared state). Open it as a context manager, or call ``close``."""

    def __init__(self, options: FetchOptions | None = None):
        self.options = options or FetchOptions()
        self._client: httpx.Client | None = None
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser, float]] = {}  # host -> rules, read at
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:  # made on first use: a run with no URL opens no connection pool
            o = self.options
            self._client = httpx.Client(
                headers={"User-Agent": o.user_agent},
                timeout=httpx.Timeout(o.timeout, connect=o.connect_timeout),
                follow_redirects=False,  # followed here, so each hop is checked against robots.txt
            )
        return self._client

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally when ``etag`` or ``last_modified`` is given: a 304 comes back
        as a Response); raises FetchFailed for anything else than a 2xx or 304."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        visited = [url]
        while True:
            self._check_robots(url)
            response = self._request(url, headers)
            if response.status not in _REDIRECTS:
                break
            target = response.url
            if target in visited:
                raise FetchFailed(f"redirect loop ({' -> '.join([*visited[visited.index(target) :], target])})")
            if len(visited) > self.options.max_redirects:
                raise FetchFailed(f"more than {self.options.max_redirects} redirects (--max-redirects)")
            if not is_url(target):
                raise FetchFailed(f"redirect to a URL that is not http(s): {target[:200]}")
            visited.append(target)
            url = target
        if response.status == 304 or 200 <= response.status < 300:
            return response
        reason = f"HTTP {response.status} {_reason_phrase(response.status)}"
        raise FetchFailed(reason, response.status, retry_after_seconds(response.retry_after))

    def _request(self, url: str, headers: dict[str, str]) -> Response:
        """One request, the body read up to the size limit before the deadline; for a redirect,
        ``url`` of the Response is the absolute target."""
        self._wait_for_host(url)
        deadline = time.monotonic() + self.options.timeout
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                if r.status_code in _REDIRECTS:
                    location = r.headers.get("location")
                    if not location:
                        raise FetchFailed(f"HTTP {r.status_code} redirect without a Location")
                    return Response(urljoin(url, location.strip()), r.status_code, b"", "", None, None)
                body = self._read_body(r, deadline) if 200 <= r.status_code < 300 else b""
                return Response(
                    url,
                    r.status_code,
                    body,
                    r.headers.get("content-type", ""),
                    r.headers.get("etag"),
                    r.headers.get("last-modified"),
                    r.headers.get("retry-after"),
                )
        except httpx.TimeoutException:
            raise FetchFailed(f"timed out after {self.options.timeout:g} s (--fetch-timeout)") from None
        except httpx.HTTPError as exc:
            raise FetchFailed(_connection_reason(exc)) from None

    def _read_body(self, r: httpx.Response, deadline: float) -> bytes:
        limit = self.options.max_bytes
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchFailed(f"response is {format_size(int(declared))}, over the {format_size(limit)} limit")
        chunks, size = [], 0
        for chunk in r.iter_bytes(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise FetchFailed(f"response is over the {format_size(limit)} limit (--max-fetch-size)")
            if time.monotonic() > deadline:
                raise FetchFailed(f"timed out after {self.options.timeout:g} s (--fetch-timeout)")
            chunks.append(chunk)
        return b"".join(chunks)

    # -- politeness -----------------------------------------------------------------------------

    def _wait_for_host(self, url: str) -> None:
        host = _host(url)
        with self._lock:
            robots = self._robots.get(host, (None, 0.0))[0]
            delay = self.options.host_delay
            if robots is not None:
                crawl_delay = robots.crawl_delay(ROBOTS_AGENT)
                if crawl_delay:
                    delay = max(delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
            wait = self._last_request.get(host, -1e9) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        with self._lock:
            self._last_request[host] = time.monotonic()

    def _check_robots(self, url: str) -> None:
        if not self._robots_of(_host(url)).can_fetch(ROBOTS_AGENT, url):
            raise FetchFailed("robots.txt disallows it")

    def _robots_of(self, host: str) -> urllib.robotparser.RobotFileParser:
        """The host's robots.txt rules, read on first use and kept ROBOTS_MAX_AGE. Following RFC
        9309: none (404 and other 4xx) allows everything; an unreachable one (5xx) disallows
        everything, as does a host that cannot be reached at all (its own reason is said). What
        could not be read is not kept: a watch asks again at its next poll."""
        with self._lock:
            rules, read_at = self._robots.get(host, (None, 0.0))
            if rules is not None and time.monotonic() - read_at < ROBOTS_MAX_AGE:
                return rules
        response = self._request(f"{host}/robots.txt", {})  # FetchFailed: the host's own failure
        if response.status in _REDIRECTS and _host(response.url) == host:  # followed once, on the same host
            response = self._request(response.url, {})
        status = response.status
        if status >= 500:
            raise FetchFailed(f"robots.txt unreachable (HTTP {status}): taken as disallowing everything")
        rules = urllib.robotparser.RobotFileParser(f"{host}/robots.txt")
        if 200 <= status < 300:
            rules.parse(response.body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace").splitlines())
        else:  # 4xx, or a redirect off the host: no rules
            rules.allow_all = True
        with self._lock:
            self._robots[host] = (rules, time.monotonic())
        return rules


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds from now: delay-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _host(url: str) -> str:
    """scheme://host[:port], lower case: what robots.txt and the politeness delay are kept per."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _reason_phrase(status: int) -> str:
    try:
        return httpx.codes(status).phrase
    except ValueError:
        return ""


def _connection_reason(exc: httpx.HTTPError) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({text})"
    return f"{type(exc).__name__}: {text}"
