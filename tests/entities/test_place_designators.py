"""A division's name abroad that a town shares ("Beni", "Kasai", "Bari", "Córdoba"), read by the story's country.

The sentences are synthetic, written for this test (wire, statement, local-press, headline and thread
styles) before any output was looked at, and come from no evaluation set. Each is split train/dev by the
first hex digit of the sha1 of its text (0-9 train, a-f dev; ``_split``); the resolver's rules were
written against the train half and the dev half was run once. A designator after the name ("territory",
"region", "district") reads the division only where the document's countries support it; else the
same-name town of a supported country ("Beni territory" is named after the town of Beni). "Congo" reads
as the Democratic Republic where the document's other places or actors are there.
"""

from __future__ import annotations

import hashlib

import pytest

from claimgraph.entities.extract import EntityExtractor, find_mentions

# (text, surface of the name, gold place id)
CASES = [
    (
        "Rebels attacked the village of Mamove in Beni territory, North Kivu, killing seven civilians.",
        "Beni",
        "geonames:219057",
    ),
    (
        "The militia said it had taken a hill in the Beni region of Congo after clashes with the army.",
        "Beni region",
        "geonames:219057",
    ),
    ("Fighters ambushed a truck near Beni in eastern Congo on Friday, the UN mission said.", "Beni", "geonames:219057"),
    ("ADF attack kills 11 in Beni district, Congo's army says", "Beni district", "geonames:219057"),
    ("Congolese soldiers pushed the rebels back from Beni, an army spokesman in Goma said.", "Beni", "geonames:219057"),
    (
        "Floods cut the road between Riberalta and Trinidad in Beni department, Bolivian officials said.",
        "Beni department",
        "BO-B",
    ),
    ("Bolivia declared an emergency in Beni after forest fires spread near Riberalta.", "Beni", "BO-B"),
    ("Fires burn across Beni region as Bolivia sends water bombers", "Beni region", "BO-B"),
    (
        "Militiamen killed 20 people near Tshikapa in the Kasai region of Congo, a rights group said.",
        "Kasai region",
        "CD-KS",
    ),
    ("Displaced families in Kasai need food aid, the Congolese government said in Kinshasa.", "Kasai", "CD-KS"),
    ("A car bomb exploded in Bosaso, in Somalia's Bari region, killing three soldiers.", "Bari region", "SO-BR"),
    ("Al-Shabaab fighters attacked a checkpoint in Bari, Somalia, officials in Garowe said.", "Bari", "SO-BR"),
    ("Italian police arrested four men in Bari over an arson attack near Lecce.", "Bari", "geonames:3182351"),
    ("Protesters clashed with police in Bari, Italy, on Saturday evening.", "Bari", "geonames:3182351"),
    (
        "Gunmen kidnapped 30 villagers in Niger State, north-central Nigeria, police in Minna said.",
        "Niger State",
        "NG-NI",
    ),
    ("Soldiers were killed in an ambush in western Niger, the government in Niamey said.", "Niger", "country:NE"),
    ("Police in Atlanta, Georgia, arrested a man after a shooting at a mall.", "Georgia", "US-GA"),
    ("Thousands marched in Tbilisi against the law, Georgia's opposition said.", "Georgia", "country:GE"),
    (
        "Armed groups displaced 200 families in Córdoba department, Colombia's ombudsman said.",
        "Córdoba department",
        "CO-COR",
    ),
    ("A bus crash near Córdoba killed 12 people, Argentine officials said in Rosario.", "Córdoba", "geonames:3860259"),
    (
        "Dissidents of the FARC attacked a police post near Montería, in Córdoba, Colombian police said.",
        "Córdoba",
        "CO-COR",
    ),
    (
        "Heavy rain flooded streets in Córdoba, Spain, and in Sevilla, Andalusia's emergency service said.",
        "Córdoba",
        "geonames:2519240",
    ),
    ("UN peacekeepers said Congo's army retook Beni from the rebels on Monday.", "Beni", "geonames:219057"),
    ("Residents of Beni, in Congo's North Kivu province, fled after mortar fire.", "Beni", "geonames:219057"),
]


def _split(text: str) -> str:
    return "train" if hashlib.sha1(text.encode("utf-8")).hexdigest()[0] in "0123456789" else "dev"


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load(tagger=False)


def test_the_cases_fall_in_both_splits():
    splits = [_split(t) for t, _, _ in CASES]
    assert len(CASES) >= 20 and splits.count("train") >= 8 and splits.count("dev") >= 8


@pytest.mark.parametrize(
    ("text", "name", "gold"),
    CASES,
)
def test_a_shared_name_reads_the_story_countrys_place(extractor, text, name, gold):
    found = [m.place_id for m in find_mentions(text, extractor, mode="fast") if m.text == name and m.place_id]
    assert found and found[0] == gold, f"{name} read as {found} in ({_split(text)}): {text}"


def test_congo_reads_the_country_its_neighbouring_places_lie_in():
    from claimgraph.entities.places import Gazetteer

    gaz = Gazetteer.load()
    goma, congo = gaz.resolve_all(["Goma", "Congo"], located={0, 1})
    assert (goma.country, congo.id) == ("CD", "country:CD")
    brazzaville, congo = gaz.resolve_all(["Brazzaville", "Congo"], located={0, 1})
    assert (brazzaville.country, congo.id) == ("CG", "country:CG")
    assert gaz.resolve("Congo-Brazzaville").id == "country:CG"


def test_a_second_mention_of_the_name_is_no_support_for_the_first():
    """Two mentions of "Beni" in a story whose state name points to the Congo ("Congo" names both Congos):
    each read alone as Bolivia's department must not vouch for the other (places.other_readings)."""
    from claimgraph.entities.places import Gazetteer

    gaz = Gazetteer.load()
    alone = gaz.resolve_all(["Beni"], located={0}, named={"CD", "CG"})
    twice = gaz.resolve_all(["Beni", "Beni"], located={0, 1}, named={"CD", "CG"})
    assert [p.id for p in twice] == [alone[0].id] * 2 == ["geonames:219057"] * 2
    beside = gaz.resolve_all(["Beni", "Beni"], located={0, 1}, known=[gaz.get("CD-NK")])
    assert [p.id for p in beside] == ["geonames:219057"] * 2


@pytest.mark.parametrize(
    ("text", "name", "gold"),
    [
        # no other place or actor of the Congo: "territory" alone says the area named after its town
        (
            "MONUSCO condemned the killing of 11 civilians in Kalau, Beni territory, on Tuesday night.",
            "Beni territory",
            "geonames:219057",
        ),
        (
            "Militia fighters attacked a displacement camp in Djugu territory, killing 9.",
            "Djugu territory",
            "geonames:217100",
        ),
        # a demonym before the word is no town's area
        ("Israeli troops entered Palestinian territory near Jenin.", "Palestinian territory", "country:PS"),
    ],
)
def test_a_territory_is_the_area_of_its_town_never_a_division_abroad(extractor, text, name, gold):
    found = [m.place_id for m in find_mentions(text, extractor, mode="fast") if m.text == name and m.place_id]
    assert found == [gold], f"{name} read as {found}: {text}"
