"""World-wide towns and divisions (entities/world.py) and where they are read (entities/locative.py).

Sentences are written for these tests in the style of wire and local reports; none comes from an
evaluation set.
"""

from __future__ import annotations

import shutil

import pytest

from claimgraph.entities.extract import EntityExtractor, find_mentions
from claimgraph.entities.locative import LocativeCues
from claimgraph.entities.places import DATA, Gazetteer, PlaceDataError
from claimgraph.entities.world import WorldIndex


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load(tagger=False)  # dictionary, places and persons only: what is tested here


def _places(text, extractor):
    found = find_mentions(text, extractor, mode="fast")
    return [(m.text, m.place_name, m.admin1, m.country, m.precision) for m in found if m.place_id]


def test_a_town_and_its_division(gaz):
    goma = gaz.world.lookup("Goma")
    assert [(p.name, p.kind, p.admin1, p.country) for p, _ in goma.values()] == [("Goma", "city", "CD-NK", "CD")]
    (borno,) = (p for p, _ in gaz.world.lookup("Borno State").values())
    assert (borno.kind, borno.admin1, borno.precision) == ("admin1", "NG-BO", "admin1")
    assert gaz.get("NG-BO") == borno  # the world's places are found by id too


def test_a_designator_names_the_division_a_bare_word_does_not(gaz):
    assert gaz.world.lookup("Delta") == {}  # a frequent English word
    assert [p.admin1 for p, _ in gaz.world.lookup("Delta State").values()] == ["NG-DE"]


def test_a_division_named_as_its_city_is_read_as_the_city(gaz):
    assert [p.kind for p, _ in gaz.world.lookup("Kano").values()] == ["city"]
    assert [p.kind for p, _ in gaz.world.lookup("Kano State").values()] == ["admin1"]


def test_spellings_are_alternates_translations_are_not(gaz):
    (kyiv,) = (p for p, _ in gaz.world.lookup("Kiev").values())
    assert kyiv.name == "Kyiv"
    # GeoNames lists "White House" among Casablanca's alternate names (a translation)
    assert gaz.world.lookup("White House") == {}
    assert gaz.world.lookup("Casablanca")


def test_frequent_words_and_first_names_are_not_towns(gaz):
    for word in ("Mobile", "Jackson", "Most", "Police"):
        assert gaz.world.lookup(word) == {}, word
    # a big town keeps its name where it is written as a name, not in a post without capitals
    assert [p.country for p, _ in gaz.world.lookup("Reading").values()] == ["GB"]
    assert gaz.world.lookup("reading", plain=True) == {}


def test_towns_only_in_a_locative_context(extractor):
    assert _places("Goma traders reopened their shops.", extractor) == []
    assert [p[1] for p in _places("Traders reopened their shops in Goma on Monday.", extractor)] == ["Goma"]


def test_a_town_is_never_read_inside_a_longer_name(extractor):
    text = "Officials at the White House said talks in Camp David were over."
    assert _places(text, extractor) == []


def test_a_listed_town_after_a_cue_and_a_division_after_its_name(extractor):
    text = "Fighting spread to villages near Monguno and Dikwa in Borno State, residents said."
    assert _places(text, extractor) == [
        ("Monguno", "Monguno", "NG-BO", "NG", "city"),
        ("Dikwa", "Dikwa", "NG-BO", "NG", "city"),
        ("Borno State", "Borno", "NG-BO", "NG", "admin1"),
    ]


def test_the_documents_countries_choose_between_towns_of_one_name(extractor):
    (libya,) = _places("Rival militias clashed in Tripoli overnight.", extractor)
    assert libya[3] == "LY"  # the larger town, without context
    (lebanon,) = [p for p in _places("The Lebanese army deployed in Tripoli after clashes.", extractor)]
    assert lebanon[3] == "LB"


