"""The learned attribution model of accurate mode: source, cue and content spans over the spaCy parse.

Trained by scripts/train_attribution.py on PolNeAR train (docs/models/attribution.md); it reads the
parse the events stage made of the document's sentences (``events.parse.SentenceParses``: one parse per
sentence, shared). Per sentence:

1. the *cue head* decides, for every word, whether it is part of an attribution cue; connected cue
   words (by the parse: "will accuse", "according to") make one cue, headed by its top word;
2. the *role head* gives every other word of the sentence a role for that cue (source, content,
   neither) from the dependency path, the side and the quotation marks; the source and the content are
   the stretch from their first to their last word (trimmed of edge punctuation);
3. a quotation that runs on past the sentence is followed as the rules follow it
   (``attribution._continuation``), and the sentences it swallows are that speaker's words.

A cue inside another attribution's content is nested (``embedded``), as is a cue whose attribution
leaves the sentence's main verb outside it ("the ministry's claim that ... was rejected"): the
sentence then says something of its own as well. The cue lexicons classify the cue (report, belief,
deny, dispute; a preposition) and are one of the cue head's features, not the decision.
"""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import numpy as np

from claimgraph.errors import ClaimgraphError
from claimgraph.events.features import HASH_DIM, bucket, hashed_sums, shared_word_vectors
from claimgraph.link.embeddings import STATIC_MODEL_DIR

from .attribution import Attribution, _continuation, _skippable, attributions_by_sentence, tokenize, trim_span
from .attribution import cue_class as _cue_class
from .attribution_features import (
    CUE_LABELS,
    ROLE_LABELS,
    Tree,
    cue_candidate,
    cue_features,
    quote_depth,
    role_features,
)
from .attribution_rerank import Candidate, Reranker, features, mark_nested
from .cue_decision import load_decision
from .lexicon import ClaimLexicon
from .speakers import learned_speaker_nouns

MODEL_NAME = "attribution_model"
# the cue score an attribution without a source needs: "has not (been verified)", "attacks on" and "offered
# no" had no speaker and a middling score; scripts/attribution_holdout.py prints the grid on held-out train
SOURCELESS_CUE_THRESHOLD = 0.5
CONTEXT_ARRAYS = ("mean", "sd", "basis", "scale")  # the npz's context_* arrays (``project_states``)
Span = tuple[int, int]


class AttributionModelUnavailable(ClaimgraphError):
    """The shipped attribution model is missing or unreadable."""


class _Head:
    """A logistic regression over hashed sparse features (and optional dense ones)."""

    def __init__(self, sparse: np.ndarray, dense: np.ndarray | None, bias: np.ndarray, labels: tuple[str, ...]):
        self.sparse, self.dense, self.bias, self.labels = sparse, dense, bias, labels
        self._buckets: dict[str, int] = {}  # feature -> bucket: most features recur (crc32 costs more)

    def probabilities(self, rows: list[list[str]], dense: np.ndarray | None = None) -> np.ndarray:
        buckets = self._buckets
        if len(buckets) > 200_000:  # bounded; cleared between calls, never inside one (its rows read it after)
            buckets.clear()
        for row in rows:
            for f in row:
                if f not in buckets:
                    buckets[f] = bucket(f)
        scores = hashed_sums(self.sparse, [[buckets[f] for f in row] for row in rows]) + self.bias
        if self.dense is not None and dense is not None:
            scores = scores + dense @ self.dense
        if scores.shape[1] == 1:  # binary: one column of logits
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


def model_dir() -> Path:
    return Path(str(resources.files("claimgraph") / "data" / "models"))


