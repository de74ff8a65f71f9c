"""What each kind of rule does to a `DocumentState` (see rules.yaml for the kinds and their order)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator

from claimgraph.clean.dates import parse_date
from claimgraph.clean.places import is_place_name
from claimgraph.clean.rules import HEADER_FIELDS, LEXICON_TRIM, TOP_FIELDS, Rule, lexicon_key
from claimgraph.clean.spans import DocumentState, Line
from claimgraph.nlp.pattern_text import required_strings

# A letter or digit in any script: what makes a line content rather than decoration.
_ALNUM = re.compile(r"[^\W_]")


def apply_span(state: DocumentState, rule: Rule) -> None:
    for pattern, prefilter in zip(rule.patterns, rule.prefilters):
        text = state.kept_text()
        required = _required(prefilter)
        # a substring test per string is C-fast; Python's regex engine tries every position
        if required is not None and not any(s in text for s in required):
            continue
        misses = state.misses.setdefault(pattern, set())
        if all(line.text in misses for line in state.lines if line.key):
            continue  # every line was tried as it is now: nothing can match
        if not prefilter.search(text):
            continue
        # few required strings: a line without any of them cannot match (a test per line is cheap)
        line_required = required if required is not None and len(required) <= _LINE_REQUIRED else None
        for line in state.lines:
            if not line.key or line.text in misses:
                continue
            if line_required is not None and not any(s in line.text for s in line_required):
                misses.add(line.text)
                continue
            matches = [(m.start(), m.end()) for m in pattern.finditer(line.text) if m.end() > m.start()]
            if not matches:
                misses.add(line.text)
                continue
            # Map all matches to raw first: removing one changes the line's kept-text offsets.
            spans = [(state.raw_offset(line, start), state.raw_offset(line, end - 1) + 1) for start, end in matches]
            state.remove_many(spans, rule.name)


# Strings one of which every match of a pattern contains, when the pattern's text makes that easy
# to read off (nlp.pattern_text); else None.
_MAX_REQUIRED = 64
_LINE_REQUIRED = 4  # up to this many, they are also tested line by line


@functools.cache
def _required(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    strings = required_strings(pattern.pattern, _MAX_REQUIRED, case_sensitive=True)
    return tuple(sorted(strings)) if strings else None


def apply_top_metadata(state: DocumentState, rule: Rule) -> None:
    """The lines a scraper or a person wrote above a text to say where it is from (its URL, "date
    2023-03-07", "Published: 7 March 2023", "By Jane Doe", "Site: Kabul Ledger"): the run of such
    lines from the first kept line on is removed and its values fill empty meta fields. A line
    that does not match, or a date that does not parse, ends the run; after it, within the same first
    lines, only a line that is just a URL is still taken (the page's URL under its headline)."""
    in_run = True
    for line in itertools.islice((line for line in state.lines if line.key), rule.param("max_lines")):
        values = _top_values(rule, line.key) if len(line.key.split()) <= rule.param("max_words") else None
        in_run = in_run and values is not None
        # after the run, a bare URL line only (link-spam would delete it; a "Source: URL" line stays)
        if values is None or not (in_run or values.get("url") == line.key.strip("<>")):
            continue
        for key, value in values.items():
            state.meta_updates.setdefault(key, value)
        state.remove_line(line, rule.name)


def _top_values(rule: Rule, key: str) -> dict[str, str] | None:
    for pattern in rule.patterns:
        m = pattern.fullmatch(key)
        if m is None:
            continue
        values = {f: " ".join(v.split()) for f in TOP_FIELDS if (v := m.groupdict().get(f))}
        if "date" in values:
            iso = parse_date(values["date"])
            if iso is None:
                continue
            values["date"] = iso
        return values
    return None


def apply_line(state: DocumentState, rule: Rule) -> None:
    misses = state.misses.setdefault(rule.name, set())
    for line in state.content_lines():
        if line.key in misses:
            continue
        if rule.fullmatch(line.key):
            state.remove_line(line, rule.name)
        else:
            misses.add(line.key)


def apply_lexicon(state: DocumentState, rule: Rule) -> None:
    longest = rule.longest_phrase
    for line in state.content_lines():
        # lexicon_key never makes a line key shorter than the key less its trailing LEXICON_TRIM
        # characters (the key is normalised already, and case folding only lengthens): most lines
        # are article paragraphs, far longer than any interface string
        if len(line.key) > longest and len(line.key.rstrip(LEXICON_TRIM)) > longest:
            continue
        if lexicon_key(line.key) in rule.phrases:
            state.remove_line(line, rule.name)


def _is_real_paragraph(rule: Rule, key: str) -> bool:
    """Enough words and a sentence ending: an article paragraph, not a teaser or a headline."""
    i = len(key)
    while i > 0 and not key[i - 1].isalnum():
        i -= 1
    return len(key.split()) >= rule.param("min_words") and rule.param("paragraph_end").fullmatch(key[i:]) is not None


def apply_block(state: DocumentState, rule: Rule) -> None:
    lines = state.content_lines()
    extent = rule.param("extent")
    misses = state.misses.setdefault(rule.name, set())
    i = 0
    while i < len(lines):
        heading = lines[i]
        if heading.key in misses:
            i += 1
            continue
        if not rule.fullmatch(heading.key):
            misses.add(heading.key)
            i += 1
            continue
        last = i
        if extent == "end":
            last = len(lines) - 1
        elif extent == "paragraph":
            # the rest of the heading's paragraph, or the next paragraph if the heading stands alone
            j = i + 1
            if j < len(lines) and lines[j].index != heading.index + 1:
                last = j
                j += 1
            while j < len(lines) and lines[j].index == lines[j - 1].index + 1:
                last = j
                j += 1
        else:  # teasers
            for j in range(i + 1, len(lines)):
                if _is_real_paragraph(rule, lines[j].key):
                    break
                last = j
        state.remove_lines(heading, lines[last], rule.name)
        i = last + 1


def apply_author_box(state: DocumentState, rule: Rule) -> None:
    """An "About <name>" line is an author box when the name is a template account ("admin"), or when
    no article paragraph follows it except a short biography of that name (removed with it); a
    heading such as "About Afghanistan" above article paragraphs stays."""
    lines = state.content_lines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = next((m for p in rule.patterns if (m := p.fullmatch(line.key))), None)
        if m is None:
            i += 1
            continue
        name = " ".join(m.group("name").split())
        rest = lines[i + 1 :]
        bio = _biography(rule, name, line, rest)
        after = rest[len(bio) :]
        if lexicon_key(name) in rule.phrases:
            state.remove_line(line, rule.name)
        elif not any(_is_real_paragraph(rule, other.key) for other in after):
            state.remove_lines(line, bio[-1] if bio else line, rule.name)
        else:
            i += 1
            continue
        i += 1 + len(bio)


def _biography(rule: Rule, name: str, heading: Line, rest: list[Line]) -> list[Line]:
    """The paragraph right after an author-box heading when it is a short bio of ``name``."""
    if len(name.split()) < rule.param("bio_name_min_words") or not rest:
        return []
    para = [rest[0]]
    for line in rest[1:]:
        if line.index != para[-1].index + 1:
            break
        para.append(line)
    words = sum(len(line.key.split()) for line in para)
    first = para[0].key
    if words > rule.param("bio_max_words") or not (first.startswith(name) or first.startswith(name.split()[-1] + " ")):
        return []
    return para


_WORD = re.compile(r"\w+")


def apply_page_title(state: DocumentState, rule: Rule) -> None:
    """The reader's title (the page's <title> or og:title) repeated as the first kept line, a paragraph
    of its own: removed, the title being meta.title already. Once per document: after the removal
    the next first line is the body's, which must stay even when it repeats the title's words."""
    title = state.meta.title
    if not title or rule.name in state.removals.rules:
        return
    first_paragraph = next(paragraphs(state), None)
    if first_paragraph is None or len(first_paragraph) > 1 or len(first_paragraph[0]) > 1:
        return
    line = first_paragraph[0][0]
    if len(line.key.split()) > rule.param("max_words") or rule.param("reject_ending").search(line.key[-1:]):
        return
    words = set(_WORD.findall(line.key.casefold()))
    # the whole title, or its longest part when the page appends its site ("Headline | Site")
    variants = [title, max(rule.param("title_separator").split(title), key=len)]
    for variant in variants:
        wanted = set(_WORD.findall(variant.casefold()))
        if len(wanted) >= 2 and 100 * len(wanted & words) >= rule.param("min_percent") * len(wanted):
            state.remove_line(line, rule.name)
            return


def apply_header(state: DocumentState, rules: list[Rule]) -> None:
    """The block of short outlet/byline/date lines between the headline and the body.

    Header rules run together: a line is a header line when one of them matches it, and the block
    is the run of header lines right after the first kept line (the headline) -- or from the first
    line itself when that is a byline or date line (a thread unroller's "Thread by @x · date").
    The block is taken only when it gives a date, or at least two of site/author/date, or a line of
    an `enough_alone` rule, or a byline right under the headline in its paragraph: a lone outlet line
    is left to the byline rule, which knows its own outlets. Each line is
    removed under the rule that matched it, and its values fill empty meta fields. A first line that
    is the outlet above the headline (a scraper's layout) joins the block: `_outlet_above_headline`.
    """
    # logical lines: a headline cut across two posts and re-joined by split-join is one headline,
    # so a later pass (or a second cleaning) sees the same header as the first
    lines = list(logical_lines(state))
    if not lines:
        return
    first_key = _logical_key(lines[0])
    first = _header_match(rules, first_key, 1, None) if len(lines[0]) == 1 else None
    headline = None if first is not None and set(first[1]) & {"author", "date"} else first_key
    found = _header_run(rules, lines[1:] if headline is not None else lines, headline)
    if first is not None and headline is not None:
        found = _outlet_above_headline(rules, lines, (lines[0][0], *first), found)
    fields = {f for _, _, values in found for f in values}
    enough = "date" in fields or len(fields) >= 2 or any(rule.param("enough_alone") for _, rule, _ in found)
    # A lone "By <Name>" line is left to the byline rule, except right under the headline with no blank
    # line between: that paragraph is no headline standing alone, so the byline rule (which reads the
    # lines after a title) never sees it. A lone outlet name still needs a date or byline beside it.
    if not enough and not ("author" in fields and found[0][0].index == lines[0][-1].index + 1):
        return
    for line, rule, values in found:
        for key, value in values.items():
            state.meta_updates.setdefault(key, value)
        state.remove_line(line, rule.name)


def _header_run(
    rules: list[Rule], lines: list[list[Line]], headline: str | None
) -> list[tuple[Line, Rule, dict[str, str]]]:
    """The header lines at the start of ``lines``, with the rule that matched each and its values."""
    found: list[tuple[Line, Rule, dict[str, str]]] = []
    for position, group in enumerate(lines, start=1):
        hit = _header_match(rules, group[0].key, position, headline) if len(group) == 1 else None
        if hit is None:
            break
        found.append((group[0], *hit))
    return found


def _outlet_above_headline(
    rules: list[Rule],
    lines: list[list[Line]],
    outlet: tuple[Line, Rule, dict[str, str]],
    below: list[tuple[Line, Rule, dict[str, str]]],
) -> list[tuple[Line, Rule, dict[str, str]]]:
    """A scraper's layout: the outlet's name, a date line (and maybe a byline), a blank line, then the
    headline ("Irrawaddy Watch / 2025-06-02 / <blank> / Junta airstrike kills 22 in Sagaing"). The
    first line then is the outlet, not the headline: it is taken with the date block, and so are the
    header lines under the real headline. Only when the first line gives just a site (an outlet-like
    name, no sentence), the block under it gives a date and ends its paragraph, and the next line is
    a headline (a line of its own, longer than the outlet, not ending like a sentence): a headline
    with a date line under it and the body after a blank line stays the headline.
    A statement's head may have no headline: the issuer's line of an `enough_alone` rule (it says it
    is a header: "Kachin Independence Organization", "Rapid Support Forces — Press Statement No. 14"),
    the block under it giving a date and ending its paragraph, then the body: the first line is the
    issuer, taken with the block.
    Returns the header lines to take (``below`` itself when the layout is not this one)."""
    line, rule, values = outlet
    if set(values) != {"site"}:
        return below
    if not below:
        return _outlet_over_headline(rules, lines, outlet)
    if not any("date" in v for _, _, v in below):
        return below
    rest = lines[1 + len(below) :]
    if rest and rest[0][0].index == below[-1][0].index + 1:
        return below  # the block runs on into more text: no blank line before a headline
    if rest and len(rest[0]) == 1 and _headline_under(rules, rule, line.key, rest[0][0].key):
        return [outlet, *below, *_header_run(rules, rest[1:], rest[0][0].key)]
    return [outlet, *below] if rule.param("enough_alone") else below


def _outlet_over_headline(
    rules: list[Rule], lines: list[list[Line]], outlet: tuple[Line, Rule, dict[str, str]]
) -> list[tuple[Line, Rule, dict[str, str]]]:
    """Another layout of a saved text: the organisation's name, the headline right under it, then
    the date line ("Human Rights Monitor for Ethiopia / Witnesses describe ... / 28 November 2026").
    The first line is the outlet when the second is a headline (a line of its own, more words than
    the first, no `headline_reject_ending`, no header line itself) and the header lines under it
    give a date; the headline stays. Returns the header lines to take (none when not this layout)."""
    line, rule, _ = outlet
    if len(lines) < 3 or len(lines[1]) > 1:
        return []
    headline = lines[1][0].key
    if not _headline_under(rules, rule, line.key, headline):
        return []
    below = _header_run(rules, lines[2:], headline)
    if not any("date" in v for _, _, v in below):
        return []
    return [outlet, *below]


def _headline_under(rules: list[Rule], rule: Rule, outlet: str, headline: str) -> bool:
    """Whether ``headline`` reads as the headline under the outlet line ``outlet`` (matched by
    ``rule``): more words than the outlet (an organisation's line, of a rule that says it is a
    header, may be the longer: "UN Office for the Coordination of Humanitarian Affairs (OCHA)" over
    "Sudan: Flash Update"), not ending like a sentence, not a header line itself."""
    words = len(headline.split())
    shortest = 2 if rule.param("enough_alone") else len(outlet.split()) + 1
    return (
        shortest <= words <= rule.param("headline_max_words")
        and not rule.param("headline_reject_ending").search(headline[-1:])
        and _header_match(rules, headline, 1, None) is None
    )


def _header_match(
    rules: list[Rule], key: str, position: int, headline: str | None
) -> tuple[Rule, dict[str, str]] | None:
    """The first header rule matching line ``key`` (the ``position``-th line of the block) and the
    values it captures; ``headline`` is None for a block that opens the document."""
    words = len(key.split())
    for rule in rules:
        if (
            position > rule.param("max_lines")
            or words > rule.param("max_words")
            or rule.param("reject_ending").search(key)
            or (headline is None and rule.param("headline_required"))
        ):
            continue
        if headline is not None and (
            len(headline.split()) > rule.param("headline_max_words")
            or rule.param("headline_reject_ending").search(headline[-1:])
        ):
            continue
        for pattern in rule.patterns:
            m = pattern.fullmatch(key)
            if m is None:
                continue
            if (place := m.groupdict().get("place")) and not is_place_name(place):
                continue  # a `place` group must name a gazetteer place (a dateline's town, no outlet)
            values = {f: " ".join(v.split()) for f in HEADER_FIELDS if (v := m.groupdict().get(f))}
            if "date" in values:
                iso = parse_date(values["date"])
                if iso is None:  # a date line must hold a real date
                    continue
                values["date"] = iso
            return rule, values
    return None


def apply_dateline(state: DocumentState, rule: Rule) -> None:
    """The date of a body dateline ("KABUL, 28 March 2025 – ...") fills meta.date; nothing is removed.
    The dateline opens one of the first ``max_paragraphs`` paragraphs after the title: a header left
    unread (a title and a lone site line of a saved text) may stand before the body's first one."""
    after = state.title_lines[-1].index if state.title_lines else -1
    openings = [para[0][0] for para in paragraphs(state) if para[0][0].index > after]
    for line in openings[: rule.param("max_paragraphs")]:
        for pattern in rule.patterns:
            m = pattern.match(line.key)
            if m and (iso := parse_date(m.group("date"))):
                state.meta_updates.setdefault("date", iso)
                return


def apply_title_field(state: DocumentState, rule: Rule) -> None:
    """The issuer or the date a document's title names ("Statement by the Armed Forces of the
    Philippines on ...", "Regular Press Conference on November 17, 2026") fills meta.site or meta.date
    when nothing before it did (header, byline and dateline rules run first); nothing is removed: the
    title stays the title."""
    title = state.meta_updates.get("title") or state.meta.title
    if not title:
        return
    key = " ".join(title.split())
    for pattern in rule.patterns:
        m = pattern.fullmatch(key)
        if m is None:
            continue
        values = {f: " ".join(v.split()) for f in ("site", "date") if (v := m.groupdict().get(f))}
        if "date" in values:
            values["date"] = parse_date(values["date"])
            if values["date"] is None:
                continue  # the words where a date stands must be a real date
        for field, value in values.items():
            state.meta_updates.setdefault(field, value)
        return


def apply_title(state: DocumentState, rule: Rule) -> None:
    # Decided afresh on every pass: a later rule may change what the first line is (split-join
    # can make it the first half of a sentence).
    state.title_lines = []
    state.meta_updates.pop("title", None)
    first_paragraph = next(paragraphs(state), None)
    if first_paragraph is None or len(first_paragraph) > 1:  # a headline stands alone
        return
    first = first_paragraph[0]
    key = _logical_key(first)
    words = len(key.split())
    if (
        rule.param("min_words") <= words <= rule.param("max_words")
        and len(key) <= rule.param("max_chars")
        and not rule.param("reject_ending").search(key[-1:])
        and not rule.param("reject_inside").search(key)
        and _ALNUM.search(key)
    ):
        state.title_lines = first
        state.meta_updates["title"] = key


def apply_byline(state: DocumentState, rule: Rule) -> None:
    lines = state.content_lines()
    title = state.title_lines
    # bylines follow the headline; a "headline" that is itself a byline ("AT News") is none
    if title and not (len(title) == 1 and _match_byline(rule, title[0].key)):
        lines = [line for line in lines if line.index > title[-1].index]
    for line in lines[: rule.param("max_lines")]:
        m = _match_byline(rule, line.key)
        if m is None:
            break
        field, value = m
        state.meta_updates.setdefault(field, value)
        state.remove_line(line, rule.name)
        if title and line is title[0]:
            state.title_lines = []
            state.meta_updates.pop("title", None)


def _match_byline(rule: Rule, key: str) -> tuple[str, str] | None:
    if len(key.split()) > rule.param("max_words"):
        return None
    for byline in rule.bylines:
        m = byline.pattern.fullmatch(key)
        if m:
            return byline.field, m.group("value").strip()
    return None


def apply_split_join(state: DocumentState, rule: Rule) -> None:
    trailing, leading = rule.param("trailing"), rule.param("leading")
    lines = state.content_lines()
    for a, b in zip(lines, lines[1:]):
        start = leading.match(b.text)
        if not start:  # the anchored match first: the trailing search runs over a whole line
            continue
        end = trailing.search(a.text)
        if not end:
            continue
        if not _ALNUM.search(a.text, 0, end.start()) or not _ALNUM.search(b.text, start.end()):
            continue
        end_span, start_span = (end.start(), end.end()), (start.start(), start.end())
        state.remove_kept(a, *end_span, rule.name)
        state.remove_kept(b, *start_span, rule.name)
        a.join_next = b.index
        b.joined = True


def logical_lines(state: DocumentState) -> Iterator[list[Line]]:
    """Content lines, with lines re-joined by split-join grouped together."""
    group: list[Line] = []
    for line in state.content_lines():
        if group and group[-1].join_next == line.index:
            group.append(line)
            continue
        if group:
            yield group
        group = [line]
    if group:
        yield group


def paragraphs(state: DocumentState) -> Iterator[list[list[Line]]]:
    """Logical lines grouped into paragraphs (a blank or removed line ends a paragraph)."""
    para: list[list[Line]] = []
    for logical in logical_lines(state):
        if para and logical[0].index != para[-1][-1].index + 1:
            yield para
            para = []
        para.append(logical)
    if para:
        yield para


def _logical_key(logical: list[Line]) -> str:
    return " ".join(line.key for line in logical)


def apply_repeated_line(state: DocumentState, rule: Rule) -> None:
    seen: set[str] = set()
    min_chars = rule.param("min_chars")
    for logical in list(logical_lines(state)):
        key = _logical_key(logical)
        if len(key) < min_chars:
            continue
        if key in seen:
            state.remove_lines(logical[0], logical[-1], rule.name)
        else:
            seen.add(key)


def apply_repeated_paragraph(state: DocumentState, rule: Rule) -> None:
    seen: set[str] = set()
    min_chars = rule.param("min_chars")
    for para in list(paragraphs(state)):
        key = "\n".join(_logical_key(logical) for logical in para)
        if len(key) < min_chars:
            continue
        if key in seen:
            state.remove_lines(para[0][0], para[-1][-1], rule.name)
        else:
            seen.add(key)


HANDLERS: dict[str, Callable[[DocumentState, Rule], None]] = {
    "top-metadata": apply_top_metadata,
    "span": apply_span,
    "author-box": apply_author_box,
    "page-title": apply_page_title,
    "dateline": apply_dateline,
    "line": apply_line,
    "lexicon": apply_lexicon,
    "block": apply_block,
    "title": apply_title,
    "byline": apply_byline,
    "split-join": apply_split_join,
    "repeated-line": apply_repeated_line,
    "repeated-paragraph": apply_repeated_paragraph,
    "title-field": apply_title_field,
}

# Kinds whose consecutive rules run as one step, judging a stretch of text together.
GROUP_HANDLERS: dict[str, Callable[[DocumentState, list[Rule]], None]] = {
    "header": apply_header,
}
