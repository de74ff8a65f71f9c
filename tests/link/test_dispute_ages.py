"""Disputed ages (link/disputes/ages.py): the age written beside a named person, and two outlets giving
one person two ages as a figures dispute. Sentences and reports written for these tests (synthetic;
not copied from any corpus)."""

from __future__ import annotations

import json

import pytest

from claimgraph.link.disputes import list_disputes
from claimgraph.link.disputes.ages import ages_in, load_rules, name_key, same_person
from claimgraph.link.disputes.values import Value
from claimgraph.runner import run
from claimgraph.store import Store


def _ages(text: str, *names: str):
    spans = [(text.index(n), text.index(n) + len(n), n) for n in names]
    return ages_in(text, spans, load_rules())


def test_an_age_is_read_beside_a_named_person_only():
    assert _ages("Police named the driver as Omar Haddad, 41, a taxi driver from Sfax.", "Omar Haddad") == [
        (("omar", "haddad"), 41)
    ]
    assert _ages("The 29-year-old Lina Petrova was arrested in Varna.", "Lina Petrova") == [(("lina", "petrova"), 29)]
    assert _ages("Sergeant Ade Bello (34) died of his wounds.", "Sergeant Ade Bello") == [(("ade", "bello"), 34)]
    assert _ages("Mr Okafor, aged 52, was freed on Monday.", "Mr Okafor") == [(("okafor",), 52)]
    assert _ages("Okafor, believed to be 52, was freed.", "Okafor") == [(("okafor",), 52)]
    # no age beside the name: a count, a date, a street number, a pronoun
    assert _ages("Omar Haddad, 41 other passengers and the crew survived.", "Omar Haddad") == []
    assert _ages("Lina Petrova said on May 12, 2023, that 40 people died.", "Lina Petrova") == []
    assert _ages("He, 41, was freed.", "He") == []
    assert _ages("Ade Bello, 2024 in review", "Ade Bello") == []


def test_a_title_is_no_part_of_the_person():
    rules = load_rules()
    assert name_key("Corporal Ade Bello", rules) == name_key("Ade Bello", rules) == ("ade", "bello")
    assert name_key("Kim Yo-jong", rules) == ("kim", "yo", "jong")


def _value(name: str) -> Value:
    return Value(block="age:x|2024", label="", measure="age", group=None, doc_id="d", source="s", value="1", key=name)


def test_one_surname_is_two_people_when_both_names_say_more():
    assert same_person(_value("ade bello"), _value("bello"))
    assert same_person(_value("ade bello"), _value("ade bello"))
    assert not same_person(_value("ade bello"), _value("funmi bello"))


DOCUMENTS = [
    {
        "title": "Suspect named in Varna port attack",
        "site": "Black Sea Courier",
        "date": "2024-03-02",
        "text": "Bulgarian police named the suspect in the Varna port shooting as Dimitar Kolev, 34, "
        "a former dock worker. Two guards were wounded in the attack on Friday.",
    },
    {
        "title": "Varna shooting: what we know",
        "site": "Sofia Evening News",
        "date": "2024-03-03",
        "text": "The suspect, 43-year-old Dimitar Kolev, had worked at the port for a decade, prosecutors "
        "said. The attack on Friday wounded two guards.",
    },
]


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    root = tmp_path_factory.mktemp("ages")
    corpus = root / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    with Store(root / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        return list_disputes(store, "figures")


def test_two_outlets_giving_one_person_two_ages_are_a_dispute(figures):
    ages = [d for d in figures if d["measure"] == "age"]
    assert len(ages) == 1, [(d["measure"], d["label"]) for d in figures]
    assert {v["value"] for v in ages[0]["values"]} == {"34", "43"}
    assert {v["source"] for v in ages[0]["values"]} == {"Black Sea Courier", "Sofia Evening News"}
