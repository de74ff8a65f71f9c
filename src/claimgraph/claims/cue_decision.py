"""Cue decisions of the learned attribution that do not tip between machines (data/claims/en/cue_decision.yaml).

The cue head's scores come from the int8 MiniLM encoder's token states, whose last bits move with the
CPU's int8 and BLAS kernels: a score a hundredth from a threshold may fall on either side of it on
another machine, and with it an attribution, a claim and a dispute. Rounding or a margin band around the
threshold only moves the point where a score tips (bench/attribution_stability.py: with a 0.05 band as
many attributions moved with the scores shifted by a hundredth as without it). What does not move is the
parse: a verb of saying with a speaker heading a clause of what is said ("X says (that) ...", "..., X
said."), or "according to X", not itself inside what another such verb says, is a sure cue whatever its
score (the reranker still decides its candidate: forcing the reranker too kept no more decisions across
machines and cost held-out train F1). Other words are decided by their rounded scores as before.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from claimgraph.yamlfiles import load_yaml

DECISION_FILE = "cue_decision.yaml"


@dataclass(frozen=True)
class CueDecision:
    decimals: int
    saying_verbs: frozenset[str]
    according: frozenset[str]  # the words of "according to X", with "to" and its object a cue by the parse
    content_deps: frozenset[str]
    subject_deps: frozenset[str]

    def rounded(self, p: float) -> float:
        return round(p, self.decimals)

    def at_least(self, p: float, threshold: float, word) -> bool:
        """``p >= threshold``, or a cue by the parse (``says``) whatever ``p``."""
        return self.says(word) or p >= threshold

    def says(self, t) -> bool:
        """Whether the parse makes word ``t`` a cue of reported speech (``speaks``) outside what another
        such cue says (PolNeAR marks no cue inside another's content; the cue head learned that)."""
        if not self.speaks(t):
            return False
        while t.head.i != t.i:
            t = t.head
            if self.speaks(t):
                return False
        return True

    def speaks(self, t) -> bool:
        """A verb of saying (not an auxiliary) with a subject and a clause of what is said among its
        children, or "according" with "to" and its object."""
        if t.lower_ in self.according:
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
        saying_verbs=frozenset(w.lower() for w in data["saying_verbs"]),
        according=frozenset(w.lower() for w in data["according"]),
        content_deps=frozenset(data["content_deps"]),
        subject_deps=frozenset(data["subject_deps"]),
    )
