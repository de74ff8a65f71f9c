"""HTML pages: the whole visible text as raw text, with trafilatura's boilerplate as removals.

For auditability the raw text is *everything a reader of the page sees* (scripts, styles and
hidden elements excluded; block elements on their own lines, paragraph-level blocks separated by
a blank line so the cleaner sees paragraphs). trafilatura then picks the main content; we align
its text back onto the raw text, line by line and in order, ignoring whitespace, and record the
visible text it dropped (menus, breadcrumbs, bylines, cookie banners, footers) as
``Removal(..., "html-boilerplate", ...)`` spans. Nothing is silently lost: the analyst can see
exactly which characters were taken out. When the alignment cannot account for at least 90% of
the extracted characters, the raw text becomes the extracted text itself, with no removals, so
main content is never dropped because of an alignment failure.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import lxml.html
import trafilatura
from lxml import etree

from claimgraph.errors import InputRejected
from claimgraph.ingest.encoding import decode, undecodable_removals
from claimgraph.model import Document, Metadata, Removal, Source, new_document

log = logging.getLogger(__name__)

REMOVAL_RULE = "html-boilerplate"
MIN_ALIGNED_SHARE = 0.90
_MIN_LOOSE_MATCH = 40  # non-space characters an out-of-order substring match needs

# Never rendered as text.
_INVISIBLE = frozenset(
    {
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "datalist",
        "textarea",
        "audio",
        "video",
        "map",
    }
)
# Paragraph-level blocks: a blank line before and after.
_PARAGRAPH_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "legend",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
    }
)
# Line-level blocks: their own line, no blank line (list items, table rows, definition terms).
_LINE_BLOCKS = frozenset({"li", "dt", "dd", "tr", "caption", "option", "thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
_CELL_SEPARATOR = "\t"

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace; a no-break space is text
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_COMMON_TAG = r"(?:p|div|span|a|article|section|body|h[1-6]|li|ul|ol|table|td|tr|blockquote|em|strong|b|i)"
_OPEN_TAG = re.compile(rf"<{_COMMON_TAG}\b[^<>]*>", re.I)
_CLOSE_TAG = re.compile(rf"</{_COMMON_TAG}\s*>", re.I)
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_LIST_MARKER = re.compile(r"^\s*[-*•]\s+")  # trafilatura writes list items as "- item"

# Dates only from the page's markup, never guessed from its prose (htmldate's extensive search).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def looks_like_html(text: str) -> bool:
    """A document start (<!DOCTYPE html>, <html>), or real markup: a paired common tag or a <br>."""
    head = text[:65536]
    if _HTML_START.match(head) or _LINE_BREAK_TAG.search(head):
        return True
    return bool(_OPEN_TAG.search(head) and _CLOSE_TAG.search(head))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def read_html_bytes(data: bytes, path: str) -> Document:
    text = decode(data, path, declared=declared_charset(data))
    return html_document(text, Source(path, "html"))


def html_document(
    html: str, source: Source, meta: Metadata | None = None, *, default_date: str | None = None
) -> Document:
    """A Document from an HTML string.

    ``meta`` fields that are set win over what the page says (a JSON record's fields, a WARC
    target URI); ``default_date`` is used only when the page has no date of its own.
    """
    visible = page_text(html)
    given = meta or Metadata()
    extracted = _extract(html, given.url)
    main_text = _main_text(extracted)
    if main_text.strip():
        spans = align_main_text(visible, main_text)
        if spans is not None:
            raw_text, removals = visible, boilerplate_removals(visible, spans)
        else:
            log.debug("%s: extracted text does not align with the page; keeping the extraction only", source.locator)
            raw_text, removals = _as_paragraphs(main_text), []
    elif visible.strip():
        # trafilatura found no main content (e.g. a short snippet): keep all visible text.
        raw_text, removals = visible, []
    else:
        raise InputRejected("no text content")
    page_meta = _page_metadata(extracted, html, given.url)
    merged = Metadata(
        title=given.title or page_meta.title,
        author=given.author or page_meta.author,
        date=given.date or page_meta.date or default_date,
        site=given.site or page_meta.site,
        url=given.url or page_meta.url,
    )
    return new_document(source, raw_text, merged, undecodable_removals(raw_text, html, tuple(removals)))


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """Parse leniently (lxml recovers from malformed markup); None when there is no document."""
    return _parse(html)[0]


def _parse(html: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The tree, and whether libxml2 stopped at one of its limits (elements nested over 256 deep,
    a text node over 10 MB), leaving the rest of the page out of the tree."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        tree = None
    return tree, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def page_text(html: str) -> str:
    """The page's visible text (``visible_text``); for a page libxml2 cannot build whole (100k
    nested elements), the same rendering from a streaming parse with no depth limit."""
    tree, limited = _parse(html)
    if limited:
        log.debug("a page past libxml2's limits: rendered from a streaming parse")
        renderer = StreamedText()
        renderer.feed(html)
        renderer.close()
        return renderer.out.result()
    return visible_text(tree) if tree is not None else ""


class _LineWriter:
    """Collects rendered text: collapses HTML whitespace, joins blocks with one or two newlines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending_breaks = 0  # newlines owed before the next text (max 2: a blank line)
        self.separator = ""  # owed between table cells on the same line
        self.line_empty = True

    def text(self, s: str, preformatted: bool = False) -> None:
        if not preformatted:
            s = _HTML_SPACE.sub(" ", s)
            if self.line_empty or self.pending_breaks or (self.parts and self.parts[-1].endswith(" ")):
                s = s.lstrip(" ")
        if not s:
            return
        if self.parts:
            if self.pending_breaks:
                last = self.parts[-1] = self.parts[-1].rstrip(" ")
                already = len(last) - len(last.rstrip("\n"))  # preformatted text may end in newlines
                self.parts.append("\n" * max(0, self.pending_breaks - already))
            elif self.separator and not self.line_empty:
                self.parts[-1] = self.parts[-1].rstrip(" ")
                self.parts.append(self.separator)
                s = s.lstrip(" ")
        self.pending_breaks = 0
        self.separator = ""
        self.parts.append(s)
        self.line_empty = s.endswith("\n")

    def block(self, newlines: int) -> None:
        if self.parts:
            self.pending_breaks = max(self.pending_breaks, newlines)

    def line_break(self) -> None:
        # Consecutive <br>s add up, so "<br><br>" reads as a paragraph break.
        if self.parts:
            self.pending_breaks = min(2, self.pending_breaks + 1)

    def cell(self) -> None:
        self.separator = _CELL_SEPARATOR

    def result(self) -> str:
        return "".join(self.parts).rstrip()


