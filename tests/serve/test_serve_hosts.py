"""The workbench answers only to Host names it serves (no DNS rebinding), every response carries
the security headers (errors and 500s too), and bad numbers in a query are 400s."""

from __future__ import annotations

from click.testing import CliRunner
from fastapi.testclient import TestClient
from workbench_store import TEST_HOSTS

from claimgraph.cli import main
from claimgraph.serve import create_app
from claimgraph.serve.security import HostCheck, host_name

# Reads and writes a rebinding page would try: a document list, a board, an upload, a page.
ROUTES = [
    ("get", "/api/documents", {}),
    ("get", "/documents", {}),
    ("get", "/static/workbench.css", {}),
    ("post", "/api/ach", {"json": {"name": "rebound", "hypotheses": ["H1"]}}),
    ("post", "/api/ingest", {"files": [("files", ("a.txt", b"Officials said nothing.", "text/plain"))]}),
    ("post", "/api/ingest/urls", {"json": {"urls": ["http://127.0.0.1:9/feed.rss"]}}),
    ("post", "/ingest/urls", {"data": {"urls": "http://127.0.0.1:9/feed.rss"}}),
    ("get", "/no-such-page", {}),
]


def assert_security_headers(response) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_foreign_host_is_refused_on_every_route(client):
    for method, path, kwargs in ROUTES:
        for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""):
            r = getattr(client, method)(path, headers={"Host": host}, **kwargs)
            assert r.status_code == 400, (path, host, r.status_code)
            assert "Host" in r.text
            assert_security_headers(r)
    assert all(board["name"] != "rebound" for board in client.get("/api/ach").json()["items"])


def test_loopback_and_bound_names_are_answered(store_copy, tmp_path):
    app = create_app(store_copy, data_dir=tmp_path / "data", bind="127.0.0.1")
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1"):
            assert c.get("/api/summary", headers={"Host": host}).status_code == 200, host
        assert c.get("/api/summary", headers={"Host": "testserver"}).status_code == 400


def test_allow_host_adds_names():
    check = HostCheck("127.0.0.1", ("workbench.lan",))
    assert check.accepts("workbench.lan:8000") and check.accepts("WORKBENCH.LAN")
    assert not check.accepts("other.lan") and not check.accepts("192.168.1.10")
    # bound to every interface: an address is what a browser sends when given one; names still need listing
    wide = HostCheck("0.0.0.0")
    assert wide.accepts("192.168.1.10:8000") and wide.accepts("[fe80::1]:8000")
    assert not wide.accepts("evil.example")
    assert host_name("[::1]:8000") == "::1" and host_name("Example.ORG:80") == "example.org"


def test_serve_has_a_repeatable_allow_host_option():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--allow-host NAME" in result.output


def test_error_responses_carry_the_security_headers(store_copy, tmp_path):
    app = create_app(store_copy, data_dir=tmp_path / "data", allowed_hosts=TEST_HOSTS)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("a bug in a route")

    with TestClient(app, raise_server_exceptions=False) as c:
        responses = {
            404: c.get("/api/documents/ffffffffffffffff"),
            405: c.delete("/api/documents"),
            400: c.get("/api/documents", params={"limit": "many"}),
            500: c.get("/api/boom"),
        }
        for status, r in responses.items():
            assert r.status_code == status, (status, r.text)
            assert_security_headers(r)


def test_huge_and_malformed_numbers_are_400(client):
    huge = str(2**63)
    for path in (
        "/api/documents",
        "/api/events",
        "/api/claims",
        "/api/actors",
        "/api/propositions",
        "/documents",
        "/claims",
        "/search?q=kabul",
        "/propositions",
    ):
        for value in (huge, "-1", "1e3", "ten"):
            r = client.get(path, params={"offset": value})
            assert r.status_code == 400, (path, value, r.status_code)
            assert_security_headers(r)
    assert client.get("/api/propositions", params={"min_documents": huge}).status_code == 400
    assert client.get("/api/documents", params={"offset": str(2**63 - 1)}).status_code == 200
