"""bench/data/claim_pairs.yaml and how bench/quality_denials.py --pairs scores listed claims disputes on it."""

from __future__ import annotations

from collections import Counter

from quality_denials import pair_items, pair_scores

KINDS = {"same", "paraphrase", "other_act", "other_place", "other_time", "other_number", "general"}


def test_the_pairs_file_holds_both_labels_in_both_splits_with_unique_sources():
    train, dev = pair_items("train"), pair_items("dev")
    items = train + dev
    assert len(items) >= 80
    assert {x["id"] for x in train}.isdisjoint({x["id"] for x in dev})
    for split in (train, dev):
        assert {x["same"] for x in split} == {True, False}
    for x in items:
        assert x["kind"] in KINDS and x["same"] == (x["kind"] in ("same", "paraphrase")), x["id"]
    sites = Counter(x[r]["site"] for x in items for r in ("affirm", "deny"))
    assert max(sites.values()) == 1  # an article is known by its site


def _dispute(*values: tuple[str, str]) -> dict:
    return {"values": [{"role": role, "source": site} for role, site in values]}


def test_pair_scores_count_an_item_paired_across_its_sides_and_disputes_joining_two_items():
    items = [
        {"same": True, "affirm": {"site": "a1"}, "deny": {"site": "d1"}},
        {"same": False, "affirm": {"site": "a2"}, "deny": {"site": "d2"}},
        {"same": True, "affirm": {"site": "a3"}, "deny": {"site": "d3"}},
    ]
    disputes = [
        _dispute(("affirms", "a1"), ("denies", "d1")),  # right
        _dispute(("affirms", "a2"), ("denies", "d2")),  # a pair that is not one proposition: wrong
        _dispute(("affirms", "a3"), ("denies", "d2")),  # two items joined: wrong, item 3 not paired
        _dispute(("affirms", "d1"), ("denies", "a1")),  # sides the other way round: no pair
    ]
    s = pair_scores(disputes, items)
    assert s["predicted"] == {0, 1}
    assert (s["tp"], s["fp"], s["gold"]) == (1, 2, 2)
    assert s["across"] == {(1, 2)}
