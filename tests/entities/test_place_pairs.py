"""A town followed by the division or country it lies in ("Atlanta, Georgia", "Córdoba, Spain", "Gao, Mali"),
and the traps around it ("Georgia's president", "Jordan said", "the Niger river").

The sentences are synthetic, written for this test (wire, local-press, statement, headline and police-blotter
styles; the US, Argentina, Spain, Mali, Niger, the DRC, Pakistan, India, Lebanon, Libya, Iraq, Ukraine, Egypt,
Venezuela, Mexico, Sudan, Nigeria, Canada, Somalia, Yemen, Georgia, Jordan) before any output was looked at, and
come from no evaluation set. Each is split train/dev by the first hex digit of the sha1 of its text (0-9 train,
a-f dev; ``_split``); the rules were written against the train half and the dev half was run once per idea.

Gold is a place id, or None where the name must have no place reading: a trap ("the Niger river", a person),
or a town the gazetteer does not hold in the division named after it ("Alexandria, Virginia" is not Egypt's).
"""

from __future__ import annotations

import pytest
from place_readings import readings, split_of

from claimgraph.entities.extract import EntityExtractor

# (text, surface of the name, gold place id or None)
CASES = [
    # a town, then a first-level division of its country
    ("Sheriff's deputies in Macon, Georgia, said the suspect fled on foot after the robbery.", "Georgia", "US-GA"),
    (
        "Sheriff's deputies in Macon, Georgia, said the suspect fled on foot after the robbery.",
        "Macon",
        "geonames:4207400",
    ),
    ("Gunmen opened fire outside a bar in Victoria, Texas, wounding four, local police said.", "Texas", "US-TX"),
    ("Gunmen opened fire outside a bar in Victoria, Texas, wounding four, local police said.", "Victoria", None),
    (
        "Suspected ADF rebels killed nine villagers near Beni, North Kivu, local officials said.",
        "Beni",
        "geonames:219057",
    ),
    ("Suspected ADF rebels killed nine villagers near Beni, North Kivu, local officials said.", "North Kivu", "CD-NK"),
    ("Mortar fire hit a camp for displaced people in Bunia, Ituri, on Thursday.", "Ituri", "CD-IT"),
    (
        "A suicide bomber struck a mosque in Peshawar, Khyber Pakhtunkhwa, killing 17 worshippers.",
        "Khyber Pakhtunkhwa",
        "PK-KP",
    ),
    ("Floods swept through Hyderabad, Sindh, forcing thousands from their homes.", "Hyderabad", "geonames:1176734"),
    ("Police in Hyderabad, Telangana, detained 40 protesters on Friday.", "Hyderabad", "geonames:1269843"),
    ("A car bomb exploded in Mosul, Nineveh, killing two policemen, officials said.", "Nineveh", "IQ-NI"),
    (
        "Protesters blocked the main road in Alexandria, Virginia, over a police shooting.",
        "Alexandria",
        None,
    ),
    ("Protesters blocked the main road in Alexandria, Virginia, over a police shooting.", "Virginia", "US-VA"),
    ("Fighting resumed near Valencia, Carabobo, as the opposition called a strike.", "Valencia", "geonames:3625549"),
    ("Fighting resumed near Valencia, Carabobo, as the opposition called a strike.", "Carabobo", "VE-G"),
    ("Birmingham, Alabama, police said two officers were shot during a traffic stop.", "Alabama", "US-AL"),
    ("Birmingham, Alabama, police said two officers were shot during a traffic stop.", "Birmingham", None),
    ("Unknown gunmen shot dead a journalist in Culiacán, Sinaloa, on Monday.", "Sinaloa", "MX-SIN"),
    ("Paramilitaries shelled a market in El Fasher, North Darfur, activists said.", "North Darfur", "SD-DN"),
    ("A blast hit a bus in Quetta, Balochistan, killing six, police said.", "Balochistan", "PK-BA"),
    ("Police in Portland, Oregon, used tear gas on protesters for a third night.", "Oregon", "US-OR"),
    ("Police in Paris, Texas, arrested a teenager over threats against a school.", "Paris", None),
    ("Police in Paris, Texas, arrested a teenager over threats against a school.", "Texas", "US-TX"),
    ("A gas explosion destroyed a house in London, Ontario, firefighters said.", "London", "geonames:6058560"),
    ("A gas explosion destroyed a house in London, Ontario, firefighters said.", "Ontario", "CA-ON"),
    ("Gunmen killed 12 worshippers in a church in Owo, Ondo State, police said.", "Ondo State", "NG-ON"),
    ("Heavy fighting was reported in Rutshuru, North Kivu, on Sunday, the army said.", "North Kivu", "CD-NK"),
    ("Gunmen raided a village in Bokkos, Plateau State, killing 30, residents said.", "Plateau State", "NG-PL"),
    ("Shelling hit homes in Kramatorsk, Donetsk region, overnight, officials said.", "Donetsk region", "UA-14"),
    ("Clan militias fought in Beledweyne, Hiiraan, on Friday, elders said.", "Hiiraan", "SO-HI"),
    # a town, then its country
    ("Thousands of students marched in Córdoba, Argentina, against the budget cuts.", "Córdoba", "geonames:3860259"),
    ("Firefighters battled a blaze in the old quarter of Córdoba, Spain, overnight.", "Córdoba", "geonames:2519240"),
    (
        "Two soldiers were killed near Gao, Mali, when their vehicle hit a mine, the army said.",
        "Gao",
        "geonames:2457163",
    ),
    ("Two soldiers were killed near Gao, Mali, when their vehicle hit a mine, the army said.", "Mali", "country:ML"),
    ("Clashes broke out in Tripoli, Lebanon, between supporters of rival parties.", "Tripoli", "geonames:266826"),
    ("Militias exchanged fire in Tripoli, Libya, overnight, residents said.", "Tripoli", "geonames:2210247"),
    ("Security forces fired on protesters in Alexandria, Egypt, a rights group said.", "Alexandria", "geonames:361058"),
    (
        "Soldiers repelled an attack on a base near Diffa, Niger, the defence ministry said.",
        "Niger",
        "country:NE",
    ),
    (
        "Soldiers repelled an attack on a base near Diffa, Niger, the defence ministry said.",
        "Diffa",
        "geonames:2445704",
    ),
    ("A strike hit a market in Marib, Yemen, killing five civilians, medics said.", "Marib", "geonames:72968"),
    ("Riot police cleared a square in Valencia, Spain, after a night of protests.", "Valencia", "geonames:2509954"),
    ("Russian drones struck an energy facility in Odesa, Ukraine, early on Tuesday.", "Odesa", "geonames:698740"),
    ("Jihadists attacked a military post near Menaka, Mali, killing four soldiers.", "Menaka", "geonames:2453514"),
    # traps: a country's name that is no division of the town's country, or no pair at all
    (
        "Georgia's president vetoed the foreign agents bill on Saturday, her office in Tbilisi said.",
        "Georgia",
        "country:GE",
    ),
    ("Jordan said it had shot down two drones over its territory on Sunday.", "Jordan", "country:JO"),
    ("After talks in Brussels, Georgia said it would keep its bid to join the EU.", "Georgia", "country:GE"),
    ("In Washington, Georgia's prime minister met the secretary of state on Monday.", "Georgia", "country:GE"),
    ("Delegates from Armenia, Georgia and Azerbaijan met in Geneva to discuss transit.", "Georgia", "country:GE"),
    ("Delegates from Armenia, Georgia and Azerbaijan met in Geneva to discuss transit.", "Armenia", "country:AM"),
    ("Speaking in Amman, Jordan's foreign minister urged a ceasefire in Gaza.", "Jordan", "country:JO"),
    (
        "Boats carrying traders capsized on the Niger river near Mopti, Malian civil protection said.",
        "Mopti",
        "geonames:2453348",
    ),
    (
        "Boats carrying traders capsized on the Niger river near Mopti, Malian civil protection said.",
        "Niger",
        None,
    ),
    (
        "Fighting near Tripoli, the capital, killed 12 people, Libya's health ministry said.",
        "Tripoli",
        "geonames:2210247",
    ),
    ("Hezbollah fighters clashed with the army near Tripoli, in northern Lebanon.", "Tripoli", "geonames:266826"),
    ("In Gao, Malian officials said a convoy had been attacked on the road to Ansongo.", "Gao", "geonames:2457163"),
    ("A drone hit a fuel depot in Belgorod, Russia's regional governor said.", "Belgorod", "geonames:578072"),
    (
        "Residents of Córdoba, a city of 1.5 million, protested the fare rise, Argentine media said.",
        "Córdoba",
        "geonames:3860259",
    ),
    ("Jordan Bardella, the far-right leader, said in Paris that the law would pass.", "Jordan", None),
]


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load(tagger=False)


