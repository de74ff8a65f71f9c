"""HTML pages: visible text as raw text, trafilatura's boilerplate as auditable removals."""

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import read_paths
from claimgraph.ingest.html import (
    REMOVAL_RULE,
    StreamedText,
    align_main_text,
    html_document,
    looks_like_html,
    parse_html,
    visible_text,
)
from claimgraph.model import Document, Metadata, Source

ARTICLE_PARAGRAPHS = [
    "JALALABAD – Local officials in the eastern border district of Dara-e-Noor said on Monday",
    "The district governor, Abdul Wahid Safi, told reporters that two guards were killed",
    "A spokesman for the provincial administration, Noor Agha Zaheer, rejected the figures",
    "Residents reached by telephone gave differing accounts.",
    "Independent verification was not possible because journalists have limited access",
]


@pytest.fixture(scope="module")
def news_doc(fixtures_dir) -> Document:
    [doc] = read_paths([str(fixtures_dir / "ingest" / "news_page.html")])
    assert isinstance(doc, Document)
    return doc


def removed(doc: Document, start: int, end: int) -> bool:
    return any(r.raw_start < end and start < r.raw_end for r in doc.removals)


def test_metadata_comes_from_the_page(news_doc):
    assert news_doc.source.format == "html"
    assert news_doc.meta.title == "Border district officials dispute militant attack figures"
    assert news_doc.meta.author == "Samira Qadiri"
    assert news_doc.meta.date == "2024-03-18"
    assert news_doc.meta.site == "Khyber Ledger"
    assert news_doc.meta.url == "https://khyberledger.example/news/2024/03/border-district-attack-figures"


def test_raw_text_is_the_visible_text_without_scripts_or_styles(news_doc):
    raw = news_doc.raw_text
    for visible in ("We use cookies", "Subscribe to our newsletter", "Related stories", "All rights reserved"):
        assert visible in raw
    invisible_parts = (
        "dataLayer",
        "trackPageView",
        "font-family",
        "cookie-banner",
        "SYNTHETIC FIXTURE",
        "| Khyber Ledger",
    )
    for invisible in invisible_parts:
        assert invisible not in raw


def test_article_paragraphs_are_separated_by_blank_lines(news_doc):
    starts = [news_doc.raw_text.index(p) for p in ARTICLE_PARAGRAPHS]
    assert starts == sorted(starts)
    for start in starts:
        assert news_doc.raw_text[start - 2 : start] == "\n\n"


def test_every_removal_is_the_raw_text_it_points_to(news_doc):
    assert news_doc.removals
    previous_end = 0
    for r in news_doc.removals:
        assert r.rule == REMOVAL_RULE
        assert news_doc.raw_text[r.raw_start : r.raw_end] == r.text
        assert r.text == r.text.strip() and r.text
        assert r.raw_start >= previous_end  # in order, not overlapping
        previous_end = r.raw_end


def test_navigation_and_page_furniture_are_removals(news_doc):
    texts = [r.text for r in news_doc.removals]
    assert "Home\nNews\nSecurity\nOpinion\nSubscribe to our newsletter" in texts  # the nav menu
    assert "Home / News / Border district officials dispute militant attack figures" in texts  # breadcrumb
    assert any(t.startswith("We use cookies") for t in texts)  # cookie banner
    assert any("Kunar road closures extended" in t for t in texts)  # related links
    assert any("All rights reserved" in t for t in texts)  # footer


def test_article_paragraphs_and_headline_are_not_removed(news_doc):
    raw = news_doc.raw_text
    for paragraph in ARTICLE_PARAGRAPHS:
        start = raw.index(paragraph)
        assert not removed(news_doc, start, start + len(paragraph)), paragraph
    # The headline is kept where the page shows it as a heading, not inside the breadcrumb.
    heading = "\nBorder district officials dispute militant attack figures\n"
    start = raw.index(heading) + 1
    assert not removed(news_doc, start, start + len(heading) - 2)


def test_malformed_html_still_yields_its_text(fixtures_dir):
    [doc] = read_paths([str(fixtures_dir / "ingest" / "malformed.html")])
    assert isinstance(doc, Document)
    assert "the attackers wore uniforms and stopped every vehicle." in doc.raw_text
    assert "Residents said the road remained closed on Saturday morning." in doc.raw_text
    assert "not text" not in doc.raw_text  # inside <script>
    assert doc.meta.title == "Convoy attacked near the pass"
    for r in doc.removals:
        assert doc.raw_text[r.raw_start : r.raw_end] == r.text


