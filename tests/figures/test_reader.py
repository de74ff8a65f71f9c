"""Tolls and counts read from one sentence (figures.reader): qualifiers as intervals, groups,
tallies, vague amounts, headline styles. Sentences written for these tests, many conflicts."""

import pytest

from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.numbers import interval
from claimgraph.figures.reader import SentenceReader, main_toll, reported
from claimgraph.model import Mention

LEX = FigureLexicon.load()
INF = None


def read(text):
    return SentenceReader(text, LEX, []).read(0, len(text))


def tolls(text, measure="killed"):
    return [(r.group, r.low, r.high, r.qualifier) for r in read(text) if r.measure == measure]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 60 people were killed in the market blast in Maiduguri.", (None, 60, INF, "at_least")),
        ("Nearly 50 villagers died when the militia stormed the village.", ("civilians", 45, 49, "approx")),
        ("More than 20 soldiers were killed in the ambush near Kidal.", ("soldiers", 21, INF, "at_least")),
        ("About 40 fighters were killed in the clashes, the monitor said.", ("militants", 36, 44, "about")),
        ("The strike killed 10 to 15 insurgents, the army said.", ("militants", 10, 15, "range")),
        ("Between 12 and 18 passengers were killed when the bus hit a mine.", ("civilians", 12, 18, "range")),
        ("Up to 30 miners died in the attack on the gold site.", ("civilians", 0, 30, "at_most")),
        ("Fewer than 10 police officers were killed, the ministry said.", ("police", 0, 9, "at_most")),
        # "barely", "hardly": no more than the number (a rebuttal's "a movement of barely 800 combatants")
        ("Barely 20 villagers were killed, the governor said.", ("civilians", 0, 20, "at_most")),
        ("Some 30 worshippers were killed in the mosque bombing.", ("civilians", 27, 33, "about")),
        ("Gunmen killed 14 people in Zamfara state.", (None, 14, 14, "exact")),
    ],
)
def test_qualifiers_become_intervals(text, expected):
    assert tolls(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Scores of civilians were killed in the shelling of the town.",
        "Dozens of soldiers died in the assault on the base.",
        "Several police officers were killed in the ambush.",
        "Hundreds of people were killed in the fighting around Khartoum.",
    ],
)
def test_vague_amounts_give_no_number(text):
    assert tolls(text) == []


def test_two_groups_in_one_sentence_stay_apart_and_are_summed():
    got = tolls("The raiders killed four police officers as well as some 30 villagers near Mopti.")
    assert ("police", 4, 4, "exact") in got and ("civilians", 27, 33, "about") in got
    assert (None, 31, 37, "range") in got  # the sum of both groups


def test_a_tally_is_summed_by_group_and_in_all():
    got = tolls("Three guards, two soldiers and a driver were killed when the convoy was ambushed.")
    assert sorted(got, key=str) == sorted(
        [
            ("security_forces", 3, 3, "exact"),
            ("soldiers", 2, 2, "exact"),
            ("civilians", 1, 1, "exact"),
            (None, 6, 6, "exact"),
        ],
        key=str,
    )
    assert main_toll(read("Three guards, two soldiers and a driver were killed."), "killed").low == 6


def test_killed_and_injured_in_one_sentence():
    text = "The car bomb killed seven people and wounded 23 others in Mogadishu."
    assert tolls(text) == [(None, 7, 7, "exact")]
    assert tolls(text, "injured") == [(None, 23, 23, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Policeman shot dead in Peshawar", [("police", 1, 1, "exact")]),
        ("Civilian killed, two injured in cross-border shelling", [("civilians", 1, 1, "exact")]),
        ("Army kills 14 militants in Borno raid", [("militants", 14, 14, "exact")]),
        ("Gunmen kill village chief in Ituri", [(None, 1, 1, "exact")]),
        ("Drone strike kills two", [(None, 2, 2, "exact")]),
        ("Death toll from Kabul school bombing rises to 53", [(None, 53, 53, "exact")]),
    ],
)
def test_headline_styles(text, expected):
    assert tolls(text) == expected


def test_the_subject_of_an_active_verb_is_not_counted():
    # "A suicide bomber killed ...": the bomber is who killed, not one of the dead
    assert tolls("A suicide bomber killed at least 12 worshippers at a mosque in Kano.") == [
        ("civilians", 12, INF, "at_least")
    ]


def test_a_nationality_makes_the_group_of_generic_people():
    got = read("Two Chinese engineers were kidnapped near the dam site in Balochistan.")
    assert [(r.measure, r.group, r.low) for r in got] == [("abducted", "chinese", 2)]


def test_other_measures():
    assert [(r.measure, r.low) for r in read("Police arrested 11 suspects after the riot in Lagos.")] == [
        ("arrested", 11)
    ]
    assert [(r.measure, r.low, r.high) for r in read("About 5,000 residents were displaced by the fighting.")] == [
        ("displaced", 4500, 5500)
    ]


