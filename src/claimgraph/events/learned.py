"""The learned event model of the accurate mode: trigger detection and typing, then roles, over a
dependency parse of the sentences a cheap test flags.

``EventModel`` holds three small logistic-regression heads trained by scripts/train_events.py (numpy
arrays in data/models/events_model.npz, their labels and vocabulary in events_model.json; no sklearn
at run time) and the pinned spaCy parser (``events.parse``):
- every verb or common noun of a parsed sentence gets a probability per event type (or none), from
  its word, lemma, tag, dependency, head and children, the trigger lexicon's opinion and static
  MiniLM vectors, combined with a sentence head's probabilities (its words, the lexicon's types, its
  mean vector); the most probable token of each type found stands for the sentence's event of that
  type, so tense, voice, headline and nominal styles are read the same way;
- every noun-phrase head gets a role for each event (actor1, actor2, victims, place, time,
  instrument, or none) from its dependency path to the trigger and the trigger's voice: "Nine
  villagers were killed by rebels" gives the agent as actor1 and the passive subject as victims.

A sentence is parsed only when it holds a word seen as a trigger in training or a trigger lexicon
match: most sentences of an article report nothing and cost no parse.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from claimgraph.events.detect import Trigger, find_triggers
from claimgraph.events.features import (
    HASH_DIM,
    WordVectors,
    bucket,
    is_role_candidate,
    is_trigger_candidate,
    phrase_span,
    role_features,
    sentence_features,
    trigger_dense,
    trigger_features,
)
from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.parse import SentenceParses, load_parser
from claimgraph.link.embeddings import STATIC_MODEL_DIR

MODEL_NAME = "events_model"
# a word is an event's trigger when the token head finds that more likely than not, not only when one
# type beats "none" (the probability of an event spreads over related types); its type is the likeliest
# with the sentence head's. The sentence head does not decide *whether*: it is sure an event sentence
# is one, and would make any verb of it ("gave", "entered") an event.
EVENT_PROBABILITY = 0.5
NONE = "NONE"
_WORDS = re.compile(r"[a-z]+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# a right-hand child that belongs to the trigger's words: "shot dead", "blew up", "set ablaze"
_TRIGGER_TAIL = frozenset(("prt", "acomp", "oprd"))
# a left-hand child that does: "car bomb", "suicide attack", "air strike"
_TRIGGER_HEAD = frozenset(("compound",))


class ModelUnavailable(ValueError):
    """The learned event model's files are missing or unreadable."""


@dataclass(frozen=True)
class Head:
    """One logistic-regression head: hashed sparse weights, dense weights, bias, labels."""

    sparse: np.ndarray  # HASH_DIM x labels
    dense: np.ndarray  # dense features x labels
    bias: np.ndarray
    labels: tuple[str, ...]

    def probabilities(self, features: list[list[str]], dense: np.ndarray) -> np.ndarray:
        scores = np.stack([self.sparse[[bucket(f) for f in row]].sum(axis=0) for row in features])
        scores = scores.astype(np.float32) + dense @ self.dense + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class SentenceEvent:
    """One event the model reads in a sentence: its trigger (clean offsets) and role spans."""

    trigger: Trigger
    roles: dict[str, tuple[int, int, str]]  # role -> (start, end, text), clean offsets


def model_dir() -> Path:
    return Path(str(resources.files("claimgraph") / "data" / "models"))


