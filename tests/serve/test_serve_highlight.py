"""Highlighted document HTML is built from escaped pieces and well-formed marks."""

from __future__ import annotations

from html.parser import HTMLParser

from workbench_store import annotated_document

from claimgraph.render.highlight import Span, highlight, raw_with_removals, web_url
from claimgraph.render.map import MapPoint, map_svg


class TagBalance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> TagBalance:
    p = TagBalance()
    p.feed(html)
    p.close()
    return p


def test_overlapping_spans_nest_and_keep_the_text():
    text = "ISKP <b>claimed</b> the attack & more"
    spans = [Span(0, 18, "claim", "c"), Span(5, 30, "event", "e"), Span(0, 4, "entity", "x")]
    html = highlight(text, spans)
    p = parse(str(html))
    assert not p.errors and not p.stack
    assert set(p.stack) == set() and "<b>" not in html
    assert "".join(p.text) == text  # the parser unescapes: exactly the original characters
    assert html.count("<mark") == html.count("</mark>")


def test_spans_outside_the_text_are_ignored():
    assert highlight("abc", [Span(2, 9, "entity", "x"), Span(-1, 1, "claim", "y")]) == "abc"


def test_annotated_document_highlights_and_anchors():
    doc = annotated_document()
    from claimgraph.render.highlight import document_spans

    html = str(highlight(doc.clean_text, document_spans(doc)))
    assert f'id="claim-{doc.id}-c0"' in html and f'id="event-{doc.id}-e0"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert not parse(html).errors


def test_removals_render_in_place_with_rule_and_reason(fixtures_dir):
    from claimgraph.clean import clean_document, load_rules
    from claimgraph.model import Source, new_document

    raw = (fixtures_dir / "hostile" / "hostile_post.txt").read_text()
    rules = load_rules()
    doc = clean_document(new_document(Source("hostile_post.txt", "txt"), raw), rules)
    html = str(raw_with_removals(doc, rules.descriptions()))
    assert "<script>" not in html and "<img" not in html
    assert not parse(html).errors
    for r in doc.removals:
        assert f'<span class="rule-tag">{r.rule}</span>' in html


def test_web_url_accepts_only_http():
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        " JAVASCRIPT:alert(1)",
        'https://x" onmouseover="a',
        None,
        "",
    ):
        assert web_url(bad) is None


def test_map_svg_escapes_labels_and_draws_points():
    svg = str(
        map_svg(
            [
                MapPoint(70.45, 34.43, "<script>alert(1)</script>", "event", "/documents/ab#x", 3),
                MapPoint(69.17, 34.53, "Kabul", "place"),
                MapPoint(float("nan"), 1.0, "bad"),
            ]
        )
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<circle") == 2 and 'href="/documents/ab#x"' in svg
    assert not parse(svg).errors
