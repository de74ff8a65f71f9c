"""The learned status head (claims/status_model.py): dismissals, ridicule and refutations read as the
speaker's rejection; deny verbs that deny nothing are not; the polarity of a rejection. Sentences written
for this test, not taken from the status set, data/synthetic/status/ or any dev set."""

from __future__ import annotations

import pytest

from claimgraph.claims import extract_claims
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.claims.status import polarity
from claimgraph.claims.status_model import ClaimParts, claim_rejects, load_status_model, sparse_features
from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Metadata, Source, new_document

RULES = load_rules()
LEX = load_lexicon("en")


def _claim(text: str, speaker: str):
    doc = new_document(Source("status.txt", "txt"), text, Metadata())
    claims = extract_claims(clean_document(doc, RULES).replace(language="en")).claims
    (claim,) = [c for c in claims if (c.speaker_text or "").lower() == speaker.lower()]
    return claim


def test_the_model_ships_and_loads():
    model = load_status_model()
    assert model is not None and 0 < model.threshold < 1
    assert len(model.weights) == len(model.vocabulary) + 2 * model.vectors.dim


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The regional governor dismissed the reports of a mutiny in Gedo as rumours spread by traitors.",
            "The regional governor",
        ),  # fmt: skip
        ("Officials in Niamey called the photographs of the burned granaries a crude hoax.", "Officials in Niamey"),
        ("The navy denied that its patrol boat had sunk the fishing vessel off Sulu.", "The navy"),
    ],
)
def test_a_dismissal_is_a_denial_with_negative_polarity(text, speaker):
    claim = _claim(text, speaker)
    assert claim.status == "denied"
    assert claim.polarity == "negative"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The transitional council rejected the mediators' proposal for a ceasefire in Darfur.",
            "The transitional council",
        ),  # fmt: skip
        ("The militia did not deny kidnapping the engineers near Lake Chad.", "The militia"),
    ],
)
def test_a_deny_verb_that_denies_no_proposition_is_no_denial(text, speaker):
    claim = _claim(text, speaker)
    assert claim.status not in ("denied", "disputed")
    assert claim.polarity == "positive"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Humanitarian partners report that at least 12 villagers were killed in the raid on Tuesday.",
            "Humanitarian partners",
        ),
        ("Monitors in Kachin report that two schools were shelled overnight near Laiza.", "Monitors in Kachin"),
    ],
)
def test_a_plain_report_with_no_rejecting_word_is_reported(text, speaker):
    # the model's vectors tipped such a present-tense report over its threshold (a user's trial, session 11)
    claim = _claim(text, speaker)
    assert claim.status == "reported"
    assert claim.polarity == "positive"


def test_a_denial_of_a_negated_allegation_is_positive_and_a_later_negation_no_second_one():
    text = "The ministry denied that soldiers had not been paid, and said the camp was never left without food."
    start = text.index("soldiers")
    assert polarity(text, start, text.index(", and"), "deny", LEX, rejects=True) == "positive"
    late = "The army denied shelling the market without warning."
    start = late.index("shelling")
    assert polarity(late, start, len(late) - 1, "deny", LEX, rejects=True) == "negative"
    # the speaker's own negation reported by a report verb is the denial itself, not a second negation
    own = "The group said it had no part in the raid."
    assert polarity(own, own.index("it had"), len(own) - 1, "report", LEX, rejects=True) == "negative"


def test_features_see_the_words_before_the_cue_and_the_frame():
    text = "The Kremlin laughed off reports that its troops had crossed into the region."
    content = (text.index("its troops"), len(text) - 1)
    cue = (text.index("reports"), text.index("reports") + len("reports"))
    parts = ClaimParts((0, len(text)), content, cue, (0, len("The Kremlin")), "report")
    feats = sparse_features(text, parts, LEX)
    assert {"pre=laughed", "pre=off", "head=its"} <= set(feats)


def test_no_model_for_another_language():
    ru = load_lexicon("ru")
    text = "Министерство опровергло сообщения."
    assert claim_rejects(text, (0, len(text)), (0, len(text)), (0, 1), None, "deny", ru) is None
