"""A violent act's first actor is never a party whose own losses the sentence tells, nor a news outlet reporting
it (issue 14 slots, perpjunk; events/participants.py). Sentences written for this test."""

from __future__ import annotations

import pytest

from claimgraph.events.participants import not_doers
from claimgraph.events.slots import VIOLENT_GROUPS
from claimgraph.model import Event, Mention, Metadata, Source, new_document


def _event(text: str, actor1: str | None, actor1_text: str, trigger: str) -> Event:
    at = text.index(trigger)
    return Event("d:e0", "ATTACK", "Battles", 0, len(text), at, at + len(trigger), trigger, 1.0,
                 actor1=actor1, actor1_text=actor1_text)  # fmt: skip


def test_a_party_that_lost_fighters_is_not_the_doer():
    text = "During the clashes the FDLR lost six fighters near Nyiragongo."
    got = not_doers(_event(text, "fdlr", "FDLR", "clashes"), text, [])
    assert (got.actor1, got.actor2) == (None, "fdlr")
    text = "During the clashes the MRC/FDLR lost six fighters near Nyiragongo."  # words cut short inside a name
    got = not_doers(_event(text, None, "MRC", "clashes"), text, [])
    assert (got.actor1_text, got.actor2_text) == (None, "MRC")


def test_a_groups_outlet_gives_way_to_the_group_and_a_news_agency_to_no_one():
    text = "Amaq said the attack on the barracks killed 20 soldiers."
    amaq = Mention(0, 4, "Amaq", "Organisation", actor_id="amaq", actor_type="media")
    assert not_doers(_event(text, "amaq", "Amaq", "attack"), text, [amaq]).actor1 == "islamic-state"
    text = "Reuters said the attack on the barracks killed 20 soldiers."
    reuters = Mention(0, 7, "Reuters", "Organisation", actor_id="reuters", actor_type="media")
    assert not_doers(_event(text, "reuters", "Reuters", "attack"), text, [reuters]).actor1 is None


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_the_pipeline_reads_no_loser_as_the_doer(request, mode):
    pipe = request.getfixturevalue(f"{mode}_pipeline")
    text = "In the fighting near Kalehe the FDLR lost six fighters, a local administrator said."
    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
    assert not any(e.actor1 == "fdlr" for e in doc.events if e.event_type in VIOLENT_GROUPS)
