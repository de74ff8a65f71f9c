"""The ``claimgraph`` command line: build the store, list and show what it holds."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from claimgraph import __version__
from claimgraph.cli.options import settings_options
from claimgraph.errors import ClaimgraphError, escaped

DEFAULT_DB = "claimgraph.duckdb"
SUMMARY_ROWS = 50  # documents listed after a run; `claimgraph docs` lists them all

# Errors go to stderr; rich must not wrap them, so one error stays one line.
err_console = Console(stderr=True, soft_wrap=True, highlight=False)


def _console() -> Console:
    # piped output has no terminal width to respect: do not cut tables to rich's default 80 columns
    return Console(soft_wrap=True, highlight=False, width=None if sys.stdout.isatty() else 160)


def _open_store(db: str, must_exist: bool = False, *, reads_only: bool = False):
    """The store at ``db``, opened for writing. A command that only reads it (``reads_only``) opens
    it read-only where another process holds it: DuckDB lets read-only processes share a store (a
    `claimgraph serve --read-only`), never one that another process writes (the message says so)."""
    from claimgraph.store import Store, StoreInUse

    if must_exist and not Path(db).exists():
        raise click.ClickException(f"{db}: no such store (run `claimgraph run PATH...` first, or pass --db)")
    try:
        try:
            return Store(db)
        except StoreInUse:
            if not reads_only:
                raise
            return Store(db, read_only=True)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc


def _source_label(path: str, record: str | None) -> str:
    """A source as a person reads it in a table: the file name, and the record within it (control
    characters in either shown escaped: a file name can hold a newline or a terminal escape)."""
    name = escaped(path if path == "-" else os.path.basename(path.rstrip("/")) or path)
    if record is None:
        return name
    record = escaped(record.strip("<>"))  # WARC-Record-IDs are written <urn:uuid:...>
    return f"{name}#{record if len(record) <= 12 else '…' + record[-8:]}"


ID_CHARS = 10  # ids are shown shortened; any unique prefix of 4+ characters is accepted


def _documents_table(rows, title: str | None = None, width: int = 160) -> Table:
    """rows: (id, title, source label, language, chars, duplicate_of, duplicate_kind[, superseded_by]).

    Title and source share what the fixed columns leave of ``width`` (rich would otherwise squeeze
    the short columns to nothing on an 80-column terminal)."""
    flexible = max(24, min(80, width - 2 * ID_CHARS - 4 - 5 - 19))
    title_width = flexible * 3 // 5
    table = Table(title=title, title_justify="left")
    table.add_column("id", no_wrap=True, min_width=ID_CHARS)
    table.add_column("lang", no_wrap=True, min_width=4)
    table.add_column("chars", justify="right", no_wrap=True, min_width=5)
    table.add_column("dup of", no_wrap=True, min_width=ID_CHARS)
    table.add_column("title", max_width=title_width, no_wrap=True, overflow="ellipsis")
    table.add_column("source", max_width=flexible - title_width, no_wrap=True, overflow="ellipsis")
    old_versions = False
    for doc_id, doc_title, source, language, chars, duplicate_of, duplicate_kind, *superseded in rows:
        dup = f"{duplicate_of[: ID_CHARS - 2]} {duplicate_kind[0]}" if duplicate_of else ""
        if superseded and superseded[0]:  # an old version: what replaced it matters more than what it copied
            dup, old_versions = f"{superseded[0][: ID_CHARS - 2]} s", True
        table.add_row(doc_id[:ID_CHARS], language or "", str(chars), dup, escape(doc_title or ""), escape(source))
    if any(r for r in table.columns[3].cells):
        table.caption = "dup of: the canonical document's id; e = exact, n = near duplicate" + (
            "; s = superseded by that newer version of the same input" if old_versions else ""
        )
    return table


def _dump_json(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="CLAIMGRAPH_DB", help="DuckDB store file."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")


class _Commands(click.Group):
    """The command group, printing click's own errors in the form of ours: one line ``error: ...``
    on stderr (after the usage lines for a usage error). Exit status as click's: 2 for a usage
    error, 1 for the rest."""

    # Words a user reaches for that name another command: the docs call the HTML output "the
    # brief", so `claimgraph brief` is the first thing tried; click's own suggestion only finds
    # spellings close to a command's name.
    ALSO_KNOWN_AS = {"brief": "report", "html": "report", "import": "load", "ingest": "run"}

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if name and name not in self.commands and name in self.ALSO_KNOWN_AS:
            raise click.UsageError(f"No such command {name!r}: use `claimgraph {self.ALSO_KNOWN_AS[name]}`.", ctx)
        return super().resolve_command(ctx, args)

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            outcome = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
                help_option = exc.ctx.help_option_names[0] if exc.ctx.help_option_names else "--help"
                click.echo(f"Try '{exc.ctx.command_path} {help_option}' for help.", err=True)
            _print_error(exc.format_message())
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            _print_error(exc.format_message())
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            _print_error("aborted")
            sys.exit(1)
        # without standalone mode click returns the exit code of ctx.exit() (--help, --version)
        sys.exit(outcome if isinstance(outcome, int) else 0)


LOG_LEVELS = ("debug", "info", "warning", "error")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False),
    envvar="CLAIMGRAPH_CONFIG",
    default=None,
    help="Settings file (TOML) [default: ./claimgraph.toml when present; `claimgraph config show`].",
)
@click.option(
    "--log-level",
    type=click.Choice(LOG_LEVELS, case_sensitive=False),
    envvar="CLAIMGRAPH_LOG_LEVEL",
    default="warning",
    show_default=True,
    help="Log messages at this level and above go to stderr (debug: a failed document's traceback).",
)
@click.pass_context
def main(ctx: click.Context, config: str | None, log_level: str) -> None:
    """claimgraph: a provenance-linked graph of actors, events and claims from messy documents."""
    ctx.obj = {"config": config}
    setup_logging(log_level)


def setup_logging(level: str) -> None:
    """stdlib logging through rich on stderr. Re-configured on every invocation (tests invoke the
    group many times in one process)."""
    from rich.logging import RichHandler

    handler = RichHandler(console=err_console, show_path=False, show_time=False, markup=False)
    logging.basicConfig(level=level.upper(), format="%(name)s: %(message)s", handlers=[handler], force=True)


# the settings every command that reads and processes inputs takes (claimgraph.settings)
PROCESSING_SECTIONS = ("input", "clean", "extract", "dedup", "fetch")


# for the commands that describe stored actors: by default the actor files of the store's latest run
ontology_option = click.option(
    "--ontology",
    "ontology_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra actors (ontology YAML) to describe stored actors with [default: the "
    "files the store's latest run used]. Repeatable.",
)


def _load_ontology(ontology_files: tuple[str, ...], store=None):
    """The shipped ontology plus ``ontology_files`` or, when none are given, the files the store's
    latest run used; an unusable file stops the command with one line."""
    from claimgraph.entities.ontology import Ontology
    from claimgraph.settings import Settings

    if not ontology_files and store is not None:
        ontology_files = tuple(str(p) for p in Settings.of_store(store).ontology_files)
    try:
        return Ontology.load(tuple(ontology_files))
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc


def check_resources(settings) -> None:
    """Load the user's rules and ontology files once before any input is read: a bad file stops the
    command with one line instead of failing every document."""
    from claimgraph.clean import load_rules
    from claimgraph.entities.ontology import Ontology

    try:
        load_rules(extra=settings.rule_files)
        Ontology.load(tuple(str(p) for p in settings.ontology_files))
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if settings.extract.mode == "accurate":
        _warn_without_parser()


def _warn_without_parser() -> None:
    """Once per command, not once per worker: the accurate mode's learned events need the `events` extra."""
    from claimgraph.events.parse import ParserMissing, require_installed

    try:
        require_installed()
    except ParserMissing as exc:
        logging.getLogger("claimgraph").warning("%s; events use the trigger lexicon, entities the word CRF", exc)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@settings_options(*PROCESSING_SECTIONS, "run", "link")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary (errors are still printed).")
