"""Humanitarian and UN agencies are actors (a North Darfur user's trial found MSF, OCHA, WHO, the Sovereignty
Council and the Darfur Joint Forces unknown, and "Janjaweed militia" set against the RSF as a rival doer).
Sentences written for these tests, from no evaluation set."""

from __future__ import annotations

import pytest

from claimgraph.entities.extract import find_mentions
from claimgraph.entities.ontology import Ontology


def _actors(text, extractor, mode):
    return {m.text: m.actor_id for m in find_mentions(text, extractor, mode=mode) if m.actor_id}


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_agencies_and_ngos_are_linked(entity_extractor, mode):
    text = (
        "WHO said the hospital in Goma lost power, while Doctors Without Borders and the ICRC counted the wounded; "
        "UNICEF and OCHA asked for access."
    )
    found = _actors(text, entity_extractor, mode)
    assert found["WHO"] == "who" and found["Doctors Without Borders"] == "msf" and found["ICRC"] == "icrc"
    assert found["UNICEF"] == "unicef" and found["OCHA"] == "ocha"


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_the_pronoun_who_is_no_agency(entity_extractor, mode):
    text = "Residents who fled the shelling said the militia who held the town had left."
    assert "who" not in _actors(text, entity_extractor, mode).values()


def test_ngos_are_their_own_type_and_janjaweed_is_the_rsf():
    ontology = Ontology.load()
    assert {a.id for a in ontology.by_type("ngo")} >= {"icrc", "msf", "human-rights-watch"}
    assert [a.id for a in ontology.lookup("Janjaweed")] == ["rsf"]
    assert [a.id for a in ontology.lookup("Sovereignty Council")] == ["sudan-sovereignty-council"]


def test_myanmars_two_governments_are_two_actors():
    """A Myanmar trial: the National Unity Government had no actor, so its statements fell to the junta's
    ministry; the junta's council had none either."""
    ontology = Ontology.load()
    assert [a.id for a in ontology.lookup("National Unity Government")] == ["nug-myanmar"]
    assert [a.id for a in ontology.lookup("State Administration Council")] == ["myanmar-sac"]
