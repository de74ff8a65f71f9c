"""Assertion against denial on a small multi-source corpus written for these tests (synthetic; not
copied from any corpus): an accusation and its denial by the accused, one speaker reported two ways
by two outlets (no dispute between sources), an unrelated denial that must stay apart, and a
look-alike denial from another conflict (another country, no shared actor or event) that must not
join the Sudanese dispute."""

from __future__ import annotations

import json

import pytest

from claimgraph.link.disputes import list_disputes
from claimgraph.link.disputes.denials import one_story
from claimgraph.runner import run
from claimgraph.store import Store

DOCUMENTS = [
    {
        "title": "Army accuses RSF of looting bank",
        "site": "Khartoum Monitor",
        "date": "2024-01-10",
        "text": "The Sudanese army said on Tuesday that RSF fighters looted the central bank branch in Wad Madani "
        "and set fire to its vaults.",
    },
    {
        "title": "RSF rejects looting charge",
        "site": "Darfur Voice",
        "date": "2024-01-11",
        "text": "The Rapid Support Forces denied that their fighters looted the central bank branch in Wad Madani, "
        "saying its troops were guarding the building.",
    },
    {
        "title": "Menaka: colonel speaks",
        "site": "Sahel Post",
        "date": "2024-02-03",
        "text": "Colonel Abdoulaye Maiga said the army had withdrawn from the Menaka camp to regroup near Ansongo.",
    },
    {
        "title": "Menaka: no retreat",
        "site": "Bamako Daily",
        "date": "2024-02-04",
        "text": "Colonel Abdoulaye Maiga denied that the army had withdrawn from the Menaka camp.",
    },
    {
        "title": "Baidoa kidnapping",
        "site": "Mogadishu Times",
        "date": "2024-01-11",
        "text": "Al-Shabaab denied that it had kidnapped the two aid workers seized in Baidoa on Sunday.",
    },
    {
        "title": "Police reject looting reports",
        "site": "Lima Courier",
        "date": "2024-01-11",
        "text": "LIMA, Peru - The police denied that their officers looted the bank branch during the protests "
        "in Juliaca, "
        "saying the reports were false.",
    },
]


