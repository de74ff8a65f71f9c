"""Propositions: claims from different documents about the same thing, grouped as documents arrive.

Two levels. A proposition is a *topic*: claims about the same subject, found by comparing one
vector per claim that joins its sentence embedding with a hashed bag of topic terms (concepts,
linked actors, content words, and the disputed question the sentence takes a side on; all from
data/models/propositions.yaml). Opposite claims share their topic but not their stance, so the
members of a proposition then get a *side* relative to its label (the most central claim): the
pole of the disputed question each takes (e.g. "genuine threat" vs "reduced to remnants"), else
the claim-vs-claim relation of ``link.relation`` (stance model, polarity, number conflicts).

Clustering is incremental: only claims without a proposition are embedded (vectors are cached in
the store's ``sentence_embeddings``) and each joins the nearest proposition centroid above a
threshold or starts a new one (``assign_to_centroids``: blocked matrix products). The centroids'
member sums are stored too, and a proposition that only gained members is refreshed from them
(propositions_refresh.py: earlier members keep their similarity and side while the centroid stays
near the one of its last full pass), so a run reads few earlier claims; a member's relation to the
label is computed only where it decides the side, all of a run's in one batch, and kept while the
label stays. Claims of duplicate documents are left out: a repost is not another source.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..errors import ClaimgraphError, NotFound
from ..nlp.tokens import topic_words
from ..store.propositions import VectorRows
from ..store.schema import utc_now
from ..yamlfiles import load_yaml
from . import camp_edges
from .centroid_sims import Centroids
from .contested_camps import camps_of_all
from .contested_camps import load_config as camps_config
from .embeddings import Embedder, EmbeddingCache, StoreEmbeddingCache
from .propositions_refresh import Refresh, label_index, reference_key, reference_rows, refreshable
from .tfidf import english_stop_words

CONFIG_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "propositions.yaml"
SIDES = ("for", "against", "neutral")
SIDE_REASON = "side: "  # marks the reason that says how the side was decided (the rest are the relation's)


@dataclass(frozen=True)
class Question:
    name: str
    description: str
    pattern: re.Pattern
    poles: dict[str, int]  # phrase -> +1 (up) / -1 (down)


@dataclass(frozen=True)
class PropositionConfig:
    embedding_weight: float
    bag_dimensions: int
    term_weights: dict[str, float]
    assign_threshold: float
    block_size: int
    concept_pattern: re.Pattern
    concept_of: dict[str, str]
    questions: tuple[Question, ...]
    status_weights: dict[str, float]
    evidence_weights: dict[str, float]
    concession_pattern: re.Pattern
    relation_similarity: float


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern:
    # longest first: at one position the regex takes the first alternative that matches
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))  # and the same pattern in every process
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(p) for p in ordered) + r")(?![a-z0-9])")


def load_config(path: Path = CONFIG_PATH, questions: Sequence[str | Path] = ()) -> PropositionConfig:
    """The proposition settings (``path``) and the disputed questions of the analyst's ``questions``
    files (setting link.questions): none are shipped."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ClaimgraphError(f"{path}: cannot read the proposition settings: {exc}") from exc
    concept_of = {w.lower(): name for name, words in data["concepts"].items() for w in words}
    return PropositionConfig(
        float(data["embedding_weight"]),
        int(data["bag_dimensions"]),
        {k: float(v) for k, v in data["term_weights"].items()},
        float(data["assign_threshold"]),
        int(data["block_size"]),
        _phrase_pattern(concept_of),
        concept_of,
        tuple(q for file in questions for q in load_questions(Path(file))),
        {k: float(v) for k, v in data["status_weights"].items()},
        {k: float(v) for k, v in data["evidence_weights"].items()},
        re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in data["concessions"]) + r")(?![a-z0-9])[^,;.]*"),
        float(data["relation_similarity"]),
    )


def load_questions(path: Path) -> list[Question]:
    """The disputed questions of an analyst file: ``questions: {name: {description, up: [phrases],
    down: [phrases]}}`` (examples/questions.yaml)."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ClaimgraphError(f"{path}: cannot read the questions file: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("questions"), dict):
        raise ClaimgraphError(f"{path}: a questions file holds a 'questions' mapping (name -> description, up, down)")
    out = []
    for name, q in data["questions"].items():
        if not isinstance(q, dict) or not isinstance(q.get("up", []), list) or not isinstance(q.get("down", []), list):
            raise ClaimgraphError(f"{path}: question {name!r} needs 'up' and 'down' lists of phrases")
        poles = {str(p).lower(): 1 for p in q.get("up", [])}
        poles.update({str(p).lower(): -1 for p in q.get("down", [])})
        if not poles:
            raise ClaimgraphError(f"{path}: question {name!r} has no phrases")
        out.append(Question(str(name), str(q.get("description", name)), _phrase_pattern(poles), poles))
    return out


def config_of_store(store) -> PropositionConfig:
    """The proposition settings with the questions files of the store's latest run (``Settings.of_store``):
    what its propositions were grouped with."""
    from ..settings import Settings

    return load_config(questions=Settings.of_store(store).link.questions)


# -- what a claim is about ------------------------------------------------------------------------


def _normalise_text(text: str) -> str:
    # curly apostrophes and dashes as the phrase lists write them
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-").split())


def question_poles(text: str, config: PropositionConfig | None = None) -> dict[str, int]:
    """The disputed questions a sentence speaks to, each with its pole: +1, -1, or 0 (both or unclear)."""
    config = config or load_config()
    if not config.questions:
        return {}  # no analyst's questions file: no poles
    low = _normalise_text(text)
    if not _any_question(config).search(low):
        return {}  # most sentences: no question's phrase, so no question pattern needs running
    conceded = [m.span() for m in config.concession_pattern.finditer(low)]
    out = {}
    for q in config.questions:
        matches = list(q.pattern.finditer(low))
        if matches:
            total = sum(
                q.poles[m.group(1)] for m in matches if not any(start <= m.start() < end for start, end in conceded)
            )
            out[q.name] = (total > 0) - (total < 0)
    return out


_QUESTION_FILTERS: dict[int, tuple] = {}


def _any_question(config: PropositionConfig) -> re.Pattern:
    """One pattern of every question's phrases: where it finds nothing, no question's own pattern can."""
    found = _QUESTION_FILTERS.get(id(config.questions))
    if found is None or found[0] is not config.questions:
        pattern = _phrase_pattern(p for q in config.questions for p in q.poles)
        found = _QUESTION_FILTERS[id(config.questions)] = (config.questions, pattern)
    return found[1]


def _stop_words() -> frozenset[str]:
    return english_stop_words()


def topic_terms(
    text: str, actors: Sequence[str] = (), config: PropositionConfig | None = None, poles: dict[str, int] | None = None
) -> dict[str, float]:
    """Weighted topic terms of one claim: content words, linked actors, concepts, disputed questions.
    ``poles``: the text's ``question_poles`` when the caller has them already."""
    config = config or load_config()
    low = _normalise_text(text)
    weights = config.term_weights
    terms: dict[str, float] = {}
    stop = _stop_words()
    for word in topic_words(low):
        if len(word) > 2 and word not in stop and not word.isdigit():
            terms["w:" + word.rstrip("s") if len(word) > 4 else "w:" + word] = weights["word"]
    for actor in actors:
        terms["a:" + actor] = weights["actor"]
    for m in config.concept_pattern.finditer(low):
        terms["c:" + config.concept_of[m.group(1)]] = weights["concept"]
    for name in question_poles(text, config) if poles is None else poles:
        terms["q:" + name] = weights["question"]
    return terms


