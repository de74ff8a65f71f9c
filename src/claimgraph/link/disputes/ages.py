"""Disputed ages: two voices giving one named person two ages ("Zehaf-Bibeau, 32," against "the
23-year-old Zehaf-Bibeau") are a figures dispute, as two tolls of one incident are (issue 16.2).

An age is read only where the entity stage found a Person mention and the text right beside it gives a
number of years (data/models/ages.yaml: "NAME, 32,", "NAME (32)", "NAME, aged 32", "a 32-year-old
NAME"); pronouns name no one. The values of one person are blocked by the last word of the name (its
titles left out: "Corporal Nathan Cirillo" and "Cirillo" are one person) and the year of the report (a
person is a year older a year later); two values conflict only when one name's words are all in the
other's ("Kim Yo-jong" is not "Kim Jong-un"). Two ages from two voices conflict; one voice's two ages
(one outlet's own copy) do not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ...errors import ClaimgraphError
from ...yamlfiles import load_yaml
from ..contested import claim_weight
from ..propositions import PropositionConfig, source_key
from .denials import claim_value
from .values import Value

AGES_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "ages.yaml"
MEASURE = "age"
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class AgeRules:
    after_name: tuple[re.Pattern, ...]
    before_name: tuple[re.Pattern, ...]
    max_age: int
    not_names: frozenset[str]
    titles: frozenset[str]


@lru_cache(maxsize=4)
def load_rules(path: Path = AGES_PATH) -> AgeRules:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        return AgeRules(
            tuple(re.compile(p) for p in data["after_name"]),
            tuple(re.compile(p) for p in data["before_name"]),
            int(data["max_age"]),
            frozenset(w.lower() for w in data["not_names"]),
            frozenset(w.lower() for w in data["titles"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
        raise ClaimgraphError(f"{path}: cannot read the age rules: {exc!r}") from exc


def name_key(name: str, rules: AgeRules) -> tuple[str, ...]:
    """The words that say which person a name is, lower case, titles left out ("Corporal Nathan Cirillo":
    nathan, cirillo; "Zehaf-Bibeau": zehaf, bibeau)."""
    return tuple(w for w in (x.lower() for x in _WORD.findall(name)) if w not in rules.titles)


def ages_in(text: str, persons: Sequence[tuple[int, int, str]], rules: AgeRules) -> list[tuple[tuple[str, ...], int]]:
    """(the name's key, the age) of each Person mention of ``text`` (its offsets in ``text``, its words)
    with an age written beside it."""
    out = []
    for start, end, name in persons:
        key = name_key(name, rules)
        if not key or name.strip().lower() in rules.not_names:
            continue
        found = [m.group(1) for p in rules.after_name if (m := p.match(text[end:]))]
        found += [m.group(1) for p in rules.before_name if (m := p.search(text[:start]))]
        ages = {int(a) for a in found if 0 < int(a) <= rules.max_age}
        if len(ages) == 1:
            out.append((key, ages.pop()))
    return out


def age_values(
    store, claims: Sequence[dict], weights: PropositionConfig, rules: AgeRules | None = None
) -> tuple[list[str], list[Value]]:
    """(the blocks the run's ``claims`` touch, the age values they give): each affirming claim's ages of
    named people, blocked by ``age:<the name's last word>|<the report's year>``."""
    rules = rules or load_rules()
    claims = [c for c in claims if c.get("stance") == "affirms" and c.get("text")]
    persons = store.disputes.persons_in(sorted({c["doc_id"] for c in claims})) if claims else {}
    values = []
    for c in claims:
        inside = [
            (p["start"] - c["start"], p["end"] - c["start"], p["text"])
            for p in persons.get(c["doc_id"], ())
            if p["start"] >= c["start"] and p["end"] <= c["end"]
        ]
        year = str(c.get("doc_date") or "")[:4] or "undated"
        for key, age in ages_in(c["text"], inside, rules):
            block = f"age:{key[-1]}|{year}"
            value = claim_value(
                c, block, " ".join(key).title(), MEASURE, source_key(c), str(age), str(age), claim_weight(c, weights),
                low=float(age), high=float(age), qualifier=None,
            )  # fmt: skip
            value.key = " ".join(key)  # the name, for ``same_person``
            values.append(value)
    return sorted({v.block for v in values}), values


def same_person(a: Value, b: Value) -> bool:
    """Whether two age values can be of one person: one name's words are all in the other's. A stored
    value (read back without its name) is its block's person."""
    x, y = set((a.key or "").split()), set((b.key or "").split())
    return not (x and y) or x <= y or y <= x
