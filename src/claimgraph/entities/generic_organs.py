"""Generic names of a state's organs (data/lexicons/generic_organs.yaml): "the Ministry of Interior", "the
army", "security forces", "provincial police", "the junta". No actor can carry them as aliases (every state
has an army), so the entity stage links one to the organ of the story's country, where the document
supports exactly one country (entities/extract.py ``_generic_organ_mentions``).

A kind of organ ("armed_forces", "police", ...) is the country's actor the data names, else an organ made
from the states list (``organ_actors``: ``mz-armed-forces``, "Armed forces of Mozambique"), which
``Ontology.load`` adds, so every reader of a store finds the id. Nothing here imports the ontology module:
it imports this one.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

from claimgraph.yamlfiles import load_yaml

_PATH = ("data", "lexicons", "generic_organs.yaml")


@functools.cache
def _data() -> dict[str, Any]:
    path = resources.files("claimgraph").joinpath(*_PATH)
    data = load_yaml(path.read_text(encoding="utf-8"))
    kinds = data.get("kinds") or {}
    for entry in data["organs"]:
        if "kind" in entry and entry["kind"] not in kinds:
            raise ValueError(f"claimgraph/{'/'.join(_PATH)}: organ kind {entry['kind']!r} is not under 'kinds'")
    return data


def organ_id(kind: str, code: str) -> str:
    """The id of the organ of ``kind`` made for the state of ISO code ``code`` ("mz-armed-forces")."""
    return _data()["kinds"][kind]["id"].format(code=code.lower())


def organ_entries(states: Iterable[tuple[str, str, str]], taken: set[str]) -> list[dict[str, Any]]:
    """The organs to make from ``states`` ((state id, name, ISO code)): one of each kind for each state
    whose organ of that kind the data does not name and whose id is not ``taken`` (an actor file's own),
    as plain fields (``Ontology.load`` freezes them into actors)."""
    data = _data()
    skip = set(data.get("no_generic_organ") or ())
    taken = set(taken)
    out = []
    for kind, spec in data["kinds"].items():
        named = spec.get("actors") or {}
        for state_id, name, code in states:
            made = organ_id(kind, code)
            if code in skip or code in named or made in taken:
                continue
            taken.add(made)  # one organ of a kind for a country that two state actors share
            out.append(
                {
                    "id": made,
                    "name": spec["name"].format(state=name),
                    "type": "state_organ",
                    "country": code,
                    "parent": state_id,
                    "note": "Made from the states list for the press's generic names of it "
                    "(data/lexicons/generic_organs.yaml); linked only in a story about this one country.",
                }
            )
    return out


@dataclasses.dataclass(frozen=True)
class GenericOrgans:
    """The generic organ names: a regex over them, folded name -> how it links (``Organ``), the words of
    each name (None unless every name is ASCII words and spaces), which tell in a few substring tests
    whether the regex can match at all, the states under military rule, the words after an
    adjective-like name ("military") where it still stands as a noun, and the words before a force's
    noun that make it another's force ("rebel", "peacekeeping")."""

    pattern: re.Pattern[str]
    table: dict[str, Organ]
    words: tuple[tuple[str, ...], ...] | None
    military_rule: frozenset[str]
    noun_after: frozenset[str]
    other_owners: frozenset[str]

    @classmethod
    def load(cls) -> GenericOrgans:
        data = _data()
        table: dict[str, Organ] = {}
        for entry in data["organs"]:
            kind = entry.get("kind")
            actors = dict(entry.get("actors") or (data["kinds"][kind].get("actors") or {} if kind else {}))
            organ = Organ(actors, kind, bool(entry.get("ruling_military")), bool(entry.get("force")))
            for name in entry["names"]:
                table[" ".join(name.casefold().split())] = organ
        names = sorted(table, key=len, reverse=True)
        # (?<!\w) is \b before a name that starts with a letter, and the regex engine tries it faster
        lead = r"(?<!\w)" if all(re.match(r"\w", n) for n in names) else r"\b"
        body = "|".join(re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]") for n in names)
        pattern = re.compile(lead + rf"(?:{body})\b", re.IGNORECASE)
        words = tuple(tuple(n.split()) for n in names)
        plain = all(re.fullmatch(r"[a-z']+( [a-z']+)*", n) for n in names)  # fold writes "’" as "'"
        return cls(
            pattern,
            table,
            words if plain else None,
            frozenset(data.get("military_rule") or ()),
            frozenset(w.casefold() for w in data.get("noun_after") or ()),
            frozenset(w.casefold() for w in data.get("other_owners") or ()),
        )

    def organ(self, surface: str) -> Organ:
        return self.table[" ".join(surface.casefold().replace("’", "'").split())]


@dataclasses.dataclass(frozen=True)
class Organ:
    """How a generic name links: ``actors`` (country -> actor id) the data names; ``kind``: the organ made
    from the state for any other country (None: no other); ``ruling_military``: only in a state under
    military rule; ``force``: a force's common noun, read only as a noun of its own (not inside a longer
    proper name)."""

    actors: dict[str, str]
    kind: str | None
    ruling_military: bool
    force: bool

    def actor_id(self, country: str) -> str | None:
        found = self.actors.get(country)
        if found is None and self.kind is not None:
            found = organ_id(self.kind, country)
        return found
