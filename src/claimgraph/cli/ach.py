"""``claimgraph ach ...``: Analysis of Competing Hypotheses boards; ``claimgraph sources``: source profiles."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from claimgraph.cli.base import _console, _dump_json, _open_store, db_option, json_option, main
from claimgraph.errors import ClaimgraphError
from claimgraph.render.terminal import rating_markup

TEXT_CHARS = 90


def _fail(exc: ClaimgraphError):
    raise click.ClickException(str(exc)) from exc


@main.group()
def ach():
    """Analysis of Competing Hypotheses: boards of hypotheses and evidence with proposed ratings.

    Ratings are proposed on the PARC scale (CC very consistent, C consistent, N neutral, NA not
    applicable, I inconsistent, II very inconsistent); an analyst's rating or weight overrides a
    proposal and survives re-runs. Scores: weighted inconsistency per hypothesis (the one nearest 0
    is left standing) and diagnosticity per evidence item (docs/ach.md)."""


@ach.command("init")
@click.argument("name_or_file")
@click.option("-H", "--hypothesis", "hypotheses", multiple=True, help="A hypothesis (repeatable).")
@click.option("--description", default=None, help="What the board is about.")
@db_option
@click.option("--no-propose", is_flag=True, help="Do not choose evidence and propose ratings now.")
def ach_init(name_or_file, hypotheses, description, db, no_propose):
    """Create a board: NAME with -H hypotheses, or a board FILE.yaml (examples/boards/iskp.yaml).

    A file whose board exists already adds the hypotheses and evidence it does not have yet."""
    from claimgraph import ach as boards

    data = None
    with _open_store(db) as store:
        try:
            if name_or_file.endswith((".yaml", ".yml")) or Path(name_or_file).is_file():
                board_id = boards.apply_board_file(store, name_or_file)
            else:
                if not hypotheses:
                    raise click.UsageError("give hypotheses with -H TEXT (at least one), or a board file")
                board_id = boards.create_board(store, name_or_file, list(hypotheses), description=description)
                data = None if no_propose else boards.propose(store, board_id)
        except ClaimgraphError as exc:
            _fail(exc)
    click.echo(board_id)
    if data is not None:
        _echo_selection(data)


@ach.command("add-hypothesis")
@click.argument("board")
@click.argument("text")
@db_option
def ach_add_hypothesis(board, text, db):
    """Add hypothesis TEXT to BOARD (id or name); its ratings are proposed at once. Prints its id."""
    from claimgraph import ach as boards

    with _open_store(db, must_exist=True) as store:
        try:
            hypothesis_id = boards.add_hypothesis(store, board, text)
            boards.propose(store, board)
        except ClaimgraphError as exc:
            _fail(exc)
    click.echo(hypothesis_id)


@ach.command("add-evidence")
@click.argument("board")
@click.argument("ref_ids", nargs=-1, required=True)
@db_option
def ach_add_evidence(board, ref_ids, db):
    """Put claims or events on BOARD by their ids (as in 3fce5fb5b8dd2cf4:c4); prints each evidence id."""
    from claimgraph import ach as boards

    with _open_store(db, must_exist=True) as store:
        for ref in ref_ids:
            try:
                click.echo(f"{boards.add_evidence(store, board, ref)}\t{ref}")
            except ClaimgraphError as exc:
                _fail(exc)


@ach.command("propose")
@click.argument("board")
@db_option
def ach_propose(board, db):
    """Choose evidence and propose every rating and weight again (overrides are kept)."""
    from claimgraph import ach as boards

    with _open_store(db, must_exist=True) as store:
        try:
            data = boards.propose(store, board)
        except ClaimgraphError as exc:
            _fail(exc)
    click.echo(f"{data['id']}: {len(data['evidence'])} evidence items, {len(data['hypotheses'])} hypotheses")
    _echo_selection(data)


def _echo_selection(data: dict) -> None:
    """How the proposal chose the board's evidence: the rule and what it left out."""
    s = data.get("selection")
    if not s:
        return
    if "chosen" in s:
        places = f" (the incident's places: {', '.join(s['incident_places'])})" if s["incident_places"] else ""
        click.echo(
            f"evidence: {s['chosen']} of {s['candidates']} claims chosen; {s['off_subject']} left out as about "
            f"something else, {s['other_incident']} as about another incident{places}"
        )
    click.echo(f"how: {s['rule']}")


