"""Commands for the scale-out engines: the Spark half of `run`, and `load` of its Parquet output."""

from __future__ import annotations

import sys

import click

from claimgraph.cli.base import (
    _dump_json,
    _open_store,
    _print_error,
    _print_outcome,
    _print_run_summary,
    db_option,
    err_console,
    json_option,
    main,
)
from claimgraph.cli.options import settings_from_context, settings_options


def run_spark_command(paths, out, settings, quiet: bool, as_json: bool) -> None:
    """`claimgraph run --engine spark`: the Spark job, Parquet to --out; exits 1 if any input failed."""
    if not out:
        raise click.UsageError("--engine spark writes Parquet: give --out DIR (then `claimgraph load DIR`)")
    if "-" in paths:
        raise click.UsageError("--engine spark cannot read standard input (-): give files, directories or URIs")
    from claimgraph.engines.spark import java_available, run_spark

    if not java_available():
        raise click.ClickException(
            "the Spark engine needs Java 17 (apt-get install openjdk-17-jre-headless, or set JAVA_HOME)"
        )
    report = run_spark(paths, out, settings.run.master, settings, partitions=settings.run.partitions or None)
    for error in report.errors:
        _print_error(error)
    if as_json:
        _dump_json(report.to_dict())
    elif not quiet:
        click.echo(
            f"{report.documents} documents written to {report.out} ({len(report.errors)} failed); "
            f"import them with: claimgraph load {report.out}"
        )
    sys.exit(1 if report.errors else 0)


@main.command()
@click.argument("parquet_dir", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("-q", "--quiet", is_flag=True, help="No summary (errors are still printed).")
@json_option
@settings_options("dedup", flags_only=True)
@click.pass_context
def load(ctx, parquet_dir, db, quiet, as_json, flags):
    """Import the Parquet output of `claimgraph run --engine spark` into the store.

    Duplicates are detected here, against everything already stored, in input order, with the
    store's settings (its latest run's). Loading the same output again adds nothing. Exits with
    status 1 if the output records failed inputs.
    """
    from claimgraph.engines.parquet import load_parquet
    from claimgraph.errors import InputRejected
    from claimgraph.settings import Settings

    with _open_store(db) as store:
        stored = store.run_settings()
        settings = Settings.from_dict(stored[1], origin=f"run {stored[0]}") if stored else settings_from_context(ctx)
        settings = settings.with_values(flags)
        try:
            report = load_parquet(
                parquet_dir,
                store,
                settings.near_duplicate_threshold,
                on_item=lambda item, outcome: _print_outcome(item, outcome, err_console),
                settings=settings.to_dict(),
            )
        except InputRejected as exc:
            raise click.ClickException(f"{parquet_dir}: {exc.reason}") from exc
        if as_json:  # the report reads the documents back from the store: while it is open
            _dump_json(report.to_dict())
        elif not quiet:
            _print_run_summary(report, db)
    sys.exit(1 if report.errors else 0)
