"""``claimgraph claims``: the stored claims, filtered by speaker and status, as a table, JSON or CSV."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from claimgraph.claims.lexicon import supported_languages
from claimgraph.cli.base import _console, _open_store, db_option, err_console, json_option, main
from claimgraph.cli.exporting import export_option, write_export
from claimgraph.exporters import CLAIM_SPANS
from claimgraph.model import CLAIM_STATUSES


def _records(store, rows: list[dict]) -> list[dict]:
    """Rows as records: the content's words, raw offsets from each document's offset map, the source."""
    offsets: dict[str, object] = {}
    texts: dict[str, str] = {}
    out = []
    for row in rows:
        doc_id = row["doc_id"]
        if doc_id not in offsets:
            doc = store.documents.get(doc_id)
            offsets[doc_id], texts[doc_id] = doc.offsets, doc.clean_text
        record = {k: v for k, v in row.items() if k not in ("seq", "source_path", "source_record", "doc_title")}
        record["content"] = texts[doc_id][row["content_start"] : row["content_end"]]
        for start_key, end_key in CLAIM_SPANS:
            start, end = row[start_key], row[end_key]
            raw = (None, None) if start is None or end is None else offsets[doc_id].to_raw(start, end)
            record["raw_" + start_key], record["raw_" + end_key] = raw
        record["source"] = (
            row["source_path"] if row["source_record"] is None else f"{row['source_path']}#{row['source_record']}"
        )
        record["hedges"] = list(row["hedges"] or [])
        record["evidence_cues"] = list(row["evidence_cues"] or [])
        out.append(record)
    return out


@main.command()
@db_option
@click.option("--speaker", help="Only claims of this speaker: an actor id (e.g. taliban) or words of the speaker.")
@click.option("--status", type=click.Choice(CLAIM_STATUSES), help="Only claims with this epistemic status.")
@click.option("--doc", "doc_id", help="Only claims of this document (id or unique prefix).")
@click.option("--min-score", type=float, default=0.0, show_default=True, help="Lowest check-worthiness to list.")
@click.option("--limit", type=int, default=None, help="List at most this many claims.")
@click.option("--include-duplicates", is_flag=True, help="List the claims of duplicate documents too.")
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout (one row per claim, raw offsets included).")
@export_option("claims")
def claims(db, speaker, status, doc_id, min_score, limit, include_duplicates, as_json, as_csv, export):
    """Claims in the store: who asserts what, how firmly (status) and on what evidence.

    Unattributed claims belong to the document's author or outlet (speaker kind "author").
    Duplicate documents are left out unless --include-duplicates (or --doc names one)."""
    with _open_store(db, must_exist=True, reads_only=True) as store:
        try:
            rows = store.claims.find(
                speaker=speaker, status=status, doc_id=doc_id, limit=limit, include_duplicates=include_duplicates
            )
        except Exception as exc:  # an unknown or ambiguous --doc prefix
            raise click.ClickException(str(exc)) from exc
        rows = [r for r in rows if (r["checkworthiness"] or 0) >= min_score]
        records = _records(store, rows) if (as_json or as_csv or export) else rows
        unread = _unsupported_languages(store)
    if unread:  # on stderr, so --json and --csv output stays clean
        err_console.print(unread_note(unread))
    if write_export("claims", export, as_json, as_csv, records):
        return
    table = Table(title=f"{len(rows)} claims", title_justify="left")
    for name, kw in (
        ("id", {"no_wrap": True}),
        ("speaker", {"max_width": 28}),
        ("cue", {"max_width": 16}),
        ("status", {"no_wrap": True}),
        ("evidence", {"no_wrap": True}),
        ("score", {"justify": "right"}),
        ("claim", {"min_width": 40}),
    ):
        table.add_column(name, overflow="fold", **kw)
    for r in rows:
        speaker_text = r["speaker_text"] or ("(author)" if r["speaker_kind"] == "author" else "(unnamed)")
        if r.get("speaker_name") and r["speaker_name"].lower() not in (r["speaker_text"] or "").lower():
            speaker_text += f" = {r['speaker_name']}"  # "he = Marat Imankulov"
        if r["speaker_actor"]:
            speaker_text += f" [{r['speaker_actor']}]"
        status_text = r["status"] + (f", disputed by {r['disputed_by']}" if r["disputed_by"] else "")
        table.add_row(
            r["id"].split(":", 1)[0][:8] + ":" + r["id"].rsplit(":", 1)[-1],
            escape(speaker_text),
            escape(r["cue"] or ""),
            escape(status_text),
            r["evidence"],
            f"{r['checkworthiness']:.2f}",
            escape(" ".join(r["text"].split())),
        )
    _console().print(table)


def _unsupported_languages(store) -> dict[str, int]:
    """{language: documents} of the stored documents whose language has no claim lexicons."""
    have = set(supported_languages())
    return {language: n for language, n in store.documents.canonical_language_counts().items() if language not in have}


def unread_note(unread: dict[str, int]) -> str:
    """One line saying which documents got no claims because of their language."""
    counts = ", ".join(f"{lang}: {n}" for lang, n in unread.items())
    return (
        f"note: {sum(unread.values())} document(s) in languages without claim lexicons ({counts}) have no "
        f"claims; claims are extracted from {', '.join(supported_languages())} text"
    )
