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
from ..propositions import ClaimVectors, PropositionConfig, source_key, vectors_of_claims
from .config import DisputeConfig
from .values import Value


def _stance(claim: dict, config: DisputeConfig) -> str | None:
    """affirms | denies | None (hedged, hypothetical: the speaker commits to neither)."""
    if claim["status"] in config.deny_statuses:
        return "denies"
    if claim["status"] in config.affirm_statuses:
        return "denies" if claim["polarity"] == "negative" else "affirms"
    return None


# The most central earlier members of the opposite stance a proposition's new claims are compared
# with: the cost of a run stays bounded however large a proposition grows (a proposition is a topic
# and gains members with the store).
CANDIDATES = 25


def denial_values(
    store,
    doc_ids: Sequence[str],
    config: DisputeConfig,
    weights: PropositionConfig,
    vectors: ClaimVectors | None = None,
) -> tuple[list[str], dict[tuple[str, str], list[Value]]]:
    """(the propositions whose disputes were recomputed, (proposition id, dispute key: its first
    claim id) -> the affirming and denying claims of each dispute).

    Incremental: the claims of ``doc_ids`` that affirm or deny are matched with their propositions'
    earlier members of the opposite stance (``CANDIDATES`` at most per proposition and stance) and
    join the disputes stored there; the rest of a proposition's disputes stay as they were.
    ``vectors``: the claim vectors the propositions step has just computed (``ClaimVectors``); only
    the claims it does not hold are embedded here."""
    polar = _polar_candidates(store, list(doc_ids), config, vectors)
    pids = sorted({r["proposition_id"] for r in polar if r["new"]})
    stored = store.disputes.values_of_blocks("claims", pids)
    info = {r["claim_id"]: r for r in polar}  # stance, side and source: what matching needs
    for r in polar:
        r["stance"] = _stance(r, config)
    edges = _new_edges(store, polar, info, weights, vectors or ClaimVectors())
    # the full claims (sentence, speaker, cue) only of those a dispute can hold, in one read
    wanted = {i for edge in edges for i in edge} | {r["claim_id"] for r in stored}
    claims = {c["claim_id"]: c for c in store.disputes.claims_by_id(sorted(wanted))}
    for cid, c in claims.items():
        c["stance"] = _stance(c, config)
        c["side"] = info[cid]["side"] if cid in info else None
    # the stored disputes' claims stay connected: a new match joins the dispute it touches
    links = [(r["measure"], r["claim_id"]) for r in stored if r["claim_id"] in claims]
    proposition_of = {r["claim_id"]: r["proposition_id"] for r in polar} | {r["claim_id"]: r["block"] for r in stored}
    out: dict[tuple[str, str], list[Value]] = {}
    for members in _components(edges + links).values():
        ids = sorted(m for m in members if m in claims)
        chosen = [claims[i] for i in ids if claims[i]["stance"]]
        if {c["stance"] for c in chosen} != {"affirms", "denies"} or len({source_key(c) for c in chosen}) < 2:
            continue
        pid = proposition_of[ids[0]]
        label = max((c for c in chosen if c["stance"] == "affirms"), key=lambda c: claim_weight(c, weights))
        out[(pid, ids[0])] = [_value(c, pid, " ".join(label["text"].split()), weights) for c in chosen]
    return pids, out


def _polar_candidates(
    store, doc_ids: list[str], config: DisputeConfig, vectors: ClaimVectors | None
) -> list[dict[str, Any]]:
    """The affirm/deny candidates (``store.disputes.polar_candidates``): from the members the
    propositions step kept when it kept every proposition the documents have a member in (it has
    just rewritten them), else from the store."""
    args = (doc_ids, sorted(config.affirm_statuses), sorted(config.deny_statuses), CANDIDATES)
    if vectors is not None and set(store.disputes.propositions_of(doc_ids)) <= vectors.propositions():
        return vectors.polar_candidates(*args)
    return store.disputes.polar_candidates(*args)


