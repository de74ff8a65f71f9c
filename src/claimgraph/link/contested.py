"""Contested propositions: where sources conflict, ranked by how strongly.

Each side of a proposition (members "for" and "against" its label) weighs as the sum, over the
independent sources on it, of that source's strongest claim there; a claim's weight is its
epistemic status weight times its evidence grade weight (data/models/propositions.yaml): a claim
citing evidence counts more than an unsupported one, an assertion more than a hedge. Duplicate
documents never count (they have no proposition members), and a source saying the same thing
twice counts once. The score is the geometric mean of the two sides' weights: zero when either
side is empty, and highest when both sides are strong.

Only *accounts* count (``contested_sides``, from the fields the claims stage stores with each claim):
fragments and generic speakers are set aside, a sentence counts once on a side, and a proposition
whose accounts for and against are one sentence read two ways by one speaker (or by the author
reporting it) is not contested. ``update_propositions`` stores the score; the listing reads it and
the stored columns, so `run`'s count and the list agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .contested_sides import opposed, set_aside_why
from .propositions import PropositionConfig, contest_members, load_config, source_key

# The most members per side a contested page lists (the API's ``members`` bound): these are read
# once per state of the store.
LISTED_MAX = 100


def claim_weight(member: dict[str, Any], config: PropositionConfig | None = None) -> float:
    config = config or load_config()
    return config.status_weights.get(member.get("status") or "asserted", 0.5) * config.evidence_weights.get(
        member.get("evidence") or "unsupported", 0.5
    )


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
    why = (
        f"{n_for} source{'s' if n_for != 1 else ''} for (weight {w_for:.2f}) vs {n_against} "
        f"against (weight {w_against:.2f}); score = sqrt({w_for:.2f} x {w_against:.2f}) = {score:.2f}"
    )
    return {
        "score": round(score, 6),
        "sources_for": sorted(best["for"]),
        "sources_against": sorted(best["against"]),
        "weight_for": round(w_for, 6),
        "weight_against": round(w_against, 6),
        "why": why,
    }


def score_accounts(tallies: Sequence[dict[str, Any]], config: PropositionConfig | None = None) -> dict[str, Any]:
    """``score_sides`` over the counted accounts' tallies (``contested_sides.member_tallies``, or the
    store's ``side_tallies`` rows counted), zero unless accounts for and against oppose."""
    scored = score_sides(tallies, config)
    if scored["score"] > 0 and not opposed(tallies):
        return {
            **scored,
            "score": 0.0,
            "why": "no opposing accounts: both sides are one sentence of one speaker or its reporting author",
        }
    return scored


