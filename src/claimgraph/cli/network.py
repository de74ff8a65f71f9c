"""``claimgraph network``: who acts on, accuses or is tied to whom (``claimgraph.link.network``)."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from claimgraph.cli.base import (
    _console,
    _dump_json,
    _load_ontology,
    _open_store,
    db_option,
    json_option,
    main,
    ontology_option,
)


@main.command()
@db_option
@json_option
@click.option("--actor", default=None, help="Only the links of this actor (an actor id, e.g. iskp).")
@click.option("--include-duplicates", is_flag=True, help="Count events and claims of duplicate documents too.")
@click.option("--no-ontology", is_flag=True, help="Leave out part-of/allied ties that come only from the ontology.")
@ontology_option
def network(db, as_json, actor, include_duplicates, no_ontology, ontology_files):
    """The actor network: links between actors from events (actor 1 -> actor 2), claims (speaker ->
    actors the claim names) and the ontology (part-of, allied), with the sentences behind each."""
    from claimgraph.link.network import focus
    from claimgraph.link.network import network as actor_network

    with _open_store(db, must_exist=True, reads_only=True) as store:
        ontology = _load_ontology(ontology_files, store)
        graph = actor_network(store, include_duplicates=include_duplicates, ontology=ontology)
    if actor:
        if actor not in {n["id"] for n in graph["nodes"]}:
            raise click.ClickException(f"no actor {actor!r} in the network of {db} (see `claimgraph actors`)")
        graph = focus(graph, actor)
    if no_ontology:
        graph = {**graph, "edges": [e for e in graph["edges"] if e["basis"] != ["ontology"]]}
    if as_json:
        _dump_json(graph)
        return
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    table = Table(title=f"{len(graph['edges'])} links between {len(graph['nodes'])} actors", title_justify="left")
    for name, kw in (
        ("from", {}),
        ("link", {"no_wrap": True}),
        ("to", {}),
        ("sentences", {"justify": "right", "no_wrap": True}),
        ("docs", {"justify": "right"}),
        ("basis", {"no_wrap": True}),
        ("first evidence", {}),
    ):
        table.add_column(name, **kw)
    for e in graph["edges"]:
        first = e["evidence"][0] if e["evidence"] else None
        table.add_row(
            escape(names.get(e["source"], e["source"]) or e["source"]),
            e["kind"],
            escape(names.get(e["target"], e["target"]) or e["target"]),
            str(e["count"]),
            str(e["documents"]),
            ",".join(e["basis"]),
            escape(f"{first['id']}: {first['sentence'][:100]}") if first else "",
        )
    _console().print(table)
