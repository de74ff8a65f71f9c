"""Debris of real pages (learned from the article-extraction benchmark's train pages) and the metadata
lines above a text; on synthetic fixtures (tests/fixtures/clean/README.md) and the real seeds."""

from __future__ import annotations

import pytest
from clean_invariants import check_invariants

from claimgraph.clean import RulesError, clean_document, load_rules, site_of_url
from claimgraph.model import Metadata, Source, new_document

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module


def _clean(path, fmt="txt", meta=None):
    doc = clean_document(
        new_document(Source(str(path), fmt), path.read_text(encoding="utf-8"), meta or Metadata()), RULES
    )
    check_invariants(doc)
    return doc


def _removed(doc):
    return [(r.rule, r.text) for r in doc.removals if r.rule not in ("whitespace", "example-marker")]


def test_url_date_and_byline_above_a_text_become_metadata(fixtures_dir):
    doc = _clean(fixtures_dir / "clean" / "text_header_metadata.txt")
    url = "https://www.kabul-ledger.example/news/2025/03/07/surkh-rod-bombing"
    assert doc.meta == Metadata(
        title="Suicide bomber kills at least 12 at Friday prayers in Surkh Rod",
        author="Jawid Hamidi",
        date="2025-03-07",
        site="kabul-ledger.example",
        url=url,
    )
    assert _removed(doc) == [
        ("header-metadata", url),
        ("header-metadata", "date 2025-03-07"),
        ("header-metadata", "By Jawid Hamidi"),
    ]
    # every removal is the raw text at its span (check_invariants); the headline opens the clean text
    assert doc.clean_text.startswith("Suicide bomber kills at least 12")
    assert "http" not in doc.clean_text and "Jawid" not in doc.clean_text


def test_published_and_site_lines(fixtures_dir):
    doc = _clean(fixtures_dir / "clean" / "text_published_site.txt")
    assert (doc.meta.date, doc.meta.site, doc.meta.url) == ("2025-03-16", "Pamir Herald", None)
    assert _removed(doc) == [("header-metadata", "Published: 16 March 2025"), ("header-metadata", "Site: Pamir Herald")]
    assert doc.clean_text == "Tajik officials said six men detained in Dushanbe had trained with ISKP in Badakhshan."


def test_metadata_lines_are_taken_once_and_cleaning_is_idempotent(fixtures_dir):
    doc = _clean(fixtures_dir / "clean" / "text_header_metadata.txt")
    again = clean_document(new_document(Source("again.txt", "txt"), doc.clean_text), RULES)
    assert again.clean_text == doc.clean_text
    assert not [r for r in again.removals if r.rule == "header-metadata"]


def test_a_url_under_the_headline_is_the_documents_url_but_a_cited_source_stays():
    doc = clean_document(
        new_document(
            Source("a.txt", "txt"),
            "Kunar checkpoint attacked\nhttps://news.example/k/1\n\n"
            "Police said two attackers were killed.\nSource: https://c.example/report\n",
        ),
        RULES,
    )
    assert (doc.meta.url, doc.meta.site) == ("https://news.example/k/1", "news.example")
    assert doc.clean_text == (
        "Kunar checkpoint attacked\n\nPolice said two attackers were killed.\nSource: https://c.example/report"
    )


def test_a_sentence_on_top_is_not_metadata():
    text = "By doing so, the ministry said, it would reopen the road.\n2025-03-07\n"
    doc = clean_document(new_document(Source("a.txt", "txt"), text), RULES)
    assert doc.meta.author is None and doc.clean_text.startswith("By doing so")


def test_site_falls_back_to_the_url_host_and_a_named_site_wins():
    page = "Police said the road reopened on Tuesday after two days."
    given = Metadata(title="Road reopens", url="https://www.spinghartimes.example/a/1")
    assert (
        clean_document(new_document(Source("p.html", "html"), page, given), RULES).meta.site == "spinghartimes.example"
    )
    named = Metadata(title="Road reopens", url="https://www.spinghartimes.example/a/1", site="Spin Ghar Times")
    assert clean_document(new_document(Source("p.html", "html"), page, named), RULES).meta.site == "Spin Ghar Times"
    assert site_of_url("www.pamirherald.example/x") == "pamirherald.example"
    assert site_of_url("not a url") is None and site_of_url("http://[::1") is None and site_of_url(None) is None


