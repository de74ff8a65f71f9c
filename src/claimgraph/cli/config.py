"""``claimgraph config show``: the effective settings and where each value came from."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from claimgraph.cli.base import _console, _dump_json, json_option, main
from claimgraph.cli.options import settings_from_context
from claimgraph.settings import specs


@main.group()
def config() -> None:
    """Settings: shipped defaults < claimgraph.toml (or --config FILE) < CLAIMGRAPH_* variables < flags."""


@config.command()
@json_option
@click.pass_context
def show(ctx: click.Context, as_json: bool) -> None:
    """Print every setting, its effective value and where it came from (default, a file, a variable)."""
    settings = settings_from_context(ctx)
    rows = [
        (spec.key, settings.value(spec.key), settings.origin(spec.key), spec.meta["flag"] or "", spec.env)
        for spec in specs()
    ]
    if as_json:
        _dump_json(
            {
                key: {
                    "value": list(value) if isinstance(value, tuple) else value,
                    "origin": origin,
                    "flag": flag or None,
                    "env": env,
                }
                for key, value, origin, flag, env in rows
            }
        )
        return
    table = Table(
        title="claimgraph settings (claimgraph.toml keys; CLAIMGRAPH_<SECTION>_<KEY> variables)", title_justify="left"
    )
    for column in ("setting", "value", "from", "flag"):
        table.add_column(column, no_wrap=column != "value")
    for key, value, origin, flag, _ in rows:
        shown = ", ".join(value) if isinstance(value, tuple) else str(value)
        table.add_row(key, escape(shown), escape(origin), flag)
    _console().print(table)
