"""Reading PolNeAR attributions (brat standoff) and scoring attribution spans against them.

PolNeAR (``datasets/polnear/{train,dev}``): ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``
with Source/Cue/Content text-bound spans joined by Attribution events. Where a text has two
annotators, the alphabetically first annotation file is used, always.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.claims.attribution import Attribution
from claimgraph.nlp.tokens import WORD_OR_MARK

from .metrics import prf

ROLES = ("Source", "Cue", "Content")
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    source: Spans
    cue: Spans
    content: Spans


@dataclass
class Annotated:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _spans(field_: str) -> Spans:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in field_.split(";")))


def read_ann(text: str) -> list[GoldAttribution]:
    """Attributions of one .ann file; raises ValueError naming the line when it is not brat standoff."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if line.startswith("T"):
            if len(parts) < 2 or " " not in parts[1]:
                raise ValueError(f"line {n}: not a brat text-bound annotation")
            kind, offsets = parts[1].split(" ", 1)
            try:
                spans[parts[0]] = (kind, _spans(offsets))
            except ValueError:
                raise ValueError(f"line {n}: bad offsets {offsets!r}") from None
        elif line.startswith("E"):
            events.append(parts[1] if len(parts) > 1 else "")
    out = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for arg in event.split()[1:]:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            if role in ROLES and ref in spans:
                roles[role].extend(spans[ref][1])
        if roles.get("Cue"):
            out.append(GoldAttribution(tuple(roles["Source"]), tuple(roles["Cue"]), tuple(roles["Content"])))
    return out


def load_split(split_dir: Path, errors: list[str] | None = None) -> list[Annotated]:
    """Every annotated text of a split, one annotator per text (the alphabetically first).

    A file that cannot be read is left out; ``errors`` (when given) gets one line naming it and why."""
    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    docs = []
    for name, ann in sorted(chosen.items()):
        text_path = split_dir / "text" / f"{name}.txt"
        if not text_path.is_file():
            continue
        try:
            docs.append(
                Annotated(name, text_path.read_text(encoding="utf-8"), read_ann(ann.read_text(encoding="utf-8")))
            )
        except (ValueError, UnicodeDecodeError) as exc:
            if errors is not None:
                errors.append(f"{ann}: {exc}")
    return docs


@dataclass(frozen=True)
class Score:
    name: str
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return prf(self.tp, self.predicted, self.gold)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.predicted, self.gold)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.predicted, self.gold)[2]


def _token_set(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the word tokens (punctuation excluded) that overlap any of ``spans``."""
    out: set[int] = set()
    for s, e in spans:
        for m in WORD_OR_MARK.finditer(text, s, e):
            if m.group(0)[0].isalnum():
                out.add(m.start())
    return out


def _predicted_spans(att: Attribution) -> dict[str, Spans]:
    source = ((att.source_start, att.source_end),) if att.source_start is not None else ()
    return {
        "Source": source,
        "Cue": ((att.cue_start, att.cue_end),),
        "Content": ((att.content_start, att.content_end),),
    }


def _overlap(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _same(text: str, a: Spans, b: Spans) -> bool:
    """Equal spans once quotes, punctuation and spaces at their edges are ignored."""

    def norm(spans: Spans) -> tuple:
        return tuple(sorted(_token_set(text, list(spans))))

    return norm(a) == norm(b)


def score(docs: list[Annotated], predictions: list[list[Attribution]]) -> list[Score]:
    """Token-level P/R/F1 for source, cue and content; attribution-level exact and partial match.

    Token level: a word token counts for a role when it overlaps a span of that role (over the
    whole text). Attribution level: a predicted attribution matches a gold one (one-to-one, greedy in
    text order) *partially* when their cues and their contents overlap, *exactly* when source, cue
    and content cover the same word tokens.
    """
    tp = {r: 0 for r in ROLES}
    n_pred = {r: 0 for r in ROLES}
    n_gold = {r: 0 for r in ROLES}
    exact = partial = n_pred_att = n_gold_att = 0
    for doc, preds in zip(docs, predictions):
        pred_spans = [_predicted_spans(a) for a in preds]
        for role in ROLES:
            gold_tokens = _token_set(doc.text, [s for g in doc.attributions for s in getattr(g, role.lower())])
            pred_tokens = _token_set(doc.text, [s for p in pred_spans for s in p[role]])
            tp[role] += len(gold_tokens & pred_tokens)
            n_pred[role] += len(pred_tokens)
            n_gold[role] += len(gold_tokens)
        n_pred_att += len(preds)
        n_gold_att += len(doc.attributions)
        taken_exact: set[int] = set()
        taken_partial: set[int] = set()
        for p in pred_spans:
            for k, g in enumerate(doc.attributions):
                if k in taken_partial or not _overlap(p["Cue"], g.cue):
                    continue
                if g.content and not _overlap(p["Content"], g.content):
                    continue
                taken_partial.add(k)
                partial += 1
                if (
                    k not in taken_exact
                    and _same(doc.text, p["Cue"], g.cue)
                    and _same(doc.text, p["Content"], g.content)
                    and _same(doc.text, p["Source"], g.source)
                ):
                    taken_exact.add(k)
                    exact += 1
                break
    scores = [Score(role.lower(), tp[role], n_pred[role], n_gold[role]) for role in ROLES]
    scores.append(Score("attribution exact", exact, n_pred_att, n_gold_att))
    scores.append(Score("attribution partial", partial, n_pred_att, n_gold_att))
    return scores
