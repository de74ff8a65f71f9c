"""Speaker spans trimmed to what names the speaker (``claims.speakers.speaker_span``): brackets
balanced, and a noun of speech run into the name after it ("an allegation Kabul [denies]") cut at the
name. Synthetic sentences across outlets and conflicts, written for the rule (not copied from the
example corpus), then the example corpus's own pages through the claim stage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.claims import extract_claims
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.claims.speakers import balanced_brackets, speaker_span
from claimgraph.clean import clean_document, load_rules
from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.ingest import ReaderOptions, read_paths

LEX = load_lexicon("en")


def _span(sentence: str, span: str) -> str | None:
    start = sentence.index(span)
    found = speaker_span(sentence, start, start + len(span), LEX)
    return None if found is None else sentence[found[0] : found[1]]


@pytest.mark.parametrize(
    ("sentence", "span", "speaker"),
    [
        # an acronym's bracket the span stopped short of is taken in
        (
            "The Armed Forces of Mali (FAMa) said the convoy was ambushed.",
            "The Armed Forces of Mali (FAMa",
            "The Armed Forces of Mali (FAMa)",
        ),
        (
            "Médecins Sans Frontières (MSF) reported 40 wounded in Goma.",
            "Médecins Sans Frontières (MSF",
            "Médecins Sans Frontières (MSF)",
        ),
        # a bracket closing nothing belongs to the name before the span
        ("The Rapid Support Forces (RSF) denied the attack on the market.", "RSF)", "RSF"),
        # an unclosed bracket that runs on into other words is cut off with them
        (
            "The district police (who arrived hours later said nothing.",
            "The district police (who arrived",
            "The district police",
        ),
        (
            "The interior ministry [in Tripoli said the curfew holds.",
            "The interior ministry [in Tripoli",
            "The interior ministry",
        ),
        # balanced spans stay as they are
        (
            "The Somali National Army (SNA) said it retook the town.",
            "The Somali National Army (SNA)",
            "The Somali National Army (SNA)",
        ),
        # a leading mark is no part of a speaker (speaker_span drops it), and so the bracket it opened
        ("[Updated] The coastguard said two boats sank.", "[Updated] The coastguard", "The coastguard"),
    ],
)
def test_brackets_are_balanced(sentence, span, speaker):
    got = _span(sentence, span)
    assert got == speaker
    assert got.count("(") == got.count(")") and got.count("[") == got.count("]")


@pytest.mark.parametrize(
    ("sentence", "span", "speaker"),
    [
        ("2/ Survivors told me the gunmen came at night.", "2/ Survivors", "Survivors"),
        ("(3/7) Local officials said the road was closed.", "(3/7) Local officials", "Local officials"),
        ("4/n Residents of Kalma say the shelling went on.", "4/n Residents of Kalma", "Residents of Kalma"),
        # a fraction or a date is no post number
        ("24/7 patrols, the governor said, would start on Monday.", "the governor", "the governor"),
    ],
)
def test_a_thread_post_number_is_no_part_of_the_speaker(sentence, span, speaker):
    assert _span(sentence, span) == speaker


def test_balanced_brackets_offsets():
    text = "Officials of the Transitional Council (TC said"
    start = text.index("Officials")
    end = text.index(" said")
    assert text[slice(*balanced_brackets(text, start, end))] == "Officials of the Transitional Council"


@pytest.mark.parametrize(
    ("sentence", "span", "speaker"),
    [
        ("Rwanda is accused of arming the rebels, an allegation Kigali rejects.", "an allegation Kigali", "Kigali"),
        ("He repeated the claim the Houthis had made a day earlier.", "the claim the Houthis", "the Houthis"),
        (
            "It was an accusation the Ministry of Defence called baseless.",
            "an accusation the Ministry of Defence",
            "the Ministry of Defence",
        ),
        (
            "The figures, a warning Amnesty International repeated, were disputed.",
            "a warning Amnesty International",
            "Amnesty International",
        ),
    ],
)
def test_a_speech_noun_run_into_a_name_yields_the_name(sentence, span, speaker):
    assert _span(sentence, span) == speaker


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Army spokesman Colonel Ibrahim Musa said the road was open.", "Army spokesman Colonel Ibrahim Musa"),
        (
            "One author of the 2019 report, Maria Lopez, said it still held.",
            "One author of the 2019 report, Maria Lopez",
        ),
        ("The allegations Kyiv officials made were rejected.", "The allegations Kyiv officials"),
        ("Reports Monday said the port was shelled.", "Reports Monday"),
        ("Statements by Hamas officials said the talks had stalled.", "Statements by Hamas officials"),
    ],
)
def test_names_that_belong_to_the_phrase_stay(sentence, span):
    assert _span(sentence, span) == span


UNBALANCED = re.compile(r"^[^()]*\)|\([^()]*$")


@pytest.fixture(scope="module")
def corpus_claims(examples_dir: Path):
    """The example corpus's pages that name organisations with their acronyms and the Kunar strike
    page of the crawl, through clean, entities and claims (no store)."""
    extractor = EntityExtractor.load()
    rules = load_rules()
    paths = [
        examples_dir / "eastern_horizon_kunar_drone_strike.html",
        examples_dir / "kabul_ledger_surkhrod_bombing.txt",
        examples_dir / "crawl.warc.gz",
    ]
    claims = []
    for doc in read_paths([str(p) for p in paths], ReaderOptions()):
        doc = clean_document(doc, rules).replace(language="en")
        doc = extract_claims(extract_entities(doc, extractor), extractor.ontology)
        claims += [c for c in doc.claims if c.speaker_text]
    return claims


def test_example_corpus_speakers_are_whole_names(corpus_claims):
    speakers = {c.speaker_text for c in corpus_claims}
    assert not [s for s in speakers if UNBALANCED.search(s)]
    assert "US Central Command (CENTCOM)" in speakers or "A spokesperson for US Central Command (CENTCOM)" in speakers
    assert "UNAMA)" not in speakers and "US Central Command (CENTCOM" not in speakers
    # "..., an allegation Kabul denies": Kabul denies (Islamabad's accusation keeps its own speaker)
    denials = [c for c in corpus_claims if "an allegation Kabul denies" in c.text and c.cue == "denies"]
    assert denials and {c.speaker_text for c in denials} == {"Kabul"}
    assert "an allegation Kabul" not in speakers
