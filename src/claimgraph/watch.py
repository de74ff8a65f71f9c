"""``claimgraph watch SOURCES.yaml``: poll feeds and pages on their own intervals, store what is new.

Each source is polled when it is due, with a conditional GET (the ETag and Last-Modified of the
last response whose items were stored): a 304 costs the server nothing and us no parsing. What a
response holds is read as a URL input is (``ingest.web``), and its new documents go through
``runner.run_items``: the whole pipeline, duplicates, the store and linking, as ``claimgraph run``
does. Only then is the source's state written (``store.watch``), so a watch stopped at any moment
(Ctrl-C, SIGTERM, a kill) leaves the store consistent (batches are all or nothing) and the next
start polls the source again and skips what was stored. A failed poll is one line naming the
source and the reason; the source then waits its interval doubled per consecutive failure, up to
``watch.max_backoff``, and the others go on.

SOURCES.yaml:

    interval: 15m                 # default for the sources below (else --interval)
    sources:
      - url: https://outlet.example/feed.xml
      - url: https://ministry.example/statements
        kind: page                # one document per poll when the page changed (else: feed or page, by content)
        interval: 1h
      - url: https://wire.example/rss
        fetch_articles: true      # each new item's linked page (else --fetch-articles)
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from claimgraph import runner
from claimgraph.errors import BadInput, InputError
from claimgraph.ingest.fetch import Fetcher, FetchFailed, is_url
from claimgraph.ingest.web import read_response, with_articles
from claimgraph.model import Document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings
from claimgraph.store import Store
from claimgraph.store.schema import utc_now
from claimgraph.store.watch import WatchState

from .yamlfiles import load_yaml

log = logging.getLogger(__name__)

KINDS = ("feed", "page")
_DURATION = re.compile(r"\A\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*\Z", re.I)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL = 1.0  # seconds: a source cannot ask to be polled in a busy loop


@dataclass(frozen=True)
class WatchSource:
    url: str
    interval: float  # seconds
    kind: str | None = None  # "feed", "page", or None: by what the response holds
    fetch_articles: bool = False


def load_sources(path: str | Path, settings: Settings) -> list[WatchSource]:
    """The sources a SOURCES.yaml lists (module docstring); BadInput names the file and the entry."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise BadInput(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list) or not data["sources"]:
        raise BadInput(f"{path}: expected a mapping with a non-empty list 'sources' (each with a url)")
    unknown = set(data) - {"sources", "interval", "fetch_articles"}
    if unknown:
        raise BadInput(f"{path}: unknown key {sorted(unknown)[0]!r} (known: sources, interval, fetch_articles)")
    interval = _duration(data.get("interval", settings.watch.interval), f"{path}: interval")
    articles = _flag(data.get("fetch_articles", settings.fetch.articles), f"{path}: fetch_articles")
    sources, seen = [], set()
    for index, entry in enumerate(data["sources"]):
        where = f"{path}: sources[{index}]"
        source = _source(entry, where, interval, articles)
        if source.url in seen:
            raise BadInput(f"{where}: {source.url} is listed twice")
        seen.add(source.url)
        sources.append(source)
    return sources