def _bags(term_lists: Sequence[dict[str, float]], dim: int) -> np.ndarray:
    """One L2-normalised hashed bag per claim (term -> crc32 bucket, weights added), as one matrix.
    Weights are small multiples of 0.5, so sums and norms are exact in float32 in any order (the
    sums are made by one ``bincount`` in float64, ~10x faster than ``np.add.at``: the same values)."""
    buckets: dict[str, int] = {}
    cells, weights = [], []
    for i, terms in enumerate(term_lists):
        row = i * dim
        for term, weight in terms.items():
            bucket = buckets.get(term)
            if bucket is None:
                bucket = buckets[term] = zlib.crc32(term.encode("utf-8")) % dim
            cells.append(row + bucket)
            weights.append(weight)
    sums = np.bincount(
        np.asarray(cells, dtype=np.int64), np.asarray(weights, dtype=np.float64), minlength=len(term_lists) * dim
    )
    out = sums.astype(np.float32).reshape(len(term_lists), dim)
    norms = np.sqrt(np.einsum("ij,ij->i", out, out))
    norms[norms == 0] = 1.0
    out /= norms[:, None]
    return out


def claim_vectors(
    embeddings: np.ndarray, term_lists: Sequence[dict[str, float]], config: PropositionConfig | None = None
) -> np.ndarray:
    """One unit vector per claim whose dot products weigh embedding and topic-bag cosines."""
    config = config or load_config()
    w = config.embedding_weight
    embeddings = np.asarray(embeddings, dtype=np.float32)
    bags = _bags(term_lists, config.bag_dimensions)
    # weighted in float64 (the weights are float64 scalars), written into one matrix in place:
    # the same values as stacking the two weighted parts, with fewer passes over the rows
    joined = np.empty((len(bags), embeddings.shape[1] + bags.shape[1]), dtype=np.float64)
    np.multiply(embeddings, np.sqrt(w), out=joined[:, : embeddings.shape[1]])
    np.multiply(bags, np.sqrt(1 - w), out=joined[:, embeddings.shape[1] :])
    norms = np.linalg.norm(joined, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    joined /= norms
    return joined.astype(np.float32)


# -- clustering -----------------------------------------------------------------------------------


def assign_to_centroids(
    vectors: np.ndarray,
    sums: np.ndarray | None,
    threshold: float,
    block_size: int = 1024,
    *,
    sparse_from: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Assign unit ``vectors`` in order to the nearest centroid at or above ``threshold`` or to a new one.

    ``sums``: the summed member vectors of existing clusters (their direction is the centroid).
    Returns (cluster index per vector, updated sums, cosine to the centroid when assigned). Work
    is in blocks: one matrix product against the centroids as they stood at the block's start,
    then, inside the block, against the clusters the block itself opened. ``sparse_from``: the
    column from which the vectors are mostly zeros (the topic bags), multiplied only where filled
    (``centroid_sims``).
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    stored = 0 if sums is None else len(sums)
    # the sums with room for the clusters the blocks open, written in place (stacking each block's onto
    # the sums copied every stored sum once per block); a run's claims into a store open a few
    # clusters, a first run's many: the room grows by half when a block could overflow it
    room = np.zeros((stored + min(len(vectors), max(block_size, stored // 2)), dim), dtype=np.float32)
    if stored:
        room[:stored] = sums
    n_sums = stored
    labels = np.empty(len(vectors), dtype=np.int64)
    sims = np.empty(len(vectors), dtype=np.float32)
    for start in range(0, len(vectors), block_size):
        block = vectors[start : start + block_size]
        n_old = n_sums
        if n_old + len(block) > len(room):
            grown = np.zeros((max(n_old + len(block), len(room) + len(room) // 2), dim), dtype=np.float32)
            grown[:n_old] = room[:n_old]
            room = grown
        if n_old:
            old_sims = _centroids(room[:n_old], sparse_from)(block)
            best_old = old_sims.argmax(axis=1)
            best_old_sim = old_sims[np.arange(len(block)), best_old]
        else:
            best_old = np.zeros(len(block), dtype=np.int64)
            best_old_sim = np.full(len(block), -np.inf, dtype=np.float32)
        new_sums = np.zeros((len(block), dim), dtype=np.float32)  # clusters opened in this block
        new_norms = np.zeros(len(block), dtype=np.float32)  # their norms, kept as they change
        n_new = 0
        block_labels = np.empty(len(block), dtype=np.int64)
        # what the block adds to the clusters that stood at its start, added when it ends (they are
        # compared as they stood): one row per cluster joined, summed in the order of joining as a
        # dense matrix of every cluster's additions summed them (an untouched cluster gained zeros)
        additions: dict[int, np.ndarray] = {}
        for i, v in enumerate(block):
            best, best_sim = int(best_old[i]), float(best_old_sim[i])
            if n_new:
                current = new_sums[:n_new]
                new_sims = (current @ v) / np.maximum(new_norms[:n_new], 1e-12)
                j = int(new_sims.argmax())
                if new_sims[j] > best_sim:
                    best, best_sim = n_old + j, float(new_sims[j])
            if best_sim >= threshold:
                block_labels[i] = best
                sims[start + i] = best_sim
                if best >= n_old:
                    new_sums[best - n_old] += v
                    # the row's norm as a norm over every row gives it (same summation)
                    new_norms[best - n_old] = np.linalg.norm(new_sums[best - n_old : best - n_old + 1], axis=1)[0]
                else:
                    row = additions.get(best)
                    if row is None:
                        row = additions[best] = np.zeros(dim, dtype=np.float32)
                    row += v
            else:
                new_sums[n_new] = v
                new_norms[n_new] = np.linalg.norm(new_sums[n_new : n_new + 1], axis=1)[0]
                block_labels[i] = n_old + n_new
                sims[start + i] = 1.0
                n_new += 1
        if additions:
            joined = np.fromiter(additions, dtype=np.int64, count=len(additions))
            room[joined] += np.stack(list(additions.values()))
        room[n_sums : n_sums + n_new] = new_sums[:n_new]
        n_sums += n_new
        labels[start : start + len(block)] = block_labels
    return labels, room[:n_sums], sims


def _centroids(sums: np.ndarray, sparse_from: int | None) -> Callable[[np.ndarray], np.ndarray]:
    """``block -> block @ unit centroids.T`` for the centroids of ``sums`` as they are now."""
    if sparse_from is not None:
        return Centroids(sums, sparse_from).similarities
    norms = np.linalg.norm(sums, axis=1)
    norms[norms == 0] = 1.0
    centroids = sums / norms[:, None]
    return lambda block: block @ centroids.T


def refine_assignments(
    vectors: np.ndarray,
    labels: np.ndarray,
    sums: np.ndarray,
    threshold: float,
    block_size: int = 1024,
    *,
    sparse_from: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """One k-means step over ``vectors`` (the claims just assigned): each moves to the centroid now
    nearest it when that is closer than its own and above ``threshold``.

    A single pass in arrival order lets an early claim open a proposition that a later, more
    central one would have joined; this undoes the worst of that. Returns (labels, sums).
    ``sparse_from``: as in ``assign_to_centroids``."""
    labels = labels.copy()
    sums = sums.copy()
    similarities = _centroids(sums, sparse_from)
    for start in range(0, len(vectors), block_size):
        block = vectors[start : start + block_size]
        sims = similarities(block)
        best = sims.argmax(axis=1)
        rows = np.arange(len(block))
        own = sims[rows, labels[start : start + len(block)]]
        move = (best != labels[start : start + len(block)]) & (sims[rows, best] >= threshold) & (sims[rows, best] > own)
        for i in np.flatnonzero(move):
            old, new = labels[start + i], best[i]
            sums[old] -= block[i]
            sums[new] += block[i]
            labels[start + i] = new
    return labels, sums


# -- sources --------------------------------------------------------------------------------------


def source_key(doc_row: dict[str, Any]) -> str:
    """Who a document speaks for: its site, else its author, else its source file's name."""
    for key in ("site", "author"):
        value = (doc_row.get(key) or "").strip()
        if value:
            return value
    path = (doc_row.get("source_path") or "").rstrip("/")
    return path.rsplit("/", 1)[-1] or path or "(unknown)"


def _proposition_id(mode: str, first_claim: str) -> str:
    return "p" + hashlib.sha1(f"{mode}\x00{first_claim}".encode()).hexdigest()[:12]


class ClaimVectors:
    """Claim id -> the claim vector (``vectors_of_claims``) the propositions step compared it with:
    ``update_propositions`` fills it with the claims it made vectors of (the new claims, the members
    of the propositions recomputed in full, the labels of those refreshed), so that the disputes
    step after it (link.disputes.denials) matches those claims without computing their vectors again."""

    def __init__(self) -> None:
        self._row: dict[str, int] = {}
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        # each kept member's proposition row: what the disputes step's affirm/deny candidates are
        # ranked by (``polar_candidates``), so it does not read those propositions' members again
        self._members: dict[str, list[dict[str, Any]]] = {}
        self._claims: dict[str, dict[str, Any]] = {}
        self._rank: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._row)

    def keep(self, claim_ids: Sequence[str], matrix: np.ndarray) -> None:
        """Keep ``matrix`` (one vector per claim of ``claim_ids``, in order) in place of what was kept."""
        self._row = {cid: i for i, cid in enumerate(claim_ids)}
        self._matrix = matrix

    def known(self, claim_id: str) -> bool:
        return claim_id in self._row

    def of(self, claim_ids: Sequence[str]) -> np.ndarray:
        """The kept vectors of ``claim_ids`` (every one ``known``), one row each."""
        return self._matrix[[self._row[cid] for cid in claim_ids]]

    def keep_members(self, members: Sequence[dict[str, Any]], claims: dict[str, dict[str, Any]]) -> None:
        """Keep the member rows the propositions step wrote (proposition, claim, document, similarity,
        side) and their claims (``claims``: claim id -> row with status, polarity and source fields):
        references, not copies, read only by ``polar_candidates``."""
        self._members = {}
        for m in members:
            self._members.setdefault(m["proposition_id"], []).append(m)
        self._claims = claims
        # the claims' order as read (earlier members, then the new, each in ingest then text order):
        # the store's tie-break (``d.ingest_seq, c.seq``), never the claim id, which hashes a path
        self._rank = {cid: n for n, cid in enumerate(claims)}

    def propositions(self) -> set[str]:
        """The propositions whose every member is kept (``keep_members``: those recomputed in full)."""
        return set(self._members)

    def polar_candidates(
        self, doc_ids: Sequence[str], affirm: Sequence[str], deny: Sequence[str], per_side: int
    ) -> list[dict[str, Any]]:
        """What ``store.disputes.polar_candidates`` reads, from the kept members instead of the store
        (same rows, same order): the claims of ``doc_ids`` that affirm or deny (``new`` true) and, per
        proposition and stance they take, the ``per_side`` most central earlier members of the other
        stance; only propositions where both stances meet. Every proposition with a member of
        ``doc_ids`` must be kept (``propositions``)."""
        docs, affirm, deny, claims = set(doc_ids), set(affirm), set(deny), self._claims

        def stance(m: dict[str, Any]) -> str | None:
            c = claims[m["claim_id"]]
            status = c["status"]
            if status in deny or (status in affirm and c["polarity"] == "negative"):
                return "denies"
            return "affirms" if status in affirm else None

        out: list[tuple[dict[str, Any], str, bool]] = []
        for members in self._members.values():
            fresh = [(m, stance(m), True) for m in members if m["doc_id"] in docs]
            fresh = [f for f in fresh if f[1] is not None]
            if not fresh:
                continue
            wanted = {"denies" if f[1] == "affirms" else "affirms" for f in fresh}
            chosen = list(fresh)
            for side in sorted(wanted):
                earlier = [m for m in members if m["doc_id"] not in docs and stance(m) == side]
                earlier.sort(key=lambda m: (-m["similarity"], self._rank[m["claim_id"]]))
                chosen += [(m, side, False) for m in earlier[:per_side]]
            if len({f[1] for f in chosen}) == 2:
                out += chosen
        out.sort(key=lambda f: (f[0]["proposition_id"], self._rank[f[0]["claim_id"]]))
        return [self._polar_row(m, side, new) for m, side, new in out]

    def _polar_row(self, member: dict[str, Any], stance: str, new: bool) -> dict[str, Any]:
        c = self._claims[member["claim_id"]]
        return {
            "proposition_id": member["proposition_id"],
            "claim_id": member["claim_id"],
            "side": member["side"],
            "stance": stance,
            "new": new,
            **{k: c[k] for k in ("status", "polarity", "site", "author", "source_path")},
        }


def update_propositions(
    store,
    mode: str | None = None,
    *,
    config: PropositionConfig | None = None,
    keep: ClaimVectors | None = None,
    documents: Sequence[str] | None = None,
) -> dict[str, int]:
    """Give every claim of a canonical document without a proposition one; refresh what changed.
    Members whose documents an edited input's new version superseded leave their propositions (a
    proposition left with none is dropped).

    ``mode``: the embeddings ("fast" or "accurate"); None keeps the store's (fast for a new store).
    A store holds one mode's propositions: vectors of the two modes are not comparable, so asking
    for the other mode clusters every claim again in it (and drops the old mode's propositions).

    Only the new claims are placed; of the claims already clustered only the propositions' centroids
    are needed (streamed, a chunk at a time). A proposition that gained members is refreshed from
    them while its centroid stays within ``propositions_refresh.DRIFT_BOUND`` of its reference and
    its label stays (only the new members' rows are written), else recomputed over every member
    (propositions opened now, those that lost members, and every one with an analyst's questions
    file). A member's relation to the label is computed once and kept while the label stays.

    Returns counts: new_claims (claims assigned now), propositions (in the store), assigned (new
    claims that joined a proposition that already existed), refreshed (propositions refreshed from
    their new members) and recomputed (over every member). Re-running adds nothing. ``keep``: given,
    it receives every claim vector made here (``ClaimVectors``) and the member rows of the propositions
    recomputed over every member. ``documents``: the documents a run added (``Store.unlinked_documents``),
    whose claims are the only ones looked for among the unplaced when the store holds propositions of
    ``mode`` already (each link placed every claim before them); None looks at every claim.
    """
    config = config or load_config()
    stored_modes = store.propositions.modes()
    if mode is None:
        mode = next(iter(stored_modes)) if len(stored_modes) == 1 else "fast"
    if stored_modes and stored_modes != {mode}:
        store.propositions.clear(SUMS_MODE)
    # a store without propositions of the mode (new, older, or just cleared) has every claim placed
    bounded = documents is not None and stored_modes == {mode}
    new = store.propositions.unplaced_claims(documents if bounded else None)
    stale = store.propositions.superseded_members()
    if not new and not stale:
        return {
            "new_claims": 0,
            "propositions": store.propositions.count(),
            "assigned": 0,
            "refreshed": 0,
            "recomputed": 0,
        }
    cache = StoreEmbeddingCache(Embedder(mode), store)
    prop_ids, sums, as_stored = _proposition_sums(store, cache, mode, config)
    index_of = {p: i for i, p in enumerate(prop_ids)}
    previous = sums  # _place works on a copy
    if stale:  # the old versions' claims leave the centroids they were added to
        np.subtract.at(sums, [index_of[r["proposition_id"]] for r in stale], _vectors(stale, cache, config))
        # with no member left a proposition has no direction (not the rounding left by the subtraction)
        sums[[index_of[r["proposition_id"]] for r in stale if not r["remaining"]]] = 0
    new_vectors = _vectors(new, cache, config) if new else np.zeros((0, sums.shape[1]), np.float32)
    existed = len(prop_ids)
    labels, sums, assigned = (
        _place(new, new_vectors, sums, prop_ids, index_of, mode, config) if new else (np.zeros(0, np.int64), sums, 0)
    )
    new_of: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        new_of[prop_ids[label]].append(i)
    # a contest whose guest left with its old version is recomputed too (its score counted the guest)
    stale_ids = {r["proposition_id"] for r in stale} | store.propositions.camp_hosts([r["claim_id"] for r in stale])
    touched = set(new_of) | stale_ids
    suffix = f":{mode}:{_settings_hash(config)}"  # as _sum_rows keys them
    centroids = {pid: _unit(sums[index_of[pid]]) for pid in touched}
    # propositions that only gained members are refreshed from those and their label
    # (propositions_refresh); with an analyst's questions every member's pole counts
    grown = set() if config.questions else {pid for pid in new_of if index_of[pid] < existed} - stale_ids
    refreshed, central_vectors, central = refreshable(
        store,
        grown,
        centroids,
        suffix,
        new_of,
        new_vectors,
        lambda rows: _vectors(rows, cache, config),
        {pid: _unit(previous[index_of[pid]]) for pid in grown} if as_stored else None,
    )
    full = touched - {f.proposition_id for f in refreshed}
    # the earlier members of the propositions recomputed in full, all of them (their sides may change)
    old = store.propositions.member_claims(full)
    membership = store.propositions.membership(full)
    new_in_full = [i for i, label in enumerate(labels) if prop_ids[label] in full]
    for i in new_in_full:
        membership[new[i]["claim_id"]] = prop_ids[labels[i]]
    all_rows = old + [new[i] for i in new_in_full]
    old_vectors = _vectors(old, cache, config) if old else np.zeros((0, sums.shape[1]), np.float32)
    vectors = np.vstack([old_vectors, new_vectors[new_in_full]])
    if keep is not None:  # every claim vector made here, for the disputes step
        in_full = set(new_in_full)
        elsewhere = [i for i in range(len(new)) if i not in in_full]
        keep.keep(
            [r["claim_id"] for r in all_rows + central] + [new[i]["claim_id"] for i in elsewhere],
            np.vstack([vectors, central_vectors, new_vectors[elsewhere]]),
        )
    members: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(all_rows):
        members[membership[r["claim_id"]]].append(i)
    known = _stored_relations(store, full)
    chosen = {}
    for pid in sorted(full):
        idx = members[pid]
        if not idx:  # every member came from old versions of edited inputs: no proposition left
            continue
        similarities = vectors[idx] @ centroids[pid]
        label_i = idx[label_index(similarities)]
        chosen[pid] = (idx, similarities, label_i)
    groups = [
        (
            all_rows[label_i],
            [all_rows[i] for i in idx],
            vectors[idx] @ vectors[label_i],
            known.get((pid, all_rows[label_i]["claim_id"]), {}),
        )
        for pid, (idx, _, label_i) in chosen.items()
    ]
    # a refreshed proposition's new members against its label (kept: no relation of theirs is known)
    groups += [(f.label, [new[i] for i in f.new], new_vectors[f.new] @ f.label_vector, {}) for f in refreshed]
    # members that contradict each other form camps even where neither is close to the label
    from .disputes.denials import story_tests  # the disputes package reads this module

    same_story, one_incident = story_tests(store)  # one reading of the claims' stories for both
    # figures of two incidents are no camps' contest
    sided = camps_of_all(groups, _sides_of_all(groups, config, cache), _quantities, same_story=one_incident)
    # a rejection in another proposition than what it rejects takes a side in that one's contest
    guests = _guests(store, new, new_vectors, labels, prop_ids, full, cache, config, same_story)
    label_vectors = [vectors[label_i] for _, _, label_i in chosen.values()] + [f.label_vector for f in refreshed]
    hosts = [
        _host(pid, group, label_vector, sides, guests[pid])
        for pid, group, label_vector, sides in zip(
            [*chosen, *(f.proposition_id for f in refreshed)], groups, label_vectors, sided
        )
        if pid in guests
    ]
    contests = camp_edges.contests(
        hosts, centroids, lambda g: _sides_of_all(g, config, cache), _quantities, one_incident
    )
    now = utc_now().isoformat(sep=" ")
    prop_rows, member_rows = [], []
    for (pid, (idx, similarities, label_i)), sides in zip(chosen.items(), sided):
        rows = [all_rows[i] for i in idx]
        member_rows += _member_rows(pid, rows, similarities, sides)
        tallies = camp_edges.contest_tallies(contests.get(pid), rows)
        prop_rows.append(_proposition_row(pid, mode, all_rows[label_i], rows, tallies, config, now))
    tallies = _tallies(store, [f.proposition_id for f in refreshed])
    refreshed_rows = []
    for f, sides in zip(refreshed, sided[len(chosen) :]):
        rows = [new[i] for i in f.new]
        member_rows += _member_rows(f.proposition_id, rows, f.new_similarities, sides)
        refreshed_rows.append(rows)
    # the sentences the refreshed propositions' new accounts repeat from their stored members
    keys = [r["sentence_key"] for rows in refreshed_rows for r in rows if r["sentence_key"]]
    repeated = store.propositions.counted_sentences([f.proposition_id for f in refreshed], keys)
    for f, rows in zip(refreshed, refreshed_rows):
        stored = [(side, key) for pid, side, key in repeated if pid == f.proposition_id]
        prop_rows.append(
            _refreshed_row(
                f, mode, rows, tallies.get(f.proposition_id, []), stored, config, now, contests.get(f.proposition_id)
            )
        )
    if keep is not None:
        keep.keep_members(
            [m for m in member_rows if m["proposition_id"] in chosen], {r["claim_id"]: r for r in all_rows}
        )
    store.propositions.replace(
        touched,
        prop_rows,
        member_rows,
        [
            x
            for x in (
                _sum_rows(
                    mode,
                    config,
                    {pid: sums[index_of[pid]] for pid in chosen.keys() | {f.proposition_id for f in refreshed}},
                ),
                reference_rows(
                    mode,
                    suffix,
                    {pid: centroids[pid] for pid in chosen}
                    | {f.proposition_id: f.reference for f in refreshed if f.reference is not None},
                ),
            )
            if x is not None
        ],
        dropped_vectors=[
            key
            for pid in sorted(touched - chosen.keys() - {f.proposition_id for f in refreshed})
            for key in (pid + suffix, reference_key(pid, suffix))
        ],
        kept_members=[f.proposition_id for f in refreshed],
        similarities=[
            (r["claim_id"], float(sim)) for f in refreshed for r, sim in zip(f.central, f.central_similarities)
        ],
        camps=[row for c in contests.values() for row in c.camp_rows],
    )
    total = store.propositions.count()
    return {
        "new_claims": len(new),
        "propositions": total,
        "assigned": assigned,
        "refreshed": len(refreshed),
        "recomputed": len(chosen),
    }


def _guests(
    store, new, new_vectors, labels, prop_ids, full, cache, config, same_story
) -> dict[str, tuple[list, list, list]]:
    """proposition id -> (guest claims, the member each answers, their vectors) of its contest
    (``camp_edges``): the run's rejections of a new member of the same story (``same_story``), and the
    stored guests of the propositions recomputed in full (``full``)."""
    out: dict[str, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
    found = camp_edges.edges(new, new_vectors, labels, camps_config(), same_story) if new else []
    for i, j in found:
        rows, answers, vectors = out[prop_ids[labels[j]]]
        rows.append(new[i])
        answers.append(new[j]["claim_id"])
        vectors.append(new_vectors[i])
    stored = store.propositions.camp_guests(full)
    for r, vector in zip(stored, _vectors(stored, cache, config) if stored else []):
        rows, answers, vectors = out[r.pop("proposition_id")]
        answers.append(r.pop("answers"))
        rows.append(r)
        vectors.append(vector)
    return dict(out)


def _host(pid: str, group, label_vector, sides, guests) -> camp_edges.Host:
    """A proposition with guests (``_guests``) as ``camp_edges`` sides it: its sides' group (label,
    members, their similarities to the label, known relations) and the guests whose answered claim
    is still among those members."""
    label, rows, similarities, known = group
    members = {r["claim_id"] for r in rows}
    kept = [k for k, answered in enumerate(guests[1]) if answered in members]
    host = camp_edges.Host(pid, label, label_vector, known, rows, np.asarray(similarities), list(sides))
    host.guests = [guests[0][k] for k in kept]
    host.answers = [guests[1][k] for k in kept]
    host.guest_vectors = [guests[2][k] for k in kept]
    return host


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _member_rows(pid: str, rows: Sequence[dict[str, Any]], similarities, sides) -> list[dict[str, Any]]:
    """The ``proposition_claims`` rows of ``rows`` (claims), each with its side set on the claim too."""
    out = []
    for r, sim, (side, relation, score, reasons) in zip(rows, similarities, sides):
        out.append(
            {
                "proposition_id": pid,
                "claim_id": r["claim_id"],
                "doc_id": r["doc_id"],
                "similarity": float(sim),
                "side": side,
                "relation": relation,
                "relation_score": None if score is None else float(score),
                "reasons": reasons,
            }
        )
        r["side"] = side
    return out


def _proposition_row(pid, mode, label, rows, tallies, config, now, claims=None, documents=None, sources=None):
    """A ``propositions`` row: counts over ``rows`` (unless given), the contested score over the counted
    accounts' ``tallies`` (``contested_sides.member_tallies``)."""
    from .contested import score_accounts

    return {
        "id": pid,
        "mode": mode,
        "label_claim_id": label["claim_id"],
        "label": " ".join(label["text"].split()),
        "claims": len(rows) if claims is None else claims,
        "documents": len({r["doc_id"] for r in rows}) if documents is None else documents,
        "sources": len({source_key(r) for r in rows}) if sources is None else sources,
        "contested_score": score_accounts(tallies, config)["score"],
        "updated_at": now,
    }


def _tallies(store, proposition_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """proposition id -> its members grouped by side, source fields, whether counted, status and evidence
    (first member's order; ``store.propositions.side_tallies``): stand-ins for the members, as many as
    the score and the source count need."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if proposition_ids:
        for r in store.propositions.side_tallies(proposition_ids):
            out[r["proposition_id"]].append(r)
    return out


def _refreshed_row(f: Refresh, mode, new_rows, tallies, stored_sentences, config, now, contest=None) -> dict[str, Any]:
    """The row of a refreshed proposition: its label stays, its counts grow by the new members (whose
    documents are new to it: a document's claims are placed together), and its score is worked out
    from the earlier members' tallies then the new members' (those repeating a sentence counted among
    the earlier ones, ``stored_sentences``, are not counted), the order a pass over all of them takes."""
    sources = {source_key(t) for t in tallies} | {source_key(r) for r in new_rows}
    return _proposition_row(
        f.proposition_id,
        mode,
        f.label,
        new_rows,
        [t for t in tallies if t["counted"]] + camp_edges.contest_tallies(contest, new_rows, stored_sentences),
        config,
        now,
        claims=f.stored["claims"] + len(new_rows),
        documents=f.stored["documents"] + len({r["doc_id"] for r in new_rows}),
        sources=len(sources),
    )


def _place(
    new: list[dict[str, Any]],
    new_vectors: np.ndarray,
    sums: np.ndarray,
    prop_ids: list[str],
    index_of: dict[str, int],
    mode: str,
    config: PropositionConfig,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Assign the new claims to the propositions (``prop_ids``, whose summed vectors are ``sums``)
    or open new ones, added to ``prop_ids`` and ``index_of``; returns (proposition index per new
    claim, the updated sums, how many joined a proposition that already existed)."""
    bags_from = new_vectors.shape[1] - config.bag_dimensions  # the topic bags: a dozen cells filled per claim
    labels, sums, _ = assign_to_centroids(
        new_vectors, sums, config.assign_threshold, config.block_size, sparse_from=bags_from
    )
    labels, sums = refine_assignments(
        new_vectors, labels, sums, config.assign_threshold, config.block_size, sparse_from=bags_from
    )
    # a proposition opened in this run that lost every member to refinement is no proposition
    used = np.unique(labels)
    opened = used[used >= len(prop_ids)]
    renumber = {int(old): len(prop_ids) + i for i, old in enumerate(opened)}
    labels = np.array([renumber.get(int(x), int(x)) for x in labels], dtype=np.int64)
    sums = np.vstack([sums[: len(prop_ids)], sums[opened]]) if len(opened) else sums[: len(prop_ids)]
    assigned = int((labels < len(prop_ids)).sum())
    first_member: dict[int, str] = {}
    for r, label in zip(new, labels):
        first_member.setdefault(int(label), r["claim_id"])
    for label in sorted(x for x in first_member if x >= len(prop_ids)):
        pid = _proposition_id(mode, first_member[label])
        index_of[pid] = len(prop_ids)
        prop_ids.append(pid)
    return labels, sums, assigned


# documents whose clustered claims are read per query when summing the propositions' centroids
SUM_DOCUMENTS = 1000


def _vectors(rows: Sequence[dict[str, Any]], cache: EmbeddingCache, config: PropositionConfig) -> np.ndarray:
    """Claim vectors of ``rows``; each row keeps its ``poles`` (the sides need them again). Topic
    terms are worked out once per distinct wording, and the vectors a block at a time so that the
    dense topic bags of every claim are never in memory at once."""
    embeddings = cache.encode([r["text"] for r in rows])
    poles: dict[str, dict[str, int]] = {}
    terms: dict[tuple, dict[str, float]] = {}
    term_lists = []
    for r in rows:
        text = r["text"]
        if text not in poles:
            poles[text] = question_poles(text, config)
        r["poles"] = poles[text]
        key = (text, tuple(r["actors"]))
        if key not in terms:
            terms[key] = topic_terms(text, r["actors"], config, poles[text])
        term_lists.append(terms[key])
    out = np.empty((len(rows), embeddings.shape[1] + config.bag_dimensions), dtype=np.float32)
    for start in range(0, len(rows), VECTOR_BLOCK):
        end = start + VECTOR_BLOCK
        out[start:end] = claim_vectors(embeddings[start:end], term_lists[start:end], config)
    return out


def vectors_of_claims(rows: Sequence[dict[str, Any]], cache: EmbeddingCache, config: PropositionConfig) -> np.ndarray:
    """The vectors propositions compare claims with (rows with ``text`` and ``actors``), L2-normalised:
    their dot product is the combined similarity (link.disputes matches affirmations and denials)."""
    return _vectors(rows, cache, config)


# Claims whose vectors are made together. Every step of ``claim_vectors`` works row by row, so the
# block size changes no value; it decides how much memory each pass walks: the dense float64 bags and
# joined rows of 256 claims (~4 MiB) stay in the CPU's cache, those of 4,096 (~70 MiB) did not and
# cost ~2x the time (0.09 -> 0.04 s for 5,000 claims).
VECTOR_BLOCK = 256


# Each proposition's summed member vectors (its centroid's direction) are kept in the store's
# vector table under this mode prefix (key: proposition id, mode and settings hash), so that placing
# new claims needs no pass over the claims already clustered.
SUMS_MODE = "proposition-sums:"


def _settings_hash(config: PropositionConfig) -> str:
    # claim vectors depend on the settings file; sums made under other settings are recomputed
    settings = json.dumps(dataclasses.asdict(config), sort_keys=True, default=lambda x: x.pattern)
    return hashlib.sha1(settings.encode("utf-8")).hexdigest()[:12]


def _sum_rows(mode: str, config: PropositionConfig, sums: dict[str, np.ndarray]) -> VectorRows | None:
    """The propositions' summed vectors as the store keeps them (None for none)."""
    if not sums:
        return None
    suffix = f":{mode}:{_settings_hash(config)}"
    return VectorRows([pid + suffix for pid in sums], np.stack(list(sums.values())), SUMS_MODE + mode)


def _proposition_sums(
    store, cache: StoreEmbeddingCache, mode: str, config: PropositionConfig
) -> tuple[list[str], np.ndarray, bool]:
    """(proposition ids, summed member vectors, whether they were read as stored) of the stored
    propositions: as stored, or, for a
    store without them (older, or other settings), from the members, read a range of documents
    at a time with only the columns a claim vector needs (memory holds the sums, not the claims)."""
    prop_ids = store.propositions.ids()
    index_of = {p: i for i, p in enumerate(prop_ids)}
    sums = np.zeros((len(prop_ids), cache.embedder.dim + config.bag_dimensions), dtype=np.float32)
    if not prop_ids:
        return prop_ids, sums, True
    suffix = f":{mode}:{_settings_hash(config)}"  # the key is unique across modes too
    found = 0
    for key, vector in store.vectors.read([pid + suffix for pid in prop_ids]).items():
        if len(vector) == sums.shape[1]:
            sums[index_of[key[: -len(suffix)]]] = vector
            found += 1
    if found == len(prop_ids):
        return prop_ids, sums, True
    sums[:] = 0
    last = store.propositions.last_ingest_seq()
    for low in range(0, last + 1, SUM_DOCUMENTS):
        rows = store.propositions.member_texts(low, low + SUM_DOCUMENTS)
        if not rows:
            continue
        vectors = _vectors(rows, StoreEmbeddingCache(cache.embedder, store), config)
        np.add.at(sums, [index_of[r["proposition_id"]] for r in rows], vectors)
    stored = _sum_rows(mode, config, dict(zip(prop_ids, sums)))
    store.vectors.replace_mode(stored.mode, stored.keys, stored.vectors)
    # the members were compared with other vectors (other settings) or centroids of unknown sums: a
    # reference no centroid is near (zero) has every proposition recomputed in full when it next changes
    references = reference_rows(mode, suffix, dict.fromkeys(prop_ids, sums[0] * 0))
    store.vectors.replace_mode(references.mode, references.keys, references.vectors)
    return prop_ids, sums, False


def _stored_relations(store, proposition_ids: Iterable[str]) -> dict[tuple[str, str], dict[str, tuple]]:
    """(proposition, label claim) -> {member claim: (relation, score, relation reasons)} as stored,
    so that members of a proposition whose label stays are not compared with it again."""
    out: dict[tuple[str, str], dict[str, tuple]] = defaultdict(dict)
    for r in store.propositions.relations(proposition_ids):
        if r.relation is None:  # not computed: the side did not depend on it
            continue
        reasons = [x for x in (r.reasons or []) if not x.startswith(SIDE_REASON)]
        out[(r.proposition_id, r.label_claim_id)][r.claim_id] = (r.relation, r.relation_score, reasons)
    return out


def _poles(row: dict[str, Any], config: PropositionConfig) -> dict[str, int]:
    """The row's ``question_poles``, kept on the row (``_vectors`` leaves them there too)."""
    if "poles" not in row:
        row["poles"] = question_poles(row["text"], config)
    return row["poles"]


def _quantities(row: dict[str, Any]) -> tuple:
    """The row's quantities as ``Quantity`` objects, parsed once and kept on the row: a label is
    compared with every member of its proposition."""
    if "_quantities" in row:
        return row["_quantities"]
    from ..model import Quantity

    raw = row.get("quantities")
    if isinstance(raw, str):
        raw = json.loads(raw)
    out = []
    for q in raw or []:
        try:
            out.append(Quantity(**q))
        except TypeError:
            continue
    row["_quantities"] = tuple(out)
    return row["_quantities"]


def _sides_of_all(
    groups: Sequence[tuple[dict, list[dict], Sequence[float], dict[str, tuple]]],
    config: PropositionConfig,
    cache: EmbeddingCache | None = None,
) -> list[list[tuple[str, str, float, list[str]]]]:
    """(side, relation, relation score, reasons) of each member relative to the label claim, for many
    (label, members, label similarities, known relations) groups, with every relation not known yet
    computed in one batch (one stance-model call for the whole run).

    The pole a member takes on the proposition's disputed question decides its side when both it
    and the reference have one; otherwise the claim-vs-claim relation does (contradicts → against,
    supports → for). The reference pole is the label's, or, when the label takes none, the one
    most members take. ``cache``: the embeddings the claim vectors were made of, which the relations
    read instead of encoding the texts again when they are of the mode the relations use."""
    from .relation import ClaimPair, claim_relations

    poles = [[_poles(m, config) for m in members] for _, members, _, _ in groups]
    wanted: dict[tuple[str, str], ClaimPair] = {}
    for (label, members, similarities, known), member_poles in zip(groups, poles):
        if any(member_poles):
            continue  # a disputed question: the members' poles decide, the relation is not needed
        for m, similarity in zip(members, similarities):
            if similarity < config.relation_similarity:
                continue  # too far from the label for the relation to give a side
            if m["claim_id"] != label["claim_id"] and m["claim_id"] not in known:
                wanted[(label["claim_id"], m["claim_id"])] = ClaimPair(
                    label["text"],
                    m["text"],
                    label.get("polarity"),
                    m.get("polarity"),
                    _quantities(label),
                    _quantities(m),
                )
    encoded = None
    if wanted and cache is not None and cache.embedder.mode == RELATION_MODE:
        encoded = cache.held({t for pair in wanted.values() for t in (pair.a, pair.b)})
    computed: dict[str, dict[str, tuple]] = defaultdict(dict)
    relations = claim_relations(list(wanted.values()), mode=RELATION_MODE, encoded=encoded)
    for (label_id, member_id), relation in zip(wanted, relations):
        computed[label_id][member_id] = relation
    return [
        _sides_of(label, members, member_poles, similarities, config, {**known, **computed[label["claim_id"]]})
        for (label, members, similarities, known), member_poles in zip(groups, poles)
    ]


# the embeddings a member's relation to its label is read with, whatever the propositions' mode
RELATION_MODE = "fast"


def _sides_of(label, members, poles, label_similarities, config, relations):
    """See ``_sides_of_all``. ``poles``: each member's ``question_poles``; ``relations``: member claim id ->
    (relation, score, reasons) for the members whose side the relation decides (the others are
    stored without one: relation NULL)."""
    counts = Counter(q for p in poles for q in p)
    question = counts.most_common(1)[0][0] if counts else None
    reference = 0
    if question:
        reference = _poles(label, config).get(question, 0)
        if reference == 0:
            total = sum(p.get(question, 0) for p in poles)
            reference = (total > 0) - (total < 0)
    out = []
    for member, pole, similarity in zip(members, poles, label_similarities):
        if member["claim_id"] == label["claim_id"]:
            out.append(("for", "supports", 1.0, ["the proposition's label"]))
            continue
        relation, score, reasons = relations.get(member["claim_id"], (None, None, []))
        p = pole.get(question, 0) if question else 0
        if p and reference:
            side = "for" if p == reference else "against"
            reasons = [
                f"{SIDE_REASON}{'same' if side == 'for' else 'opposite'} side of '{question}' as the reference"
            ] + reasons
        elif question:
            # on a disputed question a member that takes no side of it is context, whatever its
            # wording shares with the label
            side = "neutral"
        elif similarity < config.relation_similarity:
            side = "neutral"
            reasons = [
                f"{SIDE_REASON}too far from the label ({similarity:.2f}) for its relation to give a side"
            ] + reasons
        else:
            side = {"supports": "for", "contradicts": "against"}.get(relation, "neutral")
        out.append((side, relation, score, reasons))
    return out


# -- reading --------------------------------------------------------------------------------------


def list_propositions(
    store, *, limit: int | None = None, offset: int = 0, min_documents: int = 1
) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of propositions): most contested first, then the most widely reported."""
    ranking = [p for p in store.derived("proposition_ranking", _ranking) if p["documents"] >= min_documents]
    chosen = ranking[offset:] if limit is None else ranking[offset : offset + limit]
    return len(ranking), [dict(p) for p in chosen]


def _ranking(store) -> list[dict[str, Any]]:
    """Every proposition, most contested first, with how many members are for and against it;
    once per state of the store (it changes with the members and the propositions' last update):
    the two correlated counts over every member took ~30 ms of a page on a 10k-document store."""
    rows = store.propositions.ranked()
    counts = store.propositions.side_counts()
    for row in rows:
        row["claims_for"], row["claims_against"] = counts.get(row["id"], (0, 0))
    return rows


def proposition_members(store, proposition_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Members of each proposition with their claim and document fields, most central first."""
    return _grouped(store.propositions.members(proposition_ids) if proposition_ids else [])


def contest_members(store, proposition_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """``proposition_members`` as each proposition's contest sides them, with its guests: claims of
    other propositions that reject one of its members (link/camp_edges.py)."""
    return _grouped(store.propositions.contest_members(proposition_ids) if proposition_ids else [])


def _grouped(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        r["source"] = source_key(r)
        r["text"] = " ".join((r["text"] or "").split())
        r["reasons"] = list(r["reasons"] or [])
        out[r.pop("proposition_id")].append(r)
    return out


def get_proposition(store, proposition_id: str) -> dict[str, Any]:
    """One proposition with its label, counts and members (claim, document, source, side)."""
    prop = store.propositions.get(proposition_id)
    if prop is None:
        raise NotFound(f"no proposition {proposition_id!r}")
    prop["members"] = proposition_members(store, [proposition_id]).get(proposition_id, [])
    return prop


def proposition_of_claim(store, claim_id: str) -> str | None:
    return store.propositions.of_claim(claim_id)