class AttributionModel:
    def __init__(self, cue: _Head, role: _Head, meta: dict, context: dict[str, np.ndarray] | None = None):
        self.cue, self.role, self.meta = cue, role, meta
        # the cue head's contextual features: the shared MiniLM's inner-layer state of each word, projected
        # (``project_states``); the encoder is loaded on the first sentence scored
        self.context, self._encoder = context, None
        self.cue_threshold = float(meta["cue_threshold"])
        # a cue word the lexicons do not list needs more evidence (chosen on train: see the card)
        self.unlisted_threshold = float(meta.get("unlisted_cue_threshold", self.cue_threshold))
        # an attribution with no source in its sentence rests on its cue alone: it needs a surer cue
        # (chosen on a held-out slice of train by scripts/attribution_holdout.py)
        self.sourceless_threshold = SOURCELESS_CUE_THRESHOLD
        # rounded scores, and cues by the parse whatever their scores: decisions that do not tip between machines
        self.decision = load_decision()
        self.speaker_nouns = learned_speaker_nouns()  # nouns heading PolNeAR train's sources
        self.vocabulary = frozenset(meta["vocabulary"])  # the words the cue head scores besides verbs
        self.gate = frozenset(meta["gate"])  # the words that select a sentence for parsing
        self.vectors = shared_word_vectors(STATIC_MODEL_DIR) if cue.dense is not None else None
        self.reranker: Reranker | None = None  # set by load() where the model has one
        self._triggers = None  # the events stage's trigger lexicon, read when first needed (acts)

    @classmethod
    def load(cls, directory: Path | None = None) -> AttributionModel:
        directory = directory if directory is not None else model_dir()
        try:
            meta = json.loads((directory / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
            arrays = np.load(directory / f"{MODEL_NAME}.npz")
            heads = []
            for name, labels in (("cue", CUE_LABELS), ("role", ROLE_LABELS)):
                dense = arrays[f"{name}_dense"].astype(np.float32) if f"{name}_dense" in arrays else None
                heads.append(
                    _Head(
                        arrays[f"{name}_sparse"].astype(np.float32),
                        dense,
                        arrays[f"{name}_bias"].astype(np.float32),
                        labels,
                    )
                )
            context = {k: arrays[f"context_{k}"].astype(np.float32) for k in CONTEXT_ARRAYS if f"context_{k}" in arrays}
        except (OSError, KeyError, ValueError) as exc:
            raise AttributionModelUnavailable(f"{directory}/{MODEL_NAME}.*: cannot load the model: {exc}") from exc
        if meta.get("hash_dim") != HASH_DIM:
            raise AttributionModelUnavailable(f"{directory}/{MODEL_NAME}.json: hash_dim {meta.get('hash_dim')}")
        if context and len(context) != len(CONTEXT_ARRAYS):
            found = ", ".join(sorted(context))
            raise AttributionModelUnavailable(f"{directory}/{MODEL_NAME}.npz: context arrays incomplete ({found})")
        model = cls(*heads, meta, context or None)
        model.reranker = Reranker.load(directory)
        return model

    def is_candidate(self, text: str, start: int, end: int) -> bool:
        """Whether a sentence may hold an attribution: a verb, noun or adjective seen in cues in
        training, a quotation mark or a colon. The others are not parsed for it."""
        piece = text[start:end]
        if any(c in piece for c in '“”"«»:'):
            return True
        return any(w in self.gate for w in _words(piece.lower()))

    # -- one parsed sentence ----------------------------------------------------------------------------

    def cue_scores(self, sdoc, lex: ClaimLexicon) -> dict[int, float]:
        """The cue head's probability for each word it scores in a parsed sentence."""
        quotes = quote_depth(sdoc)
        # verbs, colons and the words seen in cues in training (the vocabulary): the other words of a
        # sentence are almost never a cue, and scoring every word would double the model's time; the
        # colon was trained on ("Sanders: Clinton email story has moved") but had been left unscored
        tokens = [
            t
            for t in sdoc
            if cue_candidate(t) and (t.tag_.startswith("VB") or t.text == ":" or t.lower_ in self.vocabulary)
        ]
        if not tokens:
            return {}
        rows = [cue_features(t, quotes, lex) for t in tokens]
        dense = np.stack([self.vectors.word(t.lower_) for t in tokens]) if self.vectors is not None else None
        if self.context is not None:
            states = self.states(sdoc, [t.i for t in tokens])
            dense = np.hstack([dense, project_states(states, self.context)])
        p = self.cue.probabilities(rows, dense)[:, 1]
        return {t.i: float(q) for t, q in zip(tokens, p)}

    def encoder(self):
        """The token states the cue head reads (attribution_encoder.TokenStates: the shared MiniLM graph
        cut after their layer), loaded once; None for a model without contextual features. Raises
        link.embeddings.EmbeddingUnavailable without onnxruntime (the `accurate` extra)."""
        if self._encoder is None and self.context is not None:
            from claimgraph.link.embeddings import Embedder

            from .attribution_encoder import TokenStates

            self._encoder = TokenStates(Embedder("accurate")._encoder)
        return self._encoder

    def states(self, sdoc, rows: list[int] | None = None) -> np.ndarray:
        """(tokens, 384) the shared encoder's ``token_states`` of the sentence's words (one graph call:
        each word the mean of its pieces at the inner layer crf-minilm reads); with ``rows`` (token
        indexes), only those tokens' rows: the means of the words the cue head scores, not of all."""
        return self.encoder()([t.text for t in sdoc], rows)

    def cue_words(self, sdoc, lex: ClaimLexicon) -> dict[int, float]:
        """The sure cue words of a parsed sentence (``cue_tiers``), with their rounded probabilities."""
        scores = {i: self.decision.rounded(p) for i, p in self.cue_scores(sdoc, lex).items()}
        tiers = self.cue_tiers(sdoc, scores, lex)
        return {i: p for i, p in scores.items() if tiers.get(i) == "sure"}

    def cue_tiers(self, sdoc, scores: dict[int, float], lex: ClaimLexicon) -> dict[int, str]:
        """Each scored word's tier: "sure" (a cue word), "weak" (a cue of its own only if the reranker
        keeps it: from the reranker's floor up) or absent (no cue word)."""
        floor = self.reranker.floor if self.reranker is not None else self.cue_threshold
        decision, out = self.decision, {}
        for i, p in scores.items():
            if decision.at_least(p, self.cue_threshold, sdoc[i]):
                out[i] = "sure"
            elif decision.at_least(p, floor, sdoc[i]):
                out[i] = "weak"
        return out

    def candidates(self, sdoc, offset: int, text: str, lex: ClaimLexicon) -> list[Candidate]:
        """The sentence's cues with the attribution decoded for each, before the decision: the cues of the
        words the cue head scores at least its threshold, and (with a reranker) the cues made only of
        words scored from the reranker's floor up, apart from those."""
        scores = {i: self.decision.rounded(p) for i, p in self.cue_scores(sdoc, lex).items()}
        tiers = self.cue_tiers(sdoc, scores, lex)
        sure = {i: p for i, p in scores.items() if tiers.get(i) == "sure"}
        units = [(u, True) for u in _cues(sdoc, sure)]
        if self.reranker is not None:
            low = {i: p for i, p in scores.items() if tiers.get(i) == "weak"}
            # a weak word joined to a sure cue leaves that cue as it is: only cues of weak words alone
            apart = {
                i: low[i]
                for group in _units(sdoc, set(sure) | set(low))
                if not any(j in sure for j in group)
                for i in group
            }
            units += [(u, False) for u in _cues(sdoc, apart)]
        if not units:
            return []
        quotes = quote_depth(sdoc)
        heads = [min(u, key=lambda i: _depth(sdoc[i])) for u, is_sure in units if is_sure]
        tree, sure_ids = Tree(sdoc), set(sure)
        out = []
        for unit, is_sure in sorted(units):
            head = min((sdoc[i] for i in unit), key=lambda t: _depth(t))
            others = [t for t in sdoc if t.i not in unit]
            if not others:
                continue
            p = self.role.probabilities([role_features(head, t, quotes, sure_ids, tree) for t in others])
            labels = p.argmax(axis=1)
            source = [t for t, k in zip(others, labels) if k == 1]
            content = [t for t, k in zip(others, labels) if k == 2]
            att = _attribution(sdoc, offset, text, unit, head, source, content, lex, heads, self.speaker_nouns)
            if att is None:
                continue
            top = min(source, key=_depth) if source else None
            out.append(
                Candidate(
                    unit=unit,
                    head=head,
                    attribution=att,
                    score=max(scores.get(i, 0.0) for i in unit),
                    sure=is_sure,
                    listed=any(sdoc[i].lower_ in lex.cue_words_and_colon for i in unit),
                    source_p=float(np.mean([q[1] for q, k in zip(p, labels) if k == 1])) if source else 0.0,
                    content_p=float(np.mean([q[2] for q, k in zip(p, labels) if k == 2])) if content else 0.0,
                    source_head=top,
                    speaker_like=top is not None and _speaker_like(top, lex, self.speaker_nouns),
                )
            )
        mark_nested(out)
        return out

    def acts(self, sdoc) -> list[tuple[int, int]]:
        """The spans (offsets in the sentence) of the violent acts the events stage's trigger lexicon
        reads in a parsed sentence, its lexicon loaded once."""
        if self._triggers is None:
            from claimgraph.events.lexicon import TriggerLexicon

            self._triggers = TriggerLexicon.load()
        from claimgraph.events.detect import find_triggers

        return [(t.start, t.end) for t in find_triggers(sdoc.text, lex=self._triggers)]

    def sentence(self, sdoc, offset: int, text: str, lex: ClaimLexicon) -> list[Attribution]:
        found = self.candidates(sdoc, offset, text, lex)
        if found:
            acts = self.acts(sdoc)
            found = [c for c in found if not _acts(sdoc, c, lex, acts)]
        if self.reranker is not None:
            quotes = quote_depth(sdoc)
            kept = [
                c
                for c in found
                if self.reranker.probability(features(c, sdoc, quotes, len(found))) >= self.reranker.threshold
            ]
        else:
            # a cue the lexicons do not list needs more evidence; one without a source a surer cue
            kept = [c for c in found if c.listed or c.score >= self.unlisted_threshold]
        out = _shared_sources(sdoc, [(c.head.i, c.attribution, c.score) for c in kept])
        if self.reranker is not None:
            return [att for att, _ in out]
        return [att for att, score in out if att.source_start is not None or score >= self.sourceless_threshold]


# what a reporting verb governs as what is said: a clause ("said (that) ...", "urged them to ...")
_SAID_DEPS = frozenset(("ccomp", "xcomp", "parataxis"))


def _acts(sdoc, c: Candidate, lex: ClaimLexicon, acts: list[tuple[int, int]]) -> bool:
    """Whether a verb cue is an act, not a report: a verb the lexicons do not list that the events
    stage reads as a violent act (``acts``: its trigger spans, sentence offsets: "gunmen attacked the
    village", "stormed the market"), or a listed verb that speaks only through "that" (the lexicon's
    ``needs_complementiser``) answering such an act ("police responded to the shooting"), in both cases
    governing no clause, quotation, colon or speech object ("put the toll at", "gave his version"), the
    act's object a place or thing (``_act_object``). PolNeAR's cues take bare objects often ("praised the
    plan", "discussed the bill": 97 of 116 cues a complement-only test dropped on 40 train texts were
    gold; "attacked Clinton" is words), so only acts on places and things are dropped."""
    head = c.head
    if not head.tag_.startswith("VB") or head.lower_ == "according":
        return False
    listed = any(sdoc[i].lower_ in lex.cue_words_and_colon for i in c.unit)
    if listed and head.lower_ not in lex.needs_complementiser:
        return False
    if any(k.dep_ in _SAID_DEPS for k in head.children) or any(t.text in '“”"«»:' for t in sdoc[head.i + 1 :]):
        return False
    objects = [k for k in head.children if k.dep_ in ("dobj", "dative")]
    if any(o.lower_ in lex.speech_objects or o.lower_ in lex.noun_cues for o in objects):
        return False

    def is_act(t) -> bool:
        return any(a <= t.idx < b for a, b in acts)

    if not listed:
        return is_act(head) and any(_act_object(o, lex) for o in objects)
    answered = [g for k in head.children if k.dep_ == "prep" for g in k.children if g.dep_ == "pobj"]
    return not objects and any(is_act(g) for g in answered)


def _act_object(t, lex: ClaimLexicon) -> bool:
    """Whether an object is a place or thing an act is done to: a noun of the lexicon's ``act_objects``
    or a place name (the parse's GPE, LOC, FAC), not a person, group or idea."""
    return t.lower_ in lex.act_objects or t.ent_type_ in ("GPE", "LOC", "FAC")


def project_states(states: np.ndarray, context: dict[str, np.ndarray]) -> np.ndarray:
    """(words, 384) token states -> (words, k) the cue head's contextual features: standardised, onto the k
    principal directions of train's cue candidates, each direction scaled to unit spread."""
    return (((states - context["mean"]) / context["sd"]) @ context["basis"]) / context["scale"]


def _shared_sources(sdoc, found: list[tuple[int, Attribution, float]]) -> list[tuple[Attribution, float]]:
    """The attributions of a sentence (with their cue scores); one without a source whose cue is a
    clause of another cue's verb ("The army said ..., adding that ...") has that cue's source."""
    by_head = {i: att for i, att, _ in found}
    out = []
    for i, att, score in found:
        governor = by_head.get(sdoc[i].head.i)
        if att.source_start is None and sdoc[i].dep_ in _OWN_CLAUSE and governor is not None:
            att = replace(
                att,
                source_start=governor.source_start,
                source_end=governor.source_end,
                antecedent=governor.antecedent,
            )
        out.append((att, score))
    return out


def _stands_for(t):
    """The word a relative pronoun ``t`` stands for (the noun its relative clause hangs from: "websites
    which reported", "the commander, who said"), or None when ``t`` is no relative pronoun subject."""
    clause = t.head
    if t.tag_ not in ("WDT", "WP") or t.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "relcl":
        return None
    noun = clause.head
    return noun if noun.tag_.startswith(("NN", "PRP", "CD")) or noun.tag_ == "DT" else None


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?\"“”'’()[]") for w in text.split()]


