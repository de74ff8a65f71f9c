"""Disputed facts outside events: two sources give one person's fate or family tie values that cannot
both be true ("X was killed in the strike" / "X survived the strike"; "the son of X" / "the nephew of X").

Compared as figures are, by value slots, never by phrases of any corpus: the slots and their value
classes are data (data/models/fact_slots.yaml, written from general knowledge). A claim's mentions of
a slot's classes are grouped by the name each is said of (``holder``: the names within
``fact_holder_words`` words, not the speaker's, not a place's or a day's); a group gives one value
(classes that can all hold are joined, "alive+injured"; exclusive ones give none), and a negation
right before a value word denies it ("not:dead"). Two claims from two voices that give values of one
slot that cannot both be true, said of one name, are a dispute when the rest of the two claims, the
value words masked, say the same thing: the combined similarity of the masked claims (the
propositions' claim vectors) reaches ``fact_similarity`` (data/models/disputes.yaml; both chosen on
the synthetic train pairs of bench/data/fact_pairs.yaml by bench/quality_facts.py).

A life status inside a claim that holds a number is left to the figures ("the strike killed 30
people" counts a group; it states no one's fate).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ...errors import ClaimgraphError
from ...nlp.quantities import find_quantities
from ...yamlfiles import load_yaml
from ..contested import claim_weight
from ..embeddings import Embedder, EmbeddingCache
from ..propositions import PropositionConfig, source_key, vectors_of_claims
from .config import DisputeConfig
from .denials import _same_voice, _two_voices, claim_value, one_outlet
from .figures import categorical, voice
from .rejections import rejected_values
from .values import Value

SLOTS_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "fact_slots.yaml"
# slots whose value is a person's state, which a count of people states for no one in particular
_COUNTED = frozenset({"life status"})


_WORD = re.compile(r"\w+")
NOT = "not:"  # a value a negative claim denies ("he is not dead")


@dataclass(frozen=True)
class Slot:
    name: str
    pattern: re.Pattern  # every phrase of every class, longest first; the class by the matched text
    class_of: dict[str, str]  # phrase (lower case) -> class
    exclusive: frozenset[frozenset[str]]
    negation: re.Pattern  # a negation right before a value word denies it ("is not dead")
    first_words: frozenset[str]  # the first word of every phrase
    # nouns naming a value of someone written as their possessor ("X's death", "the arrest of X"),
    # read over the parse only (rejections.py): alone, "death" is as often a threat's or a toll's
    nouns: dict[str, str] = field(default_factory=dict)
    fate: bool = False  # its values are the fate of an act's object ("killed X"): rejections.py
    tie: bool = False  # its values tie two people ("his wife"): a pronoun in one may be either (rejections.py)

    def negated(self, text: str, start: int) -> bool:
        return bool(self.negation.search(text[max(start - 40, 0) : start]))

    def mentions(self, text: str, words: frozenset[str] | None = None) -> list[tuple[str, tuple[int, int]]]:
        """(value, span) of each phrase of the slot's classes in ``text``: the class, or NOT + the class
        where a negation stands right before it. ``words``: ``text``'s words in lower case (``words_of``),
        where the caller asks every slot of one text."""
        if self.first_words.isdisjoint(words_of(text) if words is None else words):
            return []  # most claims name no value: a set test spares them the long alternation
        out = []
        for m in self.pattern.finditer(text):
            cls = self.class_of[m.group(0).lower()]
            out.append((NOT + cls if self.negated(text, m.start()) else cls, m.span()))
        return out

    def conflict(self, a: str, b: str) -> bool:
        """Whether values ``a`` and ``b`` cannot both be true. A value is one part or several joined by
        "+" that hold at once ("injured+alive"); a part is a class or NOT + a class (a denied class,
        "not:dead", which only that class contradicts)."""
        return any(self._parts_conflict(x, y) for x in a.split("+") for y in b.split("+"))

    def _parts_conflict(self, x: str, y: str) -> bool:
        if x.startswith(NOT) or y.startswith(NOT):
            return x.startswith(NOT) != y.startswith(NOT) and x.removeprefix(NOT) == y.removeprefix(NOT)
        return frozenset((x, y)) in self.exclusive

    def consistent(self, parts: set[str]) -> bool:
        return not any(self._parts_conflict(x, y) for x in parts for y in parts if x < y)


def words_of(text: str) -> frozenset[str]:
    """``text``'s words in lower case: what ``Slot.mentions`` tests before its phrases."""
    return frozenset(_WORD.findall(text.lower()))


