"""The words the figures stage reads around a number (``data/figures/figures.yaml``), compiled once.

A bad file raises ``FigureLexiconError`` naming the file and what is wrong with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp.pattern_text import trie_alternation

MEASURES = ("killed", "injured", "casualties", "abducted", "arrested", "displaced")
QUALIFIER_KINDS = ("at_least", "more_than", "at_most", "fewer_than", "about", "below")
GROUPS = ("civilians", "police", "soldiers", "security_forces", "militants")


class FigureLexiconError(ClaimgraphError):
    """The figures lexicon cannot be used (one line: the file and why)."""


def _alternation(phrases) -> str:
    """Longest first, spaces matching any run of whitespace."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


def _bare_start(data: dict) -> str:
    before = {w.lower() for m in MEASURES for w in data["measures"][m]["before"]}
    return r"(?:[,;]|\band\b|\b(?:" + _alternation(before) + r"))\s+"


def _number_start() -> str:
    """Where a number may start in lower-cased text: a digit or a number word ("a dozen" at "dozen")."""
    numbers = resources.files("claimgraph") / "data" / "lexicons" / "quantities.yaml"
    lex = yaml.safe_load(numbers.read_text(encoding="utf-8"))
    words = {w for w in lex["units"] if w not in ("a", "an", "zero")} | {m for m in lex["multipliers"] if len(m) > 1}
    return r"\d|\b(?:" + trie_alternation(words) + r")\b"


def _measure_words(data: dict) -> str:
    """The longest word of every measure phrase, lower-case ("dead" of "left dead", "custody" of "in custody")."""
    words = {
        max(p.lower().split(), key=len)
        for m in MEASURES
        for side in ("after", "before")
        for p in data["measures"][m][side]
    }
    return r"\b(?:" + trie_alternation(words) + ")"


@dataclass(frozen=True)
class FigureLexicon:
    group_of: dict[str, str]  # head phrase (lower-case) -> normalised group
    generic: frozenset[str]
    nationality_heads: frozenset[str]
    strength_heads: frozenset[str]
    holdings: frozenset[str]
    heads: re.Pattern  # any head phrase, longest first
    measure_after: dict[str, re.Pattern]  # measure -> words right after a number or its group
    before_any: re.Pattern  # a verb right before a number; its group's name is the measure
    toll_before: re.Pattern
    bare_start: re.Pattern  # where a headline's bare singular may start: after a comma, "and", a measure verb
    # on lower-cased text (case-sensitive patterns skip most positions at their first letter):
    bare_start_low: re.Pattern
    number_low: re.Pattern  # where a number may start: a digit or a number word
    measure_low: re.Pattern  # a measure word: a sentence without one holds no singular ("a soldier") figure
    measure_any: re.Pattern  # the same for text whose lower case moves offsets
    qualifier_kind: dict[str, str]  # qualifier phrase -> kind
    qualifier: re.Pattern  # a qualifier phrase right before a number
    vague: re.Pattern
    speaker_patterns: tuple[re.Pattern, ...]
    claim_cue: re.Pattern

    @classmethod
    def load(cls, path: str | Path | None = None) -> FigureLexicon:
        if path is None:
            resource = resources.files("claimgraph") / "data" / "figures" / "figures.yaml"
            name, text = "data/figures/figures.yaml", resource.read_text(encoding="utf-8")
        else:
            name, text = str(path), Path(path).read_text(encoding="utf-8")
        try:
            data = yaml.safe_load(text)
            return cls._from_data(data)
        except (yaml.YAMLError, KeyError, TypeError, AttributeError, re.error) as exc:
            raise FigureLexiconError(f"{name}: not a usable figures lexicon ({type(exc).__name__}: {exc})") from None

    @classmethod
    def _from_data(cls, data: dict) -> FigureLexicon:
        group_of = {w.lower(): group for group, words in data["groups"].items() for w in words}
        unknown = set(data["groups"]) - set(GROUPS)
        if unknown:
            raise KeyError(f"groups {sorted(unknown)} are not among {GROUPS}")
        generic = frozenset(w.lower() for w in data["generic"])
        strength = frozenset(w.lower() for w in data["strength_heads"])
        holdings = frozenset(w.lower() for w in data["holdings"])
        nationality_heads = frozenset(w.lower() for w in data["nationality_heads"])
        heads = tuple(sorted({*group_of, *generic, *strength, *holdings, *nationality_heads}, key=len, reverse=True))
        after, before = {}, []
        for measure in MEASURES:
            words = data["measures"][measure]
            after[measure] = re.compile(r"(?:" + _alternation(words["after"]) + r")\b", re.IGNORECASE)
            if words["before"]:
                before.append(f"(?P<{measure}>" + _alternation(words["before"]) + ")")
        qualifier_kind = {q.lower(): kind for kind in QUALIFIER_KINDS for q in data["qualifiers"][kind]}
        return cls(
            group_of=group_of,
            generic=generic,
            nationality_heads=nationality_heads,
            strength_heads=strength,
            holdings=holdings,
            heads=re.compile(r"(?:" + _alternation(heads) + r")\b", re.IGNORECASE),
            measure_after=after,
            before_any=re.compile(r"\b(?:" + "|".join(before) + r")\s+$", re.IGNORECASE),
            toll_before=re.compile(r"\b(?:" + "|".join(data["toll_before"]) + r")\s*$", re.IGNORECASE),
            bare_start=re.compile(_bare_start(data), re.IGNORECASE),
            bare_start_low=re.compile(_bare_start(data)),
            number_low=re.compile(_number_start()),
            measure_low=re.compile(_measure_words(data)),
            measure_any=re.compile(_measure_words(data), re.IGNORECASE),
            qualifier_kind=qualifier_kind,
            qualifier=re.compile(r"\b(?P<q>" + _alternation(qualifier_kind) + r")\s+$", re.IGNORECASE),
            vague=re.compile(r"^(?:" + _alternation(data["vague"]) + r")$", re.IGNORECASE),
            speaker_patterns=tuple(re.compile(p) for p in data["speaker_patterns"]),
            claim_cue=re.compile(r"\b(?:" + _alternation(data["claim_cues"]) + r")\b", re.IGNORECASE),
        )