def _below(t, head) -> bool:
    """Whether ``t`` is in ``head``'s subtree."""
    while t.head.i != t.i:
        t = t.head
        if t.i == head.i:
            return True
    return False


def _depth(t) -> int:
    d = 0
    while t.head.i != t.i:
        t, d = t.head, d + 1
    return d


def _units(sdoc, cue_ids: set[int]) -> list[list[int]]:
    """Cue words joined by the parse (a word and its head) or adjacent in the text."""
    parent = {i: i for i in cue_ids}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in cue_ids:
        for j in (sdoc[i].head.i, i + 1):
            if j in cue_ids and j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in sorted(cue_ids):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _speaker_like(head, lex: ClaimLexicon, learned: frozenset[str] = frozenset()) -> bool:
    """Whether a source's head word can say something: a pronoun, a name, a person, role, group or
    organisation noun of the lexicons, a noun heading sources in training (``learned``: "donors",
    "members"), or an evidence noun ("the report", "a poll")."""
    if head.tag_ in ("PRP", "NNP", "NNPS", "WP") or not head.tag_.startswith("NN"):
        return True
    low = head.lower_
    singular = low[:-1] if low.endswith("s") else low
    heads = lex.references.group_heads | lex.title_words | lex.person_heads
    return (
        low in heads
        or singular in heads
        or low in learned
        or singular in learned
        or low in lex.evidence_nouns
        or singular in lex.evidence_nouns
    )


