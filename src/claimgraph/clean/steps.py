"""What each kind of rule does to a `DocumentState` (see rules.yaml for the kinds and their order)."""

from __future__ import annotations

import re
from typing import Callable, Iterator

from claimgraph.clean.rules import Rule, lexicon_key
from claimgraph.clean.spans import DocumentState, Line

# A letter or digit in any script: what makes a line content rather than decoration.
_ALNUM = re.compile(r"[^\W_]")


def apply_span(state: DocumentState, rule: Rule) -> None:
    for pattern, prefilter in zip(rule.patterns, rule.prefilters):
        if not prefilter.search("\n".join(line.text for line in state.lines)):
            continue
        for line in state.lines:
            if not line.key:
                continue
            matches = [(m.start(), m.end()) for m in pattern.finditer(line.text) if m.end() > m.start()]
            if not matches:
                continue
            # Map all matches to raw first: removing one changes the line's kept-text offsets.
            spans = [(state.raw_offset(line, start), state.raw_offset(line, end - 1) + 1) for start, end in matches]
            state.remove_many(spans, rule.name)


def apply_line(state: DocumentState, rule: Rule) -> None:
    for line in state.content_lines():
        if rule.fullmatch(line.key):
            state.remove_line(line, rule.name)


def apply_lexicon(state: DocumentState, rule: Rule) -> None:
    for line in state.content_lines():
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
    i = 0
    while i < len(lines):
        heading = lines[i]
        if not rule.fullmatch(heading.key):
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
    if (rule.param("min_words") <= words <= rule.param("max_words") and len(key) <= rule.param("max_chars")
            and not rule.param("reject_ending").search(key[-1:]) and not rule.param("reject_inside").search(key)
            and _ALNUM.search(key)):
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
        end = trailing.search(a.text)
        start = leading.match(b.text)
        if not end or not start:
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
    "span": apply_span,
    "line": apply_line,
    "lexicon": apply_lexicon,
    "block": apply_block,
    "title": apply_title,
    "byline": apply_byline,
    "split-join": apply_split_join,
    "repeated-line": apply_repeated_line,
    "repeated-paragraph": apply_repeated_paragraph,
}