def test_the_cases_fall_in_both_splits():
    splits = [split_of(t) for t, _, _ in CASES]
    assert len({t for t, _, _ in CASES}) >= 40 and splits.count("train") >= 20 and splits.count("dev") >= 12


# Misses outside the pair reader, kept as written: (dev, seen once) a curated division's name (Colombia's
# Córdoba) read before an Argentine story. The state's name before a feature word ("the Niger river") and the
# person named as a country ("Jordan Bardella, ...") read right since session 10 (places6,
# test_place_misreadings.py)
MISSES = {
    (
        "Residents of Córdoba, a city of 1.5 million, protested the fare rise, Argentine media said.",
        "Córdoba",
    ): "a curated division's name ranks first whatever the document holds",
}


@pytest.mark.parametrize(
    ("text", "name", "gold"),
    [
        pytest.param(*c, marks=pytest.mark.xfail(reason=MISSES[c[:2]], strict=True)) if c[:2] in MISSES else c
        for c in CASES
    ],
)
def test_a_town_reads_inside_the_region_named_after_it(extractor, text, name, gold):
    found = readings(text, name, extractor)
    if gold is None:
        assert not found, f"{name} read as {found} in ({split_of(text)}): {text}"
    else:
        assert found and found[0] == gold, f"{name} read as {found} in ({split_of(text)}): {text}"


