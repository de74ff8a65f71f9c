"""Actors of the conflicts beyond Afghanistan and Pakistan (data/ontology/), and the country guard of short
acronyms.

The sentences (tests/fixtures/entities/actors_world.yaml) are synthetic, written for this test before the
ontology entries they exercise, and come from no evaluation set. Each is split train/dev by the first hex
digit of the sha1 of its text (0-9 train: 48 sentences, a-f dev: 21; ``actor_sets.split_of``). Linked-actor micro F1
before the entries: train 0.292, dev 0.200; with them: train 1.000, dev 0.954 (first dev run), 0.985 once
ambiguous and guarded surfaces share one story-country rule; dev's one miss, Peshmerga, was added after
it was seen (so dev's 1.000 now is fitted; docs/quality.md).
"""

from __future__ import annotations

import actor_sets
import pytest
from actor_sets import load_cases

from claimgraph.entities.extract import EntityExtractor, find_mentions
from claimgraph.entities.ontology import Ontology, OntologyError

CASES = load_cases("actors_world.yaml")


def score(extractor, split: str, mode: str = "fast"):
    return actor_sets.score(CASES, extractor, split, mode)


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load(tagger=False)


def test_the_cases_fall_in_both_splits():
    splits = [actor_sets.split_of(c["text"]) for c in CASES]
    assert len(CASES) >= 40 and splits.count("train") >= 30 and splits.count("dev") >= 15


def test_every_gold_id_is_an_actor():
    ontology = Ontology.load()
    assert {i for c in CASES for i in c["gold"]} - {a.id for a in ontology} == set()


@pytest.mark.parametrize("split", ["train", "dev"])
def test_the_actors_of_the_split_are_linked(extractor, split):
    f1, _, wrong = score(extractor, split)
    assert f1 >= {"train": 0.9, "dev": 0.85}[split], wrong


def _ids(text, extractor):
    return [(m.text, m.actor_id) for m in find_mentions(text, extractor, mode="fast") if m.actor_id]


def test_a_guarded_acronym_takes_the_actor_of_the_story_country(extractor):
    somalia = "Al-Shabaab fighters attacked an SNA base near Afgoye, Somali officials said."
    syria = "The SNA shelled villages near Manbij in northern Syria, the Kurdish-led SDF said."
    assert ("SNA", "somali-national-army") in _ids(somalia, extractor)
    assert ("SNA", "syrian-national-army") in _ids(syria, extractor)


def test_a_state_right_before_an_ambiguous_name_decides_for_it(extractor):
    text = (
        "DUSHANBE - Tajikistan's State Committee for National Security said it detained five men near the "
        "Afghan border. In Bishkek, Kyrgyzstan's State Committee for National Security said it was checking "
        "the report with Tajik officials in Khujand."
    )
    assert [i for t, i in _ids(text, extractor) if "gknb" in i] == ["tj-gknb", "kg-gknb"]


def test_a_guarded_acronym_without_its_country_names_no_one(extractor):
    assert _ids("Download the annual budget as a PDF or read REPORT.PDF online.", extractor) == []
    assert _ids("The KIA dealership in Ohio sold more cars this year.", extractor) == []


def test_a_failed_guard_leaves_the_other_reading_of_the_words():
    ontology = Ontology.load()
    (fano,) = [a for a in ontology if a.id == "fano"]
    assert "Fano" in fano.guarded and ontology.lookup("Fano") == []  # the bare name is guarded, not an alias
    assert fano.countries() == ("ET",)


def test_a_guarded_surface_may_not_be_another_actors_plain_alias(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "actors:\n  - id: my-pdf\n    name: Panama Defense Forces\n    type: armed_group\n"
        "    country: PA\n    aliases: [PDF]\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match="guarded surface 'PDF' is also an unguarded name"):
        Ontology.load([bad])


if __name__ == "__main__":  # python tests/entities/test_actors_world.py [train|dev]
    import sys

    loaded = EntityExtractor.load(tagger=False)
    for part in sys.argv[1:] or ["train"]:
        f1, _, misses = score(loaded, part)
        print(f"{part}: F1 {f1:.3f}, {len(misses)} sentences differ")
        for text, gold, got in misses:
            print(f"  {text[:90]!r}\n    missing {sorted(gold - got)} extra {sorted(got - gold)}")