@ach.command("rate")
@click.argument("board")
@click.argument("evidence_id")
@click.argument("hypothesis_id", required=False)
@click.argument("rating", required=False)
@click.option("--analyst", envvar="CLAIMGRAPH_ANALYST", help="Who decides (or $CLAIMGRAPH_ANALYST).")
@click.option("--note", default=None, help="Why.")
@click.option("--credibility", type=click.Choice(["low", "medium", "high"]), help="Override the item's credibility.")
@click.option("--relevance", type=click.Choice(["low", "medium", "high"]), help="Override the item's relevance.")
@click.option("--clear", is_flag=True, help="Drop the override of the cell (or, without HYPOTHESIS_ID, of the weight).")
@db_option
def ach_rate(board, evidence_id, hypothesis_id, rating, analyst, note, credibility, relevance, clear, db):
    """Override a rating: BOARD EVIDENCE_ID HYPOTHESIS_ID RATING (CC, C, N, NA, I, II), and/or the
    item's weight with --credibility / --relevance. --clear puts the proposal back."""
    from claimgraph import ach as boards

    with _open_store(db, must_exist=True) as store:
        try:
            if clear:
                boards.clear_override(store, board, evidence_id, hypothesis_id, analyst=analyst, note=note)
                what = f"{evidence_id} x {hypothesis_id}" if hypothesis_id else f"{evidence_id}'s weight"
                click.echo(f"{board}: {what} back to the proposal", err=True)
                return
            if not analyst:
                raise click.UsageError("an override needs --analyst NAME (or $CLAIMGRAPH_ANALYST)")
            if rating is not None:
                boards.set_rating(store, board, evidence_id, hypothesis_id, rating, analyst=analyst, note=note)
                click.echo(f"{board}: {evidence_id} x {hypothesis_id} rated {rating} by {analyst}", err=True)
            elif hypothesis_id is not None:
                raise click.UsageError("give the RATING after the HYPOTHESIS_ID")
            if credibility or relevance:
                boards.set_weight(
                    store, board, evidence_id, credibility=credibility, relevance=relevance, analyst=analyst, note=note
                )
                given = ", ".join(f"{k} {v}" for k, v in (("credibility", credibility), ("relevance", relevance)) if v)
                click.echo(f"{board}: {evidence_id} weighted ({given}) by {analyst}", err=True)
            elif rating is None:
                raise click.UsageError("give HYPOTHESIS_ID RATING, or --credibility / --relevance")
        except ClaimgraphError as exc:
            _fail(exc)


