"""The standalone brief: built from a real store, self-contained, hostile text escaped."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.report import build_brief
from claimgraph.report.brief import UNNAMED_SOURCE
from claimgraph.store import Store

_spec = importlib.util.spec_from_file_location(
    "workbench_store", Path(__file__).resolve().parents[1] / "serve" / "workbench_store.py"
)
workbench_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(workbench_store)


@pytest.fixture(scope="module")
def brief(brief_store: Path) -> str:
    with Store(brief_store, read_only=True) as store:
        return build_brief(store, title="Test <b>brief</b>")


def test_brief_is_standalone(brief):
    # no external request of any kind: no src/href to another host, no @import, no url()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", brief, re.I)
    assert "@import" not in brief and not re.search(r"url\(\s*['\"]?(https?:|//)", brief)
    assert "<script" not in brief.lower()
    assert "<svg" in brief and "<style>" in brief  # plots and CSS are inline


def test_brief_figures_are_svg_drawn_from_the_store(brief, brief_store):
    # the drawings render/ makes (the legend's swatches are small svgs of the template, without xmlns)
    svgs = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg".*?</svg>', brief, re.S)
    drawings = [ET.fromstring(svg) for svg in svgs]
    kinds = Counter(d.get("class") for d in drawings)
    assert kinds["timeline"] == kinds["map"] == kinds["network"] == 1 and kinds["bars"] >= 4
    links = [a.get("href") for d in drawings for a in d.iter("{http://www.w3.org/2000/svg}a")]
    assert links and all(link.startswith("#") for link in links)  # every link stays inside the brief
    with Store(brief_store, read_only=True) as store:
        statuses = Counter(c["status"] for c in store.claims.find())  # a repost's claims count once
    chart = next(d for d in drawings if d.get("aria-label") == "Claims by status")
    bars = {
        t.text.rsplit(": ", 1)[0]: int(t.text.rsplit(": ", 1)[1])
        for t in chart.iter("{http://www.w3.org/2000/svg}title")
    }
    assert bars == dict(statuses)


def test_brief_counts_what_the_run_reports(brief, brief_store):
    # the store holds a repost: its events and claims are not counted again (as `claimgraph run` says)
    with Store(brief_store, read_only=True) as store:
        held = store.documents.holdings()
        counted = store.documents.counts()
    assert counted["exact_duplicates"] + counted["near_duplicates"] >= 1
    counts = {name: int(n) for n, name in re.findall(r'<div class="stat"><b>(\d+)</b>([a-z ]+)</div>', brief)}
    assert counts["distinct"] == held.documents
    assert counts["distinct events"] == held.events <= counts["event reports"]
    assert counts["claims"] == held.claims
    assert f"most check-worthy of {held.claims} claims" in brief


def _bars(brief: str, label: str) -> dict[str, int]:
    svgs = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg".*?</svg>', brief, re.S)
    chart = next(d for d in map(ET.fromstring, svgs) if d.get("aria-label") == label)
    titles = [t.text.rsplit(": ", 1) for t in chart.iter("{http://www.w3.org/2000/svg}title")]
    return {name: int(n) for name, n in titles}


def test_brief_counts_documents_by_source_and_language_once(brief, brief_store):
    # the store holds a repost of the Kabul Ledger report: a second copy is not a second document of
    # its source, as the "distinct" count says
    with Store(brief_store, read_only=True) as store:
        held = store.documents.holdings()
        counted = store.documents.counts()
    assert counted["documents"] > held.documents
    by_source = _bars(brief, "Distinct documents by source (duplicates once)")
    assert sum(by_source.values()) == held.documents
    assert by_source["Kabul Ledger"] == 1
    languages = re.search(r"<th>Language</th><th class=\"num\">Distinct documents</th>.*?</tbody>", brief, re.S)
    assert sum(int(n) for n in re.findall(r'<td class="num">(\d+)</td>', languages.group(0))) == held.documents


def test_brief_names_no_folder_as_a_source(brief, brief_store):
    """A document with no outlet or author read is charted as unnamed, not under its file's folder
    (the hostile fixtures share one folder: before, they made one source called "hostile")."""
    with Store(brief_store, read_only=True) as store:
        _, documents = store.documents.page(limit=1000)
    distinct = [d for d in documents if not d["duplicate_of"]]
    unnamed = sum(not (d["site"] or d["author"]) for d in distinct)
    folders = {Path(d["source_path"]).parent.name for d in distinct}
    by_source = _bars(brief, "Distinct documents by source (duplicates once)")
    assert unnamed and by_source[UNNAMED_SOURCE] == unnamed
    assert not folders & set(by_source)


def test_brief_escapes_document_text(brief):
    assert "Test &lt;b&gt;brief&lt;/b&gt;" in brief
    assert not re.search(r"<img src=x|<script>window|<svg onload|</textarea><|href=\"javascript:", brief, re.I)
    assert "&lt;img src=x onerror=" in brief  # shown, as text


def test_brief_sections_link_items_to_their_sources(brief):
    for section in ("corpus", "events", "claims", "actors", "sources"):
        assert f'id="{section}"' in brief
    doc = workbench_store.annotated_document()
    assert f'id="doc-{doc.id}"' in brief
    links = set(re.findall(r'href="#doc-([0-9a-f]+)"', brief))
    anchors = set(re.findall(r'id="doc-([0-9a-f]+)"', brief))
    assert doc.id in links and links <= anchors  # every link lands on a listed source
    assert "exact duplicate of" in brief  # the repost of the Kabul Ledger article


def test_report_command_writes_the_file(brief_store, tmp_path):
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(main, ["report", "--db", str(brief_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_report_command_errors_are_one_line(tmp_path):
    result = CliRunner().invoke(main, ["report", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code != 0 and "missing.duckdb: no such store" in result.output


def test_serve_refuses_a_public_host_without_token(brief_store):
    result = CliRunner().invoke(main, ["serve", "--db", str(brief_store), "--host", "0.0.0.0"])
    assert result.exit_code != 0 and "without --token" in result.output
