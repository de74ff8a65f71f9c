"""``claimgraph stance FILE.csv``: the stance of each text towards its claim, as CSV on stdout."""

from __future__ import annotations

import csv
import sys

import click

from claimgraph.cli.base import err_console, main
from claimgraph.errors import ClaimgraphError

REQUIRED_COLUMNS = ("id", "claim", "text")
BATCH = 512  # rows classified together: texts repeated within a batch are prepared once


def read_pairs(path: str):
    """Yield (line, id, claim, text) per row, or (line, None, reason, None) for a bad row.

    Raises ClaimgraphError naming the file when it cannot be read or lacks a required column.
    """
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ClaimgraphError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    with fh:
        try:
            reader = csv.DictReader(fh)
            header = reader.fieldnames
            if not header:
                raise ClaimgraphError(f"{path}: empty file (expected a header row: {','.join(REQUIRED_COLUMNS)})")
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise ClaimgraphError(
                    f"{path}: missing column{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(missing)} (header has: {', '.join(header)})"
                )
            for row in reader:
                line = reader.line_num
                claim, text = (row.get("claim") or "").strip(), (row.get("text") or "").strip()
                if not claim or not text:
                    yield line, None, f"empty {'claim' if not claim else 'text'}", None
                else:
                    yield line, row["id"], claim, text
        except UnicodeDecodeError as exc:
            raise ClaimgraphError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        except csv.Error as exc:
            raise ClaimgraphError(f"{path}: malformed CSV: {exc}") from exc


@main.command()
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False))
def stance(csv_file: str) -> None:
    """Label each row of FILE.csv (columns id,claim,text) agree / disagree / discuss / unrelated.

    Prints id,stance,score CSV; score is the model's probability of that stance. Rows with an empty
    claim or text are reported on stderr and skipped. The model uses the fast embeddings (no torch).
    """
    from claimgraph.link.stance import StanceModel

    try:
        model = StanceModel.load()
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    out = csv.writer(sys.stdout, lineterminator="\n")
    batch: list[tuple[str, str, str]] = []

    def flush() -> None:
        for (row_id, _, _), (label, score) in zip(batch, model.predict([(c, t) for _, c, t in batch])):
            out.writerow((row_id, label, f"{score:.4f}"))
        batch.clear()

    try:
        rows = read_pairs(csv_file)
        first = next(rows, None)  # reads and checks the header before anything is printed
        out.writerow(("id", "stance", "score"))
        for line, row_id, claim, text in _chain(first, rows):
            if row_id is None:
                err_console.print(f"{csv_file}:{line}: {claim}; row skipped", markup=False)
                continue
            batch.append((row_id, claim, text))
            if len(batch) >= BATCH:
                flush()
        flush()
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc


def _chain(first, rest):
    if first is not None:
        yield first
        yield from rest
