"""Persons: the role patterns, surname and pronoun coreference, and where they must not fire."""

from __future__ import annotations

import pytest

from claimgraph.entities.extract import EntityExtractor, find_mentions
from claimgraph.entities.persons import RoleTitles

# dictionary, places and persons only: these tests are about the role patterns, not the tagger
EXTRACTOR = EntityExtractor.load(tagger=False)


def _persons(text: str):
    mentions = find_mentions(text, EXTRACTOR)
    return [(m.text, m.method, m.actor_id, m.role, m.role_org, m.country) for m in mentions if m.type == "Person"]


def test_role_titles_come_from_the_lexicon():
    titles = RoleTitles.load().titles
    assert "Secretary of the Security Council" in titles and "spokesman" in titles
    assert list(titles) == sorted(titles, key=len, reverse=True)


@pytest.mark.parametrize(
    "text",
    [
        "The Secretary of the Security Council of Kyrgyzstan, Marat Imankulov, spoke.",
        "Marat Imankulov, the Secretary of the Security Council of Kyrgyzstan, spoke.",
    ],
)
def test_role_before_or_after_the_name(text):
    assert _persons(text)[0] == (
        "Marat Imankulov",
        "ontology",
        "marat-imankulov",
        "Secretary of the Security Council",
        "kg-security-council",
        "KG",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Taliban spokesman Zabihullah Mujahid denied it.",
        "The Taliban's spokesman, Zabihullah Mujahid, denied it.",
        "The Taliban’s spokesman Zabihullah Mujahid denied it.",
    ],
)
def test_org_before_the_title(text):
    assert _persons(text)[0] == ("Zabihullah Mujahid", "ontology", "zabihullah-mujahid", "spokesman", "taliban", "AF")


def test_person_outside_the_ontology_gets_role_and_coref():
    found = _persons(
        "Pakistan Army spokesman Tariq Nawaz Qureshi said the border was calm. "
        "Qureshi added that talks would go on. He did not take questions."
    )
    name, method, actor_id, role, role_org, country = found[0]
    assert (name, method, actor_id, role, role_org, country) == (
        "Tariq Nawaz Qureshi",
        "role",
        None,
        "spokesman",
        "pk-army",
        "PK",
    )
    assert found[1] == ("Qureshi", "coref", None, "spokesman", "pk-army", "PK")
    assert found[2] == ("He", "coref", None, "spokesman", "pk-army", "PK")


def test_pronoun_with_two_candidates_stays_unresolved():
    found = _persons(
        "Taliban spokesman Zabihullah Mujahid met Pakistan Army spokesman Tariq Nawaz Qureshi. "
        "He said the talks went well."
    )
    assert [f[0] for f in found] == ["Zabihullah Mujahid", "Tariq Nawaz Qureshi"]


def test_pronoun_two_sentences_away_stays_unresolved():
    found = _persons(
        "Taliban spokesman Zabihullah Mujahid spoke on Monday. The border stayed shut. "
        "Trade fell. He said nothing more."
    )
    assert [f[0] for f in found] == ["Zabihullah Mujahid"]


def test_a_title_before_an_organisation_is_not_a_person():
    assert _persons("The General Directorate of Intelligence said the cell was dismantled.") == []
    assert _persons("The Taliban spokesman said nothing.") == []
