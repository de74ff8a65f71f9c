"""When a later, higher toll is an update and when it is a dispute (issue 16.2, session 15 updrule; docs/disputes.md
"Updates"): another source's later figure revises an earlier one only where its words say so and the two are not
parties of different sides; a party's different figure is its own account; a later lower figure is never an
update. Speakers are resolved to the shipped ontology's actors, as the dispute values are. Synthetic values
written for this test (Sudan, Mali, Pakistan, DRC, Yemen, Ethiopia, Somalia)."""

from __future__ import annotations

from dispute_values import figure_value

from claimgraph.link.disputes.figures import _revised, compare
from claimgraph.link.disputes.parties import actor_sides, may_revise


def _value(number, text, *, source, date, speaker=None, actor=None, official=False, cue="said"):
    return figure_value(
        number,
        source=source,
        date=date,
        speaker=speaker or source,
        speaker_actor=actor,
        official=official,
        cue=cue,
        text=text,
        doc_id=source + date,
    )


def test_a_partys_later_higher_figure_with_no_word_of_revision_is_its_own_account():
    outlet = _value(17, "A drone strike killed 17 people, residents said.", source="Gondar Post", date="2025-02-17")
    fano = _value(
        63,
        "The regime's drone massacred 63 civilians, the Fano command said.",
        source="Fano statement",
        date="2025-02-18",
        speaker="the Fano command",
        actor="fano",
    )
    summary = compare([outlet, fano])
    assert summary["conflict"] and summary["updates"] == 0
    assert (outlet.role, fano.role) == ("value", "value")


def test_a_partys_told_rise_never_revises_another_sides_count():
    army = _value(
        12,
        "The army said 12 soldiers were killed in the attack near Boni.",
        source="Bamako Wire",
        date="2025-04-07",
        speaker="the army",
        actor="fama",
        official=True,
    )
    group = _value(
        60,
        "JNIM said the number of soldiers killed in the Boni operation has risen to 60.",
        source="az-Zallaqa",
        date="2025-04-08",
        speaker="JNIM",
        actor="jnim",
    )
    assert compare([army, group])["conflict"]


def test_a_partys_told_rise_revises_a_count_no_party_gave():
    residents = _value(
        12, "Bandits killed 12 worshippers, residents said.", source="Northern Sentinel", date="2025-03-10"
    )
    ministry = _value(
        18,
        "The number of worshippers killed has risen to 18, the Nigerian Army said.",
        source="Daily Lagos Wire",
        date="2025-03-11",
        speaker="the Nigerian Army",
        actor="ng-army",
        official=True,
    )
    summary = compare([residents, ministry])
    assert not summary["conflict"] and (residents.role, ministry.role) == ("superseded", "update")


def test_organs_of_one_state_revise_each_others_count():
    ispr = _value(
        7,
        "Seven soldiers embraced martyrdom, the ISPR said.",
        source="ISPR",
        date="2025-03-03",
        speaker="ISPR",
        actor="ispr",
        official=True,
    )
    interior = _value(
        12,
        "The Ministry of Interior said 12 soldiers were killed in the Bannu attack.",
        source="Interior Ministry",
        date="2025-03-04",
        speaker="the Ministry of Interior",
        actor="pk-moi",
        official=True,
    )
    summary = compare([ispr, interior])
    assert not summary["conflict"] and summary["updates"] == 1


def test_a_neutral_bodys_told_rise_revises_a_partys_count_and_its_lower_figure_disputes_it():
    rsf = _value(
        9,
        "The Rapid Support Forces said nine people died in El Obeid.",
        source="RSF",
        date="2025-06-03",
        speaker="the Rapid Support Forces",
        actor="rsf",
    )
    msf = _value(
        27,
        "The toll has risen to 27, Doctors Without Borders said.",
        source="Nile Dispatch",
        date="2025-06-05",
        speaker="Doctors Without Borders",
        actor="msf",
    )
    summary = compare([rsf, msf])
    assert not summary["conflict"] and (rsf.role, msf.role) == ("superseded", "update")
    # a later lower figure is never an update, whoever gives it
    first = _value(
        40, "The toll has risen to 40, OCHA said.", source="Sudan Wire", date="2025-06-04", speaker="OCHA", actor="ocha"
    )
    second = _value(
        27, "The toll has risen to 27, MSF said.", source="Nile Dispatch", date="2025-06-05", speaker="MSF", actor="msf"
    )
    assert compare([first, second])["conflict"]


