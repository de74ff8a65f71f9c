"""Places that are not places (a country naming who acts: "US forces", "U.S. officials", a
demonym) and places read in the country of the story (the document's actors and demonyms).
Sentences written for these tests."""

import pytest

from claimgraph.model import Source, new_document


@pytest.fixture(scope="module")
def pipe(fast_pipeline):
    return fast_pipeline


def run(pipe, text):
    return pipe(new_document(Source("story.txt", "txt"), text))


@pytest.mark.parametrize(
    "text",
    [
        "US forces killed three militants in a raid in Somalia.",
        "U.S. officials said the strike killed 12 people in Syria.",
        "A US drone strike hit a compound in Somalia on Monday.",
        "Afghan troops clashed with militants in Helmand.",
        "Indian shelling killed two civilians in Kotli.",
    ],
)
def test_a_country_naming_who_acts_is_not_a_place(pipe, text):
    doc = run(pipe, text)
    assert all(m.place_id != "country:US" for m in doc.entities)
    assert all(e.country != "US" for e in doc.events)
    assert all(m.place_id is None for m in doc.entities if m.type == "Nationality")


def test_the_event_keeps_the_real_place_and_its_precision(pipe):
    doc = run(pipe, "Seven people were killed in another US missile attack in Wana.")
    [event] = [e for e in doc.events if e.fatalities]
    assert (event.location, event.country, event.precision) == ("Wana", "PK", "city")
    doc = run(pipe, "Gunmen attacked a checkpoint in Helmand province on Friday.")
    assert [(e.location, e.precision) for e in doc.events] == [("Helmand", "admin1")]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Pakistani troops clashed with gunmen in Kalat on Friday.", "PK-BA"),
        ("Afghan soldiers clashed with gunmen in Kalat on Friday.", "AF-ZAB"),
        ("Pakistani police said militants attacked a market in Narang.", "PK-PB"),
        ("The Afghan army said militants attacked a market in Narang.", "AF-KNR"),
    ],
)
def test_an_ambiguous_name_is_read_in_the_country_of_the_story(pipe, text, admin1):
    doc = run(pipe, text)
    assert [e.admin1 for e in doc.events if e.location] == [admin1]
