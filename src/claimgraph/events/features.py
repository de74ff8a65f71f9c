"""Features of the learned event model, shared by scripts/train_events.py and the run time, so that
training and prediction compute exactly the same thing.

A *trigger candidate* is a verb or common noun of a parsed sentence; its features are sparse strings
(the word, lemma, tag, dependency, head, children, the words around it, the trigger lexicon's type
for it and for the sentence) hashed into ``HASH_DIM`` buckets, plus dense static MiniLM vectors of the
word, its head and the sentence. A *role candidate* is the head of a noun phrase in the same sentence;
its features describe the dependency path from the trigger to it ("nsubjpass", "agent/pobj",
"prep:in/pobj"), the trigger's voice, and the phrase itself.
"""

from __future__ import annotations

import functools
import json
import zlib
from pathlib import Path

import numpy as np

from claimgraph.link.wordpiece import WordPiece

HASH_DIM = 1 << 16
TRIGGER_TAGS = ("VB", "NN")  # verbs and nouns (not proper names) may express an event
ROLE_TAGS = ("NN", "PRP", "CD")  # heads of the phrases a role may take
# children that belong to a role's phrase: "at least 30 villagers", "the army's", "North Waziristan"
PHRASE_DEPS = frozenset("det amod compound nummod poss quantmod nmod predet case nn npadvmod advmod".split())
# children that end a noun phrase's span on either side
OUTSIDE_DEPS = frozenset("prep relcl acl appos punct cc conj advcl".split())


_HAVE = frozenset(("have", "has", "had", "having", "'ve"))
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude stem standing for a lemma ("killed", "kills", "killing" -> "kill"): spaCy's lemmatizer
    needs its attribute ruler, which costs a third of the parse."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode()) & (HASH_DIM - 1)


def hashed_sums(table: np.ndarray, rows: list[list[int]]) -> np.ndarray:
    """(len(rows), table columns): for each row of bucket ids, the sum of those rows of ``table`` (a hashed
    logistic-regression head's weights), bit for bit what ``table[row].sum(axis=0)`` gives row by row. The
    rows of one length are gathered and summed together: numpy sums a (k, n, c) array along its middle axis
    as it sums each (n, c) along its first (pairwise for one column, in order for more), and one gather per
    length costs less than one per row (the attribution heads' ~20 rows per call: 13.7 -> 8.7 ms CPU per
    5.8 KB document; the learned event heads' few rows per call gained nothing, so they sum row by row)."""
    by_length: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        by_length.setdefault(len(row), []).append(i)
    out = np.empty((len(rows), table.shape[1]), dtype=table.dtype)
    for members in by_length.values():
        out[members] = table[np.array([rows[i] for i in members], dtype=np.intp)].sum(axis=1)
    return out


class WordVectors:
    """Static MiniLM vectors (data/models/minilm_static) of single words: the mean of their word
    pieces' rows, remembered per word for one model (bounded)."""

    def __init__(self, directory: Path):
        meta = json.loads((directory / "meta.json").read_text())
        self.table = np.load(directory / "embeddings.npy").astype(np.float32)
        self.tokenizer = WordPiece(directory)
        self.unk = meta.get("unk_token_id")
        self.dim = int(self.table.shape[1])
        self._zero = np.zeros(self.dim, dtype=np.float32)
        self._cache: dict[str, np.ndarray] = {}

    def word(self, word: str) -> np.ndarray:
        found = self._cache.get(word)
        if found is None:
            ids = [i for i in self.tokenizer.ids(word) if i != self.unk]
            found = self.table[ids].mean(axis=0) if ids else self._zero
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[word] = found
        return found

    def mean(self, words: list[str]) -> np.ndarray:
        if not words:
            return self._zero
        v = np.mean([self.word(w) for w in words], axis=0)
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v


@functools.cache
def shared_word_vectors(directory: Path) -> WordVectors:
    """The one ``WordVectors`` of ``directory`` in a process: the learned events, the attribution cue head and the
    status model read the same words of a document, so one table (~15 MB) and one cache of word vectors serve
    all three (the same vectors, computed once)."""
    return WordVectors(directory)


def vocabulary_stems(vocabulary) -> frozenset[str]:
    """The stems of the model's trigger words. The words are the forms the corpus used as triggers; a
    sentence holding another inflection of one ("kills", "killing" where only "killed" was seen) names
    the same event and must reach the parser too."""
    return frozenset(stem(w) for w in vocabulary)


def in_vocabulary(word: str, stems: frozenset[str]) -> bool:
    return stem(word) in stems