def _content_word(t) -> bool:
    """A verb, noun or adjective (the parse's tags: the attribute ruler that sets .pos_ does not run)."""
    return t.tag_.startswith(("VB", "NN", "JJ")) or t.text == ":" or t.lower_ == "according"


def _cues(sdoc, cue_ids: dict[int, float]) -> list[list[int]]:
    """The cues of a sentence, each one stretch of words headed by a verb, noun, adjective, colon or
    "according": the cue words joined by the parse or adjacent (``_units``), then

    - a verb the parse hangs off another cue's verb, not next to it, is a cue of its own ("..., he
      said, citing ...", "saying", "referring to": PolNeAR gives each its own attribution);
    - a stretch of a cue two words or less from the head's (no punctuation between: "said in a
      statement", "made it clear") joins it, the words between too; one further away is left out."""
    out = []
    for unit in _units(sdoc, set(cue_ids)):
        runs = _runs(unit)
        head = min(unit, key=lambda i: _depth(sdoc[i]))
        main = next(r for r in runs if head in r)
        for run in runs:
            if run is main:
                continue
            top = min(run, key=lambda i: _depth(sdoc[i]))
            apart = run[0] > main[-1] + 1 or run[-1] < main[0] - 1
            if apart and sdoc[top].tag_.startswith("VB") and sdoc[top].dep_ in _OWN_CLAUSE:
                out.append(run)
            elif _gap_joins(sdoc, run, main):
                main = list(range(min(run[0], main[0]), max(run[-1], main[-1]) + 1))
        main = _headed(sdoc, main)
        if main is not None:
            out.append(main)
    return sorted(out)


