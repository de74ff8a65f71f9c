"""ACH scores from a rated matrix: pure arithmetic, no store.

- weight of an evidence item = credibility weight x relevance weight (levels in data/ach/scale.yaml:
  low 1/sqrt(2), medium 1, high sqrt(2));
- weighted inconsistency of a hypothesis = sum over evidence of the cell's inconsistency (I = -1,
  II = -2, anything else 0) x the item's weight. Only inconsistent evidence counts (consistent
  evidence is usually consistent with several hypotheses and proves little); the hypothesis with
  the score nearest 0 is the one the evidence leaves standing;
- diagnosticity of an evidence item = the spread (max - min) of its ratings' scale values across the
  hypotheses, NA cells left out: 0 when it rates every hypothesis alike, 4 for CC against II.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .scale import Scale, load_scale


def evidence_weight(credibility: str, relevance: str, scale: Scale | None = None) -> float:
    scale = scale or load_scale()
    return scale.levels[credibility] * scale.levels[relevance]


def inconsistency_scores(
    ratings: Mapping[tuple[str, str], str],
    weights: Mapping[str, float],
    hypotheses: Sequence[str],
    scale: Scale | None = None,
) -> dict[str, dict]:
    """Per hypothesis: weighted inconsistency, the count of I/II cells, and its rank (1 = least
    inconsistent). ``ratings``: (evidence id, hypothesis id) -> effective rating code."""
    scale = scale or load_scale()
    out: dict[str, dict] = {h: {"inconsistency": 0.0, "inconsistent": 0, "consistent": 0} for h in hypotheses}
    for (evidence_id, hypothesis_id), rating in ratings.items():
        if hypothesis_id not in out:
            continue
        value = scale.inconsistency[rating]
        if value:
            out[hypothesis_id]["inconsistency"] += value * weights[evidence_id]
            out[hypothesis_id]["inconsistent"] += 1
        elif rating in ("C", "CC"):
            out[hypothesis_id]["consistent"] += 1
    ordered = sorted(hypotheses, key=lambda h: -out[h]["inconsistency"])
    for h in hypotheses:
        out[h]["inconsistency"] = round(out[h]["inconsistency"], 6) + 0.0  # no -0.0
        # ties share a rank
        out[h]["rank"] = 1 + sum(1 for g in ordered if out[g]["inconsistency"] > out[h]["inconsistency"])
    return out


def diagnosticity(cell_ratings: Sequence[str], scale: Scale | None = None) -> float:
    """How far apart one evidence item's ratings lie across the hypotheses (NA left out)."""
    scale = scale or load_scale()
    values = [scale.values[r] for r in cell_ratings if scale.values[r] is not None]
    if len(values) < 2:
        return 0.0
    return max(values) - min(values)
