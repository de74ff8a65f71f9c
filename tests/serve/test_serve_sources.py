"""The ingest page and API take feed and page URLs (fetched from a real server on 127.0.0.1) and
the social exports (Telegram result.json, X tweets.js, Mastodon outbox.json) as uploads."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from local_http import Reply, fixture_bytes
from test_serve_hosts import assert_security_headers
from workbench_store import TEST_HOSTS

from claimgraph.serve import create_app
from claimgraph.settings import Settings

SETTINGS = Settings.defaults().with_values({"extract.mode": "fast", "fetch.host_delay": 0, "run.workers": 1})


@pytest.fixture
def client(tmp_path):
    app = create_app(tmp_path / "store.duckdb", allowed_hosts=TEST_HOSTS, data_dir=tmp_path / "data", settings=SETTINGS)
    with TestClient(app) as c:
        yield c


def _finished(client, job_id: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = client.get(f"/api/ingest/{job_id}").json()
        if job["state"] not in ("queued", "running"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"ingest job {job_id} did not finish")


def _formats(client) -> list[str]:
    return sorted(d["source_format"] for d in client.get("/api/documents?limit=100").json()["items"])


def test_social_exports_upload_as_posts(client, fixtures_dir):
    sources = fixtures_dir / "ingest" / "sources"
    files = [
        ("files", ("result.json", (sources / "telegram_sahel_channel.json").read_bytes(), "application/json")),
        ("files", ("tweets.js", (sources / "x_archive" / "data" / "tweets.js").read_bytes(), "text/javascript")),
        ("files", ("outbox.json", (sources / "mastodon_outbox.json").read_bytes(), "application/json")),
    ]
    r = client.post("/api/ingest", files=files)
    assert r.status_code == 202, r.text
    job = _finished(client, r.json()["id"])
    assert job["state"] == "done" and not job["errors"], job
    assert set(_formats(client)) == {"telegram", "twitter", "mastodon"}


def test_feed_urls_are_fetched_with_their_articles(client, local_site, fixtures_dir):
    web = fixtures_dir / "web"
    local_site.route("/feed.rss", Reply(fixture_bytes(web / "coast_monitor_v1.rss", local_site)))
    for name in ("pemba_port", "mogadishu_checkpoint"):
        local_site.route(f"/articles/{name}.html", Reply(fixture_bytes(web / "articles" / f"{name}.html", local_site)))
    r = client.post("/api/ingest/urls", json={"urls": [local_site.url("/feed.rss")], "fetch_articles": True})
    assert r.status_code == 202, r.text
    job = _finished(client, r.json()["id"])
    assert (job["state"], job["added"], job["errors"]) == ("done", 2, []), job
    assert job["files"] == [local_site.url("/feed.rss")]
    assert len(local_site.hits("/articles/pemba_port.html")) == 1
    doc = client.get(f"/api/documents/{job['documents'][0]['id']}").json()
    assert "three crew members were wounded" in doc["clean_text"]


def test_the_page_form_takes_urls_and_refuses_bad_ones(client, local_site, fixtures_dir):
    assert "/api/ingest/urls" in client.get("/openapi.json").json()["paths"]
    page = client.get("/ingest")
    assert 'action="/ingest/urls"' in page.text and 'name="fetch_articles"' in page.text
    assert_security_headers(page)
    url = local_site.route("/statement", Reply(fixture_bytes(fixtures_dir / "web" / "statement_page.html", local_site)))
    r = client.post("/ingest/urls", data={"urls": f"{url}\n"}, follow_redirects=False)
    assert r.status_code == 303
    job = _finished(client, r.headers["location"].rsplit("/", 1)[1])
    assert job["state"] == "done" and job["added"] == 1
    assert "URLs: " + url in client.get(r.headers["location"]).text
    bad = client.post("/ingest/urls", data={"urls": "file:///etc/passwd"})
    assert bad.status_code == 400 and "not an http:// or https:// URL" in bad.text
    assert client.post("/api/ingest/urls", json={"urls": []}).status_code == 400
    foreign = client.post("/api/ingest/urls", json={"urls": [url]}, headers={"Sec-Fetch-Site": "cross-site"})
    assert foreign.status_code == 403


def test_a_failing_url_is_one_error_line_in_the_job(client, local_site):
    local_site.route("/gone.rss", Reply(b"", status=404))
    r = client.post("/api/ingest/urls", json={"urls": [local_site.url("/gone.rss")]})
    job = _finished(client, r.json()["id"])
    assert job["state"] == "done" and job["errors"] == [f"{local_site.url('/gone.rss')}: HTTP 404 Not Found"]
