"""The ``claimgraph`` command line: build the store, list and show what it holds."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError

DEFAULT_DB = "claimgraph.duckdb"
SUMMARY_ROWS = 50  # documents listed after a run; `claimgraph docs` lists them all

# Errors go to stderr; rich must not wrap them, so one error stays one line.
err_console = Console(stderr=True, soft_wrap=True, highlight=False)


def _console() -> Console:
    # piped output has no terminal width to respect: do not cut tables to rich's default 80 columns
    return Console(soft_wrap=True, highlight=False, width=None if sys.stdout.isatty() else 160)


def _open_store(db: str, must_exist: bool = False):
    from claimgraph.store import Store

    if must_exist and not Path(db).exists():
        raise click.ClickException(f"{db}: no such store (run `claimgraph run PATH...` first, or pass --db)")
    try:
        return Store(db)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc


def _source_label(path: str, record: str | None) -> str:
    """A source as a person reads it in a table: the file name, and the record within it."""
    name = path if path == "-" else os.path.basename(path.rstrip("/")) or path
    if record is None:
        return name
    record = record.strip("<>")  # WARC-Record-IDs are written <urn:uuid:...>
    return f"{name}#{record if len(record) <= 12 else '…' + record[-8:]}"


ID_CHARS = 10  # ids are shown shortened; any unique prefix of 4+ characters is accepted


def _documents_table(rows, title: str | None = None, width: int = 160) -> Table:
    """rows: (id, title, source label, language, chars, duplicate_of, duplicate_kind).

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
    for doc_id, doc_title, source, language, chars, duplicate_of, duplicate_kind in rows:
        dup = f"{duplicate_of[:ID_CHARS - 2]} {duplicate_kind[0]}" if duplicate_of else ""
        table.add_row(doc_id[:ID_CHARS], language or "", str(chars), dup, escape(doc_title or ""), escape(source))
    if any(r for r in table.columns[3].cells):
        table.caption = "dup of: the canonical document's id; e = exact, n = near duplicate"
    return table


def _dump_json(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


db_option = click.option("--db", default=DEFAULT_DB, show_default=True, envvar="CLAIMGRAPH_DB",
                         help="DuckDB store file.")
json_option = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")


class _Commands(click.Group):
    """The command group, printing click's own errors in the form of ours: one line ``error: ...``
    on stderr (after the usage lines for a usage error). Exit status as click's: 2 for a usage
    error, 1 for the rest."""

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


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """claimgraph: a provenance-linked graph of actors, events and claims from messy documents."""


def reader_options(f):
    """Options shared by every command that reads input files."""
    for opt in reversed([
        click.option("--max-size", type=float, default=50, show_default=True, metavar="MB",
                     help="Reject input files larger than this."),
        click.option("--text-field", default="text", show_default=True, help="JSON/JSONL field holding the text."),
        click.option("--title-field", default="title", show_default=True),
        click.option("--url-field", default="url", show_default=True),
        click.option("--date-field", default="date", show_default=True),
        click.option("--author-field", default="author", show_default=True),
        click.option("--site-field", default="site", show_default=True),
        click.option("--rules", "rule_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra cleaning rules (YAML) added to the shipped ones. Repeatable."),
        click.option("--ontology", "ontology_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra actors (ontology YAML, docs/ontology.md) added to the shipped ones. Repeatable."),
    ]):
        f = opt(f)
    return f


# for the commands that describe stored actors: the user's actor files the run used (until the store keeps them)
ontology_option = click.option("--ontology", "ontology_files", multiple=True,
                               type=click.Path(exists=True, dir_okay=False),
                               help="Extra actors (ontology YAML) the store's run used: their names, countries "
                                    "and ties. Repeatable.")


def _load_ontology(ontology_files: tuple[str, ...]):
    """The shipped ontology plus ``ontology_files``; an unusable file stops the command with one line."""
    from claimgraph.entities.ontology import Ontology

    try:
        return Ontology.load(tuple(ontology_files))
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc


# the entity stage's two paths (docs/entities.md, "Fast mode"): run and extract take it
mode_option = click.option("--mode", type=click.Choice(["accurate", "fast"]), default="accurate", show_default=True,
                           help="Entity stage: accurate runs the full re3d tagger; fast the dictionary, places, "
                                "persons and a cheap tagger path (docs/entities.md).")


def _pipeline_options(max_size: float, rule_files: tuple[str, ...], ontology_files: tuple[str, ...] = (),
                      mode: str = "accurate", **fields: str):
    """PipelineOptions from the options `reader_options` adds (the *_field options name JSON fields)."""
    from claimgraph.entities.extract import load_ontology
    from claimgraph.ingest import ReaderOptions
    from claimgraph.pipeline import PipelineOptions

    from claimgraph.clean import load_rules

    try:  # a bad rules or ontology file stops the command before any input is read, with one line
        load_rules(extra=rule_files)
        load_ontology(tuple(ontology_files))
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    return PipelineOptions(reader=ReaderOptions(max_bytes=int(max_size * 1024 * 1024), **fields),
                           rule_files=tuple(Path(p) for p in rule_files),
                           ontology_files=tuple(Path(p) for p in ontology_files), mode=mode)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@reader_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary (errors are still printed).")
@json_option
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: worker processes on this machine, into --db. spark: a Spark job writing Parquet "
                   "to --out (import it with `claimgraph load`).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Local engine: processes for the per-document stages [default: one per core].")
