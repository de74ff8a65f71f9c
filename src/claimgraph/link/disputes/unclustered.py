"""Counts no event cluster joins: two reports' figures of one measured thing, compared by what they say.

An event's tolls are compared within its cluster (``values.event_values``), but a report that gives no
date forms no cluster (co-reference needs a day), and a count the events stage ties to no event ("four
suspects were arrested at the border") has none: their figures were never compared (issue 16.2,
"quantity claims about the same measured thing grouped by subject, measure and time"). Here each such
figure of an event measure (killed, injured, abducted, arrested, displaced, casualties) is compared with
the others of its measure that share a name with its sentence (``keys``: the capitalised words inside
it and its linked actors; a name most of a run's figures hold blocks nothing), and two of them conflict
when their intervals are disjoint (``figures._disjoint``: victim groups as in events), two voices give
them, and their sentences with the numbers masked say the same thing: the propositions' claim vectors of
the masked sentences reach ``figure_similarity`` (data/models/disputes.yaml, chosen on the synthetic
train pairs of bench/data/figure_pairs.yaml by bench/quality_figure_pairs.py). Masking is what lets
"12 worshippers were killed when a suicide bomber struck the mosque" meet "31 worshippers died in the
suicide bombing at the mosque"; the gate is what keeps one group's two attacks apart.

A pair's block is ``u:`` + the measure + the longest name both sentences hold, so that later reports of
the same thing join the values stored there; within a block only related pairs (the same gate) count as
conflicts, and the score is the figures' one times the closest such pair's masked similarity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..embeddings import Embedder, EmbeddingCache
from ..propositions import PropositionConfig, vectors_of_claims
from .config import DisputeConfig
from .figures import _comparable, _disjoint, compare
from .tallies import is_tally
from .values import Value, _distinct, _figure_value

# A name more figures of one run hold than this blocks nothing: it is the run's subject, not a story.
COMMON_NAME = 40
# a capitalised word inside a sentence (after a lower-case word or punctuation): a name as the sentence
# writes it; a sentence's first word is as often a common word as a name
_NAME = re.compile(r"(?<=[a-z0-9,;:'’)]\s)([A-Z][\w'’-]{2,})")
_NUMBER = re.compile(r"\d[\d,.]*")
# a count of some besides others the sentence names ("X and three other Americans", "two more soldiers"):
# a part of a whole, not the whole another report gives
_PART = re.compile(r"\b(?:other|others|further|additional)\b|\bmore\b(?!\s+than)", re.IGNORECASE)


@dataclass
class Count:
    """One figure no cluster joins, as the comparison reads it."""

    value: Value
    keys: frozenset[str]  # the names (lower case) and linked actors of its sentence
    names: dict[str, str]  # key -> the name as written, for the block's label
    masked: str  # its sentence with its numbers masked


def masked_sentence(sentence: str, numbers: Sequence[str]) -> str:
    """``sentence`` without the number phrases it gives (``numbers``), nor any other digits: what is
    counted, by whom and where, not how many."""
    out = sentence
    for n in sorted(set(numbers), key=len, reverse=True):
        if n:
            out = out.replace(n, " ")
    return " ".join(_NUMBER.sub(" ", out).split())


def sentence_keys(sentence: str, actors: Sequence[str] = ()) -> tuple[frozenset[str], dict[str, str]]:
    names = {m.group(1).lower().rstrip("'’s"): m.group(1) for m in _NAME.finditer(sentence)}
    keys = {k for k in names if len(k) > 2} | set(actors)
    return frozenset(keys), {k: names.get(k, k) for k in keys}


def unclustered_counts(
    figure_rows: Sequence[dict], doc_ids: Sequence[str], clustered_docs: set[str], config: DisputeConfig, weights
) -> list[Count]:
    """The figures of ``doc_ids`` of an event measure that no event cluster joins: their event has no
    cluster, or they have no event, in a document with no clustered event (whose unclustered tolls
    ``values.event_values`` gives the event they refer back to). Denied, negated and hypothetical
    figures are no one's value (``values._figure_value``)."""
    wanted = set(doc_ids) - clustered_docs
    rows = [
        f
        for f in figure_rows
        if f["doc_id"] in wanted
        and f["cluster_id"] is None
        and f["measure"] in config.event_measures
        and not is_tally(f)  # a tally over a period is compared as one (tallies.py)
    ]
    numbers: dict[tuple[str, int], list[str]] = defaultdict(list)
    for f in figure_rows:
        numbers[(f["doc_id"], f["sentence_start"])].append(f["text"] or "")
    values = [(f, _figure_value(f, "", "", f["measure"], config, weights)) for f in _distinct(rows)]
    values = [
        (f, v)
        for f, v in values
        if v is not None and (f["sentence"] or "").strip() and not _PART.search(f["text"] or "")
    ]
    # a sentence giving two counts of one measure that cannot both be true ("the woman and child detained
    # about 10 days ago": one of them is no count of it, or a toll moved from one figure to another) says
    # no one count of that measure: compared as one, it would dispute itself across reports
    by_sentence: dict[tuple, list[Value]] = defaultdict(list)
    for f, v in values:
        by_sentence[(f["doc_id"], f["sentence_start"], f["measure"])].append(v)
    torn = {
        key for key, vs in by_sentence.items() if any(conflicting(a, b) for n, a in enumerate(vs) for b in vs[n + 1 :])
    }
    out = []
    for f, v in values:
        if (f["doc_id"], f["sentence_start"], f["measure"]) in torn:
            continue
        sentence = " ".join(f["sentence"].split())
        actors = [f["subject"]] if f["subject"] and f["subject"] in f["doc_actors"] else []
        keys, names = sentence_keys(sentence, actors)
        if keys:
            masked = masked_sentence(sentence, numbers[(f["doc_id"], f["sentence_start"])])
            out.append(Count(v, keys, names, masked))
    return out