def is_trigger_candidate(token, stems: frozenset[str] = frozenset()) -> bool:
    """A verb or common noun; a capitalised word the tagger calls a name counts when its stem is one of
    ``stems`` (``vocabulary_stems`` of the model's trigger words): "Drought grips Somalia", "Sarin attack"
    in headline case."""
    if not token.is_alpha or not token.tag_.startswith(TRIGGER_TAGS):
        return False
    return token.tag_ not in ("NNP", "NNPS") or in_vocabulary(token.lower_, stems)


def is_passive(token) -> bool:
    """A passive verb: "were killed", "was abducted by", or a participle headline "Policeman shot dead"."""
    deps = {c.dep_ for c in token.children}
    if "auxpass" in deps or "nsubjpass" in deps or "agent" in deps:
        return True
    return token.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lower_ in _HAVE for c in token.children)


def trigger_features(token, lexicon_types: dict[int, str], sentence_types: set[str]) -> list[str]:
    """Sparse features of a trigger candidate; ``lexicon_types``: token index → the trigger lexicon's
    type for it; ``sentence_types``: all the lexicon's types in the sentence."""
    lower, lemma = token.lower_, stem(token.lower_)
    head = token.head
    doc = token.doc
    out = [
        "bias",
        f"w={lower}",
        f"l={lemma}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"sfx={lower[-3:]}",
        f"hl={stem(head.lower_)}",
        f"hd={head.dep_}",
        f"l+d={lemma}|{token.dep_}",
        f"l+t={lemma}|{token.tag_}",
        f"pass={is_passive(token)}" if token.tag_.startswith("VB") else "noun",
    ]
    if token.i > 0:
        out.append(f"p1={doc[token.i - 1].lower_}")
    if token.i + 1 < len(doc):
        out.append(f"n1={doc[token.i + 1].lower_}")
        out.append(f"l+n1={lemma}|{doc[token.i + 1].lower_}")
    for child in token.children:
        out.append(f"c:{child.dep_}={stem(child.lower_)}")
        out.append(f"l+c:{lemma}|{child.dep_}={stem(child.lower_)}")
        if child.dep_ == "prep":
            out.extend(f"l+pp:{lemma}|{child.lower_}={stem(g.lower_)}" for g in child.children if g.dep_ == "pobj")
    out.extend(_context_features(token, lemma))
    typed = lexicon_types.get(token.i)
    out.append(f"lex={typed}")
    out.extend(f"slex={t}" for t in sentence_types)
    out.extend(f"slex+l={t}|{lemma}" for t in sentence_types)
    return out


# clause markers under which a word reports no event that happened: "if", "unless", "before", "until"
_CONDITIONAL = frozenset(("if", "unless", "until", "whether", "lest"))


def _context_features(token, lemma: str) -> list[str]:
    """Where the word stands: negated ("did not attack"), under a modal ("could attack", "will
    meet"), the complement of another verb ("threatened to kill", "plans to attack", "took part"),
    inside a conditional clause, and its grandparent. The same word is an event in one frame and not
    in another; the lexicon cannot tell them apart."""
    head = token.head
    out = [f"hl+d={stem(head.lower_)}|{token.dep_}", f"gl={stem(head.head.lower_)}"]
    for child in token.children:
        if child.dep_ == "neg":
            out.append("neg")
        elif child.tag_ == "MD":
            out.append(f"md={child.lower_}")
            out.append(f"l+md={lemma}|{child.lower_}")
        elif child.dep_ == "mark":
            out.append(f"mark={child.lower_}")
    if token.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp"):
        out.append(f"clause={token.dep_}|{stem(head.lower_)}")
    ancestors = [token, *list(token.ancestors)[:4]]
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for a in ancestors for c in a.children):
        out.append("conditional")
    if any(c.dep_ == "neg" for a in ancestors[1:] for c in a.children):
        out.append("neg_above")
    return out


def sentence_features(sdoc, sentence_types: set[str]) -> list[str]:
    """Sparse features of a whole sentence for its type: its word stems and stem pairs, and the trigger
    lexicon's types in it ("suicide" or "grenade" anywhere in the sentence types the blast)."""
    stems = [stem(t.lower_) for t in sdoc if t.is_alpha]
    out = ["bias", *(f"s={w}" for w in stems), *(f"slex={t}" for t in sentence_types)]
    out.extend(f"s2={a}|{b}" for a, b in zip(stems, stems[1:]))
    return out


def trigger_dense(token, vectors: WordVectors, sentence_vector: np.ndarray) -> np.ndarray:
    return np.concatenate([vectors.word(token.lower_), vectors.word(token.head.lower_), sentence_vector])


