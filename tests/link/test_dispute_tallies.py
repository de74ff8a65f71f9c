"""A tally over a period is never an incident's figure (issue 16.2; events/periods.py): two outlets' reports
of one raid, one with a monitor's count since a year, another with a headline's bare plural, list no figures
dispute between the raid's toll and the tally ("six" against "more than 6,000"). Reports written for this test
(dates in their header lines)."""

from __future__ import annotations

import pytest

REPORTS = {
    "wire.txt": "date 2025-05-06\n\nRebels Kill Six In Raid On Village\n\nRebels killed six villagers in a raid "
    "on Kambale, in Beni territory, on Monday, local officials said. The rebellion has killed more than 6,000 "
    "people since 2014, according to a conflict monitor.\n",
    "local.txt": "date 2025-05-06\n\nVillagers Mourn After Rebel Raid\n\nSix people were killed when rebels "
    "stormed the village of Kambale in Beni territory on Monday night, residents said.\n",
}


@pytest.fixture(scope="module")
def listed(figure_disputes_of):
    return figure_disputes_of(REPORTS)


def test_a_tally_since_a_year_is_no_figure_of_the_raid(listed):
    items, shown = listed
    values = [v["text"] for d in items for v in d["values"]]
    assert not any("6,000" in t for t in values), shown
    assert not any(d["conflict"] for d in items), shown


# -- tallies as a measure of their own (link/disputes/tallies.py) -------------------------------------------

TALLIES = {
    "monitor.txt": "date 2025-02-03\n\nMonitor Counts Rebel Toll\n\nThe ADF has killed more than 3,000 civilians "
    "in Congo since 2019, a conflict monitor said on Monday.\n",
    "ministry.txt": "date 2025-02-10\n\nMinistry Rejects Monitor's Count\n\nCongo's interior ministry said the ADF "
    "has killed 900 civilians in Congo since 2019.\n",
}


@pytest.fixture(scope="module")
def tallies(figure_disputes_of):
    return figure_disputes_of(TALLIES)


def test_two_sources_tallies_over_one_period_that_cannot_both_be_true_are_a_dispute(tallies):
    items, shown = tallies
    found = [d for d in items if d["measure"] == "killed_cumulative"]
    assert len(found) == 1 and found[0]["conflict"], shown
    assert found[0]["label"].startswith("deaths over a period: "), found[0]["label"]
    assert sorted(v["value"] for v in found[0]["values"]) == [
        "900 civilians since 2019",
        "more than 3,000 civilians since 2019",
    ]
    assert "deaths over a period" in shown


def test_a_tally_joins_no_incident_dispute(tallies):
    items, shown = tallies
    assert all(d["measure"] == "killed_cumulative" for d in items), shown
