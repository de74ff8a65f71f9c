"""Cleaning rules: loaded from YAML data files, compiled once per `CleaningRules` object.

The default rules live in ``claimgraph/data/cleaning/rules.yaml`` (its header documents every
rule kind and the order they run in). Users extend them with their own files::

    rules = load_rules(extra=["my_site_rules.yaml"])

A rule in an extra file with a new name is inserted after the last default rule of the same kind
(or where ``before:``/``after:`` say); a rule with an existing name replaces it, or adds its
patterns/phrases to it with ``extend: true``; ``enabled: false`` switches a rule off.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import ClaimgraphError

from ..yamlfiles import load_yaml

# The one removal no rule makes: blank space before the first and after the last kept line
# (whitespace between kept text is normalised by substitution, never removed).
WHITESPACE_RULE = "whitespace"
WHITESPACE_DESCRIPTION = "Blank space before the first or after the last line of the clean text."

KINDS = (
    "top-metadata",
    "span",
    "line",
    "lexicon",
    "block",
    "author-box",
    "page-title",
    "header",
    "title",
    "byline",
    "dateline",
    "title-field",
    "split-join",
    "repeated-line",
    "repeated-paragraph",
)
EXTENTS = ("end", "paragraph", "teasers")
BYLINE_FIELDS = ("site", "author")
# Named groups a header pattern captures into the Metadata field of the same name.
HEADER_FIELDS = ("site", "author", "date")
# ... and those a top-metadata pattern captures (a text file's first lines: its URL too).
TOP_FIELDS = (*HEADER_FIELDS, "url")
_DEFINITION_REF = re.compile(r"<<([A-Za-z_][\w-]*)>>")
# Trailing characters that do not change what an interface label says (a label with "..." or ":" is the same label).
LEXICON_TRIM = " .…:：!·"


class RulesError(ClaimgraphError):
    """A rules file that cannot be used; the message names the file and the reason."""


def lexicon_key(text: str) -> str:
    """How lexicon phrases and lines are compared: NFC, casefolded, one space, no trailing dots."""
    text = unicodedata.normalize("NFC", " ".join(text.split())).casefold().replace("’", "'")
    return text.rstrip(LEXICON_TRIM)


@dataclass(frozen=True, slots=True)
class BylinePattern:
    field: str  # the Metadata field the captured value fills: "site" or "author"
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled cleaning rule; ``name`` is what its removals are labelled with."""

    name: str
    kind: str
    description: str
    patterns: tuple[re.Pattern[str], ...] = ()
    phrases: frozenset[str] = frozenset()
    bylines: tuple[BylinePattern, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    # span patterns compiled with re.M: one search over all lines tells whether a pattern can match
    prefilters: tuple[re.Pattern[str], ...] = ()
    formats: frozenset[str] = frozenset()  # source formats the rule applies to; empty = all
    skip_formats: frozenset[str] = frozenset()  # source formats it never applies to
    # all patterns as one alternation: one regex call per line instead of one per pattern
    combined: re.Pattern[str] | None = field(default=None, init=False, compare=False)
    longest_phrase: int = field(default=0, init=False, compare=False)  # lines longer cannot be a phrase

    def __post_init__(self) -> None:
        source = _alternation(self.patterns)
        if source is not None:
            object.__setattr__(self, "combined", self.patterns[0] if len(self.patterns) == 1 else re.compile(source))
        object.__setattr__(self, "longest_phrase", max(map(len, self.phrases), default=0))

    def applies_to(self, fmt: str) -> bool:
        return (not self.formats or fmt in self.formats) and fmt not in self.skip_formats

    def fullmatch(self, text: str) -> bool:
        if self.combined is not None:
            return self.combined.fullmatch(text) is not None
        return any(p.fullmatch(text) for p in self.patterns)

    def param(self, key: str) -> Any:
        return self.params[key]


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """The ordered rules the cleaner applies, and where they were read from."""

    rules: tuple[Rule, ...]
    sources: tuple[str, ...] = ()
    # removals made before cleaning (by readers), by rule name -> why; from `reader_removals:` in the YAML
    reader_descriptions: tuple[tuple[str, str], ...] = ()

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def names(self) -> list[str]:
        return [r.name for r in self.rules]

    def get(self, name: str) -> Rule | None:
        return next((r for r in self.rules if r.name == name), None)

    def descriptions(self) -> dict[str, str]:
        """Why each removal rule removes text, by rule name (for showing removals to a person)."""
        return {
            WHITESPACE_RULE: WHITESPACE_DESCRIPTION,
            **dict(self.reader_descriptions),
            **{r.name: r.description for r in self.rules},
        }


def _alternation(patterns: tuple[re.Pattern[str], ...]) -> str | None:
    """One regex matching what any of ``patterns`` matches, or None when they cannot be joined
    (a flag other than a leading "(?i)", the same group name twice, a group reference)."""
    if not patterns:
        return None
    parts = []
    for p in patterns:
        source = p.pattern
        if source.startswith("(?i)"):
            source = f"(?i:{source[4:]})"
        elif source.startswith("(?") and re.match(r"\(\?[aiLmsux]+\)", source):
            return None
        else:
            source = f"(?:{source})"
        parts.append(source)
    source = "|".join(parts)
    try:
        re.compile(source)
    except re.error:
        return None
    return source


# Parameters each kind needs, with defaults (None = required).
_PARAMS: dict[str, dict[str, Any]] = {
    "block": {"extent": None, "min_words": 12, "paragraph_end": r"[.!?]"},
    "author-box": {"min_words": 12, "paragraph_end": r"[.!?]", "bio_max_words": 80, "bio_name_min_words": 2},
    # a header line does not end like a sentence; a final "." after an abbreviation or initial is fine
    "header": {
        "max_words": 12,
        "max_lines": 4,
        "headline_max_words": 25,
        "enough_alone": False,
        # a line that only says what the document is ("Press release", "FOR IMMEDIATE RELEASE"): part
        # of the block, no value of its own, so its patterns need no field group
        "kind_line": False,
        # a line read only under a headline, never as a document's first line (which is then its title)
        "headline_required": False,
        # a headline may be a question ("Who shelled the market?"), never a sentence or clause
        "headline_reject_ending": r"[.,;:!…]",
        # a sentence's end, not an abbreviation's ("Inc.", "J.", "7 a.m.")
        "reject_ending": r"(?:[!?…]|(?<!\b[A-Z][a-z])(?<!\b[A-Z])(?<!\bInc)(?<!\bLtd)(?<!\b[ap]\.m)\.)[*_\"”’)\]]*$",
    },
    "top-metadata": {"max_lines": 6, "max_words": 12},
    "page-title": {"max_words": 30, "min_percent": 80, "reject_ending": r"[.,;:]", "title_separator": r"\s+[|\-–—]\s+"},
    "title": {
        "min_words": 2,
        "max_words": 25,
        "max_chars": 200,
        "reject_ending": r"[.,;:]",
        "reject_inside": r"[.!?]\s+\S",
    },
    "byline": {"max_words": 6, "max_lines": 3},
    "dateline": {"max_paragraphs": 2},
    "split-join": {"trailing": None, "leading": None},
    "repeated-line": {"min_chars": 20},
    "repeated-paragraph": {"min_chars": 20},
}
_BOOL_PARAMS = {"enough_alone", "kind_line", "headline_required"}
_REGEX_PARAMS = {
    "paragraph_end",
    "reject_ending",
    "reject_inside",
    "trailing",
    "leading",
    "headline_reject_ending",
    "title_separator",
}
# Named groups the patterns of these kinds must have (at least one of them).
_REQUIRED_GROUPS = {
    "top-metadata": TOP_FIELDS,
    "header": HEADER_FIELDS,
    "dateline": ("date",),
    "title-field": ("site", "date"),
    "author-box": ("name",),
}


def _fail(source: str, reason: str) -> RulesError:
    return RulesError(f"{source}: {reason}")


def _expand(pattern: str, definitions: Mapping[str, str], source: str, rule: str, seen: tuple[str, ...] = ()) -> str:
    """``pattern`` with each <<name>> replaced by its definition, itself expanded (a definition may
    build on others: an outlet's name is made of capitalised words and particles)."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in definitions:
            raise _fail(source, f"rule {rule!r} uses undefined <<{name}>>")
        if name in seen:
            raise _fail(source, f"definition <<{name}>> refers to itself (through {' -> '.join(seen)})")
        return _expand(definitions[name], definitions, source, rule, (*seen, name))

    return _DEFINITION_REF.sub(sub, pattern)


def _compile(pattern: Any, definitions: Mapping[str, str], source: str, rule: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise _fail(source, f"rule {rule!r} has a pattern that is not a non-empty string: {pattern!r}")
    try:
        return re.compile(_expand(pattern, definitions, source, rule))
    except re.error as e:
        raise _fail(source, f"rule {rule!r} has a bad pattern {pattern!r}: {e}") from None


def _compile_rule(spec: Any, definitions: Mapping[str, str], source: str) -> Rule:
    if not isinstance(spec, dict):
        raise _fail(source, f"a rule must be a mapping, got {spec!r}")
    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise _fail(source, f"a rule has no name: {spec!r}")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise _fail(source, f"rule {name!r} has kind {kind!r}; expected one of {', '.join(KINDS)}")
    description = spec.get("description")
    if not isinstance(description, str) or not description.strip():
        raise _fail(source, f"rule {name!r} needs a description saying why it removes text")

    params: dict[str, Any] = {}
    for key, default in _PARAMS.get(kind, {}).items():
        value = spec.get(key, default)
        if value is None:
            raise _fail(source, f"rule {name!r} ({kind}) needs {key!r}")
        if key in _REGEX_PARAMS:
            value = _compile(value, definitions, source, name)
        elif key in _BOOL_PARAMS:
            if not isinstance(value, bool):
                raise _fail(source, f"rule {name!r}: {key} must be true or false, got {value!r}")
        elif key != "extent" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise _fail(source, f"rule {name!r}: {key} must be a whole number >= 0, got {value!r}")
        params[key] = value
    if kind == "block" and params["extent"] not in EXTENTS:
        raise _fail(source, f"rule {name!r} has extent {params['extent']!r}; expected one of {', '.join(EXTENTS)}")

    raw_patterns = spec.get("patterns") or []
    patterns: tuple[re.Pattern[str], ...] = ()
    bylines: tuple[BylinePattern, ...] = ()
    if kind == "byline":
        items = []
        for item in raw_patterns:
            if not isinstance(item, dict) or item.get("field") not in BYLINE_FIELDS:
                fields = "/".join(BYLINE_FIELDS)
                raise _fail(source, f"rule {name!r}: byline patterns need a field ({fields}) and a pattern")
            compiled = _compile(item.get("pattern"), definitions, source, name)
            if "value" not in compiled.groupindex:
                raise _fail(source, f"rule {name!r}: byline pattern {item['pattern']!r} has no (?P<value>...) group")
            items.append(BylinePattern(item["field"], compiled))
        bylines = tuple(items)
    else:
        if not isinstance(raw_patterns, list):
            raise _fail(source, f"rule {name!r}: patterns must be a list")
        patterns = tuple(_compile(p, definitions, source, name) for p in raw_patterns)
        groups = None if spec.get("kind_line") is True else _REQUIRED_GROUPS.get(kind)
        for p in patterns if groups else ():
            if not set(groups) & set(p.groupindex):
                wanted = "/".join(f"(?P<{g}>...)" for g in groups)
                raise _fail(source, f"rule {name!r}: pattern {p.pattern!r} has no {wanted} group")

    formats, skip_formats = spec.get("formats") or [], spec.get("skip_formats") or []
    for key, value in (("formats", formats), ("skip_formats", skip_formats)):
        if not isinstance(value, list) or not all(isinstance(f, str) and f for f in value):
            raise _fail(source, f"rule {name!r}: {key} must be a list of source formats (txt, md, html, ...)")

    raw_phrases = spec.get("phrases") or []
    if not isinstance(raw_phrases, list) or not all(isinstance(p, str) for p in raw_phrases):
        raise _fail(source, f"rule {name!r}: phrases must be a list of strings")
    phrases = frozenset(k for k in map(lexicon_key, raw_phrases) if k)

    needs = {
        "top-metadata": patterns,
        "span": patterns,
        "line": patterns,
        "block": patterns,
        "lexicon": phrases,
        "byline": bylines,
        "header": patterns,
        "dateline": patterns,
        "title-field": patterns,
        "author-box": patterns,
    }
    if kind in needs and not needs[kind] and not spec.get("extend"):
        raise _fail(source, f"rule {name!r} ({kind}) has no {'phrases' if kind == 'lexicon' else 'patterns'}")
    prefilters = tuple(re.compile(p.pattern, p.flags | re.M) for p in patterns) if kind == "span" else ()
    return Rule(
        name,
        kind,
        " ".join(description.split()),
        patterns,
        phrases,
        bylines,
        params,
        prefilters,
        frozenset(formats),
        frozenset(skip_formats),
    )


def _read(source: str, text: str) -> dict[str, Any]:
    try:
        data = load_yaml(text)
    except yaml.YAMLError as e:
        reason = " ".join(str(e).split())
        raise _fail(source, f"not valid YAML: {reason}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise _fail(source, "expected a mapping with a 'rules' list")
    defs = data.get("definitions") or {}
    if not isinstance(defs, dict) or not all(isinstance(v, str) for v in defs.values()):
        raise _fail(source, "'definitions' must map names to regex strings")
    return data


def _read_file(path: str | Path) -> tuple[str, dict[str, Any]]:
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise _fail(source, f"cannot read rules file: {reason}") from None
    return source, _read(source, text)


def _merge(rules: list[Rule], spec: dict[str, Any], definitions: Mapping[str, str], source: str) -> None:
    """Apply one rule spec from an extra file to the ordered rule list."""
    name = spec.get("name") if isinstance(spec, dict) else None
    existing = next((i for i, r in enumerate(rules) if r.name == name), None)
    if isinstance(spec, dict) and spec.get("enabled") is False:
        if existing is None:
            raise _fail(source, f"cannot disable unknown rule {name!r}")
        del rules[existing]
        return
    if existing is not None and isinstance(spec, dict) and spec.get("extend"):
        old = rules[existing]
        add = _compile_rule({"kind": old.kind, "description": old.description, **spec}, definitions, source)
        rules[existing] = Rule(
            old.name,
            old.kind,
            old.description,
            old.patterns + add.patterns,
            old.phrases | add.phrases,
            old.bylines + add.bylines,
            old.params,
            old.prefilters + add.prefilters,
            old.formats,
            old.skip_formats,
        )
        return
    rule = _compile_rule(spec, definitions, source)
    if existing is not None:
        rules[existing] = rule
        return
    anchor_name = spec.get("before") or spec.get("after")
    if anchor_name:
        anchor = next((i for i, r in enumerate(rules) if r.name == anchor_name), None)
        if anchor is None:
            raise _fail(source, f"rule {rule.name!r} is placed next to unknown rule {anchor_name!r}")
        rules.insert(anchor if spec.get("before") else anchor + 1, rule)
        return
    same_kind = [i for i, r in enumerate(rules) if r.kind == rule.kind]
    rules.insert(same_kind[-1] + 1 if same_kind else len(rules), rule)


def _build(base: tuple[str, dict[str, Any]], extras: Iterable[tuple[str, dict[str, Any]]]) -> CleaningRules:
    source, data = base
    definitions: dict[str, str] = dict(data.get("definitions") or {})
    rules: list[Rule] = []
    for spec in data["rules"]:
        rule = _compile_rule(spec, definitions, source)
        if any(r.name == rule.name for r in rules):
            raise _fail(source, f"rule name {rule.name!r} is used twice")
        rules.append(rule)
    sources = [source]
    for extra_source, extra in extras:
        definitions.update(extra.get("definitions") or {})
        for spec in extra["rules"]:
            _merge(rules, spec, definitions, extra_source)
        sources.append(extra_source)
    readers = data.get("reader_removals") or {}
    if not isinstance(readers, dict) or not all(isinstance(v, str) for v in readers.values()):
        raise _fail(source, "'reader_removals' must map rule names to descriptions")
    return CleaningRules(tuple(rules), tuple(sources), tuple(readers.items()))


def _default_source() -> tuple[str, dict[str, Any]]:
    ref = resources.files("claimgraph").joinpath("data", "cleaning", "rules.yaml")
    return str(ref), _read(str(ref), ref.read_text(encoding="utf-8"))


def default_rules() -> CleaningRules:
    """The packaged rules, compiled for this call (uncached: whoever cleans many documents holds on to them)."""
    return _build(_default_source(), ())


def load_rules(path: str | Path | None = None, extra: Iterable[str | Path] = ()) -> CleaningRules:
    """Load cleaning rules.

    ``path`` replaces the packaged ``rules.yaml`` as the base; each file in ``extra`` then adds to,
    replaces (same name) or disables (``enabled: false``) rules of the base. Raises `RulesError`
    with a one-line message naming the file and the reason when a file cannot be used.
    """
    extras = [_read_file(p) for p in extra]
    if path is None and not extras:
        return default_rules()
    base = _default_source() if path is None else _read_file(path)
    return _build(base, extras)
