"""A speaker must be a source (claims/speaker_sources.py, issue 15.3): a heading, a negated subject, an event
or a figure names no one, a bare quantifier is someone unnamed, an unresolved pronoun falls back to the
document's voice, a singular pronoun takes the mention it refers to. Sentences written for this test, through
the entity stage and the claim stage: the rules (fast mode) and, where spaCy is installed, the learned model."""

from __future__ import annotations

import pytest

from claimgraph.claims import extract_claims
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.claims.speaker_sources import NONE, SOURCE, UNNAMED, source_verdict
from claimgraph.clean import clean_document, load_rules
from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.model import Metadata, Source, new_document

EXTRACTOR = EntityExtractor.load()


def _doc(text: str, attribution=None, author: str | None = None):
    doc = clean_document(new_document(Source("fixture.txt", "txt"), text, Metadata(author=author)), load_rules())
    return extract_claims(extract_entities(doc, EXTRACTOR), EXTRACTOR.ontology, attribution=attribution)


def _speakers(doc) -> list[str | None]:
    return [c.speaker_text for c in doc.claims if c.speaker_kind != "author"]


@pytest.mark.parametrize(
    "text",
    [
        "Worth recalling: the rebels have lost two towns in Ituri since May.",  # a heading before a colon
        "No militia has claimed the killings in Ituri.",  # a negated subject
        "The bombardment of Marib showed that the front is moving south.",  # an event
        "Nobody has confirmed the figure of 300 dead given by the rebels.",
    ],
)
def test_no_one_speaks(text):
    doc = _doc(text)
    assert not [s for s in _speakers(doc) if s], [(c.speaker_text, c.cue) for c in doc.claims]


def test_a_figure_is_no_speaker_and_the_real_one_is_kept():
    doc = _doc("The toll rose to 40, up from 22 announced on Sunday, medics in Gedaref said.")
    assert [s for s in _speakers(doc) if s] == ["medics in Gedaref"]


def test_an_unresolved_pronoun_falls_back_to_the_documents_voice():
    doc = _doc("They said the bridge at Kakhovka was destroyed.", author="Dnipro Daily")
    [claim] = doc.claims
    assert claim.speaker_text is None and claim.speaker_start is None and claim.speaker_kind == "unknown"
    assert claim.cue == "said" and claim.status == "reported"  # still a report, of no one named


def test_it_takes_the_organisation_its_sentence_names():
    doc = _doc("Myanmar's military denied the massacre in Sagaing even as it claimed that rebels burned the village.")
    pronoun = next(c for c in doc.claims if c.speaker_text == "it")
    assert pronoun.speaker_actor == "tatmadaw"


def _verdict(text: str, speaker: str, colon: bool = False) -> str:
    doc = _doc(text)
    start = doc.clean_text.index(speaker)
    return source_verdict(doc, start, start + len(speaker), load_lexicon("en"), before_colon=colon)


def test_the_head_noun_decides():
    assert _verdict("Several said the checkpoint was abandoned.", "Several") == UNNAMED
    assert _verdict("Protesters said the police fired first.", "Protesters") == SOURCE  # a bare plural: people
    assert _verdict("The UN report says the militia got arms from abroad.", "The UN report") == SOURCE
    assert _verdict("The fighting in Goma suggests the rebels are stronger.", "The fighting in Goma") == NONE
    assert _verdict("Police: two suspects held after the Kampala blast", "Police", colon=True) == SOURCE
    assert _verdict("Bottom line: the convoy never reached Kidal.", "Bottom line", colon=True) == NONE
    assert _verdict("Kenya said the attackers came from Somalia.", "Kenya") == SOURCE  # a state speaks


@pytest.fixture(scope="module")
def learned():
    pytest.importorskip("spacy", reason="the learned attribution reads the spaCy parse (the events extra)")
    from claimgraph.claims.attribution_model import AttributionModel, LearnedAttribution
    from claimgraph.events.parse import ParserMissing, SentenceParses, load_parser

    try:
        return LearnedAttribution(AttributionModel.load(), SentenceParses(load_parser()))
    except ParserMissing:  # pragma: no cover - the events extra without its weights
        pytest.skip("the pinned parser weights are not installed")


@pytest.mark.parametrize(
    "text",
    [
        "3/ Worth noting: the army has not published a toll since March.",
        "Many believe the militia was armed from across the border.",
        "The explosion that hit the market confirmed fears of a new offensive.",
    ],
)
def test_no_one_speaks_in_accurate_mode(learned, text):
    doc = _doc(text, attribution=learned)
    assert not [s for s in _speakers(doc) if s], [(c.speaker_text, c.cue) for c in doc.claims]


def test_a_name_news_text_does_not_know_stays_a_speaker():
    # a rare surname opening the sentence, which the tagger may miss, is no common word: still a speaker
    assert _verdict("Tiendrebeogo said the convoy left Djibo at dawn.", "Tiendrebeogo") == SOURCE
    assert _verdict("Remember: the road to Djibo has been cut since 2023.", "Remember", colon=True) == NONE
