"""The learned event model of the accurate mode: trigger detection and typing, then roles, over a
dependency parse of the sentences a cheap test flags.

``EventModel`` holds three small logistic-regression heads (numpy arrays, no sklearn at run time): the
sentence and trigger heads trained by scripts/train_events.py (data/models/events_model.npz, their labels
and vocabulary in events_model.json), the role head by scripts/train_event_roles.py
(data/models/events_roles.npz + .json), and the pinned spaCy parser (``events.parse``):
- every verb or common noun of a parsed sentence gets a probability per event type (or none), from
  its word, lemma, tag, dependency, head and children, the trigger lexicon's opinion and static
  MiniLM vectors, combined with a sentence head's probabilities (its words, the lexicon's types, its
  mean vector); the most probable token of each type found stands for the sentence's event of that
  type, so tense, voice, headline and nominal styles are read the same way;
- every noun-phrase head gets a role for each event (actor1, actor2, victims, place, time,
  instrument, or none) from its dependency path to the trigger, the trigger's voice and type and the
  entity stage's type for it: "Nine villagers were killed by rebels" gives the agent as actor1 and the
  passive subject as victims.

A sentence written in capitals is parsed in its words' usual casing (``nlp.truecase``), offsets kept.

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
    bucket,
    in_vocabulary,
    is_role_candidate,
    is_trigger_candidate,
    role_features,
    sentence_features,
    shared_word_vectors,
    trigger_dense,
    trigger_features,
    vocabulary_stems,
)
from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.parse import parse_spans, shared_parser
from claimgraph.events.roles import role_span
from claimgraph.link.embeddings import STATIC_MODEL_DIR
from claimgraph.model import Mention
from claimgraph.nlp.truecase import Truecaser

MODEL_NAME = "events_model"
ROLE_MODEL_NAME = "events_roles"
# a word is an event's trigger when the token head finds that more likely than not, not only when one
# type beats "none" (the probability of an event spreads over related types); its type is the likeliest
# with the sentence head's. The sentence head does not decide *whether*: it is sure an event sentence
# is one, and would make any verb of it ("gave", "entered") an event.
EVENT_PROBABILITY = 0.5
# ... or when the sentence head is sure the sentence reports an event (P(none) <= SENTENCE_SURE) and the
# word, at least AGREED_EVENT_PROBABILITY an event by itself, is read as that same type: the token head
# learns from lines where every word but the one marked trigger is "none", so it under-rates the trigger of
# a sentence whose other words also sound like events. At most one event per sentence comes in this way (the
# sentence's type), and none where a word of that type is already an event. Both values were chosen by
# two-fold cross-validation on the TRAIN lines and SATP train (never dev): synthetic type weighted F1 0.762
# -> 0.799, SATP-train example F1 0.766 -> 0.765; 0.1/0.1 scored 0.807 there but lets a word of 10% in.
AGREED_EVENT_PROBABILITY = 0.2
SENTENCE_SURE = 0.2
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
        truecaser: Truecaser | None = None,
    ):
        if sentences.labels != triggers.labels:
            raise ModelUnavailable("the sentence and trigger heads of the event model have different labels")
        self.sentences, self.triggers, self.roles, self.vocabulary = sentences, triggers, roles, vocabulary
        self.stems = vocabulary_stems(vocabulary)
        self.lexicon, self.parser, self.truecaser = lexicon, parser, truecaser
        self.vectors = shared_word_vectors(STATIC_MODEL_DIR)

    @classmethod
    def load(
        cls, lexicon: TriggerLexicon | None = None, directory: Path | None = None, *, truecase: bool = True
    ) -> EventModel:
        """The shipped model and the pinned parser (~1 s: build it once per run, as the component does).
        ``truecase``: parse sentences written in capitals truecased (else lower-cased)."""
        directory = directory if directory is not None else model_dir()
        sentence, trigger = load_heads(directory, MODEL_NAME, ("sentence", "trigger"))
        (role,) = load_heads(directory, ROLE_MODEL_NAME, ("role",))
        meta = json.loads((directory / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
        lexicon = lexicon if lexicon is not None else TriggerLexicon.load()
        truecaser = Truecaser.load() if truecase else None
        return cls(sentence, trigger, role, frozenset(meta["vocabulary"]), lexicon, shared_parser(), truecaser)

    # -- which sentences to parse -----------------------------------------------------------------

    def lexicon_triggers(self, text: str, start: int, end: int) -> list[Trigger]:
        return find_triggers(text, start, end, self.lexicon)

    def is_candidate(self, text: str, start: int, end: int, lexicon_hits: list[Trigger]) -> bool:
        return bool(lexicon_hits) or any(in_vocabulary(w, self.stems) for w in _WORDS.findall(text[start:end].lower()))

    def parse(self, text: str, spans: list[tuple[int, int]]) -> list:
        """spaCy docs of ``text``'s spans, shared with the other stages that parse the document
        (``events.parse.parse_spans``); a sentence written in capitals (old wires, headlines) is parsed
        truecased (lower-cased where truecasing is off), which keeps its offsets."""
        return parse_spans(text, spans, self.parser, truecaser=self.truecaser)

    # -- reading one parsed sentence -----------------------------------------------------------------

    def read(
        self, sdoc, offset: int, text: str, lexicon_hits: list[Trigger], mentions: tuple[Mention, ...] = ()
    ) -> list[SentenceEvent]:
        """The events of one parsed sentence (``sdoc``, starting at ``offset`` in ``text``): the most
        probable trigger of each type found, with its roles (``mentions``: the entity stage's, for their
        types)."""
        candidates = [t for t in sdoc if is_trigger_candidate(t, self.stems)]
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
        sentence = self.sentences.probabilities([sentence_features(sdoc, sentence_types)], sentence_vector[None])[0]
        probs = combined(token_probs, sentence)
        none = self.triggers.labels.index(NONE)
        best: dict[str, tuple[float, object, float]] = {}  # type -> (type probability, token, event probability)
        for token, p, own in zip(candidates, probs, token_probs):
            label = is_event(own, sentence, p, none)
            if label is None:
                continue
            name = self.triggers.labels[label]
            if name not in best or p[label] > best[name][0]:
                best[name] = (float(p[label]), token, event_confidence(own, sentence, none))
        present = set(best)
        kinds = token_kinds(sdoc, offset, mentions) if best else {}
        out = []
        for name, (_, token, event_probability) in best.items():
            if self.lexicon.subsumed_by.get(name, frozenset()) & present:
                continue
            start, end = _trigger_extent(token)
            s, e = offset + sdoc[start].idx, offset + sdoc[end - 1].idx + len(sdoc[end - 1])
            trigger = Trigger(s, e, text[s:e], name, round(event_probability, 3))
            out.append(SentenceEvent(trigger, self.read_roles(sdoc, token, name, offset, text, kinds)))
        out.sort(key=lambda ev: ev.trigger.start)
        return out

    def read_roles(
        self, sdoc, trigger, event_type: str, offset: int, text: str, kinds: dict[int, str] | None = None
    ) -> dict[str, tuple[int, int, str]]:
        """Each role's most probable phrase head (one phrase per role; a head takes one role).
        ``kinds``: token index -> the entity stage's type of the mention it is in."""
        kinds = kinds or {}
        cands, rows = [], []
        for token in sdoc:
            if not is_role_candidate(token, trigger):
                continue
            feats = role_features(trigger, token, event_type, kinds)
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
            if role == "A1" and token.dep_ == "nsubj" and token.head.i == trigger.i and is_headline_participle(trigger):
                # "Mayor's aide gunned down in Guerrero": the parser reads a past tense; the subject is acted on
                acted_on = [self.roles.labels.index(r) for r in ("VIC", "A2") if r in self.roles.labels]
                label = max(acted_on, key=lambda i: p[i])
                role = self.roles.labels[label]
            if role not in chosen or p[label] > chosen[role][0]:
                chosen[role] = (float(p[label]), token)
        out = {}
        for role, (_, token) in chosen.items():
            start, end = role_span(token, role)
            s, e = offset + sdoc[start].idx, offset + sdoc[end - 1].idx + len(sdoc[end - 1])
            out[role] = (s, e, text[s:e])
        return out