def contested(store, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Propositions with sources on both sides, most strongly contested first.

    Each item: id, label, score, sides {"for": [members], "against": [members]}, neutral,
    sources_for, sources_against, weights, why and counts (members per side); members as
    ``propositions.get_proposition`` gives them."""
    return contested_page(store, limit=limit, offset=offset)[1]


def contested_page(
    store, *, limit: int | None = None, offset: int = 0, members_per_side: int | None = None
) -> tuple[int, list[dict[str, Any]]]:
    """(number of contested propositions, one page of them as ``contested`` gives them), with at
    most ``members_per_side`` members (the most central accounts) listed per side; ``counts`` has them
    all. Members set aside (fragments, generic speakers: ``contested_sides.set_aside_why``) are listed
    under ``set_aside`` with why, not on a side; a proposition whose label claim is one of them is
    labelled by its most central account.

    The ranking (SQL over the score ``update_propositions`` stores with each proposition: the
    same ``score_accounts`` of the same members) and the sides' sources and weights are worked out
    once per state of the store (``Store.derived``) from the stored columns, and only the page's listed
    members are read: on a 10k-document store every contested proposition has ~1,400 members, and
    reading them all on each request took most of a minute under load."""
    ranking, summaries = store.derived("contested_ranking", _ranking)
    props = ranking[offset:] if limit is None else ranking[offset : offset + limit]
    ids = [p["id"] for p in props]
    if members_per_side is None:
        members = contest_members(store, ids)
    elif members_per_side <= LISTED_MAX:
        # the most central members of every contested proposition, read once per state of the store
        # (fetching the claims' text for a page took ~75 ms on a 10k-document store), kept per side;
        # members set aside leave a side before its cut, so a side lists its accounts
        listed = store.derived("contested_members", lambda s: _per_side(_listed_members(s, None, LISTED_MAX)))
        members = {
            pid: [
                m
                for side in listed.get(pid, {}).values()
                for m in [*[m for m in side if not set_aside_why(m)][:members_per_side], *filter(set_aside_why, side)]
            ]
            for pid in ids
        }
    else:
        members = _listed_members(store, ids, members_per_side)
    out = []
    unscored = None  # a proposition without members' scores: worked out (its settings read) when one is listed
    for p in props:
        group = members.get(p["id"], [])
        accounts = [m for m in group if not set_aside_why(m)]
        scored = summaries.get(p["id"])
        if scored is None:
            unscored = unscored or {**score_sides([], load_config()), "counts": {"for": 0, "against": 0, "neutral": 0}}
            scored = unscored
        out.append(
            {
                **_labelled(p, group),
                "score": scored["score"],
                "sides": {side: [m for m in accounts if m["side"] == side] for side in ("for", "against")},
                "neutral": [m for m in accounts if m["side"] == "neutral"],
                "set_aside": [{**m, "why": set_aside_why(m)} for m in group if set_aside_why(m)],
                "sources_for": scored["sources_for"],
                "sources_against": scored["sources_against"],
                "weight_for": scored["weight_for"],
                "weight_against": scored["weight_against"],
                "why": scored["why"],
                "counts": dict(scored["counts"]),
            }
        )
    return len(ranking), out


def _labelled(prop: dict[str, Any], members: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The proposition, labelled by its most central account where its own label claim was set aside
    (a fragment or a generic speaker's words do not say what is contested)."""
    label = next((m for m in members if m["claim_id"] == prop["label_claim_id"]), None)
    if label is None or not set_aside_why(label):
        return prop
    ranked = sorted(members, key=lambda m: -(m.get("similarity") or 0.0))  # stable: the given order on ties
    best = next((m for m in ranked if m["side"] in ("for", "against") and not set_aside_why(m)), None)
    if best is None:
        return prop
    return {**prop, "label": " ".join(best["text"].split()), "label_claim_id": best["claim_id"]}


def _ranking(store) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """(the contested propositions, most strongly contested first; ``_side_summaries``)."""
    return store.propositions.contested(), _side_summaries(store)


def _side_summaries(store) -> dict[str, dict[str, Any]]:
    """``score_accounts`` and the number of members per side of every contested proposition, from
    its members' tallies (``store.propositions.side_tallies``: a few rows per source, stored columns
    only)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in store.propositions.side_tallies(None):
        groups.setdefault(r["proposition_id"], []).append(r)
    config = load_config()
    out = {}
    for pid, group in groups.items():
        counts = {side: 0 for side in ("for", "against", "neutral")}
        for t in group:
            counts[t["side"]] = counts.get(t["side"], 0) + t["n"]
        scored = score_accounts([t for t in group if t["counted"]], config)
        left = sum(t["n"] for t in group if t["side"] in ("for", "against") and not t["counted"])
        if left:
            scored["why"] += f"; {left} not counted (fragments, generic speakers, a sentence's later copies)"
        out[pid] = {**scored, "counts": counts}
    return out


def _per_side(members: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Each proposition's members split by side, each side in the given order."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for pid, group in members.items():
        sides: dict[str, list[dict[str, Any]]] = {}
        for m in group:
            sides.setdefault(m["side"], []).append(m)
        out[pid] = sides
    return out


def _listed_members(store, proposition_ids: Sequence[str] | None, per_side: int) -> dict[str, list[dict[str, Any]]]:
    """The members of each proposition (None: each contested one), most central first, at most
    ``per_side`` on each side; each as ``propositions.contest_members`` gives it."""
    if proposition_ids is not None and not proposition_ids:
        return {}
    rows = store.propositions.central_members(proposition_ids, per_side)
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        r["source"] = source_key(r)
        r["text"] = " ".join((r["text"] or "").split())
        r["reasons"] = list(r["reasons"] or [])
        out.setdefault(r.pop("proposition_id"), []).append(r)
    return out
