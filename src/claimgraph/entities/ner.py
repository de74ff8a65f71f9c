"""General entity-type tagger: re3d's ten defence/security entity types with a CRF.

Types: Organisation, Person, Location, Nationality, Temporal, Quantity, Weapon, MilitaryPlatform,
Money, DocumentReference. The model is a linear-chain CRF (python-crfsuite) over hand-built token
features: word identity, affixes, shape, casing, neighbours within two tokens, membership in the
lexicons under ``data/lexicons/ner/`` (with B/I position), and word clusters learned from public
unlabelled news text. ``scripts/train_entities.py`` trains it; ``bench/quality_entities.py``
scores it; ``docs/models/entities.md`` is its card.

Everything here is pure and offline: the model file, clusters and lexicons ship as package data.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import ahocorasick
import pycrfsuite

ENTITY_TYPES = (
    "Organisation", "Person", "Location", "Nationality", "Temporal",
    "Quantity", "Weapon", "MilitaryPlatform", "Money", "DocumentReference",
)

MODEL_FILE = "entities_re3d.crfsuite"
CLUSTERS_FILE = "entity_word_clusters.tsv"

Token = tuple[int, int, str]  # (start, end, text) in the caller's string


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One tagged span. ``text == source[start:end]``; ``score`` is the CRF's mean marginal."""

    start: int
    end: int
    text: str
    type: str
    score: float


# --------------------------------------------------------------------------- data files

def _data_dir():
    return resources.files("claimgraph") / "data"