@json_option
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine, into --db. spark: a Spark job writing Parquet "
    "to --out (import it with `claimgraph load`).",
)
@click.option("--out", default=None, metavar="DIR", help="Spark engine: Parquet output directory or URI.")
@click.option(
    "--board",
    "board_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    metavar="FILE.yaml",
    help="After the run, create or update the ACH board this file describes (docs/ach.md).",
)
def run(paths, db, quiet, as_json, engine, out, board_file, settings):
    """Ingest and clean PATHS (files, directories, http(s) URLs, or - for stdin) into the store.

    Re-running on the same inputs adds nothing; a run that was interrupted is completed. Exits with
    status 1 if any input failed (each failure is printed as one line naming the file and the reason).
    """
    from claimgraph import runner

    check_resources(settings)
    options = settings
    if board_file is not None:
        if engine == "spark":
            raise click.UsageError(
                "--board is for the local engine (after `claimgraph load`, use `claimgraph ach init`)"
            )
        from claimgraph.ach import read_board_file

        try:  # a bad board file stops the command before any input is read
            read_board_file(board_file)
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc
    if engine == "spark":
        from claimgraph.ingest.fetch import is_url

        if settings.fetch.articles or any(is_url(p) for p in paths):
            raise click.UsageError("--engine spark reads files: fetch URLs and articles with the local engine")
        from claimgraph.cli.scale import run_spark_command

        run_spark_command(paths, out, settings, quiet, as_json)
        return
    if out is not None:
        raise click.UsageError("--out is for --engine spark; the local engine writes to --db")
    workers = settings.run.workers
    if not workers:
        from claimgraph.engines.local import default_workers

        workers = default_workers()
    show_progress = not quiet and not as_json and sys.stderr.isatty()
    with _open_store(db) as store:
        if show_progress:
            report = _run_with_progress(paths, store, options, workers)
        else:
            report = runner.run(
                paths,
                store,
                options,
                on_item=lambda item, outcome: _print_outcome(item, outcome, err_console),
                workers=workers,
            )
        board_id = _apply_board(store, board_file) if board_file else None
        # the report reads the run's documents back from the store: print while it is open
        if as_json:
            _dump_json({**report.to_dict(), **({"board": board_id} if board_id else {})})
        elif not quiet:
            _print_run_summary(report, db)
            click.echo(_store_holdings(store))
            if board_id:
                click.echo(f"board {board_id}: claimgraph ach show {board_id} --db {db}")
    sys.exit(1 if report.errors else 0)


