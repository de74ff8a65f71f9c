"""`claimgraph watch` against a real HTTP server on 127.0.0.1 (tests/local_http.py) serving fixture
feeds that change between polls: new items on the second poll, conditional GET, one line per
failing source with backoff, and state that survives a new process and a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_http import Reply, fixture_bytes

from claimgraph.cli import main
from claimgraph.errors import BadInput
from claimgraph.settings import Settings
from claimgraph.store import Store
from claimgraph.watch import backoff, load_sources

SRC = Path(__file__).resolve().parents[1] / "src"
RSS = "application/rss+xml"
FAST = ["--mode", "fast", "--host-delay", "0", "--fetch-timeout", "2"]


@pytest.fixture
def coast(local_site, fixtures_dir):
    """The feed serves v1, then (after one full response) v2, each with its ETag."""
    web = fixtures_dir / "web"
    v1, v2 = (fixture_bytes(web / f"coast_monitor_v{n}.rss", local_site) for n in (1, 2))
    local_site.route(
        "/feed.rss", Reply(v1, content_type=RSS, etag='"v1"'), Reply(v2, content_type=RSS, etag='"v2"'), advance=True
    )
    local_site.route("/statement", Reply(fixture_bytes(web / "statement_page.html", local_site)))
    local_site.route("/gone.rss", Reply(b"", status=404))
    local_site.route("/busy.rss", Reply(b"", status=503, headers={"Retry-After": "120"}))
    local_site.route("/not-a-feed", Reply(b"<html><body><p>A page, not a feed.</p></body></html>"))
    return local_site


def _sources(tmp_path, site, *entries: str) -> str:
    path = tmp_path / "sources.yaml"
    path.write_text("interval: 1s\nsources:\n" + "".join(f"  - {e}\n" for e in entries), encoding="utf-8")
    return str(path)


def _titles(db) -> list[str]:
    with Store(db) as store:
        return sorted(d["title"] for d in store.documents.summaries(include_superseded=True))


def test_watch_picks_up_new_items_on_the_next_poll_and_asks_conditionally(coast, tmp_path):
    sources = _sources(tmp_path, coast, f"url: {coast.url('/feed.rss')}")
    db = str(tmp_path / "cg.duckdb")
    result = CliRunner().invoke(main, ["watch", sources, "--db", db, "--max-rounds", "3", *FAST])
    assert result.exit_code == 0, result.output
    feed = coast.url("/feed.rss")
    assert result.output.splitlines() == [
        f"{feed}: 2 new, 0 already stored",
        f"{feed}: 1 new, 2 already stored",  # the second poll: v2's new item
        f"{feed}: not modified",
    ]
    assert [h.get("if-none-match") for h in coast.hits("/feed.rss")] == [None, '"v1"', '"v2"']
    assert "Ferry service to Palma suspended after militants seen on the coast" in _titles(db)
    with Store(db) as store:
        (state,) = store.watch.all()
    assert (state.url, state.etag, state.added, state.failures) == (feed, '"v2"', 3, 0)
    assert not coast.overrun


def test_a_failing_source_is_one_line_and_backs_off_while_the_others_go_on(coast, tmp_path):
    sources = _sources(
        tmp_path,
        coast,
        f"{{url: {coast.url('/statement')}, kind: page}}",
        f"url: {coast.url('/gone.rss')}",
        f"{{url: {coast.url('/not-a-feed')}, kind: feed}}",
        f"url: {coast.url('/busy.rss')}",
    )
    db = str(tmp_path / "cg.duckdb")
    result = CliRunner().invoke(main, ["watch", sources, "--db", db, "--once", *FAST])
    assert result.exit_code == 1  # a source failed
    assert result.output.splitlines() == [
        f"{coast.url('/statement')}: 1 new, 0 already stored",
        f"error: {coast.url('/gone.rss')}: HTTP 404 Not Found (next poll in 2 s)",
        f"error: {coast.url('/not-a-feed')}: not an RSS or Atom feed: the response is an HTML page (next poll in 2 s)",
        f"error: {coast.url('/busy.rss')}: HTTP 503 Service Unavailable (next poll in 2 min)",  # its Retry-After
    ]
    with Store(db) as store:
        states = {s.url: s for s in store.watch.all()}
        gone = states[coast.url("/gone.rss")]
        assert (gone.failures, gone.last_error, gone.etag) == (1, "HTTP 404 Not Found", None)
        assert (gone.next_poll - gone.polled_at).total_seconds() == 2.0
        assert store.watch.get(coast.url("/statement")).failures == 0
    assert _titles(db) == ["Provincial statement on the coastal curfew"]


def _watch_process(sources: str, db: str, *args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "claimgraph", "watch", sources, "--db", db, *FAST, *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _watch_once(sources: str, db: str) -> str:
    child = _watch_process(sources, db, "--once")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return out


def _make_due(db: str) -> None:
    """Move every source's next poll to now (its interval is an hour): the test's clock, through the
    store's own repository."""
    with Store(db) as store:
        for state in store.watch.all():
            store.watch.save(state.replace(next_poll=state.next_poll - timedelta(hours=1)))


