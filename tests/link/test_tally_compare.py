"""How tallies over a period are compared (link/disputes/tallies.py): one scope over one period conflicts on
disjoint intervals; a part (a shorter period, one doer, one victim group) may be smaller than its whole, never
larger; a later, larger tally of the same body over a longer period is an update; other groups, doers and
periods that only overlap count different things. Values written for this test."""

from __future__ import annotations

from claimgraph.link.disputes.tallies import compare_tallies
from claimgraph.link.disputes.values import INF, Value


def _tally(source, low, high, start, end, *, precision="year", doer=None, group=None, speaker=None, cue="said"):
    return Value(
        block="t:killed_cumulative|XX|2025",
        label="X, 2025",
        measure="killed_cumulative",
        group=group,
        doc_id=source,
        source=source,
        value=f"{low}",
        low=float(low),
        high=INF if high is None else float(high),
        qualifier="|".join(("exact", start or "", end, precision, doer or "")),
        speaker=speaker or source,
        cue=cue,
        date=end,
        firmness=1.0,
    )


def test_one_period_and_disjoint_counts_conflict():
    a = _tally("monitor", 3001, None, "2019-01-01", "2025-02-03")
    b = _tally("ministry", 900, 900, "2019-01-01", "2025-02-10")
    assert compare_tallies([a, b], 31)["conflict"]


def test_overlapping_counts_agree():
    a = _tally("monitor", 3001, None, "2019-01-01", "2025-02-03")
    b = _tally("ministry", 2700, 3300, "2019-01-01", "2025-02-10")
    assert not compare_tallies([a, b], 31)["conflict"]


def test_a_later_count_over_a_longer_period_may_be_larger_but_a_shorter_period_never_more():
    earlier = _tally("ngo", 400, 400, "2025-01-01", "2025-03-01")
    later = _tally("un", 1200, 1200, "2025-01-01", "2025-09-01")
    assert not compare_tallies([earlier, later], 31)["conflict"]
    since_2022 = _tally("government", 36, 44, "2022-01-01", "2025-07-15")
    this_year = _tally("security source", 71, None, "2025-01-01", "2025-07-17")
    assert compare_tallies([since_2022, this_year], 31)["conflict"]


def test_the_same_body_raising_its_count_later_is_an_update():
    a = _tally("tracker", 1080, 1320, "2025-01-01", "2025-06-05")
    b = _tally("tracker", 1890, 2310, "2025-01-01", "2025-10-09")
    summary = compare_tallies([a, b], 31)
    assert not summary["conflict"] and summary["updates"] == 1
    assert {a.role, b.role} == {"superseded", "update"}


def test_other_victim_groups_and_other_doers_count_other_things():
    soldiers = _tally("army", 120, 120, "2025-01-01", "2025-07-08", group="soldiers")
    civilians = _tally("rights group", 700, 700, "2025-01-01", "2025-07-10", group="civilians")
    assert not compare_tallies([soldiers, civilians], 31)["conflict"]
    by_rebels = _tally("governor", 500, 500, "2025-01-01", "2025-04-03", doer="boko-haram")
    by_jets = _tally("amnesty", 60, 60, "2025-01-01", "2025-04-05", doer="ng-air-force", group="civilians")
    assert not compare_tallies([by_rebels, by_jets], 31)["conflict"]


def test_one_doer_s_count_above_every_doer_s_count_conflicts():
    one = _tally("monitor", 1001, None, "2025-01-01", "2025-11-12", doer="tatmadaw", group="civilians")
    every = _tally("military", 0, 99, "2025-01-01", "2025-11-15", group="civilians")
    assert compare_tallies([one, every], 31)["conflict"]
    below = _tally("military", 2000, 2000, "2025-01-01", "2025-11-15", group="civilians")
    assert not compare_tallies(
        [_tally("monitor", 1001, None, "2025-01-01", "2025-11-12", doer="tatmadaw", group="civilians"), below], 31
    )["conflict"]


def test_one_voice_never_disputes_itself():
    a = _tally("outlet", 3001, None, "2019-01-01", "2025-02-03", speaker="the monitor")
    b = _tally("outlet", 900, 900, "2019-01-01", "2025-02-03", speaker="the monitor")
    assert not compare_tallies([a, b], 31)["conflict"]


def test_an_armed_groups_own_tally_counts_its_own_kills():
    from claimgraph.link.disputes.tallies import _doer

    own = {"modality": "cumulative", "actor1": None, "speaker_actor": "boko-haram", "speaker_actor_type": "armed_group"}
    assert _doer(own) == "boko-haram"
    assert _doer({**own, "actor1": "iswap"}) == "iswap"  # the event's doer first
    assert _doer({**own, "speaker_actor": "un", "speaker_actor_type": "igo"}) is None  # a monitor counts every doer
