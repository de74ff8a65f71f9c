"""A state's name inside a longer state's name is no mention of its own: "Republic of the Congo" and "Congo" in
"Democratic Republic of the Congo", "Sudan" in "South Sudan" (the network linked Brazzaville's state to stories
about Kinshasa); a state inside an organ's name still is ("Security Council of Kyrgyzstan"). Sentences written
for this test."""

from __future__ import annotations

from claimgraph.entities.extract import find_mentions


def _actors(text, extractor):
    return [(m.text, m.actor_id) for m in find_mentions(text, extractor) if m.actor_id]


def test_a_state_inside_a_longer_state_name_is_not_named(entity_extractor):
    found = _actors("The Armed Forces of the Democratic Republic of the Congo retook the town.", entity_extractor)
    assert ("Democratic Republic of the Congo", "democratic-republic-of-the-congo") in found
    assert not any(actor == "republic-of-the-congo" for _, actor in found)
    found = _actors("Refugees crossed from South Sudan into Uganda on Monday.", entity_extractor)
    assert not any(actor == "sudan" for _, actor in found)


def test_a_state_inside_an_organ_name_still_is(entity_extractor):
    found = _actors("The Security Council of Kyrgyzstan met on Friday.", entity_extractor)
    assert ("Kyrgyzstan", "kyrgyzstan") in found


def _nationalities(text, extractor):
    return [(m.text, m.country) for m in find_mentions(text, extractor) if m.type == "Nationality"]


def test_a_shared_demonym_names_the_country_of_the_story(entity_extractor):
    brazzaville = "Two Congolese nationals were detained in Brazzaville, the capital of the Republic of Congo."
    assert ("Congolese", "CG") in _nationalities(brazzaville, entity_extractor)
    goma = "Congolese soldiers and M23 rebels clashed near Goma on Sunday, officials in Kinshasa said."
    assert all(country == "CD" for _, country in _nationalities(goma, entity_extractor))
    alone = "Congolese officials said the talks would resume."
    assert _nationalities(alone, entity_extractor) == [("Congolese", "CD")]  # the one listed first
