"""Proposals for a board: which claims are evidence, how each rates against each hypothesis, and
how much it weighs. Pure functions over texts and claim fields; ``boards.propose`` feeds them from
the store and writes what they return.

Evidence: claims most similar to the hypotheses (fast embeddings), in turn per hypothesis, bounded.

Rating of evidence e against hypothesis h (PARC scale CC, C, N, NA, I, II):
1. when h and e both take a side on a direction axis (data/ach/directions.yaml): the same side ->
   C, the other -> I, "very" (CC / II) when e leans by ``strong_direction`` words or more;
   A claim whose figure of a group's strength is disputed leans by its number where its words do
   not: below another source's figure is down on ``figure_axis``, above it up;
2. else NA when the FNC-1 stance model (link/stance.py, headline = h, body = e) finds e unrelated
   and the embeddings agree;
3. else the stance model alone: P(disagree) high -> I; the hypothesis e agrees with clearly more
   than with its rivals (P(agree) x similarity) -> C; otherwise N.
Then the claim's status: hedged, hypothetical and disputed claims are never "very". (Denials need
no rule of their own: the claim's text holds the denying words, which direction words negate.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..nlp.tokens import lean_tokens
from ..yamlfiles import load_yaml
from . import responsibility
from .errors import AchBadInput

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "ach"
_CLAUSE_BREAKS = frozenset(",;:")


@dataclass(frozen=True)
class ProposeConfig:
    max_evidence: int
    min_similarity: float
    direction_bonus: float
    unrelated_probability: float
    disagree_probability: float
    agree_margin: float
    strong_direction: float
    relevance: dict[str, float]
    credibility_points: dict
    soften_statuses: frozenset[str]
    figure_axis: str


@dataclass(frozen=True)
class Axis:
    up: frozenset[str]
    down: frozenset[str]
    intensifiers: frozenset[str]
    skip_subjects: bool = False  # a pole word before a subject verb is the speaker or doer: not counted
    contrastive: bool = False  # used only on a board where two hypotheses stand on opposite sides of it


@dataclass(frozen=True)
class Directions:
    negation_window: int
    negators: frozenset[str]
    doubt: frozenset[str]
    contrast: frozenset[str]
    concession: frozenset[str]
    axes: dict[str, Axis]
    scope_ends: frozenset[str] = frozenset()
    subject_verbs: frozenset[str] = frozenset()


def load_config(path: Path = DATA_DIR / "propose.yaml") -> ProposeConfig:
    d = load_yaml(path.read_text(encoding="utf-8"))
    return ProposeConfig(
        int(d["max_evidence"]),
        float(d["min_similarity"]),
        float(d["direction_bonus"]),
        float(d["unrelated_probability"]),
        float(d["disagree_probability"]),
        float(d["agree_margin"]),
        float(d["strong_direction"]),
        {k: float(v) for k, v in d["relevance"].items()},
        d["credibility_points"],
        frozenset(d["soften_statuses"]),
        str(d["figure_axis"]),
    )


def load_directions(path: Path = DATA_DIR / "directions.yaml") -> Directions:
    d = load_yaml(path.read_text(encoding="utf-8"))

    def words(value, key: str) -> frozenset[str]:
        odd = [w for w in value if not isinstance(w, str)]
        if odd:  # YAML reads bare no/yes/off as booleans
            raise AchBadInput(f"{path}: {key} has non-word entries {odd!r}; quote them")
        return frozenset(value)

    axes = {
        name: Axis(
            words(a["up"], f"{name}.up"),
            words(a["down"], f"{name}.down"),
            words(a.get("intensifiers", []), f"{name}.intensifiers"),
            bool(a.get("skip_subjects", False)),
            bool(a.get("contrastive", False)),
        )
        for name, a in d["axes"].items()
    }
    return Directions(
        int(d["negation_window"]),
        words(d["negators"], "negators"),
        words(d["doubt"], "doubt"),
        words(d["contrast"], "contrast"),
        words(d["concession"], "concession"),
        axes,
        words(d.get("negation_scope_ends", []), "negation_scope_ends"),
        words(d.get("subject_verbs", []), "subject_verbs"),
    )


@dataclass(frozen=True)
class Lean:
    """A text's position on each axis (positive: up, negative: down) and the words behind it."""

    scores: dict[str, float]
    words: dict[str, list[str]]


