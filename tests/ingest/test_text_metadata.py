"""Metadata written above a text file, and the site taken from a URL: read by the readers, kept by the
clean stage (the lines are removals with their rule, their values the document's metadata)."""

from __future__ import annotations

import json

from claimgraph.clean import clean_document, load_rules
from claimgraph.ingest import read_paths
from claimgraph.ingest.options import ReaderOptions
from claimgraph.model import Metadata

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module


def _read_one(path, options=None):
    (doc,) = list(read_paths([str(path)], options or ReaderOptions()))
    return doc


def test_text_file_header_lines_become_metadata(tmp_path):
    path = tmp_path / "scraped.txt"
    path.write_text(
        "https://www.kabul-ledger.example/2025/03/07/surkh-rod\n"
        "Published: 7 March 2025\nBy Jawid Hamidi\n\n"
        "Suicide bomber kills 12 in Surkh Rod\n\n"
        "A suicide bomber killed 12 worshippers during Friday prayers, officials said.\n",
        encoding="utf-8",
    )
    read = _read_one(path)
    assert read.meta == Metadata()  # the text reader leaves the lines to the clean stage, which records them
    doc = clean_document(read, RULES)
    assert doc.meta == Metadata(
        title="Suicide bomber kills 12 in Surkh Rod",
        author="Jawid Hamidi",
        date="2025-03-07",
        site="kabul-ledger.example",
        url="https://www.kabul-ledger.example/2025/03/07/surkh-rod",
    )
    taken = [r for r in doc.removals if r.rule == "header-metadata"]
    assert [doc.raw_text[r.raw_start : r.raw_end] for r in taken] == [
        "https://www.kabul-ledger.example/2025/03/07/surkh-rod",
        "Published: 7 March 2025",
        "By Jawid Hamidi",
    ]
    assert doc.clean_text.startswith("Suicide bomber kills 12 in Surkh Rod\n\nA suicide bomber")


def test_markdown_file_date_line_and_heading(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "date 2025-04-01\n\n# ISKP threat assessment\n\nAnalysts said the group remains active.\n", encoding="utf-8"
    )
    doc = clean_document(_read_one(path), RULES)
    assert (doc.meta.date, doc.meta.title) == ("2025-04-01", "ISKP threat assessment")
    assert doc.clean_text == "ISKP threat assessment\n\nAnalysts said the group remains active."


def test_html_page_site_from_its_url(fixtures_dir):
    doc = clean_document(_read_one(fixtures_dir / "ingest" / "page_url_no_site.html"), RULES)
    assert doc.meta.url == "https://www.spinghartimes.example/national/2025/03/26/torkham-road-reopens"
    assert doc.meta.site == "spinghartimes.example"
    assert doc.clean_text.startswith("TORKHAM – The road to the Torkham crossing reopened")


def test_json_record_site_from_its_url(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(
        json.dumps(
            {
                "title": "Crossing reopens",
                "text": "The crossing reopened on Wednesday.",
                "url": "https://monitor.example/a/1",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    doc = clean_document(_read_one(path), RULES)
    assert (doc.meta.url, doc.meta.site) == ("https://monitor.example/a/1", "monitor.example")
