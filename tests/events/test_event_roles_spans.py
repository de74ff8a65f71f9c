"""What a role's phrase names (events/roles.py): the person behind a title or beside a description; a group's
members and a count as written."""

import pytest

pytest.importorskip("spacy", reason="the parser is the `accurate` extra")

from claimgraph.events.parse import load_parser  # noqa: E402
from claimgraph.events.roles import role_span, untitled  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    return load_parser()


def _span(nlp, sentence: str, head: str, role: str) -> str:
    sdoc = nlp(sentence)
    token = next(t for t in sdoc if t.text == head)
    start, end = role_span(token, role)
    return sdoc[start:end].text


def test_a_title_before_a_name_is_dropped(nlp):
    said = _span(nlp, "Gunmen killed Judge Amina Yusuf Bello outside her house in Kano.", "Bello", "VIC")
    assert said == "Amina Yusuf Bello"


def test_members_of_a_group_stay_as_written(nlp):
    said = _span(nlp, "Suspected Boko Haram fighters burned a market in Borno on Sunday.", "fighters", "A1")
    assert said == "Suspected Boko Haram fighters"


def test_members_keep_the_group_behind_their_of(nlp):
    said = _span(nlp, "Alleged members of the Tupac Amaru movement attacked a police post in Junin.", "members", "A1")
    assert said == "Alleged members of the Tupac Amaru movement"
    said = _span(nlp, "Four members of a road crew were kidnapped near Tumaco on Friday.", "members", "VIC")
    assert said == "Four members of a road crew"
    # only the group's own words: not where the members were
    said = _span(nlp, "Fighters of the Mai-Mai in Masisi raided two villages.", "Fighters", "A1")
    assert "Masisi" not in said and said.startswith("Fighters of the Mai")


def test_a_hedged_count_stays_as_written(nlp):
    said = _span(nlp, "Gunmen abducted at least 40 students from a school in Kagara.", "students", "VIC")
    assert said == "at least 40 students"


def test_an_instrument_keeps_its_words(nlp):
    said = _span(nlp, "The militants used a car bomb against the checkpoint.", "bomb", "INST")
    assert said == "a car bomb"  # its article goes with the text (learned.strip_article)


def test_a_description_with_a_name_in_apposition_names_the_person(nlp):
    sentence = "The gunmen shot the trader, Musa Ibrahim Danjuma, outside his shop."
    assert _span(nlp, sentence, "trader", "VIC") == "Musa Ibrahim Danjuma"


def test_a_named_member_of_a_list_of_victims_names_them(nlp):
    sentence = "A police officer, a teacher and Senator Ana Lucia Mendoza were shot dead in Cali."
    assert _span(nlp, sentence, "officer", "VIC") == "Ana Lucia Mendoza"


def test_a_name_after_including_names_the_victims(nlp):
    sentence = "The blast wounded five people, including Ahmed Nur Farah, a local councillor."
    assert _span(nlp, sentence, "people", "VIC") == "Ahmed Nur Farah"


def test_a_day_beside_a_name_is_not_part_of_it(nlp):
    sdoc = nlp("The Taliban Thursday attacked a checkpoint in Kandahar.")
    token = next(t for t in sdoc if t.text == "Taliban")
    start, end = role_span(token, "A1")
    assert "Thursday" not in sdoc[start:end].text


def test_a_possessive_mark_is_not_part_of_the_name(nlp):
    sentence = "Police said Amadou Diallo's bodyguards had been ambushed."
    assert _span(nlp, sentence, "Diallo", "VIC") == "Amadou Diallo"


def test_a_list_of_actors_is_not_its_named_member(nlp):
    sentence = "Talks between the federal government and the Ogoni Youth Council broke down in Port Harcourt."
    assert _span(nlp, sentence, "government", "A1") == "the federal government"


def test_a_role_does_not_run_into_the_next_item_of_a_list(nlp):
    sentence = "Clashes between Shabaab militants and clan forces loyal to a local elder killed nine fighters."
    assert _span(nlp, sentence, "militants", "A1") == "Shabaab militants"


def _name_word(word: str) -> bool:
    return word[:1].isupper()


def test_a_rule_path_actor_loses_the_titles_before_a_name():
    assert untitled("Senator Ernesto Samper", _name_word) == "Ernesto Samper"
    assert untitled("Former Defence Minister Ana Ruiz", _name_word) == "Ana Ruiz"


def test_a_title_before_one_word_or_a_description_stays():
    assert untitled("Judge Ruiz", _name_word) == "Judge Ruiz"
    assert (
        untitled("deputy commander of the Shabelle militia", _name_word) == "deputy commander of the Shabelle militia"
    )
    assert untitled("Gunmen", _name_word) == "Gunmen"


def test_a_headline_participle_read_as_a_past_tense_is_passive(nlp):
    from claimgraph.events.learned import is_headline_participle

    def verb(sentence: str, word: str):
        return next(t for t in nlp(sentence) if t.text == word)

    assert is_headline_participle(verb("Mayor's aide gunned down in Guerrero", "gunned"))
    assert not is_headline_participle(verb("Gunmen shot dead a judge in Lima on Monday.", "shot"))
    assert not is_headline_participle(verb("The rebels attacked the town at dawn.", "attacked"))