def test_an_actor_name_keeps_its_town_word(extractor):
    text = "Al-Shabaab fighters stormed a hotel in Kismayo late on Friday."
    assert [(p[1], p[3]) for p in _places(text, extractor)] == [("Kismayo", "SO")]


def test_cues_are_data_with_a_clear_error(tmp_path):
    bad = tmp_path / "locative.yaml"
    bad.write_text("before: [in]\n", encoding="utf-8")
    with pytest.raises(PlaceDataError, match="locative.yaml"):
        LocativeCues.load(bad)


def test_unsorted_world_tables_are_refused(tmp_path):
    for name in ("world_names.tsv", "world_places.tsv", "world.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    names = tmp_path / "world_names.tsv"
    lines = names.read_text(encoding="utf-8").splitlines()
    header = next(i for i, ln in enumerate(lines) if not ln.startswith("#"))
    lines[header + 1], lines[header + 2] = lines[header + 2], lines[header + 1]
    names.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PlaceDataError, match="world_names.tsv"):
        WorldIndex(tmp_path).lookup("Goma")


def test_a_wire_dateline_names_a_place(extractor):
    text = "MAIDUGURI, Nigeria, May 3 (Reuters) - Suspected jihadists attacked an army base overnight."
    assert [(p[0], p[1], p[2]) for p in _places(text, extractor)][0] == ("MAIDUGURI", "Maiduguri", "NG-BO")


def test_a_post_written_without_capitals(extractor):
    assert [p[1] for p in _places("heavy gunfire in maiduguri again tonight, stay safe", extractor)] == ["Maiduguri"]
    # English words stay words, in any case
    assert _places("we were in the market when it started", extractor) == []
    assert _places("i was in victoria when the news came", extractor) == []


def test_a_first_name_is_not_a_capital(extractor):
    assert _places("Victoria Nuland met the delegation on Sunday.", extractor) == []


def test_a_suffixed_name_the_tagger_gives_resolves_by_its_head(gaz):
    (kunar,) = gaz.resolve_all(["Kunar province"], (), {0})
    assert kunar.admin1 == "AF-KNR"


def test_a_comma_adds_a_division_not_the_next_clause(extractor):
    assert [p[1] for p in _places("The band will perform in Austin, Texas, on Saturday.", extractor)] == [
        "Austin",
        "Texas",
    ]
    assert _places("In an interview aired in November, Rosenberg said she was training.", extractor) == []


def test_names_ambiguous_together_agree(extractor):
    found = _places("He was born in Chatham, New Brunswick.", extractor)
    assert {p[3] for p in found} == {"CA"}


def test_a_designator_inside_a_longer_name_is_no_place(extractor):
    assert _places("Brooklyn District Attorney Kenneth Ross declined to comment.", extractor) == []


def test_a_town_before_a_facility_word(extractor):
    text = "Mortar rounds landed near the runway at Beni airport, the army said."
    assert [p[1] for p in _places(text, extractor)] == ["Beni"]
    assert _places("Traders met at the Smith market on Friday.", extractor) == []  # no town called Smith


def test_a_possessive_names_the_town_and_the_place_it_holds(extractor):
    text = "Gunmen opened fire on worshippers in Iraq's Diyala province late on Friday."
    assert ("Diyala province", "Diyala", "IQ-DI", "IQ", "admin1") in _places(text, extractor)


def test_a_lower_case_compass_word_places_the_name(extractor):
    assert [p[1] for p in _places("Fighting resumed in eastern Goma overnight.", extractor)] == ["Goma"]
    assert [p[1] for p in _places("Shelling hit northern Kharkiv again.", extractor)] == ["Kharkiv"]


def test_a_town_taken_or_struck_is_a_place(extractor):
    assert [p[1] for p in _places("Government forces retook Palma after a week of fighting.", extractor)] == ["Palma"]


def test_a_capital_has_its_division(gaz):
    (mogadishu,) = (p for p in (gaz.resolve("Mogadishu"),) if p is not None)
    assert mogadishu.admin1 == "SO-BN"


