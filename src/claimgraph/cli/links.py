"""``claimgraph propositions`` and ``claimgraph contested``: claims grouped across sources, and where
the sources conflict."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from claimgraph.cli.base import _console, _dump_json, _open_store, db_option, json_option, main
from claimgraph.errors import ClaimgraphError


def _refresh_propositions(store, mode: str | None) -> None:
    """Place claims that have no proposition yet (a store built before propositions existed). A store
    opened read-only beside `claimgraph serve --read-only` is listed as it is (each `run` placed its
    claims), unless another mode's propositions are asked for: that re-groups every claim, a write."""
    from claimgraph.link.propositions import config_of_store, update_propositions

    if not store.read_only:
        update_propositions(store, mode, config=config_of_store(store))
    elif mode is not None and store.propositions.modes() - {mode}:
        raise click.ClickException(
            f"{store.path}: --mode {mode} re-groups every claim, which writes the store, and another "
            "process holds it (`claimgraph serve --read-only`?): stop it and run this again"
        )


def _short_claim(claim_id: str) -> str:
    doc_id, _, seq = claim_id.rpartition(":")
    return f"{doc_id[:8]}:{seq}"


@main.command()
@db_option
@click.option("--limit", type=int, default=None, help="List at most this many propositions.")
@click.option(
    "--min-documents",
    type=int,
    default=1,
    show_default=True,
    help="Only propositions made in at least this many documents.",
)
@click.option(
    "--mode",
    type=click.Choice(["fast", "accurate"]),
    default=None,
    help="Embeddings to group claims with: fast (static, the default for a new store) or accurate "
    "(all-MiniLM-L6-v2, needs the `accurate` extra). A store keeps one mode's propositions: "
    "asking for the other re-groups every claim in it.",
)
@json_option
def propositions(db, limit, min_documents, mode, as_json):
    """Propositions: claims from different documents about the same thing, most contested first.

    Each is labelled by its most central claim; `claimgraph run` groups new claims as they arrive."""
    from claimgraph.link.propositions import list_propositions, proposition_members

    with _open_store(db, must_exist=True, reads_only=True) as store:
        try:
            # a store built before propositions existed gets them now (`run` keeps them current, so a
            # store shared read-only with `serve --read-only` lists what it holds)
            _refresh_propositions(store, mode)
            total, rows = list_propositions(store, limit=limit, min_documents=min_documents)
            if as_json:
                members = proposition_members(store, [r["id"] for r in rows])
                for r in rows:
                    r["members"] = members.get(r["id"], [])
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump_json({"total": total, "propositions": rows})
        return
    table = Table(title=f"{len(rows)} of {total} propositions", title_justify="left")
    for name, kw in (
        ("id", {"no_wrap": True}),
        ("claims", {"justify": "right"}),
        ("docs", {"justify": "right"}),
        ("sources", {"justify": "right"}),
        ("for/against", {"no_wrap": True}),
        ("contested", {"justify": "right"}),
        ("label", {"min_width": 40}),
    ):
        table.add_column(name, overflow="fold", **kw)
    for r in rows:
        table.add_row(
            r["id"],
            str(r["claims"]),
            str(r["documents"]),
            str(r["sources"]),
            f"{r['claims_for']}/{r['claims_against']}",
            f"{r['contested_score']:.2f}",
            escape(r["label"] or ""),
        )
    _console().print(table)


@main.command()
@db_option
@click.option("--limit", type=int, default=None, help="Show at most this many contested propositions.")
@json_option
def contested(db, limit, as_json):
    """Contested propositions: independent sources on both sides, ranked by how strongly they conflict.

    A side weighs the sum over its sources of each source's strongest claim (epistemic status x
    evidence grade); the score is the geometric mean of the two sides. Duplicates never count."""
    from claimgraph.link.contested import contested_page

    with _open_store(db, must_exist=True, reads_only=True) as store:
        try:
            _refresh_propositions(store, None)
            total, items = contested_page(store, limit=limit)
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:  # the shape of `propositions --json`
        _dump_json({"total": total, "propositions": items})
        return
    console = _console()
    if not items:
        console.print("no contested propositions (no proposition has sources on both sides)")
        return
    for n, item in enumerate(items, 1):
        console.print(f"[bold]{n}. {escape(item['label'] or '')}[/bold]")
        console.print(f"   {item['id']}  score {item['score']:.2f}: {escape(item['why'])}")
        for side in ("for", "against"):
            console.print(f"   [bold]{side}[/bold] ({', '.join(escape(s) for s in item['sources_' + side])})")
            for m in item["sides"][side]:
                speaker = m["speaker_text"] or "(author)"
                if m["speaker_actor"]:
                    speaker += f" [{m['speaker_actor']}]"
                console.print(f"     - {escape(m['text'])}", highlight=False)
                console.print(
                    f"       [dim]{escape(speaker)}; {m['status']}, {m['evidence']}; "
                    f"{_short_claim(m['claim_id'])} ({escape(m['source'])})[/dim]"
                )
        console.print()
