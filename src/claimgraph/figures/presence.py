"""Where a force is counted, and a force said to be absent (issue 16.2).

A strength counted in a place ("about 1,000 Wagner mercenaries are deployed in Mali", "4,000 soldiers on
Congolese soil") is the force's strength there, a part of its whole strength; a denial that a force is
somewhere ("there are no Wagner mercenaries in Mali", "not a single Eritrean soldier is in Tigray", "Chad has
no troops in Darfur") is its strength there read as 0, said by whoever denies it. The figures stage
(``figures.extract``) keeps the place's country as the figure's group ("in:ML"), so that the disputes step
compares a count in a place with the counts and denials of that place, and a force's whole strength only as
a whole holds its parts (``link.disputes.figures``: a part above its whole conflicts, a part below does not).
A place in the force's own country is no part of anything: an army at home, a group where it fights.
Rules in data/figures/presence.yaml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from claimgraph.model import Mention
from claimgraph.nlp.pattern_text import word_trie
from claimgraph.yamlfiles import load_yaml

# what a place mention may be: a place or a people's adjective ("on Malian soil")
_PLACE_TYPES = frozenset({"Location", "Nationality"})
_BREAK = re.compile(r"[.;:!?,()]")
PLACE_GROUP = "in:"  # a figure's group for a force counted in a country: "in:ML"


@dataclass(frozen=True)
class PresenceRules:
    force_heads: frozenset[str]
    absent: re.Pattern  # a denying determiner, the force's words, a head
    has_no: re.Pattern  # "has no" right before a head
    between: re.Pattern  # what may stand between a force's words and its place


@functools.cache
def load_rules() -> PresenceRules:
    text = (resources.files("claimgraph") / "data" / "figures" / "presence.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    heads = [*data["force_heads"], *data["absent_heads"]]
    head = r"(?P<head>" + word_trie(heads) + r")\b"
    determiner = r"\b(?P<det>" + word_trie(data["absent_determiners"]) + r")\s+"
    presence = word_trie(data["presence_words"])
    preposition = word_trie(data["place_prepositions"])
    return PresenceRules(
        force_heads=frozenset(w.lower() for w in data["force_heads"]),
        # the force's words hold no number and no bound: "no more than 200 X fighters" is a count, not a denial
        absent=re.compile(
            determiner + r"(?!(?:more|fewer|less|longer)\b)(?P<words>(?:[^\W\d][\w'’./-]*\s+){0,3}?)" + head,
            re.IGNORECASE,
        ),
        has_no=re.compile(r"\b(?:" + "|".join(data["has_no"]) + r")\s+" + head, re.IGNORECASE),
        between=re.compile(
            r"^(?:\s+(?:" + presence + r"))*\s+(?:" + preposition + r")\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE
        ),
    )


def place_after(text: str, end: int, clause_end: int, mentions: Sequence[Mention], rules: PresenceRules) -> str | None:
    """The country of the place a force counted up to ``end`` is said to be in: the first place (or people's
    adjective) after it in its clause, reached through words of being there and a preposition ("are deployed
    in Mali", "remain inside Tigray", "on Congolese soil"); None where none is named so."""
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < end or m.start >= clause_end:
            continue
        gap = text[end : m.start]
        if _BREAK.search(gap) or len(gap) > 80:
            return None
        if m.type in _PLACE_TYPES and m.country:
            return m.country if rules.between.match(gap) else None
    return None


@dataclass(frozen=True)
class Absence:
    """A force a sentence says is not in a place: the words denying it, the force's mention, the place's country."""

    start: int
    end: int
    force: Mention
    country: str


def absences(text: str, s: int, e: int, mentions: Sequence[Mention], rules: PresenceRules) -> list[Absence]:
    """The forces the sentence ``text[s:e]`` says are not in a named place: "there are no X mercenaries in Y",
    "not a single X soldier is in Y" (the force's name or people's adjective inside the phrase), "X has no
    troops in Y" (the force named right before). A denial naming no force, or no place, is none."""
    out: list[Absence] = []
    denials, has_no = list(rules.absent.finditer(text, s, e)), list(rules.has_no.finditer(text, s, e))
    if not denials and not has_no:
        return out  # most sentences: no mention scan
    inside = [m for m in mentions if s <= m.start and m.end <= e]
    for m in denials:
        force = _named_inside(inside, m.start("words"), m.end("head"), m.group("head").lower(), rules)
        out += _absence(text, m.start("det"), m.end("head"), force, e, inside, rules)
    for m in has_no:
        before = [x for x in inside if x.end <= m.start() and not _BREAK.search(text, x.end, m.start())]
        force = before[-1] if before and m.start() - before[-1].end <= 3 and _a_force(before[-1]) else None
        # the value as written names the force: "The UPDF has no soldiers", not "has no soldiers"
        out += _absence(text, force.start if force else m.start(), m.end("head"), force, e, inside, rules)
    return out


def _absence(text, start, end, force, e, mentions, rules) -> list[Absence]:
    if force is None:
        return []
    country = place_after(text, end, e, mentions, rules)
    return [Absence(start, end, force, country)] if country else []


def _named_inside(mentions, start: int, end: int, head: str, rules: PresenceRules) -> Mention | None:
    """The force named between the denying word and the head: an actor ("Wagner mercenaries"), or a people's
    adjective before a state's soldiers ("Eritrean soldier")."""
    for m in mentions:
        if start <= m.start < end and _a_force(m):
            return m
        if start <= m.start < end and m.type == "Nationality" and m.country and head in rules.force_heads:
            return m
    return None


def _a_force(m: Mention) -> bool:
    return bool(m.actor_id) and m.actor_type in ("state", "state_organ", "armed_group")
