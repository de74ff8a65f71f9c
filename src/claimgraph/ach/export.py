"""A board as CSV (one row per evidence x hypothesis cell) or JSON (the whole matrix), with the
provenance of every item: document, claim or event id, its text and its clean and raw offsets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .boards import board as load_board
from .errors import AchBadInput

CSV_COLUMNS = (
    "board",
    "evidence_id",
    "kind",
    "ref_id",
    "doc_id",
    "source",
    "start",
    "end",
    "raw_start",
    "raw_end",
    "text",
    "status",
    "evidence_grade",
    "added_by",
    "credibility",
    "relevance",
    "weight",
    "diagnosticity",
    "hypothesis_id",
    "hypothesis",
    "proposed",
    "override",
    "effective",
    "reason",
    "analyst",
    "at",
    "note",
    "hypothesis_inconsistency",
    "hypothesis_rank",
)


def export_board(store, board_id: str, fmt: str = "csv") -> str:
    """The board as CSV or JSON text."""
    if fmt not in ("csv", "json"):
        raise AchBadInput(f"unknown export format {fmt!r} (expected csv or json)")
    data = load_board(store, board_id)
    _add_raw_offsets(store, data)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    texts = {h["id"]: h["text"] for h in data["hypotheses"]}
    for e in data["evidence"]:
        for hypothesis_id, cell in e["cells"].items():
            score = data["scores"][hypothesis_id]
            writer.writerow(
                {
                    "board": data["id"],
                    "evidence_id": e["id"],
                    "kind": e["kind"],
                    "ref_id": e["ref_id"],
                    "doc_id": e["doc_id"],
                    "source": e["source"],
                    "start": e["start"],
                    "end": e["end"],
                    "raw_start": e["raw_start"],
                    "raw_end": e["raw_end"],
                    "text": e["text"],
                    "status": e["status"],
                    "evidence_grade": e["evidence"],
                    "added_by": e["added_by"],
                    "credibility": e["credibility"]["effective"],
                    "relevance": e["relevance"]["effective"],
                    "weight": e["weight"],
                    "diagnosticity": e["diagnosticity"],
                    "hypothesis_id": hypothesis_id,
                    "hypothesis": texts[hypothesis_id],
                    "proposed": cell["proposed"],
                    "override": cell["override"],
                    "effective": cell["effective"],
                    "reason": cell["reason"],
                    "analyst": cell["analyst"],
                    "at": cell["at"],
                    "note": cell["note"],
                    "hypothesis_inconsistency": score["inconsistency"],
                    "hypothesis_rank": score["rank"],
                }
            )
    return out.getvalue()


def _add_raw_offsets(store, data: dict[str, Any]) -> None:
    """Raw-text twins of each item's clean offsets, from its document's offset map."""
    maps = store.documents.offset_maps(sorted({e["doc_id"] for e in data["evidence"]}))
    for e in data["evidence"]:
        e["raw_start"], e["raw_end"] = maps[e["doc_id"]].to_raw(e["start"], e["end"])
