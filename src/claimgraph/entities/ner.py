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

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import ahocorasick
import numpy as np

from claimgraph.entities.crf import LinearChainCRF
from claimgraph.model import ENTITY_TYPES
from claimgraph.nlp.tokens import tagger_token_pattern

# Fast mode (docs/entities.md) keeps only these tagger types: names of people, organisations and
# places come from the dictionary and the role phrases there.
FAST_TYPES = ("Nationality", "Temporal", "Quantity", "Weapon", "MilitaryPlatform", "Money", "DocumentReference")
# Lexicons whose phrases (or a digit) open a tagging window in fast mode; CUES_FILE holds them, less
# weak one-word cues (scripts/train_entities.py). Nationality is left out: the dictionary's demonyms
# give it in both modes.
CUE_LEXICONS = ("currency", "document_reference", "military_platform", "money_noun", "number", "temporal", "weapon")
CUES_FILE = "entity_cues.txt"
FAST_WINDOW = 25  # characters of context each side of a cue (~4 words): the CRF looks two tokens out
FAST_MAX_TOKENS = 60  # decoding costs one numpy step per position: windows are cut at this length

MAX_CACHED_WORDS = 30_000  # word types whose summed weights the tagger keeps (~25 MB)

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


# The tokenizer's abbreviation list and pattern stay cached per process: ``tokenize`` is a text
# primitive that module-level code (sentence splitting, lexicon building) calls without an owner
# to hold them; the list is packaged, fixed, and no setting changes it.
@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(_read_lines(_data_dir() / "lexicons" / "ner" / "abbreviations.txt"))


# --------------------------------------------------------------------------- tokenising


