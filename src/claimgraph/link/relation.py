"""Claim against claim: supports / contradicts / neither, with a score and the reasons.

Two claims are compared only when they are about the same thing (embedding similarity, or the
stance model not calling them unrelated). Then any of these makes them contradict:

- conflicting figures for the same count ("at least 12 killed" vs "five were martyred"), with
  quantities from claimgraph.nlp.quantities unless the caller passes them;
- opposite polarity (one asserts, the other negates), from the caller or from negation cues;
- the FNC-1 stance model finding that one disagrees with the other.

Related claims with none of these support each other when they are similar enough and the
stance model does not call them unrelated. Thresholds
and word lists are in data/models/claim_relation.yaml (set on half of the scenario's pairs).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.yamlfiles import load_yaml, parsed_while_unchanged

from ..model import Quantity
from ..nlp.quantities import find_quantities
from ..nlp.tokens import stance_tokens
from .embeddings import Embedder
from .stance import LABELS, MODELS_DIR, Cues, StanceModel, is_negation

CONFIG_PATH = MODELS_DIR / "claim_relation.yaml"
RELATIONS = ("supports", "contradicts", "neither")
NUMBER_CONFLICT_SCORE = 0.9  # figures that cannot both be true are strong evidence


@dataclass(frozen=True)
class RelationConfig:
    related_similarity: float
    number_related_similarity: float
    support_similarity: float
    disagree_probability: float
    outcomes: dict[str, frozenset[str]]
    people: frozenset[str]
    window_before: int
    window_after: int
    about_tolerance: float
    at_most_floor: float
    units: dict[str, tuple[str, float]]  # unit -> (base unit of its measure, base units per unit)


def load_config(path: Path = CONFIG_PATH) -> RelationConfig:
    """The relation settings at ``path``, parsed once per process while the file stays the same (every
    propositions update asks for them)."""
    return _parsed_config(path)


@parsed_while_unchanged
def _parsed_config(path: Path) -> RelationConfig:
    data = load_yaml(path.read_text(encoding="utf-8"))
    return RelationConfig(
        float(data["related_similarity"]),
        float(data["number_related_similarity"]),
        float(data["support_similarity"]),
        float(data["disagree_probability"]),
        {k: frozenset(v) for k, v in data["outcomes"].items()},
        frozenset(data["people"]),
        int(data["window_before"]),
        int(data["window_after"]),
        float(data["about_tolerance"]),
        float(data["at_most_floor"]),
        {unit: (str(base), float(factor)) for unit, (base, factor) in (data.get("units") or {}).items()},
    )


def _outcome(words: Sequence[str], config: RelationConfig) -> str | None:
    for w in words:
        for outcome, vocabulary in config.outcomes.items():
            if w in vocabulary:
                return outcome
    return None


def quantity_key(text: str, q: Any, config: RelationConfig) -> str:
    """What a quantity counts: an outcome (killed / wounded / detained), "people", or its own unit."""
    unit = (getattr(q, "unit", None) or "").lower()
    if unit in config.units:
        return config.units[unit][0]  # a distance or a duration, in whatever unit it is given
    unit_outcome = _outcome([unit], config)
    if unit_outcome:
        return unit_outcome
    if unit and unit not in config.people:
        return unit  # houses, weeks, fighters' posts...: compared only with the same unit
    start, end = getattr(q, "start", None), getattr(q, "end", None)
    if start is not None and end is not None and text:
        before = stance_tokens(text[max(0, start - config.window_before) : start])
        after = stance_tokens(text[end : end + config.window_after])
        # the nearest verb wins: "killing at least 12" reads before, "12 were killed" after
        found = _outcome(list(reversed(before[-3:])), config) or _outcome(after, config)
        if found:
            return found
    return "people"


def quantity_interval(q: Any, config: RelationConfig) -> tuple[float, float]:
    """The values ``q`` allows, in its measure's base unit (``config.units``)."""
    scale = config.units.get((getattr(q, "unit", None) or "").lower(), ("", 1.0))[1]
    value = float(q.value) * scale
    qualifier = getattr(q, "qualifier", "exact") or "exact"
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "at_most":
        return value * config.at_most_floor, value
    if qualifier == "about":
        return value * (1 - config.about_tolerance), value * (1 + config.about_tolerance)
    if qualifier == "range" and getattr(q, "value_max", None) is not None:
        return value, float(q.value_max) * scale
    return value, value


def number_conflicts(
    a_text: str, a_numbers: Sequence[Any], b_text: str, b_numbers: Sequence[Any], config: RelationConfig | None = None
) -> list[str]:
    """Reasons, one per count that the two claims give incompatible figures for."""
    config = config or load_config()
    return figures_conflict(figures_by_key(a_text, a_numbers, config), figures_by_key(b_text, b_numbers, config))


def figures_by_key(text: str, numbers: Sequence[Any], config: RelationConfig) -> dict[str, tuple[float, float, Any]]:
    """What each of a claim's counts measures (``quantity_key``) -> (least, greatest value, quantity),
    the first figure of each; read once per claim where one claim is compared with many."""
    out: dict[str, tuple[float, float, Any]] = {}
    for q in _counts(numbers):
        key = quantity_key(text, q, config)
        if key not in out:
            out[key] = (*quantity_interval(q, config), q)
    return out


def figures_conflict(a: dict[str, tuple[float, float, Any]], b: dict[str, tuple[float, float, Any]]) -> list[str]:
    """``number_conflicts`` of two claims' ``figures_by_key``."""
    reasons = []
    for key in sorted(a.keys() & b.keys()):
        (a_lo, a_hi, qa), (b_lo, b_hi, qb) = a[key], b[key]
        if a_hi < b_lo or b_hi < a_lo:
            reasons.append(f"numbers conflict on {key}: {_label(qa)} vs {_label(qb)}")
    return reasons