# a verb in a clause of its own beside the cue's ("..., citing", "and accused"): not an infinitive
# ("asked him to call") or a complement clause ("said he believes": PolNeAR's cue is "said" alone)
_OWN_CLAUSE = frozenset(("advcl", "conj", "parataxis"))


def _runs(unit: list[int]) -> list[list[int]]:
    """``unit``'s words in stretches of adjacent words."""
    runs: list[list[int]] = []
    for i in sorted(unit):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _gap_joins(sdoc, run: list[int], main: list[int]) -> bool:
    """Whether ``run`` is within two words of ``main`` with no punctuation between."""
    lo, hi = (main[-1] + 1, run[0]) if run[0] > main[-1] else (run[-1] + 1, main[0])
    return hi - lo <= 2 and not any(sdoc[i].is_punct for i in range(lo, hi))


# what a word that can report does not hang from its verb as: an auxiliary ("has not (been verified)",
# "had (confirmed)", "were (stranded)"), a modal, a subordinator
_NOT_A_CUE_HEAD = frozenset(("aux", "auxpass", "mark"))


def _headed(sdoc, cue: list[int]) -> list[int] | None:
    """``cue`` when headed by a word that can report: a verb (not an auxiliary or modal), noun,
    adjective, colon or "according"; else None ("to", "about", "also", "had", "been" alone: the rest of
    a cue the model split, not a cue; taking the verb such a word modifies made more wrong cues than
    right ones on held-out train texts)."""
    head = sdoc[min(cue, key=lambda i: _depth(sdoc[i]))]
    if head.dep_ in _NOT_A_CUE_HEAD or head.tag_ == "MD":
        return None
    if head.text == ":" and any(t.tag_.startswith("VB") or t.lower_ == "according" for t in sdoc[: head.i]):
        # a colon cues only after a bare name or noun phrase ("Sanders: ...", a headline); after a
        # clause it is the clause's ("X told reporters: ...", "It is painstaking work: ...")
        return None
    return cue if _content_word(head) else None


# a speaker's clause that PolNeAR leaves out of the source more often than not ("Another source
# speaking to Fox News said", "..., who lives in Miami": acl 38 %, advcl 6 %, ccomp 10 % of train sources'
# heads' children of these kinds are inside their source): a source leaves out such a clause of its head
# word, and is widened to its words' subtrees without them
_NOT_IN_SOURCE = frozenset(("acl", "advcl", "ccomp", "dep"))


def _right_edge(t, source: bool) -> int:
    """The last word of ``t``'s subtree; for a source, before its first clause of ``_NOT_IN_SOURCE``."""
    if source:
        for c in t.rights:
            if c.dep_ in _NOT_IN_SOURCE:
                return max(t.i, c.left_edge.i - 1)
    return t.right_edge.i


def _stretch(sdoc, offset: int, text: str, tokens, cue=None, source: bool = False) -> Span | None:
    """From the first to the last of ``tokens``; with ``cue``, widened to the parse subtrees of the
    tokens that do not hold the cue (a phrase is not cut inside: "the streets of Dhaka")."""
    if not tokens:
        return None
    if cue is not None:
        tokens = _nearest_segment(sdoc, tokens, cue.i)
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    if cue is not None:
        inner = (first, last)
        for t in tokens:
            left, right = t.left_edge.i, _right_edge(t, source)
            if not left <= cue.i <= t.right_edge.i:
                first, last = min(first, left), max(last, right)
        first, last = _within_dashes(sdoc, first, last, *inner)
    s, e = trim_span(text, offset + sdoc[first].idx, offset + sdoc[last].idx + len(sdoc[last].text))
    return (s, e) if e > s else None


# a dash standing alone between words: what the parse hangs across one is another unit of the text
# (a dateline "ISLAMABAD, 15 September 2024 – The ministry said", "(Reuters) -", an aside)
_DASHES = frozenset(("-", "–", "—", "--", "|"))


def _lone_dash(sdoc, i: int) -> bool:
    """Whether token ``i`` is a dash with a space on each side (not the hyphen of "Tehreek-e-Taliban")."""
    return sdoc[i].text in _DASHES and bool(sdoc[i].whitespace_) and (i == 0 or bool(sdoc[i - 1].whitespace_))