def _hidden(el: lxml.html.HtmlElement) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def visible_text(root: lxml.html.HtmlElement) -> str:
    """The text a browser would show, with block structure as newlines (walked without recursion,
    since malformed pages can nest deeper than Python's recursion limit)."""
    out = _LineWriter()
    preformatted = 0
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if closing:
            if tag in _PARAGRAPH_BLOCKS:
                out.block(2)
            elif tag in _LINE_BLOCKS:
                out.block(1)
            if tag == "pre":
                preformatted -= 1
            if el.tail:
                out.text(el.tail, preformatted > 0)
            continue
        if tag is None or tag in _INVISIBLE or _hidden(el) or tag == "br":
            if tag == "br":
                out.line_break()
            if el.tail:
                out.text(el.tail, preformatted > 0)
            continue
        if tag in _PARAGRAPH_BLOCKS:
            out.block(2)
        elif tag in _LINE_BLOCKS:
            out.block(1)
        elif tag in _CELLS:
            out.cell()
        if tag == "pre":
            preformatted += 1
        if el.text:
            out.text(el.text, preformatted > 0)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return out.result()


_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class StreamedText(HTMLParser):
    """``visible_text``'s rendering from the standard library's event parser, which keeps no tree
    and so has no depth limit. Tags are matched by name (no HTML5 implied end tags): close enough
    for the pages it is used for, which lxml cannot read at all."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _LineWriter()
        self.open: list[str] = []  # open tags, innermost last
        self.hidden = 0  # depth inside an invisible or hidden element
        self.preformatted = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        void = tag in _VOID
        if self.hidden:
            self.hidden += 0 if void else 1
            return
        values = dict(attrs)
        if tag in _INVISIBLE or "hidden" in values or _HIDDEN_STYLE.search(values.get("style") or ""):
            self.hidden = 0 if void else 1
            return
        if tag == "br":
            self.out.line_break()
            return
        self._open_block(tag)
        if not void:
            self.open.append(tag)
        elif tag in _PARAGRAPH_BLOCKS or tag in _LINE_BLOCKS:
            self._close_block(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            self.hidden -= 1
            return
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            self._close_block(closed)
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.text(data, self.preformatted > 0)

    def _open_block(self, tag: str) -> None:
        if tag in _PARAGRAPH_BLOCKS:
            self.out.block(2)
        elif tag in _LINE_BLOCKS:
            self.out.block(1)
        elif tag in _CELLS:
            self.out.cell()
        if tag == "pre":
            self.preformatted += 1

    def _close_block(self, tag: str) -> None:
        if tag in _PARAGRAPH_BLOCKS:
            self.out.block(2)
        elif tag in _LINE_BLOCKS:
            self.out.block(1)
        if tag == "pre":
            self.preformatted -= 1


def _extract(html: str, url: str | None):
    """trafilatura's main-content extraction, or None when it finds none or fails on the page."""
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=True,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # a third-party parser on arbitrary web pages: never let one page stop the run
        log.debug("trafilatura failed on a page: %r", exc)
        return None


