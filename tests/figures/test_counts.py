"""Counts that are not what they are read as (figures.counts, figures.reader; issues 14.4, 16.2): deaths of a
group's members are no strength and the euphemisms for death are deaths; an age is no count and a relative
clause about one person's relative is no death of that person; a step on a toll ("two more", "another three",
"a fourth soldier") is no toll of its own. Sentences written for these tests (Burkina Faso, Sudan, DRC,
Colombia, Ukraine, Yemen, Somalia, the Philippines, Mexico, Kashmir), none from a trial corpus."""

import pytest

from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import SentenceReader, main_toll, reported

LEX = FigureLexicon.load()


def readings(text):
    return SentenceReader(text, LEX, []).read(0, len(text))


def figures(text, measure="killed"):
    return [(r.low, r.high) for r in reported(readings(text)) if r.measure == measure]


# -- deaths are no strength ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nine soldiers sacrificed their lives in the fighting near Djibo, the army said.",
        "Fourteen members of the Rapid Support Forces laid down their lives at the bridge in Omdurman.",
        "Seven police officers gave their lives in the ambush near Tumaco.",
        "Eight members of the militia fell in clashes with government forces near Saraqeb.",
        "Three peacekeepers succumbed to their wounds in hospital in Bunia.",
    ],
)
def test_euphemisms_for_death_are_deaths(text):
    assert [r.measure for r in reported(readings(text))] == ["killed"]


def test_deaths_of_members_are_no_strength(run):
    doc = run("The army said 150 ADF rebels were killed and 12 members of the security forces sacrificed their lives.")
    got = sorted((f.measure, f.low) for f in doc.annotations["figures"])
    assert ("strength", 12.0) not in got and ("killed", 12.0) in got and ("killed", 150.0) in got


@pytest.mark.parametrize(
    "text",
    [
        "The army said 30 rebels were killed and 23 members of the New People's Army surrendered in Negros Oriental.",
        "Al-Shabaab said 40 soldiers were killed and 12 members of al-Shabaab defected near Jilib.",
        "Six soldiers were killed in the clash, and 60 fighters of the FDLR escaped into the forest near Rutshuru.",
    ],
)
def test_what_happened_to_members_is_no_strength(run, text):
    assert [f for f in run(text).annotations.get("figures", ()) if f.measure == "strength"] == []


def test_a_force_in_a_place_stays_a_strength(run):
    doc = run("The ADF said 700 of its fighters had crossed into Ituri.")
    assert [f.low for f in doc.annotations["figures"] if f.measure == "strength"] == [700.0]


# -- ages are no counts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two children, aged 7 and 9, were killed by the mortar round in El Fasher.", [(2, 2)]),
        ("A farmer aged 60 was killed by a landmine near Tal Afar.", [(1, 1)]),
        ("Soldier, 22, killed in ambush in North Kivu", [(1, 1)]),
        ("A man, 46, died of his injuries after the grenade attack in Srinagar.", [(1, 1)]),
        ("Three men, aged between 20 and 35, were killed in the clash in Jos.", [(3, 3)]),
        ("Ten members of one family were killed when the air strike hit their house in Saada.", [(10, 10)]),
    ],
)
def test_an_age_is_never_a_count(text, expected):
    assert figures(text) == expected


def test_an_age_alone_names_one_person():
    assert figures("A 17-year-old was arrested over the stabbing near Bentiu.", "arrested") == [(1, 1)]


@pytest.mark.parametrize(
    "text",
    [
        '"They took everything," said a 52-year-old herder whose son was killed in the raid near Bankass.',
        "A 63-year-old teacher whose brother died in the shelling of Kherson said the school had no shelter.",
    ],
)
def test_a_relative_clause_about_someone_else_is_no_death_of_the_speaker(text):
    assert reported(readings(text)) == []


# -- steps on a toll ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Two more bodies were recovered from the rubble in Idlib.",
        "Another two civilians died of their wounds overnight in Kharkiv.",
        "Three more soldiers were killed in the same area on Friday.",
        "Medics said a further four people were killed when the shelling resumed.",
        "Another soldier died on Sunday, the army said.",
    ],
)
def test_an_addition_is_no_toll_of_its_own(text):
    assert figures(text) == []


def test_an_addition_alone_is_its_events_toll_at_least():
    # a report of a continuing operation gives the new day's dead so: "18 more militants killed in air strikes"
    toll = main_toll(readings("Air strikes killed 18 more militants in the hills near Kidal, the army said."), "killed")
    assert (toll.low, toll.high, toll.qualifier) == (18, None, "at_least")


def test_an_addition_beside_the_toll_leaves_the_toll():
    text = "Another three people died in hospital, bringing the toll from the bombing in Baidoa to 15."
    assert figures(text) == [(15, 15)] and main_toll(readings(text), "killed").low == 15


@pytest.mark.parametrize(
    ("text", "low"),
    [("A fourth soldier died of his wounds on Tuesday, the army said.", 4), ("Fifth civilian dies in Bamenda", 5)],
)
def test_an_ordinal_says_where_the_toll_stands(text, low):
    assert figures(text) == [(low, None)]


def test_an_ordinal_beside_a_toll_is_a_step_on_it():
    assert figures("The death toll rose to 23 after a fifth police officer succumbed to his injuries.") == [(23, 23)]