def lean(text: str, directions: Directions | None = None) -> Lean:
    """Where ``text`` stands on each direction axis, from its pole words (see directions.yaml)."""
    directions = directions or load_directions()
    tokens = lean_tokens(text)
    words = [t for t in tokens if t not in _CLAUSE_BREAKS]
    # per word: the weight its clause gives it (contrast x2, concession x0.5)
    weights, conceded, position = [], False, 0
    last_contrast = max((i for i, w in enumerate(words) if w in directions.contrast), default=-1)
    for t in tokens:
        if t in _CLAUSE_BREAKS:
            conceded = False
            continue
        if t in directions.concession:
            conceded = True
        weight = 2.0 if 0 <= last_contrast < position else 1.0
        weights.append(weight * (0.5 if conceded else 1.0))
        position += 1
    doubted = _doubted(words, directions)
    scopes = _scopes(tokens, directions)
    scores: dict[str, float] = {}
    found: dict[str, list[str]] = {}
    for name, axis in directions.axes.items():
        total, used = 0.0, []
        for i, w in enumerate(words):
            if w in axis.intensifiers:
                following = words[i + 1] if i + 1 < len(words) else ""
                sign = -1 if following in axis.down else 1
            else:
                sign = 1 if w in axis.up else -1 if w in axis.down else 0
            if not sign:
                continue
            if axis.skip_subjects and i + 1 < len(words) and words[i + 1] in directions.subject_verbs:
                continue
            negated = _negated(scopes[i], directions)
            if negated:
                sign = -sign
            if i in doubted:
                sign = -sign
            total += sign * weights[i]
            used.append(("not " if negated else "") + w + (" (doubted)" if i in doubted else ""))
        scores[name] = total
        found[name] = used
    return Lean(scores, found)


def _doubted(words: list[str], directions: Directions) -> set[int]:
    """The positions of the words a doubting word turns round: those after it when pole words follow
    ("spreading fabricated news that the air force attacked a school": the school is doubted, not the
    speaker's own words before it), else those before it ("the claim of a training camp is a lie")."""
    at = next((i for i, w in enumerate(words) if w in directions.doubt), None)
    if at is None:
        return set()
    poles = set().union(*(a.up | a.down | a.intensifiers for a in directions.axes.values()))
    after = range(at + 1, len(words))
    if any(words[i] in poles for i in after):
        return set(after)
    return set(range(at))


def _scopes(tokens: list[str], directions: Directions) -> list[list[str]]:
    """Per word (clause marks left out): the words before it that a negator there could scope over, at
    most ``negation_window``, back to the nearest clause mark or scope-ending word ("and", "near")."""
    out, back = [], []
    for t in tokens:
        if t in _CLAUSE_BREAKS:
            back = []
            continue
        out.append(back[-directions.negation_window :] if directions.negation_window else [])
        back = [] if t in directions.scope_ends else [*back, t]
    return out


def _negated(window: list[str], directions: Directions) -> bool:
    return any(v in directions.negators or v.endswith("n't") for v in window)


@dataclass(frozen=True)
class Cell:
    rating: str
    reason: str
    stance: dict[str, float] = field(default_factory=dict)


STANCE_LABELS = ("agree", "disagree", "discuss", "unrelated")


