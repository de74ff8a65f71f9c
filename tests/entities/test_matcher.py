"""The dictionary matcher: the fold keeps offsets, whole words, leftmost-longest, case-sensitive names."""

from __future__ import annotations

import pytest

from claimgraph.entities.matcher import DictionaryMatcher, fold, surface_keys
from claimgraph.entities.ontology import Ontology, OntologyError
from claimgraph.entities.places import Gazetteer


@pytest.fixture(scope="module")
def matcher() -> DictionaryMatcher:
    return DictionaryMatcher(Ontology.load(), Gazetteer.load())


def _found(matcher: DictionaryMatcher, text: str) -> list[tuple[str, tuple[str, ...], bool]]:
    return [(m.text, m.actor_ids, m.place) for m in matcher.match(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State – Khorasan Province",
        "ÇA İSTANBUL ß ǅ ﬁ",
        "Kunaṟ ‘Afghan’ — Şehir",
        "افغانستان ي ك ة أ",
        "Straße İİ ﷲ",
        "ΣΑΣ Ωμέγα",
    ],
)
def test_fold_keeps_every_offset(text):
    folded = fold(text)
    assert len(folded) == len(text)


def test_fold_unifies_case_dashes_apostrophes_and_arabic_letters():
    assert fold("Islamic State – Khorasan") == "islamic state - khorasan"
    assert fold("Kyrgyzstan’s") == "kyrgyzstan's"
    assert fold("ايران") == fold("ایران")  # Arabic yeh and Persian yeh


def test_surface_keys_cover_dash_and_space_variants():
    keys = surface_keys("Islamic State-Khorasan Province")
    assert {
        "islamic state-khorasan province",
        "islamic state - khorasan province",
        "islamic state khorasan province",
    } <= keys
    assert surface_keys("the Taliban") == {"taliban"}


def test_spellings_of_one_actor_all_link_to_it(matcher):
    for text in (
        "Islamic State – Khorasan Province",
        "Islamic State-Khorasan Province",
        "Islamic State - Khorasan Province",
        "ISIS-K",
        "ISKP",
        "ولاية خراسان",
    ):
        assert _found(matcher, f"Reports said {text} struck.") == [(text, ("iskp",), False)], text


def test_whole_words_only(matcher):
    assert _found(matcher, "The Talibanesque style and SISKP.") == []
    assert [m.text for m in matcher.match("Taliban's rule")] == ["Taliban"]


def test_leftmost_longest_wins(matcher):
    found = _found(matcher, "the Security Council of Kyrgyzstan met")
    assert found == [("Security Council of Kyrgyzstan", ("kg-security-council",), False)]
    # every overlapping hit is still a candidate (the stage keeps a state nested in an organ's name)
    assert {m.text for m in matcher.candidates("the Security Council of Kyrgyzstan met")} >= {
        "Security Council of Kyrgyzstan",
        "Kyrgyzstan",
    }


def test_case_sensitive_surfaces_match_only_as_written(matcher):
    assert _found(matcher, "The US said so.") == [("US", ("united-states",), False)]
    assert _found(matcher, "Most of us said so; un jour.") == []
    assert [m.text for m in matcher.match("The UN met.")] == ["UN"]


def test_lower_case_latin_place_names_are_words(matcher):
    # "Kabul" is a place; "kabul" in lower case is not taken as one
    assert [m.text for m in matcher.match("kabul and Kabul")] == ["Kabul"]


def test_states_are_actors_and_places(matcher):
    assert _found(matcher, "in Afghanistan") == [("Afghanistan", ("afghanistan",), True)]


def test_case_sensitive_field_loads_from_a_user_file(fixtures_dir):
    ontology = Ontology.load([fixtures_dir / "entities" / "user_actor_shura.yaml"])
    assert [a.id for a in ontology.lookup_exact("SES")] == ["sultanpur-elders-shura"]
    assert ontology.lookup_exact("ses") == [] and ontology.lookup("SES") == []
    assert ("SES", "sultanpur-elders-shura") in set(ontology.case_sensitive_forms())
    found = DictionaryMatcher(ontology).match("The SES and the ses met.")
    assert [(m.text, m.actor_ids) for m in found] == [("SES", ("sultanpur-elders-shura",))]


def test_case_sensitive_surface_of_two_actors_is_refused(tmp_path):
    path = tmp_path / "clash.yaml"
    path.write_text(
        "actors:\n  - id: us-clash\n    name: US Clash Group\n    type: armed_group\n    case_sensitive: [US]\n",
        encoding="utf-8",
    )
    with pytest.raises(
        OntologyError,
        match=r"clash\.yaml: actor 'us-clash': case-sensitive surface 'US' also "
        r"names 'united-states'",
    ):
        Ontology.load([path])
