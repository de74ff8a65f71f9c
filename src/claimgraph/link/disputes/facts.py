"""Disputed facts outside events: two sources give one person's fate or family tie values that cannot
both be true ("X was killed in the strike" / "X survived the strike"; "the son of X" / "the nephew of X").

Compared as figures are, by value slots, never by phrases of any corpus: the slots and their value
classes are data (data/models/fact_slots.yaml, written from general knowledge). A claim gives a slot's
value when its words name exactly one of the slot's classes. Two affirmed claims from two voices
that share a subject (a name written inside both sentences, or a linked actor) and give values the
slot's ``exclusive`` pairs are a dispute when the rest of the two claims, the value words masked,
say the same thing: the combined similarity of the masked claims (the propositions' claim vectors)
reaches ``fact_similarity`` (data/models/disputes.yaml, chosen on the synthetic train pairs of
bench/data/fact_pairs.yaml by bench/quality_facts.py). Masking is what lets "was killed in the
strike" and "survived the strike" meet: unmasked, the value words pull the two apart.

A life status inside a claim that holds a number is left to the figures ("the strike killed 30
people" counts a group; it states no one's fate).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ...errors import ClaimgraphError
from ...nlp.quantities import find_quantities
from ..contested import claim_weight
from ..embeddings import Embedder, StoreEmbeddingCache
from ..propositions import PropositionConfig, source_key, vectors_of_claims
from .config import DisputeConfig
from .denials import _keys, _same_voice, _two_voices
from .figures import categorical, voice
from .values import Value

SLOTS_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "fact_slots.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# slots whose value is a person's state, which a count of people states for no one in particular
_COUNTED = frozenset({"life status"})


@dataclass(frozen=True)
class Slot:
    name: str
    pattern: re.Pattern  # every phrase of every class, longest first; the class by the matched text
    class_of: dict[str, str]  # phrase (lower case) -> class
    exclusive: frozenset[frozenset[str]]

    def values(self, text: str) -> tuple[str | None, list[tuple[int, int]]]:
        """(the value ``text`` gives, the spans naming it), (None, []) for none. The value is the class
        the text names, or the classes joined by "+" where it names several that can all hold at once
        ("was wounded but survived"); none where two of them exclude each other ("killed or captured")."""
        found = [(self.class_of[m.group(0).lower()], m.span()) for m in self.pattern.finditer(text)]
        classes = sorted({c for c, _ in found})
        if not classes or any(self.conflict(a, b) for a in classes for b in classes if a < b):
            return None, []
        return "+".join(classes), [span for _, span in found]

    def conflict(self, a: str, b: str) -> bool:
        """Whether values ``a`` and ``b`` (a class, or classes joined by "+") cannot both be true."""
        return any(frozenset((x, y)) in self.exclusive for x in a.split("+") for y in b.split("+"))


def _slot(name: str, spec: dict) -> Slot:
    class_of = {str(p).lower(): cls for cls, phrases in spec["classes"].items() for p in phrases}
    phrases = sorted(class_of, key=lambda p: (-len(p), p))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])", re.IGNORECASE)
    classes = sorted(spec["classes"])
    if spec["exclusive"] == "all":
        pairs = {frozenset((a, b)) for a in classes for b in classes if a != b}
    else:
        pairs = {frozenset(p) for p in spec["exclusive"]}
        unknown = {c for p in pairs for c in p} - set(classes)
        if unknown or any(len(p) != 2 for p in pairs):
            raise ValueError(f"slot {name!r}: exclusive pairs must name two of its classes ({sorted(unknown)})")
    return Slot(name, pattern, class_of, frozenset(pairs))


@lru_cache(maxsize=4)
def load_slots(path: Path = SLOTS_PATH) -> tuple[Slot, ...]:
    """The fact slots of ``path`` (read once per process: the file is package data)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        return tuple(_slot(name, spec) for name, spec in data["slots"].items())
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ClaimgraphError(f"{path}: cannot read the fact slots: {exc!r}") from exc


def slot_values(text: str, slots: Sequence[Slot], *, counted: bool) -> list[tuple[Slot, str, str]]:
    """(slot, class, the text with the value words masked) of each slot ``text`` gives one value of.
    ``counted``: the claim holds a number, so a life status there is a count's, not a person's."""
    out = []
    for slot in slots:
        if counted and slot.name in _COUNTED:
            continue
        cls, spans = slot.values(text)
        if cls is None:
            continue
        out.append((slot, cls, _masked(text, spans)))
    return out


def is_counted(claim: dict) -> bool:
    """Whether a claim holds a count ("30 people", "three soldiers"; a date is none): the claims stage's
    quantities, found here for a bare text."""
    if "quantities" in claim:
        return bool(claim["quantities"])
    return bool(find_quantities(claim.get("text") or ""))


@dataclass
class _Held:
    claim: dict
    slot: Slot
    cls: str
    keys: set[str]
    source: str


