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
