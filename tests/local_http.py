"""A web site on 127.0.0.1 for the tests that fetch: a real HTTP server on an ephemeral port, in a
thread, bounded in requests and time (past either it answers 503 and the test sees it in
``site.overrun``). Nothing of claimgraph's is mocked: its client talks HTTP to this server.

    site.route("/feed.xml", Reply(FEED_V1, etag='"v1"'), Reply(FEED_V2, etag='"v2"'), advance=True)

A route serves its replies in turn: with ``advance``, each full (200) reply moves it to the next
(the last one repeats), so a feed changes between polls; else ``site.advance(path)`` moves it. A
reply with an ``etag`` or ``last_modified`` answers 304 to a request that names them
(If-None-Match / If-Modified-Since). ``site.requests`` logs (path, request headers) of each.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # a redirect's target
    delay: float = 0.0  # seconds before the status line (a slow server)
    trickle: float = 0.0  # seconds between 1-byte writes of the body (a server that never finishes)
    content_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Route:
    replies: list[Reply]
    advance: bool
    position: int = 0

    def current(self) -> Reply:
        return self.replies[min(self.position, len(self.replies) - 1)]


class LocalSite:
    def __init__(self, max_requests: int = 300, max_seconds: float = 120.0):
        self.routes: dict[str, _Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.overrun = False
        self.max_requests = max_requests
        self.deadline = time.monotonic() + max_seconds
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, *replies: Reply, advance: bool = False) -> str:
        with self._lock:
            self.routes[path] = _Route(list(replies), advance)
        return self.url(path)

    def advance(self, path: str) -> None:
        with self._lock:
            self.routes[path].position += 1

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _reply_for(self, path: str, headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append((path, headers))
            if len(self.requests) > self.max_requests or time.monotonic() > self.deadline:
                self.overrun = True
                return Reply(b"test server bound reached", status=503)
            route = self.routes.get(path)
            if route is None:
                return Reply(b"not found", status=404, content_type="text/plain")
            reply = route.current()
            not_modified = (reply.etag and headers.get("if-none-match") == reply.etag) or (
                reply.last_modified and headers.get("if-modified-since") == reply.last_modified
            )
            if not_modified:
                return Reply(status=304, etag=reply.etag, last_modified=reply.last_modified)
            if route.advance and reply.status == 200:
                route.position += 1
            return reply

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                reply = site._reply_for(self.path, {k.lower(): v for k, v in self.headers.items()})
                time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    if reply.status != 304:
                        self.send_header("Content-Type", reply.content_type)
                    for name, value in (("ETag", reply.etag), ("Last-Modified", reply.last_modified)):
                        if value:
                            self.send_header(name, value)
                    if reply.location:
                        self.send_header("Location", reply.location)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.content_length and reply.status != 304:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    if reply.trickle:
                        for byte in reply.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(reply.trickle)
                    elif reply.status != 304:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up: what it tests
                    pass
                self.close_connection = True

            def log_message(self, *args) -> None:  # the test reads site.requests instead
                pass

        return Handler


def fixture_bytes(path, site: LocalSite) -> bytes:
    """A fixture file's bytes with ``{{site}}`` replaced by the site's address."""
    with open(path, "rb") as fh:
        return fh.read().replace(b"{{site}}", site.base.encode())
