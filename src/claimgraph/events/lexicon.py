"""The trigger lexicon (``data/events/triggers.yaml``) compiled once: trigger patterns per event
type, which types subsume which, and the cue word lists the slot filler reads."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from re import _constants as sre_constants  # the stdlib's regex parser: first characters of a pattern
from re import _parser as sre_parser

import yaml

from claimgraph.events.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    type: str
    weight: float
    regex: re.Pattern
    needs_context: bool  # a bare verb ("killed") counts only in a sentence about violence


def first_chars(items) -> tuple[set[str] | None, bool]:
    """(characters a parsed regex sequence can start with or None for "any", whether it can be empty)."""
    C = sre_constants
    out: set[str] = set()
    for op, av in items:
        if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
            continue
        if op is C.LITERAL:
            out.add(chr(av))
            return out, False
        if op is C.IN:
            for o, a in av:
                if o is C.LITERAL:
                    out.add(chr(a))
                elif o is C.RANGE:
                    out.update(chr(c) for c in range(a[0], a[1] + 1))
                else:
                    return None, False
            return out, False
        if op is C.SUBPATTERN or op is C.BRANCH or op in (C.MAX_REPEAT, C.MIN_REPEAT):
            branches = [av[3]] if op is C.SUBPATTERN else av[1] if op is C.BRANCH else [av[2]]
            nullable = False
            for branch in branches:
                chars, empty = first_chars(branch)
                if chars is None:
                    return None, False
                out |= chars
                nullable |= empty
            if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0:
                nullable = True
            if not nullable:
                return out, False
            continue
        return None, False
    return out, True


def _words(items: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(items) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class TriggerLexicon:
    patterns: tuple[TriggerPattern, ...]
    rank: dict[str, int]  # precedence: lower is more specific
    subsumed_by: dict[str, frozenset[str]]
    cues: dict[str, re.Pattern]
    weapons: tuple[str, ...]
    # Patterns by the (lower-case) first character they can match: trying only those at each word
    # start is ~5x faster than scanning every pattern over the text. "" holds patterns with no
    # first-character set, tried everywhere.
    by_first_char: dict[str, tuple[TriggerPattern, ...]]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "TriggerLexicon":
        text = (resources.files("claimgraph") / "data" / "events" / "triggers.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        taxonomy = Taxonomy.load()
        patterns = []
        for type_name, entries in data["triggers"].items():
            if type_name not in taxonomy:
                raise ValueError(f"triggers.yaml: {type_name} is not in the taxonomy")
            for entry in entries:
                weight, regex = float(entry[0]), entry[1]
                patterns.append(TriggerPattern(type_name, weight, re.compile(rf"\b(?:{regex})\b", re.IGNORECASE),
                                               len(entry) > 2 and entry[2] == "context"))
        rank = {name: i for i, name in enumerate(data["precedence"])}
        cues = {name: _words(items) for name, items in data["cues"].items() if name != "weapons"}
        weapons = tuple(data["cues"]["weapons"])
        cues["weapons"] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(weapons, key=len, reverse=True))
                                     + r")s?\b", re.IGNORECASE)
        subsumed = {k: frozenset(v) for k, v in data.get("subsumed_by", {}).items()}
        by_char: dict[str, list[TriggerPattern]] = {}
        for p in patterns:
            chars, empty = first_chars(list(sre_parser.parse(p.regex.pattern, re.IGNORECASE)))
            for c in ({""} if chars is None or empty else {c.lower() for c in chars}):
                by_char.setdefault(c, []).append(p)
        return cls(tuple(patterns), rank, subsumed, cues, weapons, {c: tuple(ps) for c, ps in by_char.items()})