def test_state_survives_a_new_process(coast, tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(f"sources:\n  - {{url: {coast.url('/feed.rss')}, interval: 1h}}\n", encoding="utf-8")
    sources, db = str(path), str(tmp_path / "cg.duckdb")
    assert "2 new, 0 already stored" in _watch_once(sources, db)
    assert _watch_once(sources, db) == ""  # a new process: not due for an hour, nothing asked
    assert len(coast.hits("/feed.rss")) == 1
    _make_due(db)
    assert "1 new, 2 already stored" in _watch_once(sources, db)
    _make_due(db)
    assert "not modified" in _watch_once(sources, db)  # with the ETag the other process stored
    assert [h.get("if-none-match") for h in coast.hits("/feed.rss")] == [None, '"v1"', '"v2"']
    assert len(_titles(db)) == 3


def test_a_killed_watch_leaves_the_store_consistent_and_the_next_start_resumes(local_site, fixtures_dir, tmp_path):
    web = fixtures_dir / "web"
    local_site.route("/feed.rss", Reply(fixture_bytes(web / "coast_monitor_v2.rss", local_site), content_type=RSS))
    sources = _sources(tmp_path, local_site, f"url: {local_site.url('/feed.rss')}")
    db = str(tmp_path / "cg.duckdb")
    child = _watch_process(sources, db, "--until", "60", start_new_session=True)
    deadline = time.monotonic() + 90
    while len(local_site.hits("/feed.rss")) < 2 and time.monotonic() < deadline:  # the 2nd poll: the 1st is stored
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert len(local_site.hits("/feed.rss")) >= 2
    out = _watch_once(sources, db)  # opens the store the kill left (DuckDB replays its log) and goes on
    assert out == "" or "0 new, 3 already stored" in out  # not due yet, or due and all stored
    assert len(_titles(db)) == 3  # each item once


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])  # Ctrl-C; a service manager's stop
def test_ctrl_c_and_sigterm_end_it_with_a_line_and_the_next_start_resumes(coast, tmp_path, signum):
    sources = _sources(tmp_path, coast, f"url: {coast.url('/feed.rss')}")
    db = str(tmp_path / "cg.duckdb")
    child = _watch_process(sources, db, "--until", "60")
    deadline = time.monotonic() + 90
    while len(coast.hits("/feed.rss")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signum)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130 and "stopped: what was committed is stored" in err, err
    # the second poll (v2, one new item) may have been stopped before its batch committed, or after
    # it and before the source's state was written; never is v2's ETag stored without its item
    with Store(db) as store:
        (state,) = store.watch.all()
    assert (len(_titles(db)), state.etag) in ((2, '"v1"'), (3, '"v1"'), (3, '"v2"'))
    _make_due(db)
    _watch_once(sources, db)
    assert len(_titles(db)) == 3  # resumed: the new item once, the others not twice


def test_backoff_doubles_up_to_the_cap():
    assert [backoff(60, n, 300) for n in (1, 2, 3, 10)] == [120, 240, 300, 300]
    assert backoff(3600, 1, 300) == 3600  # never sooner than the source's own interval


@pytest.mark.parametrize(
    "text, message",
    [
        ("sources: []", "expected a mapping with a non-empty list 'sources'"),
        ("sources:\n  - url: ftp://x.example/f", "sources[0]: url must be an http:// or https:// URL"),
        ("sources:\n  - {url: 'https://x.example/f', interval: 0}", "sources[0]: interval: 0 is shorter than 1 second"),
        ("sources:\n  - {url: 'https://x.example/f', kind: blog}", "kind must be one of feed, page, not 'blog'"),
        ("sources:\n  - {url: 'https://x.example/f', every: 5m}", "unknown key 'every'"),
        (
            "sources:\n  - https://x.example/f\n  - https://x.example/f",
            "sources[1]: https://x.example/f is listed twice",
        ),
        ("sources: [", "not valid YAML"),
    ],
)
def test_a_bad_sources_file_names_the_file_and_the_entry(tmp_path, text, message):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        load_sources(path, Settings.defaults())
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)


def test_intervals_and_defaults_from_the_file_and_the_settings(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(
        "interval: 15m\nsources:\n  - https://a.example/feed\n  - {url: 'https://b.example/', kind: page, "
        "interval: 2h, fetch_articles: true}\n",
        encoding="utf-8",
    )
    a, b = load_sources(path, Settings.defaults())
    assert (a.interval, a.kind, a.fetch_articles) == (900, None, False)
    assert (b.interval, b.kind, b.fetch_articles) == (7200, "page", True)


def test_a_shortened_interval_applies_at_once(coast, tmp_path):
    from claimgraph.ingest.fetch import Fetcher, FetchOptions
    from claimgraph.watch import Watcher, WatchSource

    settings = Settings.defaults().with_values({"extract.mode": "fast"})
    url = coast.url("/statement")
    with Store(tmp_path / "cg.duckdb") as store, Fetcher(FetchOptions(host_delay=0)) as fetcher:
        hourly = Watcher([WatchSource(url, 3600, "page")], store, settings, fetcher)
        assert [r.status for r in hourly.run(once=True)] == ["new"]
        assert hourly.due() == []
        time.sleep(1.1)
        assert [s.url for s in Watcher([WatchSource(url, 1, "page")], store, settings, fetcher).due()] == [url]
