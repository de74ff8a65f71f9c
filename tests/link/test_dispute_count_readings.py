"""Counts read as the wrong measure make false figure disputes (issues 14.4, 16.2; figures.counts): a death
toll of a force's members is no strength set against the group's size, and a step on a toll ("two more
soldiers died") is no rival toll. Reports written for this test (Somalia, Mali), none from a trial corpus."""

from __future__ import annotations

import pytest

REPORTS = {
    "panel.txt": "date 2025-03-02\n\nPanel on al-Shabaab\n\nAl-Shabaab has some 7,000 fighters in southern Somalia, "
    "a UN panel of experts said on Sunday.\n",
    "army.txt": "date 2025-03-04\n\nClashes near Jilib\n\nThe army said 40 al-Shabaab fighters were killed and 12 "
    "members of the security forces sacrificed their lives in clashes near Jilib on Monday.\n",
    "wire1.txt": "date 2025-05-10\n\nSoldiers killed in ambush near Kidal\n\nFive soldiers were killed when gunmen "
    "ambushed an army patrol near Kidal on Friday, the army said.\n",
    "wire2.txt": "date 2025-05-12\n\nToll rises after Kidal ambush\n\nTwo more soldiers died of their wounds on "
    "Sunday after gunmen ambushed an army patrol near Kidal on Friday, a military source said.\n",
}


@pytest.fixture(scope="module")
def listed(figure_disputes_of):
    return figure_disputes_of(REPORTS)


def test_a_death_toll_of_members_is_no_strength_against_the_groups_size(listed):
    items, shown = listed
    strengths = [v["value"] for d in items if d["measure"] == "strength" for v in d["values"]]
    assert not any("12" in v for v in strengths), shown


def test_a_step_on_a_toll_is_no_rival_toll(listed):
    items, shown = listed
    kidal = [d for d in items if d["measure"] == "killed" and d["conflict"]]
    assert not any("Two more" in v["value"] or v["value"].startswith("2") for d in kidal for v in d["values"]), shown
