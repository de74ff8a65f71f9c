"""Ambiguous place names read by the document's other places and its actors' countries (places.py's ranking).

Each name below is shared by towns or divisions in countries far apart; the sentences are written for
these tests (wire and local-press style) and come from no evaluation set.
"""

from __future__ import annotations

import pytest

from claimgraph.entities.extract import EntityExtractor, find_mentions
from claimgraph.entities.places import Gazetteer


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load(tagger=False)


def _country_of(name, text, extractor):
    found = [m for m in find_mentions(text, extractor, mode="fast") if m.text == name and m.place_id]
    assert found, f"{name} not read as a place in: {text}"
    return found[0].country


@pytest.mark.parametrize(
    ("name", "countries", "expected"),
    [
        # a neighbour of the story's country: the place is not in it, but beside it
        ("Gaza", ["IL"], "PS"),
        ("Gaza", ["ZA", "ZW"], "MZ"),
        ("Tripoli", ["LY"], "LY"),
        ("Tripoli", ["SY"], "LB"),
        ("Barcelona", ["VE"], "VE"),
        ("Barcelona", ["FR"], "ES"),
        ("Merida", ["VE", "CO"], "VE"),
        ("Merida", ["GT"], "MX"),
    ],
)
def test_the_story_countries_and_their_neighbours_pick_the_namesake(gaz, name, countries, expected):
    (place,) = gaz.resolve_all([name], countries, located={0})
    assert place.country == expected


def test_the_documents_other_places_pick_the_namesake(gaz):
    # "Caracas" is unambiguous and puts the story in Venezuela: "Valencia" is the Venezuelan city
    caracas, valencia = gaz.resolve_all(["Caracas", "Valencia"], located={0, 1})
    assert (caracas.country, valencia.country) == ("VE", "VE")
    beirut, tripoli = gaz.resolve_all(["Beirut", "Tripoli"], located={0, 1})
    assert (beirut.country, tripoli.country) == ("LB", "LB")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "Gaza",
            "Israeli air strikes hit a residential block in Gaza on Tuesday, killing 12 people, the health "
            "ministry said. The Israeli army said it had targeted fighters.",
            "PS",
        ),
        (
            "Gaza",
            "Flooding displaced thousands of families in Gaza, the provincial government in Mozambique said, "
            "as aid arrived from Zimbabwe.",
            "MZ",
        ),
        (
            "Tripoli",
            "Clashes between rival militias in Tripoli killed four people near the port, the Libyan "
            "health ministry said.",
            "LY",
        ),
        (
            "Tripoli",
            "Lebanese troops deployed in Tripoli after gunmen fired on a funeral procession in the "
            "northern city, a security source in Beirut said.",
            "LB",
        ),
    ],
)
def test_a_document_reads_its_namesake(extractor, name, text, expected):
    assert _country_of(name, text, extractor) == expected


def test_without_context_the_prior_order_holds(gaz):
    # no other place, no actor: the order of kind, country priority and population decides as before
    assert gaz.resolve("Tripoli").country == "LY"
