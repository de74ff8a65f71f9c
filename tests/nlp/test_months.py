"""The one month table serves both date readers: the clean stage's header dates and the date
expressions of events and claims."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from claimgraph.clean.dates import parse_date
from claimgraph.nlp.dates import find_dates
from claimgraph.nlp.months import MONTHS

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_every_month_has_its_name_and_abbreviations():
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert MONTHS["march"] == MONTHS["mar"] == 3
    assert MONTHS["september"] == MONTHS["sep"] == MONTHS["sept"] == 9
    assert MONTHS["may"] == 5
    assert all(name == name.lower() for name in MONTHS)


def test_header_and_running_text_read_the_same_months():
    for name, number in MONTHS.items():
        written = f"7 {name.title()} 2025"
        assert parse_date(written) == f"2025-{number:02d}-07"
        (found,) = find_dates(written)
        assert found.date_start == found.date_end == f"2025-{number:02d}-07"


def test_corpus_dateline_and_reference():
    text = (CORPUS / "kabul_ledger_surkhrod_bombing.txt").read_text(encoding="utf-8")
    dateline = next(line for line in text.splitlines() if line.startswith("JALALABAD,"))
    assert parse_date(dateline.split(",", 1)[1].split("–")[0]) == "2025-03-07"
    monitoring = (CORPUS / "meridian_review_un_monitoring_report.txt").read_text(encoding="utf-8")
    spans = [d for d in find_dates(monitoring, date(2025, 3, 30)) if d.text == "7 March"]
    assert spans and spans[0].date_start == "2025-03-07"