class EventModel:
    def __init__(
        self,
        sentences: Head,
        triggers: Head,
        roles: Head,
        vocabulary: frozenset[str],
        lexicon: TriggerLexicon,
        parser,
        parses: SentenceParses | None = None,
    ):
        if sentences.labels != triggers.labels:
            raise ModelUnavailable("the sentence and trigger heads of the event model have different labels")
        self.sentences, self.triggers, self.roles, self.vocabulary = sentences, triggers, roles, vocabulary
        self.lexicon, self.parser = lexicon, parser
        # the pipeline's shared parses (Resources.parses: the claims stage reads them too), else its own
        self.parses = parses if parses is not None else SentenceParses(parser)
        self.vectors = WordVectors(STATIC_MODEL_DIR)

    @classmethod
    def load(
        cls, lexicon: TriggerLexicon | None = None, directory: Path | None = None, parses: SentenceParses | None = None
    ) -> EventModel:
        """The shipped model and the pinned parser (~1 s: build it once per run, as the component does);
        ``parses``: the pipeline's shared parses (and their parser), where the caller has them."""
        directory = directory if directory is not None else model_dir()
        try:
            meta = json.loads((directory / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
            arrays = np.load(directory / f"{MODEL_NAME}.npz")
            heads = [
                Head(
                    arrays[f"{name}_sparse"].astype(np.float32),
                    arrays[f"{name}_dense"].astype(np.float32),
                    arrays[f"{name}_bias"].astype(np.float32),
                    tuple(meta[f"{name}_labels"]),
                )
                for name in ("sentence", "trigger", "role")
            ]
        except (OSError, KeyError, ValueError) as exc:
            raise ModelUnavailable(f"{directory}/{MODEL_NAME}.*: cannot load the event model: {exc}") from exc
        if meta.get("hash_dim") != HASH_DIM:
            raise ModelUnavailable(f"{directory}/{MODEL_NAME}.json: hash_dim {meta.get('hash_dim')} != {HASH_DIM}")
        lexicon = lexicon if lexicon is not None else TriggerLexicon.load()
        parser = parses.parser if parses is not None else load_parser()
        return cls(*heads, frozenset(meta["vocabulary"]), lexicon, parser, parses)

    # -- which sentences to parse -----------------------------------------------------------------

    def lexicon_triggers(self, text: str, start: int, end: int) -> list[Trigger]:
        return find_triggers(text, start, end, self.lexicon)

    def is_candidate(self, text: str, start: int, end: int, lexicon_hits: list[Trigger]) -> bool:
        return bool(lexicon_hits) or any(w in self.vocabulary for w in _WORDS.findall(text[start:end].lower()))

    def parse(self, text: str, spans: list[tuple[int, int]]) -> list:
        """spaCy docs of ``text``'s spans, through the shared parses (events.parse.SentenceParses)."""
        return self.parses.parse(text, spans)

    # -- reading one parsed sentence -----------------------------------------------------------------

    def read(self, sdoc, offset: int, text: str, lexicon_hits: list[Trigger]) -> list[SentenceEvent]:
        """The events of one parsed sentence (``sdoc``, starting at ``offset`` in ``text``): the most
        probable trigger of each type found, with its roles."""
        candidates = [t for t in sdoc if is_trigger_candidate(t, self.vocabulary)]
        if not candidates:
            return []
        typed = {}
        for hit in lexicon_hits:
            for t in sdoc:
                if hit.start <= offset + t.idx < hit.end:
                    typed[t.i] = hit.type
        sentence_types = {h.type for h in lexicon_hits}
        sentence_vector = self.vectors.mean([t.lower_ for t in sdoc if t.is_alpha])
        rows = [trigger_features(t, typed, sentence_types) for t in candidates]
        dense = np.stack([trigger_dense(t, self.vectors, sentence_vector) for t in candidates])
        token_probs = self.triggers.probabilities(rows, dense)
        probs = combined(
            token_probs,
            self.sentences.probabilities([sentence_features(sdoc, sentence_types)], sentence_vector[None])[0],
        )
        none = self.triggers.labels.index(NONE)
        best: dict[str, tuple[float, object, float]] = {}  # type -> (type probability, token, event probability)
        for token, p, own in zip(candidates, probs, token_probs):
            if own[none] >= EVENT_PROBABILITY:  # whether a word is an event is the token head's call
                continue
            label = int(np.where(np.arange(len(p)) == none, -1.0, p).argmax())
            name = self.triggers.labels[label]
            if name not in best or p[label] > best[name][0]:
                best[name] = (float(p[label]), token, 1.0 - float(own[none]))
        present = set(best)
        out = []
        for name, (_, token, event_probability) in best.items():
            if self.lexicon.subsumed_by.get(name, frozenset()) & present:
                continue
            start, end = _trigger_extent(token)
            s, e = offset + sdoc[start].idx, offset + sdoc[end - 1].idx + len(sdoc[end - 1])
            trigger = Trigger(s, e, text[s:e], name, round(event_probability, 3))
            out.append(SentenceEvent(trigger, self.read_roles(sdoc, token, name, offset, text)))
        out.sort(key=lambda ev: ev.trigger.start)
        return out

    def read_roles(self, sdoc, trigger, event_type: str, offset: int, text: str) -> dict[str, tuple[int, int, str]]:
        """Each role's most probable phrase head (one phrase per role; a head takes one role)."""
        cands, rows = [], []
        for token in sdoc:
            if not is_role_candidate(token, trigger):
                continue
            feats = role_features(trigger, token, event_type)
            if feats is not None:
                cands.append(token)
                rows.append(feats)
        if not cands:
            return {}
        dense = np.stack([self.vectors.word(t.lower_) for t in cands])
        probs = self.roles.probabilities(rows, dense)
        none = self.roles.labels.index(NONE)
        chosen: dict[str, tuple[float, object]] = {}
        for token, p in zip(cands, probs):
            label = int(p.argmax())
            if label == none:
                continue
            role = self.roles.labels[label]
            if role == "A1" and token.dep_ == "nsubjpass":
                continue  # the subject of a passive is acted on: "Nine villagers were killed by rebels"
            if role not in chosen or p[label] > chosen[role][0]:
                chosen[role] = (float(p[label]), token)
        out = {}
        for role, (_, token) in chosen.items():
            start, end = phrase_span(token)
            s, e = offset + sdoc[start].idx, offset + sdoc[end - 1].idx + len(sdoc[end - 1])
            out[role] = (s, e, text[s:e])
        return out


def combined(tokens: np.ndarray, sentence: np.ndarray) -> np.ndarray:
    """Each token's type probabilities with its sentence's, as a product of experts (the normalised
    geometric mean), for the type of a word the token head calls an event: the sentence head knows
    which type the whole sentence speaks of ("the blast" in a sentence about a suicide bomber)."""
    joint = np.sqrt(tokens * (sentence if sentence.ndim == 2 else sentence[None, :]))
    return joint / joint.sum(axis=1, keepdims=True)


def _trigger_extent(token) -> tuple[int, int]:
    start, end = token.i, token.i + 1
    for child in token.children:
        if child.dep_ in _TRIGGER_TAIL and child.i == end:
            end += 1
        if child.dep_ in _TRIGGER_HEAD and child.i == start - 1:
            start -= 1
    return start, end


def strip_article(text: str) -> str:
    return _ARTICLE.sub("", text)
