"""Exporters: how the records of a listing (``claimgraph events``, ``claimgraph claims``) are written out.

Each is an ``ExporterSpec`` registered with the ``claimgraph_exporters`` hook (``claimgraph.plugins``):
the built-in CSV and JSON writers below, then any plugin's. A command writes its records with
``--export NAME`` (``--csv`` and ``--json`` name the built-in ones).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

# ACLED's export columns first, then what claimgraph adds to each row.
ACLED_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "notes",
    "source",
)
EXTRA_COLUMNS = (
    "event_id",
    "type",
    "case_type",
    "date_end",
    "date_precision",
    "fatalities_qualifier",
    "injured",
    "weapon",
    "claimed",
    "claims_event",
    "negated",
    "modality",
    "confidence",
    "cluster_id",
    "cluster_documents",
    "doc_id",
)

# Spans whose raw-text twins are added to each claim record, as in `claimgraph extract` (Document.to_dict).
CLAIM_SPANS = (
    ("start", "end"),
    ("content_start", "content_end"),
    ("speaker_start", "speaker_end"),
    ("cue_start", "cue_end"),
)
CLAIM_COLUMNS = (
    "id",
    "doc_id",
    "status",
    "evidence",
    "polarity",
    "checkworthiness",
    "speaker_kind",
    "speaker_text",
    "speaker_actor",
    "speaker_name",
    "speaker_head",
    "cue",
    "content",
    "text",
    "hedges",
    "evidence_cues",
    "quantities",
    "parent",
    "disputed_by",
    *(k for span in CLAIM_SPANS for k in span),
    *("raw_" + k for span in CLAIM_SPANS for k in span),
    "source",
)


@dataclass(frozen=True)
class ExporterSpec:
    """Writes the records (dicts) of one ``subject`` ("events", "claims") to a text stream."""

    name: str
    subject: str
    write: Callable[[Sequence[dict], TextIO], None]
    help: str = ""


def write_json(records: Sequence[dict], out: TextIO) -> None:
    out.write(json.dumps(list(records), ensure_ascii=False, indent=2, default=str) + "\n")


def write_events_csv(records: Sequence[dict], out: TextIO) -> None:
    """ACLED's columns, then ours, then any a listing adds (`events --distinct`: ``reports``)."""
    known = ACLED_COLUMNS + EXTRA_COLUMNS
    added = tuple(k for k in (records[0] if records else {}) if k not in known)
    writer = csv.DictWriter(out, fieldnames=known + added, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)


def _csv_value(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(q["text"] if isinstance(q, dict) else str(q) for q in value)
    return value


def write_claims_csv(records: Sequence[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: _csv_value(v) for k, v in r.items()} for r in records)


BUILTIN_EXPORTERS = (
    ExporterSpec("json", "events", write_json, "JSON list of ACLED-style records"),
    ExporterSpec("csv", "events", write_events_csv, "ACLED-style CSV"),
    ExporterSpec("json", "claims", write_json, "JSON list of claim records"),
    ExporterSpec("csv", "claims", write_claims_csv, "CSV, one row per claim, raw offsets included"),
)
