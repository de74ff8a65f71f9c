"""Entity commands: ``claimgraph actors``, ``claimgraph places`` and ``claimgraph tag``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from claimgraph.cli.base import _console, _dump_json, _open_store, db_option, json_option, main

DOCUMENTS_SHOWN = 3  # document ids listed per row in the table; --json lists them all


def _documents_cell(ids: list[str]) -> str:
    shown = ", ".join(i[:8] for i in ids[:DOCUMENTS_SHOWN])
    return shown + (f" +{len(ids) - DOCUMENTS_SHOWN}" if len(ids) > DOCUMENTS_SHOWN else "")


@main.command()
@db_option
@json_option
@click.option("--limit", type=int, default=None, help="Show only the N most mentioned.")
@click.option("--include-duplicates", is_flag=True, help="Count mentions in duplicate documents too.")
def actors(db, as_json, limit, include_duplicates):
    """Actors mentioned in the store, most mentioned first, with the documents naming them."""
    with _open_store(db, must_exist=True, reads_only=True) as store:
        rows = store.entities.actors_with_documents(include_duplicates=include_duplicates)[:limit]
    if as_json:
        _dump_json(rows)
        return
    table = Table(title=f"{len(rows)} actors", title_justify="left")
    for name, kw in (
        ("actor", {"no_wrap": True}),
        ("name", {}),
        ("type", {"no_wrap": True}),
        ("mentions", {"justify": "right", "no_wrap": True}),
        ("docs", {"justify": "right"}),
        ("documents", {}),
    ):
        table.add_column(name, **kw)
    for r in rows:
        table.add_row(
            r["id"],
            escape(r["name"] or ""),
            r["type"] or "",
            str(r["mentions"]),
            str(r["document_count"]),
            _documents_cell(r["documents"]),
        )
    _console().print(table)


@main.command()
@db_option
@json_option
@click.option("--limit", type=int, default=None, help="Show only the N most mentioned.")
@click.option("--include-duplicates", is_flag=True, help="Count mentions in duplicate documents too.")
def places(db, as_json, limit, include_duplicates):
    """Places mentioned in the store with their coordinates, most mentioned first."""
    with _open_store(db, must_exist=True, reads_only=True) as store:
        rows = store.entities.places_with_documents(include_duplicates=include_duplicates)[:limit]
    if as_json:
        _dump_json(rows)
        return
    table = Table(title=f"{len(rows)} places", title_justify="left")
    # the document ids are left to --json: with coordinates they no longer fit a terminal line
    for name, kw in (
        ("place", {"no_wrap": True}),
        ("name", {}),
        ("country", {"no_wrap": True}),
        ("admin1", {"no_wrap": True}),
        ("lat", {"justify": "right", "no_wrap": True}),
        ("lon", {"justify": "right", "no_wrap": True}),
        ("precision", {"no_wrap": True}),
        ("mentions", {"justify": "right", "no_wrap": True}),
        ("docs", {"justify": "right"}),
    ):
        table.add_column(name, **kw)
    for r in rows:
        table.add_row(
            r["id"],
            escape(r["name"] or ""),
            r["country"] or "",
            r["admin1"] or "",
            f"{r['lat']:.4f}",
            f"{r['lon']:.4f}",
            r["precision"] or "",
            str(r["mentions"]),
            str(r["document_count"]),
        )
    _console().print(table)


def read_tokens(path: Path) -> list[list[str]]:
    """Sentences of tokens from a CoNLL file: the first column of each line, blank lines between.

    A second column (a gold label) is allowed and ignored. Raises ValueError naming the file and
    line for a line with more than two tab-separated columns or an empty token.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    sentences: list[list[str]] = []
    current: list[str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        parts = line.split("\t")
        if len(parts) > 2 or not parts[0].strip():
            raise ValueError(f"{path}:{lineno}: expected 'token' or 'token<TAB>label', got {line!r}")
        current.append(parts[0].strip())
    if current:
        sentences.append(current)
    return sentences


@main.command()
@click.option(
    "--conll",
    "conll_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Tokenised input: a token per line (a second, gold column is ignored), blank line between sentences.",
)
@click.option(
    "--dictionary/--no-dictionary",
    default=False,
    show_default=True,
    help="Also label ontology and gazetteer names the tagger missed (scores lower on re3d dev; docs/quality.md).",
)
@click.option(
    "--ontology",
    "ontology_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra actors (ontology YAML) for --dictionary. Repeatable.",
)
def tag(conll_path, dictionary, ontology_files):
    """Print `token<TAB>label` (re3d's BIO labels) for each token of a CoNLL file, blank lines kept."""
    from claimgraph.entities.extract import EntityExtractor, tag_tokens
    from claimgraph.errors import ClaimgraphError

    try:
        sentences = read_tokens(conll_path)
        extractor = EntityExtractor.load(ontology_files)
    except (ValueError, ClaimgraphError) as exc:
        raise click.ClickException(str(exc)) from exc
    out = sys.stdout
    for tokens in sentences:
        for token, label in zip(tokens, tag_tokens(tokens, extractor, dictionary=dictionary)):
            out.write(f"{token}\t{label}\n")
        out.write("\n")  # CoNLL: a blank line ends each sentence
