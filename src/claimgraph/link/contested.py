"""Contested propositions: where sources conflict, ranked by how strongly.

Each side of a proposition (members "for" and "against" its label) weighs as the sum, over the
independent sources on it, of that source's strongest claim there; a claim's weight is its
epistemic status weight times its evidence grade weight (data/models/propositions.yaml): a claim
citing evidence counts more than an unsupported one, an assertion more than a hedge. Duplicate
documents never count (they have no proposition members), and a source saying the same thing
twice counts once. The score is the geometric mean of the two sides' weights: zero when either
side is empty, and highest when both sides are strong.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from .propositions import PropositionConfig, load_config, proposition_members, source_key


def claim_weight(member: dict[str, Any], config: PropositionConfig | None = None) -> float:
    config = config or load_config()
    return (config.status_weights.get(member.get("status") or "asserted", 0.5)
            * config.evidence_weights.get(member.get("evidence") or "unsupported", 0.5))


def score_sides(members: Sequence[dict[str, Any]], config: PropositionConfig | None = None) -> dict[str, Any]:
    """score, per-side source lists and weights, and a one-line why, for members with a ``side``."""
    config = config or load_config()
    best: dict[str, dict[str, float]] = {"for": {}, "against": {}}
    for m in members:
        side = m.get("side")
        if side not in best:
            continue
        source = m.get("source") or source_key(m)
        best[side][source] = max(best[side].get(source, 0.0), claim_weight(m, config))
    w_for, w_against = sum(best["for"].values()), sum(best["against"].values())
    score = math.sqrt(w_for * w_against)
    n_for, n_against = len(best["for"]), len(best["against"])
    why = (f"{n_for} source{'s' if n_for != 1 else ''} for (weight {w_for:.2f}) vs {n_against} "
           f"against (weight {w_against:.2f}); score = sqrt({w_for:.2f} x {w_against:.2f}) = {score:.2f}")
    return {"score": round(score, 6), "sources_for": sorted(best["for"]), "sources_against": sorted(best["against"]),
            "weight_for": round(w_for, 6), "weight_against": round(w_against, 6), "why": why}


def contested(store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Propositions with sources on both sides, most strongly contested first.

    Each item: id, label, score, sides {"for": [members], "against": [members]}, sources_for,
    sources_against, why; members as ``propositions.get_proposition`` gives them."""
    sql = "SELECT id, label, label_claim_id, claims, documents, sources FROM propositions WHERE contested_score > 0 " \
          "ORDER BY contested_score DESC, documents DESC, id"
    props = store.query(sql + (" LIMIT $limit" if limit is not None else ""),
                        {"limit": limit} if limit is not None else {})
    members = proposition_members(store, [p["id"] for p in props])
    config = load_config()
    out = []
    for p in props:
        group = members.get(p["id"], [])
        scored = score_sides(group, config)
        out.append({**p, "score": scored["score"],
                    "sides": {side: [m for m in group if m["side"] == side] for side in ("for", "against")},
                    "neutral": [m for m in group if m["side"] == "neutral"],
                    "sources_for": scored["sources_for"], "sources_against": scored["sources_against"],
                    "weight_for": scored["weight_for"], "weight_against": scored["weight_against"],
                    "why": scored["why"]})
    out.sort(key=lambda item: (-item["score"], item["id"]))
    return out
