"""Toll defects a fresh user's trial found (issues 14.4, 16.2), each read as a general rule: a negative
determiner denies a toll ("No civilian was killed" is no count of one), two groups joined by "and" are one
count of both ("40 soldiers and members of the militia"), a speaker's own people ("two of our brothers")
take the speaker's side, and a count over a period is no toll of an incident told before it. Sentences
written for this test (Mali, Kenya, Mozambique, Somalia, Colombia, Syria, Nigeria), none from the trial."""

import pytest

from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import SentenceReader

LEX = FigureLexicon.load()


def tolls(text, measure="killed"):
    return [(r.group, r.low, r.high) for r in SentenceReader(text, LEX, []).read(0, len(text)) if r.measure == measure]


@pytest.mark.parametrize(
    "text",
    [
        "No civilian was killed during the operation in the Menaka region, the army insisted.",
        "Police said not a single passenger was hurt when the bus struck a mine near Mandera.",
        "Not one soldier died in the clash, the ministry of defence said.",
    ],
)
def test_a_negative_determiner_gives_no_toll(text):
    assert tolls(text) == [] and tolls(text, "injured") == []


def test_a_singular_after_a_negative_clause_still_counts():
    assert tolls("A policeman was killed and no civilian was hurt in the ambush near Garissa.") == [("police", 1, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 30 soldiers and members of the FDD were killed when gunmen overran the camp.", (None, 31, None)),
        ("At least 12 police officers and CJTF lost their lives in the raid on Monday.", (None, 12, None)),
        ("The insurgents killed 45 soldiers and militiamen of the so-called Home Guard on Friday.", (None, 45, 45)),
        # one group twice is still that group
        ("Rebels killed 18 soldiers and paratroopers near Beni on Sunday.", ("soldiers", 18, 18)),
    ],
)
def test_two_groups_joined_by_and_are_one_count_of_both(text, expected):
    assert tolls(text) == [expected]


def test_a_coordinated_clause_is_not_part_of_the_group():
    assert ("soldiers", 9, 9) in tolls("Gunmen killed nine soldiers and Al-Shabaab later claimed the attack.")


def test_a_singular_after_according_to_is_the_source_not_a_victim():
    assert tolls("According to the governor, at least 16 villagers died in the attack on Tuesday.") == [
        ("civilians", 16, None)
    ]


def test_a_speakers_own_people_take_its_side(run):
    doc = run("Al-Shabaab said in a statement that two of our brothers were martyred in the raid near Baidoa.")
    groups = [(f.group, f.low) for f in doc.annotations["figures"] if f.measure == "killed"]
    assert groups == [("militants", 2.0)]


def test_an_armys_own_men_stay_a_total(run):
    doc = run("The army said six of its men were killed when militants attacked a checkpoint near Mopti.")
    assert [(f.group, f.low) for f in doc.annotations["figures"]] == [(None, 6.0)]


def test_a_tally_over_a_period_is_no_toll_of_the_incident_before_it(run):
    doc = run(
        "Gunmen killed nine traders at a market in Mubi on Friday, police said. "
        "Since 2009, more than 35,000 people have died in the insurgency in northeast Nigeria, the UN says."
    )
    by_low = {f.low: f.event_id for f in doc.annotations["figures"]}
    assert by_low[9.0] is not None and by_low[35001.0] is None