def test_page_debris_removed_with_its_rule_and_article_text_kept(fixtures_dir):
    doc = _clean(
        fixtures_dir / "clean" / "page_debris.txt",
        "html",
        Metadata(title="Kunar police say checkpoint attack repelled | Kabul Ledger"),
    )
    by_rule: dict[str, list[str]] = {}
    for rule, text in _removed(doc):
        by_rule.setdefault(rule, []).append(text)
    assert by_rule["page-title"] == ["Kunar police say checkpoint attack repelled"]
    assert by_rule["reading-time"] == ["5 min read"]
    assert by_rule["click-to-tweet"] == ["The checkpoint guards the road to the border crossing.Click To Tweet"]
    assert by_rule["source-credit"] == ["SOURCE: Frontier Wire"]
    assert by_rule["tip-line"][0].startswith("Have a tip?")
    assert len(by_rule["newsletter-prompt"]) == 3
    assert by_rule["affiliate-disclosure"][0].startswith("If you buy something through this post")
    assert by_rule["copyright-line"] == ["© 2025 Kabul Ledger. All rights reserved."]
    assert by_rule["related-content"][0].startswith("You may also like...")
    assert by_rule["comment-prompt"] == ["0 Comments", "Comments are closed."]
    assert by_rule["comment-section"][0].startswith("2 thoughts on")
    assert by_rule["comment-section"][0].endswith("Reader Two asked when it would reopen.")
    assert doc.clean_text.split("\n\n") == [
        "ASADABAD – Police in Kunar province said on Tuesday that they had repelled an attack on a checkpoint near "
        "the border, killing two attackers.",
        "A police spokesman said no officers were hurt and that the attackers had come from across the border at "
        "night.",
    ]


def test_page_title_is_only_for_pages_and_only_once():
    text = "Kunar police say checkpoint attack repelled\n\nKunar police say checkpoint attack repelled\n\nBody."
    meta = Metadata(title="Kunar police say checkpoint attack repelled")
    page = clean_document(new_document(Source("p.html", "html"), text, meta), RULES)
    assert [r.rule for r in page.removals if r.rule == "page-title"] == ["page-title"]
    # a text file's headline stays (the title rule reads it); only pages' extractions repeat <title>
    txt = clean_document(new_document(Source("p.txt", "txt"), text, meta), RULES)
    assert txt.clean_text.startswith("Kunar police say")
    assert not [r for r in txt.removals if r.rule == "page-title"]


def test_article_sentences_with_debris_words_stay():
    body = (
        "Officials said 12 comments were posted on the ministry's page before it was closed.\n\n"
        "The source said: the bridge was closed for repairs on Monday, not attacked.\n\n"
        "She wrote in the newsletter that the road had reopened."
    )
    doc = clean_document(new_document(Source("a.html", "html"), body), RULES)
    assert doc.clean_text == body


def test_every_new_rule_is_described():
    reasons = load_rules().descriptions()
    for name in (
        "header-metadata",
        "page-title",
        "comment-prompt",
        "comment-section",
        "newsletter-prompt",
        "reading-time",
        "source-credit",
        "click-to-tweet",
        "affiliate-disclosure",
        "copyright-line",
        "tip-line",
        "membership-pitch",
        "shortcode",
    ):
        assert reasons.get(name), name


def test_seeds_have_no_metadata_lines_on_top(seed_news_path, seed_thread_path):
    """The seeds open with a breadcrumb and headline (news) and a post (thread): nothing is header-metadata;
    the news page's link spam, further down, stays link spam."""
    news = _clean(seed_news_path)
    thread = _clean(seed_thread_path)
    assert not [r for r in (*news.removals, *thread.removals) if r.rule == "header-metadata"]
    assert (news.meta.site, news.meta.url) == ("AT News", None)
    assert any(r.rule == "link-spam" and r.text.startswith("https://") for r in news.removals)


def test_repeated_lines_of_a_page_stay_and_of_a_text_go():
    text = (
        "Monday\nPre-Workout Supplement drink\nEat before your workout.\n\n"
        "Tuesday\nPre-Workout Supplement drink\nEat before your workout."
    )
    page = clean_document(new_document(Source("p.html", "html"), text), RULES)
    assert page.clean_text.count("Pre-Workout Supplement drink") == 2  # a page's structure repeats on purpose
    thread = clean_document(new_document(Source("t.txt", "txt"), text), RULES)
    assert thread.clean_text.count("Pre-Workout Supplement drink") == 1
    assert load_rules().get("repeated-line").skip_formats == frozenset({"html", "warc"})


def test_skip_formats_must_be_a_list(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "rules:\n  - name: x\n    kind: line\n    description: d\n    patterns: ['x']\n    skip_formats: html\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="skip_formats must be a list"):
        load_rules(extra=[path])
