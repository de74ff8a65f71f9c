"""The per-document budget: a long document's entities, events and claims come from its first
``extract.max_chars`` characters, with a note; a document within the budget is untouched."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimgraph.budget import Budget
from claimgraph.cli import main
from claimgraph.model import NOTES_KIND, Document, Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings

# the case of issue 18: one line of prose, no paragraph breaks
SENTENCES = (
    "Officials in Kabul said on Monday that a convoy was attacked near the Salang tunnel, and the "
    "ministry of interior denied reports that forty people had been displaced from the district. "
)
FAST = Settings.defaults().with_values({"extract.mode": "fast"})
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _text(chars: int) -> str:
    return (SENTENCES * (chars // len(SENTENCES) + 1))[:chars]


def _budgeted(pipe: Pipeline, values: dict) -> Pipeline:
    """``pipe``'s components (the session's fast pipeline: building them is seconds) under the budget of the
    fast settings with ``values``, as ``Pipeline.from_settings`` of those settings would give them."""
    return Pipeline(pipe.components, Budget.of(FAST.with_values(values)))


def _long(chars: int) -> Document:
    return new_document(Source("long.txt", "txt"), _text(chars))


def test_a_long_document_is_searched_in_its_first_part_and_noted(fast_pipeline):
    doc = fast_pipeline(_long(300_000))
    (note,) = doc.annotations[NOTES_KIND]
    cut = note.searched
    assert note.kind == "truncated" and note.chars == len(doc.clean_text) > 299_000
    assert note.stages == ("entities", "events", "claims", "figures")
    assert 190_000 < cut <= 200_000 and doc.clean_text[cut - 1] == "."  # cut at a sentence end
    assert note.text == (
        f"only the first {cut:,} of {len(doc.clean_text):,} characters were searched for entities, "
        "events, claims and figures (--max-chars)"
    )
    # the document keeps its whole text and sentences; what was found lies in the first part
    assert doc.paragraphs[-1].end == len(doc.clean_text) and doc.sentences[-1][1] > cut
    assert doc.entities and doc.events and doc.claims
    assert all(m.end <= cut and doc.clean_text[m.start : m.end] == m.text for m in doc.entities)
    assert all(e.sentence_end <= cut for e in doc.events)
    assert all(c.end <= cut and doc.clean_text[c.start : c.end] == c.text for c in doc.claims)
    # what a document made of that first part alone gives (ids aside: they hash the whole text)
    part = fast_pipeline(_long(cut))
    assert part.entities == doc.entities
    assert [(e.type, e.trigger_start) for e in part.events] == [(e.type, e.trigger_start) for e in doc.events]
    assert [(c.start, c.end, c.status) for c in part.claims] == [(c.start, c.end, c.status) for c in doc.claims]
    assert NOTES_KIND not in part.annotations


def test_a_document_within_the_budget_is_unchanged(fast_pipeline):
    path = EXAMPLES / "kabul_ledger_surkhrod_bombing.txt"
    doc = new_document(Source(str(path), "txt"), path.read_text(encoding="utf-8"))
    budgeted = fast_pipeline(doc)
    exact = _budgeted(fast_pipeline, {"extract.max_chars": len(budgeted.clean_text)})(doc)
    unlimited = _budgeted(fast_pipeline, {"extract.max_chars": 0, "extract.max_seconds": 0})(doc)
    assert budgeted == exact == unlimited and NOTES_KIND not in budgeted.annotations
    assert budgeted.entities and budgeted.claims


def test_a_document_out_of_time_skips_the_budgeted_stages_with_a_note(fast_pipeline):
    doc = _budgeted(fast_pipeline, {"extract.max_seconds": 1e-9})(_long(2_000))
    assert doc.clean_text and doc.language == "en"
    assert (doc.entities, doc.events, doc.claims) == ((), (), ())
    (note,) = doc.annotations[NOTES_KIND]
    assert (note.kind, note.stages) == ("skipped", ("entities", "events", "claims", "figures"))
    assert note.text == (
        "entities, events, claims and figures skipped: the document took more than 1e-09 s (--max-seconds)"
    )


def test_the_max_chars_flag_limits_a_run_and_the_note_is_printed_stored_and_reported(tmp_path):
    path = tmp_path / "long.txt"
    text = _text(8_000)
    path.write_text(text, encoding="utf-8")
    db = str(tmp_path / "store.duckdb")
    args = ["run", str(path), "--db", db, "--workers", "1", "--mode", "fast", "--max-chars", "1000", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert line.startswith(f"note: {path}: only the first ") and line.endswith(
        f"of {len(text):,} characters were searched for entities, events, claims and figures (--max-chars)"
    )
    (reported,) = json.loads(result.stdout)["notes"]
    assert reported["source"] == str(path) and line.endswith(reported["note"])
    shown = CliRunner().invoke(main, ["show", reported["id"], "--db", db, "--json"])
    (stored,) = json.loads(shown.stdout)["annotations"]["notes"]
    assert stored["text"] == reported["note"] and stored["searched"] <= 1000
