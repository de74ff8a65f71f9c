"""Cue decisions of the learned attribution that do not tip between machines (data/claims/en/cue_decision.yaml).

The cue head's scores come from the int8 MiniLM encoder's token states, whose last bits move with the
CPU's int8 and BLAS kernels: a score a hundredth from a threshold may fall on either side of it on
another machine, and with it an attribution, a claim and a dispute. So every comparison of a cue score
with a threshold goes through ``CueDecision``: scores are rounded first, and where a score (or the
reranker's decision over it) is within the margin of the threshold, the parse decides, which does not
move: a verb of saying with a speaker heading a clause of what is said ("X says (that) ...", "..., X
said."), or "according to X", is a cue; another word there is not a sure one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from claimgraph.yamlfiles import load_yaml

DECISION_FILE = "cue_decision.yaml"


@dataclass(frozen=True)
class CueDecision:
    decimals: int
    margin: float
    saying_verbs: frozenset[str]
    content_deps: frozenset[str]
    subject_deps: frozenset[str]

    def rounded(self, p: float) -> float:
        return round(p, self.decimals)

    def near(self, p: float, threshold: float) -> bool:
        """Whether a (rounded) score lies within the margin of ``threshold``, where the encoder's last bits
        may put it on either side."""
        return abs(p - threshold) < self.margin

    def at_least(self, p: float, threshold: float, word) -> bool:
        """``p >= threshold``, decided by the parse (``says``) where ``p`` is near the threshold."""
        return self.says(word) if self.near(p, threshold) else p >= threshold

    def keeps(self, probability: Callable[[float], float], p: float, threshold: float, word) -> bool:
        """Whether ``probability`` (of a cue score: the reranker's, rising with the score) reaches
        ``threshold`` at the rounded score ``p``; where it would not reach it at ``p`` moved by the margin
        one way but would the other, the parse decides (``says``)."""
        low = probability(max(p - self.margin, 0.0)) >= threshold
        high = probability(min(p + self.margin, 1.0)) >= threshold
        return low if low == high else self.says(word)

    def says(self, t) -> bool:
        """Whether the parse makes word ``t`` a cue of reported speech: a verb of saying (not an
        auxiliary) with a subject and a clause of what is said among its children, or "according" with
        "to" and its object."""
        if t.lower_ == "according":
            return any(c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children) for c in t.children)
        if not t.tag_.startswith("VB") or t.lower_ not in self.saying_verbs or t.dep_ in ("aux", "auxpass"):
            return False
        deps = {c.dep_ for c in t.children}
        return bool(deps & self.content_deps) and bool(deps & self.subject_deps)


@functools.cache
def load_decision(language: str = "en") -> CueDecision:
    path = resources.files("claimgraph") / "data" / "claims" / language / DECISION_FILE
    data = load_yaml(path.read_text(encoding="utf-8"))
    return CueDecision(
        decimals=int(data["decimals"]),
        margin=float(data["margin"]),
        saying_verbs=frozenset(w.lower() for w in data["saying_verbs"]),
        content_deps=frozenset(data["content_deps"]),
        subject_deps=frozenset(data["subject_deps"]),
    )
