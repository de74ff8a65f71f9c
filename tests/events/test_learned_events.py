"""The accurate mode's learned event model on sentences written for this test (none from a corpus or
a dev set): headline, passive, participle, nominal and statement styles get their type and roles."""

import pytest

from claimgraph.events.features import in_vocabulary, vocabulary_stems
from claimgraph.events.learned import EventModel
from claimgraph.events.parse import WEIGHTS_SHA256, weights_digest, weights_dir
from claimgraph.model import Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings

pytest.importorskip("spacy", reason="the learned event model needs the `accurate` extra")


@pytest.fixture(scope="module")
def pipe(accurate_pipeline):
    return accurate_pipeline


def events(pipe, text):
    return [e for e in pipe(new_document(Source("t.txt", "txt"), text)).events if not e.negated and not e.modality]


def only(pipe, text, type_):
    found = [e for e in events(pipe, text) if e.type == type_]
    assert found, f"no {type_} in {text!r}: {[(e.type, e.trigger) for e in events(pipe, text)]}"
    return found[0]


def test_the_weights_are_the_pinned_ones():
    assert weights_digest(weights_dir()) == WEIGHTS_SHA256


def test_headline_present_tense(pipe):
    event = only(pipe, "Bandits kill eleven farmers in Katsina village raid\n", "ATTACK")
    assert event.actor1_text == "Bandits"
    assert "farmers" in event.actor2_text


def test_passive_victim_is_never_the_perpetrator(pipe):
    event = only(
        pipe, "Fourteen bus passengers were kidnapped by gunmen on the road to Kaduna on Saturday.", "ABDUCT_DISSAP"
    )
    assert event.actor1_text == "gunmen"
    assert "passengers" in event.actor2_text


def test_participle_headline(pipe):
    event = only(pipe, "Aid worker abducted near Goma\n", "ABDUCT_DISSAP")
    assert event.actor1_text is None
    assert "worker" in event.actor2_text


def test_nominal_mention(pipe):
    event = only(
        pipe, "The airstrike on a fuel depot outside Hodeidah destroyed two tankers, residents said.", "AIR_STRIKE"
    )
    assert event.trigger.lower().endswith("airstrike")


def test_statement_speaker_and_addressee(pipe):
    accuse = only(pipe, "Somalia's defence minister accused al-Shabaab of shelling the port on Monday.", "ACCUSE")
    assert "minister" in accuse.actor1_text
    assert "al-Shabaab" in accuse.actor2_text


def test_denial(pipe):
    event = only(pipe, "The Arakan Army denied that its fighters had burned the village.", "DENY")
    assert "Arakan Army" in event.actor1_text


def test_arrest_roles(pipe):
    event = only(pipe, "Philippine troops arrested three suspected bomb makers in Cotabato on Thursday.", "ARREST")
    assert event.actor1_text == "Philippine troops"
    assert "bomb makers" in event.actor2_text


def test_context_features_read_negation_modality_and_conditions():
    from claimgraph.events.features import trigger_features
    from claimgraph.events.parse import load_parser

    sdoc = load_parser()("If the rebels attack the town, the army will not retreat.")
    words = {t.lower_: t for t in sdoc}
    attack = trigger_features(words["attack"], {}, set())
    retreat = trigger_features(words["retreat"], {}, set())
    assert "conditional" in attack and "mark=if" in attack
    assert "neg" in retreat and "md=will" in retreat
    assert "conditional" not in retreat


def test_a_sure_sentence_head_lifts_only_a_word_of_its_own_type():
    import numpy as np

    from claimgraph.events.learned import is_event

    none = 0  # labels: NONE, ATTACK, ARREST
    sentence = np.array([0.05, 0.9, 0.05])
    doubtful = np.array([0.7, 0.25, 0.05])  # the token head: 30% an event
    assert is_event(doubtful, sentence, np.array([0.5, 0.45, 0.05]), none) == 1
    assert is_event(doubtful, sentence, np.array([0.5, 0.1, 0.4]), none) is None  # read as another type
    assert is_event(np.array([0.9, 0.08, 0.02]), sentence, np.array([0.6, 0.38, 0.02]), none) is None  # too weak
    unsure = np.array([0.5, 0.4, 0.1])
    assert is_event(doubtful, unsure, np.array([0.6, 0.35, 0.05]), none) is None
    assert is_event(np.array([0.3, 0.1, 0.6]), unsure, np.array([0.3, 0.2, 0.5]), none) == 2  # the token head's own


