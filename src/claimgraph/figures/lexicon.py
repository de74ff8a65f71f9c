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
from claimgraph.figures.numbers import number_pattern
from claimgraph.nlp.pattern_text import trie_alternation, word_trie

from ..yamlfiles import load_yaml

MEASURES = ("killed", "injured", "casualties", "abducted", "arrested", "displaced")
QUALIFIER_KINDS = ("at_least", "more_than", "at_most", "fewer_than", "about", "below")
GROUPS = ("civilians", "police", "soldiers", "security_forces", "militants")


class FigureLexiconError(ClaimgraphError):
    """The figures lexicon cannot be used (one line: the file and why)."""


def _bare_start(data: dict) -> str:
    before = {w.lower() for m in MEASURES for w in data["measures"][m]["before"]} | set(data["leave_verbs"])
    return r"(?:[,;]|\band\b|\b(?:" + word_trie(before) + r"))\s+"


def _number_start(lex: dict) -> str:
    """Where a number may start in lower-cased text: a digit or a number word ("a dozen" at "a")."""
    words = {w for w in lex["units"] if w not in ("a", "an", "zero")} | {m for m in lex["multipliers"] if len(m) > 1}
    words |= {"a dozen", "a hundred", "a thousand", "half a dozen"}
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
    implied: dict[str, str]  # head -> the measure it implies ("bodies" -> killed)
    nationality_heads: frozenset[str]
    own_people_heads: frozenset[str]  # heads a possessive makes the speaker's own side ("two of our brothers")
    strength_heads: frozenset[str]
    holdings: frozenset[str]
    heads: re.Pattern  # any head phrase, longest first
    measure_after: dict[str, re.Pattern]  # measure -> words right after a number or its group
    toll_word: dict[str, re.Pattern]  # any word of a measure, before or after its count ("killing", "died")
    before_words: dict[str, str]  # a verb phrase right before a number (lower-case, single spaces) -> measure
    toll_before: re.Pattern
    injured_toll_before: re.Pattern  # "the number of injured at": the number after is an injured toll
    # measures some verbs give only to a count of people ("lost 12 soldiers", "30 soldiers had fallen")
    before_person: dict[str, str]
    after_person: dict[str, re.Pattern]
    strength_before: re.Pattern  # "its strength is estimated at": the number after is a group's strength
    # a word each of those phrases holds, searched first (the phrases scan back tens of characters)
    toll_key: re.Pattern
    strength_key: re.Pattern
    bare_start: re.Pattern  # where a headline's bare singular may start: after a comma, "and", a measure verb
    # on lower-cased text (case-sensitive patterns skip most positions at their first letter):
    bare_start_low: re.Pattern
    number: re.Pattern  # a number or a range (figures.numbers.number_pattern)
    number_lowered: re.Pattern  # the same for lower-cased text
    nationalities: frozenset[str]  # nationality adjectives ("Chinese"), the entity stage's lexicon
    number_low: re.Pattern  # where a number may start: a digit or a number word
    number_any: re.Pattern  # the same for text whose lower case moves offsets
    measure_low: re.Pattern  # a measure word: a sentence without one holds no singular ("a soldier") figure
    measure_any: re.Pattern  # the same for text whose lower case moves offsets
    qualifier_kind: dict[str, str]  # qualifier phrase -> kind
    qualifier: re.Pattern  # a qualifier phrase right before a number
    vague: re.Pattern
    negative_before: re.Pattern  # a negative determiner ending right before a one-person noun phrase
    speaker_patterns: tuple[re.Pattern, ...]
    first_person: frozenset[str]  # a speaker opening with one of these is the document's voice ("Our ministry")
    claim_cue: re.Pattern
    # a group's fighters counted without naming it ("the militants number about 500"): the story's one
    # armed group's strength (figures.extract), where a size word comes before the number
    unnamed_heads: frozenset[str] = frozenset()
    size_before: re.Pattern | None = None
    size_after: re.Pattern | None = None  # "no more than 200 terrorists remain active"
    size_copula: re.Pattern | None = None  # "the terrorists operating there are now no more than 400"
    # a group's own dead told without a possessive (``own_side`` in the data): heads that are its own by
    # themselves ("five martyrs"), the death words it uses of its own ("were martyred"), a first person right
    # before the count ("we lost four comrades")
    own_bare_heads: frozenset[str] = frozenset()
    own_death: re.Pattern | None = None
    own_before: re.Pattern | None = None
    # members of a non-state armed body ("seven members of the armed group"): militants
    member_heads: frozenset[str] = frozenset()
    members_of_body: re.Pattern | None = None

    @classmethod
    def load(cls, path: str | Path | None = None) -> FigureLexicon:
        if path is None:
            resource = resources.files("claimgraph") / "data" / "figures" / "figures.yaml"
            name, text = "data/figures/figures.yaml", resource.read_text(encoding="utf-8")
        else:
            name, text = str(path), Path(path).read_text(encoding="utf-8")
        package = resources.files("claimgraph") / "data" / "lexicons"
        quantities = load_yaml((package / "quantities.yaml").read_text(encoding="utf-8"))
        lines = (package / "ner" / "nationality.txt").read_text(encoding="utf-8").splitlines()
        nationalities = frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
        try:
            data = load_yaml(text)
            return cls._from_data(data, quantities, nationalities)
        except (yaml.YAMLError, KeyError, TypeError, AttributeError, re.error) as exc:
            raise FigureLexiconError(f"{name}: not a usable figures lexicon ({type(exc).__name__}: {exc})") from None

    @classmethod
    def _from_data(cls, data: dict, quantities: dict, nationalities: frozenset[str]) -> FigureLexicon:
        group_of = {w.lower(): group for group, words in data["groups"].items() for w in words}
        unknown = set(data["groups"]) - set(GROUPS)
        if unknown:
            raise KeyError(f"groups {sorted(unknown)} are not among {GROUPS}")
        generic = frozenset(w.lower() for w in data["generic"])
        strength = frozenset(w.lower() for w in data["strength_heads"])
        holdings = frozenset(w.lower() for w in data["holdings"])
        nationality_heads = frozenset(w.lower() for w in data["nationality_heads"])
        own = data["own_side"]
        own_heads = frozenset(w.lower() for w in [*data["own_people_heads"], *own["bare_heads"]])
        heads = tuple(
            sorted({*group_of, *generic, *strength, *holdings, *nationality_heads, *own_heads}, key=len, reverse=True)
        )
        after, before = {}, {}
        for measure in MEASURES:
            words = data["measures"][measure]
            after[measure] = re.compile(r"(?:" + word_trie(words["after"]) + r")\b", re.IGNORECASE)
            before.update({" ".join(w.lower().split()): measure for w in words["before"]})
        person = data["person_measures"]
        unknown = set(person) - set(MEASURES)
        if unknown:
            raise KeyError(f"person_measures {sorted(unknown)} are not among {MEASURES}")
        before_person = {" ".join(w.lower().split()): m for m, words in person.items() for w in words["before"]}
        after_person = {
            m: re.compile(r"(?:" + word_trie(words["after"]) + r")\b", re.IGNORECASE) for m, words in person.items()
        }
        qualifier_kind = {q.lower(): kind for kind in QUALIFIER_KINDS for q in data["qualifiers"][kind]}
        return cls(
            group_of=group_of,
            generic=generic,
            implied={w.lower(): m for m, words in data["implied"].items() for w in words},
            nationality_heads=nationality_heads,
            own_people_heads=frozenset(w.lower() for w in data["own_people_heads"]),
            strength_heads=strength,
            holdings=holdings,
            heads=re.compile(r"(?:" + word_trie(heads) + r")\b", re.IGNORECASE),
            measure_after=after,
            toll_word={
                m: re.compile(r"\b(?:" + word_trie([*w["after"], *w["before"]]) + r")\b", re.IGNORECASE)
                for m, w in data["measures"].items()
                if m in MEASURES
            },
            before_words=before,
            toll_before=re.compile(r"\b(?:" + "|".join(data["toll_before"]) + r")\s*$", re.IGNORECASE),
            injured_toll_before=re.compile(r"\b(?:" + "|".join(data["injured_toll_before"]) + r")\s*$", re.IGNORECASE),
            before_person=before_person,
            after_person=after_person,
            strength_before=re.compile(r"\b(?:" + "|".join(data["strength_before"]) + r")\s*$", re.IGNORECASE),
            toll_key=re.compile(r"(?:" + word_trie(data["toll_keys"]) + ")", re.IGNORECASE),
            strength_key=re.compile(r"(?:" + word_trie(data["strength_keys"]) + ")", re.IGNORECASE),
            bare_start=re.compile(_bare_start(data), re.IGNORECASE),
            bare_start_low=re.compile(_bare_start(data)),
            number=number_pattern(quantities["units"], quantities["multipliers"], lowered=False),
            number_lowered=number_pattern(quantities["units"], quantities["multipliers"], lowered=True),
            nationalities=nationalities,
            number_low=re.compile(_number_start(quantities)),
            number_any=re.compile(_number_start(quantities), re.IGNORECASE),
            measure_low=re.compile(_measure_words(data)),
            measure_any=re.compile(_measure_words(data), re.IGNORECASE),
            qualifier_kind=qualifier_kind,
            qualifier=re.compile(r"\b(?P<q>" + word_trie(qualifier_kind) + r")\s+$", re.IGNORECASE),
            vague=re.compile(r"^(?:" + word_trie(data["vague"]) + r")$", re.IGNORECASE),
            negative_before=re.compile(
                r"\b(?:" + word_trie(data["negative_determiners"]) + r")(?:\s+single)?\s+$", re.IGNORECASE
            ),
            speaker_patterns=tuple(re.compile(p) for p in data["speaker_patterns"]),
            first_person=frozenset(w.lower() for w in data["first_person"]),
            claim_cue=re.compile(r"\b(?:" + word_trie(data["claim_cues"]) + r")\b", re.IGNORECASE),
            unnamed_heads=frozenset(w.lower() for w in data["unnamed_strength"]["heads"]),
            size_before=re.compile(r"\b(?:" + "|".join(data["unnamed_strength"]["before"]) + r")\s*$", re.IGNORECASE),
            size_after=re.compile(r"\s+(?:" + "|".join(data["unnamed_strength"]["after"]) + r")", re.IGNORECASE),
            size_copula=re.compile(r"\b(?:" + data["unnamed_strength"]["copula"] + r")\s*$", re.IGNORECASE),
            own_bare_heads=frozenset(w.lower() for w in own["bare_heads"]),
            own_death=re.compile(r"(?:" + word_trie(own["death_words"]) + r")\b", re.IGNORECASE),
            own_before=re.compile(r"(?:" + "|".join(own["before"]) + r")\s+$", re.IGNORECASE),
            member_heads=frozenset(w.lower() for w in data["members_of"]["heads"]),
            members_of_body=re.compile(
                r"\s+of\s+(?:the|an?|this|that|its|their)\s+(?:" + word_trie(data["members_of"]["bodies"]) + r")\b",
                re.IGNORECASE,
            ),
        )
