"""The accurate mode's entity tagger: the re3d CRF with features from the spaCy parse of each sentence.

The accurate mode parses sentences with the pinned en_core_web_sm pipeline (``events.parse``, one
parse per sentence shared with the learned events); its named-entity recogniser (OntoNotes types:
PERSON, ORG, GPE, NORP, DATE, MONEY, ...), tags, dependency labels and heads are evidence for re3d's
types that word features alone lack (docs/models/entities_accurate.md). Each tagger token takes the
attributes of the spaCy token that covers its first character, so the two tokenisations need not
agree. ``scripts/train_entities_accurate.py`` trains the model on exactly these features.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from importlib import resources

from claimgraph.entities.ner import (
    CLUSTERS_FILE,
    EntityMention,
    EntityTagger,
    _data_dir,
    load_lexicons,
    read_clusters,
    tokenize,
)

MODEL_FILE = "entities_re3d_parse.crfsuite"
NEEDS = ("tagger", "ner")  # the spaCy components the features read (not the dependency parser)
Attributes = tuple[int, str, str]


def token_attributes(sdoc) -> list[Attributes]:
    """Per spaCy token: (start offset in its piece, entity IOB-type such as "B-GPE" or "O", tag)."""
    return [(t.idx, f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O", t.tag_) for t in sdoc]


def _kind(ent: str) -> str:
    return ent[2:] if ent != "O" else "O"


def parse_features(attributes: Sequence[Attributes], starts: Sequence[int]) -> list[list[str]]:
    """The parse's CRF attributes of each tagger token starting at ``starts`` (offsets into the parsed
    piece): the entity IOB-type and tag of the spaCy token covering it, and the entity types of its
    neighbours. (Dependency labels, head tags and head words as well scored lower by cross-validation
    on re3d train: docs/models/entities_accurate.md.)"""
    if not attributes:
        return [[] for _ in starts]
    offsets = [a[0] for a in attributes]
    aligned = [attributes[max(bisect.bisect_right(offsets, s) - 1, 0)] for s in starts]
    n = len(aligned)
    out = []
    for i, (_, ent, tag) in enumerate(aligned):
        kind = _kind(ent)
        f = [f"p:ent={ent}", f"p:tag={tag}"]
        if i > 0:
            f.append(f"p:-1ent={_kind(aligned[i - 1][1])}|{kind}")
        if i + 1 < n:
            f.append(f"p:+1ent={kind}|{_kind(aligned[i + 1][1])}")
        out.append(f)
    return out


class ParsedTagger(EntityTagger):
    """The CRF tagger whose emissions add each token's parse attributes (``parse_features``)."""

    @classmethod
    def load(cls) -> ParsedTagger:
        """The shipped accurate-mode model (the parser is ``events.parse.shared_parser``, loaded on first use)."""
        data = _data_dir()
        with resources.as_file(data / "models" / MODEL_FILE) as model_path:
            return cls(model_path, load_lexicons(), read_clusters(data / "models" / CLUSTERS_FILE))

    def parsed_entities(
        self, text: str, shadow: str, spans: Sequence[tuple[int, int]], truecaser=None
    ) -> list[EntityMention]:
        """Mentions in the sentence ``spans`` of ``shadow``: ``text`` as the tagger reads it, its sentences
        in capitals truecased by ``truecaser`` (``extract._tagged``, which gives mentions their original
        text). Each sentence's spaCy doc is the one the other stages read (``events.parse.parse_spans``
        over ``text`` with the same truecaser makes the same shadow)."""
        from claimgraph.events.parse import parse_spans  # spaCy: accurate mode only

        spans = [(s, e) for s, e in spans if e > s]
        sentences, extra = [], []
        for (s, e), sdoc in zip(spans, parse_spans(text, spans, needs=NEEDS, truecaser=truecaser)):
            tokens = tokenize(shadow[s:e])
            if not tokens:
                continue
            sentences.append([(s + a, s + b, w) for a, b, w in tokens])
            extra.append(parse_features(token_attributes(sdoc), [a for a, _, _ in tokens]))
        return self._tag_spans(shadow, sentences, extra=extra)


_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%")
_NO_SPACE_AFTER = frozenset("([{$£€")


def _glued(words: Sequence[str], i: int) -> bool:
    """Whether word ``i`` follows the one before it without a space in running text."""
    w, prev = words[i], words[i - 1]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER or "-" in (w, prev):
        return True
    if (w in ("s", "S") and prev in ("’", "'")) or (w in ("’", "'") and nxt in ("s", "S")):
        return True  # "Turkey ’ s"
    # "2 . 80", "3 , 000"
    before = words[i - 2] if i >= 2 else ""
    return before[-1:].isdigit() and (prev == "." and w.isdigit() or prev == "," and len(w) == 3 and w.isdigit())


def detokenize(words: Sequence[str]) -> tuple[str, list[int]]:
    """Pre-tokenised words (re3d's: every punctuation mark its own token) as running text, and each
    word's start in it: the parser was trained on, and meets at run time, running text ("$5 million",
    "al-Assad", "Turkey's", "3,000"), not "$ 5 million". For training and scoring the model."""
    text, starts = "", []
    for i, w in enumerate(words):
        if i and not _glued(words, i):
            text += " "
        starts.append(len(text))
        text += w
    return text, starts
