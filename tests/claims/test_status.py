"""Epistemic status beyond the cue's class (claims/status.py, data/claims/en/status.yaml): reported
denials, disputes without a dispute cue, conditionals inside a sentence, hedges inside reported content.
Sentences written for this test, not taken from the status set."""

from __future__ import annotations

import pytest

from claimgraph.claims import extract_claims
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.claims.status import epistemic_status, reported_denial
from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Metadata, Source, new_document

RULES = load_rules()
LEX = load_lexicon("en")


def _claims(text: str):
    doc = new_document(Source("status.txt", "txt"), text, Metadata())
    return extract_claims(clean_document(doc, RULES).replace(language="en")).claims


def _status_of(text: str, speaker: str) -> str:
    claims = _claims(text)
    (claim,) = [c for c in claims if (c.speaker_text or "").lower() == speaker.lower()]
    return claim.status


@pytest.mark.parametrize(
    ("text", "speaker", "status"),
    [
        # a report whose content negates the speaker's involvement is the speaker's denial
        ("The militia said it had no part in the burning of the market in Bunia.", "The militia", "denied"),
        (
            "A navy spokesman said its ships were not involved in the collision off Basilan.",
            "A navy spokesman",
            "denied",
        ),
        ("Hezbollah said that its fighters did not fire the rockets at Kiryat Shmona.", "Hezbollah", "denied"),
        ("The prison director said the reports of beatings in Insein were untrue.", "The prison director", "denied"),
        # a negative fact, a pledge or a refusal is no denial
        (
            "The coast guard said no bodies had been recovered from the wreck near Lampedusa.",
            "The coast guard",
            "reported",
        ),
        ("The rebels said they will not attend the talks in Doha.", "The rebels", "reported"),
        # a hedge inside the speaker's words
        ("The mayor of Kherson said the shelling could continue for days.", "The mayor of Kherson", "hedged"),
        # another account contradicted inside the speaker's words
        (
            "Human Rights Watch said the police version of the Lekki shooting was contradicted by video footage.",
            "Human Rights Watch",
            "disputed",
        ),
    ],
)
def test_reported_status(text, speaker, status):
    assert _status_of(text, speaker) == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Teachers in Tigray questioned the regional bureau's figures on school reopenings last week.", "disputed"),
        ("Farmers in Benue cast doubt on the governor's account of the raid that killed 12 herders.", "disputed"),
        ("The ministry would lose control of the ports to the rebels within a month.", "hypothetical"),
        ("Aid convoys will stop at the Rafah crossing unless the shelling ends by Friday.", "hypothetical"),
        ("The border police did not open the crossing at Torkham on Monday after the clashes.", "asserted"),
    ],
)
def test_author_status(text, status):
    (claim,) = [c for c in _claims(text) if c.speaker_kind == "author"]
    assert claim.status == status


def test_a_contested_claim_stays_reported_with_who_contests_it():
    claims = _claims("The junta's claim that the vote was free is contradicted by dozens of closed polling stations.")
    (reported,) = [c for c in claims if c.speaker_kind == "source"]
    assert reported.status == "reported"
    assert reported.disputed_by is not None


def test_a_denial_needs_an_early_negation():
    text = "the army killed 20 militants who had not surrendered by the deadline"
    start = text.index("the army")
    assert not reported_denial(text, start, len(text), LEX)


def _author_claim(text: str):
    (claim,) = [c for c in _claims(text) if c.speaker_kind == "author"]
    return claim


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the author's own rejection written as a predicate: what is called false is a claim, a video ...
        ("The clip purporting to show Azerbaijani drones over Yerevan was doctored.", "denied"),
        ("Messages shared in Juba that the vice-president had been arrested turned out to be a hoax.", "denied"),
        ("There is no truth to the story that the rebels took Bambari.", "denied"),
        ("Rumours of a mutiny in Bouake spread all week, but they were false.", "denied"),
        # a claim as the passive subject of a refutation: the sentence reports a dispute of it
        ("The rumour that the bridge at Bentiu had collapsed was refuted by the county commissioner.", "disputed"),
        # a falsity word that describes a thing, or is said of a person, rejects no claim
        ("Customs officers at Tororo seized forged permits and fake fuel receipts.", "asserted"),
        ("An injured fisherman was lying on the beach at Kismayo for hours.", "asserted"),
    ],
)
def test_a_rejection_written_as_a_predicate(text, status):
    claim = _author_claim(text)
    assert claim.status == status
    assert claim.polarity == ("negative" if status == "denied" else "positive")