@ach.command("show")
@click.argument("board", required=False)
@db_option
@json_option
def ach_show(board, db, as_json):
    """The matrix of BOARD (ratings: effective, * = analyst's override) with scores; without BOARD,
    the list of boards."""
    from claimgraph import ach as boards

    with _open_store(db, must_exist=True, reads_only=True) as store:
        try:
            data = boards.board(store, board) if board else boards.boards(store)
        except ClaimgraphError as exc:
            _fail(exc)
    if as_json:
        _dump_json(data)
        return
    console = _console()
    if not board:
        if not data:
            console.print("no boards (claimgraph ach init NAME -H ... or a board file)")
        for b in data:
            console.print(
                f"{b['id']}  {escape(b['name'])}  {b['hypotheses']} hypotheses, {b['evidence']} evidence, "
                f"{b['overrides']} overrides; standing: {', '.join(b['standing']) or '-'}"
            )
        return
    console.print(f"[bold]{escape(data['name'])}[/bold] ({data['id']})")
    for h in data["hypotheses"]:
        s = data["scores"][h["id"]]
        console.print(
            f"  {h['id']} {escape(h['text'])}: inconsistency {s['inconsistency']:.2f} "
            f"({s['inconsistent']} inconsistent, {s['consistent']} consistent) rank {s['rank']}"
        )
    table = Table()
    table.add_column("id", no_wrap=True)
    for h in data["hypotheses"]:
        table.add_column(h["id"], justify="center", no_wrap=True)
    table.add_column("w", justify="right", no_wrap=True)
    table.add_column("diag", justify="right", no_wrap=True)
    table.add_column("source", max_width=22, no_wrap=True, overflow="ellipsis")
    table.add_column("evidence", max_width=TEXT_CHARS, no_wrap=True, overflow="ellipsis")
    for e in data["evidence"]:
        cells = [
            rating_markup(e["cells"][h["id"]]["effective"], e["cells"][h["id"]]["override"]) for h in data["hypotheses"]
        ]
        table.add_row(
            e["id"],
            *cells,
            f"{e['weight']:.2f}",
            f"{e['diagnosticity']:g}",
            escape(e["source"] or ""),
            escape(" ".join(e["text"].split())),
        )
    console.print(table)
    console.print("w = credibility x relevance weight; diag = spread of the ratings across hypotheses")
    from claimgraph.ach.boards import selection_rule

    proposed = sum(1 for e in data["evidence"] if e["added_by"] == "proposed")
    console.print(f"{proposed} of {len(data['evidence'])} items proposed by claimgraph: " + escape(selection_rule()))


@ach.command("export")
@click.argument("board")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("-o", "--out", type=click.Path(dir_okay=False), default=None, help="Write to FILE instead of stdout.")
@db_option
def ach_export(board, fmt, out, db):
    """The matrix of BOARD with proposed and effective ratings, weights, scores and provenance."""
    from claimgraph import ach as boards

    with _open_store(db, must_exist=True, reads_only=True) as store:
        try:
            text = boards.export_board(store, board, fmt)
        except ClaimgraphError as exc:
            _fail(exc)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@main.command()
@click.argument("source", required=False)
@db_option
@json_option
def sources(source, db, as_json):
    """Source profiles: per outlet, author or account, its claims, how hedged, unsupported,
    unverified, reported or disputed they are, whom it agrees and disagrees with, and the
    credibility weight ACH boards use (docs/ach.md). With SOURCE: that source only."""
    from claimgraph.link.sources import source_profile, source_profiles

    with _open_store(db, must_exist=True, reads_only=True) as store:
        try:
            data = source_profile(store, source) if source else source_profiles(store)
        except ClaimgraphError as exc:
            _fail(exc)
    if as_json:
        _dump_json(data)
        return
    rows = [data] if source else data
    console = _console()
    table = Table()
    for name, justify in (
        ("source", "left"),
        ("docs", "right"),
        ("claims", "right"),
        ("hedged", "right"),
        ("unsupp.", "right"),
        ("unverif.", "right"),
        ("reported", "right"),
        ("disputed", "right"),
        ("agree", "right"),
        ("disagree", "right"),
        ("cred.", "right"),
    ):
        table.add_column(
            name, justify=justify, no_wrap=True, max_width=32 if name == "source" else None, overflow="ellipsis"
        )
    for p in rows:
        s = p["shares"]
        table.add_row(
            escape(p["source"]),
            str(p["documents"]),
            str(p["claims"]),
            *(f"{s[k]:.0%}" for k in ("hedged", "unsupported", "unverified", "reported", "disputed")),
            str(p["agreement_total"]),
            str(p["disagreement_total"]),
            f"{p['credibility']:.2f}",
        )
    console.print(table)
    if source:
        p = data
        for what in ("agreements", "disagreements"):
            if p[what]:
                console.print(f"{what}: " + ", ".join(f"{escape(k)} ({v})" for k, v in p[what].items()))
