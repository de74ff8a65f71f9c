"""Article headers (outlet, byline and date lines), the demo corpus marker, comment forms and the
author-box guard, on synthetic fixtures and on the example corpus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from clean_invariants import check_invariants

from claimgraph.clean import RulesError, clean_document, load_rules
from claimgraph.clean.dates import parse_date
from claimgraph.ingest import read_paths
from claimgraph.model import Document, Metadata, Source, new_document

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module

MARKER = "[SYNTHETIC EXAMPLE — written for claimgraph's demo corpus; not real reporting]"


def clean_file(path: Path) -> Document:
    fmt = path.suffix.lstrip(".")
    doc = clean_document(new_document(Source(str(path), fmt), path.read_text(encoding="utf-8")), RULES)
    check_invariants(doc)
    return doc


def clean_text(text: str, fmt: str = "txt", **kwargs) -> Document:
    doc = clean_document(new_document(Source(f"inline.{fmt}", fmt), text, **kwargs), RULES)
    check_invariants(doc)
    return doc


def removed(doc: Document) -> list[tuple[str, str]]:
    return [(r.rule, r.text) for r in doc.removals if r.rule != "whitespace"]


def meta_tuple(doc: Document) -> tuple:
    return doc.meta.title, doc.meta.site, doc.meta.author, doc.meta.date


# -- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plain(fixtures_dir: Path) -> Document:
    return clean_file(fixtures_dir / "clean" / "header_plain.txt")


def test_plain_header_block_becomes_metadata(plain):
    assert meta_tuple(plain) == (
        "Militants attack checkpoint on Jalalabad highway, police say",
        "Frontier Chronicle",
        "Samira Noori",
        "2025-03-09",
    )
    assert plain.clean_text.split("\n\n")[0] == plain.meta.title
    assert removed(plain)[:4] == [
        ("example-marker", MARKER),
        ("author-byline", "By Samira Noori"),
        ("outlet-header", "Frontier Chronicle"),
        ("dateline-header", "Updated: March 9, 2025 14:30 GMT"),
    ]
    # the body's own dateline stays in the text
    assert plain.clean_text.split("\n\n")[1].startswith("JALALABAD, 8 March 2025 – Gunmen attacked")


def test_about_heading_above_article_paragraphs_stays_but_author_box_goes(plain):
    paragraphs = plain.clean_text.split("\n\n")
    assert "About Afghanistan" in paragraphs
    assert paragraphs[-1].startswith("The spokesman said the attackers fled")
    [box] = [text for rule, text in removed(plain) if rule == "author-box"]
    assert box == (
        "About Samira Noori\n\nSamira Noori reports on security in eastern Afghanistan for the Frontier Chronicle."
    )


def test_markdown_title_and_italic_byline(fixtures_dir):
    doc = clean_file(fixtures_dir / "clean" / "header_markdown.md")
    assert meta_tuple(doc) == ("Why the Kunar strike matters", "Hindu Kush Briefing", "Omar Siddiqi", "2025-03-20")
    assert doc.clean_text.split("\n\n") == [
        "Why the Kunar strike matters",
        "The strike in Chawkay raises three questions that nobody has answered yet, and each of them matters "
        "for the region.",
        "Who carried it out",
        "Residents, the Taliban and Pakistani sources each tell a different story about the aircraft and its target.",
    ]
    assert Counter(rule for rule, _ in removed(doc)) == {
        "example-marker": 1,
        "markdown-heading-mark": 2,
        "markdown-inline-mark": 2,  # the byline's underscores
        "author-byline": 1,
    }


@pytest.mark.parametrize(
    "line",
    ["*Sahel Monitor* · 12 May 2025 · By **Aminata Ouedraogo**", "Sahel Monitor | 12 May 2025 | By Aminata Ouedraogo"],
)
def test_outlet_date_then_byline(line):
    text = f"# Army and jihadists give different tolls for Djibo attack\n\n{line}\n\nDJIBO — Gunmen attacked the town."
    doc = clean_text(text, "md")
    assert meta_tuple(doc) == (
        "Army and jihadists give different tolls for Djibo attack",
        "Sahel Monitor",
        "Aminata Ouedraogo",
        "2025-05-12",
    )
    assert doc.clean_text.split("\n\n")[1] == "DJIBO — Gunmen attacked the town."


def test_markdown_inline_marks_removed_words_kept():
    text = (
        "**Kabul** -- *Residents* said [the Ledger](https://example.org/a_b) and __two__ others saw it.\n"
        "- a list item with snake_case_names and 2*3 in it\n"
        "> a quoted line with `code` and ![a map](https://example.org/map.png)"
    )
    doc = clean_text(text, "md")
    check_invariants(doc)
    assert doc.clean_text.split("\n") == [
        "Kabul -- Residents said the Ledger and two others saw it.",
        "a list item with snake_case_names and 2*3 in it",
        "a quoted line with code and a map",
    ]
    assert {rule for rule, _ in removed(doc)} == {"markdown-inline-mark"}
    assert clean_text(text, "txt").clean_text.startswith("**Kabul**")  # Markdown only in .md files


def test_markdown_marks_stay_in_plain_text():
    doc = clean_text("# not a heading in a text file\n\nBody text of the note goes here.")
    assert doc.clean_text.startswith("# not a heading")


def test_comment_form_and_page_furniture_removed(fixtures_dir):
    doc = clean_file(fixtures_dir / "clean" / "comment_form.txt")
    assert doc.clean_text.split("\n\n") == [
        "Traders protest new fruit tax in Jalalabad",
        "Fruit traders closed their shops in Jalalabad on Monday to protest against a new tax on exports "
        "through Torkham, local traders said.",
        "The provincial finance department said the tax would fund road repairs on the highway to the border crossing.",
    ]
    by_rule = {}
    for rule, text in removed(doc):
        by_rule.setdefault(rule, []).append(text)
    assert by_rule["comment-form"] == [
        "Leave a Reply\nYour email address will not be published. Required fields "
        "are marked *\nComment\nName *\nEmail *\nWebsite"
    ]
    assert by_rule["taxonomy-line"] == ["Tags: Jalalabad, Nangarhar, trade", "Filed under Economy, Nangarhar"]
    assert by_rule["related-content"][0].startswith("Related\nTorkham reopens")
    assert {"Share this:", "Like this:", "Print", "Post Comment"} <= set(by_rule["interface-string"])
    assert "Subscribe to our newsletter" in by_rule["share-line"]


# -- the header stays conservative -----------------------------------------------------------------


def test_body_dateline_is_no_header_but_dates_the_document():
    doc = clean_text(
        "Taliban deny ISKP presence in Kunar\n\nKabul Morning Post\n\n"
        "KABUL, 28 March 2025 – The Islamic Emirate said on Friday that Daesh had no presence in Kunar."
    )
    assert meta_tuple(doc) == ("Taliban deny ISKP presence in Kunar", "Kabul Morning Post", None, "2025-03-28")
    assert doc.clean_text.endswith(
        "KABUL, 28 March 2025 – The Islamic Emirate said on Friday that Daesh had no presence in Kunar."
    )
    assert removed(doc) == [("byline", "Kabul Morning Post")]


def test_a_lone_outlet_like_line_is_not_taken():
    text = "Taliban deny ISKP presence in Kunar\nEastern Provinces Desk Notes\n\nThe Islamic Emirate said so."
    doc = clean_text(text)
    assert "Eastern Provinces Desk Notes" in doc.clean_text and doc.meta.site is None


def test_a_standfirst_under_the_headline_stays():
    text = (
        "Taliban deny ISKP presence in Kunar\nOfficials say the group was defeated last year\n"
        "By Jane Doe\n\nThe Islamic Emirate said on Friday that Daesh had no presence in Kunar."
    )
    doc = clean_text(text)
    assert doc.clean_text.startswith("Taliban deny ISKP presence in Kunar\nOfficials say")
    assert doc.meta.author is None and doc.meta.title is None


def test_header_lines_further_down_are_body():
    text = (
        "Body paragraph that opens the document and ends like a sentence.\n\nKabul Ledger\nBy Jane Doe\n"
        "7 March 2025\n\nMore body text follows here."
    )
    doc = clean_text(text)
    assert "By Jane Doe" in doc.clean_text and doc.meta.date is None


def test_a_date_line_must_hold_a_real_date():
    doc = clean_text("Taliban deny ISKP presence in Kunar\nKabul Ledger\n31 February 2025\n\nBody text here.")
    assert "31 February 2025" in doc.clean_text and doc.meta.date is None


def test_header_values_never_overwrite_the_readers_metadata():
    text = "Suicide bomber kills 12 in Surkh Rod\nKabul Ledger\nBy Jawid Hamidi\n7 March 2025\n\nBody text here."
    doc = clean_text(text, meta=Metadata(title="Given title", author="Given Author", date="2025-03-08"))
    assert meta_tuple(doc) == ("Given title", "Kabul Ledger", "Given Author", "2025-03-08")
    assert doc.clean_text == "Suicide bomber kills 12 in Surkh Rod\n\nBody text here."


def test_byline_with_date_and_name_dot_date_forms():
    doc = clean_text("Border forces say Pakistan fired first\n\nBy Shafiq Momand | 24 March 2025\n\nBody text here.")
    assert (doc.meta.author, doc.meta.date) == ("Shafiq Momand", "2025-03-24")
    doc = clean_text("Border forces say Pakistan fired first\nStaff Reporter · Saturday, March 8, 2025\n\nBody.")
    assert (doc.meta.author, doc.meta.date, doc.clean_text) == (
        "Staff Reporter",
        "2025-03-08",
        "Border forces say Pakistan fired first\n\nBody.",
    )


def test_header_documents_clean_idempotently(fixtures_dir):
    for name in ("header_plain.txt", "header_markdown.md", "comment_form.txt"):
        doc = clean_file(fixtures_dir / "clean" / name)
        again = clean_text(doc.clean_text, fmt=doc.source.format)
        assert again.clean_text == doc.clean_text
        assert removed(again) == []


@pytest.mark.parametrize(
    "text, iso",
    [
        ("7 March 2025", "2025-03-07"),
        ("March 7, 2025", "2025-03-07"),
        ("2025-03-07", "2025-03-07"),
        ("Saturday, 8 Mar. 2025", "2025-03-08"),
        ("Sept 3, 2024, 10:15 AM PKT", "2024-09-03"),
        ("2025-03-08T11:20:00+05:00", "2025-03-08"),
        ("7th March, 2025", "2025-03-07"),
        ("Friday 13 March 2026, 7 a.m.", "2026-03-13"),
        ("13 March 2026 11pm GMT", "2026-03-13"),
        ("13 March 2026 7", None),
        ("۱۷ حوت ۱۴۰۳", "2025-03-07"),
        ("1 حمل 1404", "2025-03-21"),
        ("۱۰ جدی ۱۴۰۲ هـ ش", "2023-12-31"),
        ("30 اسفند 1403", "2025-03-20"),
        ("31 حوت 1403", None),
        ("5 حوت 2025", None),
        ("31 February 2025", None),
        ("May 2025", None),
        ("08/03/2025", None),
        ("30.11.2026", "2026-11-30"),
        ("30/11/2026", "2026-11-30"),
        ("11/30/2026", "2026-11-30"),
        ("2026/11/30", "2026-11-30"),
        ("2026.12.01", "2026-12-01"),
        ("05/11/2026", None),
        ("30/11.2026", None),
        ("31.11.2026", None),
        ("1.5", None),
        ("Kabul Ledger", None),
        ("", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_header_patterns_need_a_field_group(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - name: my-header\n    kind: header\n    description: d\n    patterns: ['Kabul .*']\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="has no .*site.* group"):
        load_rules(extra=[path])


def test_extra_header_rule_joins_the_header_group(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - name: photo-credit-header\n    kind: header\n    description: photo credits\n"
        "    patterns: ['Photo: (?P<site>.+)']\n",
        encoding="utf-8",
    )
    rules = load_rules(extra=[path])
    names = rules.names()
    assert names.index("photo-credit-header") == names.index("outlet-header") + 1
    text = "Taliban deny ISKP presence in Kunar\nPhoto: Kabul Ledger\nBy Jane Doe\n\nBody text here."
    doc = clean_document(new_document(Source("a.txt", "txt"), text), rules)
    assert removed(doc) == [("photo-credit-header", "Photo: Kabul Ledger"), ("author-byline", "By Jane Doe")]


def test_every_new_rule_is_described():
    reasons = load_rules().descriptions()
    for name in (
        "example-marker",
        "markdown-heading-mark",
        "markdown-inline-mark",
        "dateline-header",
        "author-byline",
        "outlet-header",
        "body-dateline",
        "comment-form",
        "comment-form-line",
        "taxonomy-line",
        "author-box",
        "posted-by",
    ):
        assert reasons.get(name), name
    assert "provenance" in reasons["example-marker"] or "demo corpus" in reasons["example-marker"]


# -- the example corpus --------------------------------------------------------------------------

EXPECTED = {  # file: (title, site, author, date)
    "kabul_ledger_surkhrod_bombing.txt": (
        "Suicide bomber kills at least 12 at Friday prayers in Nangarhar's Surkh Rod",
        "Kabul Ledger",
        "Jawid Hamidi",
        "2025-03-07",
    ),
    "kabul_ledger_surkhrod_bombing_repost.txt": (
        "Suicide bomber kills at least 12 at Friday prayers in Nangarhar's Surkh Rod",
        "Kabul Ledger",
        "Jawid Hamidi",
        "2025-03-07",
    ),
    "hindu_kush_observer_kabul_detentions.txt": (
        'Families say men detained in Kabul "Daesh" raids were students and shopkeepers',
        "Hindu Kush Observer",
        "Mariam Rahimi",
        "2025-03-13",
    ),
    "meridian_review_un_monitoring_report.txt": (
        "UN monitors say ISKP remains the most serious terrorist threat from Afghanistan",
        "The Meridian Review",
        "Helen Okafor",
        "2025-03-26",
    ),
    "pamir_herald_dushanbe_arrests.txt": (
        "Tajikistan says it detained six ISKP recruits trained in Afghanistan's Badakhshan",
        "Pamir Herald",
        "Firuz Nazarov",
        "2025-03-16",
    ),
    "kabul_morning_post_doha_commitments.txt": (
        "Islamic Emirate reaffirms Doha commitments, says Daesh reduced to scattered remnants",
        "Kabul Morning Post",
        None,
        "2025-03-28",
    ),
    "oxus_security_notes_iskp_threat.md": (
        "ISKP is a significant and growing threat, and Surkh Rod shows why",
        "Oxus Security Notes",
        "Dr. Laleh Harrington",
        "2025-04-01",
    ),
}

COMMENT_FORM_TEXT = [
    "Leave a Reply",
    "Your email address will not be published",
    "Save my name, email",
    "Post Comment",
    "Share this:",
    "Click to share",
    "Like this:",
    "Tags:",
    "Filed under",
    "Subscribe to our newsletter",
    "About admin",
    "Check Also",
    "Related Posts",
]


@pytest.fixture(scope="module")
def examples(examples_dir: Path) -> list[Document]:
    docs = []
    for item in read_paths([str(examples_dir)]):
        assert isinstance(item, Document), str(item)
        docs.append(clean_document(item, RULES))
    return docs


def _by_file(examples: list[Document], name: str) -> Document:
    return next(d for d in examples if Path(d.source.path).name == name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_headers(examples, name):
    doc = _by_file(examples, name)
    check_invariants(doc)
    assert meta_tuple(doc) == EXPECTED[name]
    assert doc.clean_text.split("\n\n")[0] == doc.meta.title


def test_example_marker_removed_everywhere_but_kept_in_raw(examples):
    assert len(examples) >= 15
    for doc in examples:
        assert MARKER in doc.raw_text, doc.source.locator
        assert "SYNTHETIC EXAMPLE" not in doc.clean_text, doc.source.locator
        assert any(r.text.strip() == MARKER for r in doc.removals), doc.source.locator
        rules = {r.rule for r in doc.removals if r.text.strip() == MARKER}
        # text readers' marker goes by its own rule; trafilatura already drops the HTML pages' visible one
        assert rules == ({"html-boilerplate"} if doc.source.format in ("html", "warc") else {"example-marker"})


def test_no_page_furniture_left_in_any_example(examples):
    for doc in examples:
        for phrase in COMMENT_FORM_TEXT:
            assert phrase not in doc.clean_text, (doc.source.locator, phrase)


def test_html_examples_keep_title_and_body(examples):
    for doc in examples:
        if doc.source.format not in ("html", "warc"):
            continue
        # the headline the extraction kept is the page's title: in meta.title, removed as page-title
        assert [r.text for r in doc.removals if r.rule == "page-title"] == [doc.meta.title], doc.source.locator
        paragraphs = doc.clean_text.split("\n\n")
        assert len(paragraphs) >= 5 and len(paragraphs[0].split()) >= 20, doc.source.locator
        assert paragraphs[0].split(",")[0].isupper(), doc.source.locator  # the body's dateline opens it


def test_thread_header_line_gives_account_and_date(examples):
    thread = _by_file(examples, "thread_peacewatch_iskp_remnants.txt")
    assert meta_tuple(thread) == (None, "@PeaceWatchAF", "Regional Peace Watch", "2025-03-30")
    assert thread.clean_text.startswith("The Amaq claim for the Surkh Rod mosque bombing remains unverified")
    assert ("author-byline", "Thread by @PeaceWatchAF (Regional Peace Watch) · 30 March 2025") in removed(thread)


def test_dari_statement_solar_hijri_dateline(examples):
    doc = _by_file(examples, "moi_statement_surkhrod_dari.txt")
    assert meta_tuple(doc) == ("اعلامیهٔ وزارت امور داخلهٔ امارت اسلامی افغانستان", None, None, "2025-03-07")
    assert ("dateline-header", "کابل، ۱۷ حوت ۱۴۰۳") in removed(doc)
    assert doc.clean_text.split("\n\n")[1].startswith("امروز هنگام ادای نماز جمعه")


def test_statements_keep_their_first_sentence(examples):
    for doc in examples:
        if doc.source.format == "jsonl":
            assert doc.clean_text == doc.raw_text[len(MARKER) + 1 :].strip()


# -- an outlet line and a date line above the headline (a common scraper layout) ----------------------

OUTLET_LINE = Path(__file__).parent.parent / "fixtures" / "clean" / "outlet_line"
OUTLET_CASES = yaml.safe_load((OUTLET_LINE / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(OUTLET_CASES))
def test_outlet_line_above_headline(name):
    doc = clean_file(OUTLET_LINE / name)
    expected = OUTLET_CASES[name]
    assert meta_tuple(doc) == tuple(expected["meta"])
    assert doc.clean_text.split("\n\n")[0] == expected["first"]
    assert clean_text(doc.clean_text, name.rsplit(".", 1)[1]).clean_text == doc.clean_text
