"""What the actor network is drawn from (``store.network``; link/network.py decides the edges):
the linked actors, the events between two actors and the claims whose speaker names an actor.

Actor nodes come back as dicts: they are the network's JSON nodes as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from .versions import current

if TYPE_CHECKING:
    from .store import Store


class EventTie(NamedTuple):
    """An event with two different actors, and the start of its sentence."""

    id: str
    doc_id: str
    type: str
    event_type: str
    trigger: str | None
    actor1: str
    actor2: str
    doc_title: str | None
    sentence: str


class ClaimTie(NamedTuple):
    """A claim whose speaker is an actor, with the other actors its content names: ``targets`` holds one
    ``{"actor_id", "actor_type", "start", "end"}`` per mention (clean offsets), in text order; ``start``,
    ``content_start`` / ``content_end`` and ``cue_end`` (clean offsets) place the claim's text (``sentence``), its
    content and its cue."""

    id: str
    doc_id: str
    speaker_actor: str
    status: str | None
    cue: str | None
    sentence: str
    doc_title: str | None
    start: int
    content_start: int
    content_end: int
    cue_end: int | None
    targets: list[dict[str, Any]]


def _canonical(include_duplicates: bool) -> str:
    # old versions of edited inputs are left out either way: they are history, not another source
    return f"AND {current()}" + ("" if include_duplicates else " AND d.duplicate_of IS NULL")


class NetworkRepository:
    """The network's reads of one store."""

    def __init__(self, store: Store):
        self.store = store

    def actors(self, include_duplicates: bool) -> list[dict[str, Any]]:
        """Every linked actor (id, name, type, mentions, documents), most mentioned first."""
        return self.store.query(
            "SELECT e.actor_id AS id, any_value(e.actor_name) AS name, any_value(e.actor_type) AS type, "
            "count(*) AS mentions, count(DISTINCT e.doc_id) AS documents "
            f"FROM entities e JOIN documents d ON d.id = e.doc_id WHERE e.actor_id IS NOT NULL "
            f"{_canonical(include_duplicates)} GROUP BY e.actor_id ORDER BY mentions DESC, id"
        )

    def event_ties(self, include_duplicates: bool, sentence_chars: int) -> list[EventTie]:
        """Events between two different actors that happened (not negated, not hypothetical), in
        document order, with at most ``sentence_chars`` of their sentence."""
        return [
            EventTie(**r)
            for r in self.store.query(
                "SELECT e.id, e.doc_id, e.type, e.event_type, e.trigger, e.actor1, e.actor2, d.title AS doc_title, "
                "substr(d.clean_text, e.sentence_start + 1, least(e.sentence_end - e.sentence_start, $chars)) "
                "AS sentence "
                "FROM events e JOIN documents d ON d.id = e.doc_id "
                "WHERE e.actor1 IS NOT NULL AND e.actor2 IS NOT NULL AND e.actor1 <> e.actor2 "
                f"AND NOT coalesce(e.negated, false) AND e.modality IS NULL {_canonical(include_duplicates)} "
                "ORDER BY d.ingest_seq, e.seq",
                {"chars": sentence_chars},
            )
        ]

    def claim_ties(self, include_duplicates: bool) -> list[ClaimTie]:
        """Claims whose speaker is an actor, with every other actor named in their content (the entity
        lies inside the content span), in document order; link/network.py decides which are targets."""
        return [
            ClaimTie(**r)
            for r in self.store.query(
                "SELECT c.id, c.doc_id, c.speaker_actor, c.status, c.cue, c.text AS sentence, d.title AS doc_title, "
                "c.start, c.content_start, c.content_end, c.cue_end, "
                "list({'actor_id': m.actor_id, 'actor_type': m.actor_type, 'start': m.start, 'end': m.\"end\"} "
                'ORDER BY m.start, m."end" DESC) AS targets '
                "FROM claims c JOIN documents d ON d.id = c.doc_id "
                'JOIN entities m ON m.doc_id = c.doc_id AND m.start >= c.content_start AND m."end" <= c.content_end '
                "WHERE c.speaker_actor IS NOT NULL AND m.actor_id IS NOT NULL AND m.actor_id <> c.speaker_actor "
                f"{_canonical(include_duplicates)} "
                "GROUP BY c.id, c.doc_id, c.seq, c.speaker_actor, c.status, c.cue, c.text, d.title, d.ingest_seq, "
                "c.start, c.content_start, c.content_end, c.cue_end "
                "ORDER BY d.ingest_seq, c.seq",
            )
        ]