def rate_matrix(
    texts: Sequence[str],
    statuses: Sequence[str | None],
    disputed: Sequence[bool],
    hypotheses: Sequence[str],
    similarity: np.ndarray,
    stance: np.ndarray,
    config: ProposeConfig | None = None,
    directions: Directions | None = None,
    figures: Sequence[tuple[int, str] | None] | None = None,
) -> list[list[Cell]]:
    """One row of cells per text, one cell per hypothesis. ``similarity``: (texts x hypotheses) cosines;
    ``stance``: (texts x hypotheses x 4) stance probabilities in STANCE_LABELS order; ``figures``: per
    text, where its disputed figure lies against other sources' (+1 above, -1 below, and why:
    ``link.disputes.figure_leans``) or None: a number's position counts as a lean on the
    ``figure_axis`` where the text's words give none."""
    config = config or load_config()
    directions = directions or load_directions()
    hyp_leans = _board_leans([lean(h, directions) for h in hypotheses], directions)
    doers = responsibility.incident_doers(list(hypotheses), list(texts))
    # the doer a claim names rates only hypotheses of rival doers: where two hypotheses name one doer
    # ("the junta struck a school" / "the junta struck a camp"), what tells them apart is the content
    rival_doers = responsibility.rival_doers(doers)
    groups = responsibility.doer_groups(doers)
    shared = any(groups.count(g) > 1 for g in groups if g is not None)  # some hypotheses share a doer
    who = len({g for g in groups if g is not None}) > 1 if shared else any(rival_doers)
    all_doers = who and all(g is not None for g in groups) if shared else len(rival_doers) > 1 and all(rival_doers)
    rows = []
    for i, text in enumerate(texts):
        elsewhere = responsibility.other_incident(text, doers)
        if elsewhere:
            rows.append(
                [
                    Cell("NA", elsewhere, {k: round(float(p), 4) for k, p in zip(STANCE_LABELS, stance[i, j])})
                    for j in range(len(hypotheses))
                ]
            )
            continue
        if not who:
            doer_cells = None
        elif shared:  # one cell per doer group; None where the hypothesis's content decides
            doer_cells = responsibility.rate_by_group(text, doers)
        else:
            doer_cells = responsibility.rate(text, rival_doers)
        on_incident = responsibility.names_incident(text, doers)
        ev_lean = lean(text, directions)
        support = stance[i, :, 0] * similarity[i]
        row = []
        for j in range(len(hypotheses)):
            probs = {label: round(float(p), 4) for label, p in zip(STANCE_LABELS, stance[i, j])}
            sim = float(similarity[i, j])
            agreement, why = _direction_agreement(ev_lean, hyp_leans[j])
            figure = figures[i] if figures is not None else None
            hyp_axis = hyp_leans[j].scores.get(config.figure_axis, 0.0)
            if not agreement and figure is not None and hyp_axis:
                agreement = figure[0] * (1 if hyp_axis > 0 else -1)
                why = f"{figure[1]}: {'for' if agreement > 0 else 'against'} the hypothesis's {config.figure_axis}"
            if doer_cells is not None and doer_cells[j] is not None:
                rating, reason = doer_cells[j]
            elif agreement:
                strong = abs(agreement) >= config.strong_direction
                rating = ("CC" if strong else "C") if agreement > 0 else ("II" if strong else "I")
                reason = why
            elif probs["unrelated"] >= config.unrelated_probability and sim < config.min_similarity and not on_incident:
                row.append(
                    Cell(
                        "NA",
                        f"unrelated to the hypothesis (stance P(unrelated) {probs['unrelated']:.2f}, "
                        f"similarity {sim:.2f})",
                        probs,
                    )
                )
                continue
            elif all_doers:
                # the stance model reads agreement with a hypothesis's topic (the incident), which rival
                # doers share; a claim that names no doer takes no side on who did it
                rating = "N"
                reason = "names none of the hypotheses' doers (the stance model cannot tell rival doers apart)"
            elif probs["disagree"] >= config.disagree_probability:
                rating, reason = "I", f"the stance model finds it disagrees (P {probs['disagree']:.2f})"
            else:
                rivals = [float(support[k]) for k in range(len(hypotheses)) if k != j]
                lead = float(support[j]) - max(rivals, default=0.0)
                if rivals and lead >= config.agree_margin:
                    rating = "C"
                    reason = (
                        f"agrees with this hypothesis more than with the others (stance P(agree) "
                        f"{probs['agree']:.2f} x similarity {sim:.2f}, lead {lead:.2f})"
                    )
                else:
                    rating = "N"
                    reason = (
                        f"related (similarity {sim:.2f}) but takes no side the stance model or the "
                        "direction words can tell"
                    )
            rating, reason = _apply_status(rating, reason, statuses[i], disputed[i], config)
            row.append(Cell(rating, reason, probs))
        rows.append(row)
    return rows


_SOFTEN = {"CC": "C", "II": "I"}


def idle_axes(leans: list[Lean], directions: Directions) -> set[str]:
    """The ``contrastive`` axes on which no two of the hypotheses' ``leans`` stand on opposite sides:
    an axis every hypothesis leans up on ("the market was hit" on a board of who hit it) cannot tell
    them apart, and rating every hypothesis C on it would only add noise. None with one hypothesis."""
    if len(leans) < 2:
        return set()
    return {
        name
        for name, axis in directions.axes.items()
        if axis.contrastive
        and not (any(x.scores.get(name, 0) > 0 for x in leans) and any(x.scores.get(name, 0) < 0 for x in leans))
    }