def _nearest_segment(sdoc, tokens, cue: int) -> list:
    """The ``tokens`` between the same lone dashes as the one nearest the cue: a source or content is
    one unit of the text, and the parse may make a dateline's town a second subject."""
    dashes = [t.i for t in sdoc if _lone_dash(sdoc, t.i)]
    if not dashes:
        return list(tokens)
    segment = lambda i: sum(d < i for d in dashes)  # noqa: E731
    nearest = segment(min(tokens, key=lambda t: abs(t.i - cue)).i)
    return [t for t in tokens if segment(t.i) == nearest]


def _within_dashes(sdoc, first: int, last: int, inner_first: int, inner_last: int) -> tuple[int, int]:
    """``first``..``last`` (a widened span) cut at the nearest lone dash outside ``inner_first``..
    ``inner_last`` (the words the model chose), on each side."""
    for i in range(inner_first - 1, first - 1, -1):
        if _lone_dash(sdoc, i):
            first = i + 1
            break
    for i in range(inner_last + 1, last + 1):
        if _lone_dash(sdoc, i):
            last = i - 1
            break
    return first, last


# a closing quotation mark and the mark that opens its quotation
_QUOTE_PAIRS = {"”": "“", '"': '"', "»": "«", "''": "''"}
_QUOTE_REACH = 2000  # characters back to the opening mark: a quotation of a few sentences


def _quote_before(sdoc, offset: int, text: str, unit: list[int], source) -> Span | None:
    """The quotation ending just before a sentence that is only its speaker and cue ("“... We should
    never have been there.” Trump said.": the splitter ended the sentence inside the quotation), or
    None: the sentence must open with its source and cue, every word before the cue a source word."""
    if not source:
        return None
    before = {t.i for t in sdoc if t.i < unit[0] and (t.is_alpha or t.is_digit)}
    if not before or not before <= {t.i for t in source}:
        return None
    end = offset
    while end > 0 and text[end - 1].isspace():
        end -= 1
    mark = "''" if text.endswith("''", 0, end) else text[end - 1 : end]
    opening = _QUOTE_PAIRS.get(mark)
    if opening is None:
        return None
    close = end - len(mark)
    floor = max(text.rfind("\n\n", 0, close), close - _QUOTE_REACH, 0)
    start = text.rfind(opening, floor, close)
    if start < 0:
        return None
    s, e = trim_span(text, start + len(opening), close)
    return (s, e) if e > s else None


_SOURCE_CLAUSES = frozenset(("relcl", "acl", "advcl", "appos"))


def _without_clauses(source, held: list[int]) -> list:
    """``source`` without the subtrees of its words' clauses (``_SOURCE_CLAUSES``) that hold a word of
    ``held`` ("the sister of one detainee, who asked not to be named": the clause hangs from "detainee")."""
    drop: set[int] = set()
    for t in source:
        for c in t.children:
            if c.dep_ in _SOURCE_CLAUSES and any(c.left_edge.i <= i <= c.right_edge.i for i in held):
                drop.update(range(c.left_edge.i, c.right_edge.i + 1))
    # the commas around a dropped clause go with it: a comma left after it would stretch the source over it
    return [t for t in source if t.i not in drop and not (drop and t.is_punct)]


def _one_side(content, unit: list[int]) -> list:
    """The content words on one side of the cue, the side with more of them: a quotation the cue
    splits ("“...,” he said, “...”") has its two parts on either side, and one span over both would
    swallow the source and the cue."""
    left = [t for t in content if t.i < unit[0]]
    right = [t for t in content if t.i > unit[-1]]
    if not left or not right:
        return content
    return left if len(left) > len(right) else right


# what PolNeAR counts in a verb cue before the verb: of train's gold cues headed by a verb (the 5/6 of
# scripts/attribution_holdout.py), the verb's auxiliaries are inside the cue 96 % of the time ("has said"),
# passive auxiliaries 97 %, modals 94 %, negations 98 %, an adverb just before the verb 91 % ("also said");
# the decoding had left out a quarter to a third of them
_CUE_LEFT = frozenset(("aux", "auxpass", "neg", "advmod"))


def _cue_start(sdoc, unit: list[int]) -> int:
    """The first word of the cue ``unit``: its first word, or further left over the unbroken run of
    auxiliaries, modals, negations and adverbs of its verbs just before it ("will not (say)", "has
    also (said)")."""
    first = unit[0]
    verbs = {i for i in unit if sdoc[i].tag_.startswith("VB") or sdoc[i].tag_ == "MD"}
    while first > 0:
        t = sdoc[first - 1]
        if t.head.i not in verbs or t.dep_ not in _CUE_LEFT or t.is_punct or t.tag_ == "WRB":
            break  # a wh-adverb opens a clause of its own ("When comparing ...")
        first -= 1
        if t.tag_.startswith("VB") or t.tag_ == "MD":
            verbs.add(t.i)
    return first