def test_page_without_text_is_an_error(tmp_path):
    path = tmp_path / "app.html"
    path.write_text(
        "<html><head><title>App</title><script>boot()</script></head><body><div id=root></div></body></html>"
    )
    assert list(read_paths([str(path)])) == [InputError(str(path), "no text content")]


def test_garbage_that_is_not_html_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<<<>>> </ <!-- <![CDATA[ >")
    [item] = read_paths([str(path)])
    assert isinstance(item, (Document, InputError))


def test_short_snippet_keeps_all_visible_text():
    doc = html_document("<p>SYNTHETIC. A short <b>statement</b>.</p><p>Second line.</p>", Source("s.html", "html"))
    assert doc.raw_text == "SYNTHETIC. A short statement.\n\nSecond line."
    assert doc.removals == ()


def test_main_text_that_does_not_align_is_kept_as_the_raw_text():
    # The story sits in a hidden block: trafilatura extracts it, the visible text lacks it, so the
    # reader falls back to the extracted text with no removals rather than lose the story.
    paragraphs = "".join(
        f"<p>SYNTHETIC paragraph {i} of a story that a stylesheet hides from view but that "
        "trafilatura still reads as the main article text.</p>"
        for i in range(5)
    )
    page = (
        f"<html><body><nav>Home | World</nav><div style='display:none'><article><h1>Hidden story</h1>"
        f"{paragraphs}</article></div><footer>Footer text</footer></body></html>"
    )
    doc = html_document(page, Source("hidden.html", "html"))
    assert doc.raw_text.startswith("Hidden story\n\nSYNTHETIC paragraph 0 of a story")
    assert doc.raw_text.count("\n\n") == 5
    assert doc.removals == ()


def test_given_metadata_wins_and_default_date_fills_in(fixtures_dir):
    html = (fixtures_dir / "ingest" / "news_page.html").read_text(encoding="utf-8")
    doc = html_document(
        html,
        Source("p.html", "html"),
        Metadata(title="Record title", url="https://given.example/"),
        default_date="1999-01-01",
    )
    assert doc.meta.title == "Record title" and doc.meta.url == "https://given.example/"
    assert doc.meta.date == "2024-03-18"  # the page's own date beats the default
    assert doc.meta.author == "Samira Qadiri"


def test_declared_meta_charset_is_honoured(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"></head><body><p>SYNTHETIC. Señora Núñez said the “road” '
        "was open.</p></body></html>"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    [doc] = read_paths([str(path)])
    assert "Señora Núñez said the “road” was open." in doc.raw_text


def test_visible_text_layout():
    tree = parse_html(
        "<div><p>a<br>b<br><br>c</p><ul><li>one</li><li>two</li></ul>"
        "<table><tr><th>h1</th><th>h2</th></tr><tr><td>x</td><td>z</td></tr></table>"
        "<pre>  keep\n    this</pre><span hidden>secret</span><span style='display: none'>gone</span>"
        "tail&nbsp;x <noscript>enable js</noscript><pre>$ cargo new\n</pre>end</div>"
    )
    assert visible_text(tree) == (
        "a\nb\n\nc\n\none\ntwo\n\nh1\th2\nx\tz\n\n  keep\n    this\n\ntail\xa0x\n\n$ cargo new\n\nend"
    )


def test_alignment_needs_ninety_percent_of_the_main_text():
    raw = "Menu\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nFooter"
    spans = align_main_text(raw, "First paragraph here.\nSecond   paragraph\there.")
    assert [raw[s:e] for s, e in spans] == ["First paragraph here.", "Second paragraph here."]
    assert align_main_text(raw, "First paragraph here.\nA sentence that is nowhere in the page at all.") is None


def test_alignment_reads_trafilatura_list_and_table_markup():
    raw = "Intro text\n\nitem one\nitem two\n\ncell a\tcell b"
    spans = align_main_text(raw, "- item one\n- item two\n| cell a | cell b |")
    assert [raw[s:e] for s, e in spans] == ["item one", "item two", "cell a\tcell b"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <html lang='en'>", True),
        ("<p>A paragraph</p>", True),
        ("line one<br/>line two", True),
        ("x < y and y > z", False),
        ("Use the <a> tag, they said", False),
        ("Plain prose.", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_seed_article_wrapped_in_a_page_keeps_every_paragraph(seed_news_path, tmp_path):
    """The real seed's paragraphs laid out as a news page: all of them survive, the menu does not."""
    paragraphs = [p.strip() for p in seed_news_path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body = "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    page = (
        f"<html><head><title>{paragraphs[1]}</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        f"<li><a href='/latest'>Latest</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
        f"<article><h1>{paragraphs[1]}</h1>{body}</article>"
        "<footer>Copyright 2024 · Contact us</footer></body></html>"
    )
    path = tmp_path / "seed.html"
    path.write_text(page, encoding="utf-8")
    [doc] = read_paths([str(path)])
    assert any(r.text == "Home\nLatest\nSport" for r in doc.removals)
    for paragraph in paragraphs[3:]:
        start = doc.raw_text.index(" ".join(paragraph.split()))
        assert not removed(doc, start, start + len(paragraph)), paragraph[:60]


def test_alignment_accepts_a_block_trafilatura_moved():
    raw = "Press ? to show this help\n\nThe Title\n\nBody of the page."
    spans = align_main_text(raw, "The Title\nBody of the page.\nPress ? to show this help")
    assert [raw[s:e] for s, e in spans] == ["Press ? to show this help", "The Title", "Body of the page."]


def test_author_box_is_not_taken_as_the_author(examples_dir):
    from claimgraph.ingest import read_paths

    (doc,) = list(read_paths([str(examples_dir / "balkh_tribune_surkhrod_wire_republished.html")]))
    assert doc.meta.author is None or not doc.meta.author.startswith("About")


def test_html_nested_100k_deep_keeps_its_text(tmp_path):
    # libxml2 stops building the tree at 256 levels; the page's text must not be lost with it
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><head><script>var hidden = 1;</script></head><body>"
        + "<div>" * 100_000
        + "<p>Officials in Kabul said the convoy was attacked on Monday.</p>"
        + "</div>" * 100_000
        + "<p>The ministry denied the report.<br>It said &amp; so.</p></body></html>",
        encoding="utf-8",
    )
    [doc] = read_paths([str(path)])
    assert doc.raw_text == (
        "Officials in Kabul said the convoy was attacked on Monday.\n\nThe ministry denied the report.\nIt said & so."
    )


def test_streamed_rendering_matches_the_tree_rendering():
    page = (
        "<div><p>a<br>b<br><br>c</p><ul><li>one</li><li>two</li></ul><table><tr><td>h1</td><td>h2</td></tr>"
        "<tr><td>x</td><td>z</td></tr></table><pre>  keep\n    this</pre>tail&nbsp;x<p hidden>no</p>"
        "<span style='display:none'>no</span><script>no</script><hr><img src=x>end</div>"
    )
    streamed = StreamedText()
    streamed.feed(page)
    streamed.close()
    assert streamed.out.result() == visible_text(parse_html(page))


@pytest.mark.parametrize(
    "tag",
    [
        '<meta name="author" content="UN Office for the Coordination of Humanitarian Affairs (OCHA)">',
        "<META CONTENT='UN Office for the Coordination of Humanitarian Affairs (OCHA)' property='article:author'>",
    ],
)
def test_an_organisation_author_is_not_cut_at_its_first_lowercase_word(tmp_path, tag):
    """trafilatura shortens "UN Office for the Coordination of Humanitarian Affairs (OCHA)" to "UN
    Office"; the page's own author tag gives the name back whole (a DRC trial's speaker was "UN Office"),
    its attributes in any order or case."""
    path = tmp_path / "flash.html"
    body = " ".join(["Shelling hit the displacement site on Friday, killing seven people, local staff said."] * 4)
    path.write_text(
        f"<html><head><title>Sudan: Flash Update No. 2</title>{tag}</head><body>"
        "<article><h1>Sudan: Flash Update No. 2</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    (doc,) = list(read_paths([str(path)]))
    assert doc.meta.author == "UN Office for the Coordination of Humanitarian Affairs (OCHA)"
