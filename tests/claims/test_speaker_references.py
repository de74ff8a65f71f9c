"""Speakers resolved within the document (claims/speakers.py): descriptions ("the ministry", "the
group", "the spokesman", "officials") and pronouns ("it") take the nearest compatible named speaker or
actor; fragments (a dateline, bullets, "We") are no speakers. Sentences written for this test."""

from __future__ import annotations

from claimgraph.claims import extract_claims
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.claims.speakers import referring_description, speaker_span
from claimgraph.clean import clean_document, load_rules
from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.model import Metadata, Source, new_document

EXTRACTOR = EntityExtractor.load()
LEX = load_lexicon("en")


def _speakers(text: str) -> list[tuple[str | None, str | None, str | None]]:
    doc = clean_document(new_document(Source("fixture.txt", "txt"), text, Metadata()), load_rules())
    doc = extract_claims(extract_entities(doc.replace(language="en"), EXTRACTOR), EXTRACTOR.ontology)
    return [(c.speaker_text, c.speaker_actor, c.speaker_name) for c in doc.claims if c.speaker_kind != "author"]


def test_the_ministry_is_the_ministry_named_before():
    speakers = _speakers(
        "Pakistan's Ministry of Interior said 9 suspects were held in Quetta on Sunday. "
        "The ministry said the men belonged to a banned outfit."
    )
    assert speakers[-1][:2] == ("The ministry", "pk-moi")


def test_the_group_is_the_armed_group_named_before_even_when_not_a_speaker():
    speakers = _speakers(
        "Al-Shabaab fighters stormed a police post in Baidoa on Tuesday night. "
        "The group said its men had seized weapons and two vehicles."
    )
    assert speakers[-1][:2] == ("The group", "al-shabaab")


def test_the_spokesman_is_the_spokesman_named_before():
    speakers = _speakers(
        "Zabihullah Mujahid, the Taliban spokesman, said the Torkham crossing was open. "
        "Traders said lorries were still waiting. The spokesman said on Monday that the queue had cleared."
    )
    assert speakers[-1][:2] == ("The spokesman", "zabihullah-mujahid")


def test_it_is_the_organisation_named_before():
    speakers = _speakers("The Taliban said 3 guards were wounded in Kunar. It said the attackers had fled.")
    assert speakers[-1][:2] == ("It", "taliban")


def test_a_description_without_a_compatible_antecedent_stays_unresolved():
    # "the spokesman" cannot be the ministry (an organisation), and no spokesman was named
    speakers = _speakers(
        "Pakistan's Ministry of Interior said 9 suspects were held in Quetta on Sunday. "
        "The spokesman said the men belonged to a banned outfit."
    )
    assert speakers[-1][1] is None


def test_fragments_are_no_speakers():
    text = "Monday, 3 March 2024 - The Kenyan police said 4 people died in Mandera."
    start = 0
    end = text.index(" said")
    assert text[slice(*speaker_span(text, start, end, LEX))] == "The Kenyan police"
    bullets = "- - The navy"
    assert bullets[slice(*speaker_span(bullets, 0, len(bullets), LEX))] == "The navy"
    assert speaker_span("We", 0, 2, LEX) is None
    assert speaker_span("Headline words\nthe army", 0, 23, LEX) == (15, 23)
    digits = "14 villagers"  # digits without a month or weekday are no date
    assert speaker_span(digits, 0, len(digits), LEX) == (0, len(digits))


def test_referring_descriptions():
    def ref(phrase):
        return referring_description(phrase, 0, len(phrase), LEX)

    assert ref("the ministry") == ("group", "ministry")
    assert ref("Officials") == ("group", "officials")
    assert ref("the spokesman") == ("person", "spokesman")
    assert ref("a spokesman") is None  # someone new
    assert ref("the Taliban") is None  # a name
    assert ref("The Interior Ministry") is None