def _attribution(
    sdoc, offset, text, unit, head, source, content, lex, others=(), learned: frozenset[str] = frozenset()
) -> Attribution | None:
    content = _one_side(content, unit)
    if content:
        content_span = _stretch(sdoc, offset, text, content, head)
    else:
        content_span = _quote_before(sdoc, offset, text, unit, source)
    if content_span is None:
        return None
    first, last = sdoc[_cue_start(sdoc, unit)], sdoc[unit[-1]]
    cue = (offset + first.idx, offset + last.idx + len(last.text))
    # a source is one stretch on one side of the cue, outside the content
    source = [t for t in source if not (content_span[0] <= offset + t.idx < content_span[1])]
    # a cue with a subject of its own: the source words outside the cue's subtree are another clause's
    # ("Taliban authorities have restricted access, and local reporters said ...")
    own = [t for t in source if t.i != head.i and head.left_edge.i <= t.i <= head.right_edge.i and _below(t, head)]
    if own and len(own) < len(source):
        source = own
    cue_class, kind = _cue_class(text, cue, lex)
    # a speech or belief verb of the lexicons may have any source ("the poll found"); another cue
    # needs a source that can speak: "the persistent attacks" challenge an assertion, say nothing
    says = cue_class in ("report", "belief") and any(sdoc[i].lower_ in lex.cue_words_and_colon for i in unit)
    if source and not says and not _speaker_like(min(source, key=_depth), lex, learned):
        return None
    if source and min(source, key=_depth).tag_.startswith("VB"):
        source = []  # a clause is no speaker ("(track and) arrest hundreds of smuggling (suspects)")
    if source:
        top = min(source, key=_depth)
        cut = _right_edge(top, True)
        source = [t for t in source if t.i <= cut or t.i > top.right_edge.i]
    source_span = _stretch(sdoc, offset, text, source, head, source=True)
    inside = lambda i: source_span is not None and source_span[0] <= offset + sdoc[i].idx < source_span[1]  # noqa: E731
    held = [i for i in others if i not in unit and inside(i)]
    if held:
        # a source holding another cue: without the clause of its head word that holds it ("the star
        # journalist, who is promoting his book, downplayed ..."), else no attribution
        source = _without_clauses(source, held)
        source_span = _stretch(sdoc, offset, text, source)  # not widened: that would take the clause back
        if source_span is None or any(inside(i) for i in held):
            return None
    if first.text == ":" and kind == "verb":
        kind = "phrase"
    stands_for = _antecedent_span(sdoc, offset, text, min(source, key=_depth)) if source_span else None
    root = sdoc[:].root
    covered = root.i in unit or any(t.i == root.i for t in content) or any(t.i == root.i for t in source)
    return Attribution(
        cue_start=cue[0],
        cue_end=cue[1],
        cue_class=cue_class,
        content_start=content_span[0],
        content_end=content_span[1],
        source_start=source_span[0] if source_span else None,
        source_end=source_span[1] if source_span else None,
        kind=kind,
        embedded=not covered,
        antecedent=stands_for,
    )


def _antecedent_span(sdoc, offset: int, text: str, top) -> Span | None:
    """The noun phrase a relative-pronoun source stands for, up to its relative clause ("IS sources" of
    "IS sources, which announced ..."), or None when the source is no relative pronoun."""
    noun = _stands_for(top)
    if noun is None:
        return None
    last = min(top.head.left_edge.i, top.i) - 1
    while last >= noun.left_edge.i and sdoc[last].is_punct:
        last -= 1
    if last < noun.i:
        return None
    s, e = trim_span(text, offset + sdoc[noun.left_edge.i].idx, offset + sdoc[last].idx + len(sdoc[last].text))
    return (s, e) if e > s else None


def model_attributions(
    text: str, sentences: list[Span], parsed: dict[int, object], model: AttributionModel, lex: ClaimLexicon
) -> tuple[list[list[Attribution]], set[int]]:
    """Like ``attribution.attributions_by_sentence``: each sentence's attributions (``parsed``: the
    spaCy doc of each candidate sentence by its index) and the sentences that only continue an
    earlier speaker's quotation."""
    own = {k: model.sentence(parsed[k], sentences[k][0], text, lex) for k in sorted(parsed)}
    out: list[list[Attribution]] = [[] for _ in sentences]
    absorbed: set[int] = set()
    for k in sorted(own):
        if k in absorbed:
            continue
        found = own[k]
        for n, att in enumerate(found):
            run_on = _run_on(text, att, sentences, k, own)
            if run_on is not None:
                found[n] = replace(att, content_end=run_on[0])
                absorbed.update(range(k + 1, run_on[1] + 1))
        out[k] = found
        start = sentences[k][0]
        # a quotation before its speaker's sentence (``_quote_before``) is that speaker's words
        absorbed.update(j for a in found if a.content_start < start for j in _inside(sentences, a.content_start, start))
    everything = [a for atts in out for a in atts]
    for k, atts in enumerate(out):
        out[k] = [
            replace(a, embedded=True)
            if not a.embedded and any(o is not a and o.content_start <= a.cue_start < o.content_end for o in everything)
            else a
            for a in atts
        ]
    for k in absorbed:
        out[k] = []
    return out, absorbed


