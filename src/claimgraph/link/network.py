"""The actor network: who acts on, accuses or is tied to whom, from the store's events and claims.

Edges come from three places, each mapped to a kind by ``data/network/edges.yaml``:

* events that name two actors: actor1 -> actor2, kind by event type (an armed clash attacks, an
  arrest acts on, an agreement cooperates, an ACCUSE statement accuses);
* claims whose speaker is a known actor: speaker -> the actors its content names as targets
  (``link/claim_targets.py``: an accusation's object, a denial's named accuser, not an outlet that carries
  the claim), kind by status and cue (denied -> denies, "accused"/"condemned" -> accuses, else alleges);
* the ontology: ``parent`` (part-of) and ``affiliations`` (allied) between actors the store names.

Every event or claim edge keeps its evidence (event/claim id, document id, the sentence), so each
line of the drawing goes back to the characters it came from. Duplicate documents are left out
unless asked for (a repost is not a second report) and so are negated events (they did not happen).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

from claimgraph.entities.ontology import Ontology, load_cached
from claimgraph.link.claim_targets import TargetWords, claim_targets, party_of
from claimgraph.store import Store

from ..yamlfiles import load_yaml

logger = logging.getLogger(__name__)

# Evidence items listed per edge; ``count`` always gives the total (a 10k-document store has edges
# backed by thousands of sentences, and a page lists only so many).
MAX_EVIDENCE = 25
SENTENCE_CHARS = 300


@dataclass(frozen=True)
class EdgeRules:
    """The mapping from events, claims and ontology ties to edge kinds (``edges.yaml``)."""

    kinds: dict[str, dict[str, str]]
    by_event_type: dict[str, str | None]  # ACLED event type -> kind
    by_type: dict[str, str | None]  # CASE / statement type -> kind (None: no edge)
    by_trigger: tuple[tuple[str, str, str], ...]  # (type, trigger word start, kind): "expelled" diplomats act on
    accusing_cues: frozenset[str]
    appealing_cues: frozenset[str]  # a cue and the content's first word: "called on", "urged"
    denying_statuses: frozenset[str]
    target_types: frozenset[str]
    statement_kinds: frozenset[str]  # kinds of the "statement" family: their targets follow target_types
    target_words: TargetWords  # which actors a claim's content names are its targets (claim_targets.py)

    def event_kind(self, event_type_name: str, acled_event_type: str | None, trigger: str | None = None) -> str | None:
        word = (trigger or "").lower()
        for type_name, start, kind in self.by_trigger:
            if type_name == event_type_name and word.startswith(start):
                return kind
        if event_type_name in self.by_type:
            return self.by_type[event_type_name]
        return self.by_event_type.get(acled_event_type or "")

    def claim_kind(self, status: str | None, cue: str | None, after_cue: str = "") -> str:
        """The kind of a claim's edges by its status and cue; ``after_cue``: the claim's text after its cue
        ("on IPOB to end ...": the "on" of "called on")."""
        if status in self.denying_statuses:
            return "denies"
        cue = (cue or "").lower()
        if cue in self.accusing_cues:
            return "accuses"
        first = after_cue.split(maxsplit=1)[0].lower() if after_cue.strip() else ""
        if cue in self.appealing_cues or f"{cue} {first}" in self.appealing_cues:
            return "calls-on"
        return "alleges"


def edge_rules() -> EdgeRules:
    """The edge kinds and how events and claims map to them (data/network/edges.yaml), read for each
    ``network`` call (uncached: its caller, ``network``, reads them once per graph)."""
    text = (resources.files("claimgraph") / "data" / "network" / "edges.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    accusing = frozenset(c.lower() for c in data["claims"]["accusing_cues"])
    rules = EdgeRules(
        kinds=dict(data["kinds"]),
        by_event_type=dict(data["events"]["event_types"]),
        by_type=dict(data["events"]["types"]),
        by_trigger=tuple((str(t), str(w).lower(), str(k)) for t, w, k in data["events"].get("trigger_kinds", ())),
        accusing_cues=accusing,
        appealing_cues=frozenset(" ".join(c.lower().split()) for c in data["claims"]["appealing_cues"]),
        denying_statuses=frozenset(data["claims"]["denying_statuses"]),
        target_types=frozenset(data["claims"]["target_types"]),
        statement_kinds=frozenset(k for k, v in data["kinds"].items() if v.get("family") == "statement"),
        target_words=TargetWords.of(data["claims"]["targets"], accusing),
    )
    kinds = (*rules.by_event_type.values(), *rules.by_type.values(), *(k for _, _, k in rules.by_trigger))
    unknown = {k for k in kinds if k and k not in rules.kinds}
    if unknown:  # a typo in the data file would silently drop edges
        raise ValueError(f"data/network/edges.yaml: unknown edge kinds {sorted(unknown)}")
    return rules


def network(store: Store, *, include_duplicates: bool = False, ontology: Ontology | None = None) -> dict[str, Any]:
    """The actor network of ``store``, its actors described by ``ontology`` (default: the shipped one;
    pass the run's, with the user's actor files, so their actors keep their country and ties).

    Returns ``{"nodes": [...], "edges": [...], "kinds": {...}}``. A node: ``id``, ``name``,
    ``type``, ``country``, ``mentions``, ``documents`` (how many documents name it). An edge:
    ``source``, ``target`` (actor ids), ``kind``, ``count`` (sentences behind it: an event and a
    claim in one sentence count once; 0 for an ontology tie), ``documents`` (how many distinct
    documents), ``basis`` (the sorted list of ``claims``, ``events``, ``ontology`` it rests on)
    and ``evidence`` (at most ``MAX_EVIDENCE`` of ``{"type": "event"|"claim", "id", "doc_id",
    "doc_title", "what", "sentence"}``, in document order). Edges are sorted by count, then ids.
    """
    rules = edge_rules()
    ontology = ontology if ontology is not None else store_ontology(store)
    nodes = {row["id"]: row for row in store.network.actors(include_duplicates)}

    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(source: str, target: str, kind: str, basis: str, evidence: dict[str, Any] | None) -> None:
        edge = edges.setdefault(
            (source, target, kind),
            {
                "source": source,
                "target": target,
                "kind": kind,
                "count": 0,
                "basis": set(),
                "evidence": [],
                "_docs": set(),
                "_sentences": set(),
            },
        )
        edge["basis"].add(basis)
        if evidence is None:
            return
        # An ACCUSE event and the claim of the same sentence are one statement: count it once.
        sentence = (evidence["doc_id"], evidence["sentence"])
        if sentence in edge["_sentences"]:
            return
        edge["_sentences"].add(sentence)
        edge["count"] += 1
        edge["_docs"].add(evidence["doc_id"])
        if len(edge["evidence"]) < MAX_EVIDENCE:
            edge["evidence"].append(evidence)

    for row in store.network.event_ties(include_duplicates, SENTENCE_CHARS):
        kind = rules.event_kind(row.type, row.event_type, row.trigger)
        # a statement's second actor is the party its verb is about ("accused Rwanda", "urged Israel"): the
        # events stage takes no state named as a place ("denied his presence in Afghanistan") for one
        if kind:
            add(
                row.actor1,
                row.actor2,
                kind,
                "events",
                {
                    "type": "event",
                    "id": row.id,
                    "doc_id": row.doc_id,
                    "doc_title": row.doc_title,
                    "what": row.type,
                    "sentence": _tidy(row.sentence),
                },
            )

    # One row per claim with the actors named in its content (the entity lies inside the content span).
    for row in store.network.claim_ties(include_duplicates):
        speaker = party_of(ontology, row.speaker_actor)  # "according to Amaq": the Islamic State speaks
        if speaker is None:
            continue  # "according to Reuters": an outlet reports, it is no party
        row = row._replace(speaker_actor=speaker)
        cue_end = row.cue_end if row.cue_end is not None else row.content_start
        base = rules.claim_kind(row.status, row.cue, row.sentence[max(0, cue_end - row.start) :])
        for target, kind in claim_targets(row, base, rules.target_words, rules.target_types, ontology):
            add(
                row.speaker_actor,
                target,
                kind,
                "claims",
                {
                    "type": "claim",
                    "id": row.id,
                    "doc_id": row.doc_id,
                    "doc_title": row.doc_title,
                    "what": f"{row.status}" + (f" ({row.cue})" if row.cue else ""),
                    "sentence": _tidy(row.sentence[:SENTENCE_CHARS]),
                },
            )

    for source, target, kind in _ontology_ties(ontology, set(nodes) | {a for key in edges for a in key[:2]}):
        add(source, target, kind, "ontology", None)

    _complete_nodes(ontology, nodes, {a for key in edges for a in key[:2]})
    out_edges = []
    for edge in edges.values():
        edge["documents"] = len(edge.pop("_docs"))
        edge["basis"] = sorted(edge["basis"])
        del edge["_sentences"]
        out_edges.append(edge)
    out_edges.sort(key=lambda e: (-e["count"], e["source"], e["target"], e["kind"]))
    return {"nodes": list(nodes.values()), "edges": out_edges, "kinds": rules.kinds}


def _ontology_ties(ontology: Ontology, actor_ids: set[str]) -> list[tuple[str, str, str]]:
    """(child, parent, "part-of") and (actor, ally, "allied") among ``actor_ids``, from the ontology."""
    ties = []
    for actor_id in sorted(actor_ids):
        actor = ontology.get(actor_id)
        if actor is None:  # named through a user ontology file not given
            continue
        if actor.parent in actor_ids:
            ties.append((actor_id, actor.parent, "part-of"))
        ties.extend((actor_id, ally, "allied") for ally in actor.affiliations if ally in actor_ids)
    return ties


def _complete_nodes(ontology: Ontology, nodes: dict[str, dict[str, Any]], edge_actors: set[str]) -> None:
    """Give every node its country, and add actors that appear only on edges (a user ontology's)."""
    for actor_id in sorted(edge_actors - set(nodes)):
        actor = ontology.get(actor_id)
        nodes[actor_id] = {
            "id": actor_id,
            "name": actor.name if actor else actor_id,
            "type": actor.type if actor else None,
            "mentions": 0,
            "documents": 0,
        }
    for node in nodes.values():
        actor = ontology.get(node["id"])
        node["country"] = actor.country if actor else None
        node["name"] = node["name"] or (actor.name if actor else node["id"])
        node["type"] = node["type"] or (actor.type if actor else None)


def _tidy(text: str | None) -> str:
    return " ".join((text or "").split())


def store_ontology(store: Store) -> Ontology:
    """The shipped ontology plus the actor files of the store's latest run (its stored settings), so
    a user's actors keep their country and ties in the workbench, the brief and the disputes' doers.
    ``load_cached``'s one policy: re-read when a file changes; a file gone since the run is left out
    with a warning naming it (the store is still worth reading)."""
    from claimgraph.settings import Settings

    return load_cached(Settings.of_store(store).ontology_files)


def cached_network(store: Store, *, include_duplicates: bool = False) -> dict[str, Any]:
    """``network(store)``, computed once per state of the store (``Store.derived``: a run or an
    ingest that adds documents changes it); the workbench serves it to every page view, and on a
    10k-document store it takes seconds. Do not change what it returns (``focus`` copies)."""
    return store.derived(
        f"network:{'all' if include_duplicates else 'canonical'}",
        lambda s: network(s, include_duplicates=include_duplicates),
    )


def focus(graph: dict[str, Any], actor_id: str) -> dict[str, Any]:
    """The part of ``graph`` around one actor: its edges, and the actors at their other ends."""
    edges = [e for e in graph["edges"] if actor_id in (e["source"], e["target"])]
    keep = {actor_id} | {a for e in edges for a in (e["source"], e["target"])}
    return {**graph, "nodes": [n for n in graph["nodes"] if n["id"] in keep], "edges": edges}
