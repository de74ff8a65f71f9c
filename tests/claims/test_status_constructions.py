"""Negations that deny nothing (claims/status.py): a wish or purpose ("asking that his name not be used",
"so as not to"), a relative clause restricting a noun ("attacks it did not carry out"), and a report verb
said not to have been used ("did not mention", "declined to comment on", "has rarely claimed"). The
sentences are project-written (tests/fixtures/claims/status_constructions.tsv, synthetic, split by sha1)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimgraph.claims import extract_claims
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.claims.status import reported_denial, silent_cue
from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Metadata, Source, new_document

RULES = load_rules()
LEX = load_lexicon("en")
FIXTURE = Path(__file__).parents[1] / "fixtures" / "claims" / "status_constructions.tsv"


def _lines(split: str):
    out = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, status, speaker, construction = line.split("\t")
        dev = int(hashlib.sha1(sentence.encode("utf-8")).hexdigest(), 16) % 3 == 0
        if ("dev" if dev else "train") == split:
            out.append((sentence, status, speaker, construction))
    return out


def _claims(text: str):
    doc = new_document(Source("status.txt", "txt"), text, Metadata())
    return extract_claims(clean_document(doc, RULES).replace(language="en")).claims


@pytest.mark.parametrize(("sentence", "status", "speaker", "construction"), _lines("train") + _lines("dev"))
def test_no_denial_and_no_silent_report(sentence, status, speaker, construction):
    claims = _claims(sentence)
    assert not [c for c in claims if c.status == "denied"]
    if construction == "omission":
        # the speaker said nothing: the author states the silence
        assert [c for c in claims if c.speaker_kind == "author" and c.status == "asserted"]
        assert not [c for c in claims if c.speaker_kind != "author" and c.text.startswith(sentence.split()[0])]


@pytest.mark.parametrize(
    ("content", "denies"),
    [
        ("that her name not be published", False),  # a wish
        ("the trucks were parked in order not to block the road", False),  # a purpose
        ("crossings that were not open to traffic", False),  # a relative clause after a noun
        ("ambushes they had not planned", False),  # a contact clause
        ("it had not planned the ambush", True),  # the content's own negation
        ("its soldiers would not be deployed", False),  # a pledge, as before
        ("the battalion was not involved in the shelling", True),
    ],
)
def test_which_negation_denies(content, denies):
    assert reported_denial(content, 0, len(content), LEX) is denies


@pytest.mark.parametrize(
    ("sentence", "verb", "silent"),
    [
        ("The brigade did not mention the prisoners.", "mention", True),
        ("The governor declined to comment on the curfew.", "comment", True),
        ("The cartel has seldom claimed killings of soldiers.", "claimed", True),
        ("The brigade said the prisoners were freed.", "said", False),
        ("“We had no part,” the commander said.", "said", False),
    ],
)
def test_silent_cue(sentence, verb, silent):
    at = sentence.index(verb)
    assert silent_cue(sentence, 0, (at, at + len(verb)), "report", "verb", LEX) is silent


@pytest.mark.parametrize(
    "text",
    [
        "The governor of Kasai rejected the violence and called for calm.",
        "Colombia's defence minister rejected the rebels' ceasefire offer on Sunday.",
        "The Somali government strongly rejected the attack on the Mogadishu hotel.",
    ],
)
def test_a_verb_of_refusal_said_of_an_act_or_a_plan_denies_nothing(text):
    """Rejecting an act or an offer condemns or refuses it: no claim is denied (status.yaml refusal_verbs)."""
    claims = [c for c in _claims(text) if c.cue and c.cue.lower().startswith("reject")]
    assert claims and all(c.status != "denied" and c.polarity == "positive" for c in claims), claims


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis rejected any involvement in the attack on the tanker.",
        "The army rejected the report that its soldiers had shelled the market in Kidal.",
        "The RSF rejected accusations that it attacked the camp near El Fasher.",
    ],
)
def test_a_verb_of_refusal_said_of_a_claim_or_an_involvement_denies(text):
    assert any(c.status == "denied" for c in _claims(text)), text
