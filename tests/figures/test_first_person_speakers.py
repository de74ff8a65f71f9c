"""A statement's first-person organ ("Our ministry has confirmed ...") is the document's own voice: no
figure takes "Our ministry has" (an auxiliary is no part of a speaker) and the disputes show the issuer it
resolves to. Synthetic sentences written for these tests."""

from __future__ import annotations

from claimgraph.link.disputes.values import shown_speaker


def test_an_auxiliary_is_no_part_of_a_figures_speaker(run):
    doc = run("The regional health department has confirmed that 17 civilians were killed in the shelling of Sumy.")
    [f] = [f for f in doc.annotations["figures"] if f.low == 17]
    assert f.speaker_text == "The regional health department" and f.cue == "confirmed"


def test_a_first_person_organ_gives_no_figure_speaker_of_its_own(run):
    doc = run("Our ministry has confirmed that 31 civilians were killed in the air strike on Depayin on Tuesday.")
    [f] = [f for f in doc.annotations["figures"] if f.low == 31]
    assert f.speaker_text is None  # the document's voice (here no issuer: none), never "Our ministry has"


def test_a_first_person_speaker_shows_its_issuer():
    assert shown_speaker("Our ministry", "Ministry of Defence of Ukraine") == "Ministry of Defence of Ukraine"
    assert shown_speaker("We", "Somali National Army Command") == "Somali National Army Command"
    assert shown_speaker("The army", "Sudanese Armed Forces") == "The army"  # a third person keeps its words
    assert shown_speaker("Our ministry", None) == "Our ministry"  # nothing resolved: the words as written