def _main_text(extracted) -> str:
    if extracted is None:
        return ""
    return "\n".join(part for part in (extracted.text, extracted.comments) if part and part.strip())


def _page_metadata(extracted, html: str, url: str | None) -> Metadata:
    found = extracted
    if found is None:
        try:
            found = trafilatura.extract_metadata(html, default_url=url, date_config=_DATE_PARAMS, extensive=False)
        except Exception as exc:  # see _extract
            log.debug("trafilatura metadata failed on a page: %r", exc)
            return Metadata()
    return Metadata(
        title=_clean(found.title),
        author=_uncut_author(_plausible_author(_clean(found.author)), html),
        date=_clean(found.date),
        site=_clean(found.sitename),
        url=_clean(found.url),
    )


def _clean(value) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


# trafilatura sometimes reads a blog template's author box or category list as the author
# ("About admin Balkh Tribune staff account News; Northern Afghanistan"): a byline is a few names.
_MAX_AUTHOR_WORDS = 6


# trafilatura shortens an author at a lowercase word ("UN Office for the Coordination of
# Humanitarian Affairs (OCHA)" -> "UN Office"): a name it cut from the page's own author tag is
# given back whole, as the page states it (an organisation's name may be longer than a byline).
_AUTHOR_TAG_SPAN = 20_000  # the head's meta tags come first; a page's body is never scanned
_AUTHOR_NAMES = ("author", "article:author")


def _uncut_author(author: str | None, html: str) -> str | None:
    if author is None:
        return None
    for whole in _author_tags(html[:_AUTHOR_TAG_SPAN]):
        if whole != author and whole.startswith(author + " "):
            return whole
    return author


def _author_tags(head: str) -> list[str]:
    """The content of the page's author meta tags, attributes in any order and case."""
    try:
        tree = lxml.html.fromstring(head)
    except (etree.ParserError, ValueError):  # an empty or unparseable head: no tags
        return []
    found = []
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if key in _AUTHOR_NAMES and content:
            found.append(content)
    return found


