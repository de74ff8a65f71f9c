"""A count of people is a Quantity, never an Organisation (entities/normalise.py): synthetic phrases
written for the rule, then the dispute fixtures and example corpus through the entity stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.entities.extract import find_mentions
from claimgraph.entities.ner import EntityMention
from claimgraph.entities.normalise import counts_as_quantities, people_count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("- Villagers said at least 45 people", "at least 45 people"),
        ("Hundreds of civilians", "Hundreds of civilians"),
        ("dozen people", "dozen people"),
        ("several dozen displaced persons", "several dozen displaced persons"),
        ("more than 300 Rohingya refugees.", "more than 300 Rohingya refugees"),
        ("two Border Police officers", "two Border Police officers"),
        ("some 1,200 fighters", "some 1,200 fighters"),
    ],
)
def test_counts_of_people(text, count):
    found = people_count(text)
    assert found is not None and text[found[0] : found[1]] == count


@pytest.mark.parametrize(
    "text",
    [
        "Seven Sisters",  # a name: every word capitalised
        "Two Brothers Bakery",
        "The 12 Apostles",  # no noun that counts people
        "the Group of 77",
        "Doctors Without Borders",
        "soldiers",  # no number
        "12",
        "the 4th Infantry Division",
    ],
)
def test_names_and_bare_words_are_no_counts(text):
    assert people_count(text) is None


def test_name_typed_counts_become_quantities_cut_to_the_count():
    text = "Residents said at least 60 people died; Save the Children said hundreds of children fled."
    at = text.index("Residents")
    org = EntityMention(at, text.index(" died"), text[at : text.index(" died")], "Organisation", 0.6)
    ngo = EntityMention(text.index("Save"), text.index(" said h"), "Save the Children", "Organisation", 0.9)
    kids = text.index("hundreds")
    person = EntityMention(kids, kids + len("hundreds of children"), "hundreds of children", "Person", 0.5)
    out = counts_as_quantities([org, ngo, person])
    assert [(m.text, m.type) for m in out] == [
        ("at least 60 people", "Quantity"),
        ("Save the Children", "Organisation"),
        ("hundreds of children", "Quantity"),
    ]
    assert all(text[m.start : m.end] == m.text for m in out)


def _inputs(fixtures_dir: Path, examples_dir: Path) -> list[Path]:
    return sorted((fixtures_dir / "disputes").glob("*.txt")) + sorted(examples_dir.glob("*.txt"))


def test_no_count_of_people_is_a_name_in_the_fixtures_and_examples(entity_extractor, fixtures_dir, examples_dir):
    counts = []
    for path in _inputs(fixtures_dir, examples_dir):
        text = path.read_text(encoding="utf-8")
        for m in find_mentions(text, entity_extractor):
            assert not (m.type in ("Organisation", "Person") and people_count(m.text)), (path.name, m)
            if m.type == "Quantity" and people_count(m.text):
                counts.append(m.text)
    # the tagger types these as organisations (re3d's own annotation does): they are counts here
    assert {"23 soldiers", "nine soldiers", "Eleven civilians"} <= set(counts)
