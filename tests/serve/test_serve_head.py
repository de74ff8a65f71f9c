"""HEAD is answered wherever GET is: same status and headers, no body (serve/head.py)."""

from __future__ import annotations

import http.client
import socket
import threading
import time

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from workbench_store import TEST_HOSTS  # noqa: E402  (this directory is on sys.path)

from claimgraph.serve import api, create_app, pages

# headers that differ between two answers to the same request
_VARYING = {"date", "set-cookie"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _plain_get_paths() -> list[str]:
    """Every GET route of the workbench's pages and API without path parameters."""
    return sorted(
        r.path
        for router in (api.router, pages.router)
        for r in router.routes
        if isinstance(r, APIRoute) and "GET" in r.methods and "{" not in r.path
    )


def _same_answer(client, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code, path
    assert head.content == b"", path
    assert {k: v for k, v in head.headers.items() if k not in _VARYING} == {
        k: v for k, v in got.headers.items() if k not in _VARYING
    }, path


def test_head_answers_every_get_route_like_get(client):
    paths = _plain_get_paths()
    assert {"/", "/documents", "/events", "/api/summary", "/api/events"} <= set(paths)
    for path in paths:
        _same_answer(client, path)


def test_head_of_a_document_page_static_file_and_missing_page(client):
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    for path in (f"/documents/{doc_id}", f"/api/documents/{doc_id}", "/static/workbench.css", "/no-such-page"):
        _same_answer(client, path)
    assert client.head("/documents").headers["content-type"].startswith("text/html")
    assert int(client.head("/documents").headers["content-length"]) == len(client.get("/documents").content)


def test_head_is_refused_where_get_is(client):
    # a route that takes POST only answers GET with 405, and so HEAD
    assert client.get("/ach/some-board/ratings").status_code == 405
    assert client.head("/ach/some-board/ratings").status_code == 405


@pytest.fixture()
def served(store_copy):
    """The workbench under uvicorn on a free loopback port (as `claimgraph serve` runs it)."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store_copy, data_dir=store_copy.parent / "data"),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workbench did not start")
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def test_head_over_http_under_uvicorn(served):
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    try:
        connection.request("HEAD", "/")  # the home page sends the browser on to the documents
        response = connection.getresponse()
        assert response.status == 303 and response.getheader("location") == "/documents"
        assert response.read() == b""
        connection.request("HEAD", "/documents")
        response = connection.getresponse()
        assert response.status == 200
        assert response.read() == b""
        assert int(response.getheader("content-length")) > 0
        # the connection stays usable: no stray body bytes were sent after the headers
        connection.request("GET", "/api/summary")
        assert connection.getresponse().status == 200
    finally:
        connection.close()


def test_head_with_a_token_is_checked_and_redirected_as_get_is(store_copy):
    with TestClient(create_app(store_copy, allowed_hosts=TEST_HOSTS, token="s3cret"), follow_redirects=False) as c:
        assert c.head("/documents").status_code == c.get("/documents").status_code == 401
        assert c.head("/api/documents").status_code == 401
        r = c.head("/documents?token=s3cret&limit=5")
        assert r.status_code == 303 and r.headers["location"] == "/documents?limit=5" and r.content == b""
        assert c.head("/api/documents", headers={"Authorization": "Bearer s3cret"}).status_code == 200