def test_the_pair_reader_keeps_lists_and_possessives_apart():
    from claimgraph.entities.locative import town_region_pairs
    from claimgraph.entities.places import Gazetteer

    gaz = Gazetteer.load()
    assert town_region_pairs("Delegates from Armenia, Georgia and Azerbaijan met.", gaz) == []
    assert town_region_pairs("In Washington, Georgia's prime minister spoke.", gaz) == []
    # a list in capitals, and a run of names with no "and" (a "Town, Region, Country" has one name more)
    assert town_region_pairs("ISLANDS LIKE JAMAICA, TRINIDAD, CUBA AND BARBADOS ARE USED AS ROUTES.", gaz) == []
    assert town_region_pairs("Troops patrolled Ilopango, Colonia, Soyapango, Mejicanos overnight.", gaz) == []
    # a region read from the start of a longer run of names says a town is there, never that it is not
    assert town_region_pairs("The cooperatives in Tijuana, Southeast Of Asturias, were burned.", gaz) == []
    # "Beni" is a town of the Congo too: Goma is not dropped as a town Bolivia's Beni does not hold
    assert town_region_pairs("The militia took Goma, Beni said.", gaz) == []
    (s, e, town), (rs, re_, region) = town_region_pairs("Gunmen Kill Three In Macon, Georgia", gaz)
    assert (town.id, region.id) == ("geonames:4207400", "US-GA")
    # an unknown town is said so only by its whole name, not by a tail of a longer one
    text = "Police in Paris, Texas, arrested a teenager."
    assert [(text[s:e], p and p.id) for s, e, p in town_region_pairs(text, gaz)] == [
        ("Paris", None),
        ("Texas", "US-TX"),
    ]


def test_a_place_read_apart_is_context_for_the_ranking():
    """A division read with its town ("Macon, Georgia") outweighs an actor's country for another name."""
    from claimgraph.entities.places import Gazetteer

    gaz = Gazetteer.load()
    assert gaz.resolve_all(["Augusta"], countries=["IT"], located={0})[0].country == "IT"
    assert gaz.resolve_all(["Augusta"], countries=["IT"], located={0}, known=[gaz.get("US-GA")])[0].id == (
        "geonames:4180531"
    )