def _source(entry, where: str, interval: float, articles: bool) -> WatchSource:
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict):
        raise BadInput(f"{where}: expected a URL or a mapping with a url")
    unknown = set(entry) - {"url", "interval", "kind", "fetch_articles"}
    if unknown:
        raise BadInput(f"{where}: unknown key {sorted(unknown)[0]!r} (known: url, interval, kind, fetch_articles)")
    url = entry.get("url")
    if not isinstance(url, str) or not is_url(url.strip()):
        raise BadInput(f"{where}: url must be an http:// or https:// URL, not {url!r}")
    kind = entry.get("kind")
    if kind is not None and kind not in KINDS:
        raise BadInput(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return WatchSource(
        url.strip(),
        _duration(entry.get("interval", interval), f"{where}: interval"),
        kind,
        _flag(entry.get("fetch_articles", articles), f"{where}: fetch_articles"),
    )


def _duration(value, where: str) -> float:
    """Seconds from 900, 90.5, "90s", "15m", "2h" or "1d"; at least MIN_INTERVAL."""
    if isinstance(value, bool):
        raise BadInput(f"{where}: expected seconds or a duration like 15m, not {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise BadInput(f"{where}: expected seconds or a duration like 90s, 15m, 2h, 1d, not {value!r}")
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
    if not math.isfinite(seconds) or seconds < MIN_INTERVAL:
        raise BadInput(f"{where}: {value!r} is shorter than {MIN_INTERVAL:g} second")
    return seconds


def _flag(value, where: str) -> bool:
    if not isinstance(value, bool):
        raise BadInput(f"{where}: expected true or false, not {value!r}")
    return value


@dataclass(frozen=True)
class PollResult:
    """What one poll did: ``status`` "new" (a response whose documents were read), "not modified",
    or "failed" (``reason``; the source waits ``wait`` seconds)."""

    source: WatchSource
    status: str
    added: int = 0
    skipped: int = 0
    errors: int = 0
    reason: str | None = None
    wait: float = 0.0


class PipelineEngine:
    """A ``runner.Engine`` holding one pipeline for every poll: a watch processes a few documents
    at a time, and building the pipeline (its resources) per poll would cost more than they do."""

    def __init__(self, settings: Settings):
        self.pipeline = Pipeline.from_settings(settings)

    def process(self, items: Iterable, options, prepare: Callable | None = None) -> Iterator:
        stream = self.pipeline.stream(items)
        return stream if prepare is None else map(prepare, stream)


class Watcher:
    """Polls ``sources`` into ``store``. ``on_item(item, outcome)`` as ``runner.run`` calls it;
    ``clock`` and ``sleep`` are time.time and time.sleep (seconds since the epoch, UTC)."""

    def __init__(
        self,
        sources: list[WatchSource],
        store: Store,
        settings: Settings,
        fetcher: Fetcher,
        on_item: Callable[[Document | InputError, str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        stopping: threading.Event | None = None,
    ):
        self.sources = sources
        # set by the caller's signal handler: a stop that lands inside a DuckDB query comes out of it
        # as "RuntimeError: Query interrupted", which must end the watch, not count as a failed poll
        self.stopping = stopping or threading.Event()
        self.store = store
        self.settings = settings
        self.fetcher = fetcher
        self.on_item = on_item
        self.sleep = sleep
        self._engine: PipelineEngine | None = None

    @property
    def engine(self) -> PipelineEngine:
        if self._engine is None:  # built on the first new document: a round of 304s loads nothing
            self._engine = PipelineEngine(self.settings)
        return self._engine

    def run(
        self, *, once: bool = False, max_rounds: int | None = None, until: float | None = None
    ) -> Iterator[PollResult]:
        """Poll round after round, yielding each poll's result. A round waits until a source is due
        and polls every source due then. ``once``: one round of the sources due now, no waiting;
        ``max_rounds``: stop after that many rounds; ``until``: start no poll after that many seconds."""
        deadline = time.monotonic() + until if until is not None else None
        self.link_leftovers()
        rounds = 0
        while True:
            due = self.due()
            if not due and not once:
                wait = self.seconds_to_next()
                if deadline is not None:
                    wait = min(wait, max(0.0, deadline - time.monotonic()))
                self.sleep(wait)
                self._stop_if_asked()
                if deadline is not None and time.monotonic() >= deadline:
                    return
                continue
            for source in due:
                result = self._poll_guarded(source)
                self._stop_if_asked()
                yield result
            rounds += 1
            if once or (max_rounds is not None and rounds >= max_rounds):
                return
            if deadline is not None and time.monotonic() >= deadline:
                return

    def _stop_if_asked(self) -> None:
        """A stop (Ctrl-C, SIGTERM) ends the watch even where the interrupt it raised was swallowed on the
        way (a library that catches it inside a query or a worker pool): its flag is read between polls."""
        if self.stopping.is_set():
            raise KeyboardInterrupt

    def due(self) -> list[WatchSource]:
        now = utc_now()
        return [source for source, at in self._due_times() if at <= now]

    def seconds_to_next(self) -> float:
        now = utc_now()
        return max(0.0, min((at - now).total_seconds() for _, at in self._due_times()))

    def _due_times(self) -> list[tuple[WatchSource, datetime]]:
        """When each source is due: its stored next poll or, after a success, its last poll plus the
        interval SOURCES.yaml gives now, if sooner (a shortened interval applies at once)."""
        states = {s.url: s for s in self.store.watch.all()}
        times = []
        for source in self.sources:
            state = states.get(source.url)
            if state is None:
                times.append((source, datetime.min))
                continue
            at = state.next_poll
            if state.failures == 0 and state.polled_at is not None:
                at = min(at, state.polled_at + timedelta(seconds=source.interval))
            times.append((source, at))
        return times

    def link_leftovers(self) -> None:
        """Link what a watch (or run) stopped before linking left (a run over no input links it)."""
        if self.store.unlinked_documents()[0]:
            runner.run_items(
                [], ["watch: linking what a stopped run left"], self.store, self.settings, engine=self.engine
            )

    def _poll_guarded(self, source: WatchSource) -> PollResult:
        """``poll``, with a failure of our own (a store error, a reader's bug) turned into that
        source's failed poll, so the other sources go on (its traceback logged at debug level)."""
        try:
            return self.poll(source)
        except Exception as exc:
            if self.stopping.is_set():
                raise KeyboardInterrupt from exc
            log.debug("polling %s failed", source.url, exc_info=True)
            state = self.store.watch.get(source.url) or WatchState(source.url, next_poll=utc_now())
            return self._failed(source, state, utc_now(), f"{type(exc).__name__}: {exc}")

    def poll(self, source: WatchSource) -> PollResult:
        """One conditional GET of ``source``; its new documents stored; then its state written."""
        state = self.store.watch.get(source.url) or WatchState(source.url, next_poll=utc_now())
        started = utc_now()
        try:
            response = self.fetcher.get(source.url, state.etag, state.last_modified)
        except FetchFailed as exc:
            return self._failed(source, state, started, exc.reason, exc.retry_after)
        if response.status == 304:
            self.store.watch.save(self._succeeded(source, state, started))
            return PollResult(source, "not modified")
        items = list(read_response(source.url, response, self.settings.reader, expect=source.kind))
        documents = [i for i in items if isinstance(i, Document)]
        if not documents:  # nothing readable: the source is failing (not a feed, malformed, empty)
            reason = "; ".join(e.reason for e in items if isinstance(e, InputError)) or "no documents"
            return self._failed(source, state, started, reason)
        if source.fetch_articles:
            items = list(with_articles(items, self.fetcher, self.store.versions.current_version))
        stored = self.store.stored_ids(i.id for i in items if isinstance(i, Document))
        new = [i for i in items if not (isinstance(i, Document) and i.id in stored)]
        report = None
        if new:
            report = runner.run_items(
                new, [source.url], self.store, self.settings, on_item=self.on_item, engine=self.engine
            )
        added = report.added_count if report else 0
        errors = len(report.errors) if report else 0
        # written after the documents were committed: a watch stopped before this line polls again
        self.store.watch.save(
            self._succeeded(source, state, started).replace(
                etag=response.etag,
                last_modified=response.last_modified,
                changed_at=started,
                added=state.added + added,
            )
        )
        skipped = len(items) - len(new) + (report.skipped if report else 0)
        return PollResult(source, "new", added=added, skipped=skipped, errors=errors)

    def _succeeded(self, source: WatchSource, state: WatchState, started: datetime) -> WatchState:
        return state.replace(
            polled_at=started, next_poll=started + timedelta(seconds=source.interval), failures=0, last_error=None
        )

    def _failed(
        self, source: WatchSource, state: WatchState, started: datetime, reason: str, retry_after: float | None = None
    ) -> PollResult:
        """The source's failed poll: it waits the backoff, or as long as the server asked (Retry-After)
        when that is longer, within --max-backoff."""
        failures = state.failures + 1
        cap = self.settings.watch.max_backoff
        wait = backoff(source.interval, failures, cap)
        if retry_after is not None:
            wait = max(wait, min(retry_after, cap))
        self.store.watch.save(
            state.replace(
                polled_at=started, next_poll=started + timedelta(seconds=wait), failures=failures, last_error=reason
            )
        )
        return PollResult(source, "failed", reason=reason, wait=wait)


def backoff(interval: float, failures: int, cap: float) -> float:
    """Seconds a source waits after ``failures`` consecutive failed polls: its interval doubled per
    failure, at most ``cap`` (but never less than its interval)."""
    return max(interval, min(interval * 2.0 ** min(failures, 60), cap))


def duration_text(seconds: float) -> str:
    """'45 s', '15 min', '2 h', '1.5 d': how long a source waits, for its line."""
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            value = seconds / size
            return f"{value:.0f} {unit}" if value == round(value) else f"{value:.1f} {unit}"
    return f"{seconds:.0f} s"
