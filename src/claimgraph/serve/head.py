"""HEAD wherever GET works: FastAPI routes declared with ``@router.get`` answer only GET (a HEAD
request got 405), while HTTP says a server answering GET should answer HEAD with the same status
and headers and no body (link checkers, ``curl -I``, uptime probes send it).

``HeadAsGet`` wraps the app: a HEAD request goes in as a GET and its response goes out with the
GET's status and headers (Content-Length included) but an empty body. A path without GET still
answers 405, as a GET to it would.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # a streamed body's parts are dropped; its end goes out, empty
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