def _slot(name: str, spec: dict, negation: re.Pattern) -> Slot:
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
    first_words = frozenset(_WORD.findall(p)[0] for p in class_of)
    nouns = {str(n).lower(): cls for cls, found in (spec.get("nouns") or {}).items() for n in found}
    if set(nouns.values()) - set(classes):
        raise ValueError(f"slot {name!r}: nouns of unknown classes {sorted(set(nouns.values()) - set(classes))}")
    flags = bool(spec.get("fate")), bool(spec.get("tie"))
    return Slot(name, pattern, class_of, frozenset(pairs), negation, first_words, nouns, *flags)


@lru_cache(maxsize=4)
def load_slots(path: Path = SLOTS_PATH) -> tuple[Slot, ...]:
    """The fact slots of ``path`` (read once per process: the file is package data)."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        negation = _negation(data["negations"])
        return tuple(_slot(name, spec, negation) for name, spec in data["slots"].items())
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ClaimgraphError(f"{path}: cannot read the fact slots: {exc!r}") from exc


def _negation(words: Sequence[str]) -> re.Pattern:
    """A negation, then at most two words ("not been", "never actually"), right before a value. A
    contraction ("n't") ends a word ("hasn't"); any other negation is a word of its own."""
    ordered = sorted(words, key=len, reverse=True)
    whole = "|".join(re.escape(w) for w in ordered if "'" not in w)
    endings = "|".join(re.escape(w).replace("'", "['’]") for w in ordered if "'" in w)
    either = f"(?<![\\w-])(?:{whole})" + (f"|(?:{endings})" if endings else "")
    return re.compile(rf"(?:{either})(?:\s+[\w'’-]+){{0,2}}\s+$", re.IGNORECASE)


def slot_values(text: str, slots: Sequence[Slot], *, counted: bool) -> list[tuple[Slot, str, str]]:
    """(slot, value, the text with the slot's value words masked) of each slot whose mentions in ``text``
    can all hold at once (a claim naming "killed or captured" gives none), whoever they are said of.
    ``counted``: the claim holds a number, so a life status there is a count's, not a person's."""
    out = []
    for slot in _slots_of(slots, counted):
        found = slot.mentions(text)
        parts = {v for v, _ in found}
        if parts and slot.consistent(parts):
            out.append((slot, "+".join(sorted(parts)), _masked(text, [span for _, span in found])))
    return out


def _slots_of(slots: Sequence[Slot], counted: bool) -> list[Slot]:
    return [s for s in slots if not (counted and s.name in _COUNTED)]


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
    value: str  # a class, classes joined by "+", or NOT + a class
    holder: tuple[str, frozenset[str]]  # the name the value is said of (``holder``)
    source: str


# a run of capitalised words (with name particles): a name as a sentence writes it
_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:al|bin|ibn|de|del|da|van|von)[- ])?[A-Z][\w'’-]*)*")
# a name right after a locative preposition is a place
_PLACE_BEFORE = re.compile(
    r"\b(?:in|on|near|at|outside|inside|from|across|around|into|to|towards|since|until|of the town of|"
    r"of the city of|of the village of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "del", "da", "van", "von", "the"})


def holder(
    text: str, spans: Sequence[tuple[int, int]], *, max_words: int, speaker: tuple[int, int] | None = None
) -> tuple[str, frozenset[str]] | None:
    """(the name the value is said of, the words of every name it may be said of): the names written
    with at most ``max_words`` words between them and the value words ("X was killed", "the son of the
    commander X"; in "a woman detained in Y is the wife of X" the detention is not X's), neither the
    claim's speaker (``speaker``: its span in ``text``) nor a place or a day (after a preposition of
    place or time); the nearest first. Two claims dispute a value only when said of one name. None
    where no name is that close: the value is said of someone unnamed."""
    found = []
    for m in _NAME_RUN.finditer(text):
        if speaker is not None and speaker[0] <= m.start() < speaker[1]:
            continue
        if _PLACE_BEFORE.search(text[max(m.start() - 40, 0) : m.start()]):
            continue  # "killed in Y", "arrested on Monday": where or when, not whom
        between = min(_words_between(text, m.span(), span) for span in spans)
        words = name_words(m.group(0))
        if words and between <= max_words:
            found.append((between, m.group(0), words))
    if not found:
        return None
    return min(found)[1], frozenset().union(*(w for _, _, w in found))


def _words_between(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    lo, hi = (a[1], b[0]) if a[0] < b[0] else (b[1], a[0])
    return len(re.findall(r"\w+", text[lo:hi])) if hi > lo else 0


def claim_values(c: dict, slots: Sequence[Slot], config: DisputeConfig) -> list[tuple[Slot, str, str, tuple]]:
    """(slot, value, masked text, holder) of each value a claim gives of a named person: its slot's
    mentions grouped by the name nearest each (``holder``; a mention near no name is said of no one
    named, "the blast killed only farmers"); a group whose mentions cannot all hold gives none. A
    negation right before a value word denies it ("X is not dead"); a negation elsewhere in the claim
    (its polarity) does not touch it. A claim whose speaker rejects something (a denial status) gives
    the values its rejection governs, denied (``rejections.rejected_values``, over the parse); hedged
    and hypothetical claims give none."""
    text, out = c["text"] or "", []
    if c.get("status") in config.deny_statuses:
        return rejected_values(c, _slots_of(slots, is_counted(c)), config, negated=NOT, holder=holder, masked=_masked)
    if c.get("stance") not in ("affirms", "denies"):
        return out
    speaker = None
    if c.get("speaker_start") is not None and c.get("start") is not None:
        speaker = (c["speaker_start"] - c["start"], c["speaker_end"] - c["start"])
    words = words_of(text)
    for slot in _slots_of(slots, is_counted(c)):
        found = slot.mentions(text, words)
        if not found:
            continue
        masked = _masked(text, [span for _, span in found])
        groups: dict[str, list[tuple[str, tuple[int, int], frozenset[str]]]] = defaultdict(list)
        for value, span in found:
            who = holder(text, [span], max_words=config.fact_holder_words, speaker=speaker)
            if who is not None:
                groups[who[0]].append((value, span, who[1]))
        for name, group in sorted(groups.items()):
            parts = {v for v, _, _ in group}
            if slot.consistent(parts):
                out.append((slot, "+".join(sorted(parts)), masked, (name, frozenset().union(*(w for *_, w in group)))))
    return out


def name_words(name: str) -> frozenset[str]:
    """The words two mentions of one name share ("Abu Bakr al-Baghdadi's" -> bakr, baghdadi)."""
    return frozenset(w for w in (_bare(x) for x in re.split(r"[\s-]+", name)) if len(w) > 2 and w not in _PARTICLES)


def _bare(word: str) -> str:
    """A name's word without case or possessive ("Baghdadi's" -> "baghdadi")."""
    return re.sub(r"['’]s?$", "", word.lower())


def fact_values(
    store,
    run_claims: Sequence[dict],
    config: DisputeConfig,
    weights: PropositionConfig,
) -> tuple[list[str], list[Value]]:
    """(the blocks to recompute, the run's values in them): the run's claims that affirm or deny a
    slot's value, paired across voices as the module says; a pair's block is ``f:`` and the longest
    word of the name both values are said of. The caller keeps the values stored earlier in those
    blocks, so that a dispute grows as reports arrive."""
    slots = load_slots()
    per_claim: list[list | None] = []  # None: a rejection not read yet (its values need the parse)
    reach: dict[int, dict[tuple[str, str], set[str]]] = {}
    by_name = {s.name: s for s in slots}
    for n, c in enumerate(run_claims):
        if c.get("status") not in config.deny_statuses:
            per_claim.append(claim_values(c, slots, config))
        elif c.get("rejected_values") is not None:  # read over the parse by the claims stage, and stored
            per_claim.append(_stored_rejections(c["rejected_values"], by_name))
        else:  # a claim of a store made before migration 016
            reach[n] = _rejection_reach(c, slots, config)
            per_claim.append(None)
    # only a rejection some other claim may meet is parsed (the parser loads in ~1 s, a parse ~5 ms)
    keys: dict[tuple[str, str], list[tuple[int, set[str], str | None]]] = defaultdict(list)
    for n, found in enumerate(per_claim):
        if found is None:
            for key, parts in reach[n].items():
                keys[key].append((n, parts, None))
        for slot, value, masked, who in found or ():
            for w in who[1]:
                keys[(slot.name, w)].append((n, set(value.split("+")), masked))
    for n in reach:
        c = run_claims[n]
        met = {
            (key[0], masked)
            for key, parts in reach[n].items()
            for m, others, masked in keys[key]
            if m != n and _may_conflict(by_name[key[0]], parts, others) and _may_pair(c, run_claims[m], config)
        }
        if met and _similar_enough(store, c, met, by_name, config, weights):
            per_claim[n] = claim_values(c, slots, config)
        else:
            per_claim[n] = []
    found = [
        (_Held(c, slot, value, who, source_key(c)), masked)
        for c, values in zip(run_claims, per_claim)
        for slot, value, masked, who in values or ()
    ]
    if len(found) < 2:
        return [], []
    # in an order of what the claims say and who says them, never of their ids (which hash the documents'
    # paths): which value a claim keeps in a block, and the block's label, must not depend on where the
    # files lie
    found.sort(key=lambda f: (f[0].source, f[0].claim.get("doc_title") or "", f[0].claim.get("start") or 0,
                              f[0].slot.name, f[0].value, f[0].holder[0]))  # fmt: skip
    held = [h for h, _ in found]
    masked_rows = [{"text": masked, "actors": []} for _, masked in found]  # as the stored values are compared
    pairs = _pairs(held, _masked_vectors(store, masked_rows, weights), config)
    labels: dict[str, str] = {}
    for block, label, _, _ in pairs:  # the longest name a block's pairs are said of
        labels[block] = max(labels.get(block, ""), label, key=lambda n: (len(n), n))
    new: dict[tuple[str, str, str], Value] = {}
    for block, _, a, b in pairs:
        for h in (a, b):
            key = (block, h.slot.name, h.claim["claim_id"])
            if key not in new:
                new[key] = _value(h, block, labels[block], weights)
    return sorted(labels), list(new.values())


def _stored_rejections(stored: Sequence[dict], by_name: dict[str, Slot]) -> list[tuple[Slot, str, str, tuple]]:
    """A rejection's values as ``claim_values`` gives them, from what the claims stage stored
    (``rejections.with_rejections``: the same reading, made in the worker)."""
    return [
        (by_name[v["slot"]], v["value"], v["masked"], (v["holder"], frozenset(v["holder_words"])))
        for v in stored
        if v["slot"] in by_name
    ]


def _may_pair(a: dict, b: dict, config: DisputeConfig) -> bool:
    """Whether values of claims ``a`` and ``b`` may be paired: from two voices, as ``_pairs`` asks."""
    if source_key(a) == source_key(b) and not _two_voices(a, b, config):
        return False
    return not _same_voice(a, b, config)


def _similar_enough(store, c: dict, met: set[tuple[str, str | None]], by_name, config, weights) -> bool:
    """Whether a rejection's masked text may reach ``fact_similarity`` with a claim it may meet (``met``:
    (slot, that claim's masked text), None for another rejection's, not known before its parse). Its own
    masked text hides its phrases of the slot and those of the slot's nouns the parse keeps: every choice
    of those nouns is compared (vectors are made row by row, so each is the one ``_pairs`` would read)."""
    if any(masked is None for _, masked in met):
        return True
    text = c.get("text") or ""
    own: set[str] = set()
    for slot_name in sorted({slot for slot, _ in met}):
        slot = by_name[slot_name]
        phrases = [span for _, span in slot.mentions(text)]
        nouns = [m.span() for noun in slot.nouns for m in re.finditer(rf"(?<!\w){re.escape(noun)}(?!\w)", text.lower())]
        if len(nouns) > 4:
            return True  # too many choices to compare: parse
        for k in range(len(nouns) + 1):
            for chosen in combinations(nouns, k):
                own.add(_masked(text, sorted([*phrases, *chosen])))
    own_rows, others = sorted(own), sorted({masked for _, masked in met})
    vectors = _masked_vectors(store, [{"text": t, "actors": []} for t in own_rows + others], weights)
    # a margin: a dot product of rows made in another batch, or summed in another order, may differ a little
    return bool((vectors[: len(own_rows)] @ vectors[len(own_rows) :].T >= config.fact_similarity - 1e-3).any())


def _may_conflict(slot: Slot, parts: set[str], others: set[str]) -> bool:
    return any(slot._parts_conflict(x, y) for x in parts for y in others)


def _rejection_reach(c: dict, slots: Sequence[Slot], config: DisputeConfig) -> dict[tuple[str, str], set[str]]:
    """(slot, name word) -> the value parts a rejecting claim could give, read without the parse: each
    class its value words name (phrases not negated already, and the slot's nouns wherever written),
    asserted or denied, said of the names ``holder`` finds near those words, or of its speaker. A value
    is paired only with another claim's of its slot that conflicts with it, said of a shared name word
    (``_pairs``), so a rejection whose reach meets no other claim's gives no value that could be kept,
    and is not parsed."""
    text = c.get("text") or ""
    speaker = None
    if c.get("speaker_start") is not None and c.get("start") is not None:
        speaker = (c["speaker_start"] - c["start"], c["speaker_end"] - c["start"])
    spoken = (
        set()
        if speaker is None
        else name_words(" ".join(w for w in re.findall(r"[\w'’-]+", text[speaker[0] : speaker[1]]) if w[:1].isupper()))
    )
    lower, out = text.lower(), {}
    for s in _slots_of(slots, is_counted(c)):
        found = [(v, span) for v, span in s.mentions(text) if not v.startswith(NOT)]
        for noun, cls in s.nouns.items():
            found += [(cls, m.span()) for m in re.finditer(rf"(?<!\w){re.escape(noun)}(?!\w)", lower)]
        if not found:
            continue
        parts = {v for v, _ in found} | {NOT + v for v, _ in found}
        names = set(spoken)
        for _, span in found:
            who = holder(text, [span], max_words=config.fact_holder_words, speaker=speaker)
            names |= who[1] if who is not None else set()
        out.update({(s.name, w): parts for w in names})
    return out


def _pairs(held: list[_Held], vectors: np.ndarray, config: DisputeConfig) -> list[tuple[str, str, _Held, _Held]]:
    """(block, label, a, b) of each pair of claims giving values of one slot that cannot both be true,
    said of one name, from two voices, whose masked similarity reaches ``fact_similarity``. Blocked by
    (slot, a word of the name): only claims said of one name are compared, never every pair of a run."""
    block: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, h in enumerate(held):
        for word in h.holder[1]:
            block[(h.slot.name, word)].append(i)
    candidates = sorted({(i, j) for ids in block.values() for n, i in enumerate(ids) for j in ids[n + 1 :]})
    out = []
    for i, j in candidates:
        a, b = held[i], held[j]
        if not a.slot.conflict(a.value, b.value) or float(vectors[i] @ vectors[j]) < config.fact_similarity:
            continue
        if not _may_pair(a.claim, b.claim, config):
            continue
        subject = min(a.holder[1] & b.holder[1], key=lambda w: (-len(w), w))
        label = max((a.holder[0], b.holder[0]), key=lambda n: (len(n), n))
        out.append((f"f:{subject}", label, a, b))
    return out


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
    items = sorted(grouped.items())  # the vectors are made, and read back, in this one order
    masked = [_masked_text(v.text or "", by_name[v.measure]) for _, vs in items for v in vs]
    vectors = _masked_vectors(store, [{"text": t, "actors": []} for t in masked], weights) if masked else None
    out, at = {}, 0
    for key, vs in items:
        slot = by_name[key[1]]
        own = vectors[at : at + len(vs)]
        at += len(vs)
        summary = categorical(vs, lambda a, b, slot=slot: not slot.conflict(a.key or "", b.key or ""))
        pairs = [
            (i, j)
            for i, a in enumerate(vs)
            for j in range(i + 1, len(vs))
            if slot.conflict(a.key or "", vs[j].key or "") and voice(a) != voice(vs[j])
        ]
        sim = max((float(own[i] @ own[j]) for i, j in pairs), default=0.0)
        if summary["conflict"]:
            alone = one_outlet({vs[i].source for i, _ in pairs}, {vs[j].source for _, j in pairs})
            independence = config.one_outlet_weight if alone else 1.0
            score = round(summary["score"] * sim * independence, 6)
            shown = f" x {independence:.2f} (one outlet gives both sides)" if alone else ""
            summary["why"] += f"; x closest masked similarity {sim:.2f}{shown} = {score:.2f}"
            summary["score"] = score
        out[key] = (vs, summary)
    return out


def _masked_text(text: str, slot: Slot) -> str:
    return _masked(text, [span for _, span in slot.mentions(text)])


def _masked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    parts, end = [], 0
    for start, stop in spans:
        parts.append(text[end:start])
        end = stop
    parts.append(text[end:])
    return " ".join("".join(parts).split())


def _masked_vectors(store, rows: list[dict], weights: PropositionConfig) -> np.ndarray:
    """The claim vectors of masked texts, in the propositions' embedding mode. Not through the store's
    sentence cache: a masked text is no sentence any later run reads again, and would only grow it."""
    modes = store.propositions.modes()
    return vectors_of_claims(rows, EmbeddingCache(Embedder(next(iter(modes)) if len(modes) == 1 else "fast")), weights)


def _value(h: _Held, block: str, label: str, weights: PropositionConfig) -> Value:
    value = h.value.replace(NOT, "not ").replace("+", " and ")  # "not dead", "injured and alive"
    return claim_value(h.claim, block, label, h.slot.name, h.source, value, h.value, claim_weight(h.claim, weights))
