"""What a role's phrase names (events/roles.py): the group behind its members, the person behind a title or
beside a description, a count as written."""

import pytest

pytest.importorskip("spacy", reason="the parser is the `accurate` extra")

from claimgraph.events.parse import load_parser  # noqa: E402
from claimgraph.events.roles import role_span  # noqa: E402
from claimgraph.nlp.truecase import Truecaser  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    return load_parser()


@pytest.fixture(scope="module")
def forms():
    return Truecaser.load().forms


def _span(nlp, forms, sentence: str, head: str, role: str) -> str:
    sdoc = nlp(sentence)
    token = next(t for t in sdoc if t.text == head)
    start, end = role_span(token, role, forms)
    return sdoc[start:end].text


def test_members_of_a_named_group_name_the_group(nlp, forms):
    said = _span(nlp, forms, "Suspected Boko Haram fighters burned a market in Borno on Sunday.", "fighters", "A1")
    assert said == "Boko Haram"


def test_members_without_a_name_stay_as_written(nlp, forms):
    said = _span(nlp, forms, "Unidentified gunmen shot a trader near the bus station.", "gunmen", "A1")
    assert said == "Unidentified gunmen"


def test_a_title_before_a_name_is_dropped(nlp, forms):
    said = _span(nlp, forms, "Gunmen killed Judge Amina Yusuf Bello outside her house in Kano.", "Bello", "VIC")
    assert said == "Amina Yusuf Bello"


def test_a_hedged_count_stays_as_written(nlp, forms):
    said = _span(nlp, forms, "Gunmen abducted at least 40 students from a school in Kagara.", "students", "VIC")
    assert said == "at least 40 students"


def test_an_instrument_keeps_its_words(nlp, forms):
    said = _span(nlp, forms, "The militants used a car bomb against the checkpoint.", "bomb", "INST")
    assert said == "car bomb"


def test_a_description_with_a_name_in_apposition_names_the_person(nlp, forms):
    sentence = "The gunmen shot the trader, Musa Ibrahim Danjuma, outside his shop."
    assert _span(nlp, forms, sentence, "trader", "VIC") == "Musa Ibrahim Danjuma"


def test_members_of_a_group_named_after_of_name_the_group(nlp, forms):
    sentence = "Fighters of the Allied Democratic Forces attacked the village of Mukondi."
    assert _span(nlp, forms, sentence, "Fighters", "A1") == "Allied Democratic Forces"


def test_a_named_member_of_a_list_of_victims_names_them(nlp, forms):
    sentence = "A police officer, a teacher and Senator Ana Lucia Mendoza were shot dead in Cali."
    assert _span(nlp, forms, sentence, "officer", "VIC") == "Ana Lucia Mendoza"


def test_a_name_after_including_names_the_victims(nlp, forms):
    sentence = "The blast wounded five people, including Ahmed Nur Farah, a local councillor."
    assert _span(nlp, forms, sentence, "people", "VIC") == "Ahmed Nur Farah"


def test_a_day_beside_a_name_is_not_part_of_it(nlp, forms):
    sdoc = nlp("The Taliban Thursday attacked a checkpoint in Kandahar.")
    token = next(t for t in sdoc if t.text == "Taliban")
    start, end = role_span(token, "A1", forms)
    assert "Thursday" not in sdoc[start:end].text