def test_years_dates_and_distances_are_not_figures():
    assert read("In 2019, 40 km north of Gao, on 12 March at 9 am, the convoy stopped.") == []


def test_interval_rules():
    assert interval(60, None, "at_least") == (60, None, "at_least")
    assert interval(20, None, "more_than") == (21, None, "at_least")
    assert interval(50, None, "below") == (45, 49, "approx")
    assert interval(40, None, "about") == (36, 44, "about")
    assert interval(10, 15, "exact") == (10, 15, "range")
    assert interval(7, None, "exact") == (7, 7, "exact")


def test_a_dozen_and_an_adjective_measure():
    assert tolls("Bandits killed more than a dozen herders near Gusau.") == [("civilians", 13, INF, "at_least")]
    # the verb before decides; the adjective "displaced" only describes the people
    assert tolls("The shelling hit the camp, killing 26 displaced people.") == [(None, 26, 26, "exact")]
    assert [(r.measure, r.group, r.low) for r in read("Four wounded soldiers reached the hospital in Goma.")] == [
        ("injured", "soldiers", 4)
    ]


def test_an_aside_between_the_count_and_its_verb():
    got = tolls("At least 9 people, including two children, were killed when the shell hit the market in Kherson.")
    assert got == [(None, 9, INF, "at_least"), ("civilians", 2, 2, "exact")]


def test_a_groups_strength_without_a_count_noun():
    text = "The strength of the Boko Haram faction is estimated at about 3,500, a regional report said."
    start = text.index("Boko Haram")
    group = Mention(start, start + 10, "Boko Haram", "Organisation", actor_id="boko-haram")
    [r] = SentenceReader(text, LEX, [group]).read(0, len(text))
    assert (r.measure, r.subject, r.low, r.high, r.qualifier) == ("strength", "boko-haram", 3150, 3850, "about")
    assert read(text) == []  # no actor to measure: no figure


def test_a_loss_figure_put_by_someone():
    assert tolls("The ministry put its losses at 17 after the raid.") == [(None, 17, 17, "exact")]


def test_plural_multipliers_after_a_number_and_bodies():
    assert tolls("The gas attack caused the death of two hundreds of the besieged troops.") == [
        ("soldiers", 200, 200, "exact")
    ]
    assert tolls("Rescuers recovered 17 bodies from the rubble in Derna.") == [(None, 17, 17, "exact")]
    assert tolls("Hundreds of bodies lay in the streets.") == []  # a vague amount stays one


def test_of_its_and_all_before_a_count():
    assert tolls("The movement said 20 of its fighters were killed in the raid.") == [("militants", 20, 20, "exact")]
    assert tolls("The missile hit the helicopter, killing all 8 crew members.") == [(None, 8, 8, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ambush in Borno leaves army captain dead, three hurt", [("soldiers", 1, 1, "exact")]),
        ("Two Anglican priests killed in Ituri attack", [(None, 2, 2, "exact")]),
        ("Four more killed in clan fighting near Baidoa", [(None, 4, 4, "exact")]),
        ("3 members of the cartel's Sinaloa cell killed by troops", [(None, 3, 3, "exact")]),
        ("At least five 'militants' killed in raid", [("militants", 5, INF, "at_least")]),
        ("Death toll from market blast at 25", [(None, 25, 25, "exact")]),
        ("Bomb in northern city kills five: police", [(None, 5, 5, "exact")]),
        ("Four Christians shot dead in Plateau state", [("christian", 4, 4, "exact")]),
        ("Former Senior Colombian Police Officer Killed In Shooting", [("police", 1, 1, "exact")]),
    ],
)
def test_more_headline_styles(text, expected):
    assert tolls(text) == expected


def test_a_plus_sign_and_a_datelines_day_before_a_count():
    assert tolls("20+ killed in Gao market blast") == [(None, 20, INF, "at_least")]
    assert tolls("MOPTI, March 7 - 12 people were killed when a bus hit a mine.") == [(None, 12, 12, "exact")]


def test_ages_threats_and_active_verbs_are_not_tolls():
    assert tolls("A 15-year-old boy was shot dead near the checkpoint in Jenin.") == [("civilians", 1, 1, "exact")]
    assert tolls("The gang is threatening to kill a kidnapped engineer in Zamfara.") == []
    assert tolls("They said they would kill 100 soldiers if the army advanced.") == []
    # "reportedly" is no passive: the brothers killed, the officer is the toll
    assert tolls("The two brothers reportedly killed a police officer in the shootout.") == [("police", 1, 1, "exact")]
    assert tolls("Twelve people were reportedly killed in the shelling of Kramatorsk.") == [(None, 12, 12, "exact")]


