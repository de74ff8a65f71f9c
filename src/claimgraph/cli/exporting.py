"""``--export NAME`` for the listing commands: the records written by a registered exporter
(``claimgraph.exporters``; ``--json`` and ``--csv`` name the built-in ones)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from claimgraph.plugins import registry


def export_option(subject: str):
    return click.option(
        "--export",
        "export",
        type=click.Choice(registry().exporter_names(subject)),
        default=None,
        help=f"Write the {subject} with this exporter on stdout (plugins add exporters).",
    )


def write_export(subject: str, name: str | None, as_json: bool, as_csv: bool, records: Sequence[dict]) -> bool:
    """Write ``records`` with the exporter asked for, if any; whether one was."""
    name = name or ("json" if as_json else "csv" if as_csv else None)
    if name is None:
        return False
    registry().exporter(subject, name).write(records, sys.stdout)
    return True