@functools.lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    return tagger_token_pattern(_abbreviations())


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into re3d-style tokens, each as (start, end, token) character offsets."""
    return [(m.start(), m.end(), m.group()) for m in _token_re().finditer(text)]


_SENTENCE_END = frozenset(".!?")
_CLOSERS = frozenset("\"'”’)]")
MAX_SENTENCE_TOKENS = 150  # longer runs (tables, lists without stops) are cut to bound CRF cost


def split_sentences(text: str, tokens: Sequence[Token] | None = None) -> list[list[Token]]:
    """Group tokens into sentences: the accurate-mode tagger's own windows, not ``Document.sentences``
    (the CRF's labels depend on where its windows end, and its scores were measured on these).

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
        gap = text[tok[1] : nxt[0]]
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
    """ "MQ-9" -> "XX-d"; letters of other scripts become "u"."""
    shape = word.translate(_SHAPE_TABLE)
    return _OTHER_LETTER.sub("u", shape) if not shape.isascii() else shape


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the word, asked for again and again
def short_shape(word: str) -> str:
    """Shape with repeats collapsed: "Reaper" -> "Xx", "2017" -> "d"."""
    return _REPEATS.sub(r"\1", word_shape(word))


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the word, asked for again and again
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
        self.phrases = {name: tuple(phrases[name]) for name in self.names}
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
    def from_dir(cls, directory) -> Lexicons:
        phrases = {}
        for entry in sorted(directory.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".txt") and entry.name != "abbreviations.txt":
                phrases[entry.name[:-4]] = _read_lines(entry)
        return cls(phrases)

    def match(self, words: Sequence[str]) -> list[set[str]]:
        """Per token, marks "name=B" / "name=I" for every lexicon phrase covering it."""
        return self.match_many([words])[0]

    def match_many(self, sentences: Sequence[Sequence[str]]) -> list[list[set[str]]]:
        """``match`` for each sentence, in one pass of the automaton over all of them."""
        return [
            [marks.get(i, set()) for i in range(len(words))]
            for words, marks in zip(sentences, self.marks_by_token(sentences))
        ]

    def marks_by_token(self, sentences: Sequence[Sequence[str]]) -> list[dict[int, set[str]]]:
        """``match_many`` as {token index: marks} per sentence, only for marked tokens (most are not)."""
        marks: list[dict[int, set[str]]] = [{} for _ in sentences]
        if self._empty or not any(sentences):
            return marks
        # sentences are joined with a NUL token no phrase contains, so no match spans two
        lowered = [lexicon_key(w) for words in sentences for w in (*words, "\0")]
        haystack = " " + " ".join(lowered) + " "
        # offset of the space before each token, and the flat index each sentence starts at:
        # matches are few, so they are placed by bisection rather than a map of every token
        token_starts = [0, *itertools.accumulate(len(w) + 1 for w in lowered)]
        sentence_starts = [0, *itertools.accumulate(len(words) + 1 for words in sentences)]
        for end, (key_len, n_tokens, names) in self._automaton.iter(haystack):
            offset = end - key_len + 1
            first = bisect.bisect_left(token_starts, offset)
            if first >= len(lowered) or token_starts[first] != offset:
                continue  # not at a token start (a token cannot hold a space; be safe)
            k = bisect.bisect_right(sentence_starts, first) - 1
            i = first - sentence_starts[k]
            sentence_marks = marks[k]
            for name in names:
                sentence_marks.setdefault(i, set()).add(name + "=B")
                for j in range(i + 1, i + n_tokens):
                    sentence_marks.setdefault(j, set()).add(name + "=I")
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
_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")


def cluster_key(word: str) -> str:
    """The form words are clustered under: lower case, every digit as 0."""
    return _DIGITS.sub("0", word.lower())


class FeatureExtractor:
    """CRF features of a sentence's tokens; what depends on the word alone is cached per word."""

    def __init__(self, lexicons: Lexicons, clusters: dict[str, tuple[str, ...]], cache_limit: int = 200_000):
        self.lexicons = lexicons
        self.clusters = clusters
        self.cache_limit = cache_limit
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
        if len(self._own) < self.cache_limit:  # bound the cache on endless streams of new words
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


# --------------------------------------------------------------------------- BIO spans


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, end, type) token spans of a BIO sequence; a stray I- starts a span (conlleval)."""
    spans = []
    start, kind = None, None
    for i, label in enumerate(list(labels) + ["O"]):
        if label == "O":  # most labels: it only ends an open span
            if start is not None:
                spans.append((start, i, kind))
                start, kind = None, None
            continue
        tag, _, typ = label.partition("-")
        if start is not None and (tag != "I" or typ != kind):
            spans.append((start, i, kind))
            start, kind = None, None
        if tag == "B" or (tag == "I" and start is None):
            start, kind = i, typ
    return spans


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
    if labels.count("O") == len(labels):  # most windows and sentences: nothing to repair
        return list(labels)
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
    """A trained CRF plus the lexicons and clusters its features were built with.

    Tagging does not build feature strings per token: the CRF's weights for everything that
    depends on a word alone (its own features and what its neighbours see of it) are summed once
    per word type and cached; only the few features that depend on context (capitalisation at
    the sentence start, lexicon marks, word bigrams, sentence ends) are looked up per token, and
    every sentence of a text is decoded in one numpy batch (``entities.crf``).
    """

    def __init__(self, model_path: str | Path, lexicons: Lexicons, clusters: dict[str, tuple[str, ...]]):
        self.model_path = str(model_path)
        self.lexicons = lexicons
        self.clusters = clusters
        # the tagger keeps summed weights per word (below), not the strings: no string cache
        self._features = FeatureExtractor(lexicons, clusters, cache_limit=0)
        self.crf = LinearChainCRF.from_crfsuite(self.model_path)
        crf = self.crf
        self._bias = crf.vector(["bias"])
        self._first = {name: crf.state[crf.row(name)] for name in ("title", "title@first", "BOS", "EOS")}
        # per word type: a row of (own, seen from -2, -1, +1, +2) weight sums, its lower case, title
        self._ids: dict[str, int] = {}
        self._table = np.zeros((1024, 5, len(crf.labels)))
        self._lowers: list[str] = []
        self._titles = np.zeros(1024, dtype=bool)
        self._bigrams = self._bigram_table()
        self._marks: dict[str, tuple[int, int, int]] = {}

    @classmethod
    def load(cls) -> EntityTagger:
        """The shipped model (uncached: its owner loads it once and passes it)."""
        data = _data_dir()
        model = data / "models" / MODEL_FILE
        # crfsuite opens a file path, so materialise the resource (a no-op for an installed tree)
        with resources.as_file(model) as model_path:
            return cls(model_path, load_lexicons(), read_clusters(data / "models" / CLUSTERS_FILE))

    def features(self, words: Sequence[str]) -> list[list[str]]:
        """The CRF feature strings of one sentence, as the model was trained on."""
        return self._features(words)

    # ------------------------------------------------------------------ cached weights

    def _add_words(self, words: Sequence[str]) -> None:
        """Weight-table rows for new distinct ``words``: one look-up pass and one summing call for
        all of them (five weight vectors a word; a document brings dozens of new words at first)."""
        crf = self.crf
        attributes: list[str] = []  # five runs a word: its own features, then as seen from -2, -1, +1, +2
        runs: list[int] = []  # the run each attribute belongs to
        lowers = []
        run = 0
        for word in words:
            own, lower, seen = self._features._word(word)
            lowers.append(lower)
            for part in (
                own,
                seen[-2][0] + seen[-2][1],
                seen[-1][0] + seen[-1][1],
                seen[1][0] + seen[1][1],
                seen[2][0] + seen[2][1],
            ):
                attributes += part
                runs += [run] * len(part)
                run += 1
        rows = np.fromiter(
            map(crf.attribute_index.get, attributes, itertools.repeat(-1)), dtype=np.intp, count=len(attributes)
        )
        known = rows >= 0  # attributes the model never saw weigh nothing
        # np.add.at adds in index order: each run's rows are summed first to last from 0.0, the
        # same additions as ``crf.vector`` makes (numpy's own reductions may pair them differently)
        sums = np.zeros((run, len(crf.labels)))
        np.add.at(sums, np.array(runs, dtype=np.intp)[known], crf.state[rows[known]])
        sums = sums.reshape(len(words), 5, len(crf.labels))
        first = len(self._lowers)
        needed = first + len(words)
        if needed > len(self._table):
            size = len(self._table)
            while size < needed:
                size *= 2
            self._table = np.concatenate([self._table, np.zeros((size - len(self._table), *self._table.shape[1:]))])
            self._titles = np.concatenate([self._titles, np.zeros(size - len(self._titles), dtype=bool)])
        self._table[first:needed] = sums
        self._titles[first:needed] = [word[:1].isupper() for word in words]
        self._lowers += lowers
        for row, word in enumerate(words, start=first):
            self._ids[word] = row

    def _bigram_table(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(left word, right word) -> rows of its "-1|0" and "0|+1" features, for bigrams the model
        weighs: every other pair is skipped by a single dict miss."""
        table: dict[tuple[str, str], list[int]] = {}
        for attr, row in self.crf.attribute_index.items():
            for k, prefix in enumerate(("-1|0=", "0|+1=")):
                if attr.startswith(prefix):
                    rest = attr[len(prefix) :]
                    left, right = ("|", rest[2:]) if rest.startswith("||") else rest.split("|", 1)
                    table.setdefault((left, right), [self.crf.unknown, self.crf.unknown])[k] = row
        return {pair: (rows[0], rows[1]) for pair, rows in table.items()}

    def _mark_rows(self, mark: str) -> tuple[int, int, int]:
        rows = self._marks.get(mark)
        if rows is None:
            rows = self._marks[mark] = tuple(self.crf.row(f"{p}gz:{mark}") for p in ("", "-1:", "1:"))
        return rows

    def emissions(
        self, sentences: Sequence[Sequence[str]], extra: Sequence[Sequence[Sequence[str]]] | None = None
    ) -> list[np.ndarray]:
        """Per sentence, the (tokens x labels) state scores the CRF gives its feature strings; ``extra``:
        more attribute names per token of each sentence (the parse's, entities/parsed.py)."""
        if len(self._lowers) > MAX_CACHED_WORDS:  # bound the table on endless streams of new words
            self._ids.clear()
            self._lowers.clear()
        known = self._ids.get
        ids_list = [known(w) for words in sentences for w in words]
        if None in ids_list:  # first sight of a word: its weights are summed once
            flat = [w for words in sentences for w in words]
            self._add_words(list(dict.fromkeys(w for w, i in zip(flat, ids_list) if i is None)))
            ids_list = [known(w) for w in flat]
        ids = np.array(ids_list, dtype=np.intp)
        if not len(ids):
            return [np.zeros((0, len(self.crf.labels))) for _ in sentences]
        lengths = np.array([len(words) for words in sentences])
        n = len(ids)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        pos = np.arange(n) - np.repeat(starts, lengths)  # position within the sentence
        size = np.repeat(lengths, lengths)
        # (tokens, 5, L): each token's own weights, then as seen from -2, -1, +1, +2
        weights = self._table[ids]
        scores = weights[:, 0] + self._bias
        # masked in-place adds (np.add where=) rather than fancy-indexed ones: the same sums, in
        # the same order, without gathering and scattering the rows
        for k, d in enumerate((-2, -1, 1, 2), start=1):
            if d < 0:  # token i sees token i + d when that is in its sentence
                np.add(scores[-d:], weights[: n + d, k], out=scores[-d:], where=(pos[-d:] >= -d)[:, None])
            else:
                np.add(scores[: n - d], weights[d:, k], out=scores[: n - d], where=(pos + d < size)[: n - d, None])
        first = self._first
        np.add(scores, first["BOS"], out=scores, where=(pos == 0)[:, None])
        np.add(scores, first["EOS"], out=scores, where=(pos == size - 1)[:, None])
        title = self._titles[ids]
        np.add(scores, first["title"], out=scores, where=(title & (pos > 0))[:, None])
        np.add(scores, first["title@first"], out=scores, where=(title & (pos == 0))[:, None])
        # sparse context features: word bigrams and lexicon marks, as (token, weight row) pairs
        tokens, rows = [], []
        lowers = [self._lowers[i] for i in ids_list]
        bigrams = self._bigrams
        sentence_starts = set(starts.tolist())
        for i, found in enumerate(map(bigrams.get, zip(lowers, lowers[1:])), start=1):
            if found is not None and i not in sentence_starts:
                tokens += (i, i - 1)
                rows += found
        offset = 0
        for words, marks in zip(sentences, self.lexicons.marks_by_token(sentences)):
            last = offset + len(words) - 1
            for k, token_marks in marks.items():
                i = offset + k
                for mark in token_marks:
                    own_row, after_row, before_row = self._mark_rows(mark)
                    tokens.append(i)
                    rows.append(own_row)
                    if i < last:
                        tokens.append(i + 1)
                        rows.append(after_row)
                    if i > offset:
                        tokens.append(i - 1)
                        rows.append(before_row)
            offset += len(words)
        if extra is not None:
            row, i = self.crf.attribute_index.get, 0
            for names in itertools.chain.from_iterable(extra):
                for r in map(row, names):
                    if r is not None:
                        tokens.append(i)
                        rows.append(r)
                i += 1
        if tokens:
            np.add.at(scores, np.array(tokens), self.crf.state[np.array(rows)])
        bounds = [0, *itertools.accumulate(len(words) for words in sentences)]
        return [scores[a:b] for a, b in zip(bounds, bounds[1:])]

    # ------------------------------------------------------------------ tagging

    def tag_sentences(
        self, sentences: Sequence[Sequence[str]], extra: Sequence[Sequence[Sequence[str]]] | None = None
    ) -> list[list[str]]:
        """BIO labels (re3d's label set) for each tokenised sentence; ``extra`` as in ``emissions``."""
        sentences = [list(s) for s in sentences]
        labels = self.crf.labels
        out: list[list[str]] = [[] for _ in sentences]
        todo = [k for k, s in enumerate(sentences) if s]
        more = None if extra is None else [extra[k] for k in todo]
        paths = self.crf.viterbi(self.emissions([sentences[k] for k in todo], more))
        for k, path in zip(todo, paths):
            out[k] = repair_number_spans(sentences[k], [labels[y] for y in path.tolist()])
        return out

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """BIO labels (re3d's label set) for one sentence's tokens."""
        return self.tag_sentences([tokens])[0]

    def entities(self, text: str) -> list[EntityMention]:
        """Entity mentions in ``text``, with offsets into ``text``."""
        return self._tag_spans(text, split_sentences(text))

    def _tag_spans(
        self,
        text: str,
        sentences: Sequence[Sequence[Token]],
        types: Iterable[str] = ENTITY_TYPES,
        extra: Sequence[Sequence[Sequence[str]]] | None = None,
    ) -> list[EntityMention]:
        """Mentions of ``types`` in tokenised ``sentences`` of ``text``, scored by the CRF's mean marginal;
        ``extra`` as in ``emissions``."""
        if not sentences:
            return []
        words = [[t[2] for t in s] for s in sentences]
        emissions = self.emissions(words, extra)
        paths = self.crf.viterbi(emissions)
        names = self.crf.labels
        labels = [repair_number_spans(w, [names[y] for y in p.tolist()]) for w, p in zip(words, paths)]
        # marginals only where there is a span to score: most sentences of news hold one. (For all
        # of them, whatever ``types`` keeps: BLAS can round a row differently in a smaller batch,
        # and the scores must stay as they were.)
        with_spans = [k for k, seq in enumerate(labels) if seq.count("O") != len(seq)]
        marginals = dict(zip(with_spans, self.crf.marginals([emissions[k] for k in with_spans])))
        index = self.crf.label_index
        wanted = set(types)
        mentions = []
        for k in with_spans:
            sentence, seq, probs = sentences[k], labels[k], marginals[k]
            for first, end, typ in bio_spans(seq):
                if typ not in wanted:
                    continue
                start, stop = sentence[first][0], sentence[end - 1][1]
                # marginals of the repaired labels: a token the repair added scores low
                score = sum(float(probs[t, index[seq[t]]]) for t in range(first, end)) / (end - first)
                mentions.append(EntityMention(start, stop, text[start:stop], typ, round(score, 4)))
        return mentions

    # ------------------------------------------------------------------ fast mode

    @functools.cached_property
    def _cues(self) -> ahocorasick.Automaton:
        """The cue phrases (CUES_FILE), folded (1:1 with the text), for one pass over a document."""
        from claimgraph.entities.matcher import fold

        automaton = ahocorasick.Automaton()
        for phrase in _read_lines(_data_dir() / "models" / CUES_FILE):
            key = fold(phrase)
            automaton.add_word(key, len(key))
        automaton.make_automaton()
        return automaton

    def cue_windows(
        self, text: str, spans: Sequence[tuple[int, int]], folded: str | None = None
    ) -> list[tuple[int, int]]:
        """Character windows around each digit run or cue-lexicon word (whole words, plurals too),
        FAST_WINDOW characters each side, cut at whitespace,
        inside the sentence ``spans`` and merged where they overlap: the only text that can hold a
        fast-mode type. ``folded``: ``matcher.fold(text)``, when the caller has it already."""
        from claimgraph.entities.matcher import fold

        cues = [(m.start(), m.end()) for m in _DIGIT_RUN.finditer(text)]
        folded = fold(text) if folded is None else folded
        for end, length in self._cues.iter(folded):
            first, stop = end - length + 1, end + 1
            if first and folded[first - 1].isalnum():
                continue
            stop += 2 if folded.startswith("es", stop) else 1 if folded.startswith("s", stop) else 0
            if stop < len(folded) and folded[stop].isalnum():
                stop = end + 1  # a plural ending did not end the word: try the bare phrase
                if folded[stop : stop + 1].isalnum():
                    continue
            cues.append((first, stop))
        if not cues:
            return []
        starts = [s for s, _ in spans]
        windows: list[tuple[int, int]] = []
        for a, b in sorted(cues):
            k = bisect.bisect_right(starts, a) - 1
            if k < 0 or b > spans[k][1]:
                continue  # between sentences (a cue on a line of its own is still in a span)
            s, e = spans[k]
            lo, hi = max(s, a - FAST_WINDOW), min(e, b + FAST_WINDOW)
            if lo > s:
                lo = max(text.find(" ", lo, a) + 1, lo)
            if hi < e:
                cut = text.rfind(" ", b, hi)
                hi = cut if cut > 0 else hi
            if windows and lo <= windows[-1][1] and windows[-1][0] >= s:
                windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
            else:
                windows.append((lo, hi))
        return windows

    def fast_entities(
        self, text: str, spans: Sequence[tuple[int, int]], folded: str | None = None
    ) -> list[EntityMention]:
        """Fast mode: the CRF on the cue windows only (each tagged as a sentence), keeping FAST_TYPES."""
        sentences = []
        token_re = _token_re()
        for start, end in self.cue_windows(text, spans, folded):
            # the window as if it were the whole text (endpos bounds the look-aheads, as a slice
            # would; the token regex has no look-behind or anchor), in the text's own offsets
            tokens = [(m.start(), m.end(), m.group()) for m in token_re.finditer(text, start, end)]
            sentences += [tokens[k : k + FAST_MAX_TOKENS] for k in range(0, len(tokens), FAST_MAX_TOKENS)]
        return self._tag_spans(text, [s for s in sentences if s], FAST_TYPES)


def load_lexicons() -> Lexicons:
    return Lexicons.from_dir(_data_dir() / "lexicons" / "ner")
