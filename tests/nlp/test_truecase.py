"""The truecaser (nlp/truecase.py) on all-capitals sentences written for this test."""

import gzip
import re

import pytest

from claimgraph.nlp.sentences import sentence_spans
from claimgraph.nlp.truecase import TruecaseError, Truecaser, is_shouting


@pytest.fixture(scope="module")
def truecaser():
    return Truecaser.load()


def test_wire_sentence_takes_usual_casing(truecaser):
    text = "GUNMEN KILLED FOUR POLICE OFFICERS AT A CHECKPOINT NEAR MOGADISHU ON TUESDAY, OFFICIALS SAID."
    out = truecaser.sentence(text)
    assert out.startswith("Gunmen killed four police officers at a checkpoint near Mogadishu on Tuesday")
    assert out.endswith("officials said.")


def test_acronyms_and_unknown_names(truecaser):
    out = truecaser.sentence("THE ELN BLEW UP A PIPELINE IN ARAUCA, THE NATIONAL ARMY SAID.")
    assert "ELN" in out  # an unknown short word stays an acronym
    assert " blew up a pipeline in " in out
    assert "Arauca" in out  # an unknown longer word is a name


def test_possessive_and_hyphenated_words(truecaser):
    out = truecaser.sentence("THE ARMY'S 4TH BRIGADE SEIZED AN M-16 RIFLE NEAR THE VILLAGE.")
    assert out.startswith("The army's 4th Brigade seized an M-16 rifle near the village")


def test_shadow_keeps_length_and_leaves_mixed_case_sentences(truecaser):
    text = (
        "Residents fled the town on Friday.\n\nSECURITY FORCES KILL SIX MILITANTS IN NORTH WAZIRISTAN\n\n"
        "The army said the raid lasted hours."
    )
    shadow = truecaser.shadow(text, sentence_spans(text))
    assert len(shadow) == len(text)
    assert shadow.startswith("Residents fled the town on Friday.")
    assert "Security forces kill six militants in North Waziristan" in shadow
    assert shadow.endswith("The army said the raid lasted hours.")
    # offsets into the shadow are offsets into the original
    start = shadow.index("Waziristan")
    assert text[start : start + len("Waziristan")] == "WAZIRISTAN"


def test_mixed_case_text_is_returned_as_is(truecaser):
    text = "The FMLN said its units attacked the garrison in San Miguel."
    assert truecaser.shadow(text, sentence_spans(text)) is text


def test_is_shouting():
    assert is_shouting("TWO SOLDIERS WERE WOUNDED IN AN AMBUSH")
    assert not is_shouting("Two soldiers were wounded in an ambush by the ELN and the FARC")
    assert not is_shouting("UN HQ")  # too few letters to tell


def _shouting_letter_by_letter(text: str) -> bool:
    """is_shouting's definition, one letter at a time (what its counting in C must equal)."""
    letters = re.findall(r"[^\W\d_]", text)  # letters of every script, and some other word characters
    cased = [c for c in letters if c.islower() or c.isupper()]
    upper = sum(c.isupper() for c in cased)
    return len(letters) >= 8 and bool(cased) and upper >= 0.8 * len(cased)


@pytest.mark.parametrize(
    "text",
    [
        "TWO SOLDIERS WERE WOUNDED IN AN AMBUSH",
        "“GUNMEN KILLED FOUR POLICE OFFICERS,” THE MINISTRY’S SPOKESMAN SAID.",
        "ÉTAT-MAJOR: DEUX SOLDATS TUÉS À MÉNAKA",
        "État-major : deux soldats tués à Ménaka",
        "ΔΥΟ ΣΤΡΑΤΙΩΤΕΣ ΣΚΟΤΩΘΗΚΑΝ ΣΤΗ ΒΟΡΕΙΑ ΠΕΡΙΟΧΗ",
        "ǅEMAL ǄAFAR ǈUBO ǋIKOLA said",  # title-case letters: letters, neither upper nor lower
        "قتل جنديان في كمين",  # letters without case
        "AB CD EF G1 2H __ 99",
        "ROMAN Ⅻ AND ²³ SUPERSCRIPTS x",  # word characters without case that are no digits
        "SEVEN OF TEN words ARE CAPITALS here",
        "EIGHT of ten WORDS ARE IN CAPITALS HERE NOW",
        "",
    ],
)
def test_is_shouting_counts_as_letter_by_letter(text):
    assert is_shouting(text) == _shouting_letter_by_letter(text)


def test_bad_table_names_file(tmp_path):
    path = tmp_path / "table.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("two words\n")
    with pytest.raises(TruecaseError, match="table.tsv.gz: line 1"):
        Truecaser.load(path)