def _voices(a: Value, b: Value) -> bool:
    """Two sources, or two named speakers of one report ("police said 12 ...; the group said 40")."""
    if a.source != b.source:
        return True
    named = a.claim_id and b.claim_id and a.speaker and b.speaker and a.speaker != a.source
    return bool(named) and (a.speaker_actor or a.speaker.lower()) != (b.speaker_actor or (b.speaker or "").lower())


def conflicting(a: Value, b: Value) -> bool:
    """Whether two values of one measure cannot both be true (disjoint intervals, groups as in events)."""
    if a.measure != b.measure or not _comparable(a, b):
        return False
    return _disjoint(a, b) or _disjoint(b, a)


def count_pairs(counts: Sequence[Count], vectors: np.ndarray, threshold: float) -> list[tuple[int, int, str, float]]:
    """(i, j, the longest name both hold, masked similarity) of each pair of counts that conflict, from
    two voices, sharing a name, whose masked sentences reach ``threshold``. Blocked by (measure, name)."""
    block: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(counts):
        for k in c.keys:
            block[(c.value.measure, k)].append(i)
    candidates = sorted({(i, j) for ids in block.values() if len(ids) <= COMMON_NAME for n, i in enumerate(ids)
                         for j in ids[n + 1 :]})  # fmt: skip
    out = []
    for i, j in candidates:
        a, b = counts[i], counts[j]
        if not conflicting(a.value, b.value) or not _voices(a.value, b.value):
            continue
        sim = float(vectors[i] @ vectors[j])
        if sim >= threshold:
            shared = [k for k in a.keys & b.keys if len(block[(a.value.measure, k)]) <= COMMON_NAME]
            out.append((i, j, min(shared, key=lambda k: (-len(k), k)), sim))
    return out


def masked_vectors(store, texts: Sequence[str], weights: PropositionConfig) -> np.ndarray:
    """The claim vectors of masked sentences, in the propositions' embedding mode (not through the store's
    sentence cache: a masked sentence is no sentence any later run reads again)."""
    modes = store.propositions.modes()
    cache = EmbeddingCache(Embedder(next(iter(modes)) if len(modes) == 1 else "fast"))
    return vectors_of_claims([{"text": t, "actors": []} for t in texts], cache, weights)


def unclustered_values(
    store, counts: Sequence[Count], config: DisputeConfig, weights: PropositionConfig
) -> tuple[list[str], list[Value]]:
    """(the blocks to recompute, the run's values in them): the counts of related conflicting pairs,
    each in block ``u:<measure>|<shared name>``. The caller adds the values stored there earlier."""
    if len(counts) < 2:
        return [], []
    # an order of what the figures say and where, never of ids (which hash the documents' paths)
    counts = sorted(counts, key=lambda c: (c.value.source, c.value.text or "", c.value.value, c.value.low or 0))
    vectors = masked_vectors(store, [c.masked for c in counts], weights)
    new: dict[tuple[str, int], Value] = {}
    for i, j, name, _ in count_pairs(counts, vectors, config.figure_similarity):
        block = f"u:{counts[i].value.measure}|{name}"
        for k in (i, j):
            if (block, k) not in new:
                c = counts[k]
                v = Value(**{**c.value.__dict__, "block": block, "label": c.names.get(name, name)})
                new[(block, k)] = v
    return sorted({b for b, _ in new}), list(new.values())


def unclustered_disputes(
    store, values: Sequence[Value], config: DisputeConfig, weights: PropositionConfig
) -> dict[tuple[str, str], tuple[list[Value], dict[str, Any]]]:
    """(block, measure) -> (its values, the dispute row's summary): ``figures.compare`` over the pairs
    whose masked sentences reach ``figure_similarity`` (a block gathers one name's counts, and only
    related ones conflict), its score times the closest such conflicting pair's similarity."""
    grouped: dict[tuple[str, str], list[Value]] = defaultdict(list)
    for v in values:
        v.role = "value"
        grouped[(v.block, v.measure)].append(v)
    items = sorted(grouped.items())
    texts = [masked_sentence(v.text or "", [v.value]) for _, vs in items for v in vs]
    vectors = masked_vectors(store, texts, weights) if texts else None
    out, at = {}, 0
    for key, vs in items:
        own = {id(v): vectors[at + n] for n, v in enumerate(vs)}
        at += len(vs)

        def sim(a: Value, b: Value, own=own) -> float:
            return float(own[id(a)] @ own[id(b)])

        summary = compare(vs, updates_allowed=True, related=lambda a, b, s=sim: s(a, b) >= config.figure_similarity)
        if summary["conflict"]:
            best = max(
                (sim(a, b) for n, a in enumerate(vs) for b in vs[n + 1 :] if conflicting(a, b) and _voices(a, b)),
                default=0.0,
            )
            best = best if best >= config.figure_similarity else 0.0
            score = round(summary["score"] * best, 6)
            summary["why"] += f"; x closest masked similarity {best:.2f} = {score:.2f}"
            summary["score"] = score
        out[key] = (vs, summary)
    return out