def _strength(text, name, actor):
    start = text.index(name)
    group = Mention(start, start + len(name), name, "Organisation", actor_id=actor)
    return [(r.measure, r.subject, r.low) for r in SentenceReader(text, LEX, [group]).read(0, len(text))]


def test_some_of_a_groups_members_are_not_its_strength():
    assert _strength("ISWAP has about 5,000 fighters around Lake Chad.", "ISWAP", "iswap") == [
        ("strength", "iswap", 4500)
    ]
    assert _strength("Police said two of its members in ISWAP had crossed into Niger.", "ISWAP", "iswap") == []
    assert _strength("The army said it destroyed three of the ISWAP camps near Baga.", "ISWAP", "iswap") == []


def test_a_count_written_with_a_separator_is_no_year():
    assert _strength("Al-Shabaab has about 2,000 fighters in Jubaland.", "Al-Shabaab", "al-shabaab") == [
        ("strength", "al-shabaab", 1800)
    ]
    assert tolls("Floods and fighting killed 1,950 people in 2020.") == [(None, 1950, 1950, "exact")]


def test_the_counted_noun_is_no_subject_when_a_group_is_named():
    text = "Analysts put the strength of ISWAP at 3,000 to 5,000 fighters."
    at, noun = text.index("ISWAP"), text.index("fighters")
    mentions = [
        Mention(at, at + 5, "ISWAP", "Organisation", actor_id="iswap"),
        Mention(noun, noun + 8, "fighters", "Role"),
    ]
    [r] = SentenceReader(text, LEX, mentions).read(0, len(text))
    assert (r.measure, r.subject, r.low, r.high) == ("strength", "iswap", 3000, 5000)


def test_a_bare_number_after_and_counts_the_group_of_the_figure_before_it():
    # the noun is elided: "12 wounded" are twelve of the police officers' kind
    assert tolls("The ambush left five police officers dead and 12 wounded.", "injured") == [
        ("police", 12, 12, "exact")
    ]
    assert tolls("Rebels killed three soldiers and wounded seven near Beni.", "injured") == [
        ("soldiers", 7, 7, "exact")
    ]
    # a number after a clause break keeps no group
    assert tolls("Three soldiers were killed; 20 were wounded in the town.", "injured") == [(None, 20, 20, "exact")]


def test_a_subset_is_not_added_to_the_figure_it_is_part_of():
    readings = read("Eleven soldiers, including a colonel, were killed in the raid.")
    assert main_toll(readings, "killed").low == 11


def test_a_bomber_who_killed_himself_and_others():
    text = "A bomber killed himself and 15 shoppers at a market in Kano."
    assert ("civilians", 15, 15, "exact") in tolls(text)


def test_a_possessive_starts_one_person_in_a_tally():
    text = "Two Turkish engineers and their Iraqi driver were killed in the ambush."
    assert main_toll(read(text), "killed").low == 3


def test_the_and_a_possessive_start_one_person_and_relatives_are_civilians():
    assert main_toll(read("Gunmen fired on a minibus, killing the driver and nine passengers."), "killed").low == 10
    assert ("civilians", 3, 3, "exact") in tolls("The drone strike killed a militia commander and his three daughters.")
    assert ("civilians", 1, 1, "exact") in tolls("The blast killed four soldiers and a Somali translator.")


def test_half_a_dozen_is_six():
    assert tolls("Half a dozen gendarmes were wounded in the ambush.", "injured") == [("police", 6, 6, "exact")]


def test_a_groups_own_member_after_its_is_no_figure_of_its_own():
    readings = read("Police arrested all nine members of the gang, including its leader.")
    assert [(r.measure, r.low) for r in readings] == [("arrested", 9)]


@pytest.mark.parametrize(
    ("text", "group", "group_text"),
    [
        ("Death toll reaches 30 in attack on Sufi worshippers", "civilians", "Sufi worshippers"),
        ("The toll rose to 9 in attack on Hazara miners", "civilians", "Hazara miners"),
        ("Nine killed in attack on soldiers in Dagestan", "soldiers", "soldiers"),
        ("The toll rose to 25 after the suicide attack on a police station", None, None),  # a place, not victims
    ],
)
def test_a_toll_without_a_group_counts_the_attacks_target(text, group, group_text):
    (r,) = read(text)
    assert (r.measure, r.group, r.group_text) == ("killed", group, group_text)


@pytest.mark.parametrize(
    "text",
    [
        "Villagers said the granary belonged to a brother of the chief and that three of the dead were herders.",
        "Police identified the gunman as a former soldier; six people were killed in the shooting.",
        "The minibus was owned by a teacher from Kassala, and 11 passengers were killed when it hit a mine.",
    ],
)
def test_an_owner_or_a_complement_of_another_verb_is_no_victim(text):
    singles = [r.text for r in read(text) if r.low == 1 and r.measure in ("killed", "injured")]
    assert singles == []


