"""URL inputs and --fetch-articles against a real HTTP server on 127.0.0.1 (tests/local_http.py):
the User-Agent, robots.txt, politeness, conditional GET, and one line per bad response."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from local_http import Reply, fixture_bytes

from claimgraph import __version__
from claimgraph.errors import InputError
from claimgraph.ingest import read_paths
from claimgraph.ingest.fetch import Fetcher, FetchFailed, FetchOptions
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.web import with_articles
from claimgraph.model import FEED_ITEMS_KIND
from claimgraph.settings import Settings

FAST = FetchOptions(connect_timeout=2.0, timeout=1.0, host_delay=0.0, max_redirects=3, max_bytes=64 * 1024)
RSS = "application/rss+xml"


@pytest.fixture
def web(fixtures_dir):
    return fixtures_dir / "web"


@pytest.fixture
def coast(local_site, web):
    """The Coast Monitor site: robots.txt, the feed (v1) and its articles."""
    local_site.route("/robots.txt", Reply(fixture_bytes(web / "robots.txt", local_site), content_type="text/plain"))
    local_site.route("/feed.rss", Reply(fixture_bytes(web / "coast_monitor_v1.rss", local_site), content_type=RSS))
    for name in ("pemba_port", "mogadishu_checkpoint", "palma_ferry"):
        local_site.route(f"/articles/{name}.html", Reply(fixture_bytes(web / "articles" / f"{name}.html", local_site)))
    return local_site


def _read(urls, options=FAST):
    with Fetcher(options) as fetcher:
        return list(read_paths(urls, ReaderOptions(), fetcher))


def test_a_feed_url_gives_one_document_per_item_and_names_claimgraph(coast):
    docs = _read([coast.url("/feed.rss")])
    assert [d.meta.title for d in docs] == [
        "Gunmen fire on fuel barge at Pemba port, harbour officials say",
        "Somali police say checkpoint attack repelled in Mogadishu",
    ]
    assert {d.source.path for d in docs} == {coast.url("/feed.rss")} and docs[0].source.format == "feed"
    assert docs[0].meta.url == coast.url("/articles/pemba_port.html") and docs[0].meta.site == "Coast Monitor"
    agent = coast.hits("/feed.rss")[0]["user-agent"]
    assert agent == f"claimgraph/{__version__}"
    assert len(coast.hits("/robots.txt")) == 1  # read before the first request to the host


def test_the_operators_contact_goes_into_the_user_agent(coast):
    settings = Settings.defaults().with_values({"fetch.contact": "mailto:desk@example.org", "fetch.host_delay": 0})
    _read([coast.url("/feed.rss")], FetchOptions.of(settings))
    assert coast.hits("/feed.rss")[0]["user-agent"] == f"claimgraph/{__version__} (+mailto:desk@example.org)"


def test_fetch_articles_reads_each_items_page_with_the_items_metadata(coast):
    with Fetcher(FAST) as fetcher:
        plain = list(read_paths([coast.url("/feed.rss")], ReaderOptions(), fetcher))
        docs = list(with_articles(plain, fetcher))
    pemba = docs[0]
    assert "three crew members were wounded" in pemba.raw_text  # the page's text, not the feed's one line
    assert any("Leave a comment" in r.text or "All rights reserved" in r.text for r in pemba.removals)
    assert pemba.meta.title == plain[0].meta.title and pemba.meta.author == "Celina Mabunda"
    assert pemba.meta.date == plain[0].meta.date and pemba.source == plain[0].source
    assert pemba.annotations[FEED_ITEMS_KIND][0].guid == "coastmonitor-0611-pemba"
    assert pemba.id != plain[0].id  # other text, same address: the id hashes what is stored
    assert len(coast.hits("/robots.txt")) == 1  # once per host, for the feed and its pages


def test_an_article_robots_txt_disallows_keeps_the_feeds_text_with_one_line(local_site, web):
    feed = fixture_bytes(web / "coast_monitor_v1.rss", local_site).replace(b"/articles/pemba", b"/private/pemba")
    local_site.route("/robots.txt", Reply(fixture_bytes(web / "robots.txt", local_site), content_type="text/plain"))
    local_site.route("/feed.rss", Reply(feed, content_type=RSS))
    local_site.route("/private/pemba_port.html", Reply(b"<p>never fetched</p>"))
    local_site.route("/articles/mogadishu_checkpoint.html", Reply(b"<html><body><p>Page text.</p></body></html>"))
    with Fetcher(FAST) as fetcher:
        items = list(with_articles(read_paths([local_site.url("/feed.rss")], ReaderOptions(), fetcher), fetcher))
    error, pemba, mogadishu = items
    assert isinstance(error, InputError) and error.record == "coastmonitor-0611-pemba"
    assert "/private/pemba_port.html: robots.txt disallows it; kept the feed's text" in error.reason
    assert pemba.raw_text.endswith("fired on a fuel barge.")
    assert mogadishu.raw_text == "Page text."
    assert not local_site.hits("/private/pemba_port.html")


def test_conditional_get_answers_not_modified(local_site):
    url = local_site.route("/f", Reply(b"<rss/>", etag='"abc"', last_modified="Tue, 11 Jun 2024 07:20:00 GMT"))
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(url)
        assert (first.status, first.etag) == (200, '"abc"')
        assert fetcher.get(url, etag='"abc"').status == 304
        assert fetcher.get(url, last_modified="Tue, 11 Jun 2024 07:20:00 GMT").status == 304
    assert local_site.hits("/f")[1]["if-none-match"] == '"abc"'


def test_requests_to_one_host_are_spaced_by_the_host_delay(local_site):
    local_site.route("/a", Reply(b"a"))
    with Fetcher(FetchOptions(timeout=2.0, host_delay=0.3)) as fetcher:
        fetcher.get(local_site.url("/a"))  # after robots.txt (404: everything allowed)
        started = time.monotonic()
        fetcher.get(local_site.url("/a"))
        assert time.monotonic() - started >= 0.28


def _reason(site, path) -> str:
    (error,) = _read([site.url(path)])
    assert isinstance(error, InputError) and error.path == site.url(path)
    return error.reason


def test_bad_responses_are_one_line_each_and_the_rest_is_read(local_site, fixtures_dir, web):
    bad = fixtures_dir / "ingest" / "sources" / "bad"
    site = local_site
    site.route("/robots.txt", Reply(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    site.route("/gone", Reply(b"", status=404))
    site.route("/broken", Reply(b"", status=500))
    site.route("/loop-a", Reply(status=302, location="/loop-b"))
    site.route("/loop-b", Reply(status=302, location="/loop-a"))
    for n in range(6):
        site.route(f"/hop{n}", Reply(status=301, location=f"/hop{n + 1}"))
    site.route("/slow", Reply(b"<rss/>", delay=3.0))
    site.route("/trickle", Reply(b"x" * 400, trickle=0.01))
    site.route("/huge", Reply(b"<p>" + b"y" * 100_000 + b"</p>"))
    site.route("/huge-unsized", Reply(b"<p>" + b"y" * 100_000 + b"</p>", content_length=False))
    site.route("/private/feed.rss", Reply(b"<rss/>"))
    site.route("/cp1252.xml", Reply((bad / "not_utf8_feed.xml").read_bytes(), content_type="application/xml"))
    site.route("/malformed.rss", Reply((bad / "malformed_feed.rss").read_bytes(), content_type=RSS))
    site.route("/truncated.json", Reply((bad / "telegram_truncated.json").read_bytes(), content_type="text/json"))
    site.route("/feed.rss", Reply(fixture_bytes(web / "coast_monitor_v1.rss", site), content_type=RSS))

    assert _reason(site, "/gone") == "HTTP 404 Not Found"
    assert _reason(site, "/broken") == "HTTP 500 Internal Server Error"
    assert _reason(site, "/loop-a").startswith("redirect loop (") and "/loop-b -> " in _reason(site, "/loop-a")
    assert _reason(site, "/hop0") == "more than 3 redirects (--max-redirects)"
    assert _reason(site, "/slow") == "timed out after 1 s (--fetch-timeout)"
    assert _reason(site, "/trickle") == "timed out after 1 s (--fetch-timeout)"
    assert _reason(site, "/huge") == "response is 97.7 KB, over the 64 KB limit"
    assert _reason(site, "/huge-unsized") == "response is over the 64 KB limit (--max-fetch-size)"
    assert _reason(site, "/private/feed.rss") == "robots.txt disallows it"
    assert _reason(site, "/cp1252.xml").startswith("not text in the encoding the feed declares")
    assert _reason(site, "/truncated.json").startswith("invalid JSON in the Telegram export")
    items = _read([site.url("/gone"), site.url("/malformed.rss"), site.url("/feed.rss")])
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors[0].endswith("/gone: HTTP 404 Not Found")
    assert "malformed XML" in errors[1]
    assert sum(not isinstance(i, InputError) for i in items) >= 2 + 1  # the feed's items, the malformed one's
    assert not site.overrun


def test_an_unreachable_host_and_robots_txt_errors(local_site):
    closed = "http://127.0.0.1:9/feed.rss"  # the discard port: nothing listens there
    (error,) = _read([closed])
    assert error.reason.startswith("cannot connect (")
    local_site.route("/robots.txt", Reply(b"", status=503), Reply(b"User-agent: *\nDisallow: /nothing\n"))
    local_site.route("/page", Reply(b"<p>text</p>"))
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchFailed, match=r"robots.txt unreachable \(HTTP 503\): taken as disallowing"):
            fetcher.get(local_site.url("/page"))
        local_site.advance("/robots.txt")  # it recovers: asked again, not kept as unreachable
        assert fetcher.get(local_site.url("/page")).body == b"<p>text</p>"
    assert len(local_site.hits("/robots.txt")) == 2


def test_a_page_in_a_legacy_encoding_is_decoded_by_its_headers_charset(local_site):
    body = "<html><body><p>Заявление пресс-службы: обстрел продолжался всю ночь.</p></body></html>"
    url = local_site.route("/ru", Reply(body.encode("cp1251"), content_type="text/html; charset=windows-1251"))
    (doc,) = _read([url])
    assert doc.raw_text == "Заявление пресс-службы: обстрел продолжался всю ночь."


def test_a_page_url_is_a_page_document_with_its_url(local_site, web):
    url = local_site.route("/statement", Reply(fixture_bytes(web / "statement_page.html", local_site)))
    (doc,) = _read([url])
    assert doc.source.format == "html" and doc.source.path == url and doc.meta.url == url
    assert "night curfew along the coast" in doc.raw_text and doc.meta.site == "Coast Monitor"


def test_an_article_that_is_not_a_page_keeps_the_feeds_text(local_site, web):
    local_site.route("/feed.rss", Reply(fixture_bytes(web / "coast_monitor_v1.rss", local_site), content_type=RSS))
    local_site.route("/articles/pemba_port.html", Reply(b"%PDF-1.7 ...", content_type="application/pdf"))
    local_site.route("/articles/mogadishu_checkpoint.html", Reply(b"", status=500))
    with Fetcher(FAST) as fetcher:
        items = list(with_articles(read_paths([local_site.url("/feed.rss")], ReaderOptions(), fetcher), fetcher))
    reasons = [i.reason.split(": ", 1)[1] for i in items if isinstance(i, InputError)]
    assert reasons == [
        "not an HTML page (of type application/pdf); kept the feed's text",
        "HTTP 500 Internal Server Error; kept the feed's text",
    ]
    assert [d.raw_text.split("\n\n")[0] for d in items if not isinstance(d, InputError)] == [
        "Gunmen fire on fuel barge at Pemba port, harbour officials say",
        "Somali police say checkpoint attack repelled in Mogadishu",
    ]


def test_retry_after_in_seconds_or_as_a_date():
    from email.utils import format_datetime

    from claimgraph.ingest.fetch import retry_after_seconds

    assert retry_after_seconds("120") == 120.0
    in_an_hour = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    assert 3590 < retry_after_seconds(in_an_hour) <= 3600
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
