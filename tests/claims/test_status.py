"""Epistemic status beyond the cue's class (claims/status.py, data/claims/en/status.yaml): reported
denials, disputes without a dispute cue, conditionals inside a sentence, hedges inside reported content.
Sentences written for this test, not taken from the status set."""

from __future__ import annotations

import pytest

from claimgraph.claims import extract_claims
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.claims.status import reported_denial
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