def test_a_part_of_the_dead_keeps_its_head_and_is_a_subset():
    [part] = read("Nine of the dead were pilgrims from Karbala, the health ministry said.")
    assert (part.text, part.measure, part.low, part.subset) == ("Nine of the dead", "killed", 9, True)
    [part] = read("Two of the wounded soldiers were flown to Niamey.")
    assert (part.measure, part.group, part.low, part.subset) == ("injured", "soldiers", 2, True)
    assert main_toll(read("Clashes in Sanaa left 30 dead; five of the dead were guards."), "killed").low == 30


def test_a_singular_is_a_victim_only_where_it_is_killed():
    assert tolls("A nurse was killed when the shell hit the ambulance in Donetsk.") == [("civilians", 1, 1, "exact")]
    # the one who speaks after a list of the dead is not one of them
    text = "The strike killed five people, among them a child, a local official said."
    assert [(r.text, r.subset) for r in read(text)] == [("five people", False), ("a child", True)]
    assert tolls("Officials said no one was injured in the blast in Kirkuk.", "injured") == []


@pytest.mark.parametrize(
    "text",
    ["Soldiers Executed Fishermen After Insurgent Raid", "Troops Killed Herders Near Rebel Camp, Villagers Say"],
)
def test_a_bare_plural_in_a_headline_is_no_count(text):
    assert tolls(text) == []


def test_a_count_of_fighters_naming_no_group_is_left_to_the_story():
    from claimgraph.figures.reader import STORY_SUBJECT

    # an unlinked tagger span with no proper word ("The rebels") is no subject of its own words
    assert _strength("The rebels now number about 8,000, a monitor said.", "The rebels", None) == [
        ("strength", STORY_SUBJECT, 7200)
    ]
    assert _strength("It fields some 900 combatants in the hills.", "It", None) == [("strength", STORY_SUBJECT, 810)]
    # an unlinked name keeps its words; a state's troops after a size word are no armed group's
    assert _strength("The Mai-Mai Yakutumba militia has 600 fighters.", "Mai-Mai Yakutumba", None) == [
        ("strength", "Mai-Mai Yakutumba", 600)
    ]
    assert _strength("The country has 3,000 troops in the region.", "The country", None) == []


def test_a_name_inside_a_longer_name_is_no_subject():
    text = "Islamic State Mozambique has some 2,500 fighters in Cabo Delgado."
    group = Mention(0, 24, "Islamic State Mozambique", "Organisation", actor_id="ismp")
    state = Mention(14, 24, "Mozambique", "Location", actor_id="mozambique")
    readings = SentenceReader(text, LEX, [group, state]).read(0, len(text))
    assert [(r.measure, r.subject) for r in readings] == [("strength", "ismp")]


# Items of one victim group in an itemised count are one count of that group: a second outlet quoting "two
# paramedics, a driver and three patients" must not set its "a driver" against the first's "three patients"
# (session 14 cumparts; sentences written for these tests: Yemen, South Sudan, Burkina Faso).


def test_items_of_one_group_give_only_their_sum():
    text = "The shelling of the clinic in Hodeidah killed two nurses, a driver and four patients, the charity said."
    got = reported(read(text))
    assert [(r.group, r.low, r.high) for r in got if r.measure == "killed"] == [(None, 7, 7)]


def test_items_of_several_groups_keep_one_count_per_group():
    text = "Gunmen killed two soldiers, three women and four children near Malakal on Monday."
    got = sorted((r.group or "", r.low) for r in reported(read(text)) if r.measure == "killed")
    assert got == [("", 9), ("civilians", 7), ("soldiers", 2)]


def test_items_of_one_group_in_a_part_give_the_groups_lower_bound():
    text = "The raid on Djibo killed 20 people, including two teachers, a nurse and five pupils."
    got = [(r.group, r.low, r.high) for r in reported(read(text)) if r.measure == "killed"]
    assert got == [(None, 20, 20), ("civilians", 8, None)]


def test_health_and_service_workers_are_civilian_items_of_a_list():
    text = "The air strike on the field hospital killed two paramedics, a cook and three neighbours."
    got = [(r.group, r.low) for r in reported(read(text)) if r.measure == "killed"]
    assert got == [(None, 6)]


def test_a_part_of_the_dead_in_capitals_is_read_as_in_lower_case():
    # a wire in capitals or a title-case headline: the "of" of "NINE OF THE DEAD" is matched ignoring case
    for text in (
        "NINE OF THE DEAD WERE PILGRIMS FROM KARBALA, THE HEALTH MINISTRY SAID.",
        "Nine Of The Dead Were Pilgrims",
    ):
        [part] = read(text)
        assert (part.measure, part.low, part.subset) == ("killed", 9, True)