def test_ordinary_verbs_of_news_text_are_no_events(pipe):
    for text in (
        "The new police chief took charge of the Garissa command on Monday.",
        "Relief trucks entered the town of Kalemie on Friday after the bridge was repaired.",
        "The regional governor gave a speech at the opening of a clinic in Dori.",
    ):
        assert events(pipe, text) == [], text
    assert only(pipe, "Gunmen shot dead a village chief in Kaya on Sunday.", "ATTACK").confidence > 0.9


def test_all_capitals_wire_keeps_original_characters(pipe):
    # issue 14: an old wire in capitals is parsed truecased; roles point at the document's own characters
    text = "TWELVE VILLAGERS WERE KIDNAPPED BY ELN GUERRILLAS NEAR ARAUCA ON MONDAY, THE ARMY REPORTED.\n"
    event = only(pipe, text, "ABDUCT_DISSAP")
    assert "VILLAGERS" in event.actor2_text
    assert event.actor1_text is not None and "ELN" in event.actor1_text
    assert text[event.trigger_start : event.trigger_end] == event.trigger


def test_truecasing_can_be_turned_off():
    settings = Settings.defaults()
    assert settings.extract.truecase is True
    off = Pipeline.from_settings(settings.with_values({"extract.truecase": False}))
    doc = off(new_document(Source("t.txt", "txt"), "TWELVE VILLAGERS WERE KIDNAPPED BY ELN GUERRILLAS NEAR ARAUCA.\n"))
    assert all(doc.clean_text[e.trigger_start : e.trigger_end] == e.trigger for e in doc.events)


def test_claimant_named_in_another_sentence_is_the_perpetrator(pipe):
    text = (
        "Three soldiers were killed when a roadside bomb exploded near the garrison in Arauca on Sunday. "
        "The ELN claimed responsibility for the attack in a statement.\n"
    )
    event = only(pipe, text, "REM_EXPLOS")
    assert event.claimed
    assert event.actor1_text == "ELN"


def test_every_inflection_of_a_trigger_word_reaches_the_parser():
    """The corpus used only some forms of a trigger as triggers; a sentence whose only event word is
    another inflection of one ("killing", "kills") is still parsed."""
    stems = vocabulary_stems(["killed", "abducted"])
    assert in_vocabulary("killing", stems) and in_vocabulary("kills", stems) and in_vocabulary("abducts", stems)
    assert not in_vocabulary("talks", stems)
    model = EventModel.load(truecase=False)
    text = "Unknown men keep killing shepherds along the border."
    assert model.is_candidate(text, 0, len(text), [])


def test_agentless_passive_killing_is_an_event(pipe):
    event = only(pipe, "Seven herders were killed near Gao on Sunday, a local official said.\n", "ATTACK")
    assert "herders" in (event.actor2_text or "")


def test_killing_inside_an_accusation_is_an_event(pipe):
    text = "Fishermen accused the militia of killing nine of their colleagues on Lake Chad.\n"
    found = [e.type for e in events(pipe, text)]
    assert any(t in found for t in ("ATTACK", "ARMED_CLASH")), found


def test_the_accused_is_the_perpetrator_of_the_event_inside_an_accusation(pipe):
    text = "Fishermen accused the militia of killing nine of their colleagues on Lake Chad.\n"
    found = [e for e in events(pipe, text) if e.type in ("ATTACK", "ARMED_CLASH")]
    assert found and "militia" in (found[0].actor1_text or ""), [(e.type, e.actor1_text) for e in found]
