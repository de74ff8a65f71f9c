"""What keeps untrusted documents and other users of the machine out: headers, token, file names.

Documents are scraped from hostile places, so every page is sent with a Content-Security-Policy
that allows only this server's own scripts and styles (no inline script, no plug-ins, no framing):
even a rendering bug that let markup through could not run it. Off loopback every request needs
the token; a browser gets it once as ``?token=`` and keeps it in a cookie.

Every request must also name this server in its ``Host`` header: a loopback name, the address it
binds, or a name given with ``--allow-host``. Without that check a web page could point a DNS name
of its own at 127.0.0.1 (DNS rebinding) and read or change the store through the visitor's browser,
since a loopback workbench needs no token. The check and the headers wrap the whole app, error
responses (404, 422, 500) included.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
import unicodedata
from urllib.parse import parse_qsl, urlencode

from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
TOKEN_COOKIE = "claimgraph_token"
# Names a browser on this machine uses for a loopback server: always allowed in ``Host``.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
_WILDCARD_BINDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without a token (the store may hold sensitive work)."""
    if not is_loopback(host) and not token:
        raise ValueError(
            f"refusing to listen on {host}: only loopback (127.0.0.1, ::1, localhost) is allowed without --token"
        )


def host_name(header: str) -> str:
    """The name part of a ``Host`` header, lower-cased, without the port or IPv6 brackets."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostCheck:
    """Which ``Host`` names a request may carry: loopback names, the bound address, ``allowed`` ones.

    A server bound to every interface (0.0.0.0, ::) also accepts any IP address as ``Host``: a
    rebinding page needs a DNS name of its own, and a browser that was given an address sends that
    address. Names (a LAN host name, a proxy's) must be listed with ``--allow-host``."""

    def __init__(self, bind: str = "127.0.0.1", allowed: tuple[str, ...] = ()):
        self.names = frozenset(host_name(n) for n in (*LOOPBACK_NAMES, bind, *allowed) if n.strip())
        self.any_address = bind.strip("[]") in _WILDCARD_BINDS

    def accepts(self, header: str) -> bool:
        name = host_name(header)
        if name in self.names:
            return True
        if not self.any_address:
            return False
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True


_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str, fallback: str = "upload") -> str:
    """A file name that cannot leave its directory: the last path part only, ASCII letters, digits,
    dot, dash and underscore, no leading dot, at most 100 characters (the extension kept)."""
    name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode("ascii")
    name = re.split(r"[\\/]", name)[-1]
    name = _UNSAFE_CHARS.sub("_", name).strip("._")
    if len(name) > 100:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 100 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:100]
    return name or fallback


class SecurityMiddleware:
    """Adds the security headers to every response, refuses a foreign ``Host`` (400) and, when a
    token is set, requires it."""

    def __init__(self, app: ASGIApp, token: str | None = None, hosts: HostCheck | None = None):
        self.app = app
        self.token = token
        self.hosts = hosts or HostCheck()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower() not in SECURITY_HEADERS
                ]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        if not self.hosts.accepts(host):
            response = PlainTextResponse(
                f"400: this workbench does not answer to Host {host[:100]!r} "
                "(start it with --allow-host NAME to accept that name)",
                status_code=400,
            )
            await response(scope, receive, send_with_headers)
            return
        if self.token:
            response = self._authorise(scope)
            if response is not None:
                await response(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)

    def _authorise(self, scope: Scope):
        """None when the request carries the token; else the response to send instead."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        bearer = headers.get("authorization", "")
        if bearer.lower().startswith("bearer ") and self._matches(bearer[7:].strip()):
            return None
        if self._matches(_cookie(headers.get("cookie", ""), TOKEN_COOKIE)):
            return None
        given = dict(query).get("token")
        if given is not None and self._matches(given):
            if scope["method"] in ("GET", "HEAD"):  # HEAD answers as GET does (serve/head.py)
                # Keep the token out of the address bar, history and logs: cookie, then redirect.
                rest = urlencode([(k, v) for k, v in query if k != "token"])
                response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), status_code=303)
                response.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict")
                return response
            return None
        if scope["path"].startswith("/api/") or scope["path"] == "/openapi.json":
            return JSONResponse(
                {"detail": "missing or wrong token (send 'Authorization: Bearer TOKEN')"},
                status_code=401,
                headers={"www-authenticate": "Bearer"},
            )
        return PlainTextResponse("401: this workbench needs its token: open it once with ?token=TOKEN", status_code=401)

    def _matches(self, given: str | None) -> bool:
        return bool(given) and secrets.compare_digest(given.encode(), self.token.encode())


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None
