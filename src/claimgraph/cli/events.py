"""Event commands: ``claimgraph events`` (ACLED-style listing of stored events) and
``claimgraph classify-events`` (CASE 2021 interchange: id<TAB>text in, id<TAB>TYPE out)."""

from __future__ import annotations

import sys

import click
from rich.markup import escape
from rich.table import Table

from claimgraph.cli.base import (
    _console,
    _load_ontology,
    _open_store,
    _print_error,
    db_option,
    json_option,
    main,
    ontology_option,
)
from claimgraph.cli.exporting import export_option, write_export
from claimgraph.link.propositions import source_key


def acled_row(row: dict, taxonomy, names: dict[str, str], admin1_names: dict[str, str] | None = None) -> dict:
    """One stored event (``store.events.export_rows``) as an ACLED-style record (``taxonomy``: the events'
    ``Taxonomy``)."""
    etype = taxonomy[row["type"]]
    # who published the report: its site, else its author, else its file's name (never a full path)
    source = source_key(row)
    return {
        "event_date": row["date_start"],
        "event_type": etype.event_type,
        "sub_event_type": etype.label,
        "actor1": names.get(row["actor1"]) or row["actor1_text"],
        "actor2": names.get(row["actor2"]) or row["actor2_text"],
        "admin1": (admin1_names or {}).get(row["admin1"], row["admin1"]),
        "location": row["location"],
        "latitude": row["lat"],
        "longitude": row["lon"],
        "fatalities": row["fatalities"],
        "notes": " ".join((row["sentence"] or "").split()),
        "source": source,
        "event_id": row["id"],
        "type": etype.name,
        "case_type": etype.case_type,
        "date_end": row["date_end"],
        "date_precision": row["date_precision"],
        "fatalities_qualifier": row["fatalities_qualifier"],
        "injured": row["injured"],
        "weapon": row["weapon"],
        "claimed": row["claimed"],
        "claims_event": row["claims_event"],
        "negated": row["negated"],
        "modality": row.get("modality"),
        "confidence": row["confidence"],
        "cluster_id": row["cluster_id"],
        "cluster_documents": row["cluster_documents"] or 1,
        "doc_id": row["doc_id"],
    }


def date_label(start: str | None, end: str | None, precision: str | None) -> str:
    """An event date as precise as the text made it: "2023-05-02", "2023-05 (month)",
    "2023-03-07 – 2023-05-02 (range)"; never a vague date shown as an exact day. An undated report
    says so (a blank cell reads as "as the row above")."""
    if not start:
        return "undated"
    if precision == "month":
        return f"{start[:7]} (month)"
    if precision == "year":
        return f"{start[:4]} (year)"
    if end and end != start:
        return f"{start} – {end} ({precision or 'range'})"
    return start


# how closely a report dates its event, best first (model.Event.date_precision; undated last)
_DATE_PRECISION = ("day", "week", "month", "range", "year")


def _dating(record: dict) -> int:
    precision = record["date_precision"] if record["event_date"] else None
    return _DATE_PRECISION.index(precision) if precision in _DATE_PRECISION else len(_DATE_PRECISION)


def distinct_events(records: list[dict]) -> list[list[dict]]:
    """The listed reports grouped by the event they tell of: the reports of one event cluster
    together, every report in no cluster alone. A group's first report is the one that dates the
    event most closely (a day before a year), the earliest listed of those; groups come in the list
    order of their first reports, the others in list order."""
    groups: dict[str, list[tuple[int, dict]]] = {}
    for n, r in enumerate(records):
        groups.setdefault(r["cluster_id"] or f"event:{r['event_id']}", []).append((n, r))
    ordered = []
    for group in groups.values():
        first = min(group, key=lambda item: (_dating(item[1]), item[0]))
        ordered.append((first[0], [first[1]] + [r for n, r in group if n != first[0]]))
    return [reports for _, reports in sorted(ordered, key=lambda item: item[0])]


def events_title(reports: int, events: int, distinct: bool) -> str:
    """The table's title: both counts, and what tells them apart."""
    counts = (
        f"{reports} event report{'s' if reports != 1 else ''} of {events} distinct event{'s' if events != 1 else ''}"
    )
    if distinct:
        return f"{counts}: one row per event (its most closely dated report; reports: how many tell of it)"
    return f"{counts} (reports of one event in several documents share a cluster; --distinct lists each event once)"


def _actor_names(ontology) -> dict[str, str]:
    return {a.id: a.name for a in ontology}


def _admin1_names(codes: set[str]) -> dict[str, str]:
    """ACLED writes admin1 as a name ("Nangarhar"); mentions carry its code ("AF-NAN")."""
    if not codes:
        return {}
    from claimgraph.entities.places import Gazetteer

    gazetteer = Gazetteer.load()
    return {code: place.name for code in codes if (place := gazetteer.get(code)) is not None}