def _inside(sentences: list[Span], start: int, end: int) -> list[int]:
    """The indexes of the sentences that lie within ``start``..``end`` (a quotation's words: the
    sentence may begin with the quotation's opening mark)."""
    return [j for j, (s, e) in enumerate(sentences) if s >= start - 2 and e <= end]


def _run_on(
    text: str, att: Attribution, sentences: list[Span], k: int, own: dict[int, list[Attribution]]
) -> tuple[int, int] | None:
    """(content end, last sentence) of ``att``'s quotation run on past sentence k (``_continuation``),
    stopped before the first later sentence with a speaker of its own ("“A. B,” she said." is her
    attribution, not the run-on of the quotation before it: an unbalanced straight quote in sentence k
    made it one)."""
    run_on = _continuation(text, att, sentences, k)
    if run_on is None:
        return None
    for j in range(k + 1, run_on[1] + 1):
        if any(a.source_start is not None for a in own.get(j, ())):
            if j == k + 1:
                return None
            return trim_span(text, att.content_start, sentences[j - 1][1])[1], j - 1
    return run_on


class LearnedAttribution:
    """The model and the pipeline's shared parses (events.parse.SentenceParses): what the claims
    stage calls in accurate mode in place of ``attributions_by_sentence``."""

    def __init__(self, model: AttributionModel, parses):
        self.model, self.parses = model, parses

    def __call__(self, text: str, sentences: list[Span], lex: ClaimLexicon) -> tuple[list[list[Attribution]], set[int]]:
        chosen = [k for k, (s, e) in enumerate(sentences) if self.model.is_candidate(text, s, e)]
        sdocs = self.parses.parse(text, [sentences[k] for k in chosen])
        found = model_attributions(text, sentences, dict(zip(chosen, sdocs)), self.model, lex)
        return with_rules(text, sentences, *found, lex)


def with_rules(
    text: str, sentences: list[Span], found: list[list[Attribution]], absorbed: set[int], lex: ClaimLexicon
) -> tuple[list[list[Attribution]], set[int]]:
    """The model's attributions, and the rules' (attribution.py) where none of the model's covers
    their cue (a nominal one, "the group's assertions of ...", where no cue of the model's does: it
    may be nested in the model's attribution): the lexicons know cue nouns and phrases ("assertions
    of", "as articulated by") that the model, trained on news verbs mostly, misses. A sentence the
    rules' quotation swallows is swallowed when the model found nothing in it."""
    rules, _ = attributions_by_sentence(text, sentences, lex)
    cues = [(a.cue_start, a.cue_end) for atts in found for a in atts]
    spans = cues + [
        (s, e)
        for atts in found
        for a in atts
        for s, e in ((a.content_start, a.content_end), (a.source_start, a.source_end))
        if s is not None
    ]
    out = [list(atts) for atts in found]
    absorbed = set(absorbed)
    for k, atts in enumerate(rules):
        if k in absorbed:
            continue
        for a in atts:
            if any(s < a.cue_end and a.cue_start < e for s, e in (spans if a.kind == "verb" else cues)):
                continue  # a nominal cue ("assertions of") may be nested in the model's attribution
            out[k].append(a)
            for j in range(k + 1, len(sentences)):
                if sentences[j][0] >= a.content_end or out[j]:
                    break
                if sentences[j][1] <= a.content_end + 2:
                    absorbed.add(j)
        out[k].sort(key=lambda a: a.cue_start)
    return out, absorbed


def claim_spans(text: str, att: Attribution, lex: ClaimLexicon) -> Attribution:
    """The claim stage's reading of a learned attribution: PolNeAR, which the model learned from,
    counts auxiliaries and adverbs in the cue ("have unequivocally denied") and the complementiser
    in the content ("that the rebels ..."); a claim's cue is the cue word itself (the words the
    lexicons list, where they list one) and its content what is said, as the rules give them; its
    speaker is what a relative pronoun stands for ("websites" of "websites, which reported ...")."""
    tokens = tokenize(text, att.cue_start, att.cue_end)
    cue = (att.cue_start, att.cue_end)
    listed = [t for t in tokens if t.lower in lex.cue_words]
    if att.kind in ("preposition", "phrase") or not listed:
        k = 0
        while k + 1 < len(tokens) and _skippable(tokens[k], lex):
            k += 1
        if tokens:
            cue = (tokens[k].start, att.cue_end)
    else:  # "made unsubstantiated allegations": the cue word the lexicons list
        cue = (listed[0].start, listed[-1].end)
    content = tokenize(text, att.content_start, att.content_end)
    c_start = att.content_start
    if len(content) > 1 and content[0].lower in lex.complementisers:
        c_start = content[1].start
    # a relative pronoun speaks for the words it stands for: "which" is no speaker
    source = att.antecedent or (att.source_start, att.source_end)
    if cue == (att.cue_start, att.cue_end) and c_start == att.content_start and att.antecedent is None:
        return att
    return replace(
        att, cue_start=cue[0], cue_end=cue[1], content_start=c_start, source_start=source[0], source_end=source[1]
    )
