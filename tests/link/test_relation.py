"""claim_relation on pairs from examples/scenario.yaml and the two seeds."""

from __future__ import annotations

import pytest
import yaml

from claimgraph.link.embeddings import Embedder
from claimgraph.link.relation import (
    ClaimPair,
    claim_relation,
    claim_relations,
    load_config,
    number_conflicts,
    quantity_interval,
)
from claimgraph.model import Quantity
from claimgraph.nlp.quantities import find_quantities


@pytest.fixture(scope="module")
def scenario_claims():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "scenario.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]


def test_death_tolls_contradict(scenario_claims):
    pair = scenario_claims["contradict"][0]  # "at least 12 worshippers" vs "five worshippers were martyred"
    label, score, reasons = claim_relation(pair["a"]["text"], pair["b"]["text"])
    assert label == "contradicts" and score >= 0.9
    assert any(r.startswith("numbers conflict on killed") for r in reasons)


def test_same_toll_reported_twice_supports(scenario_claims):
    pair = scenario_claims["agree"][3]  # UNAMA: "at least 11 civilians were killed", reported again
    label, score, reasons = claim_relation(pair["a"]["text"], pair["b"]["text"])
    assert label == "supports" and score > 0.5, reasons
    assert not any(r.startswith("numbers conflict") for r in reasons)


def test_same_figures_in_other_words_do_not_conflict(scenario_claims):
    pair = scenario_claims["agree"][
        1
    ]  # "five people were killed and 14 wounded" vs "five worshippers were martyred and 14 others were wounded"
    label, _, reasons = claim_relation(pair["a"]["text"], pair["b"]["text"])
    # the wording differs enough that the fast vectors score it 0.40: not "supports", but no conflict
    assert label != "contradicts", reasons


def test_unrelated_seed_sentences_are_neither(seed_news_path, seed_thread_path):
    trade = "The State Bank of Pakistan has reported a more than seven percent decline"
    attacks = "the ISKP has refrained from claiming responsibility for any attacks over the past eight weeks"
    assert trade in seed_news_path.read_text(encoding="utf-8")
    assert attacks in seed_thread_path.read_text(encoding="utf-8")
    label, _, _ = claim_relation(trade, attacks)
    assert label == "neither"


def test_relations_read_the_callers_embeddings_as_their_own(scenario_claims):
    # the propositions step hands over the vectors its claims were placed with: the same relations
    texts = [pair[side]["text"] for pairs in scenario_claims.values() for pair in pairs for side in "ab"][:8]
    assert len(set(texts)) == 8
    pairs = [ClaimPair(a, b) for a in texts[:3] for b in texts]
    vectors = Embedder("fast").encode(texts[1:])  # one text left for the relations to encode
    assert claim_relations(pairs, encoded=dict(zip(texts[1:], vectors))) == claim_relations(pairs)


def test_caller_polarity_is_used():
    a = "ISKP claimed responsibility for the Surkh Rod mosque bombing"
    label, _, reasons = claim_relation(a, a, a_polarity="positive", b_polarity="negative")
    assert label == "contradicts"
    assert "polarity differs: positive vs negative" in reasons


def test_caller_quantities_are_used():
    a, b = "Militants were killed in the strike", "Militants were killed in the strike"
    qa = (Quantity(0, 5, "seven", 7.0, "killed"),)
    qb = (Quantity(0, 4, "four", 4.0, "killed"),)
    label, _, reasons = claim_relation(a, b, a_numbers=qa, b_numbers=qb)
    assert label == "contradicts"
    assert "numbers conflict on killed: 'seven' vs 'four'" in reasons


def test_number_bounds():
    config = load_config()
    at_least_12 = find_quantities("killing at least 12 worshippers")[0]
    assert quantity_interval(at_least_12, config) == (12.0, float("inf"))
    a = "at least 11 civilians were killed and 26 injured"
    b = "UNAMA has documented at least 11 civilian deaths in that attack."
    assert number_conflicts(a, find_quantities(a), b, find_quantities(b), config) == []
    c = "the Ministry of Interior had confirmed that five people were martyred in that attack"
    assert number_conflicts(a, find_quantities(a), c, find_quantities(c), config) == [
        "numbers conflict on killed: 'at least 11 civilians' vs 'five people'"
    ]