def fact_values(
    store,
    run_claims: Sequence[dict],
    config: DisputeConfig,
    weights: PropositionConfig,
) -> tuple[list[str], list[Value]]:
    """(the blocks to recompute, the run's values in them): the run's affirmed claims that give a
    slot's value, paired across voices as the module says; each pair's block is ``f:`` and the subject
    the two share that fewest of the run's claims hold (a name, or a linked actor). The caller keeps
    the values stored earlier in those blocks, so that a dispute grows as reports arrive."""
    slots = load_slots()
    held: list[_Held] = []
    masked_rows = []
    for c in run_claims:
        if c.get("stance") != "affirms":
            continue
        for slot, cls, masked in slot_values(c["text"] or "", slots, counted=is_counted(c)):
            held.append(_Held(c, slot, cls, _keys(c), source_key(c)))
            masked_rows.append({"text": masked, "actors": []})  # as the stored values are compared
    if len(held) < 2:
        return [], []
    holders: dict[str, int] = defaultdict(int)
    for c in run_claims:
        for k in _keys(c):
            holders[k] += 1
    pairs = _pairs(held, _masked_vectors(store, masked_rows, weights), holders, config)
    new: dict[tuple[str, str, str], Value] = {}
    for block, label, a, b in pairs:
        for h in (a, b):
            key = (block, h.slot.name, h.claim["claim_id"])
            if key not in new:
                new[key] = _value(h, block, label, weights)
    return sorted({block for block, *_ in pairs}), list(new.values())


def fact_disputes(
    store, values: Sequence[Value], config: DisputeConfig, weights: PropositionConfig
) -> dict[tuple[str, str], tuple[list[Value], dict[str, Any]]]:
    """(block, slot) -> (its values, the dispute row's summary). The summary is the categorical one
    (``figures.categorical``: accounts, firmness, sources against the commonest account) with its score
    multiplied by the masked similarity of the closest two values that conflict from two voices, as an
    affirmation and a denial are scored by theirs: how surely the two speak of the same thing."""
    by_name = {s.name: s for s in load_slots()}
    grouped: dict[tuple[str, str], list[Value]] = defaultdict(list)
    for v in values:
        if v.measure in by_name:
            v.role = "value"
            grouped[(v.block, v.measure)].append(v)
    masked = [_masked_text(v.text or "", by_name[v.measure]) for vs in grouped.values() for v in vs]
    vectors = _masked_vectors(store, [{"text": t, "actors": []} for t in masked], weights) if masked else None
    out, at = {}, 0
    for key, vs in sorted(grouped.items()):
        slot = by_name[key[1]]
        own = vectors[at : at + len(vs)]
        at += len(vs)
        summary = categorical(vs, lambda a, b, slot=slot: not slot.conflict(a.key or "", b.key or ""))
        sims = [
            float(own[i] @ own[j])
            for i, a in enumerate(vs)
            for j in range(i + 1, len(vs))
            if slot.conflict(a.key or "", vs[j].key or "") and voice(a) != voice(vs[j])
        ]
        sim = max(sims, default=0.0)
        if summary["conflict"]:
            score = round(summary["score"] * sim, 6)
            summary["why"] += f"; x closest masked similarity {sim:.2f} = {score:.2f}"
            summary["score"] = score
        out[key] = (vs, summary)
    return out


def _masked_text(text: str, slot: Slot) -> str:
    _, spans = slot.values(text)
    return _masked(text, spans)


def _masked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    parts, end = [], 0
    for start, stop in spans:
        parts.append(text[end:start])
        end = stop
    parts.append(text[end:])
    return " ".join("".join(parts).split())


def _pairs(
    held: list[_Held], vectors: np.ndarray, holders: dict[str, int], config: DisputeConfig
) -> list[tuple[str, str, _Held, _Held]]:
    """(block, label, a, b) of each pair of claims giving exclusive values of one slot
    from two voices about a shared subject, whose masked similarity reaches ``fact_similarity``."""
    sims = np.einsum("ij,kj->ik", vectors, vectors)
    out = []
    for i, a in enumerate(held):
        for j in range(i + 1, len(held)):
            b = held[j]
            if a.slot.name != b.slot.name or not a.slot.conflict(a.cls, b.cls):
                continue
            shared = a.keys & b.keys
            if not shared or sims[i, j] < config.fact_similarity:
                continue
            if a.source == b.source and not _two_voices(a.claim, b.claim, config):
                continue
            if _same_voice(a.claim, b.claim, config):
                continue
            subject = min(shared, key=lambda k: (holders.get(k, 0), k))
            out.append((f"f:{subject}", _display(subject, a.claim, b.claim), a, b))
    return out


_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:al|bin|ibn|de|del|da|van|von)[- ])?[A-Z][\w'’-]*)*")


def _display(key: str, *claims: dict) -> str:
    """The subject as a sentence writes it: the run of capitalised words holding the key ("Ahmed
    Diriye" for "diriye"); an actor id as it is."""
    for c in claims:
        for m in _NAME_RUN.finditer(c.get("text") or ""):
            if key in {w.lower() for w in re.findall(r"[\w'’-]+", m.group(0))}:
                return m.group(0)
    return key


def _masked_vectors(store, rows: list[dict], weights: PropositionConfig) -> np.ndarray:
    modes = store.propositions.modes()
    cache = StoreEmbeddingCache(Embedder(next(iter(modes)) if len(modes) == 1 else "fast"), store)
    return vectors_of_claims(rows, cache, weights)


def _value(h: _Held, block: str, label: str, weights: PropositionConfig) -> Value:
    c = h.claim
    return Value(
        block=block,
        label=label,
        measure=h.slot.name,
        group=None,
        doc_id=c["doc_id"],
        source=h.source,
        value=h.cls,
        key=h.cls,
        speaker=c["speaker_text"] or c.get("author") or h.source,
        speaker_actor=c["speaker_actor"],
        cue=c["cue"],
        sentence_start=c["start"],
        sentence_end=c["end"],
        text=" ".join((c["text"] or "").split()),
        date=c["doc_date"],
        status=c["status"],
        polarity=c["polarity"],
        firmness=claim_weight(c, weights),
        claim_id=c["claim_id"],
    )
