"""Debris rules on project-owned fixtures: a made-up news page, a multilingual thread, an HTML page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from clean_invariants import check_invariants

from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Document, Metadata, Removal, Source, new_document

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module


def clean_fixture(path: Path) -> Document:
    doc = clean_document(new_document(Source(str(path), "txt"), path.read_text(encoding="utf-8")), RULES)
    check_invariants(doc)
    return doc


def clean_text(text: str, **kwargs) -> Document:
    doc = clean_document(new_document(Source("inline.txt", "txt"), text, **kwargs), RULES)
    check_invariants(doc)
    return doc


@pytest.fixture(scope="module")
def article(fixtures_dir: Path) -> Document:
    return clean_fixture(fixtures_dir / "clean" / "article_debris.txt")


@pytest.fixture(scope="module")
def thread(fixtures_dir: Path) -> Document:
    return clean_fixture(fixtures_dir / "clean" / "thread_multilingual.txt")


def test_article_keeps_title_and_body_only(article):
    assert article.clean_text.split("\n\n") == [
        "Border clashes reported near Torkham crossing",
        "JALALABAD – Border guards exchanged fire near the Torkham crossing on Tuesday, local officials said, and "
        "the crossing was closed to traffic for several hours.",
        "A spokesman for the provincial governor said two guards were wounded. The Pakistani side said it had "
        "responded to unprovoked fire from the Afghan side of the border.",
        "Traders waiting at the crossing said the closure would cost them “thousands of dollars” as fruit spoiled "
        "in the heat of the Nangarhar summer, a local trader told reporters.",
        "The crossing reopened on Wednesday morning after talks between border commanders from both sides, "
        "according to officials quoted by the Pajhwok news agency in Jalalabad.",
    ]
    assert article.meta.title == "Border clashes reported near Torkham crossing"
    assert article.meta.author == "Jane Doe"


def test_article_rules_that_fired(article):
    rules = Counter(r.rule for r in article.removals if r.rule != "whitespace")
    assert rules == {
        "breadcrumb": 1,
        "byline": 1,
        "cookie-consent": 1,
        "share-line": 3,
        "interface-string": 1,
        "invisible-char": 1,
        "repeated-line": 1,
        "related-content": 1,
        "author-bio": 1,
        "related-teaser": 1,
        "link-spam": 1,
    }
    by_rule = {r.rule: r.text for r in article.removals}
    assert by_rule["byline"] == "By Jane Doe"
    assert by_rule["invisible-char"] == "\u200b"
    # the teaser block stops before the next real paragraph, which stays
    assert by_rule["related-content"] == (
        "Related Posts\n\nTrade through Torkham falls for third month\n\n"
        "Officials in Nangarhar say exports through the crossing have fallen …"
    )
    assert by_rule["author-bio"].startswith("About the author\nJane Doe covers")
    assert by_rule["author-bio"].endswith("She previously reported from Peshawar.")


def test_whitespace_runs_become_one_space_without_a_removal(article):
    # "Tuesday,   local ... said,\tand": substituted segments, not removals
    at = article.clean_text.index("Tuesday, local") + len("Tuesday,")
    seg = next(s for s in article.offsets.segments if s.clean_start == at)
    assert not seg.verbatim and article.raw_text[seg.raw_start : seg.raw_end] == "   "
    assert "\t" not in article.clean_text and "  " not in article.clean_text


def test_thread_posts_joined_and_debris_gone(thread):
    assert thread.clean_text.split("\n\n") == [
        "Reports that ISKP controls territory in Kunar are exaggerated, according to local elders in Asadabad who "
        "say that the group has no permanent presence in the valley.",
        "The elders met the governor on Monday.\nThey asked for more checkpoints.",
        "Yes.",
        "Yes.",
        "مقامات محلی می\u200cگویند که وضعیت آرام است.",
        "The district chief said that security forces had not witnessed any new attacks since the spring.",
        "Café owners in Asadabad said business was normal.",
    ]
    rules = Counter(r.rule for r in thread.removals if r.rule not in ("whitespace", "separator"))
    assert rules == {
        "invisible-char": 1,
        "thread-marker": 2,
        "post-counter": 5,
        "split-join": 4,
        "repeated-line": 2,
        "interface-string": 4,
    }
    assert {r.text for r in thread.removals if r.rule == "interface-string"} == {
        "Загрузка…",
        "نمایش بیشتر",
        "Show more replies",
        "Translate post",
    }
    assert thread.meta.title is None  # the first line is half a sentence, not a headline


def test_short_repeats_survive_and_persian_joiners_stay(thread):
    assert thread.clean_text.count("Yes.") == 2
    assert "می\u200cگویند" in thread.clean_text  # ZWNJ inside a Persian word is spelling, not debris


def test_nfc_is_a_substitution_not_a_removal(thread):
    at = thread.clean_text.index("Café")
    raw_start, raw_end = thread.offsets.to_raw(at, at + 4)
    assert thread.raw_text[raw_start:raw_end] == "Cafe\u0301"
    assert not any(r.raw_start < raw_end and r.raw_end > raw_start for r in thread.removals)
    # only the changed character is substituted; "Caf" stays a verbatim copy
    seg = next(s for s in thread.offsets.segments if s.clean_start <= at < s.clean_end)
    assert seg.verbatim and thread.raw_text[seg.raw_start + at - seg.clean_start :][:3] == "Caf"


def test_html_boilerplate_removals_are_kept_and_merged(fixtures_dir):
    raw = (fixtures_dir / "clean" / "html_page.txt").read_text(encoding="utf-8")
    boilerplate = []
    for piece in ("Menu | News | Opinion | Video", "© 2024 Kabul Daily. All rights reserved."):
        start = raw.index(piece)
        boilerplate.append(Removal(start, start + len(piece), "html-boilerplate", piece))
    doc = new_document(
        Source("page.html", "html"),
        raw,
        meta=Metadata(title="Taliban deny ISKP claims", url="https://kabul-daily.example/a"),
        removals=reversed(boilerplate),
    )
    cleaned = clean_document(doc, RULES)
    check_invariants(cleaned)
    for r in boilerplate:
        assert r in cleaned.removals
        assert r.text not in cleaned.clean_text
    assert [r.raw_start for r in cleaned.removals] == sorted(r.raw_start for r in cleaned.removals)
    # the page's headline repeats the reader's title: it is meta.title, recorded as a page-title removal
    assert cleaned.clean_text.split("\n\n") == [
        "Taliban officials denied on Sunday that ISKP fighters had taken over districts in Kunar province.",
        "A spokesman said government forces were in full control of the area.",
    ]
    assert cleaned.meta.title == "Taliban deny ISKP claims"  # the reader's title is not overwritten
    assert cleaned.meta.url == "https://kabul-daily.example/a"
    assert {r.rule for r in cleaned.removals} >= {"html-boilerplate", "share-line", "page-title"}
    assert [r.text for r in cleaned.removals if r.rule == "page-title"] == ["Taliban deny ISKP claims"]


def test_rule_spans_around_boilerplate_do_not_overlap_it():
    raw = "Body text of the article, which is long enough to stay.\n\nCheck Also\n<nav>\nTeaser headline\n"
    start = raw.index("<nav>")
    pre = Removal(start, start + 5, "html-boilerplate", "<nav>")
    cleaned = clean_text(raw, removals=[pre])
    assert cleaned.clean_text == "Body text of the article, which is long enough to stay."
    assert [(r.rule, r.text) for r in cleaned.removals if r.rule != "whitespace"] == [
        ("related-content", "Check Also\n"),
        ("html-boilerplate", "<nav>"),
        ("related-content", "\nTeaser headline"),
    ]


def test_paragraph_breaks_and_blank_runs():
    doc = clean_text("  First line\nsecond line  \n\n\n\n\nNext paragraph\t\tends here.  \n")
    assert doc.clean_text == "First line\nsecond line\n\nNext paragraph ends here."
    assert {r.rule for r in doc.removals} == {"whitespace"}


def test_invisible_characters_and_bom_removed():
    doc = clean_text("\ufeffKabul\u200b airport re\u2060opened. Tal\u00adiban said so.")
    assert doc.clean_text == "Kabul airport reopened. Taliban said so."
    assert Counter(r.rule for r in doc.removals) == {"invisible-char": 4}


def test_link_spam_keeps_text_before_the_urls():
    doc = clean_text(
        "Officials confirmed the strike. https://a.example/1 https://b.example/2\nSource: https://c.example/report\n"
    )
    assert doc.clean_text == "Officials confirmed the strike.\nSource: https://c.example/report"
    assert [r.rule for r in doc.removals if r.rule != "whitespace"] == ["link-spam"]


def test_empty_and_blank_documents():
    assert clean_text("").clean_text == ""
    blank = clean_text(" \n\t\n")
    assert blank.clean_text == "" and [r.rule for r in blank.removals] == ["whitespace"]
    debris_only = clean_text("⬇️\n[END]\nLoading...")
    assert debris_only.clean_text == ""


@pytest.mark.parametrize(
    "first_line",
    [
        "FORT DEVENS, Massachusetts -",  # a dateline
        "The man known as Jihadi John. Photo: Reuters",  # two sentences: a caption
        "Taliban deny claims",  # not alone in its paragraph (see below)
    ],
)
def test_first_lines_that_are_no_headline(first_line):
    text = (
        first_line
        + ("\nThe rest of the paragraph follows." if first_line == "Taliban deny claims" else "")
        + "\n\nBody of the article goes here."
    )
    assert clean_text(text).meta.title is None


def test_byline_standing_first_is_not_taken_for_a_title():
    doc = clean_text("AT News\n\nTaliban deny ISKP claims\n\nBy Jane Doe\n\nBody of the article goes here.")
    assert doc.clean_text == "Taliban deny ISKP claims\n\nBody of the article goes here."
    assert (doc.meta.title, doc.meta.site, doc.meta.author) == ("Taliban deny ISKP claims", "AT News", "Jane Doe")


def test_a_repeated_post_of_short_lines_is_removed_but_short_lines_elsewhere_stay():
    post = "Yes.\nNo.\nMaybe so.\nOK then."
    doc = clean_text(f"{post}\n⬇️\n{post}\n⬇️\nYes.\nNo.")
    assert doc.clean_text == f"{post}\n\nYes.\nNo."
    assert [r.text for r in doc.removals if r.rule == "repeated-paragraph"] == ["Yes.\nNo.\nMaybe so.\nOK then."]


def test_a_comment_form_heading_and_its_notice_on_one_line_go():
    text = (
        "Troops retook the town of Kidal on Saturday after two days of fighting, residents said.\n\n"
        "Leave a comment. You must be logged in to post a comment.\n"
    )
    doc = clean_text(text)
    assert "logged in" not in doc.clean_text
    assert doc.clean_text.startswith("Troops retook the town of Kidal")


def test_a_post_number_opening_a_post_and_a_closing_end_marker_go():
    text = (
        "1/ Notes on the clashes in Kidal this week. The army says it holds the airport.\n\n"
        "2/ Residents say 1/3 of the town has fled. That is a rough figure. /end\n"
    )
    doc = clean_text(text)
    assert doc.clean_text.startswith("Notes on the clashes in Kidal")
    assert "Residents say 1/3 of the town has fled" in doc.clean_text
    assert "/end" not in doc.clean_text and "2/" not in doc.clean_text
