"""Assertion against denial: one source affirms what another denies.

Candidates are blocked by proposition (link.propositions has grouped claims about the same thing
by their learned vectors). Within one, a claim *denies* when the claims stage gave it a negative
polarity or a denial status, and *affirms* when positive and asserted or reported; a denial and an
affirmation from different independent sources dispute each other when their combined similarity
(the propositions' claim vectors) reaches the propositions' ``relation_similarity``: both speak of
the same thing, not only of the same topic. No phrase lists: polarity and status come from the
claims stage, sameness from the vectors.

A dispute's score, as for contested propositions: the geometric mean of the two sides' weights,
each the sum over its sources of the source's firmest claim (status x evidence weights).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..contested import claim_weight
from ..embeddings import Embedder, StoreEmbeddingCache
from ..propositions import PropositionConfig, source_key, vectors_of_claims
from .config import DisputeConfig
from .values import Value


def _stance(claim: dict, config: DisputeConfig) -> str | None:
    """affirms | denies | None (hedged, hypothetical: the speaker commits to neither)."""
    if claim["status"] in config.deny_statuses:
        return "denies"
    if claim["status"] in config.affirm_statuses:
        return "denies" if claim["polarity"] == "negative" else "affirms"
    return None


def denial_values(
    store, proposition_ids: Sequence[str], config: DisputeConfig, weights: PropositionConfig
) -> dict[str, list[Value]]:
    """proposition id -> {dispute key (its first claim id): the affirming and denying claims that
    match across sources} (empty: none)."""
    members = store.disputes.polar_members(
        list(proposition_ids), sorted(config.affirm_statuses), sorted(config.deny_statuses)
    )
    of_claim = {m["claim_id"]: m["proposition_id"] for m in members}
    side_of = {m["claim_id"]: m["side"] for m in members}
    groups: dict[str, list[dict]] = defaultdict(list)
    for c in store.disputes.claims_by_id(sorted(of_claim)):
        c["stance"] = _stance(c, config)
        c["side"] = side_of[c["claim_id"]]
        if c["stance"]:
            groups[of_claim[c["claim_id"]]].append(c)
    out: dict[str, dict[str, list[Value]]] = {pid: {} for pid in proposition_ids}
    wanted = {pid: g for pid, g in groups.items() if {c["stance"] for c in g} == {"affirms", "denies"}}
    if not wanted:
        return out
    modes = store.propositions.modes()
    cache = StoreEmbeddingCache(Embedder(next(iter(modes)) if len(modes) == 1 else "fast"), store)
    rows = [c for g in wanted.values() for c in g]
    vectors = vectors_of_claims(rows, cache, weights)
    index = {id(c): i for i, c in enumerate(rows)}
    for pid, group in wanted.items():
        out[pid] = _matched(group, vectors[[index[id(c)] for c in group]], pid, weights)
    return out


def _matched(group: list[dict], vectors: np.ndarray, pid: str, weights: PropositionConfig) -> dict[str, list[Value]]:
    """The disputes of one proposition: each denial is joined to its nearest affirmation from another
    source and each affirmation to its nearest denial (when they reach the similarity, or the
    propositions step put them on opposite sides), and every
    connected set of such pairs is one dispute. Nearest only: a proposition is a topic, and a denial
    matching every loosely related affirmation in it would say nothing."""
    deny = [i for i, c in enumerate(group) if c["stance"] == "denies"]
    affirm = [i for i, c in enumerate(group) if c["stance"] == "affirms"]
    sources = [source_key(c) for c in group]
    sims = vectors[deny] @ vectors[affirm].T
    other = np.array([[sources[d] != sources[f] for f in affirm] for d in deny])
    # the propositions step put them on opposite sides of its label (relation model, polarity and
    # number conflicts): a match whatever their wording's similarity
    opposite = np.array([[{group[d]["side"], group[f]["side"]} == {"for", "against"} for f in affirm] for d in deny])
    sims = np.where(other, np.where(opposite, np.maximum(sims, weights.relation_similarity), sims), -1.0)
    parent = list(range(len(group)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = [
        (deny[a], affirm[int(sims[a].argmax())])
        for a in range(len(deny))
        if sims[a].max() >= weights.relation_similarity
    ]
    edges += [
        (deny[int(sims[:, b].argmax())], affirm[b])
        for b in range(len(affirm))
        if sims[:, b].max() >= weights.relation_similarity
    ]
    for d, f in edges:
        parent[find(d)] = find(f)
    components: dict[int, set[int]] = defaultdict(set)
    for d, f in edges:
        components[find(d)].update((d, f))
    out = {}
    for members in components.values():
        chosen = sorted(members)
        label = max(
            (group[i] for i in chosen if group[i]["stance"] == "affirms"), key=lambda c: claim_weight(c, weights)
        )
        key = min(group[i]["claim_id"] for i in chosen)
        out[key] = [_value(group[i], pid, " ".join(label["text"].split()), weights) for i in chosen]
    return out


def _value(c: dict, pid: str, label: str, weights: PropositionConfig) -> Value:
    return Value(
        block=pid,
        label=label,
        measure="proposition",
        group=None,
        doc_id=c["doc_id"],
        source=source_key(c),
        value=c["stance"],
        key=c["stance"],
        speaker=c["speaker_text"] or c.get("author") or source_key(c),
        speaker_actor=c["speaker_actor"],
        cue=c["cue"],
        sentence_start=c["start"],
        sentence_end=c["end"],
        text=" ".join((c["text"] or "").split()),
        date=c["doc_date"],
        status=c["status"],
        polarity=c["polarity"],
        firmness=claim_weight(c, weights),
        claim_id=c["claim_id"],
        role=c["stance"],
    )


def score(values: Sequence[Value]) -> dict[str, Any]:
    """The dispute row's summary: both sides' sources and weights, and the geometric mean."""
    best: dict[str, dict[str, float]] = {"affirms": {}, "denies": {}}
    for v in values:
        best[v.role][v.source] = max(best[v.role].get(v.source, 0.0), v.firmness)
    w_aff, w_deny = sum(best["affirms"].values()), sum(best["denies"].values())
    value = math.sqrt(w_aff * w_deny)
    n_aff, n_deny = len(best["affirms"]), len(best["denies"])
    return {
        "low": None,
        "high": None,
        "divergence": 1.0 if value else 0.0,
        "firmness": round((w_aff + w_deny) / max(n_aff + n_deny, 1), 6),
        "score": round(value, 6),
        "conflict": bool(value),
        "updates": 0,
        "sources": len({v.source for v in values}),
        "why": f"{n_aff} source{'s' if n_aff != 1 else ''} affirm (weight {w_aff:.2f}), {n_deny} deny "
        f"(weight {w_deny:.2f}); score = sqrt({w_aff:.2f} x {w_deny:.2f}) = {value:.2f}",
    }
