"""An event's tolls are disputed per victim side (issue 16.2): the attackers killed ("more than 50 militants
neutralised", a group's own "two of our fighters") are never values of the soldiers' or the civilians' toll,
and a total joins the victims' side; and a later figure whose report names the count it rose from, or an
outlet's own risen toll, is an update of that count, not a dispute. Synthetic values written for this test
(Niger, Mozambique, Colombia, Somalia)."""

from __future__ import annotations

from claimgraph.link.disputes import _tolls
from claimgraph.link.disputes.figures import compare, victim_sides


def _value(number, group, *, source, date="2026-05-02", text="", speaker=None, official=False, high=None):
    from claimgraph.link.disputes.values import Value

    return Value(
        block="c:ambush",
        label="ambush in Tillaberi, 2026-05-01",
        measure="killed",
        group=group,
        doc_id=source,
        source=source,
        value=str(number),
        low=float(number),
        high=float(number) if high is None else high,
        qualifier="exact",
        speaker=speaker or source,
        official=official,
        cue="said",
        text=text or f"{number} were killed.",
        date=date,
        firmness=0.7,
    )


def _no_actor(group):
    return None


def test_attackers_killed_are_a_dispute_of_their_own():
    values = [
        _value(6, None, source="Ministry statement", official=True),
        _value(61, "militants", source="Ministry statement", official=True),
        _value(2, "militants", source="Group channel"),
        _value(41, "soldiers", source="Niamey Daily"),
    ]
    found = _tolls(values)
    assert len(found) == 2
    victims = found[("c:ambush", "killed")]
    attackers = found[("c:ambush", "killed", "militants")]
    assert {v.value for v in victims[0]} == {"6", "41"} and victims[1]["conflict"]
    assert {v.value for v in attackers[0]} == {"61", "2"} and attackers[1]["conflict"]
    assert all(v.label.endswith("(militants and attackers)") for v in attackers[0])


def test_a_total_joins_the_victims_side_most_values_count():
    values = [
        _value(12, None, source="A"),
        _value(9, "civilians", source="B"),
        _value(14, "civilians", source="C"),
        _value(3, "soldiers", source="D"),
        _value(20, "militants", source="E"),
    ]
    sides = victim_sides(values, _no_actor)
    assert {side: sorted(v.value for v in vs) for side, vs in sides.items()} == {
        "civilians": ["12", "14", "9"],
        "forces": ["3"],
        "militants": ["20"],
    }


def test_a_raid_counting_only_militants_keeps_its_totals_with_them():
    sides = victim_sides([_value(8, None, source="A"), _value(11, "militants", source="B")], _no_actor)
    assert list(sides) == ["militants"] and len(sides["militants"]) == 2


def test_an_armed_groups_fighters_are_militants_and_a_states_force_is_forces():
    kinds = {"al-shabaab": "armed_group", "so-sna": "state_organ"}
    sides = victim_sides(
        [_value(5, "al-shabaab", source="A"), _value(4, "so-sna", source="B"), _value(2, "kenyan", source="C")],
        kinds.get,
    )
    assert {side: [v.value for v in vs] for side, vs in sides.items()} == {
        "militants": ["5"],
        "forces": ["4"],
        "civilians": ["2"],
    }


def test_a_later_report_naming_the_count_it_rose_from_is_an_update():
    first = _value(15, None, source="Coastal Wire", date="2026-05-01", speaker="two security sources")
    later = _value(
        27,
        None,
        source="Coastal Wire",
        date="2026-05-02",
        speaker="security sources",
        text="The toll from the ambush has risen to 27, up from 15 reported on Friday, security sources said.",
    )
    summary = compare([first, later])
    assert summary["updates"] == 1 and not summary["conflict"]
    assert (first.role, later.role) == ("superseded", "update")


def test_an_outlets_own_risen_toll_from_other_unnamed_sources_is_an_update():
    first = _value(9, None, source="Cabo Delgado Post", date="2026-05-01", speaker="a local official")
    later = _value(
        19,
        None,
        source="Cabo Delgado Post",
        date="2026-05-02",
        speaker="residents",
        text="The death toll in the Mocimboa attack rises to 19, residents say",
    )
    assert compare([first, later])["updates"] == 1


def test_two_outlets_without_a_named_earlier_count_still_conflict():
    first = _value(15, None, source="Cauca Hoy", date="2026-05-01")
    text = "At least 27 were killed, residents said."
    later = _value(27, None, source="Radio Pacifico", date="2026-05-02", text=text)
    assert compare([first, later])["conflict"]


def test_a_named_earlier_count_that_is_not_the_others_value_updates_nothing():
    first = _value(15, None, source="Cauca Hoy", date="2026-05-01")
    later = _value(
        27, None, source="Radio Pacifico", date="2026-05-02", text="The toll rose to 27, up from 20 on Friday."
    )
    assert compare([first, later])["conflict"]


def test_an_outlets_compatible_first_count_and_its_told_rise_are_a_timeline():
    first = _value(15, None, source="Coastal Wire", date="2026-05-01", high=float("inf"))
    later = _value(
        27, None, source="Coastal Wire", date="2026-05-02", text="Toll in the ambush rises to 27, sources say"
    )
    summary = compare([first, later])
    assert (first.role, later.role) == ("superseded", "update") and not summary["conflict"]


def test_another_outlets_compatible_later_count_is_a_timeline_only_when_told_as_a_rise():
    # session 15 (updrule): another outlet's words of revision ("rises to") make its later count a revision of
    # the first (before: only the same outlet's); without them the two are two accounts
    first = _value(15, None, source="Coastal Wire", date="2026-05-01", high=float("inf"))
    later = _value(27, None, source="Radio Pacifico", date="2026-05-02", text="Toll in the ambush rises to 27")
    compare([first, later])
    assert (first.role, later.role) == ("superseded", "update")
    first = _value(15, None, source="Coastal Wire", date="2026-05-01", high=float("inf"))
    later = _value(27, None, source="Radio Pacifico", date="2026-05-02", text="27 were killed in the ambush")
    compare([first, later])
    assert (first.role, later.role) == ("value", "value")
