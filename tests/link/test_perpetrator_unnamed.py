"""Perpetrator values that name nobody (issue 16.2, perpjunk): a bare force or victim noun is no value and so never
a side against a named actor; a possessive or first-person doer ("its forces", "our mujahideen") is its owner, the
voice that tells the act. Phrases and sentences written for this test."""

from __future__ import annotations

import pytest
from quality_responsibility import rows_of

from claimgraph.entities.ontology import load_cached
from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.perpetrators import owner_reference, perpetrator_key, same_doer, with_owner
from claimgraph.link.disputes.values import document_perpetrators
from claimgraph.link.propositions import load_config as load_weights
from claimgraph.model import Metadata, Source, new_document


@pytest.mark.parametrize(
    "words",
    ["forces", "its forces", "the Army", "security forces", "government troops", "civilians", "the residents",
     "the mujahideen", "the soldiers of the caliphate", "we"],
)  # fmt: skip
def test_words_that_name_no_party_are_no_value(words):
    assert perpetrator_key(None, words) is None


def test_a_named_owner_keeps_the_phrase_a_value():
    assert perpetrator_key(None, "Pakistani troops") == "text:pakistani troops"
    assert perpetrator_key(None, "M23 forces") == "m23"  # the name before the generic noun
    assert perpetrator_key(None, "Allied Democratic Forces") == "adf"  # a name ending in one
    assert same_doer(perpetrator_key(None, "Allied Democratic Forces"), "islamic-state")  # its parent's province


def test_an_owner_reference_is_read_with_its_possessive():
    assert owner_reference("its forces") and owner_reference("our fighters") and owner_reference("the mujahideen")
    assert not owner_reference("the army") and not owner_reference("Chadian troops")
    sentence = "The ministry said its soldiers had repelled the raid."
    assert with_owner(sentence, "soldiers", sentence.index("repelled")) == "its soldiers"
    assert with_owner(sentence, "its soldiers", sentence.index("repelled")) == "its soldiers"  # held already


@pytest.fixture(scope="module")
def pipe(fast_pipeline):
    return fast_pipeline


def _doers(pipe, text: str, site: str | None = None) -> set[str]:
    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10", site=site)))
    events, claims = rows_of(doc)
    return {v.key for v in document_perpetrators(events, claims, load_config(), load_weights(), load_cached())}


def test_a_channels_own_fighters_are_the_group(pipe):
    text = "Our mujahideen attacked an enemy base near Kismayo, killing many apostate soldiers."
    assert _doers(pipe, text, site="Al-Kataib Media Foundation") == {"al-shabaab"}


def test_a_speakers_own_forces_are_the_speaker_and_no_bare_noun_stands(pipe):
    got = _doers(pipe, "The Chadian army said on Sunday that its troops had killed 12 insurgents near Bol.")
    assert got and not any(k.startswith("text:") for k in got), got
    assert _doers(pipe, "Troops burned the market in Bol on Sunday, residents said.") == set()


def test_an_act_told_by_a_groups_outlet_is_the_groups_claim_and_a_news_agency_claims_nothing(pipe):
    assert _doers(pipe, "Amaq reported an attack on Nigerian soldiers near Damasak that killed four of them.") == {
        "islamic-state"
    }
    assert (
        _doers(pipe, "Reuters reported an attack on Nigerian soldiers near Damasak that killed four of them.") == set()
    )


def test_a_clash_told_as_fighting_names_no_doer_but_a_raid_typed_a_clash_does(pipe):
    """Reports of one battle name either side first ("X clashed with Y" / "Y fought X"): a DRC trial listed
    such a clash's first actors as a perpetrator dispute, ranked first. A clash has no doer; one side's
    attack on the other, typed a clash too, keeps its doer. Sentences written for other conflicts."""
    clash = "Fano militiamen clashed with federal troops near Lalibela on Monday, residents said."
    fought = "Soldiers of the Ethiopian army fought Fano fighters for hours near Lalibela on Monday."
    assert _doers(pipe, clash) == set()
    assert _doers(pipe, fought) == set()
    raid = "Al-Shabaab fighters stormed a military base in Lower Shabelle on Friday, killing nine soldiers."
    assert _doers(pipe, raid) == {"al-shabaab"}
