"""The clean stage: raw text in, clean text out, with every removal recorded and mapped.

    rules = load_rules(extra=["site_rules.yaml"])   # compiled once: hold on to them
    doc = clean_document(doc, rules)
    doc = clean_document(doc)            # the packaged rules, compiled for this call

``clean_document`` is pure. It returns ``doc.replace(clean_text=..., removals=..., offsets=...)``
(and ``meta`` with the title, outlet, author, date and URL found in the lines above the text, the
article header, byline or body dateline filled in where the reader left them empty, and the site
taken from the URL's host when nothing names it; dates are parsed by `dates.parse_date`). Removals
already on the document (the HTML reader's "html-boilerplate" spans) stay removed and are kept.
What counts as debris is data: ``claimgraph/data/cleaning/rules.yaml`` (see `rules`); a rule with
``formats`` applies only to documents of those source formats (Markdown heading marks: md only).

The clean text: lines trimmed, whitespace runs as one space, NFC; lines of a paragraph keep
their "\n" and paragraphs are separated by "\n\n" (a blank or a removed raw line ends a
paragraph, so each thread post is one paragraph). Every removed raw span is a `Removal`; whitespace
normalisation, NFC and sentence re-joins are substituted segments of ``doc.offsets`` instead.
Cleaning is idempotent: cleaning ``clean_text`` again returns it unchanged (the rules are re-run
until they settle, at most ``MAX_PASSES`` times; no text seen so far needed more than two).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from claimgraph.clean.build import build_text
from claimgraph.clean.rules import WHITESPACE_RULE, CleaningRules, Rule, RulesError, default_rules, load_rules
from claimgraph.clean.spans import DocumentState, RemovalSet
from claimgraph.clean.steps import GROUP_HANDLERS, HANDLERS
from claimgraph.model import Document
from claimgraph.nlp.dates import url_date

MAX_PASSES = 5  # the rules settle after one pass on almost every text, two on the rest

__all__ = ["clean_document", "load_rules", "default_rules", "CleaningRules", "Rule", "RulesError", "WHITESPACE_RULE"]


def clean_document(doc: Document, rules: CleaningRules | None = None) -> Document:
    """Clean one document; see the module docstring. Never raises on any text. ``rules``: the run's
    (default: the packaged ones, compiled for this call; the clean component holds the run's)."""
    rules = rules if rules is not None else default_rules()
    raw = doc.raw_text
    removals = RemovalSet()
    # Earlier stages' removals first, so that rules only see (and never overlap) what they kept.
    for r in sorted(doc.removals, key=lambda r: (r.raw_start, r.raw_end)):
        removals.add(max(r.raw_start, 0), min(r.raw_end, len(raw)), r.rule)
    state = DocumentState(raw, removals, doc.meta)
    steps = _steps(rules, doc.source.format)
    # A removal can make an earlier rule match (a repeated line removed between the halves of a
    # split sentence lets them join), so the rules run again until nothing changes; this makes
    # cleaning idempotent: cleaning the clean text again changes nothing.
    for _ in range(MAX_PASSES):
        before = state.changes()
        for handler, arg in steps:
            handler(state, arg)
        if state.changes() == before:
            break
    clean_text, offsets = build_text(state)
    meta = doc.meta
    updates = {k: v for k, v in state.meta_updates.items() if v and not getattr(meta, k)}
    if _trimmed_title(meta.title, state.meta_updates.get("title")):
        # the reader's title (a Markdown heading) with a tag the clean stage cut from its line
        # ("EXCLUSIVE: ..."): the title is what the clean text's headline says
        updates["title"] = state.meta_updates["title"]
    url = updates.get("url") or meta.url
    if not (meta.site or updates.get("site")) and (host := site_of_url(url)):
        updates["site"] = host
    if not (meta.date or updates.get("date")) and (day := url_date(url)):
        updates["date"] = day  # a page that dates itself only in its address (/2023/03/07/)
    if updates:
        meta = dataclasses.replace(meta, **updates)
    return doc.replace(clean_text=clean_text, removals=tuple(removals.removals(raw)), offsets=offsets, meta=meta)


def _trimmed_title(read: str | None, cleaned: str | None) -> bool:
    """Whether the clean stage's headline is the reader's title less an opening the rules removed."""
    return bool(read and cleaned) and len(cleaned) < len(read) and read.endswith(cleaned)


def site_of_url(url: str | None) -> str | None:
    """The host a URL names, without "www." ("https://www.kabul-ledger.example/a" -> "kabul-ledger.example"):
    the site of a document that names no site of its own."""
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else "//" + url).hostname
    except ValueError:  # a malformed URL (an unclosed "[" of an IPv6 host)
        return None
    return host.removeprefix("www.") if host and "." in host else None


def _steps(rules: CleaningRules, fmt: str) -> list[tuple[Callable[[DocumentState, Any], None], Any]]:
    """The rules that apply to a source format, in order; consecutive rules of a group kind
    (the header rules) become one step."""
    steps: list[tuple[Callable[[DocumentState, Any], None], Any]] = []
    for rule in rules:
        if not rule.applies_to(fmt):
            continue
        group = GROUP_HANDLERS.get(rule.kind)
        if group is None:
            steps.append((HANDLERS[rule.kind], rule))
        elif steps and steps[-1][0] is group:
            steps[-1][1].append(rule)
        else:
            steps.append((group, [rule]))
    return steps
