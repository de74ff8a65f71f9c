"""A state's forces, police, ministries and ruling military named generically ("the army", "security
forces", "the junta", "provincial police", "the Ministry of National Defence") link to the story country's
organ (data/lexicons/generic_organs.yaml), only where the document supports exactly one country.

The sentences (tests/fixtures/entities/generic_organs.yaml) are synthetic, written for this test before the
rule they exercise, and come from no evaluation set. Split train/dev by the first hex digit of the sha1 of
each text (0-9 train: 30 sentences, a-f dev: 20; ``actor_sets.split_of``); figures in docs/quality.md ("Generic names of
a state's forces").
"""

from __future__ import annotations

import actor_sets
import pytest
from actor_sets import load_cases

from claimgraph.entities.extract import EntityExtractor, find_mentions
from claimgraph.entities.ontology import Ontology

CASES = load_cases("generic_organs.yaml")


def score(extractor, split: str, mode: str = "fast"):
    return actor_sets.score(CASES, extractor, split, mode)


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load(tagger=False)


def test_the_cases_fall_in_both_splits():
    splits = [actor_sets.split_of(c["text"]) for c in CASES]
    assert len(CASES) >= 40 and splits.count("train") >= 25 and splits.count("dev") >= 15


def test_every_gold_id_is_an_actor():
    ontology = Ontology.load()
    assert {i for c in CASES for i in c["gold"]} - {a.id for a in ontology} == set()


@pytest.mark.parametrize("split", ["train", "dev"])
def test_the_generic_names_of_the_split_are_linked(extractor, split):
    f1, _, wrong = score(extractor, split)
    assert f1 >= 0.9, wrong


def test_an_organ_is_made_from_the_states_list_where_the_ontology_has_none():
    ontology = Ontology.load()
    guinea = ontology["gn-armed-forces"]
    assert (guinea.name, guinea.type, guinea.country, guinea.parent) == (
        "Armed forces of Guinea",
        "state_organ",
        "GN",
        "guinea",
    )
    assert ontology.lookup("Armed forces of Guinea") == []  # made for the generic names, matched by none
    assert "ml-armed-forces" not in ontology  # Mali's is FAMa
    assert "af-armed-forces" not in ontology and "af-police" not in ontology  # by the story's date: none


def _ids(text, extractor):
    return [(m.text, m.actor_id) for m in find_mentions(text, extractor, mode="fast") if m.actor_id]


def test_two_countries_name_neither_force(extractor):
    text = "The army said its troops had crossed into Niger from Mali overnight."
    assert [i for _, i in _ids(text, extractor) if i not in ("niger", "mali")] == []


def test_the_junta_is_the_ruling_military_only_where_the_military_rules(extractor):
    assert ("junta", "tatmadaw") in _ids("Myanmar's junta bombed a school in Sagaing.", extractor)
    assert [i for _, i in _ids("Kenya's junta? No: Kenyan police said in Nairobi.", extractor)] == [
        "kenya",
        "ke-police",
    ]


def test_a_force_word_inside_a_longer_name_or_as_an_adjective_names_no_state(extractor):
    assert all(i != "lk-armed-forces" for _, i in _ids("The Free Lanka Army attacked a post near Jaffna.", extractor))
    assert all(i != "lk-armed-forces" for _, i in _ids("A military court in Colombo jailed him.", extractor))
    assert ("military", "lk-armed-forces") in _ids("In Colombo, the military said it had freed him.", extractor)


def test_another_owners_force_is_not_the_states(extractor):
    for text in (
        "UN peacekeeping troops were attacked near Gao in Mali.",
        "Rebel forces took the airport in Goma.",
        "The group said its troops had left Beni.",
    ):
        assert all(m.actor_id in (None, "un", "mali") for m in find_mentions(text, extractor, mode="fast")), text


def test_a_demonym_and_the_force_are_one_mention(extractor):
    assert ("Ugandan police", "ug-police") in _ids("Ugandan police fired tear gas in Gulu.", extractor)


def test_a_ministry_a_non_state_actor_owns_is_not_the_states(extractor):
    """A parallel government's or a movement's ministry is its own: linked to the state's, its statements
    would sit under its opponent."""
    for text, state_organ in (
        (
            "The National Unity Government's Ministry of Defence said 14 soldiers died near Mandalay in Myanmar.",
            "mm-mod",
        ),
        ("The Arakan Army's Ministry of Defence denied it in Rakhine, Myanmar.", "mm-mod"),
    ):
        assert all(m.actor_id != state_organ for m in find_mentions(text, extractor, mode="fast")), text
    # a movement that runs the state (the ontology's affiliations) owns the state's organ
    assert ("Ministry of Interior", "iea-moi") in _ids(
        "The Taliban's Ministry of Interior said 4 men were held.", extractor
    )
    assert ("Ministry of Defence", "mm-mod") in _ids(
        "In Myanmar, the Ministry of Defence said 14 soldiers died.", extractor
    )


if __name__ == "__main__":  # python tests/entities/test_generic_organs.py [train|dev]
    import sys

    loaded = EntityExtractor.load(tagger=False)
    for part in sys.argv[1:] or ["train"]:
        f1, right, wrong = score(loaded, part)
        print(f"{part}: F1 {f1:.3f}, {right} sentences right, {len(wrong)} wrong")
        for text, gold, got in wrong:
            print(f"  {text!r}\n    gold {sorted(gold)} got {sorted(got)}")
