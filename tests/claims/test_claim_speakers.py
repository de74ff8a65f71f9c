"""Speakers through the entity stage: relative clauses, surnames, pronouns (resolved or left
unresolved), and documents in languages the claim stage has no lexicons for."""

from __future__ import annotations

import pytest

from claimgraph.claims import extract_claims
from claimgraph.claims.extract import claim_language, unread_languages
from claimgraph.claims.lexicon import load_lexicon, supported_languages
from claimgraph.clean import clean_document, load_rules
from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.model import Metadata, Source, new_document
from claimgraph.runner import DocumentSummary

EXTRACTOR = EntityExtractor.load()  # the entity stage's resources, loaded once as a pipeline does


def _claims(text: str, language: str = "en"):
    doc = clean_document(new_document(Source("fixture.txt", "txt"), text, Metadata()), load_rules())
    doc = extract_claims(extract_entities(doc.replace(language=language), EXTRACTOR), EXTRACTOR.ontology)
    return doc, {
        doc.clean_text[c.speaker_start : c.speaker_end] + "/" + c.cue: c
        for c in doc.claims
        if c.speaker_start is not None
    }


def test_a_place_in_a_relative_clause_is_not_the_speaker():
    _, claims = _claims("A shopkeeper who sells fuel near the Pakistan border said prices had doubled in a week.")
    [claim] = claims.values()
    assert claim.speaker_text == "A shopkeeper who sells fuel near the Pakistan border"
    assert claim.speaker_head == "shopkeeper"
    assert claim.speaker_actor is None  # not Pakistan: the state is only where the shopkeeper works


def test_a_surname_speaker_gets_the_person_named_before():
    _, claims = _claims(
        "Marat Imankulov, the Secretary of the Security Council of Kyrgyzstan, spoke in Bishkek. "
        "Imankulov said 7,000 fighters were gathering in the north.\n\n"
        "Farid Ahmadzai, a tribal elder from Surkh Rod, spoke to reporters in Jalalabad. "
        "Ahmadzai said 17 people had been buried on Saturday."
    )
    linked = claims["Imankulov/said"]
    assert linked.speaker_actor == "marat-imankulov" and linked.speaker_name == "Marat Imankulov"
    unlinked = claims["Ahmadzai/said"]  # not in the ontology: the full name from the text
    assert unlinked.speaker_actor is None and unlinked.speaker_name == "Farid Ahmadzai"


def test_pronouns_resolve_to_the_last_compatible_speaker():
    _, claims = _claims(
        "Imankulov said 7,000 fighters were in the north. He said the border had been closed.\n\n"
        "The Taliban said the reports were false. They added that nobody had been hurt.\n\n"
        "A tribal elder from Surkh Rod, reached by telephone, said he had attended 17 funerals. "
        "“We counted the graves ourselves,” he said."
    )
    assert claims["He/said"].speaker_actor == "marat-imankulov"
    assert claims["They/added"].speaker_actor == "taliban"
    elder = claims["he/said"]
    assert elder.speaker_actor is None and elder.speaker_name == "A tribal elder from Surkh Rod"


def test_an_ambiguous_pronoun_stays_unresolved():
    doc, claims = _claims(
        "Imankulov said that Zabihullah Mujahid had resigned from the council. "
        "He added that the vote would go ahead on Friday.\n\n"
        "The ministry said the attack had killed 12 people. He said the border was closed."
    )
    # an unresolved pronoun names no one: the claim keeps its cue and status, without a speaker span (the
    # document's voice), rather than showing "He" as its source
    assert "He/added" not in claims and "He/said" not in claims
    added = next(c for c in doc.claims if c.cue == "added")
    assert added.speaker_kind == "unknown" and added.speaker_actor is None and added.speaker_name is None
    assert added.status == "reported"
    # an organisation is no antecedent of "he"
    closed = next(c for c in doc.claims if "border was closed" in c.text)
    assert closed.speaker_text is None and closed.speaker_name is None


def test_russian_pronoun_and_linking():
    _, claims = _claims(
        "Марат Иманкулов, секретарь Совета безопасности Киргизии, заявил, что на севере "
        "Афганистана находятся боевики. Он добавил, что граница закрыта.",
        language="ru",
    )
    first = next(c for k, c in claims.items() if k.endswith("/заявил"))
    assert first.speaker_actor == "marat-imankulov" and first.speaker_head == "Иманкулов"
    assert claims["Он/добавил"].speaker_actor == "marat-imankulov"


def test_languages_without_lexicons_get_no_claims_and_are_reported():
    assert {"en", "ru"} <= set(supported_languages())
    with pytest.raises(ValueError, match="no claim lexicons"):
        load_lexicon("fa")
    persian, _ = _claims("وزارت دفاع اعلام کرد که ۱۴ غیرنظامی در حمله هوایی کشته شدند.", language="fa")
    assert claim_language(persian) is None and persian.claims == ()
    summaries = [
        DocumentSummary.of(persian),
        DocumentSummary.of(persian.replace(language="ps")),
        DocumentSummary.of(persian.replace(language="en")),
    ]
    assert unread_languages(summaries) == {"fa": 1, "ps": 1}
