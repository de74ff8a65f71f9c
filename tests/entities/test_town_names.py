"""Towns whose names hold a country's name, and towns in a wire's capitalised dateline (a North Darfur user's
trial: "Port Sudan" was read as the country Sudan, and "EL FASHER, Dec 3 -" as an organisation in accurate
mode). The sentences are written for these tests and come from no evaluation set."""

from __future__ import annotations

import pytest

from claimgraph.entities.extract import find_mentions


def _places(text, extractor, mode):
    return [(m.text, m.place_id) for m in find_mentions(text, extractor, mode=mode) if m.type == "Location"]


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_country_name_inside_a_town_name_is_the_town(entity_extractor, mode):
    text = "Drones struck Port Sudan on Wednesday, and a blast hit Mexico City the same night."
    places = dict(_places(text, entity_extractor, mode))
    assert places.get("Port Sudan", "").startswith("geonames:")
    assert "Sudan" not in places  # the country is not read out of the town's name
    assert places.get("Mexico City", "").startswith("geonames:")


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_country_standing_alone_beside_such_a_town_is_still_the_country(entity_extractor, mode):
    text = "Drones struck Port Sudan in eastern Sudan for a third day, the seat of the army-led government."
    places = _places(text, entity_extractor, mode)
    assert ("Sudan", "country:SD") in places and any(name == "Port Sudan" for name, _ in places)


@pytest.mark.parametrize(
    "dateline",
    ["EL FASHER, Dec 3 (Reuters) -", "PORT SUDAN, Dec 3 -", "MOPTI, Mali, March 2 (AFP) -"],
)
@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_town_in_a_capitalised_dateline_is_a_place(entity_extractor, mode, dateline):
    town = dateline.split(",")[0]
    text = f"Attack on market\n\n{dateline} Gunmen killed four traders at a market on Tuesday, police said.\n"
    places = dict(_places(text, entity_extractor, mode))
    assert places.get(town, "").startswith("geonames:"), places
