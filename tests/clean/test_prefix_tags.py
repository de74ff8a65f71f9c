"""Headline/post tags and transcript turn markers (rules.yaml `headline-tag`, `transcript-turn`) and the
date or issuer a title names (`title-date`, `title-issuer`): what is cut, and what stays. Synthetic
lines written for these tests."""

from __future__ import annotations

from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Metadata, Source, new_document

RULES = load_rules()


def clean(text: str, meta: Metadata | None = None, fmt: str = "txt"):
    return clean_document(new_document(Source("head.txt", fmt), text, meta or Metadata()), RULES)


def test_a_post_tag_is_cut_with_its_emoji():
    doc = clean("🚨 JUST IN: Shelling hits the market in Kramatorsk, the mayor says.\n")
    assert doc.clean_text == "Shelling hits the market in Kramatorsk, the mayor says."


def test_a_tag_word_inside_a_sentence_stays():
    text = "The army gave an update: the toll rose to nine in Beni.\n\nNEWS: a word in capitals is no tag here."
    doc = clean(text)
    assert "an update: the toll rose" in doc.clean_text
    assert doc.clean_text.endswith("a word in capitals is no tag here.")  # NEWS: is no listed tag


def test_a_named_speaker_label_stays_a_generic_turn_label_goes():
    doc = clean("Petro: We will not negotiate while the attacks go on.\n\nReporter: Will talks resume in Caracas?\n")
    assert doc.clean_text.startswith("Petro: We will not negotiate")
    assert "Reporter:" not in doc.clean_text and "Will talks resume in Caracas?" in doc.clean_text


def test_a_title_date_does_not_override_the_headers_date():
    doc = clean("Press conference on March 5, 2026\nJuba Herald\n7 March 2026\n\nThe minister spoke for an hour.\n")
    assert doc.meta.date == "2026-03-07"


def test_a_readers_date_is_kept_over_the_titles():
    text = "Statement of 3 March 2026 on Sake\n\nThe Alliance rejects the accusations.\n"
    doc = clean(text, Metadata(date="2026-03-04"))
    assert doc.meta.date == "2026-03-04"


def test_a_date_in_a_headlines_middle_is_what_the_story_is_about():
    doc = clean("Survivors of the 12 May 2019 attack in Diffa still wait for help\n\nThe camp has no clinic.\n")
    assert doc.meta.date is None


def test_the_title_names_the_issuer_only_after_what_the_document_is():
    text = "Statement by the Office of the Governor of Cabo Delgado on road convoys\n\nConvoys resume on Monday.\n"
    doc = clean(text)
    assert doc.meta.site == "Office of the Governor of Cabo Delgado"
    doc = clean("Militants ambushed by the Army of Burkina Faso near Djibo\n\nSix fighters were killed.\n")
    assert doc.meta.site is None  # "by" in a headline names a doer, not an issuer


def test_a_markdown_titles_tag_is_cut_from_the_readers_title_too():
    # the Markdown reader takes the heading as it is written; the clean stage cuts the tag from both
    text = "# BREAKING: Gunmen attack a bus near Mandera\n\nPolice said four people died.\n"
    doc = clean(text, Metadata(title="BREAKING: Gunmen attack a bus near Mandera"), fmt="md")
    assert doc.meta.title == "Gunmen attack a bus near Mandera"


def test_a_title_cased_headline_names_no_issuer():
    for title in ("Release of Hostages Held by Hamas Delayed Again", "Rebels Reject Statement of Principles"):
        assert clean(f"{title}\n\nTalks resume in Doha on Monday.\n").meta.site is None
