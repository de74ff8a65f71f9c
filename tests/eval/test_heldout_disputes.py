"""bench/data/heldout_disputes/gold.yaml parses, names documents that exist, and
bench/quality_heldout_disputes.py matches listed disputes to it by its written rule."""

from __future__ import annotations

import html
import math

from quality_heldout_disputes import DATA, KIND, finds, load_gold, marker_made, side_interval

TRAP_KINDS = {
    "same-source-update",
    "cumulative-tally",
    "different-incident",
    "compatible-bound",
    "ally-restatement",
    "different-measure",
    "overnight-straddle",
}


def test_gold_parses_and_every_side_names_an_existing_document_holding_its_quote():
    gold = load_gold()
    assert len(gold) == 6
    for corpus, g in gold.items():
        assert 4 <= len(g["planted"]) <= 7 and len(g["traps"]) >= 2, corpus
        for item in g["planted"] + g["traps"]:
            assert item["kind"] in (KIND if item in g["planted"] else TRAP_KINDS), item["id"]
            assert len(item["sides"]) >= 2, item["id"]
            for side in item["sides"]:
                path = DATA / corpus / side["doc"].partition("#")[0]
                assert path.is_file(), (item["id"], side["doc"])
                assert side["quote"] in html.unescape(path.read_text(encoding="utf-8")), (item["id"], side["quote"])


def test_every_corpus_file_says_it_is_synthetic_on_its_last_line():
    files = [p for p in DATA.rglob("*") if p.is_file() and p.name != "gold.yaml"]
    assert len(files) >= 36
    for p in files:
        assert "synthetic" in p.read_text(encoding="utf-8").rstrip().splitlines()[-1].lower(), p


def test_side_intervals():
    assert side_interval("21") == (21, 21)
    assert side_interval(">=30") == (30, math.inf)
    assert side_interval("<=100000") == (0, 100000)
    assert side_interval("600-800") == (600, 800)
    assert side_interval("~300") == (240, 360)
    assert side_interval("2026-11-14") is None


ITEM = {
    "id": "x-d1",
    "kind": "deaths",
    "sides": [
        {"doc": "a.txt", "value": "6", "quote": "6 soldiers killed"},
        {"doc": "b.jsonl#2", "value": "47", "quote": "the killing of 47 soldiers"},
    ],
}
REFS = {"da": "a.txt", "db1": "b.jsonl#1", "db2": "b.jsonl#2"}


def _figures(measure: str, *values: tuple[str, str, float]) -> dict:
    rows = [{"role": role, "doc_id": doc, "low": n, "high": n, "text": ""} for role, doc, n in values]
    return {"kind": "figures", "measure": measure, "values": rows}


def test_a_figures_dispute_finds_the_item_only_with_conflicting_values_of_two_sides_from_their_documents():
    assert finds(_figures("killed", ("value", "da", 6), ("value", "db2", 47)), ITEM, REFS)
    assert not finds(_figures("injured", ("value", "da", 6), ("value", "db2", 47)), ITEM, REFS)  # other measure
    assert not finds(_figures("killed", ("value", "da", 6), ("update", "db2", 47)), ITEM, REFS)  # an update
    assert not finds(_figures("killed", ("value", "da", 6), ("value", "db1", 47)), ITEM, REFS)  # other record
    assert not finds(_figures("killed", ("value", "da", 9), ("value", "db2", 47)), ITEM, REFS)  # other figure


def test_a_claims_dispute_needs_the_sides_role_and_half_of_its_quote():
    item = {
        "id": "x-d2",
        "kind": "claims-denial",
        "sides": [
            {"doc": "a.txt", "value": "affirms", "quote": "took full control of the base"},
            {"doc": "b.jsonl#2", "value": "denies", "quote": "the base never fell"},
        ],
    }
    yes = {"role": "affirms", "doc_id": "da", "text": "They took full control of the base at dawn."}
    no = {"role": "denies", "doc_id": "db2", "text": "The minister said the base never fell."}
    assert finds({"kind": "claims", "values": [yes, no]}, item, REFS)
    assert not finds({"kind": "claims", "values": [yes, {**no, "role": "affirms"}]}, item, REFS)
    assert not finds({"kind": "claims", "values": [yes, {**no, "text": "Fighting went on."}]}, item, REFS)


def test_a_figure_must_read_the_sides_own_number_not_any_overlapping_bound():
    item = {
        "id": "x-t1",
        "kind": "different-measure",
        "sides": [
            {"doc": "a.txt", "value": "52", "quote": "52 people were injured"},
            {"doc": "b.jsonl#2", "value": ">=6", "quote": "at least 6 civilians were killed"},
        ],
    }
    at_least = {"role": "value", "doc_id": "db2", "low": 48.0, "high": None, "text": ""}
    listed = {"kind": "figures", "measure": "injured", "values": [_figures("x", ("value", "da", 52))["values"][0]]}
    assert not finds({**listed, "values": listed["values"] + [at_least]}, item, REFS)  # "at least 48" is not 6
    assert finds({**listed, "values": listed["values"] + [{**at_least, "low": 6.0}]}, item, REFS)
    assert not finds(_figures("killed", ("value", "da", 6), ("value", "db2", 48)), ITEM, REFS)  # 48 is not 47
    assert not finds(_figures("killed", ("value", "da", 6), ("value", "db2", 60)), ITEM, REFS)


def test_disputes_made_of_the_synthetic_marker_lines_are_dropped():
    line = "[Synthetic document written for claimgraph's held-out disputes set (dheld, 2026-12-08).]"
    made = {"values": [{"text": f"Colonel X, spokesperson {line}"}, {"text": line}, {"text": "Shells fell."}]}
    assert marker_made(made)
    assert not marker_made({"values": [{"text": line}, {"text": "Shells fell."}, {"text": "No one died."}]})
