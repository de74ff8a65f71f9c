"""``claimgraph disputes``: where independent sources disagree about figures, facts and each other."""

from __future__ import annotations

import csv
import sys

import click
from rich.markup import escape

from claimgraph.cli.base import _console, _dump_json, _open_store, db_option, json_option, main
from claimgraph.errors import ClaimgraphError


@main.command()
@db_option
@click.option(
    "--kind",
    type=click.Choice(["figures", "facts", "claims"]),
    default=None,
    help="Only disputed figures (tolls, strengths), facts (perpetrator, date, place; a person's fate or "
    "family tie) or claims (affirmed against denied).",
)
@click.option("--limit", type=int, default=None, help="List at most this many disputes.")
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout: one row per value, its dispute's fields first.")
def disputes(db, kind, limit, as_json, as_csv):
    """Disputes: values that independent sources give and that cannot all be true, most divergent
    and firmest first. `claimgraph run` finds them after each run.

    A later, higher toll from the same or an official source is an update, not a dispute."""
    from claimgraph.link.disputes import RECORD_COLUMNS, dispute_records, list_disputes

    with _open_store(db, must_exist=True, reads_only=True) as store:
        try:
            items = list_disputes(store, kind, limit=limit)
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump_json(items)
        return
    if as_csv:
        out = csv.DictWriter(sys.stdout, fieldnames=RECORD_COLUMNS, lineterminator="\n")
        out.writeheader()
        out.writerows(dispute_records(items))
        return
    console = _console()
    if not items:
        console.print("no disputes (no two independent sources give values that cannot both be true)")
        return
    for n, d in enumerate(items, 1):
        console.print(f"[bold]{n}. {escape(d['label'])}[/bold]  [dim]{d['kind']}, score {d['score']:.2f}[/dim]")
        console.print(f"   {escape(d['why'])}", highlight=False)
        for v in d["values"]:
            tag = "" if v["role"] == "value" else f" [{v['role']}]"
            console.print(
                f"   - {escape(v['value_label'])}{escape(tag)}: {escape(v['speaker'] or '')} ({escape(v['source'])}), "
                f"{v['date'] or 'undated'}, {v['status'] or ''}",
                highlight=False,
            )
            console.print(f"     [dim]{escape(v['text'] or '')}[/dim]", highlight=False)
        console.print()