@main.command()
@db_option
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="ACLED-style CSV on stdout.")
@export_option("events")
@click.option("--type", "types", multiple=True, help="Only these types (e.g. --type AIR_STRIKE); repeatable.")
@click.option("--no-statements", is_flag=True, help="Leave out statement events (ACCUSE, DENY, THREATEN, COOPERATE).")
@click.option("--include-duplicates", is_flag=True, help="List events of duplicate documents too.")
@click.option(
    "--distinct",
    is_flag=True,
    help="One row per distinct event: the reports of one event in several documents (one event cluster) "
    "as its most closely dated report, with the number of reports (the count `claimgraph run` gives).",
)
@click.option(
    "--include-negated",
    is_flag=True,
    help='List negated events too ("has refrained from claiming any attacks"): they did not happen.',
)
@click.option(
    "--include-hypothetical",
    is_flag=True,
    help='List hypothetical, generic, cumulative and denied events too ("who would soon be arrested", "raids '
    'often follow attacks", "has killed 6,000 since 2017", "denied that its jets bombed the market"): not '
    'reported as having happened (the type says which: "ATTACK (denied)"; in --json/--csv the column modality; a '
    "denial's speaker is its claim's).",
)
@ontology_option
def events(
    db,
    as_json,
    as_csv,
    export,
    types,
    no_statements,
    include_duplicates,
    distinct,
    include_negated,
    include_hypothetical,
    ontology_files,
):
    """Event reports in the store with ACLED columns: date, type, actors, place, fatalities, notes,
    source. Each document's report of an event is a row; reports of one event across documents share
    a cluster (--distinct: one row per event)."""
    from claimgraph.events.taxonomy import Taxonomy

    taxonomy = Taxonomy.load()
    unknown = [t for t in types if t not in taxonomy]
    if unknown:
        raise click.BadParameter(f"unknown event type(s): {', '.join(unknown)}", param_hint="--type")
    wanted = {taxonomy.canonical(t) for t in types}
    with _open_store(db, must_exist=True, reads_only=True) as store:
        rows = store.events.export_rows(
            include_duplicates=include_duplicates, include_statements=not no_statements, include_negated=include_negated
        )
        ontology = _load_ontology(ontology_files, store)
    names = _actor_names(ontology)
    admin1_names = _admin1_names({r["admin1"] for r in rows if r["admin1"]})
    records = [
        acled_row(r, taxonomy, names, admin1_names)
        for r in rows
        if (not wanted or r["type"] in wanted) and (include_hypothetical or r.get("modality") is None)
    ]
    reports = len(records)
    events_of = distinct_events(records)
    if distinct:
        records = [dict(group[0], reports=len(group)) for group in events_of]
    if write_export("events", export, as_json, as_csv, records):
        return
    table = Table(title=events_title(reports, len(events_of), distinct), title_justify="left")
    columns = ("date", "type", "actor1", "actor2", "location", "admin1", "killed", "claimed", "cluster", "source")
    for name in columns + (("reports",) if distinct else ()):
        table.add_column(name, overflow="fold")
    for r in records:
        killed = (
            ""
            if r["fatalities"] is None
            else (
                {"at_least": "≥", "at_most": "≤", "about": "~"}.get(r["fatalities_qualifier"], "")
                + str(r["fatalities"])
            )
        )
        claimed = {True: "claimed", False: "unclaimed"}.get(r["claimed"], "")
        cluster = f"{r['cluster_documents']} docs" if r["cluster_id"] else ""
        table.add_row(
            date_label(r["event_date"], r["date_end"], r["date_precision"]),
            r["type"] + (f" ({r['modality']})" if r.get("modality") else ""),  # "ATTACK (denied)"
            escape(r["actor1"] or ""),
            escape(r["actor2"] or ""),
            escape(r["location"] or ""),
            escape(r["admin1"] or ""),
            killed,
            claimed,
            cluster,
            escape(str(r["source"]).rsplit("/", 1)[-1]),
            *((str(r["reports"]),) if distinct else ()),
        )
    _console().print(table)


@main.command("classify-events")
@click.argument("file", type=click.Path(allow_dash=True))
def classify_events(file):
    """Read id<TAB>text lines from FILE ("-" for stdin); print id<TAB>TYPE, TYPE one of the 30 CASE 2021 types."""
    from claimgraph.events.classify import classify_lines

    try:
        handle = sys.stdin if file == "-" else open(file, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{file}: {exc.strerror}") from exc
    failed = 0
    with handle:
        try:
            for item in classify_lines(handle, "stdin" if file == "-" else file):
                if isinstance(item, tuple):
                    click.echo(f"{item[0]}\t{item[1]}")
                else:
                    failed += 1
                    _print_error(item)
        except UnicodeDecodeError:
            raise click.ClickException(f"{file}: not UTF-8 text") from None
    if failed:
        sys.exit(1)
