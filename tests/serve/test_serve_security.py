"""Untrusted documents never reach a page unescaped; headers, token, bind and upload rules hold."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from workbench_store import TEST_HOSTS, annotated_document, wait_for_job

from claimgraph.serve import create_app
from claimgraph.serve.security import check_bind, is_loopback, safe_filename

# Markup that must never appear as markup in a page: each is a piece of a hostile fixture.
INJECTED = re.compile(
    r"<script>window|<script>alert|<img src=x|<svg onload|<iframe|<body onload|"
    r"</textarea><|<b onmouseover|href=\"javascript:|href=\"data:|<style>body",
    re.I,
)
PAGES = [
    "/documents",
    "/claims",
    "/events",
    "/map",
    "/actors",
    "/ingest",
    "/search?q=pwned+script",
    "/search?q=ministry",
]


def hostile_ids(client) -> list[str]:
    rows = client.get("/api/documents", params={"source": "hostile", "limit": 500}).json()["items"]
    assert len(rows) >= 4  # the post, two statements, the annotated document
    return [r["id"] for r in rows]


def test_no_page_renders_hostile_markup(client):
    pages = PAGES + [f"/documents/{i}" for i in hostile_ids(client)]
    pages += [f"/documents/{i}?show=removals" for i in hostile_ids(client)]
    for page in pages:
        r = client.get(page)
        assert r.status_code == 200, page
        assert not INJECTED.search(r.text), (page, INJECTED.search(r.text).group(0))
        # the only scripts are the workbench's own files
        assert all(src.startswith("/static/") for src in re.findall(r"<script[^>]*src=\"([^\"]*)\"", r.text))
        assert "<script>" not in r.text.lower().replace("&lt;script&gt;", "")


def test_hostile_text_is_shown_escaped_not_dropped(client):
    doc = annotated_document()
    page = client.get(f"/documents/{doc.id}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert 'title="Organisation: &lt;script&gt;window.__pwned=2&lt;/script&gt;"' in page
    assert "Annotated &lt;b&gt;hostile&lt;/b&gt; report" in page
    # a javascript: URL is shown as text, never as a link
    assert "javascript:window.__pwned=1" in page and 'href="javascript:' not in page
    assert "A spokesman &lt;img src=x onerror=alert(1)&gt;" in page  # the claim's speaker, in the side panel
    events = client.get("/events").text
    assert "Jalalabad &lt;img src=x onerror=alert(1)&gt;" in events


def test_security_headers_on_every_response(client):
    for path in PAGES + [
        "/api/documents",
        "/api/documents/ffffffffffffffff",
        "/openapi.json",
        "/static/workbench.css",
        "/no-such-page",
    ]:
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_bind_needs_a_token_off_loopback():
    for host in ("127.0.0.1", "::1", "localhost", "127.0.0.5"):
        assert is_loopback(host)
        check_bind(host, None)
    for host in ("0.0.0.0", "192.168.1.10", "example.org", "::"):
        assert not is_loopback(host)
        with pytest.raises(ValueError, match="without --token"):
            check_bind(host, None)
        check_bind(host, "s3cret")


def test_token_is_required_on_every_request(store_copy):
    with TestClient(create_app(store_copy, allowed_hosts=TEST_HOSTS, token="s3cret"), follow_redirects=False) as c:
        assert c.get("/api/documents").status_code == 401
        assert c.get("/documents").status_code == 401
        assert c.get("/static/workbench.css").status_code == 401
        assert c.get("/api/documents", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/documents", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        r = c.get("/documents?token=s3cret&limit=5")
        assert r.status_code == 303 and r.headers["location"] == "/documents?limit=5"
        assert "httponly" in r.headers["set-cookie"].lower()
        assert c.get("/documents").status_code == 200  # the cookie now carries it
        assert "content-security-policy" in c.get("/documents").headers


def test_safe_filename_keeps_names_inside_the_directory():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..\\..\\windows\\evil.txt") == "evil.txt"
    assert safe_filename("/abs/path/report.html") == "report.html"
    assert safe_filename("..") == "upload"
    assert safe_filename(".bashrc") == "bashrc"
    assert safe_filename("naïve <script>.txt") == "naive_script_.txt"
    assert len(safe_filename("a" * 300 + ".json")) <= 100 and safe_filename("a" * 300 + ".json").endswith(".json")


def test_upload_is_saved_under_the_data_dir_and_ingested(store_copy, tmp_path, fixtures_dir):
    data = tmp_path / "data"
    post = (fixtures_dir / "hostile" / "hostile_post.txt").read_bytes().replace(b"checkpoint", b"bridge")
    with TestClient(create_app(store_copy, allowed_hosts=TEST_HOSTS, data_dir=data)) as c:
        r = c.post(
            "/api/ingest",
            files=[
                ("files", ("../../../escape.txt", post, "text/plain")),
                ("files", ("/tmp/abs.txt", b"Officials in Kabul said nothing.\n", "text/plain")),
            ],
        )
        assert r.status_code == 202, r.text
        job = wait_for_job(c, r.json()["id"])
        assert job["state"] == "done" and job["added"] == 2, job
        assert sorted(job["files"]) == ["abs.txt", "escape.txt"]
        doc = c.get(f"/api/documents/{job['documents'][0]['id']}").json()
        assert doc["source"]["path"].startswith(str(data.resolve()))
        page = c.get(f"/ingest/{job['id']}").text
        assert not INJECTED.search(page)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix == ".txt"]
    assert written and all(data.resolve() in p.resolve().parents for p in written)
    assert not (tmp_path.parent / "escape.txt").exists()


def test_upload_limits(store_copy, tmp_path):
    with TestClient(
        create_app(store_copy, data_dir=tmp_path / "data", max_upload_bytes=100, allowed_hosts=TEST_HOSTS)
    ) as c:
        r = c.post("/api/ingest", files=[("files", ("big.txt", b"x" * 101, "text/plain"))])
        assert r.status_code == 413 and "limit" in r.json()["detail"]
        assert not any((tmp_path / "data").rglob("*.txt"))
        assert c.post("/api/ingest").status_code == 400


def test_read_only_store_refuses_uploads(store_copy, tmp_path):
    with TestClient(create_app(store_copy, allowed_hosts=TEST_HOSTS, read_only=True, data_dir=tmp_path / "data")) as c:
        assert c.get("/api/documents").status_code == 200
        r = c.post("/api/ingest", files=[("files", ("a.txt", b"Some text here.", "text/plain"))])
        assert r.status_code == 409 and "read-only" in r.json()["detail"]
