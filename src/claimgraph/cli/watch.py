"""``claimgraph watch SOURCES.yaml``: poll feeds and pages, store what is new (claimgraph/watch.py)."""

from __future__ import annotations

import signal
import sys
import threading

import click
from rich.text import Text

from claimgraph.cli.base import (
    PROCESSING_SECTIONS,
    _open_store,
    _print_outcome,
    check_resources,
    db_option,
    err_console,
    main,
)
from claimgraph.cli.options import settings_options
from claimgraph.errors import ClaimgraphError, escaped


@main.command()
@click.argument("sources_file", metavar="SOURCES.yaml", type=click.Path(exists=True, dir_okay=False))
@db_option
@settings_options(*PROCESSING_SECTIONS, "watch")
@click.option("--once", is_flag=True, help="Poll the sources that are due now, once, and exit (for cron).")
@click.option("--max-rounds", type=click.IntRange(min=1), metavar="N", help="Stop after N rounds of polls.")
@click.option(
    "--until", type=click.FloatRange(min=0), metavar="SECONDS", help="Start no poll after SECONDS have passed."
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors: no line per poll.")
def watch(sources_file, db, settings, once, max_rounds, until, quiet):
    """Poll the feeds and pages SOURCES.yaml lists, each on its interval, and store what is new.

    Conditional GET (ETag, Last-Modified); new items go through the whole pipeline and linking, as
    with `claimgraph run`. A failed poll is one line naming the source and the reason, and the
    source backs off (its interval doubled per failure, up to --max-backoff). Each source's state
    is kept in the store: stop it at any time (Ctrl-C) and the next start resumes. Exits with
    status 1 when a poll or an item failed (after --once, --max-rounds or --until).
    """
    from claimgraph.ingest.fetch import Fetcher, FetchOptions
    from claimgraph.watch import Watcher, duration_text, load_sources

    try:
        sources = load_sources(sources_file, settings)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    check_resources(settings)
    # SIGTERM (a service manager stopping it) ends it as Ctrl-C does: the open batch rolls back
    stopping = threading.Event()

    def _interrupt(signum, frame):
        stopping.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _interrupt)
    previous_int = signal.signal(signal.SIGINT, _interrupt)
    failed = False
    try:
        with _open_store(db) as store, Fetcher(FetchOptions.of(settings)) as fetcher:
            watcher = Watcher(
                sources,
                store,
                settings,
                fetcher,
                on_item=lambda item, outcome: _print_outcome(item, outcome, err_console),
                stopping=stopping,
            )
            for result in watcher.run(once=once, max_rounds=max_rounds, until=until):
                url = escaped(result.source.url)
                failed = failed or result.status == "failed" or bool(result.errors)
                if result.status == "failed":
                    err_console.print(
                        Text(
                            f"error: {url}: {escaped(result.reason)} (next poll in {duration_text(result.wait)})",
                            style="red",
                        )
                    )
                elif not quiet:
                    click.echo(_poll_line(url, result))
    except KeyboardInterrupt:
        err_console.print(Text("stopped: what was committed is stored; the next start resumes", style="yellow"))
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
    sys.exit(1 if failed else 0)


def _poll_line(url: str, result) -> str:
    if result.status == "not modified":
        return f"{url}: not modified"
    parts = [f"{result.added} new", f"{result.skipped} already stored"]
    if result.errors:
        parts.append(f"{result.errors} error{'s' if result.errors != 1 else ''}")
    return f"{url}: {', '.join(parts)}"
