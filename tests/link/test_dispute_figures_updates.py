"""A body's own later, higher figure is an update, not a dispute (issue 16.2): a count the text calls a
rise ("has risen to 41") or an earlier count ("our preliminary figure of 23") of the same body, and a
speaker whose words name a state organ is official though no ontology actor was resolved for it; one
report's own earlier figure it names as superseded ("officials had put the toll at 19") is a step of its
timeline, not a side.
Synthetic cases written for this test (Sudan, Nigeria, Ukraine, Afghanistan, Somalia)."""

from __future__ import annotations

from dispute_values import figure_value

from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.figures import compare
from claimgraph.link.disputes.values import INF, is_official

CONFIG = load_config()


def _value(number, text, *, source, speaker, date, official=False, cue="said", doc=None):
    return figure_value(
        number, source=source, speaker=speaker, date=date, official=official, cue=cue, text=text, doc_id=doc or source
    )


def test_a_ministrys_risen_toll_updates_its_director_generals_first_figure():
    first = _value(
        23,
        "Dr Amal Hassan, director general of the Blue Nile state health ministry, said 23 were killed.",
        source="Wire",
        speaker="Dr Amal Hassan, director general of the Blue Nile state health ministry",
        date="2026-03-01",
        official=True,
    )
    later = _value(
        41,
        "The toll has risen to 41 dead, the Ministry of Health of Blue Nile State said.",
        source="Local Daily",
        speaker="the Ministry of Health of Blue Nile State",
        date="2026-03-02",
        official=True,
    )
    summary = compare([first, later])
    assert summary["updates"] == 1 and not summary["conflict"]
    assert (first.role, later.role) == ("superseded", "update")


def test_a_statements_preliminary_figure_is_superseded_by_its_new_count_the_same_day():
    own = _value(
        9,
        "Our statement of this morning gave a preliminary figure of 9 dead.",
        source="Borno Emergency Agency",
        speaker="Borno Emergency Agency",
        date="2026-05-04",
        cue=None,
    )
    new = _value(
        17,
        "The agency announces that the number of dead in the Konduga attack is 17.",
        source="Borno Emergency Agency",
        speaker="The agency",
        date="2026-05-04",
        cue="announces",
    )
    summary = compare([own, new])
    assert summary["updates"] == 1 and not summary["conflict"]


def test_another_bodys_rise_is_a_dispute_not_an_update():
    # two authorities: the UN's later "rose to" does not supersede the ministry's count
    ministry = _value(
        14,
        "The interior ministry said 14 people were killed in Kunduz.",
        source="A",
        speaker="the interior ministry",
        date="2025-02-01",
        official=True,
    )
    un = _value(
        26,
        "The UN mission said the toll rose to 26.",
        source="B",
        speaker="the UN mission",
        date="2025-02-02",
        official=True,
    )
    summary = compare([ministry, un])
    assert summary["conflict"] and summary["updates"] == 0
    # two ministries share only "ministry": two bodies
    defence = _value(
        30,
        "The toll has climbed to 30, the Afghan defence ministry said.",
        source="C",
        speaker="the Afghan defence ministry",
        date="2025-02-03",
        official=True,
    )
    interior = _value(
        14,
        "The Afghan interior ministry said 14 were killed.",
        source="D",
        speaker="the Afghan interior ministry",
        date="2025-02-01",
        official=True,
    )
    assert compare([interior, defence])["conflict"]


def test_a_witnesss_told_rise_revises_an_official_count_no_party_opposes():
    # session 15 (updrule): a resident is no party to the war, so its words of revision ("rose to") revise the
    # governor's count (before: no voice revised an authority's count); the same words from a party of the other
    # side are its own account
    official = _value(
        8,
        "Regional governor Oleh Syniehubov said 8 were killed in Kharkiv.",
        source="A",
        speaker="Regional governor Oleh Syniehubov",
        date="2025-07-01",
        official=True,
    )
    witness = _value(20, "A resident said the toll rose to 20.", source="B", speaker="A resident", date="2025-07-02")
    summary = compare([official, witness])
    assert not summary["conflict"] and (official.role, witness.role) == ("superseded", "update")
    assert witness.high != INF


def test_a_state_organ_named_in_words_is_official():
    assert is_official(None, None, "The Ministry of Health of North Kordofan State", CONFIG)
    assert is_official(None, None, "a state health official", CONFIG)
    assert is_official("state_organ", "ministry_x", "the ministry", CONFIG)
    # an armed group's official is no state's: its resolved actor decides
    assert not is_official("armed_group", "al-shabaab", "an al-Shabaab official in the Ministry of Defence", CONFIG)
    assert not is_official(None, None, "A resident", CONFIG)
    assert not is_official(None, None, None, CONFIG)


def test_a_reports_own_earlier_figure_is_superseded_by_its_current_one():
    current = _value(
        31,
        "The toll now stands at 31, the mayor of Banibangou told Sahel Wire.",
        doc="d2",
        source="Sahel Wire",
        speaker="the mayor",
        date="2025-03-06",
    )
    earlier = _value(
        19,
        "On Tuesday officials had put the toll at 19.",
        doc="d2",
        source="Sahel Wire",
        speaker="officials",
        date="2025-03-06",
    )
    claim = _value(
        70,
        "The group said its fighters killed 70.",
        doc="d3",
        source="Group channel",
        speaker="group",
        date="2025-03-05",
    )
    summary = compare([current, earlier, claim])
    assert (earlier.role, current.role) == ("superseded", "update")
    assert summary["conflict"] and "19" not in summary["why"]


def test_an_earlier_figure_another_report_gives_stays_a_side():
    # the cue is in the other report: the ministry's 12 is no step of the outlet's own timeline
    outlet = _value(
        12,
        "Earlier reports said 12 people were killed in Mocimboa.",
        doc="d1",
        source="Pemba Online",
        speaker=None,
        date="2025-03-06",
    )
    ministry = _value(
        20, "The ministry said 20 were killed.", doc="d2", source="State radio", speaker="ministry", date="2025-03-06"
    )
    summary = compare([outlet, ministry])
    assert summary["conflict"] and outlet.role == "value"
