"""Who speaks and whom a statement is about where word order misleads (events/statement_parties.py): a nominal
accusation's accuser after "by", a denial's rejected author, a passive accusation, a party listed with the
speaker; and the fast lexicon's appeals. Sentences written for these tests, not taken from any measured set."""

from __future__ import annotations

import pytest
from pipeline_events import event_of

from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings


@pytest.fixture(scope="module")
def fast():
    return Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}))


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
