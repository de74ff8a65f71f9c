"""Perpetrator values read the right way round (issues 16.2/16.3, respback): each value says whether its
doer claims the act, is blamed for it (said by the accuser) or is stated as its doer, and a claim or an
accusation is not turned round. Sentences written for this test, fast mode (the rule path)."""

from __future__ import annotations

import dataclasses

import pytest

from claimgraph.entities.ontology import load_cached
from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.values import document_perpetrators
from claimgraph.link.propositions import load_config as load_weights
from claimgraph.model import Metadata, Source, new_document


@pytest.fixture(scope="module")
def pipe(fast_pipeline):
    return fast_pipeline


def _values(pipe, text: str) -> set[tuple[str, str, str | None]]:
    """(role, doer key, speaker's linked actor or words) of each perpetrator value the text gives."""
    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
    base = {"site": "test", "author": None, "doc_date": "2025-03-10", "location": None, "country": None}
    events = [
        {"admin1": None}
        | dataclasses.asdict(e)
        | base
        | {"event_id": e.id, "doc_id": doc.id}
        | {"sentence": doc.clean_text[e.sentence_start : e.sentence_end]}
        for e in doc.events
    ]
    ontology = load_cached()
    claims = []
    for c in doc.claims:
        actor = ontology.get(c.speaker_actor) if c.speaker_actor else None
        claims.append(dataclasses.asdict(c) | {"claim_id": c.id, "speaker_actor_type": actor and actor.type})
    got = document_perpetrators(events, claims, load_config(), load_weights(), ontology)
    return {(v.qualifier, v.key, v.speaker_actor or v.speaker) for v in got}


def test_an_accusation_gives_the_accused_as_blamed_by_the_accuser(pipe):
    got = _values(pipe, "Pakistan's interior ministry blamed the Baloch Liberation Army for the bombing in Quetta.")
    assert {(r, k) for r, k, _ in got} == {("blamed", "bla")}  # not also the report's own doer
    assert next(s for _, _, s in got) != "test"  # said by the ministry, not the outlet


def test_a_passive_claim_is_the_agents_claim(pipe):
    got = _values(pipe, "The ambush on the fuel convoy near Kidal was claimed by JNIM.")
    assert ("claimed", "jnim") in {(r, k) for r, k, _ in got}


def test_a_headline_claim_is_a_claim(pipe):
    got = _values(pipe, "TTP claims attack on police post in Bannu")
    assert {(r, k) for r, k, _ in got} == {("claimed", "ttp")}


def test_a_group_saying_it_killed_claims_the_act(pipe):
    got = _values(pipe, "The TTP said its fighters had killed six policemen in the raid on the checkpoint.")
    assert ("claimed", "ttp") in {(r, k) for r, k, _ in got}


def test_a_denier_who_blames_another_gives_the_other_as_blamed(pipe):
    got = _values(pipe, "The Arakan Army denied involvement and blamed the Tatmadaw for the air strike on the market.")
    assert {(r, k, s) for r, k, s in got} == {("blamed", "tatmadaw", "arakan-army")}


def test_the_antecedent_of_a_relative_accusation_is_blamed(pipe):
    got = _values(
        pipe, "The Fano militia, which the government blames for the ambush on the convoy, has not commented."
    )
    assert ("blamed", "fano") in {(r, k) for r, k, _ in got}


def test_allegations_of_a_massacre_of_villagers_blame_no_villagers(pipe):
    """A Sahel trial's "allegations ... of a so-called massacre of civilians" made "civilians" a blamed doer:
    the parse gives the massacre's victims as the accusation's second actor."""
    for text in (
        "The defence ministry has taken note of allegations relayed by some foreign outlets of a so-called massacre"
        " of villagers near Hombori.",
        "Officials noted allegations of a massacre of villagers in two hamlets near Hombori.",
    ):
        assert not [k for r, k, _ in _values(pipe, text) if "villager" in k]
    # an accusation naming its accused still blames it, said by the accuser
    # (a named army: an army with no owner is an unidentified party and no value, perpjunk)
    text = "Rights groups accused the Malian army of a massacre of villagers near Hombori in March."
    got = _values(pipe, text)
    assert [k for r, k, who in got if r == "blamed" and who == "Rights groups" and "villager" not in k], got