def test_another_outlets_later_figure_without_words_of_revision_is_a_dispute():
    first = _value(8, "Shelling killed eight civilians, civil society said.", source="Radio Kivu", date="2025-02-10")
    later = _value(12, "Twelve civilians were killed, a nurse said.", source="Goma Echo", date="2025-02-11")
    assert compare([first, later])["conflict"]
    later = _value(
        12,
        "The number of civilians killed in the shelling has risen to 12, a nurse said.",
        source="Goma Echo",
        date="2025-02-11",
    )
    assert not compare([first, later])["conflict"]


def test_another_voices_told_rise_of_a_total_revises_no_count_of_the_attackers():
    army = _value(
        6,
        "The army said it killed six al-Shabaab fighters who attacked the base.",
        source="Army statement",
        date="2025-09-01",
        actor="somali-national-army",
        official=True,
    )
    army.group = "militants"
    outlet = _value(
        12, "The toll from the attack on the base has risen to 12, medics said.", source="Horn Wire", date="2025-09-02"
    )
    summary = compare([army, outlet])
    assert (army.role, outlet.role) == ("value", "value") and summary["updates"] == 0
    # the victims' count is: "four worshippers" then another report's "the toll rose to six"
    worshippers = _value(4, "A bomb killed four worshippers, police said.", source="Mindanao Post", date="2025-01-13")
    worshippers.group = "civilians"
    total = _value(6, "The toll rose to 6, the health office said.", source="Manila Wire", date="2025-01-14")
    compare([worshippers, total])
    assert (worshippers.role, total.role) == ("superseded", "update")


def test_words_of_revision():
    def said(text, number):
        return _value(number, text, source="A", date="2025-01-01")

    assert _revised(said("More bodies were found, bringing the number of dead to 9, a local leader said.", 9))
    assert _revised(said("Updated figures from the health office put the number of people killed at 16.", 16))
    assert _revised(said("The toll now stands at 31, the mayor said.", 31))
    assert _revised(said("The prosecutor's office raised the death toll from Sunday's shootout to 10.", 10))
    assert not _revised(said("Gunmen killed 16 people in the market on Sunday.", 16))
    assert not _revised(said("The new school, which 300 pupils attend, was hit.", 300))


def test_sides_of_parties_come_from_the_ontology():
    assert actor_sides("ocha") is None and actor_sides("msf") is None  # a UN agency, an NGO: no party
    assert actor_sides("ispr") == actor_sides("pk-moi")  # organs of one state
    assert actor_sides("amaq") == actor_sides("islamic-state")  # a group's outlet is the group's
    assert actor_sides("vdp") & actor_sides("bf-armed-forces")  # a state's auxiliary is on its side
    assert actor_sides("zabihullah-mujahid")  # a spokesman speaks for the organisations of his roles
    assert not actor_sides("nug-myanmar") & actor_sides("myanmar-sac")  # the exiled government and the junta
    rsf = _value(9, "x", source="A", date="2025-01-01", actor="rsf")
    saf = _value(20, "x", source="B", date="2025-01-02", actor="saf", official=True)
    outlet = _value(20, "x", source="C", date="2025-01-02")
    assert not may_revise(rsf, saf, same_body=False) and may_revise(rsf, outlet, same_body=False)


def test_an_undated_report_is_not_known_to_come_before_another_sources_figure():
    """A statement saved without a date is no earlier count another source's dated figure revises, even of
    one side (the army's communiqué and an officer a wire quotes): two accounts."""
    army = _value(
        4,
        "The armed forces deplore 4 soldiers killed in the attack on the post at Kaya.",
        source="army_communique.txt",
        date="",
        actor="bf-armed-forces",
        official=True,
        cue=None,
    )
    officials = _value(
        19,
        "At least 19 soldiers were killed in the attack on the Kaya post, an army officer said.",
        source="Ouaga Wire",
        date="2025-09-02",
        speaker="an army officer",
        actor="bf-armed-forces",
        official=True,
    )
    summary = compare([army, officials])
    assert summary["conflict"] and (army.role, officials.role) == ("value", "value")