def _count(n: int, noun: str) -> str:
    """ "1 document", "2 documents": the holdings line is read by people, not parsed."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _store_holdings(store) -> str:
    """One line on what the whole store now holds, and where to look next."""
    from claimgraph.cli.serve import serve_extra_missing  # the serve command's module imports this one

    n = store.documents.holdings()
    serve = "serve (after pip install '.[serve]')" if serve_extra_missing() else "serve"
    return (
        f"the store holds {_count(n.documents, 'document')}, {_count(n.events, 'distinct event')}, "
        f"{_count(n.claims, 'claim')} (duplicates aside), {_count(n.propositions, 'proposition')} "
        f"({n.contested} contested), {_count(store.disputes.count(), 'dispute')}: "
        f"claimgraph disputes | contested | claims | events | {serve}"
    )


def _apply_board(store, board_file: str) -> str:
    from claimgraph.ach import apply_board_file

    try:
        return apply_board_file(store, board_file)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc


def _print_error(error) -> None:
    err_console.print(Text(f"error: {error}", style="red"))


def _print_outcome(item, outcome: str, console) -> None:
    """An input's error, or an added document's notes (a budget it ran into), one line each."""
    if outcome == "error":
        console.print(Text(f"error: {item}", style="red"))
    elif outcome == "added":
        from claimgraph.model import NOTES_KIND

        for note in item.annotations.get(NOTES_KIND, ()):
            console.print(Text(f"note: {escaped(item.source.locator)}: {note.text}", style="yellow"))


def _run_with_progress(paths, store, options, workers=1):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from claimgraph import runner

    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[current]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
    with progress:
        task = progress.add_task("documents", total=None, current="")

        def on_item(item, outcome):
            _print_outcome(item, outcome, progress.console)
            where = item.path if outcome == "error" else item.source.locator
            progress.update(task, advance=1, current=escape(where[-60:]))

        return runner.run(paths, store, options, on_item=on_item, workers=workers)


def _print_run_summary(report, db) -> None:
    console = _console()
    if report.added:
        rows = [
            (
                d.id,
                d.title,
                _source_label(d.source.path, d.source.record),
                d.language,
                d.chars,
                d.duplicate_of,
                d.duplicate_kind,
            )
            for d in report.added[:SUMMARY_ROWS]
        ]
        console.print(_documents_table(rows, title=f"Added to {db}", width=console.width))
        if len(report.added) > SUMMARY_ROWS:
            console.print(f"... and {len(report.added) - SUMMARY_ROWS} more (claimgraph docs --db {db})")
    console.print(
        f"{len(report.added)} added ({len(report.duplicates)} duplicates), "
        f"{report.skipped} already stored, {len(report.errors)} failed"
    )
    from claimgraph.claims.extract import unread_languages

    unread = unread_languages(report.added)
    if unread:  # the claim stage read none of these: say so rather than list no claims silently
        from claimgraph.cli.claims import unread_note

        console.print(unread_note(unread))


@main.command()
@db_option
@json_option
@click.option("--limit", type=int, default=None, help="Show at most this many documents.")
@click.option(
    "--include-superseded",
    is_flag=True,
    help="Also list the old versions of edited inputs, each marked with the version that replaced it.",
)
def docs(db, as_json, limit, include_superseded):
    """List stored documents: id, title, source, language, characters, duplicate-of (--json: also author,
    date, site, URL).

    An input read again with other text (an edited file, a record id with new content) is a new
    version: it supersedes the old one, which is listed only with --include-superseded."""
    with _open_store(db, must_exist=True, reads_only=True) as store:
        rows = store.documents.summaries(limit=limit, include_superseded=include_superseded)
    if as_json:
        _dump_json(rows)
        return
    console = _console()
    console.print(
        _documents_table(
            (
                (
                    r["id"],
                    r["title"],
                    _source_label(r["source_path"], r["source_record"]),
                    r["language"],
                    r["chars"],
                    r["duplicate_of"],
                    r["duplicate_kind"],
                    r.get("superseded_by"),
                )
                for r in rows
            ),
            width=console.width,
        )
    )
    old = sum(1 for r in rows if r.get("superseded_by"))
    console.print(f"{len(rows) - old} documents" + (f", {old} superseded" if old else ""))


@main.command()
@click.argument("doc_id")
@db_option
@click.option("--raw", "mode", flag_value="raw", help="The raw text as read, before cleaning.")
@click.option("--removed", "mode", flag_value="removed", help="Every removal: raw span, rule and reason, text.")
@click.option("--entities", "mark_entities", is_flag=True, help="Mark entity mentions (type and linked id).")
@click.option("--events", "mark_events", is_flag=True, help="Mark event triggers with their type.")
@click.option("--claims", "mark_claims", is_flag=True, help="Mark claims with status, evidence and speaker.")
@json_option
def show(doc_id, db, mode, mark_entities, mark_events, mark_claims, as_json):
    """Show a document's clean text (DOC_ID may be a unique prefix of 4+ characters)."""
    from claimgraph.clean import load_rules

    with _open_store(db, must_exist=True, reads_only=True) as store:
        try:
            doc = store.documents.get(doc_id)
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc
        superseded_by = store.versions.superseded_by(doc.id)
    if as_json:
        _dump_json({**doc.to_dict(), "superseded_by": superseded_by} if superseded_by else doc.to_dict())
        return
    console = _console()
    header = f"{doc.id}  {doc.meta.title or ''}\n{doc.source.locator}  lang={doc.language or '?'}"
    if doc.duplicate_of:
        header += f"  {doc.duplicate_kind} duplicate of {doc.duplicate_of}"
    if superseded_by:
        header += f"\nsuperseded by {superseded_by} (a newer version of this input)"
    console.print(Text(header, style="bold"))
    from claimgraph.model import NOTES_KIND

    for note in doc.annotations.get(NOTES_KIND, ()):  # e.g. the stages searched only its first part
        console.print(Text(f"note: {note.text}", style="yellow"))
    console.print()
    if mode == "raw":
        console.print(Text(doc.raw_text))
    elif mode == "removed":
        reasons = load_rules().descriptions()
        for r in doc.removals:
            console.print(
                Text.assemble(
                    (f"[{r.raw_start}:{r.raw_end}] ", "dim"),
                    (r.rule, "bold yellow"),
                    (f"  {reasons.get(r.rule, '')}", "dim"),
                )
            )
            console.print(Text("    " + r.text.replace("\n", "\n    ")))
        console.print(f"{len(doc.removals)} removals")
    elif mark_entities or mark_events or mark_claims:
        from claimgraph.render.terminal import highlighted

        console.print(highlighted(doc, entities=mark_entities, events=mark_events, claims=mark_claims))
    else:
        console.print(Text(doc.clean_text))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@settings_options(*PROCESSING_SECTIONS)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
def extract(paths, fmt, settings):
    """Run the per-document stages on PATHS and print one JSON object per document (nothing is stored).

    The objects follow the schema printed by `claimgraph schema`.
    """
    from claimgraph import runner
    from claimgraph.errors import InputError

    check_resources(settings)
    failed = False
    for item in runner.extract(paths, settings):
        if isinstance(item, InputError):
            failed = True
            _print_error(item)
            continue
        click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.command()
def schema():
    """Print the JSON Schema of the documents `claimgraph extract` prints."""
    from claimgraph.model import DOCUMENT_SCHEMA

    _dump_json(DOCUMENT_SCHEMA)


if __name__ == "__main__":
    main()
