"""The second look at a cue of the learned attribution: is this candidate, with the source and content
the role head found for it, an attribution?

The cue head (attribution_model.py) scores each word alone; whether the sentence has a speaker for it and
something said is decided later, by fixed gates (a threshold for words the lexicons do not list, a higher
one without a source, the speaker check). On held-out PolNeAR train texts most missed cues are words the
cue head scores 0.1-0.3, and a third of the wrong ones sit inside another attribution's content (PolNeAR
marks no nested cue). This head reads the whole candidate: the cue score, the lexicons, the cue's word
class and place in the parse, whether it found a source that can speak, the content's size and side,
quotation marks, and whether the cue lies inside a surer candidate's content. A logistic regression
over these few dense features, trained by scripts/train_attribution_rerank.py on the candidates of a
held-out slice of PolNeAR train decoded by a model fitted on the rest (so that its cue scores look as
they will on unseen text); numpy only at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import ClaimgraphError

RERANK_NAME = "attribution_rerank"
_HEAD_DEPS = ("ROOT", "ccomp", "advcl", "conj", "xcomp", "relcl", "acl", "pcomp", "parataxis", "prep", "pobj")
_CLASSES = ("report", "belief", "deny", "dispute")


@dataclass
class Candidate:
    """One cue of a sentence and the attribution decoded for it (``attribution``), before the decision."""

    unit: list[int]
    head: object  # the cue's head word (a spaCy token)
    attribution: object  # attribution.Attribution
    score: float  # the cue head's highest score over the cue's words
    sure: bool  # a word of the cue reached the cue head's threshold
    listed: bool  # a word of the cue is in the cue lexicons
    source_p: float  # the role head's mean probability of the source words chosen (0 without)
    content_p: float  # the same for the content words
    source_head: object | None  # the source's top word
    speaker_like: bool
    nested: bool = False  # inside a surer candidate's content


def features(c: Candidate, sdoc, quotes: list[int], candidates: int) -> dict[str, float]:
    """The candidate's features by name (absent = 0)."""
    att, head = c.attribution, c.head
    logit = math.log(max(c.score, 1e-4) / max(1.0 - c.score, 1e-4))
    f = {
        "bias": 1.0,
        "logit": logit,
        "sure": float(c.sure),
        "listed": float(c.listed),
        "logit|listed": logit * c.listed,
        f"class={att.cue_class if att.cue_class in _CLASSES else 'other'}": 1.0,
        f"kind={att.kind}": 1.0,
        f"tag={_tag(head)}": 1.0,
        f"dep={head.dep_ if head.dep_ in _HEAD_DEPS else 'other'}": 1.0,
        "words": min(len(c.unit), 6) / 6,
        "source": float(att.source_start is not None),
        "source_p": c.source_p,
        "content_p": c.content_p,
        "speaker_like": float(c.speaker_like and att.source_start is not None),
        "content_long": min(att.content_end - att.content_start, 400) / 400,
        "content_before": float(att.content_start < att.cue_start),
        "in_quotes": float(quotes[head.i] > 0),
        "quotes": float(any(quotes)),
        "nested": float(c.nested),
        "embedded": float(att.embedded),
        "candidates": min(candidates, 6) / 6,
    }
    if c.source_head is not None:
        f[f"source={_kind(c.source_head)}"] = 1.0
    return f


def _tag(t) -> str:
    if t.text == ":":
        return "colon"
    for prefix in ("VB", "NN", "JJ"):
        if t.tag_.startswith(prefix):
            return t.tag_ if prefix == "VB" else prefix
    return "other"


def _kind(t) -> str:
    if t.tag_ in ("PRP", "PRP$", "WP"):
        return "pron"
    if t.tag_ in ("NNP", "NNPS") or t.text[:1].isupper():
        return "name"
    if t.tag_.startswith("NN"):
        return "noun"
    return "other"


def mark_nested(candidates: list[Candidate]) -> None:
    """Mark each candidate whose cue lies inside the content of a candidate with a higher cue score."""
    for c in candidates:
        a = c.attribution
        c.nested = any(
            o is not c and o.score > c.score and o.attribution.content_start <= a.cue_start < o.attribution.content_end
            for o in candidates
        )


class Reranker:
    def __init__(self, weights: dict[str, float], threshold: float, floor: float):
        self.weights, self.threshold, self.floor = weights, threshold, floor

    @classmethod
    def load(cls, directory: Path) -> Reranker | None:
        """The reranker of ``directory``, or None where it has none (the fixed gates decide)."""
        path = directory / f"{RERANK_NAME}.json"
        if not path.is_file():
            return None
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                {k: float(v) for k, v in meta["weights"].items()}, float(meta["threshold"]), float(meta["floor"])
            )
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise ClaimgraphError(f"{path}: cannot read the cue reranker: {exc}") from exc

    def probability(self, f: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