@click.option("--master", default="local[*]", show_default=True, help="Spark engine: the Spark master URL.")
@click.option("--out", default=None, metavar="DIR", help="Spark engine: Parquet output directory or URI.")
@mode_option
@click.option("--board", "board_file", type=click.Path(exists=True, dir_okay=False), default=None, metavar="FILE.yaml",
              help="After the run, create or update the ACH board this file describes (docs/ach.md).")
def run(paths, db, quiet, as_json, engine, workers, master, out, board_file, **reader_kwargs):
    """Ingest and clean PATHS (files, directories, or - for stdin) into the store.

    Re-running on the same inputs adds nothing; a run that was interrupted is completed. Exits with
    status 1 if any input failed (each failure is printed as one line naming the file and the reason).
    """
    from claimgraph import runner

    options = _pipeline_options(**reader_kwargs)
    if board_file is not None:
        if engine == "spark":
            raise click.UsageError("--board is for the local engine (after `claimgraph load`, use `claimgraph ach init`)")
        from claimgraph.ach import read_board_file

        try:  # a bad board file stops the command before any input is read
            read_board_file(board_file)
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc
    if engine == "spark":
        from claimgraph.cli.scale import run_spark_command

        run_spark_command(paths, out, master, options, quiet, as_json)
        return
    if out is not None:
        raise click.UsageError("--out is for --engine spark; the local engine writes to --db")
    if workers is None:
        from claimgraph.engines.local import default_workers

        workers = default_workers()
    show_progress = not quiet and not as_json and sys.stderr.isatty()
    with _open_store(db) as store:
        if show_progress:
            report = _run_with_progress(paths, store, options, workers)
        else:
            report = runner.run(paths, store, options,
                                on_item=lambda item, outcome: _print_error(item) if outcome == "error" else None,
                                workers=workers)
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


def _store_holdings(store) -> str:
    """One line on what the whole store now holds, and where to look next."""
    n = store.query("""
        SELECT (SELECT count(*) FROM documents WHERE duplicate_of IS NULL) AS documents,
               (SELECT count(DISTINCT coalesce(cluster_id, id)) FROM events
                 WHERE NOT coalesce(negated, false) AND modality IS NULL) AS events,
               (SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id
                 WHERE d.duplicate_of IS NULL) AS claims,  -- what `claimgraph claims` lists
               (SELECT count(*) FROM propositions) AS propositions,
               (SELECT count(*) FROM propositions WHERE contested_score > 0) AS contested""")[0]
    return (f"the store holds {n['documents']} documents, {n['events']} distinct events, {n['claims']} claims "
            f"(duplicates aside), {n['propositions']} propositions ({n['contested']} contested): "
            "claimgraph contested | claims | events | serve")


