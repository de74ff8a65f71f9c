"""The issue's "done when": the seeds' events with the right types and slots.

Runs the per-document stages as the pipeline does (entities, when that stage is in, then events).
"""

import pytest

from claimgraph.runner import extract


@pytest.fixture(scope="module")
def seed_events(seed_news_path, seed_thread_path):
    docs = [d for d in extract([str(seed_news_path), str(seed_thread_path)]) if hasattr(d, "events")]
    assert len(docs) == 2
    return {d.source.path: d for d in docs}


def events_of(doc, type_):
    return [e for e in doc.events if e.type == type_]


def test_killings_of_iskp_commanders(seed_events, seed_news_path, seed_thread_path):
    for path in (seed_news_path, seed_thread_path):
        clashes = [e for e in events_of(seed_events[str(path)], "ARMED_CLASH") if e.actor2 == "iskp"]
        assert clashes, path
        assert all(e.actor1 == "taliban" for e in clashes)
    news = seed_events[str(seed_news_path)]
    assert any("commanders" in e.trigger for e in events_of(news, "ARMED_CLASH"))


def test_persistent_iskp_attacks_unclaimed(seed_events, seed_news_path):
    attacks = events_of(seed_events[str(seed_news_path)], "ATTACK")
    assert any(e.actor1 == "iskp" for e in attacks)  # "Recent ISKP attacks"
    unclaimed = [e for e in attacks if e.claimed is False]
    assert len(unclaimed) == 1 and unclaimed[0].trigger == "Attacks"  # "Attacks with unclaimed responsibility"


def test_drone_strike_on_zawahiri_in_kabul(seed_events, seed_thread_path):
    doc = seed_events[str(seed_thread_path)]
    [strike] = events_of(doc, "AIR_STRIKE")
    assert strike.trigger == "drone strike" and strike.event_type == "Explosions/Remote violence"
    assert strike.actor2 == "ayman-al-zawahiri"
    assert strike.location == "Kabul" and strike.country == "AF" and strike.lat and strike.lon
    assert strike.weapon == "drone"
    assert strike.confidence < 0.95  # "reports of": hedged
    # the raw twin points at the same characters in the original file
    raw = doc.to_dict()["events"][doc.events.index(strike)]
    assert doc.raw_text[raw["raw_trigger_start"] : raw["raw_trigger_end"]] == "drone strike"


def test_eight_weeks_without_claims(seed_events, seed_thread_path):
    [attrib] = events_of(seed_events[str(seed_thread_path)], "ATTRIB")
    assert attrib.negated and attrib.actor1 == "iskp" and attrib.claims_event is None
    assert (attrib.date_text, attrib.date_precision) == ("over the past eight weeks", "range")


def test_doha_agreement(seed_events, seed_news_path, seed_thread_path):
    thread = events_of(seed_events[str(seed_thread_path)], "AGREEMENT")
    assert any(e.actor1 == "united-states" and e.actor2 == "taliban" and e.location == "Doha" for e in thread)
    news = events_of(seed_events[str(seed_news_path)], "AGREEMENT")
    assert any(e.trigger == "Accord" and e.actor1 == "taliban" for e in news)


def test_taliban_denial_is_a_statement_event(seed_events, seed_thread_path):
    denials = events_of(seed_events[str(seed_thread_path)], "DENY")
    assert any(e.actor1 == "taliban" and e.event_type == "Statements" for e in denials)
