"""What a rejection rejects (link/disputes/rejections.py): the slot values a denying claim's cue governs,
read over the spaCy parse, denied ("not:dead") and said of the name nearest them; an act rejected
("denied killing X") gives no fate. The sentences are written here (synthetic, from no dev set)."""

from __future__ import annotations

import pytest

from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.facts import claim_values, load_slots
from claimgraph.link.disputes.rejections import parser_ready

pytestmark = pytest.mark.skipif(not parser_ready(), reason="the parser is the `accurate` extra")


def _rejected(text: str, cue: str, speaker_end: int | None = None) -> list[tuple[str, str, str]]:
    """(slot, value, name it is said of) of a claim whose speaker rejects ``text``'s proposition."""
    row = {"text": text, "start": 0, "cue": cue, "status": "denied", "polarity": "negative", "quantities": []}
    if speaker_end is not None:
        row.update(speaker_start=0, speaker_end=speaker_end)
    return [(s.name, v, who[0]) for s, v, _, who in claim_values(row, load_slots(), load_config())]


def test_a_rejection_denies_the_value_it_governs():
    text = "The rebels denied that their commander Omar Diallo was killed in the air strike near Kidal."
    assert _rejected(text, "denied", 10) == [("life status", "not:dead", "Omar Diallo")]
    text = "The ministry rejected claims that the woman held in Izmir is the wife of Abu Talha."
    assert ("kinship", "not:wife", "Abu Talha") in _rejected(text, "rejected", 12)


def test_a_noun_with_its_possessor_names_the_value():
    text = "The movement dismissed reports of Hassan Nur's death as propaganda."
    assert _rejected(text, "dismissed", 12) == [("life status", "not:dead", "Hassan Nur's")]


def test_an_act_rejected_is_no_fate_and_a_description_is_taken_as_given():
    assert _rejected("The army denied killing the elder Haji Karim in Khost.", "denied", 8) == []
    text = "The family rejected reports that the abducted boy is the son of Musa Bello."
    assert _rejected(text, "rejected", 10) == [("kinship", "not:son", "Musa Bello")]


def test_a_value_asserted_beside_the_rejection_is_given_as_it_is():
    text = "The group denied the reports and said its leader Khalid Omar is alive."
    assert _rejected(text, "denied", 9) == [("life status", "alive", "Khalid Omar")]
