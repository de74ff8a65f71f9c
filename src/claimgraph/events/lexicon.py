"""The trigger lexicon (``data/events/triggers.yaml``) compiled once: trigger patterns per event
type, which types subsume which, and the cue word lists the slot filler reads."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from claimgraph.events.taxonomy import Taxonomy
from claimgraph.nlp.pattern_text import alternatives, closing, needs_scan, prefixes, trie_alternation

from ..yamlfiles import load_yaml

# How many leading characters of a trigger the word-start scan compares (6 leaves ~40 word starts
# per 4 KB article to try; 3 leaves ~280).
PREFIX_CHARS = 6


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    type: str
    weight: float
    regex: re.Pattern
    needs_context: bool  # a bare verb ("killed") counts only in a sentence about violence


def _optional_after(pattern: str, i: int) -> tuple[bool, int]:
    """(whether the item ending before ``i`` may be absent, index after its quantifier)."""
    if i < len(pattern) and pattern[i] in "?*":
        return True, i + 1 + (i + 1 < len(pattern) and pattern[i + 1] == "?")
    if pattern.startswith("{0", i):
        return True, pattern.index("}", i) + 1
    if i < len(pattern) and pattern[i] in "+{":
        return False, (i + 1 if pattern[i] == "+" else pattern.index("}", i) + 1)
    return False, i


def first_letters(pattern: str) -> tuple[set[str] | None, bool]:
    """(lower-case characters a trigger pattern can start with, or None when that is not plain from
    its text; whether it can match the empty string). Reads the pattern's own text — literals,
    groups, alternatives, optional items — and gives up (None) on anything else (classes, escapes,
    lookarounds), so a pattern it cannot read is simply tried everywhere."""
    chars: set[str] = set()
    nullable = False
    for branch in alternatives(pattern):
        found, empty = _first_of_sequence(branch)
        if found is None:
            return None, False
        chars |= found
        nullable |= empty
    return chars, nullable


def _first_of_sequence(seq: str) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    i = 0
    while i < len(seq):
        c = seq[i]
        if seq.startswith("\\b", i):  # a word boundary takes no character
            i += 2
            continue
        if c == "(":
            end = closing(seq, i)
            inner = seq[i + 1 : end]
            flags = re.match(r"\?(?:[aiLmsux]*-?[aiLmsux]*)?:", inner)
            if inner.startswith("?") and not flags:
                return None, False  # a lookaround or a named group
            found, empty = first_letters(inner[flags.end() :] if flags else inner)
            optional, i = _optional_after(seq, end + 1)
        elif c.isalnum() or c in " '-":
            found, empty = {c.lower()}, False
            optional, i = _optional_after(seq, i + 1)
        else:
            return None, False
        if found is None:
            return None, False
        out |= found
        if not (empty or optional):
            return out, False
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
    # cue patterns anchored at the end of the text searched (the characters before a trigger):
    # modal_before, infinitive_before, conditional, generic, purpose_before
    modality: dict[str, re.Pattern]
    refers_back: dict[str, frozenset[str]]  # type of a definite mention → other types it may stand for
    # Patterns by the (lower-case) first character they can match: trying only those at each word
    # start is ~5x faster than running every pattern over the text. "" holds patterns whose first
    # character is not plain from their text, tried everywhere.
    by_first_char: dict[str, tuple[TriggerPattern, ...]]
    # the patterns of each first character as one alternation: one C-level test per word start
    # rules out most words before any pattern is tried on its own
    any_by_first_char: dict[str, re.Pattern]
    # where a pattern of by_first_char's letters may begin, searched in the lower-cased text: the first
    # PREFIX_CHARS characters its matches can start with, as one trie-shaped alternation after a
    # non-word character. One C-level scan leaves ~40 of a 4 KB article's ~900 word starts to try.
    starts: re.Pattern
    cue_words: dict[str, tuple[str, ...]]  # the cue lists as written in triggers.yaml
    # per cue and modality cue, the strings one of which each of its matches holds, as one scan of
    # lower-cased text: a sentence without any is not searched (most hold no hedge, weapon or modal)
    cue_needs: dict[str, re.Pattern | None]

    @functools.cached_property
    def casualty_words(self) -> re.Pattern | None:
        """What a toll needs in its sentence, as one scan of lower-cased text: a killed/injured cue word
        (the unit or the word after the number), or "kill"/"injur"/"wound" before the number."""
        words = self.cue_words
        return needs_scan("|".join([*words["killed"], *words["injured"], "kill", "injur", "wound"]))

    @classmethod
    def load(cls, taxonomy: Taxonomy | None = None) -> TriggerLexicon:
        """The shipped triggers and cues, read and compiled (~0.4 s: build it once and pass it on, as
        the events component does)."""
        text = (resources.files("claimgraph") / "data" / "events" / "triggers.yaml").read_text(encoding="utf-8")
        data = load_yaml(text)
        taxonomy = taxonomy if taxonomy is not None else Taxonomy.load()
        patterns, sources = [], []
        for type_name, entries in data["triggers"].items():
            if type_name not in taxonomy:
                raise ValueError(f"triggers.yaml: {type_name} is not in the taxonomy")
            for entry in entries:
                weight, regex = float(entry[0]), entry[1]
                sources.append(regex)
                patterns.append(
                    TriggerPattern(
                        type_name,
                        weight,
                        re.compile(rf"\b(?:{regex})\b", re.IGNORECASE),
                        len(entry) > 2 and entry[2] == "context",
                    )
                )
        rank = {name: i for i, name in enumerate(data["precedence"])}
        cues = {name: _words(items) for name, items in data["cues"].items() if name != "weapons"}
        weapons = tuple(data["cues"]["weapons"])
        cues["weapons"] = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in sorted(weapons, key=len, reverse=True)) + r")s?\b", re.IGNORECASE
        )
        subsumed = {k: frozenset(v) for k, v in data.get("subsumed_by", {}).items()}
        by_char: dict[str, list[TriggerPattern]] = {}
        for p, source in zip(patterns, sources):
            chars, empty = first_letters(source)
            for c in {""} if chars is None or empty else chars:
                by_char.setdefault(c, []).append(p)
        mod = data["modality"]
        # "may have been killed" reports a past event with doubt (a hedge), not a possible one
        modality = {
            "modal_before": re.compile(
                r"\b(?:" + "|".join(mod["modal_before"]) + r")\b(?!\s+have\b)"
                r"\s+(?:[\w'’-]+,?\s+){0,5}$",
                re.IGNORECASE,
            ),
            "infinitive_before": re.compile(
                r"\b(?:" + "|".join(mod["infinitive_before"]) + r")\s+(?:\w+ly\s+)?$", re.IGNORECASE
            ),
            "conditional": _words(mod["conditional"]),
            "generic": _words(mod["generic"]),
            # "to" + a lower-case verb + up to two words: "to foster constructive engagement"
            "purpose_before": re.compile(
                r"\b(?:" + "|".join(mod["purpose_before"]) + r")\s+(?!(?:the|a|an|this|that|"
                r"these|those|its|their|his|her|our|several|many|recent|more)\b)"
                r"(?-i:[a-z]+)\s+(?:[\w'’-]+\s+){0,2}$",
                re.IGNORECASE,
            ),
        }
        refers_back = {k: frozenset(v) for k, v in data["refers_back"].items()}
        if set(cues) & set(modality):
            raise ValueError(f"triggers.yaml: cue names also used for modality: {sorted(set(cues) & set(modality))}")
        lettered = {id(p) for c, ps in by_char.items() if c for p in ps}
        beginnings = {
            q
            for p, source in zip(patterns, sources)
            if id(p) in lettered
            for q in prefixes(source, PREFIX_CHARS)
            if not q or re.match(r"\w", q)
        }
        return cls(
            tuple(patterns),
            rank,
            subsumed,
            cues,
            weapons,
            modality,
            refers_back,
            {c: tuple(ps) for c, ps in by_char.items()},
            {c: re.compile("|".join(p.regex.pattern for p in ps), re.IGNORECASE) for c, ps in by_char.items()},
            re.compile(r"(?<![a-z0-9_])(?=" + trie_alternation(beginnings) + ")"),
            {name: tuple(items) for name, items in data["cues"].items()},
            {name: needs_scan(cue.pattern) for name, cue in [*cues.items(), *modality.items()]},
        )

    def search(self, cue: str, text: str, start: int, end: int, low: str | None) -> re.Match | None:
        """``cues[cue].search(text, start, end)`` (or ``modality[cue]``), skipped when
        ``low[start:end]`` holds nothing the cue needs (``low``: ``text`` as ``pattern_text.lowered``
        gives it; None: always search)."""
        needs = self.cue_needs[cue]
        if needs is not None and low is not None and needs.search(low, start, end) is None:
            return None
        return (self.cues.get(cue) or self.modality[cue]).search(text, start, end)
