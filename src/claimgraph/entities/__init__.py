"""Entities: the actors, places and other things documents mention, and how they are named."""

from claimgraph.entities.ontology import (
    ACTOR_TYPES,
    Actor,
    Ambiguity,
    Ontology,
    OntologyError,
    Role,
    normalise_surface,
)

__all__ = ["ACTOR_TYPES", "Actor", "Ambiguity", "Ontology", "OntologyError", "Role", "normalise_surface"]