# what makes a past-tense verb active: an auxiliary ("had killed"), an object or a clause it governs
_ACTIVE_CHILDREN = frozenset(("aux", "dobj", "dative", "attr", "ccomp", "xcomp", "iobj"))


def is_headline_participle(trigger) -> bool:
    """A headline's passive participle the parser read as a past tense: "Policeman shot dead in Quetta", "Mayor's
    aide gunned down" (a past-tense verb with a subject, no auxiliary or object, in a line without a full stop)."""
    if trigger.tag_ != "VBD":
        return False
    if any(c.dep_ in _ACTIVE_CHILDREN for c in trigger.children):
        return False
    last = trigger.doc[-1]
    return last.text not in (".", "!", "?") and any(c.dep_ == "nsubj" for c in trigger.children)


def is_event(own: np.ndarray, sentence: np.ndarray, joint: np.ndarray, none: int) -> int | None:
    """The type (label index) of a word read as an event, None when it is not one: the token head's
    call (``own``: its probabilities), or the sentence head's (``sentence``) where both agree on the type
    (``joint``: the combined probabilities) and the word is likely enough by itself (see
    AGREED_EVENT_PROBABILITY)."""
    label = int(np.where(np.arange(len(joint)) == none, -1.0, joint).argmax())
    if own[none] < EVENT_PROBABILITY:
        return label
    if 1.0 - own[none] < AGREED_EVENT_PROBABILITY or sentence[none] > SENTENCE_SURE:
        return None
    told = int(np.where(np.arange(len(sentence)) == none, -1.0, sentence).argmax())
    return label if label == told else None


