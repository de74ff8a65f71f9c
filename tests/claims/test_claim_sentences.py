"""Attribution, status, polarity and quantities on the sentences of tests/fixtures/claims/sentences.yaml,
and the stage's behaviour on documents it cannot judge."""

from __future__ import annotations

import pytest
import yaml

from claimgraph.claims import author_label, extract_claims
from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Metadata, Source, new_document

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module


def _sentences(fixtures_dir):
    return yaml.safe_load((fixtures_dir / "claims" / "sentences.yaml").read_text(encoding="utf-8"))


def _doc(text: str, **meta):
    doc = new_document(Source("fixture.txt", "txt"), text, Metadata(**meta))
    return clean_document(doc, RULES).replace(language="en")


@pytest.fixture(scope="module")
def cases(fixtures_dir):
    return _sentences(fixtures_dir)


def test_sentences(cases):
    for case in cases:
        doc = extract_claims(_doc(case["text"]).replace(language=case.get("language", "en")))
        if case.get("claim") is False:
            assert doc.claims == (), case["text"]
            continue
        assert doc.claims, case["text"]
        c = doc.claims[-1] if "cue" in case else doc.claims[0]
        text = doc.clean_text
        if "status" in case:
            assert c.status == case["status"], (case["text"], c)
        if "source" in case:
            assert text[c.speaker_start : c.speaker_end] == case["source"], case["text"]
            assert c.speaker_kind == "source"
        if "cue" in case:
            assert c.cue == case["cue"], case["text"]
        if "content" in case:
            assert text[c.content_start : c.content_end] == case["content"], case["text"]
        if "polarity" in case:
            assert c.polarity == case["polarity"], case["text"]
        if "quantity" in case:
            assert case["quantity"] in [q.value for q in c.quantities], case["text"]
        if "head" in case:
            assert c.speaker_head == case["head"], case["text"]
        if "evidence" in case:
            assert c.evidence == case["evidence"], (case["text"], c.evidence_cues)


def test_unattributed_claims_belong_to_the_author_or_outlet():
    text = "Government forces recaptured the district centre on 3 May after two days of fighting."
    by_site = extract_claims(_doc(text, site="Frontier Wire"))
    assert by_site.claims[0].speaker_text == "Frontier Wire" and by_site.claims[0].speaker_kind == "author"
    by_author = extract_claims(_doc(text, site="Frontier Wire", author="R. Khan"))
    assert author_label(by_author) == "R. Khan" and by_author.claims[0].speaker_text == "R. Khan"


def test_anaphora_grades_the_previous_claim_unverified():
    doc = extract_claims(
        _doc(
            "The governor alleged that 300 foreign fighters had crossed the border last month.\n\n"
            "These claims, lacking empirical backing, were repeated by several outlets."
        )
    )
    [claim] = [c for c in doc.claims if c.cue == "alleged"]
    assert claim.evidence == "unverified" and "lacking empirical backing" in claim.evidence_cues
    assert claim.disputed_by == "author"


def test_the_stage_is_pure_and_deterministic():
    doc = _doc("The ministry said that 14 civilians were killed in the strike on Tuesday.")
    assert extract_claims(doc) == extract_claims(doc)
    assert doc.claims == ()


def test_empty_and_other_language_documents_get_no_claims():
    assert extract_claims(_doc("")).claims == ()
    persian = _doc("The ministry said that 14 civilians were killed.").replace(language="fa")
    assert extract_claims(persian).claims == ()


def test_a_quotation_running_on_is_one_claim_of_its_speaker():
    doc = extract_claims(
        _doc(
            "“The bridge will reopen on Monday,” the mayor said. “Repairs cost 2 million dollars. "
            "Traffic will be normal by June.”\n\nResidents were sceptical about the date."
        )
    )
    said = next(c for c in doc.claims if c.cue == "said")
    content = doc.clean_text[said.content_start : said.content_end]
    assert content.startswith("The bridge will reopen") and content.endswith("Traffic will be normal by June")
    assert 2_000_000 in [q.value for q in said.quantities]
    # the quoted sentences are the mayor's, not the author's
    assert not [c for c in doc.claims if c.speaker_kind == "author" and "Repairs cost" in c.text]


@pytest.mark.parametrize(
    "text",
    [
        "“",
        "said said said.",
        "According to",
        "voices within the Taliban government said",
        "The Taliban’s assertions of",
        "“Unclosed quotation, he said. And more.",
        "If",
        "X, a, said.",
        "\n\n\n",
        "…that there is.",
        "He said: “A. B.",
        "reports of",
        "These claims, lacking empirical backing.",
        "One " * 400 + "said the man.",
    ],
)
def test_odd_text_never_breaks_the_stage(text):
    doc = extract_claims(_doc(text))
    for c in doc.claims:
        assert 0 <= c.start <= c.content_start <= c.content_end <= c.end <= len(doc.clean_text)