def _apply_board(store, board_file: str) -> str:
    from claimgraph.ach import apply_board_file

    try:
        return apply_board_file(store, board_file)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc


def _print_error(error) -> None:
    err_console.print(Text(f"error: {error}", style="red"))


def _run_with_progress(paths, store, options, workers=1):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from claimgraph import runner

    progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TextColumn("{task.fields[current]}"), TimeElapsedColumn(),
                        console=err_console, transient=True)
    with progress:
        task = progress.add_task("documents", total=None, current="")

        def on_item(item, outcome):
            if outcome == "error":
                progress.console.print(Text(f"error: {item}", style="red"))
                where = item.path
            else:
                where = item.source.locator
            progress.update(task, advance=1, current=escape(where[-60:]))

        return runner.run(paths, store, options, on_item=on_item, workers=workers)


def _print_run_summary(report, db) -> None:
    console = _console()
    if report.added:
        rows = [(d.id, d.title, _source_label(d.source.path, d.source.record), d.language, d.chars,
                 d.duplicate_of, d.duplicate_kind) for d in report.added[:SUMMARY_ROWS]]
        console.print(_documents_table(rows, title=f"Added to {db}", width=console.width))
        if len(report.added) > SUMMARY_ROWS:
            console.print(f"... and {len(report.added) - SUMMARY_ROWS} more (claimgraph docs --db {db})")
    console.print(f"{len(report.added)} added ({len(report.duplicates)} duplicates), "
                  f"{report.skipped} already stored, {len(report.errors)} failed")
    from claimgraph.claims.extract import unread_languages

    unread = unread_languages(report.added)
    if unread:  # the claim stage read none of these: say so rather than list no claims silently
        from claimgraph.cli.claims import unread_note

        console.print(unread_note(unread))


@main.command()
@db_option
@json_option
@click.option("--limit", type=int, default=None, help="Show at most this many documents.")
def docs(db, as_json, limit):
    """List stored documents: id, title, source, language, characters, duplicate-of."""
    with _open_store(db, must_exist=True) as store:
        rows = store.list_documents(limit=limit)
    if as_json:
        _dump_json(rows)
        return
    console = _console()
    console.print(_documents_table(
        ((r["id"], r["title"], _source_label(r["source_path"], r["source_record"]), r["language"], r["chars"],
          r["duplicate_of"], r["duplicate_kind"]) for r in rows), width=console.width))
    console.print(f"{len(rows)} documents")


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

    with _open_store(db, must_exist=True) as store:
        try:
            doc = store.get_document(doc_id)
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump_json(doc.to_dict())
        return
    console = _console()
    header = f"{doc.id}  {doc.meta.title or ''}\n{doc.source.locator}  lang={doc.language or '?'}"
    if doc.duplicate_of:
        header += f"  {doc.duplicate_kind} duplicate of {doc.duplicate_of}"
    console.print(Text(header, style="bold"))
    console.print()
    if mode == "raw":
        console.print(Text(doc.raw_text))
    elif mode == "removed":
        reasons = load_rules().descriptions()
        for r in doc.removals:
            console.print(Text.assemble((f"[{r.raw_start}:{r.raw_end}] ", "dim"), (r.rule, "bold yellow"),
                                        (f"  {reasons.get(r.rule, '')}", "dim")))
            console.print(Text("    " + r.text.replace("\n", "\n    ")))
        console.print(f"{len(doc.removals)} removals")
    elif mark_entities or mark_events or mark_claims:
        from claimgraph.cli.highlight import highlighted

        console.print(highlighted(doc, entities=mark_entities, events=mark_events, claims=mark_claims))
    else:
        console.print(Text(doc.clean_text))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@reader_options
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@mode_option
def extract(paths, fmt, **reader_kwargs):
    """Run the per-document stages on PATHS and print one JSON object per document (nothing is stored).

    The objects follow the schema printed by `claimgraph schema`.
    """
    from claimgraph import runner
    from claimgraph.errors import InputError

    options = _pipeline_options(**reader_kwargs)
    failed = False
    for item in runner.extract(paths, options):
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