def _new_edges(
    store, polar: list[dict], claims: dict[str, dict], weights: PropositionConfig, known: ClaimVectors
) -> list[tuple[str, str]]:
    """Each new claim joined to its nearest claim of the opposite stance from another source in its
    proposition, and each earlier candidate to its nearest new claim of the opposite stance, when
    their combined similarity reaches the relation threshold or the propositions step put them on
    opposite sides. Nearest only: a proposition is a topic, and a denial matching every loosely
    related affirmation in it would say nothing. One product per proposition: its new claims against
    its new claims and at most ``CANDIDATES`` earlier ones per stance, however large it grows."""
    rows = [claims[r["claim_id"]] for r in polar if r["claim_id"] in claims and claims[r["claim_id"]]["stance"]]
    if not rows:
        return []
    vectors = _claim_vectors(store, rows, weights, known)
    index = {c["claim_id"]: i for i, c in enumerate(rows)}
    new = {r["claim_id"] for r in polar if r["new"]}
    by_pid: dict[str, list[str]] = defaultdict(list)
    for r in polar:
        if r["claim_id"] in index:
            by_pid[r["proposition_id"]].append(r["claim_id"])
    source = {c["claim_id"]: source_key(c) for c in rows}
    edges = []
    for ids in by_pid.values():
        fresh = [i for i in ids if i in new]
        if not fresh:
            continue
        # numpy's own loop, not BLAS: these products are small and many (one per proposition), and a
        # threaded BLAS spins its threads awake for each, several times the product's own CPU on a busy machine
        sims = np.einsum("ij,kj->ik", vectors[[index[i] for i in fresh]], vectors[[index[i] for i in ids]])
        scores = _match_scores(fresh, ids, claims, source, sims, weights)
        for a, i in enumerate(fresh):  # a new claim's nearest opposite, old or new
            b = int(scores[a].argmax())
            if scores[a, b] >= weights.relation_similarity:
                edges.append((i, ids[b]))
        for b, j in enumerate(ids):  # an earlier claim's nearest new opposite
            a = int(scores[:, b].argmax())
            if j not in new and scores[a, b] >= weights.relation_similarity:
                edges.append((fresh[a], j))
    return edges


def _claim_vectors(store, rows: list[dict], weights: PropositionConfig, known: ClaimVectors) -> np.ndarray:
    """The propositions' claim vectors of ``rows``: those the propositions step kept (``known``), the
    others (claims placed by an earlier link, when this step runs on its own) made as it makes them,
    from the claim's text and every actor inside it."""
    ids = [c["claim_id"] for c in rows]
    missing = [c["claim_id"] for c in rows if not known.known(c["claim_id"])]
    if not missing:
        return known.of(ids)
    modes = store.propositions.modes()
    cache = StoreEmbeddingCache(Embedder(next(iter(modes)) if len(modes) == 1 else "fast"), store)
    read = {c["claim_id"]: c for c in store.disputes.claims_by_id(missing)}
    made = vectors_of_claims(
        [{"text": read[i]["text"], "actors": read[i]["topic_actors"]} for i in missing], cache, weights
    )
    if len(missing) == len(rows):
        return made
    out = np.empty((len(rows), made.shape[1]), dtype=np.float32)
    at = {cid: i for i, cid in enumerate(missing)}
    have = [i for i, cid in enumerate(ids) if cid not in at]
    out[have] = known.of([ids[i] for i in have])
    out[[i for i, cid in enumerate(ids) if cid in at]] = made
    return out


def _match_scores(
    fresh: list[str],
    ids: list[str],
    claims: dict[str, dict],
    source: dict[str, str],
    sims: np.ndarray,
    weights: PropositionConfig,
) -> np.ndarray:
    """(new claims x candidates) similarities where the pair could dispute (opposite stances, other
    sources; raised to the threshold where the propositions step put them on opposite sides of its
    label), -1 elsewhere."""
    denies = np.array([claims[i]["stance"] == "denies" for i in ids])
    side = np.array([{"for": 1, "against": -1}.get(claims[i]["side"], 0) for i in ids])
    src = np.array([source[i] for i in ids], dtype=object)
    at = [ids.index(i) for i in fresh]
    possible = (denies[at][:, None] != denies[None, :]) & (src[at][:, None] != src[None, :])
    opposed = side[at][:, None] * side[None, :] == -1
    scores = np.where(opposed, np.maximum(sims, weights.relation_similarity), sims)
    return np.where(possible, scores, -1.0)


def _components(edges: list[tuple[str, str]]) -> dict[str, set[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        out[find(a)].update((a, b))
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