def _plausible_author(author: str | None) -> str | None:
    if author is None or author.lower().startswith("about ") or len(author.split()) > _MAX_AUTHOR_WORDS:
        return None
    return author


def _as_paragraphs(text: str) -> str:
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


@dataclass(frozen=True)
class _Squeezed:
    """A text with its whitespace removed, and where each remaining character sits in the text."""

    chars: str
    positions: list[int]

    @classmethod
    def of(cls, text: str) -> _Squeezed:
        positions = [i for i, c in enumerate(text) if not c.isspace()]
        return cls("".join(text[i] for i in positions), positions)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _line_keys(line: str) -> list[str]:
    """Whitespace-free forms of one extracted line to look for: as is, then without the list
    marker or table pipes that trafilatura adds to its plain-text output."""
    keys = [_squeeze(line)]
    if _LIST_MARKER.match(line):
        keys.append(_squeeze(_LIST_MARKER.sub("", line, count=1)))
    if "|" in line:
        keys.append(_squeeze(line.replace("|", "")))
    return [k for k in dict.fromkeys(keys) if k]


def align_main_text(raw_text: str, main_text: str) -> list[tuple[int, int]] | None:
    """Sorted, non-overlapping raw spans holding the extracted main text, or None when under 90%
    of its (non-whitespace) characters can be placed.

    Each extracted line is looked for after the previous one: first as a whole raw line (so a
    headline is found in the <h1>, not inside the breadcrumb that repeats it), then anywhere in
    the text with whitespace ignored. trafilatura occasionally moves a block (e.g. a dialog after
    the article); a line not found after the previous one is looked for from the start of the
    page, which can only keep more text, never less.
    """
    flat = _Squeezed.of(raw_text)
    lines_by_key: dict[str, list[int]] = {}  # key -> flat start of each raw line that has it
    offset = 0
    for line in raw_text.split("\n"):
        key = _squeeze(line)
        if key:
            lines_by_key.setdefault(key, []).append(bisect.bisect_left(flat.positions, offset))
        offset += len(line) + 1

    def find(key: str, after: int, anywhere: bool = True) -> int:
        starts = lines_by_key.get(key, [])
        i = bisect.bisect_left(starts, after)
        if i < len(starts):
            return starts[i]
        return flat.chars.find(key, after) if anywhere else -1

    spans: list[tuple[int, int]] = []
    cursor = matched = total = 0
    for line in main_text.split("\n"):
        keys = _line_keys(line)
        if not keys:
            continue
        in_order = True
        found = next(((start, key) for key in keys if (start := find(key, cursor)) >= 0), None)
        if found is None:
            in_order = False
            # Out of order, a short fragment could match the wrong place: whole lines or long text only.
            found = next(
                ((start, key) for key in keys if (start := find(key, 0, len(key) >= _MIN_LOOSE_MATCH)) >= 0), None
            )
        if found is None:
            total += len(keys[-1])
            continue
        start, key = found
        total += len(key)
        matched += len(key)
        spans.append((flat.positions[start], flat.positions[start + len(key) - 1] + 1))
        if in_order:
            cursor = start + len(key)
    if total == 0 or matched / total < MIN_ALIGNED_SHARE:
        return None
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # a run of non-blank lines


def boilerplate_removals(raw_text: str, kept: list[tuple[int, int]]) -> list[Removal]:
    """Every stretch of visible text outside the kept spans, one removal per block of lines."""
    removals: list[Removal] = []
    gap_start = 0
    for start, end in [*kept, (len(raw_text), len(raw_text))]:
        for block in _BLOCK.finditer(raw_text, gap_start, max(start, gap_start)):
            text = block.group()
            lead = len(text) - len(text.lstrip())
            body = text.strip()
            if body:
                s = block.start() + lead
                removals.append(Removal(s, s + len(body), REMOVAL_RULE, body))
        gap_start = max(gap_start, end)
    return removals
