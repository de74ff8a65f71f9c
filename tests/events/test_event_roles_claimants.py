"""The accurate mode's claimant step: a violent event without a named perpetrator takes the named claimant of
its claim of responsibility; a description of the speaker ("a spokesman") is no claimant."""

import pytest

from claimgraph.events.learned_stage import claimants_as_actor1
from claimgraph.model import Event


def _event(id_, type_, event_type, actor1_text=None, claims_event=None):
    return Event(
        id=id_,
        type=type_,
        event_type=event_type,
        sentence_start=0,
        sentence_end=10,
        trigger_start=0,
        trigger_end=5,
        trigger="x",
        confidence=0.9,
        actor1_text=actor1_text,
        claims_event=claims_event,
    )


def _named(text: str) -> bool:
    return any(w[:1].isupper() for w in text.split())


def test_a_pronoun_perpetrator_gives_way_to_the_named_claimant():
    attack = _event("d:e0", "ATTACK", "Violence against civilians", actor1_text="they")
    claim = _event("d:e1", "ATTRIB", "Strategic developments", actor1_text="the Ansar Dine", claims_event="d:e0")
    out = claimants_as_actor1([attack, claim], _named)
    assert out[0].actor1_text == "Ansar Dine"


def test_a_described_speaker_is_no_claimant():
    attack = _event("d:e0", "REM_EXPLOS", "Explosions/Remote violence")
    claim = _event("d:e1", "ATTRIB", "Strategic developments", actor1_text="a spokesman", claims_event="d:e0")
    out = claimants_as_actor1([attack, claim], _named)
    assert out[0].actor1_text is None


def test_a_named_perpetrator_stays():
    attack = _event("d:e0", "ATTACK", "Violence against civilians", actor1_text="Kata'ib Hezbollah")
    claim = _event("d:e1", "ATTRIB", "Strategic developments", actor1_text="Saraya Awliya al-Dam", claims_event="d:e0")
    out = claimants_as_actor1([attack, claim], _named)
    assert out[0].actor1_text == "Kata'ib Hezbollah"


def test_a_claimant_is_a_noun_phrase():
    """In a wire in capitals the speaker can be a run of capitalised words across a clause: no claimant."""
    pytest.importorskip("spacy", reason="the parser is the `accurate` extra")
    from claimgraph.events.learned import EventModel
    from claimgraph.events.learned_stage import name_test

    is_name = name_test(EventModel.load())
    assert not is_name("CONFIRMED GARCIA ORDERED THE")
    assert is_name("THE MANUEL RODRIGUEZ PATRIOTIC FRONT")
    assert is_name("the Ansar Dine")
    assert not is_name("a spokesman")