def event_confidence(own: np.ndarray, sentence: np.ndarray, none: int) -> float:
    """How sure the model is that a word it reads as an event is one: the token head's probability, or,
    for a word the sentence head vouches for (``is_event``), the geometric mean of the two heads'."""
    word = 1.0 - float(own[none])
    return word if word > EVENT_PROBABILITY else float(np.sqrt(word * (1.0 - float(sentence[none]))))


def load_heads(directory: Path, name: str, heads: tuple[str, ...]) -> list[Head]:
    """The named heads of the model files ``directory/name.npz`` and ``.json``."""
    try:
        meta = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        arrays = np.load(directory / f"{name}.npz")
        out = [
            Head(
                arrays[f"{head}_sparse"].astype(np.float32),
                arrays[f"{head}_dense"].astype(np.float32),
                arrays[f"{head}_bias"].astype(np.float32),
                tuple(meta[f"{head}_labels"]),
            )
            for head in heads
        ]
    except (OSError, KeyError, ValueError) as exc:
        raise ModelUnavailable(f"{directory}/{name}.*: cannot load the event model: {exc}") from exc
    if meta.get("hash_dim") != HASH_DIM:
        raise ModelUnavailable(f"{directory}/{name}.json: hash_dim {meta.get('hash_dim')} != {HASH_DIM}")
    return out


def token_kinds(sdoc, offset: int, mentions: tuple[Mention, ...]) -> dict[int, str]:
    """Token index -> the type of the entity mention holding it ("Organisation", "Person", ...; an
    ontology actor's own type, such as "armed_group", after a colon)."""
    out: dict[int, str] = {}
    if not mentions:
        return out
    end = offset + (sdoc[-1].idx + len(sdoc[-1]) if len(sdoc) else 0)
    inside = [m for m in mentions if m.start < end and m.end > offset]
    for token in sdoc:
        s = offset + token.idx
        for m in inside:
            if m.start <= s < m.end:
                out[token.i] = f"{m.type}:{m.actor_type}" if m.actor_type else m.type
                break
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