@pytest.fixture(scope="module")
def disputes(tmp_path_factory):
    root = tmp_path_factory.mktemp("denials")
    corpus = root / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    with Store(root / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        return list_disputes(store, "claims")


def _sources(dispute):
    return {(v["source"], v["role"]) for v in dispute["values"]}


def test_an_accusation_meets_the_accused_denial(disputes):
    found = [d for d in disputes if ("Khartoum Monitor", "affirms") in _sources(d)]
    assert len(found) == 1, [d["why"] for d in disputes]
    assert ("Darfur Voice", "denies") in _sources(found[0])
    assert "similarity" in found[0]["why"] and found[0]["score"] > 0


def test_one_speaker_reported_two_ways_is_no_dispute_between_sources(disputes):
    assert not [d for d in disputes if {"Sahel Post", "Bamako Daily"} <= {s for s, _ in _sources(d)}]


def test_an_unrelated_denial_stays_apart(disputes):
    assert not [d for d in disputes if "Mogadishu Times" in {s for s, _ in _sources(d)}]


def test_a_look_alike_denial_from_another_conflict_joins_no_dispute(disputes):
    assert not [d for d in disputes if "Lima Courier" in {s for s, _ in _sources(d)}]


def test_one_story_blocks_documents_placed_in_different_countries_only():
    story = {"doc_id": "a", "clusters": set(), "countries": {"AF"}, "names": set()}
    other = {"doc_id": "b", "clusters": set(), "countries": {"BF"}, "names": set()}
    assert not one_story(story, other)
    assert one_story(story, {**other, "countries": {"BF", "AF"}})  # a common country
    assert one_story(story, {**other, "names": {"taliban"}, "doc_id": "c"}) is False
    assert one_story({**story, "names": {"taliban"}}, {**other, "names": {"taliban"}})  # a named actor both name
    assert one_story({**story, "clusters": {"e1"}}, {**other, "clusters": {"e1"}})  # one event cluster
    assert one_story(story, {**other, "countries": set()})  # placed nowhere: nothing tells its story


def test_a_figure_no_one_believes_is_no_sources_value(tmp_path):
    docs = [
        {
            "title": "Goma toll",
            "site": "Kivu Times",
            "date": "2024-03-02",
            "text": "A bomb killed seven people at a market in Goma on Friday, the provincial governor said.",
        },
        {
            "title": "Goma residents",
            "site": "Lake Post",
            "date": "2024-03-03",
            "text": "Residents of Goma said the market bomb on Friday killed at least 40 people. "
            "Nobody here believes seven people died, a trader in Goma said.",
        },
    ]
    corpus = tmp_path / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    with Store(tmp_path / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        listed = list_disputes(store, "figures")
    values = [v for d in listed for v in d["values"]]
    assert not [v for v in values if v["source"] == "Lake Post" and v["low"] == 7], values


def test_a_question_or_a_wh_heading_takes_no_side():
    """A heading that asks ("What the army's record does and does not show") or a question denies and
    affirms nothing, whatever its negation; a sentence that says something keeps its stance."""
    from claimgraph.link.disputes.config import load_config
    from claimgraph.link.disputes.denials import stance

    config = load_config()

    def side(text: str, status: str = "asserted", polarity: str = "negative") -> str | None:
        return stance({"text": text, "status": status, "polarity": polarity}, config)

    assert side("What the junta's counter-insurgency record does and does not show") is None
    assert side("Why the ceasefire did not hold") is None
    assert side("Is the Lakurawa group really not in Sokoto?") is None
    assert side("Did the army not shell the market, as residents say?") is None
    assert side("What the ministry said was not true.") == "denies"
    assert side("The army said it did not shell the village.", "reported") == "denies"
    assert side("The group denied the attack.", "denied") == "denies"


def test_a_negation_giving_the_affirmed_count_does_not_deny_it():
    """A spokesman's "the strike killed four civilians and no commander was present" (negative by its
    negation alone) says what "four civilians were killed" says: no dispute between them. A denial cue
    ("denied that four civilians were killed") still denies the count."""
    from claimgraph.link.disputes.config import load_config
    from claimgraph.link.disputes.denials import _gives_its_count

    config = load_config()
    four = [{"value": 4.0, "value_max": None, "unit": "civilians"}]
    affirms = {"stance": "affirms", "status": "asserted", "polarity": "positive", "quantities": four}
    negation = {"stance": "denies", "status": "reported", "polarity": "negative", "quantities": four}
    denial = {**negation, "status": "denied"}
    seven = {**negation, "quantities": [{"value": 7.0, "value_max": None, "unit": "civilians"}]}
    assert _gives_its_count(affirms, negation, config) and _gives_its_count(negation, affirms, config)
    assert not _gives_its_count(affirms, denial, config)
    assert not _gives_its_count(affirms, seven, config)
    assert not _gives_its_count(affirms, {**negation, "quantities": []}, config)


def test_a_pledge_or_refusal_denies_nothing():
    """A negation under "will"/"would"/"won't" of a first person or a verb of consent is a pledge or a refusal
    ("would not allow violations of its airspace", "we will never negotiate"): no side. A claim with another
    negation of its own ("... and that no soldier was killed"), a "cannot", or a "will not" said of what will
    happen still denies."""
    from claimgraph.link.disputes.config import load_config
    from claimgraph.link.disputes.denials import stance

    config = load_config()

    def side(text: str) -> str | None:
        return stance({"text": text, "status": "reported", "polarity": "negative"}, config)

    assert side("The junta said it would not allow foreign drones over Niamey and would respond.") is None
    assert side("We will never negotiate with the kidnappers, the governor said.") is None
    assert side("The ministry won't accept the monitors' figures, a spokesman said.") is None
    assert side("He said the army would not comment and that no soldier was killed in Diffa.") == "denies"
    assert side("The group said it did not carry out the attack on the convoy.") == "denies"
    assert side("Both accounts of the ambush cannot be true, the analyst said.") == "denies"
    # said of what will happen, not of what someone will do: a denial of a prediction
    assert side("The weather service said the Niger would not flood Niamey this year.") == "denies"