def _board_leans(leans: list[Lean], directions: Directions) -> list[Lean]:
    """The hypotheses' leans less their positions on the board's idle axes (``idle_axes``)."""
    idle = idle_axes(leans, directions)
    if not idle:
        return leans
    return [Lean({k: (0.0 if k in idle else v) for k, v in x.scores.items()}, x.words) for x in leans]


def _direction_agreement(ev: Lean, hyp: Lean) -> tuple[float, str]:
    total, parts = 0.0, []
    for axis, h_score in hyp.scores.items():
        e_score = ev.scores.get(axis, 0.0)
        if not h_score or not e_score:
            continue
        total += e_score * (1 if h_score > 0 else -1)
        e_side = "up" if e_score > 0 else "down"
        h_side = "up" if h_score > 0 else "down"
        parts.append(
            f"{axis}: the claim leans {e_side} ({', '.join(ev.words[axis])}), "
            f"the hypothesis {h_side} ({', '.join(hyp.words[axis])})"
        )
    return total, "; ".join(parts)


def _apply_status(
    rating: str, reason: str, status: str | None, disputed: bool, config: ProposeConfig
) -> tuple[str, str]:
    if (status in config.soften_statuses or disputed) and rating in _SOFTEN:
        rating = _SOFTEN[rating]
        reason += (
            f"; not 'very': the claim is {'disputed' if disputed and status not in config.soften_statuses else status}"
        )
    return rating, reason


def relevance_level(best_similarity: float, config: ProposeConfig | None = None) -> tuple[str, str]:
    config = config or load_config()
    for level in ("high", "medium"):
        if best_similarity >= config.relevance[level]:
            return level, f"similarity to the closest hypothesis {best_similarity:.2f} (>= {config.relevance[level]})"
    return "low", f"similarity to the closest hypothesis {best_similarity:.2f} (< {config.relevance['medium']})"


def credibility_level(
    evidence: str | None,
    status: str | None,
    disputed_by: str | None,
    source_credibility: float | None,
    config: ProposeConfig | None = None,
) -> tuple[str, str]:
    """low / medium / high from the evidence grade, the epistemic status, disputes and the source's
    credibility (link.sources), with the points behind it."""
    config = config or load_config()
    points = config.credibility_points
    parts = []
    total = 0.0
    if evidence in points["evidence"]:
        total += points["evidence"][evidence]
        parts.append(f"evidence {evidence} {points['evidence'][evidence]:+g}")
    if status in points["status"]:
        total += points["status"][status]
        parts.append(f"status {status} {points['status'][status]:+g}")
    if disputed_by:
        total += points["disputed_by"]
        parts.append(f"disputed by {disputed_by} {points['disputed_by']:+g}")
    if source_credibility is not None:
        if source_credibility >= points["source_high"]:
            total += 1
            parts.append(f"source credibility {source_credibility:.2f} +1")
        elif source_credibility <= points["source_low"]:
            total -= 1
            parts.append(f"source credibility {source_credibility:.2f} -1")
        else:
            parts.append(f"source credibility {source_credibility:.2f} +0")
    level = "high" if total >= 1 else "low" if total <= -1 else "medium"
    return level, ", ".join(parts) + f" = {total:+g}"


def select_evidence(similarity: np.ndarray, limit: int, min_similarity: float) -> list[int]:
    """Row indices of the texts to propose: in turn, each hypothesis's most similar text not yet
    taken, until ``limit`` (texts below ``min_similarity`` to every hypothesis are never taken)."""
    if similarity.size == 0:
        return []
    orders = [list(np.argsort(-similarity[:, j], kind="stable")) for j in range(similarity.shape[1])]
    taken: list[int] = []
    seen: set[int] = set()
    positions = [0] * len(orders)
    while len(taken) < limit:
        progressed = False
        for j, order in enumerate(orders):
            while positions[j] < len(order):
                i = int(order[positions[j]])
                positions[j] += 1
                if i in seen:
                    continue
                if similarity[i, j] < min_similarity:
                    positions[j] = len(order)  # sorted: nothing further is similar enough
                    break
                taken.append(i)
                seen.add(i)
                progressed = True
                break
            if len(taken) >= limit:
                break
        if not progressed:
            break
    return taken
