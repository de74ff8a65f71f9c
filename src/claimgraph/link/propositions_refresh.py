"""Refreshing a proposition that gained members from its new members, without reading the others.

A proposition's label is its member nearest the centroid, and every member's side is taken
relative to the label. Recomputing that over every member each time one joins made a run's cost
grow with the propositions' sizes (a topic gains members with the store: ~2,000 members read per
touched proposition at 2,000 stored documents). So a proposition keeps its members' similarities
and sides from their placement, and a *reference* centroid: the one of its last recomputation over
every member, stored beside its summed vectors. While new members move its centroid by at most
``DRIFT_BOUND`` (distance between unit centroids) from the reference:

- every stored similarity was computed against a centroid within ``DRIFT_BOUND`` of the reference,
  so it is within ``DRIFT_BOUND + d`` of the member's similarity to the new centroid (``d``: how far
  the centroid is from the reference now; members are unit vectors);
- the label stays, unless a new member, or an earlier one stored at the label's similarity, is now
  nearer the centroid (then every member's side is taken again: the full path). So the label is
  within ``2 (DRIFT_BOUND + d)`` of the most central member's similarity, exact after each full pass;
- the earlier members' sides stay (a side depends on the label, the member and the relation between
  them); the new members get theirs against the label.

A proposition is recomputed over all its members (``update_propositions``' full path) when its
centroid moved past the bound, its label changed, it lost members to a new version of their input,
its sums were made again from its members (other settings: a zero reference is stored, which no
centroid is near), or the run has an analyst's questions file (the members' poles then decide a
question and its reference pole, which counts every member). A proposition of a store of the
previous version has no reference: its members were compared with the centroid of its stored sums,
which then serves (and is stored with its first refresh). A run from an empty store
takes the full path for every proposition: the same propositions as before this refresh existed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..store.propositions import VectorRows

# How far (Euclidean distance between unit centroids; 0.1 is a cosine of 0.995) a proposition's
# centroid may move from its reference before every member is compared with it again. Larger: fewer
# full recomputations, staler stored similarities and label (by at most twice the bound plus the
# drift). At 2,000 stored documents a run's drift was under 0.025 for 90% of the propositions of 200
# members or more, 0.03-0.05 for those of 50-200, 0.06-0.11 for those of 10-50 (which are cheap to
# recompute): 0.1 refreshes most of the large ones for several runs between full passes.
DRIFT_BOUND = 0.1
# float32 dot products of unit vectors: what rounding can add to the bound
_ROUNDING = 1e-5
# Members this close to the highest similarity are tied for the label, and the first of them in
# document order is taken: a proposition of two members (or of copies of one sentence) has them at
# one similarity, which float32 sums in another order break either way.
LABEL_TIE = 1e-6


def label_index(similarities: np.ndarray) -> int:
    """The label among members of these similarities to the centroid (in document order): the first
    within ``LABEL_TIE`` of the highest."""
    return int(np.flatnonzero(similarities >= similarities.max() - LABEL_TIE)[0])


# the vector-table mode of the reference centroids (under the sums' prefix: clearing the sums clears them)
REFERENCE_MODE = "proposition-sums:reference:"


def reference_key(proposition_id: str, suffix: str) -> str:
    """A proposition's reference-centroid key (``suffix``: ":mode:settings hash", as the sums')."""
    return f"{proposition_id}:reference{suffix}"


def reference_rows(mode: str, suffix: str, centroids: dict[str, np.ndarray]) -> VectorRows | None:
    if not centroids:
        return None
    return VectorRows(
        [reference_key(pid, suffix) for pid in centroids], np.stack(list(centroids.values())), REFERENCE_MODE + mode
    )


@dataclass
class Refresh:
    """A proposition refreshed from its new members: its stored row, label claim, the central members
    read (rows, exact similarities to the new centroid) and the new members (indexes into the run's
    new claims, exact similarities), and the reference to store when it had none stored."""

    proposition_id: str
    stored: dict[str, Any]
    label: dict[str, Any]
    label_vector: np.ndarray
    central: list[dict[str, Any]]
    central_similarities: np.ndarray
    new: list[int]
    new_similarities: np.ndarray
    reference: np.ndarray | None  # a reference taken from the stored sums, to store (none was)


def refreshable(
    store,
    proposition_ids: Iterable[str],
    centroids: dict[str, np.ndarray],
    suffix: str,
    new_of: dict[str, list[int]],
    new_vectors: np.ndarray,
    vectors_of: Callable[[Sequence[dict[str, Any]]], np.ndarray],
    previous: dict[str, np.ndarray] | None = None,
) -> tuple[list[Refresh], np.ndarray, list[dict[str, Any]]]:
    """(the propositions of ``proposition_ids`` whose label the new members leave in place, refreshed;
    the vectors of the earlier members read (the labels and those tied with them); those members) --
    see the module's note. ``centroids``:
    unit centroids after the run's placement; ``new_of``: proposition id -> its new members' indexes
    into ``new_vectors``; ``vectors_of``: the claim vectors of rows (``_vectors``); ``previous``: the
    unit centroids as stored before the run, the reference of a proposition that has none stored (a
    store of the previous version, which compared every member with the centroid it stored), or None
    when the stored sums were not the ones the members were compared with (made again from them)."""
    ids = sorted(proposition_ids)
    if not ids:
        return [], np.zeros((0, new_vectors.shape[1]), np.float32), []
    references = store.vectors.read([reference_key(pid, suffix) for pid in ids])
    drift, derived = {}, {}
    for pid in ids:
        reference = references.get(reference_key(pid, suffix))
        if reference is None and previous is not None and pid in previous:
            reference = derived[pid] = previous[pid]  # stored with the refresh: the sums move from it
        if reference is not None and len(reference) == len(centroids[pid]):
            drift[pid] = float(np.linalg.norm(centroids[pid] - reference))
    close = [pid for pid in ids if drift.get(pid, np.inf) <= DRIFT_BOUND]
    if not close:
        return [], np.zeros((0, new_vectors.shape[1]), np.float32), []
    stored = store.propositions.stored_rows(close)
    # the label and any member stored tied with the highest similarity
    central = store.propositions.central_claims(close, [LABEL_TIE + _ROUNDING] * len(close))
    vectors = vectors_of(central) if central else np.zeros((0, new_vectors.shape[1]), np.float32)
    rows_of: dict[str, list[int]] = {}
    for i, r in enumerate(central):
        rows_of.setdefault(r["proposition_id"], []).append(i)
    out = []
    for pid in close:
        rows = rows_of.get(pid, [])
        row = stored.get(pid)
        if row is None or not rows:
            continue
        centroid = centroids[pid]
        central_sims = vectors[rows] @ centroid
        new_sims = new_vectors[new_of[pid]] @ centroid
        # the label as a pass over these members finds it: earlier members in document order, then the new
        best = label_index(np.concatenate([central_sims, new_sims]))
        if best >= len(rows) or central[rows[best]]["claim_id"] != row["label_claim_id"]:
            continue  # a new label: every member's side is taken again (the full path)
        out.append(
            Refresh(
                pid,
                row,
                central[rows[best]],
                vectors[rows[best]],
                [central[i] for i in rows],
                central_sims,
                list(new_of[pid]),
                new_sims,
                derived.get(pid),
            )
        )
    return out, vectors, central
