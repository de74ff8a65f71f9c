"""Normalising the tagger's mentions before they meet the dictionary's: a count of people is a
Quantity, never a name.

The re3d tagger reads "at least 60 people", "Hundreds of civilians" or "dozen people" as an
Organisation now and then (and runs it on over the words before it: "- Residents said at least 60
people"). A number or quantifier, then at most two modifiers, then a noun that counts people
("people", "civilians", "soldiers", "worshippers") ending the span is a count of people, whatever the
tagger called it: the span becomes that count, typed Quantity. The words come from the lexicons that
already read such counts: numbers, multipliers, vague amounts and qualifiers from
``data/lexicons/quantities.yaml``, quantifiers and the nouns that count people from
``data/figures/figures.yaml``. The noun must be written in lower case: in a name every word is
capitalised ("Seven Sisters", "Two Brothers Bakery"); a phrase's noun is its last word ("two Border
Police officers").
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from importlib import resources

from claimgraph.yamlfiles import load_yaml

NAME_TYPES = frozenset({"Organisation", "Person"})  # what a count of people is never
# the figures lexicon's lists of nouns that count people (its holdings count things: camps, cells)
_PEOPLE_LISTS = ("generic", "nationality_heads", "strength_heads")


def _data(*parts: str) -> dict:
    return load_yaml((resources.files("claimgraph").joinpath("data", *parts)).read_text(encoding="utf-8"))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def _count_pattern() -> re.Pattern[str]:
    """The count-of-people phrase ending a span."""
    quantities, figures = _data("lexicons", "quantities.yaml"), _data("figures", "figures.yaml")
    numbers = {w for w in quantities["units"] if w not in ("a", "an")} | set(quantities["multipliers"])
    numbers |= set(quantities["vague"]) | set(figures["vague"])
    qualifiers = {q for qs in quantities["qualifiers"].values() for q in qs}
    qualifiers |= {q for qs in figures["qualifiers"].values() for q in qs}
    heads = {h for nouns in figures["groups"].values() for h in nouns}
    heads |= {h for name in _PEOPLE_LISTS for h in figures[name]}
    number = rf"(?:\d[\d,.]*|(?:{_alternation(numbers)})\b)"
    pattern = re.compile(
        rf"(?<![\w'’-])(?:(?:{_alternation(qualifiers)})\s+)?(?:an?\s+)?{number}(?:[\s-]+{number})*"
        rf"(?:\s+of)?(?:\s+[\w'’-]+){{0,2}}?\s+(?P<head>{_alternation(heads)})[\W_]*$",
        re.IGNORECASE,
    )
    return pattern


def people_count(text: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the count of people that ends it ("at least 60 people" in "- Residents
    said at least 60 people"), or None."""
    found = _count_pattern().search(text)
    noun = found["head"].split()[-1] if found else ""
    if found is None or noun != noun.lower():  # "Seven Sisters": a name, not a count
        return None
    return found.start(), found.end("head")


def counts_as_quantities(mentions: Sequence) -> list:
    """The tagger's ``mentions`` (``text`` holding the span's words) with every name-typed one that ends
    in a count of people cut to that count and typed Quantity."""
    out = []
    for m in mentions:
        count = people_count(m.text) if m.type in NAME_TYPES else None
        if count is not None:
            start, end = count
            m = dataclasses.replace(
                m, start=m.start + start, end=m.start + end, text=m.text[start:end], type="Quantity"
            )
        out.append(m)
    return out