def _read_lines(path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 text resource."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(_read_lines(_data_dir() / "lexicons" / "ner" / "abbreviations.txt"))


# --------------------------------------------------------------------------- tokenising

@functools.lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    # re3d splits every punctuation mark off ("al - Assad", "$ 2 . 80", "3 , 000") but keeps
    # dotted initialisms (U.S., a.m.), single initials (J.) and a closed list of abbreviations.
    abbrevs = sorted(_abbreviations(), key=len, reverse=True)
    abbrev_alt = "|".join(re.escape(a) for a in abbrevs)
    return re.compile(
        rf"(?:{abbrev_alt})(?!\w)"  # Gen. / Dec. / Mr.
        r"|(?:[^\W\d_]\.){2,}"  # U.S. / a.m. / J.D.
        r"|[A-Z]\.(?=\s+[A-Z])"  # initial before a name: "J. Smith"
        r"|[^\W_]+"  # a word or number run
        r"|[^\w\s]|_",  # any other single character
    )


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into re3d-style tokens, each as (start, end, token) character offsets."""
    return [(m.start(), m.end(), m.group()) for m in _token_re().finditer(text)]


_SENTENCE_END = frozenset(".!?")
_CLOSERS = frozenset("\"'”’)]")
MAX_SENTENCE_TOKENS = 150  # longer runs (tables, lists without stops) are cut to bound CRF cost


def split_sentences(text: str, tokens: Sequence[Token] | None = None) -> list[list[Token]]:
    """Group tokens into sentences.

    A sentence ends after . ! ? (and any closing quote or bracket) when the next token starts with
    an upper-case letter, a digit or an opening quote; at a blank line; and at a line break unless
    the line was visibly wrapped mid-sentence (lower-case word or comma before, lower-case after).
    """
    toks = list(tokenize(text) if tokens is None else tokens)
    sentences: list[list[Token]] = []
    current: list[Token] = []
    for i, tok in enumerate(toks):
        current.append(tok)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None:
            break
        gap = text[tok[1]:nxt[0]]
        boundary = False
        if "\n" in gap:
            if re.search(r"\n\s*\n", gap):
                boundary = True
            else:
                wrapped = (tok[2] == "," or tok[2][-1:].islower()) and nxt[2][:1].islower()
                boundary = not wrapped
        elif gap and nxt[2][:1] not in _CLOSERS:
            last = tok[2]
            if last in _SENTENCE_END or (last in _CLOSERS and len(current) > 1 and current[-2][2] in _SENTENCE_END):
                boundary = nxt[2][:1].isupper() or nxt[2][:1].isdigit() or nxt[2] in {'"', "“", "'", "‘"}
        if boundary or len(current) >= MAX_SENTENCE_TOKENS:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


# --------------------------------------------------------------------------- features

_SHAPE_TABLE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_OTHER_LETTER = re.compile(r"[^\W\d_Xxd]")
_REPEATS = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 16)  # words repeat: shapes are asked for again and again
def word_shape(word: str) -> str:
    """"MQ-9" -> "XX-d"; letters of other scripts become "u"."""
    shape = word.translate(_SHAPE_TABLE)
    return _OTHER_LETTER.sub("u", shape) if not shape.isascii() else shape


@functools.lru_cache(maxsize=1 << 16)
def short_shape(word: str) -> str:
    """Shape with repeats collapsed: "Reaper" -> "Xx", "2017" -> "d"."""
    return _REPEATS.sub(r"\1", word_shape(word))


def lexicon_key(word: str) -> str:
    """Lower case, crude singular ("grenades" -> "grenade", "militias" -> "militia",
    "salaries" -> "salary"), so one lexicon line covers both numbers."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


class Lexicons:
    """Phrase lexicons matched over normalised token sequences with Aho-Corasick."""

    def __init__(self, phrases: dict[str, Iterable[str]]):
        self.names = sorted(phrases)
        entries: dict[str, set[str]] = {}
        for name in self.names:
            for phrase in phrases[name]:
                toks = [lexicon_key(t[2]) for t in tokenize(phrase)]
                if toks:
                    entries.setdefault(" " + " ".join(toks) + " ", set()).add(name)
        self._automaton = ahocorasick.Automaton()
        for key, names in entries.items():
            self._automaton.add_word(key, (len(key), key.count(" ") - 1, tuple(sorted(names))))
        self._empty = not entries
        if not self._empty:
            self._automaton.make_automaton()

    @classmethod
    def from_dir(cls, directory) -> "Lexicons":
        phrases = {}
        for entry in sorted(directory.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".txt") and entry.name != "abbreviations.txt":
                phrases[entry.name[:-4]] = _read_lines(entry)
        return cls(phrases)

    def match(self, words: Sequence[str]) -> list[set[str]]:
        """Per token, marks "name=B" / "name=I" for every lexicon phrase covering it."""
        marks: list[set[str]] = [set() for _ in words]
        if self._empty or not words:
            return marks
        lowered = [lexicon_key(w) for w in words]
        haystack = " " + " ".join(lowered) + " "
        token_at: dict[int, int] = {}  # offset of the space before a token -> token index
        pos = 0
        for i, w in enumerate(lowered):
            token_at[pos] = i
            pos += len(w) + 1
        for end, (key_len, n_tokens, names) in self._automaton.iter(haystack):
            first = token_at.get(end - key_len + 1)
            if first is None:  # a token that itself contains a space cannot occur; be safe
                continue
            for name in names:
                marks[first].add(name + "=B")
                for k in range(first + 1, first + n_tokens):
                    marks[k].add(name + "=I")
        return marks


def read_clusters(path) -> dict[str, tuple[str, ...]]:
    """word -> cluster ids at several granularities (coarse to fine), from a TSV resource."""
    clusters = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, *ids = line.split("\t")
        clusters[word] = tuple(ids)
    return clusters


_DIGITS = re.compile(r"\d")


def cluster_key(word: str) -> str:
    """The form words are clustered under: lower case, every digit as 0."""
    return _DIGITS.sub("0", word.lower())


class FeatureExtractor:
    """CRF features of a sentence's tokens; what depends on the word alone is cached per word."""

    def __init__(self, lexicons: Lexicons, clusters: dict[str, tuple[str, ...]]):
        self.lexicons = lexicons
        self.clusters = clusters
        self._own: dict[str, tuple[list[str], str, dict[int, tuple[list[str], list[str]]]]] = {}

    def _word(self, word: str) -> tuple[list[str], str, dict[int, tuple[list[str], list[str]]]]:
        """(features of the word itself, its lower case, and what a neighbour at offset d sees of
        it: features before and after the lexicon marks). Strings are built once per word."""
        cached = self._own.get(word)
        if cached is not None:
            return cached
        lower = word.lower()
        shape = short_shape(word)
        f = ["w=" + lower, "shape=" + word_shape(word)[:12], "sh=" + shape]
        for k in (2, 3, 4):
            if len(lower) > k:
                f.append(f"suf{k}={lower[-k:]}")
                f.append(f"pre{k}={lower[:k]}")
        if word.isupper() and any(c.isalpha() for c in word):
            f.append("allcaps")
        if any(c.isdigit() for c in word):
            f.append("digit")
            f.append("dpat=" + _DIGITS.sub("0", lower))
            if word.isdigit():
                f.append(f"ndig={min(len(word), 5)}")
                if len(word) == 4 and word[:2] in ("19", "20"):
                    f.append("year")
        if len(word) == 1:
            f.append("len1")
        ids = self.clusters.get(cluster_key(word), ())
        for k, cid in enumerate(ids):
            f.append(f"c{k}={cid}")
        seen = {}
        for d in (-2, -1, 1, 2):
            before = [f"{d}:w={lower}", f"{d}:sh={shape}"]
            after = []
            if len(ids) > 1:
                before.append(f"{d}:c1={ids[1]}")
            if abs(d) == 1 and len(ids) > 2:
                after.append(f"{d}:c2={ids[2]}")
            seen[d] = (before, after)
        entry = (f, lower, seen)
        if len(self._own) < 200_000:  # bound the cache on endless streams of new words
            self._own[word] = entry
        return entry

    def __call__(self, words: Sequence[str]) -> list[list[str]]:
        n = len(words)
        own = [self._word(w) for w in words]
        # fixed order: crfsuite numbers attributes as first seen, so training is reproducible
        gaz = [sorted(marks) for marks in self.lexicons.match(words)]
        out: list[list[str]] = []
        for i, word in enumerate(words):
            f = ["bias", *own[i][0]]
            if word[:1].isupper():
                f.append("title" if i else "title@first")
            f.extend("gz:" + mark for mark in gaz[i])
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    before, after = own[j][2][d]
                    f.extend(before)
                    if d in (-1, 1):
                        f.extend(f"{d}:gz:{mark}" for mark in gaz[j])
                    f.extend(after)
                elif d in (-1, 1):
                    f.append("BOS" if d < 0 else "EOS")
            lower = own[i][1]
            if i > 0:
                f.append(f"-1|0={own[i - 1][1]}|{lower}")
            if i + 1 < n:
                f.append(f"0|+1={lower}|{own[i + 1][1]}")
            out.append(f)
        return out


def sentence_features(words: Sequence[str], lexicons: Lexicons,
                      clusters: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """CRF feature strings for each token of one sentence (uncached; see FeatureExtractor)."""
    return FeatureExtractor(lexicons, clusters)(words)


# --------------------------------------------------------------------------- spans and scoring

def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, end, type) token spans of a BIO sequence; a stray I- starts a span (conlleval)."""
    spans = []
    start, kind = None, None
    for i, label in enumerate(list(labels) + ["O"]):
        tag, _, typ = label.partition("-")
        if start is not None and (tag != "I" or typ != kind):
            spans.append((start, i, kind))
            start, kind = None, None
        if tag == "B" or (tag == "I" and start is None):
            start, kind = i, typ
    return spans


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """(tokens, labels) sentences of a re3d-style file: token TAB label, blank line between sentences.

    A malformed line raises ValueError naming the file, line and reason.
    """
    path = Path(path)
    sentences, words, labels = [], [], []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if words:
                sentences.append((words, labels))
                words, labels = [], []
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1]:
            raise ValueError(f"{path}:{lineno}: expected 'token<TAB>label', got {line!r}")
        words.append(parts[0])
        labels.append(parts[1])
    if words:
        sentences.append((words, labels))
    return sentences


@dataclass(frozen=True, slots=True)
class TypeScore:
    type: str
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int


def score_spans(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]],
                types: Sequence[str] = ENTITY_TYPES) -> tuple[list[TypeScore], float]:
    """Span-exact P/R/F1 per type and their macro F1 (seqeval-style: type and both bounds match)."""
    counts = {t: [0, 0, 0] for t in types}  # gold, predicted, correct
    for g_seq, p_seq in zip(gold, predicted, strict=True):
        g_spans, p_spans = set(bio_spans(g_seq)), set(bio_spans(p_seq))
        for s in g_spans:
            if s[2] in counts:
                counts[s[2]][0] += 1
        for s in p_spans:
            if s[2] in counts:
                counts[s[2]][1] += 1
                counts[s[2]][2] += s in g_spans
    scores = []
    for t in types:
        g, p, c = counts[t]
        prec = c / p if p else 0.0
        rec = c / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        scores.append(TypeScore(t, prec, rec, f1, g, p, c))
    macro = sum(s.f1 for s in scores) / len(scores)
    return scores, macro


# --------------------------------------------------------------------------- number repair

def _is_currency_symbol(word: str) -> bool:
    return len(word) == 1 and unicodedata.category(word) == "Sc"


def _number_units(words: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of numbers re3d's tokenisation splits: "3 , 000", "2 . 80"."""
    units, i, n = [], 0, len(words)
    while i < n:
        if words[i].isdigit():
            j = i + 1
            while j + 1 < n and (
                (words[j] == "," and len(words[j + 1]) == 3 and words[j + 1].isdigit())
                or (words[j] == "." and words[j + 1][:1].isdigit())
            ):
                j += 2
            units.append((i, j))
            i = j
        else:
            i += 1
    return units


def repair_number_spans(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """Second pass over Quantity and Money spans.

    The CRF sometimes cuts a split number ("30 , [000]") or leaves out the currency sign
    ("£ [59 . 5 million]"); a number is never partly an entity, and a sum with a currency sign
    is Money. Cross-validation on re3d train: macro F1 +0.6 (docs/models/entities.md).
    """
    units = _number_units(words)
    spans = []
    for first, end, typ in bio_spans(labels):
        if typ in ("Quantity", "Money"):
            for u0, u1 in units:
                if u0 < end and first < u1:
                    first, end = min(first, u0), max(end, u1)
            if first > 0 and _is_currency_symbol(words[first - 1]):
                first -= 1
            if typ == "Quantity" and any(_is_currency_symbol(w) for w in words[first:end]):
                typ = "Money"
        spans.append((first, end, typ))
    repaired = ["O"] * len(labels)
    for first, end, typ in spans:
        if any(label != "O" for label in repaired[first:end]):
            continue  # an extension ran into an earlier span: keep the earlier one whole
        repaired[first:end] = ["B-" + typ] + ["I-" + typ] * (end - first - 1)
    return repaired


# --------------------------------------------------------------------------- tagger

class EntityTagger:
    """A trained CRF plus the lexicons and clusters its features were built with."""

    def __init__(self, model_path: str | Path, lexicons: Lexicons, clusters: dict[str, tuple[str, ...]]):
        self.model_path = str(model_path)
        self.lexicons = lexicons
        self.clusters = clusters
        self._features = FeatureExtractor(lexicons, clusters)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(self.model_path)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "EntityTagger":
        """The shipped model, loaded once per process."""
        data = _data_dir()
        model = data / "models" / MODEL_FILE
        # crfsuite opens a file path, so materialise the resource (a no-op for an installed tree)
        with resources.as_file(model) as model_path:
            return cls(model_path, load_lexicons(), read_clusters(data / "models" / CLUSTERS_FILE))

    def features(self, words: Sequence[str]) -> list[list[str]]:
        return self._features(words)

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """BIO labels (re3d's label set) for one sentence's tokens."""
        if not tokens:
            return []
        return repair_number_spans(tokens, self._tagger.tag(self.features(tokens)))

    def _tag_with_scores(self, words: Sequence[str]) -> tuple[list[str], list[float]]:
        labels = repair_number_spans(words, self._tagger.tag(self.features(words)))
        # marginals of the repaired labels: an added token the CRF gave another label scores low
        marginals = [self._tagger.marginal(y, t) for t, y in enumerate(labels)]
        return labels, marginals

    def entities(self, text: str) -> list[EntityMention]:
        """Entity mentions in ``text``, with offsets into ``text``."""
        mentions = []
        for sentence in split_sentences(text):
            words = [t[2] for t in sentence]
            labels, marginals = self._tag_with_scores(words)
            for first, end, typ in bio_spans(labels):
                start, stop = sentence[first][0], sentence[end - 1][1]
                score = math.fsum(marginals[first:end]) / (end - first)
                mentions.append(EntityMention(start, stop, text[start:stop], typ, round(score, 4)))
        return mentions


@functools.lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    return Lexicons.from_dir(_data_dir() / "lexicons" / "ner")