def _counts(numbers: Sequence[Any]) -> list[Any]:
    """Drop "one"/"a"/"an" written as words: mostly a determiner ("one member state"), not a count."""
    return [
        q for q in numbers if not (q.value == 1 and not any(ch.isdigit() for ch in (getattr(q, "text", "") or "1")))
    ]


def _label(q: Any) -> str:
    text = getattr(q, "text", None)
    return repr(text) if text else f"{q.value:g}"


def _polarity(text: str, cues: Cues) -> str:
    return "negative" if any(is_negation(t, cues) for t in stance_tokens(text)) else "positive"


@dataclass(frozen=True)
class ClaimPair:
    """Two claims to relate, with what the claims stage found in each (None / () : read from the text)."""

    a: str
    b: str
    a_polarity: str | None = None
    b_polarity: str | None = None
    a_numbers: tuple = ()
    b_numbers: tuple = ()


def claim_relation(
    a: str,
    b: str,
    *,
    a_polarity: str | None = None,
    b_polarity: str | None = None,
    a_numbers: Sequence[Quantity] = (),
    b_numbers: Sequence[Quantity] = (),
    mode: str = "fast",
) -> tuple[str, float, list[str]]:
    """(supports | contradicts | neither, score in [0, 1], reasons) for two claim texts.

    Polarities are "positive" / "negative" as in ``Claim.polarity``; when omitted they are read
    from negation words. Quantities are ``model.Quantity`` (from the claims stage); when omitted
    they are found in the texts.
    """
    return claim_relations([ClaimPair(a, b, a_polarity, b_polarity, tuple(a_numbers), tuple(b_numbers))], mode)[0]


def claim_relations(
    pairs: Sequence[ClaimPair], mode: str = "fast", encoded: Mapping[str, np.ndarray] | None = None
) -> list[tuple[str, float, list[str]]]:
    """``claim_relation`` for many pairs at once: each distinct text is embedded once, each distinct
    pair related once (propositions ask for one label against many members, often with the same
    wording), and the stance model predicts every distinct pair in one call. ``encoded``: text ->
    its ``mode`` embedding, for texts the caller has (a text's vector does not depend on the batch
    it was encoded in, so these are the vectors encoding them here would give)."""
    if not pairs:
        return []
    config = load_config()
    distinct = list(dict.fromkeys(pairs))
    texts = list(dict.fromkeys(t for p in distinct for t in (p.a, p.b)))
    index = {t: i for i, t in enumerate(texts)}
    known = dict(encoded or {})
    missing = [t for t in texts if t not in known]
    if missing:
        known.update(zip(missing, Embedder(mode).encode(missing)))
    vectors = np.stack([known[t] for t in texts])
    # Headline and body are not symmetric in FNC-1: average both directions.
    model = StanceModel.load()  # loaded for this batch: one batch per propositions update
    # the texts' vectors serve the model's features too when it reads the same embeddings
    encoded = dict(zip(texts, vectors)) if model.embedder.mode == mode else None
    proba = model.predict_proba([d for p in distinct for d in ((p.a, p.b), (p.b, p.a))], encoded)
    proba = proba.reshape(len(distinct), 2, len(LABELS)).mean(axis=1)
    found: dict[str, list] = {}  # quantities read from a text, for claims that came without them

    def quantities_in(text: str) -> list:
        if text not in found:
            found[text] = find_quantities(text)
        return found[text]

    related = {
        p: _relation(p, float(vectors[index[p.a]] @ vectors[index[p.b]]), row, config, model.cues, quantities_in)
        for p, row in zip(distinct, proba)
    }
    # each pair gets its own reasons list: callers may extend it
    return [(relation, score, list(reasons)) for relation, score, reasons in (related[p] for p in pairs)]


def _relation(
    pair: ClaimPair, similarity: float, proba, config: RelationConfig, cues: Cues, quantities_in=find_quantities
) -> tuple[str, float, list[str]]:
    a, b = pair.a, pair.b
    p = dict(zip(LABELS, (float(x) for x in proba)))
    reasons = [f"similarity {similarity:.2f}", "stance " + ", ".join(f"{k} {v:.2f}" for k, v in p.items())]

    a_numbers = list(pair.a_numbers) or quantities_in(a)
    b_numbers = list(pair.b_numbers) or quantities_in(b)
    conflicts = number_conflicts(a, a_numbers, b, b_numbers, config)
    outcome_conflict = any(c.split(":")[0].rsplit(" ", 1)[-1] in config.outcomes for c in conflicts)
    related = (
        similarity >= config.related_similarity
        or p["unrelated"] < 0.5
        or (outcome_conflict and similarity >= config.number_related_similarity)
    )
    if not related:
        return "neither", max(1.0 - similarity, p["unrelated"]), reasons + ["not about the same thing"]

    evidence: list[float] = []
    if conflicts:
        reasons += conflicts
        evidence.append(NUMBER_CONFLICT_SCORE)
    pa, pb = pair.a_polarity or _polarity(a, cues), pair.b_polarity or _polarity(b, cues)
    if pa != pb:
        reasons.append(f"polarity differs: {pa} vs {pb}")
        evidence.append(0.5 + 0.5 * max(similarity, 0.0))
    if p["disagree"] >= config.disagree_probability:
        reasons.append(f"stance model: disagree {p['disagree']:.2f}")
        evidence.append(p["disagree"])
    if evidence:
        return "contradicts", max(evidence), reasons
    # similarity alone is not enough: static vectors of any two sentences on Afghan security are
    # close, so the stance model must also see the two as related
    if similarity >= config.support_similarity and p["unrelated"] < 0.5:
        return "supports", similarity, reasons
    return "neither", 1.0 - similarity, reasons
