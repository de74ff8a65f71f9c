"""Background sentences are no incidents (events/background.py, data/events/background.yaml; issue 14): a question,
and a kind of act as its clause's subject (no determiner pointing at one act) whose predicate is a norm, an
evaluation, a trend, a habit or only possible. The same subjects with a predicate that reports an act stay
incidents. Sentences written for these tests (not from the background set's dev split, nor any measured text)."""

from __future__ import annotations

import pytest
from pipeline_events import events_of

from claimgraph.events.background import Background
from claimgraph.events.taxonomy import STATEMENTS

BACKGROUND = [
    ("Attacks on polling stations are a serious threat to the vote, the commission said.", "generic"),
    ("Such bombings must never be repeated.", "generic"),
    ("Shelling of grain silos constitutes a violation of the truce.", "generic"),
    ("Cross-border shelling has escalated along the frontier with Chad.", "generic"),
    ("Attacks on convoys continue to disrupt traffic on the road to Djibo.", "generic"),
    ("Kidnappings of aid workers happen every month in the region.", "generic"),
    ("Who carried out the bombing of the refugee camp near Beni?", "hypothetical"),
    ("Fresh clashes could erupt around Tripoli if the talks fail.", "hypothetical"),
    ("If the army advances, heavy fighting will break out in the old city.", "hypothetical"),
]
INCIDENTS = [
    "Attacks on polling stations killed four election workers in Kasai on Sunday.",
    "Such bombings were carried out in Mosul on Friday, killing 11 people.",
    "Cross-border raids by gunmen killed six villagers near Maradi on Monday night.",
    "Clashes are ongoing in the centre of Khartoum, residents said.",
    "The strike may have killed as many as 20 fighters, the monitor said.",
    "Drone strikes kill seven in Idlib",
]


@pytest.mark.parametrize(("text", "kind"), BACKGROUND)
def test_a_background_sentence_gets_its_modality(text, kind):
    from claimgraph.events.detect import find_triggers

    background = Background.load()
    kinds = {background.modality(text, 0, len(text), t.start, t.end) for t in find_triggers(text)}
    assert kind in kinds, (text, kinds)


@pytest.mark.parametrize("text", INCIDENTS)
def test_the_same_subjects_reporting_an_act_keep_no_modality(text):
    from claimgraph.events.detect import find_triggers

    background = Background.load()
    found = find_triggers(text)
    assert found and not any(background.modality(text, 0, len(text), t.start, t.end) for t in found), text


def _listed(pipe, text):
    return [e for e in events_of(pipe, text) if e.modality is None and e.event_type != STATEMENTS]


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_both_modes_list_no_event_for_background_and_one_for_an_incident(mode, fast_pipeline, accurate_pipeline):
    pipe = fast_pipeline if mode == "fast" else accurate_pipeline
    for text in ("Is Ethiopia worried about the fighting in Amhara?", "Attacks on clinics are war crimes."):
        assert not _listed(pipe, text), (mode, text)
    assert _listed(pipe, "Airstrikes killed 14 people at a market in Sanaa on Tuesday, medics said.")


def test_a_question_asks_all_of_a_sentence_it_opens_and_only_its_last_clause_otherwise():
    from claimgraph.events.detect import find_triggers

    background = Background.load()

    def kinds(text):
        return {t.text: background.modality(text, 0, len(text), t.start, t.end) for t in find_triggers(text)}

    assert set(kinds("Why were the airstrikes on Gao not stopped?").values()) == {"hypothetical"}
    found = kinds("Rebels launched rockets at the airport in Goma, intercepted?")
    assert found.pop("intercepted") == "hypothetical" and set(found.values()) == {None}  # the launch is told
