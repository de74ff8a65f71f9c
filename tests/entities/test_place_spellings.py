"""A town written in another transliteration than the tables' ("Mariupil" for Mariupol, "Al-Fashir" for El Fasher)
is read as that town where the document supports its country (entities/spellings.py). The sentences are synthetic,
written for these tests."""

from __future__ import annotations

import pytest

from claimgraph.entities.extract import EntityExtractor, find_mentions
from claimgraph.entities.spellings import spelling_key


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load()


@pytest.mark.parametrize(
    ("written", "tables"),
    [
        ("Mariupil", "Mariupol"),  # Ukrainian and Russian romanisation
        ("Al-Fashir", "El Fasher"),  # the Arabic article and vowels
        ("Kyaukphyu", "Kyaukpyu"),  # a digraph for one sound
        ("Tombouctou", "Timbuktu"),  # French "ou", c for k
        ("Al-Hudaydah", "Hodeidah"),  # ei / ay, a final h
        ("Lisichansk", "Lysychansk"),
    ],
)
def test_two_transliterations_of_one_name_share_a_key(written, tables):
    assert spelling_key(written) is not None and spelling_key(written) == spelling_key(tables)


def test_a_vowel_more_or_a_short_name_is_no_spelling():
    assert spelling_key("Masiani") != spelling_key("Masina")  # two villages of one country
    assert spelling_key("Kani") is None and spelling_key("Gao") is None  # too few consonants to compare


def _own(text, name, extractor, mode="fast"):
    start = text.find(name)
    return [m for m in find_mentions(text, extractor, mode=mode) if m.start <= start and start + len(name) <= m.end]


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_town_spelled_otherwise_is_read_where_the_document_points(extractor, mode):
    text = "Ukrainian officials said Russian shelling hit Mariupil overnight, killing a pensioner."
    assert [(m.place_name, m.country) for m in _own(text, "Mariupil", extractor, mode) if m.place_id] == [
        ("Mariupol", "UA")
    ]


def test_a_spelling_likeness_alone_never_places_a_name(extractor):
    # no country of the document supports it: the likeness of a spelling is no reading of its own
    assert all(m.place_id is None for m in _own("Shelling hit Mariupil overnight.", "Mariupil", extractor))


def test_english_words_where_a_place_stands_are_no_spelling(extractor):
    # "in Sunday's storm" stands where a place does; its key is Sendai's, in the country the document names
    text = "Three people died in Sunday's storm in Osaka, Japan, officials said."
    assert all(m.place_id is None for m in _own(text, "Sunday", extractor))


def test_a_unit_chooses_among_the_spellings(extractor):
    text = "Arakan Army fighters shelled positions near Kyaukphyu, Rakhine State, on Monday."
    assert [(m.country, m.admin1) for m in _own(text, "Kyaukphyu", extractor) if m.place_id] == [("MM", "MM-16")]


def test_where_the_document_reads_finer_places_only_their_countries_support_a_spelling(extractor):
    # "Kalehe" shares its key with a Ukrainian village; the deminers' nationality is no place of the story
    text = "Two Ukrainian deminers were wounded near Kalehe on Monday, officials in Bukavu said."
    assert all(m.place_id is None for m in _own(text, "Kalehe", extractor))
