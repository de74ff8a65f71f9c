"""Who speaks and whom a statement is about where word order misleads (events/statement_parties.py): a nominal
accusation's accuser after "by", a denial's rejected author, a passive accusation, a party listed with the
speaker; and the fast lexicon's appeals. Sentences written for these tests, not taken from any measured set."""

from __future__ import annotations

import dataclasses

import pytest
from pipeline_events import event_of

from claimgraph.events.statement_parties import statement_parties
from claimgraph.model import Event, Mention


@pytest.fixture(scope="module")
def fast(fast_pipeline):
    return fast_pipeline


def parties(event):
    return event.actor1, event.actor2


def test_a_rejected_accusation_is_made_by_its_author_against_the_denier(fast):
    text = "Rwanda rejects accusations by Burundi that it trains rebels in the forests of South Kivu."
    assert parties(event_of(fast, text, "ACCUSE")) == ("burundi", "rwanda")
    assert parties(event_of(fast, text, "DENY")) == ("rwanda", "burundi")  # not the "by" phrase as the denier


def test_a_nominal_accusation_names_the_accused_after_against(fast):
    text = "Allegations by Hezbollah against the IDF have multiplied since the truce began."
    assert parties(event_of(fast, text, "ACCUSE")) == ("hezbollah", "idf")


def test_a_party_listed_with_the_accuser_is_no_target(fast):
    text = "Niger dismissed the accusations made by Mali and ECOWAS over the border raid."
    accuse = event_of(fast, text, "ACCUSE")
    assert accuse.actor1 == "mali" and accuse.actor2 != "ecowas"
    assert event_of(fast, text, "DENY").actor1 == "niger"


def test_a_passive_accusation_is_made_by_the_agent(fast):
    text = "The Kenya Defence Forces were accused by Somalia of shelling a village near Dhobley."
    assert parties(event_of(fast, text, "ACCUSE")) == ("somalia", "kdf")


def test_appeals_are_statements_in_fast_mode(fast):
    assert parties(event_of(fast, "The African Union urged the M23 to lay down its arms.", "APPEAL")) == (
        "african-union",
        "m23",
    )
    assert parties(event_of(fast, "Kenya calls on Ethiopia to reopen the border at Moyale.", "APPEAL")) == (
        "kenya",
        "ethiopia",
    )


def test_a_co_author_named_by_a_phrase_is_no_target(fast):
    text = "Statement by Kigali on the latest allegations by the DRC Government and MONUSCO."
    assert event_of(fast, text, "ACCUSE").actor2 != "monusco"


def _mention(text, words, actor_id):
    start = text.index(words)
    return Mention(start, start + len(words), words, "Organisation", actor_id=actor_id, actor_type="state")


def test_the_two_parties_of_a_reciprocal_statement_stay():
    # the learned roles give both parties of "A and B met"; the listed-speaker rule leaves them
    text = "Armenia and Azerbaijan met in Geneva for talks on the border."
    a, b = _mention(text, "Armenia", "armenia"), _mention(text, "Azerbaijan", "azerbaijan")
    start = text.index("met")
    event = Event(
        "d:e0",
        "MEET",
        "Statements",
        0,
        len(text),
        start,
        start + 3,
        "met",
        0.9,
        "armenia",
        "Armenia",
        "azerbaijan",
        "Azerbaijan",
    )
    assert statement_parties(event, text, [a, b]) == event
    accuse = dataclasses.replace(event, type="ACCUSE")  # a co-speaker of an accusation is no target
    assert statement_parties(accuse, text, [a, b]).actor2 is None


def test_a_party_blamed_in_a_joined_clause_is_not_denied(fast):
    text = "The ADF denied attacking the convoy and blamed the UPDF for the deaths."
    assert event_of(fast, text, "DENY").actor2 != "updf"
    assert parties(event_of(fast, text, "ACCUSE")) == ("adf", "updf")