def test_a_tagged_location_of_comma_joined_names_is_read_name_by_name(fixtures_dir):
    # accurate mode's tagger reads "Malam Fatori, Borno State" as one Location that names no known
    # place; its province still resolves (the town is under the world index's size floor)
    from claimgraph.entities.extract import EntityExtractor

    text = (fixtures_dir / "disputes" / "nigerian_army_malam_fatori.txt").read_text(encoding="utf-8")
    found = find_mentions(text, EntityExtractor.load(), mode="accurate")
    places = [(m.text, m.admin1, m.precision) for m in found if m.place_id]
    assert ("Borno State", "NG-BO", "admin1") in places
    assert not any("," in name for name, _, _ in places)


def test_a_name_ending_as_a_possessor_after_a_cue_is_read_without_its_ending(extractor):
    text = "The air strike on Gao's livestock market killed traders, residents said."
    assert [p[1] for p in _places(text, extractor)] == ["Gao"]


def test_a_word_of_control_between_a_cue_and_the_name(extractor):
    for text in (
        "Fighting raged in occupied Mariupol for a week.",
        "Artillery shelled rebel-held Goma before dawn.",
    ):
        assert len(_places(text, extractor)) == 1, text


def test_a_facility_at_a_town_and_a_headline_verb_in_the_present_cue_the_town(extractor):
    assert [p[1] for p in _places("Insurgents overran the army camp at Mopti.", extractor)] == ["Mopti"]
    assert [p[1] for p in _places("Rebels storm Bunia after night of fighting", extractor)] == ["Bunia"]


def test_divisions_carry_their_current_names_and_their_former_ones(gaz):
    def ids(name):
        return sorted(pid for pid, (p, _) in gaz.world.lookup(name).items() if p.kind == "admin1")

    # DR Congo's provinces of 2015, where the 2016 tables had Orientale and Katanga
    assert ids("Ituri") == ["CD-IT"] and ids("Tanganyika province") == ["CD-TA"] and ids("Haut-Uele") == ["CD-HU"]
    # a name GeoNames no longer carries, of one division alone: the division
    assert ids("Kashmir") == ["IN-JK"] and ids("Anbar") == ["IQ-AN"]
    # no designator word nor article: "Cabo Delgado Province", "Al Anbar" in GeoNames
    (cabo,) = (p for p, _ in gaz.world.lookup("Cabo Delgado").values())
    assert (cabo.id, cabo.name) == ("MZ-P", "Cabo Delgado")
    # the English compass form ("Western Darfur"), and a spelling read by the match key ("Lower Shabeelle")
    assert ids("West Darfur") == ["SD-DW"] and ids("North Darfur") == ["SD-DN"]
    assert ids("Lower Shabelle") == ["SO.14"] and ids("Lower Shabelle region") == ["SO.14"]


def test_a_town_is_never_read_by_the_looser_spelling_key(gaz):
    assert "ID.02" in gaz.world.lookup("Bali")  # the division; "Bale" is too short a name to be read as it
    assert "ID.02" not in gaz.world.lookup("Bale")
    assert gaz.world.lookup("Kanoo") == {}  # no division is spelt so: the match key reads divisions only


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gunmen stormed a checkpoint at Gusau on Monday, residents said.", "Gusau"),
        ("Pirates seized a fishing boat off Kismayo overnight.", "Kismayo"),
        ("Government jets struck Kidal again on Thursday.", "Kidal"),
        ("A gunfight broke out on Jolo island before dawn.", "Jolo"),
    ],
)
def test_other_spatial_prepositions_and_verbs_of_striking_place_a_town(text, name, extractor):
    assert name in [p[0] for p in _places(text, extractor)]


def test_no_cue_makes_a_weekday_or_an_organisation_a_place(extractor):
    text = "The statement was posted on Telegram on Monday and read out at Reuters."
    assert _places(text, extractor) == []
