"""The one event-type vocabulary: ``data/events/taxonomy.yaml`` (CASE 2021 types under ACLED's
event types, plus statement types mapped to their closest CASE type)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from ..yamlfiles import load_yaml


@dataclass(frozen=True, slots=True)
class EventType:
    name: str  # CASE 2021 name, e.g. SUIC_BOMB, or a statement type, e.g. DENY
    label: str  # ACLED sub-event type as written in ACLED exports, e.g. "Suicide bomb"
    event_type: str  # ACLED event type, e.g. "Explosions/Remote violence"; "Statements" for statements
    definition: str
    case_type: str  # itself for a CASE type; the closest CASE type for a statement
    aliases: tuple[str, ...] = ()

    @property
    def is_statement(self) -> bool:
        return self.case_type != self.name


STATEMENTS = "Statements"


class Taxonomy:
    def __init__(self, types: list[EventType]):
        self.types = {t.name: t for t in types}
        self._aliases = {a: t.name for t in types for a in t.aliases}

    @classmethod
    def load(cls) -> Taxonomy:
        text = (resources.files("claimgraph") / "data" / "events" / "taxonomy.yaml").read_text(encoding="utf-8")
        data = load_yaml(text)
        types: list[EventType] = []
        for group, members in data["event_types"].items():
            for name, spec in members.items():
                types.append(
                    EventType(
                        name, spec["label"], group, spec["definition"].strip(), name, tuple(spec.get("aliases", ()))
                    )
                )
        for name, spec in data["statement_types"].items():
            types.append(EventType(name, spec["label"], STATEMENTS, spec["definition"].strip(), spec["case_type"]))
        return cls(types)

    def __getitem__(self, name: str) -> EventType:
        return self.types[self._aliases.get(name, name)]

    def __contains__(self, name: object) -> bool:
        return name in self.types or name in self._aliases

    def canonical(self, name: str) -> str:
        """The taxonomy's name for ``name`` or one of its aliases (SUICIDE_BOMB → SUIC_BOMB)."""
        return self[name].name

    @property
    def case_types(self) -> list[str]:
        """The 30 CASE 2021 types, in file order."""
        return [t.name for t in self.types.values() if not t.is_statement]
