"""ACH boards in the store: hypotheses, evidence, proposed ratings and weights, analyst overrides.

Proposals (``propose``) are rewritten whenever asked and after every run that adds documents;
analyst overrides live in their own tables and are never touched by a proposal, so an analyst's
rating or weight survives re-runs. The effective rating of a cell is the override if there is one,
else the proposal; the same for the two weight levels. The rows are read and written through
``store.boards`` (store/boards.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np

from ..store.boards import EvidenceWeight, RatedCell
from . import propose as proposals
from .errors import AchBadInput, AchConflict, AchNotFound
from .scale import load_scale
from .scoring import diagnosticity, evidence_weight, inconsistency_scores

# -- boards and hypotheses -------------------------------------------------------------------------


def boards(store) -> list[dict[str, Any]]:
    """Every board with its counts and the hypothesis the evidence leaves standing (least inconsistent)."""
    out = []
    for head in store.boards.heads():
        full = board(store, head.id)
        standing = [h for h in full["hypotheses"] if full["scores"][h["id"]]["rank"] == 1]
        out.append(
            {
                **head._asdict(),
                "created_at": full["created_at"],
                "proposed_at": full["proposed_at"],
                "hypotheses": len(full["hypotheses"]),
                "evidence": len(full["evidence"]),
                "overrides": full["override_count"],
                "standing": [h["id"] for h in standing] if full["evidence"] else [],
            }
        )
    return out


def create_board(store, name: str, hypotheses: list[str], *, description: str | None = None) -> str:
    """A new board named ``name`` (unique) with ``hypotheses`` as H1, H2, ...; returns its id."""
    name = (name or "").strip()
    if not name:
        raise AchBadInput("a board needs a name")
    if store.boards.id_of_name(name) is not None:
        raise AchConflict(f"a board named {name!r} exists already")
    texts = [_hypothesis_text(h) for h in hypotheses]
    board_id = _new_board_id(store, name)
    store.boards.create(board_id, name, description, texts)
    return board_id


def add_hypothesis(store, board_id: str, text: str) -> str:
    """Add a hypothesis; returns its id (H1, H2, ...). Cells for it appear at the next proposal."""
    board_id = resolve_board(store, board_id)
    text = _hypothesis_text(text)
    if text in store.boards.hypothesis_texts(board_id):
        raise AchConflict(f"board {board_id} already has the hypothesis {text!r}")
    return store.boards.add_hypothesis(board_id, text)


def resolve_board(store, board_id_or_name: str) -> str:
    """The id of the board with this id or name."""
    key = (board_id_or_name or "").strip()
    board_id = store.boards.find(key)
    if board_id is None:
        raise AchNotFound(f"no board {key!r} (claimgraph ach show lists them)")
    return board_id


# -- evidence --------------------------------------------------------------------------------------


def add_evidence(store, board_id: str, ref_id: str) -> str:
    """Put a claim or an event (by id) on the board as the analyst's evidence; returns its id (E1, ...).

    Its ratings are proposed at once (the rest of the board is left as it is)."""
    board_id = resolve_board(store, board_id)
    ref_id = (ref_id or "").strip()
    item = _find_item(store, ref_id)
    evidence_id = store.boards.evidence_id(board_id, item["kind"], ref_id)
    if evidence_id is not None:
        store.boards.activate_as_analyst(board_id, evidence_id)
    else:
        evidence_id = store.boards.add_evidence(board_id, item, "analyst", None)
    _rate(store, board_id, proposals.load_config(), proposals.load_directions(), only=[evidence_id])
    return evidence_id


def _find_item(store, ref_id: str) -> dict[str, Any]:
    item = store.boards.find_item(ref_id)
    if item is None:
        raise AchNotFound(
            f"no claim or event {ref_id!r} (ids as `claimgraph claims --json` / `events --json` give them)"
        )
    return item


# -- proposals -------------------------------------------------------------------------------------


def propose(store, board_id: str, *, new_doc_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """Choose the evidence (claims most relevant to the hypotheses, bounded) and propose every
    rating and weight; overrides are left alone. Returns the board (as ``board``).

    ``new_doc_ids``: the documents a run just added, on a board proposed before: only their claims
    can change the choice (an earlier claim's similarity to the hypotheses has not changed), so
    they compete with the evidence chosen so far instead of every claim being read again."""
    board_id = resolve_board(store, board_id)
    config, directions = proposals.load_config(), proposals.load_directions()  # read once for this board
    hypotheses = store.boards.hypotheses(board_id)
    proposed_before = store.boards.proposed_at(board_id)
    if hypotheses:
        if new_doc_ids is not None and proposed_before is not None:
            candidates = store.boards.chosen_claims(board_id) + _candidate_claims(store, list(new_doc_ids))
        else:
            candidates = _candidate_claims(store)
        chosen: dict[str, float] = {}
        selection = {"candidates": len(candidates), "max_evidence": config.max_evidence}
        if candidates:
            embedder = _embedder()
            texts = [c["text"] for c in candidates]
            hyp_texts = [h.text for h in hypotheses]
            similarity = embedder.encode(texts) @ embedder.encode(hyp_texts).T
            # direction words count on the axes that tell this board's hypotheses apart
            idle = proposals.idle_axes([proposals.lean(h, directions) for h in hyp_texts], directions)
            bonus = np.array(
                [
                    min(sum(len(w) for a, w in proposals.lean(t, directions).words.items() if a not in idle), 3)
                    for t in texts
                ]
            )
            off_subject, elsewhere, places = _off_subject(texts, hyp_texts, similarity, config.min_similarity)
            # a claim about another incident than the one the hypotheses name, or that shares no word of
            # what they are about, is no evidence on them
            similarity[off_subject + elsewhere] = -1.0
            picked = proposals.select_evidence(
                similarity + config.direction_bonus * bonus[:, None], config.max_evidence, config.min_similarity
            )
            chosen = {candidates[i]["ref_id"]: float(similarity[i].max()) for i in picked}
            by_ref = {c["ref_id"]: c for c in candidates}
            selection.update(
                off_subject=len(off_subject),
                other_incident=len(set(elsewhere) - set(off_subject)),
                incident_places=sorted(places),
                chosen=len(chosen),
            )
        current = store.boards.claim_states(board_id)
        for ref_id, score in chosen.items():
            if ref_id not in current:
                store.boards.add_evidence(board_id, by_ref[ref_id], "proposed", score)
        # an item the analyst added or rated stays; other proposed items follow the proposal
        store.boards.set_active(
            board_id,
            [
                (row.id, ref_id in chosen or row.added_by == "analyst" or row.overrides > 0, chosen.get(ref_id))
                for ref_id, row in current.items()
            ],
        )
    _rate(store, board_id, config, directions)
    store.boards.mark_proposed(board_id)
    out = board(store, board_id)
    if hypotheses:
        out["selection"] = {**selection, "rule": selection_rule(config)}
    return out


def selection_rule(config: proposals.ProposeConfig | None = None) -> str:
    """How a proposal chooses a board's evidence, in words for the CLI and the workbench."""
    config = config or proposals.load_config()
    return (
        f"claims most similar to the hypotheses (fast embeddings, cosine >= {config.min_similarity:g}, plus "
        f"{config.direction_bonus:g} per direction word), taken in turn for each hypothesis, at most "
        f"{config.max_evidence}; on a board about an incident, a claim is left out when it shares no word of what "
        "the hypotheses are about (their words less the doer's, generic words, act verbs and countries) or tells "
        "of another incident (another place than the incident's, or 'in a separate attack', 'since 2021'). Add "
        "any claim or event with `claimgraph ach add-evidence`."
    )


def _off_subject(
    texts: list[str], hypotheses: list[str], similarity: np.ndarray, floor: float
) -> tuple[list[int], list[int], set[str]]:
    """Rows of ``texts`` that share no subject word with the hypotheses of an incident
    (``responsibility.subject_keys``), rows that tell of another incident than the hypotheses'
    (``responsibility.other_incident``; where they name no place, the places of the related claims
    that name a doer of the act or share the subject: ``with_incident_places``), and the incident's
    places."""
    from . import responsibility

    related = [t for t, best in zip(texts, similarity.max(axis=1)) if best >= floor]
    doers = responsibility.incident_doers(hypotheses, related)
    # only on a board about an incident (a doer or a place named): a board on a group's strength is
    # about a subject its claims often name by a pronoun ("their visibility has decreased")
    subject = responsibility.subject_keys(hypotheses, doers) if any(doers) else frozenset()
    off = [i for i, t in enumerate(texts) if subject and not subject & responsibility.text_keys(t)]
    places = {p for d in doers if d is not None for p in d.places}
    if not places:
        return off, [], places
    return off, [i for i, t in enumerate(texts) if responsibility.other_incident(t, doers)], places


def repropose_all(store, new_doc_ids: Iterable[str] | None = None) -> int:
    """Propose again on every stored board (after a run added ``new_doc_ids``; None: from
    scratch); returns how many."""
    ids = store.boards.ids()
    new_doc_ids = None if new_doc_ids is None else list(new_doc_ids)
    for board_id in ids:
        propose(store, board_id, new_doc_ids=new_doc_ids)
    return len(ids)


def _rate(
    store,
    board_id: str,
    config: proposals.ProposeConfig,
    directions: proposals.Directions,
    only: Iterable[str] | None = None,
) -> None:
    """Propose ratings and weight levels for the board's active evidence (or only the given items), with
    the proposal settings and direction words its caller read."""
    hypotheses = store.boards.hypotheses(board_id)
    items = _evidence_items(store, board_id)
    if only is not None:
        wanted = set(only)
        items = [i for i in items if i["id"] in wanted]
    if not items:
        return
    store.boards.clear_ratings(board_id, None if only is None else [item["id"] for item in items])
    if not hypotheses:
        return
    embedder = _embedder()
    texts = [i["text"] for i in items]
    hyp_texts = [h.text for h in hypotheses]
    similarity = embedder.encode(texts) @ embedder.encode(hyp_texts).T
    model = _stance_model()
    stance = model.predict_proba([(h, t) for t in texts for h in hyp_texts]).reshape(len(texts), len(hyp_texts), 4)
    from ..link.disputes import figure_leans

    leans = figure_leans(store, [i["ref_id"] for i in items if i["kind"] == "claim"])
    cells = proposals.rate_matrix(
        texts,
        [i["status"] for i in items],
        [bool(i["disputed_by"]) for i in items],
        hyp_texts,
        similarity,
        stance,
        config,
        directions,
        figures=[leans.get(i["ref_id"]) if i["kind"] == "claim" else None for i in items],
    )
    source_credibility = _source_credibility(store)
    rated, weights = [], []
    for item, row, sims in zip(items, cells, similarity):
        rated += [
            RatedCell(item["id"], hypothesis.id, cell.rating, cell.stance, cell.reason)
            for hypothesis, cell in zip(hypotheses, row)
        ]
        credibility, credibility_reason = proposals.credibility_level(
            item["evidence"], item["status"], item["disputed_by"], source_credibility.get(item["source"]), config
        )
        relevance, relevance_reason = proposals.relevance_level(float(sims.max()), config)
        weights.append(EvidenceWeight(item["id"], credibility, credibility_reason, relevance, relevance_reason))
    store.boards.write_proposal(board_id, rated, weights)


def _candidate_claims(store, doc_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Claims of canonical documents (all, or of ``doc_ids``), one per sentence: a claim nested in
    another (a reported clause inside its sentence) and a second claim on the same words would
    count twice."""
    rows = store.boards.canonical_claims(doc_ids)
    spans = {r["ref_id"]: (r["start"], r["end"]) for r in rows}
    seen: set[tuple[str, str]] = set()
    out = []
    for r in rows:
        parent = spans.get(r["parent"]) if r["parent"] else None
        if parent and parent[0] <= r["start"] and r["end"] <= parent[1]:
            continue
        key = (r["doc_id"], r["text"])
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def _source_credibility(store) -> dict[str, float]:
    from ..link.sources import source_profiles

    return {p["source"]: p["credibility"] for p in source_profiles(store)}


def _embedder():
    from ..link.embeddings import Embedder

    return Embedder("fast")


def _stance_model():
    from ..link.stance import StanceModel, StanceModelError

    try:
        return StanceModel.load()
    except StanceModelError as exc:
        raise AchBadInput(f"cannot propose ratings: {exc}") from exc


# -- overrides -------------------------------------------------------------------------------------


def set_rating(
    store, board_id: str, evidence_id: str, hypothesis_id: str, rating: str, *, analyst: str, note: str | None = None
) -> None:
    """The analyst's rating for one cell; it wins over every proposal until cleared."""
    board_id = resolve_board(store, board_id)
    evidence_id, hypothesis_id = _check_cell(store, board_id, evidence_id, hypothesis_id)
    rating = load_scale().check_rating(rating)
    store.boards.set_rating(board_id, evidence_id, hypothesis_id, rating, _analyst(analyst), note)


def set_weight(
    store,
    board_id: str,
    evidence_id: str,
    *,
    credibility: str | None = None,
    relevance: str | None = None,
    analyst: str,
    note: str | None = None,
) -> None:
    """The analyst's credibility and/or relevance level (low / medium / high) for an evidence item;
    a level not given keeps its earlier override, or else the proposal."""
    board_id = resolve_board(store, board_id)
    evidence_id = _check_evidence(store, board_id, evidence_id)
    if credibility is None and relevance is None:
        raise AchBadInput("set_weight needs a credibility or a relevance level")
    scale = load_scale()
    credibility = None if credibility is None else scale.check_level(credibility, "credibility")
    relevance = None if relevance is None else scale.check_level(relevance, "relevance")
    analyst = _analyst(analyst)
    old = store.boards.weight_overrides(board_id).get(evidence_id)
    if old:
        credibility = credibility or old.credibility
        relevance = relevance or old.relevance
    store.boards.set_weight(board_id, evidence_id, credibility, relevance, analyst, note)


def clear_override(
    store,
    board_id: str,
    evidence_id: str,
    hypothesis_id: str | None = None,
    *,
    analyst: str | None = None,
    note: str | None = None,
) -> None:
    """Drop the analyst's rating of a cell (with ``hypothesis_id``) or weight of an item (without):
    the proposal applies again."""
    board_id = resolve_board(store, board_id)
    if hypothesis_id is None:
        evidence_id = _check_evidence(store, board_id, evidence_id)
    else:
        evidence_id, hypothesis_id = _check_cell(store, board_id, evidence_id, hypothesis_id)
    if not store.boards.has_override(board_id, evidence_id, hypothesis_id):
        cell = evidence_id if hypothesis_id is None else f"{evidence_id} x {hypothesis_id}"
        raise AchNotFound(f"board {board_id}: {cell} has no override to clear")
    store.boards.clear_override(board_id, evidence_id, hypothesis_id, analyst, note)


def audit(store, board_id: str) -> list[dict[str, Any]]:
    """Every override set or cleared on the board, oldest first."""
    board_id = resolve_board(store, board_id)
    return store.boards.audit(board_id)


def _check_evidence(store, board_id: str, evidence_id: str) -> str:
    evidence_id = (evidence_id or "").strip().upper()
    if not store.boards.has_evidence(board_id, evidence_id):
        raise AchNotFound(f"board {board_id} has no evidence {evidence_id!r}")
    return evidence_id


def _check_cell(store, board_id: str, evidence_id: str, hypothesis_id: str) -> tuple[str, str]:
    evidence_id = _check_evidence(store, board_id, evidence_id)
    hypothesis_id = (hypothesis_id or "").strip().upper()
    if not store.boards.has_hypothesis(board_id, hypothesis_id):
        raise AchNotFound(f"board {board_id} has no hypothesis {hypothesis_id!r}")
    return evidence_id, hypothesis_id


def _analyst(analyst: str) -> str:
    analyst = (analyst or "").strip()
    if not analyst:
        raise AchBadInput("an override needs the analyst's name")
    return analyst


# -- the board as one dict -------------------------------------------------------------------------


def board(store, board_id: str) -> dict[str, Any]:
    """The whole board: hypotheses, active evidence with its cells and weights, scores.

    evidence[i]: id, kind, ref_id (claim or event id), claim_id / event_id, doc_id, text, start, end
    (clean offsets), source, status, evidence grade, added_by, the claim's proposition (id, label, side;
    link/propositions.py), credibility / relevance (proposed,
    override, effective, reason), weight, cells {hypothesis id: {proposed, override, effective,
    reason, stance, analyst, at, note}}, diagnosticity, weighted_diagnosticity.
    scores {hypothesis id: {inconsistency, inconsistent, consistent, rank}}."""
    board_id = resolve_board(store, board_id)
    scale = load_scale()
    head = store.boards.head(board_id)
    hypotheses = store.boards.hypotheses(board_id)
    items = _evidence_items(store, board_id)
    proposed = store.boards.proposed_ratings(board_id)
    rating_overrides = store.boards.rating_overrides(board_id)
    weight_overrides = store.boards.weight_overrides(board_id)
    effective: dict[tuple[str, str], str] = {}
    weights: dict[str, float] = {}
    evidence = []
    for item in items:
        w_override = weight_overrides.get(item["id"])
        levels = {}
        for what in ("credibility", "relevance"):
            override = getattr(w_override, what) if w_override else None
            levels[what] = {
                "proposed": item[what],
                "override": override,
                "effective": override or item[what] or "medium",
                "reason": item[f"{what}_reason"],
            }
        weight = evidence_weight(levels["credibility"]["effective"], levels["relevance"]["effective"], scale)
        weights[item["id"]] = weight
        cells = {}
        for h in hypotheses:
            key = (item["id"], h.id)
            p, o = proposed.get(key), rating_overrides.get(key)
            value = o.rating if o else (p.rating if p else None)
            if value is not None:
                effective[key] = value
            cells[h.id] = {
                "proposed": p.rating if p else None,
                "override": o.rating if o else None,
                "effective": value,
                "reason": p.reason if p else None,
                "stance": p.stance if p else None,
                "analyst": o.analyst if o else None,
                "at": o.at.isoformat() if o else None,
                "note": o.note if o else None,
            }
        rated = [c["effective"] for c in cells.values() if c["effective"]]
        spread = diagnosticity(rated, scale)
        evidence.append(
            {
                "id": item["id"],
                "kind": item["kind"],
                "ref_id": item["ref_id"],
                "claim_id": item["ref_id"] if item["kind"] == "claim" else None,
                "event_id": item["ref_id"] if item["kind"] == "event" else None,
                "doc_id": item["doc_id"],
                "text": item["text"],
                "start": item["start"],
                "end": item["end"],
                "source": item["source"],
                "speaker": item["speaker_text"],
                "status": item["status"],
                "evidence": item["evidence"],
                "added_by": item["added_by"],
                "relevance_score": item["relevance_score"],
                "proposition_id": item["proposition_id"],
                "proposition_label": item["proposition_label"],
                "proposition_side": item["proposition_side"],
                "credibility": levels["credibility"],
                "relevance": levels["relevance"],
                "weight": round(weight, 6),
                "weight_override": (
                    {"analyst": w_override.analyst, "at": w_override.at.isoformat(), "note": w_override.note}
                    if w_override
                    else None
                ),
                "cells": cells,
                "diagnosticity": spread,
                "weighted_diagnosticity": round(spread * weight, 6),
            }
        )
    hypothesis_ids = [h.id for h in hypotheses]
    scores = inconsistency_scores(effective, weights, hypothesis_ids, scale)
    return {
        "id": head.id,
        "name": head.name,
        "description": head.description,
        "created_at": head.created_at.isoformat(),
        "proposed_at": head.proposed_at.isoformat() if head.proposed_at else None,
        "hypotheses": [{"id": h.id, "text": h.text} for h in hypotheses],
        "evidence": evidence,
        "weights": weights,
        "scores": scores,
        "diagnosticity": {e["id"]: e["diagnosticity"] for e in evidence},
        "override_count": len(rating_overrides) + len(weight_overrides),
        "scale": {code: scale.labels[code] for code in scale.ratings},
    }


def _evidence_items(store, board_id: str) -> list[dict[str, Any]]:
    """The board's active evidence joined to its claim or event, in evidence order."""
    from ..link.propositions import source_key

    rows = store.boards.active_evidence(board_id)
    claim_ids = [r.ref_id for r in rows if r.ref_kind == "claim"]
    found = store.boards.items(claim_ids, [r.ref_id for r in rows if r.ref_kind == "event"])
    propositions = store.boards.claim_propositions(claim_ids)
    out = []
    for r in rows:
        item = found.get((r.ref_kind, r.ref_id))
        if item is None:  # its document is gone from the store
            continue
        proposition = propositions.get(item["ref_id"]) if item["kind"] == "claim" else None
        out.append(
            {
                **item,
                **{k: v for k, v in r._asdict().items() if k not in ("ref_kind", "ref_id")},
                "source": source_key(item),
                "proposition_id": proposition.proposition_id if proposition else None,
                "proposition_label": proposition.label if proposition else None,
                "proposition_side": proposition.side if proposition else None,
            }
        )
    return out


def _hypothesis_text(text: Any) -> str:
    if not isinstance(text, str) or not text.strip():
        raise AchBadInput(f"a hypothesis must be a non-empty text, not {text!r}")
    return " ".join(text.split())


def _new_board_id(store, name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "board"
    candidate, n = base, 2
    while store.boards.id_taken(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate
