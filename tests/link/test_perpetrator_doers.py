"""Which events give a perpetrator value (issue 16.2, link/disputes/perpetrators.py ``gives_doer``): a
violent act's doer, and an accusation tied to the act gives its accused, never the accuser; a state
reporting a toll and a place the tagger read as a doer give none. Sentences written for this test, fast
mode (the rule path)."""

from __future__ import annotations

import dataclasses

import pytest

from claimgraph.link.disputes.perpetrators import gives_doer, perpetrator_key
from claimgraph.model import Metadata, Source, new_document


@pytest.fixture(scope="module")
def pipe(fast_pipeline):
    return fast_pipeline


def _doers(pipe, text: str) -> set[str]:
    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
    rows = [dataclasses.asdict(e) | {"event_id": e.id} for e in doc.events]
    return {k for e in rows if (k := gives_doer(e, rows)) is not None}


@pytest.mark.parametrize(
    ("text", "doers"),
    [
        # the accused, not the accuser; the act in the sentence after the accusation's verb
        (
            "The regional prefect blamed a trafficking network for the ambush on the fuel convoy near Kidal.",
            {"text:trafficking network"},
        ),
        # the act told in the sentence before, pointed at by "for the attack"
        (
            "Armed men burned a school in Ituri on Friday. The governor blamed a local militia for the attack.",
            {"text:local militia"},
        ),
        # a state reporting a toll is no doer of the act
        ("Somalia raises toll from hotel siege to 22", set()),
    ],
)
def test_a_value_is_the_doer(pipe, text, doers):
    got = _doers(pipe, text)
    # the accused as the events stage bounds its phrase ("network" or "trafficking network")
    assert {g.replace(":", " ").split()[-1] for g in got} == {d.replace(":", " ").split()[-1] for d in doers}, got


def test_a_place_read_as_a_doer_is_no_value():
    assert perpetrator_key(None, "Macomia") is None
    assert perpetrator_key(None, "Lakurawa") == "text:lakurawa"  # a group the ontology lacks stays one
    assert perpetrator_key(None, "Kabul police") == "text:kabul police"
