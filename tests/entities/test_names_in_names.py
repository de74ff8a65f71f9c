"""A person named inside a longer name is no person mention (entities/persons.py); a surface that names
several actors takes the one of the story's country (entities/extract.py). Sentences written for this test."""

from __future__ import annotations

from claimgraph.entities.extract import EntityExtractor, find_mentions

EXTRACTOR = EntityExtractor.load()


def _linked(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor_id) for m in find_mentions(text, EXTRACTOR) if m.type == "Person" or m.actor_id]


def test_an_airport_named_after_a_person_is_not_the_person():
    mentions = _linked("Flights resumed at Hamid Karzai International Airport on Friday.")
    assert ("Hamid Karzai", "hamid-karzai") not in mentions
    # the man himself still is
    assert ("Hamid Karzai", "hamid-karzai") in _linked("Hamid Karzai met elders in Kabul on Friday.")


def test_same_acronym_agencies_take_the_story_country():
    tajik = _linked("Tajikistan said the GKNB detained two men in Dushanbe after a raid.")
    assert ("GKNB", "tj-gknb") in tajik
    kyrgyz = _linked("Kyrgyzstan said the GKNB detained two men in Bishkek after a raid.")
    assert ("GKNB", "kg-gknb") in kyrgyz
