"""The accurate mode's types on the distinctions of issue 14.1 (a fresh user's corpus had "a raid on the camp"
as ARREST, "an attack on the camp" as CHEM_WEAP, "the camp hosts 60,000" as HQ_ESTABLISHED and statements as
PEACE_PROTEST). Sentences written for this test, none from a corpus or a dev set."""

import pytest
from pipeline_events import events_of

pytest.importorskip("spacy", reason="the learned event model needs the `accurate` extra")


@pytest.fixture(scope="module")
def pipe(accurate_pipeline):
    return accurate_pipeline


def types(pipe, text):
    return {e.type for e in events_of(pipe, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Eight herders were killed in the attack on the Gidan Bawa settlement late on Sunday, a councillor said.",
        "The raid on the cattle market at Dangulbi left nine traders dead.",
    ],
)
def test_a_nominal_attack_is_an_attack_not_an_arrest_or_gas(pipe, text):
    found = types(pipe, text)
    assert "ATTACK" in found
    assert not found & {"ARREST", "CHEM_WEAP"}


def test_a_raid_that_detains_people_is_an_arrest(pipe):
    assert "ARREST" in types(pipe, "Police detained 14 men in a raid on a lodge in Garissa on Tuesday.")


def test_a_camp_that_hosts_people_is_no_base(pipe):
    text = "The Meiganga site now hosts about 25,000 people who fled the fighting across the border."
    assert "HQ_ESTABLISHED" not in types(pipe, text)


@pytest.mark.parametrize(
    "text",
    [
        "The interior ministry condemned the killings in a statement and urged residents to remain calm.",
        "The regional governor called on both communities to respect the truce.",
    ],
)
def test_an_official_statement_is_no_protest(pipe, text):
    assert "PEACE_PROTEST" not in types(pipe, text)