def _path(trigger, token) -> str | None:
    """The dependency path from ``trigger`` to ``token`` through their lowest common ancestor: steps
    up ("^dep") then down ("dep", a preposition as "prep:word"); None past 4 steps."""
    up = [trigger]
    while up[-1].head is not up[-1] and len(up) < 6:
        up.append(up[-1].head)
    down = [token]
    while down[-1] not in up and down[-1].head is not down[-1] and len(down) < 6:
        down.append(down[-1].head)
    if down[-1] not in up:
        return None
    common = up.index(down[-1])
    steps = [f"^{t.dep_}" for t in up[:common]]
    steps += [f"prep:{t.lower_}" if t.dep_ in ("prep", "agent") else t.dep_ for t in reversed(down[:-1])]
    return "/".join(steps) if 0 < len(steps) <= 4 else None


def is_role_candidate(token, trigger) -> bool:
    return (
        token.tag_.startswith(ROLE_TAGS)
        and token.dep_ not in ("compound", "nummod", "amod", "quantmod")
        and token.i != trigger.i
        and not token.is_punct
    )


def role_features(trigger, token, event_type: str, kinds: dict[int, str] | None = None) -> list[str] | None:
    """Sparse features of a role candidate for the event of ``trigger``; ``kinds``: token index -> the
    entity stage's type of the mention holding it (events.learned.token_kinds). None past 4 steps."""
    path = _path(trigger, token)
    if path is None:
        return None
    kinds = kinds or {}
    passive = is_passive(trigger) if trigger.tag_.startswith("VB") else None
    prep = token.head.lower_ if token.head.dep_ in ("prep", "agent") else "-"
    shape = "cap" if token.text[:1].isupper() else ("num" if token.like_num else "low")
    numbered = any(c.dep_ == "nummod" for c in token.children) or token.like_num
    side = "before" if token.i < trigger.i else "after"
    lemma = stem(token.lower_)
    kind = "statement" if event_type in _STATEMENT_TYPES else "event"
    return [
        "bias",
        f"path={path}",
        f"path+pass={path}|{passive}",
        f"path+type={path}|{event_type}",
        f"path+kind={path}|{kind}",
        f"dep={token.dep_}",
        f"dep+pass={token.dep_}|{passive}",
        f"tag={token.tag_}",
        f"shape={shape}",
        f"num={numbered}",
        f"side={side}|{passive}",
        f"l={lemma}",
        f"prep={prep}",
        f"prep+l={prep}|{lemma}",
        f"prep+shape={prep}|{shape}",
        f"type={event_type}",
        f"tl={stem(trigger.lower_)}|{path}",
        f"dist={min(abs(token.i - trigger.i), 8)}",
        *_entity_features(token, path, event_type, kinds),
    ]


def _entity_features(token, path: str, event_type: str, kinds: dict[int, str]) -> list[str]:
    """What the entity stage says of the candidate's phrase and of a name it governs ("guerrillas of the
    FMLN": an organisation behind "of"), with the path: an organisation as the agent is actor1."""
    kind = kinds.get(token.i) or ("-" if not any(kinds.get(c.i) for c in token.children) else "inner")
    general = kind.split(":")[0]
    out = [
        f"ent={kind}",
        f"ent+path={general}|{path}",
        f"ent+type={general}|{event_type}",
        f"hl={stem(token.head.lower_)}",
    ]
    for child in token.children:
        if child.dep_ == "prep":
            for g in child.children:
                if g.dep_ == "pobj":
                    out.append(f"pp={child.lower_}|{(kinds.get(g.i) or '-').split(':')[0]}")
        elif child.dep_ == "appos":
            out.append(f"appos={(kinds.get(child.i) or '-').split(':')[0]}")
    return out


# a time adverb the parser hangs after a name ("killed Minister Rodriguez yesterday") is not part of the
# phrase ("Tuesday night" keeps its "Tuesday")
_TIME_WORDS = frozenset(
    "today yesterday tonight tomorrow now monday tuesday wednesday thursday friday saturday sunday".split()
)
_STATEMENT_TYPES = frozenset("ACCUSE DENY THREATEN COOPERATE APPEAL MEET ATTRIB".split())


def phrase_span(token) -> tuple[int, int]:
    """Token indexes [start, end) of the noun phrase headed by ``token``: itself and the children that
    modify it (determiners, numbers, compounds, possessors), not prepositional phrases or clauses."""
    keep = [token.i]
    stack = [c for c in token.children if c.dep_ in PHRASE_DEPS and not (c.i > token.i and c.lower_ in _TIME_WORDS)]
    if token.lower_ in _QUANTITY_HEADS:  # "dozens of opposition supporters": the people are behind "of"
        stack += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in (c, *c.children)]
    while stack:
        t = stack.pop()
        keep.append(t.i)
        stack.extend(c for c in t.children if c.dep_ not in OUTSIDE_DEPS)
    return min(keep), max(keep) + 1


# a head that only counts or groups the people behind its "of"
_QUANTITY_HEADS = frozenset("dozens hundreds thousands scores tens millions number group handful couple".split())
