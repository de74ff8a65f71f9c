"""Whose side a figure's voice is on, to tell a revised count from a rival account (issue 16.2, docs/disputes.md
"Updates").

A later, higher toll from another source replaces an earlier one only where its words say it revises ("has risen
to") and its voice may revise that figure (``may_revise``): a party (a state, its organs, an armed group, a
political party or government in exile, their outlets and spokesmen) never revises another side's count: its
different figure is its own account. A voice that is no party to the conflict (an outlet, a witness, medics, a
hospital, a UN agency, an NGO) has no side a party opposes. A Myanmar trial found the exiled government's 31 marked
an update of a local outlet's 24 because it was "official", with no word of revision: two accounts.

The parties are the ontology's: ``party_actor_types`` (data/models/disputes.yaml) along an actor's parent chain
(a group's outlet is the group's, a state organ its state's), a person's through the organisations of its
roles, and an actor's allies (``affiliations``) on its side. A speaker no actor was resolved for is a party of
unknown side where its words name a state organ (``Value.official``): it revises only its own body's count.
"""

from __future__ import annotations

import functools

from ...entities.ontology import Actor, Ontology, load_cached
from ...yamlfiles import load_yaml
from .config import CONFIG_PATH
from .values import Value


@functools.lru_cache(maxsize=1)
def party_types() -> frozenset[str]:
    """The actor types that are parties to a conflict (shipped data, read once per process)."""
    return frozenset(load_yaml(CONFIG_PATH.read_text(encoding="utf-8"))["party_actor_types"])


def _side_key(actor: Actor, ontology: Ontology, types: frozenset[str]) -> str | None:
    """The side an actor is a party of: its state for a state and its organs, else the top-most party of its
    parent chain (an armed group's wing or outlet is the group's); None for no party."""
    chain = [actor, *ontology.ancestors(actor.id)]
    party = [a for a in chain if a.type in types]
    if not party:
        return None
    states = [a for a in chain if a.type == "state"]
    if states:
        return f"state:{states[-1].id}"
    if any(a.type == "state_organ" for a in party) and actor.country:
        return f"state:{actor.country}"
    return party[-1].id


@functools.lru_cache(maxsize=4096)
def actor_sides(actor_id: str) -> frozenset[str] | None:
    """The sides an actor of the shipped ontology speaks for (its own and its allies'); None where it is no
    party (an IGO, an NGO, an independent outlet, a person holding no party's role, an unknown id)."""
    ontology, types = load_cached(), party_types()
    actor = ontology.get(actor_id)
    if actor is None:
        return None
    members = [actor] if actor.type != "person" else [ontology.get(r.org) for r in actor.roles if r.org]
    out = set()
    for a in (m for m in members if m is not None):
        own = _side_key(a, ontology, types)
        if own is None:
            continue
        out.add(own)
        for ally_id in (x for c in [a, *ontology.ancestors(a.id)] for x in c.affiliations):
            ally = ontology.get(ally_id)
            key = _side_key(ally, ontology, types) if ally is not None else None
            if key is not None:
                out.add(key)
    return frozenset(out) or None


def voice_sides(v: Value) -> frozenset[str] | None:
    """The sides a value's voice speaks for; an empty set for an official voice no actor was resolved for (a
    party whose side is unknown); None for no party."""
    if v.speaker_actor:
        sides = actor_sides(v.speaker_actor)
        if sides is not None or load_cached().get(v.speaker_actor) is not None:
            return sides
    return frozenset() if v.official else None


def may_revise(earlier: Value, later: Value, same_body: bool) -> bool:
    """Whether ``later``'s voice may revise ``earlier``'s figure: one body (``same_body``), or not two parties
    of different sides. A party's count set against another side's is its own account, never a revision of
    the other's, whatever its words say ("the toll has risen to 60" in an armed group's statement after the
    army's 12); a count of a voice that is no party may revise a party's and be revised by one."""
    if same_body:
        return True
    mine, theirs = voice_sides(later), voice_sides(earlier)
    if mine is None or theirs is None:
        return True
    return bool(mine & theirs)
