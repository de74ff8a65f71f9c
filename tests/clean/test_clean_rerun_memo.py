"""Rules run again until nothing changes; what a rule already tried on an unchanged line is not
tried twice, and the cheap tests that skip a regex never skip a line the regex would remove."""

from __future__ import annotations

from claimgraph.clean import clean_document, load_rules
from claimgraph.clean.rules import LEXICON_TRIM, lexicon_key
from claimgraph.clean.spans import DocumentState, RemovalSet
from claimgraph.clean.steps import apply_lexicon, apply_line
from claimgraph.model import Source, new_document

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module

ARTICLE = (
    "Taliban officials said on Monday that security had improved across the eastern provinces, "
    "though residents of Kunar reported new checkpoints."
)


def _clean(text: str) -> str:
    return clean_document(new_document(Source("inline.txt", "txt"), text), RULES).clean_text


def test_an_interface_line_with_a_long_tail_of_dots_is_still_a_lexicon_line():
    rules = load_rules()
    lexicon = rules.get("interface-string")
    tail = " ." * lexicon.longest_phrase  # the line is far longer than any phrase until the tail goes
    line = "Advertisement" + tail
    assert len(line) > lexicon.longest_phrase and lexicon_key(line) == "advertisement"
    assert set(tail) <= set(LEXICON_TRIM)
    assert _clean(f"{ARTICLE}\n\n{line}\n\n{ARTICLE[:-1]} again.") == f"{ARTICLE}\n\n{ARTICLE[:-1]} again."


def test_line_rules_remember_the_lines_they_did_not_match():
    rules = load_rules()
    text = f"{ARTICLE}\n\nShare this: Facebook Twitter WhatsApp Email\n\n{ARTICLE}"
    state = DocumentState(text, RemovalSet())
    share = rules.get("share-line")
    apply_line(state, share)
    assert [line.key for line in state.content_lines()] == [ARTICLE, ARTICLE]
    assert state.misses["share-line"] == {ARTICLE}
    apply_line(state, share)  # a second pass: nothing new to try, nothing changes
    assert [line.key for line in state.content_lines()] == [ARTICLE, ARTICLE]
    apply_lexicon(state, rules.get("interface-string"))
    assert len(state.removals.starts) == 1


def test_lines_cut_by_span_rules_are_judged_again_as_they_are_now():
    # the counters and the link-spam tail are cut first; only then does the second post repeat
    # the first, and the repeated-line rule removes it
    text = f"{ARTICLE} (1/3)\n\n{ARTICLE} (2/3) https://spam1.example/a https://spam2.example/b\n\nAdvertisement\n"
    doc = clean_document(new_document(Source("inline.txt", "txt"), text), RULES)
    assert doc.clean_text == ARTICLE
    assert [r.rule for r in doc.removals if r.rule != "whitespace"] == [
        "post-counter",
        "repeated-line",
        "post-counter",
        "link-spam",
        "interface-string",
    ]
    assert _clean(doc.clean_text) == doc.clean_text


def test_split_join_still_joins_posts_cut_mid_sentence():
    text = "The commander said the fighters had regrouped near the border,…\n\n…and were moving north.\n"
    assert _clean(text) == "The commander said the fighters had regrouped near the border, and were moving north."
