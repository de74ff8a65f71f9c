"""Who published a saved statement, transcript or thread, and where its text begins
(tests/fixtures/ingest/outlet_heads.yaml: synthetic heads from many conflicts, written before the rules,
split by sha1 of the case id, even = train, odd = dev): a place line under a title is a dateline, not
the outlet; the issuer a title or an issuer's line names is the site; a date only in the title dates the
document; headline tags and transcript turn markers are cut from the text, each as a recorded removal."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from claimgraph.clean import clean_document, load_rules
from claimgraph.ingest import read_paths
from claimgraph.ingest.options import ReaderOptions

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module
CASES = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "ingest" / "outlet_heads.yaml").read_text("utf-8"))[
    "cases"
]


def read_head(tmp_path: Path, case: dict):
    path = tmp_path / f"{case['id']}.{case['fmt']}"
    path.write_text(case["text"], encoding="utf-8")
    (doc,) = list(read_paths([str(path)], ReaderOptions()))
    return clean_document(doc, RULES)


def first_body(doc) -> str:
    paragraphs = [p.strip() for p in doc.clean_text.split("\n\n") if p.strip()]
    return next(p for p in paragraphs if p != (doc.meta.title or ""))


def test_the_recorded_split_is_sha1_parity():
    for case in CASES:
        parity = int(hashlib.sha1(case["id"].encode("utf-8")).hexdigest(), 16) % 2
        assert case["split"] == ("dev" if parity else "train")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_outlet_head(tmp_path, case):
    doc = read_head(tmp_path, case)
    assert [doc.meta.title, doc.meta.site, doc.meta.author, doc.meta.date] == case["gold"]
    assert first_body(doc).startswith(case["body"])


def test_a_place_line_is_removed_as_a_header_line_and_names_no_site(tmp_path):
    case = next(c for c in CASES if c["id"] == "place-khartoum-under-title-md")
    doc = read_head(tmp_path, case)
    taken = {doc.raw_text[r.raw_start : r.raw_end].strip(): r.rule for r in doc.removals}
    assert taken.get("Khartoum") == "place-line-header"
    assert doc.meta.site is None


def test_tags_and_turn_markers_are_recorded_removals(tmp_path):
    doc = read_head(tmp_path, next(c for c in CASES if c["id"] == "tag-transcript-q-a-md"))
    rules = {doc.raw_text[r.raw_start : r.raw_end].strip(): r.rule for r in doc.removals}
    assert rules.get("Q:") == rules.get("A:") == "transcript-turn"
    doc = read_head(tmp_path, next(c for c in CASES if c["id"] == "tag-just-in-headline"))
    assert any(r.rule == "headline-tag" for r in doc.removals)
