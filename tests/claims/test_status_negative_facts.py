"""Negative statements of fact, negations of checking and condemnations are no denials (claims/status.py), and
two content cuts that are no claims (claims/extract.py). The sentences are project-written
(tests/fixtures/claims/status_negative_facts.tsv, synthetic, split by sha1; the header says how)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimgraph.claims import extract_claims
from claimgraph.claims.attribution import Attribution
from claimgraph.claims.extract import _past_complementiser, _speaker_as_content
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.claims.speakers import speaker_span
from claimgraph.claims.status import polarity, reported_denial
from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Metadata, Source, new_document

RULES = load_rules()
LEX = load_lexicon("en")
FIXTURE = Path(__file__).parents[1] / "fixtures" / "claims" / "status_negative_facts.tsv"


def _lines(split: str):
    out = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, status, pol, speaker, construction = line.split("\t")
        dev = int(hashlib.sha1(sentence.encode("utf-8")).hexdigest(), 16) % 3 == 0
        if ("dev" if dev else "train") == split:
            out.append((sentence, status, pol, speaker, construction))
    return out


def _claims(text: str):
    doc = new_document(Source("status.txt", "txt"), text, Metadata())
    return extract_claims(clean_document(doc, RULES).replace(language="en")).claims


ALL = _lines("train") + _lines("dev")


@pytest.mark.parametrize(("sentence", "status", "pol", "speaker", "construction"), ALL)
def test_negative_fact_is_no_denial(sentence, status, pol, speaker, construction):
    claims = _claims(sentence)
    if construction == "denial":
        # the traps the other way: a denial cue or a negated involvement still denies
        assert [c for c in claims if c.status == "denied"]
    else:
        assert not [c for c in claims if c.status == "denied"]


@pytest.mark.parametrize(
    ("content", "denies"),
    [
        ("it has not been able to verify the figures", False),  # a negation of checking
        ("they could not independently confirm the toll", False),
        ("the hospital has no blood and no surgeons", False),  # a negative fact
        ("the wounded were lying on the floor", False),  # where someone lies, not a lie
        # where a place lies, whatever stands between (a Sudan trial's plain report read as a denial)
        ("the shells came from the hills east of the camp, which lies about 15 km west of the town", False),
        ("the village lies just north of the river", False),
        ("he lies about the number of dead", True),  # no distance, no compass word: a lie
        ("the reports were lies", True),
        ("its fighters had not attacked the convoy", True),
    ],
)
def test_which_content_denies(content, denies):
    assert reported_denial(content, 0, len(content), LEX) is denies


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("the shelling and said that clinics must never be a target", "positive"),  # a second claim's negation
        ("higher figures that the agency has not been able to verify", "positive"),  # the relative clause's
        ("it could not confirm the number of dead", "negative"),  # the content's own negation
        ("there was no water in the camp", "negative"),
    ],
)
def test_polarity_of_own_clause(content, expected):
    assert polarity(content, 0, len(content), "report", LEX) == expected


@pytest.mark.parametrize("label", ["URGENT", "Breaking", "FLASH", "Update"])
def test_flash_labels_are_no_speakers(label):
    text = f"{label}: Heavy gunfire near the airport."
    assert speaker_span(text, 0, len(label), LEX) is None


def test_noun_cue_content_ending_in_the_next_speaker_is_dropped():
    # "[statement] on 12 March [the militia] denied ...": the noun cue's content runs into the denier
    text = "In a statement on 12 March the militia denied carrying out the ambush."
    s = text.index
    noun = Attribution(s("statement"), s(" on"), "report", s("12"), s(" denied"), kind="noun")
    verb = Attribution(
        s("denied"), s(" carrying"), "deny", s("carrying"), len(text) - 1, s("the militia"), s(" denied")
    )
    assert _speaker_as_content(noun, [noun, verb])
    assert not _speaker_as_content(verb, [noun, verb])


def test_content_cut_at_its_complementiser_runs_on():
    text = "The ministry announces with great regret that the toll has risen to 14."
    s = text.index
    att = Attribution(s("announces"), s(" with"), "report", s("great"), s(" the toll"), 0, s(" announces"))
    got = _past_complementiser(text, att, len(text), LEX)
    assert text[got.content_start : got.content_end].startswith("the toll has risen to 14")
    bare = "The ministry announces with great regret that"
    att = Attribution(s("announces"), s(" with"), "report", s("great"), len(bare), 0, s(" announces"))
    assert _past_complementiser(bare, att, len(bare), LEX) == att


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party's silence is reported, nothing the sentence is about is negated
        ("The police have not commented on the figure given by the hospital.", "positive"),
        ("The defence ministry did not immediately respond to a request for comment.", "positive"),
        ("A spokesman would not say how many fighters were captured.", "positive"),
        # a negated act stays a negation
        ("The militia did not burn the market.", "negative"),
        ("No shells hit the hospital, the governor said.", "negative"),
    ],
)
def test_a_negated_verb_of_answering_is_silence_not_denial(text, expected):
    """A Sahel trial's "the army has not commented on the toll" was the denial side of a toll dispute."""
    assert polarity(text, 0, len(text), None, load_lexicon("en")) == expected
