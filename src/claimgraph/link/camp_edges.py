"""Camp edges: a rejection set against the assertion it rejects where the two sit in two propositions.

A rejection and what it rejects are often worded apart ("the junta denied that its aircraft struck a
school" / "an aircraft bombed a school in the village"), and the propositions step, which groups by
wording, puts them in two propositions: neither shows the contest (issue 16.3; on the synthetic
stories 4 of 5 dev contests were split so). Moving the rejection into the assertion's proposition
showed them (session 10, branch pgroup) but cost the disputes step, which pairs affirmations and
denials inside a proposition first: the moved rejection lost its own anchor there. So membership
stays as the vectors decide it, and the rejection is recorded as a *guest* of the assertion's
proposition: it takes a side in that proposition's contest only (store table ``proposition_camps``,
which the contested list reads and the disputes step never does).

A new rejection (status ``denied``) is a guest of the proposition of the nearest new positive claim
of another account it rejects (``contested_camps.rejoin_cue``: they share content words), at a
combined similarity of ``rejoin_similarity`` or more, when both can tell one story
(``disputes.denials.one_story``: one document, a shared event cluster or name, a common country,
and no places, days or dates that make two incidents). The host's members and guests are then sided
as any proposition's members are (relation to the label, then camps), and the contest keeps the
guests' sides and those of the members whose side the guests changed; every member keeps its own
side in ``proposition_claims``. Only claims of one run meet (an earlier run's assertion is not read
again); a host recomputed later keeps its stored guests while what they answer is still its member.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .contested_camps import CampsConfig, camps_of_all, denies, rejoin_cue
from .contested_sides import member_tallies

Side = tuple[str, Any, Any, list[str]]
GUEST_REASON = "camp: rejects '{}', a member of this proposition (the rejection's own proposition is another)"
BLOCK = 256  # rejections whose similarities to the run's claims are taken at once


def edges(
    new: Sequence[dict[str, Any]],
    vectors: np.ndarray,
    labels: np.ndarray,
    config: CampsConfig,
    same_story: Callable[[str, str], bool],
) -> list[tuple[int, int]]:
    """(rejection, assertion) indexes into the run's ``new`` claims, in two propositions (``labels``):
    each rejection with the nearest assertion it rejects that tells its story (``same_story`` of two
    claim ids: ``disputes.denials.story_test``)."""
    movers = [i for i, r in enumerate(new) if denies(r)]
    if not movers or len(new) < 2:
        return []
    from .disputes.denials import read_stories  # the disputes package reads the propositions module

    out = []
    for start in range(0, len(movers), BLOCK):
        block = movers[start : start + BLOCK]
        near = vectors[block] @ vectors.T  # pairs under the bar are never tested
        asked = []  # each rejection's assertions it rejects across propositions, the nearest first
        for i, row in zip(block, near):
            row[i] = -1.0
            above = np.flatnonzero(row >= config.rejoin_similarity)
            ordered = [int(j) for j in above[np.argsort(-row[above], kind="stable")]]
            asked.append((i, [j for j in ordered if labels[j] != labels[i] and rejoin_cue(new[i], new[j], config)]))
        # the stories of every pair the block may ask of, in one read (pair by pair, a query each)
        read_stories(same_story, [new[x]["claim_id"] for i, js in asked if js for x in (i, *js)])
        for i, js in asked:
            j = next((j for j in js if same_story(new[i]["claim_id"], new[j]["claim_id"])), None)
            if j is not None:
                out.append((i, j))
    return out


@dataclass
class Host:
    """A proposition some guests answer: its label, the members sided this run (``rows``, their
    similarities to the label and their sides as stored) and the guests (claim rows, the member each
    answers, their vectors)."""

    proposition_id: str
    label: dict[str, Any]
    label_vector: np.ndarray
    known: dict
    rows: list[dict[str, Any]]
    label_similarities: np.ndarray
    sides: list[Side]
    guests: list[dict[str, Any]] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    guest_vectors: list[np.ndarray] = field(default_factory=list)


@dataclass
class Contest:
    """A host's contest: its ``proposition_camps`` rows and its accounts with their contest sides (what
    the contested score counts)."""

    camp_rows: list[dict[str, Any]]
    accounts: list[dict[str, Any]]


def contests(
    hosts: Sequence[Host],
    centroids: dict[str, np.ndarray],
    sides_of_all: Callable[[list], list[list[Side]]],
    quantities: Callable[[dict], tuple],
    same_story: Callable[[str, str], bool] | None = None,
) -> dict[str, Contest]:
    """Each host's contest: its members and guests sided together (``sides_of_all`` against the
    label, then ``camps_of_all``), one batch for every host."""
    hosts = [h for h in hosts if h.guests]
    if not hosts:
        return {}
    groups = [
        (
            h.label,
            [*h.rows, *h.guests],
            np.concatenate([h.label_similarities, np.array([v @ h.label_vector for v in h.guest_vectors])]),
            h.known,
        )
        for h in hosts
    ]
    sided = camps_of_all(groups, sides_of_all(groups), quantities, same_story=same_story)
    out = {}
    for h, sides in zip(hosts, sided):
        centroid = centroids[h.proposition_id]
        rows, accounts = [], []
        for k, (r, (side, _, _, reasons)) in enumerate(zip([*h.rows, *h.guests], sides)):
            guest = k >= len(h.rows)
            if not guest and side == h.sides[k][0]:
                accounts.append({**r, "side": side})
                continue
            if guest:
                if side not in ("for", "against"):
                    continue  # a guest that takes no side adds nothing to the contest
                answered = next(m for m in h.rows if m["claim_id"] == h.answers[k - len(h.rows)])
                reasons = [*reasons, GUEST_REASON.format(_short(answered["text"]))]
            vector = h.guest_vectors[k - len(h.rows)] if guest else None
            rows.append(
                {
                    "proposition_id": h.proposition_id,
                    "claim_id": r["claim_id"],
                    "doc_id": r["doc_id"],
                    "answers": h.answers[k - len(h.rows)] if guest else None,
                    "similarity": float(vector @ centroid) if guest else None,
                    "side": side,
                    "reasons": reasons,
                }
            )
            accounts.append({**r, "side": side})
        accounts.sort(key=lambda r: (r.get("ingest_seq") or 0, r.get("seq") or 0))
        out[h.proposition_id] = Contest(rows, accounts)
    return out


def contest_tallies(contest: Contest | None, rows: Sequence[dict[str, Any]], stored=()) -> list[dict[str, Any]]:
    """The counted accounts of a proposition's ``rows`` (``contested_sides.member_tallies``), as its
    contest sides them where it has one."""
    return member_tallies(contest.accounts if contest else rows, stored)


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