def test_a_claim_noun_called_false_is_not_its_claimants_denial():
    # "the claim that X is false": whoever made the claim says X; the sentence's author calls it false
    claims = _claims("The claim that Eritrean troops had left Adigrat is false.")
    author = [c for c in claims if c.speaker_kind == "author"]
    assert [c.status for c in author] == ["denied"]
    assert all(c.status == "reported" and c.polarity == "positive" for c in claims if c.speaker_kind != "author")


def test_a_falsity_word_describing_a_thing_is_no_reported_denial():
    claims = _claims("The border police said the travellers carried fake passports from Chad.")
    (claim,) = [c for c in claims if c.speaker_kind == "source"]
    assert claim.status == "reported"


def test_a_deny_verb_with_a_claim_as_its_object_denies():
    text = "The agency denies both the photo and the bogus claim that a comet will hit Lagos."
    assert _status_of(text, "The agency") == "denied"


def test_content_called_false_by_a_word_outside_it():
    # the reported content is the claim, the falsity word its predicate after the cue
    # (the spans as the pipeline's attribution gives them: the passive "called ... by" cue)
    text = 'A rumour that the governor of Kassala had resigned has been called "rubbish" by his spokesman.'
    content = (0, text.index(" has been"))
    status, _ = epistemic_status(text, (0, len(text)), content, "report", True, LEX, rejects="unsure", cue="called")
    assert status == "denied"


@pytest.mark.parametrize(
    ("text", "speaker", "status"),
    [
        # a word false only of a claim, said of a claim noun: the speaker rejects the claim
        (
            "A junta spokesman said accusations by Bamako about drone bases near Tahoua were unsubstantiated.",
            "A junta spokesman",
            "denied",
        ),
        ("The governor's office said talk of a curfew in Maiduguri was absurd.", "The governor's office", "denied"),
        ("Reports that the port of Assab had been sold were wrong, the ministry said.", "the ministry", "denied"),
        # the same words said of anything but a claim reject nothing
        ("The bishop said it was wrong to bomb the market in Hodeidah.", "The bishop", "reported"),
        ("A resident said the queues at the Rafah crossing were absurd.", "A resident", "reported"),
    ],
)
def test_a_word_false_only_of_a_claim_rejects_a_claim_only(text, speaker, status):
    assert _status_of(text, speaker) == status


def test_the_authors_claim_called_absurd_is_denied_and_an_absurd_thing_is_not():
    assert _author_claim("The rumours that the militia had seized Goma airport were absurd.").status == "denied"
    assert _author_claim("The price of bread in Khartoum was absurd that winter.").status == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        # a participle of refutation with no subject of its own refutes its clause's subject
        "The rumour spread across Tigray for days before being debunked by the regional health bureau.",
        # a pronoun subject of a passive refutation stands for the claim
        "Reports of a mutiny in Kindia circulated for hours until they were refuted by the garrison.",
        # an active refutation with a claim as its object ("debunking the claim")
        "A fact-checking desk in Dakar published a note debunking the claim that the dam at Manantali had burst.",
    ],
)
def test_a_refutation_without_a_passive_subject_of_its_own_disputes_the_claim(text):
    assert _author_claim(text).status == "disputed"


def test_a_passive_participle_of_another_verb_disputes_nothing():
    assert _author_claim("The budget was passed in Abuja before being challenged by the opposition.").status == (
        "asserted"
    )


def test_that_is_incorrect_rejects_and_this_is_wrong_judges():
    # an epistemic word said of "that" rejects the claim the pronoun stands for; an evaluative one may judge an act
    assert _status_of("A Frelimo spokesman said that is incorrect.", "A Frelimo spokesman") == "denied"
    assert _status_of("The imam said this is wrong and must stop.", "The imam") == "reported"


def test_debunking_a_video_disputes_it():
    assert _author_claim("Fact-checkers at a Nairobi daily debunked the video of the Garissa raid.").status == (
        "disputed"
    )


def test_a_relative_pronoun_is_its_antecedent_and_a_border_post_is_no_claim():
    # "that" standing for "intelligence" (a relative pronoun, whatever the parse) is no claim called false
    assert _author_claim("The estimate relies on intelligence from Chad that is unsubstantiated.").status == (
        "asserted"
    )
    # "disputes about fencing and new posts": border posts, not posts contested as claims
    text = "The crossing at Tessalit has closed twice over disputes about fencing and new posts."
    assert _author_claim(text).status == "asserted"
