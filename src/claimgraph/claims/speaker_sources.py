"""Whether a speaker span names a source (issue 15.3): a person, organisation, group, outlet, document, role
noun, or a pronoun (resolved later: ``speakers.resolve_speakers``).

The attribution stage (rules and learned) takes the subject of a cue as its speaker, and a subject is not
always someone: a heading before a colon ("Worth noting: ...", "Key point: ..."), a bare quantifier ("Some
say", "Many believe"), a negated subject ("No group claimed", "Nobody has confirmed"), an event, act or count
("The attack on the base showed ...", "The war has claimed 5,000 lives", "up from 15 reported"). The span's
head (``speakers.speaker_head``) decides, by its kind rather than by the phrase:

* ``"source"``: an entity mention holds the head (or a linked actor lies in the span), the head is a name (a
  capitalised word that is no common word at the head of a sentence), a person or group head, a role title,
  a learned speaker noun, an outlet word or a document noun; a head that no list knows stays a source too
  (a speaker the lists miss is likelier than a non-agent they miss), except before a colon, where a speaker
  must be known to be one ("Army: ..." yes, "Analysis: ..." no);
* ``"unnamed"``: quantifiers and determiners alone ("Some", "Several", "A few"): someone speaks, unnamed;
* ``"none"``: a negated subject, a figure, an event or count noun (data/claims/<language>/speaker_sources.yaml),
  a label before a colon: no one speaks, the sentence is the writer's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document
from claimgraph.nlp.tokens import WORD_OR_MARK
from claimgraph.nlp.truecase import Truecaser
from claimgraph.yamlfiles import load_yaml

from .lexicon import ClaimLexicon
from .speakers import _mentions_in, learned_speaker_nouns, speaker_core, speaker_head

SOURCES_FILE = "speaker_sources.yaml"
SOURCE, UNNAMED, NONE = "source", "unnamed", "none"
_SENTENCE_OPENERS = frozenset(".!?:;\"“”'‘’/)(-–—•*#>")


@dataclass(frozen=True)
class SourceWords:
    """data/claims/<language>/speaker_sources.yaml (see there); empty (every span a source) without the file."""

    quantifiers: frozenset[str] = frozenset()
    negatives: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    non_agents: frozenset[str] = frozenset()
    label_nouns: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not (self.quantifiers or self.negatives or self.non_agents)


@functools.cache
def source_words(language: str) -> SourceWords:
    path = resources.files("claimgraph") / "data" / "claims" / language / SOURCES_FILE
    if not path.is_file():
        return SourceWords()
    keys = ("quantifiers", "negatives", "document_nouns", "non_agents", "label_nouns")
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        return SourceWords(*(frozenset(str(w).lower() for w in data[k]) for k in keys))
    except (OSError, KeyError, TypeError) as exc:
        raise ClaimgraphError(f"{path}: cannot read the speaker source words ({', '.join(keys)}): {exc}") from exc


def _agent_heads(lex: ClaimLexicon, words: SourceWords) -> frozenset[str]:
    """Heads that name someone or something that speaks: person and group heads, role titles, collective
    nouns, outlet words, learned speaker nouns and documents (kept per lexicon: a run holds one a language)."""
    key = id(lex)
    found = _AGENT_HEADS.get(key)
    if found is not None and found[0] is lex:
        return found[1]
    refs = lex.references
    learned = learned_speaker_nouns(lex.language) if lex.language == "en" else frozenset()
    heads = (
        lex.person_heads
        | lex.title_words
        | lex.collective_nouns
        | refs.group_heads
        | refs.media_words
        | refs.organisation_words
        | learned
        | words.document_nouns
    )
    _AGENT_HEADS[key] = (lex, heads)
    return heads


_AGENT_HEADS: dict[int, tuple[ClaimLexicon, frozenset[str]]] = {}


def source_verdict(doc: Document, start: int, end: int, lex: ClaimLexicon, before_colon: bool = False) -> str:
    """``SOURCE``, ``UNNAMED`` or ``NONE`` for the speaker span [start, end) of ``doc`` (see the module
    docstring); ``before_colon``: the cue is a colon, which needs a speaker known to be one."""
    words = source_words(lex.language)
    if words.empty:
        return SOURCE
    text = doc.clean_text
    tokens = [(m.start(), m.end(), m.group(0)) for m in WORD_OR_MARK.finditer(text, start, end)]
    alnum = [t for t in tokens if t[2][:1].isalnum()]
    if not alnum:
        return SOURCE
    lower = [t[2].lower() for t in alnum]
    if text[start:end].strip().lower() in lex.pronouns:
        return SOURCE  # resolved against earlier speakers, or the claim falls back to the document's voice
    if lower[0] in words.negatives or " ".join(lower[:2]) in words.negatives:
        return NONE
    core = speaker_core(text, start, end, lex, tokens)
    head_span = speaker_head(text, start, end, lex, core, tokens)
    mentions = _mentions_in(doc, *core)
    if any(m.actor_id for m in mentions):
        return SOURCE
    counting = words.quantifiers | lex.determiners | lex.number_words
    if all(w in counting or w.isdigit() for w in lower):
        return UNNAMED  # "Some", "Several", "A few", "Most" (a tagger may take a capitalised "Most" for a name)
    if head_span is not None and any(m.start <= head_span[0] < m.end for m in mentions):
        return SOURCE  # a tagged person, organisation or place ("Ukraine said") holds the head
    if head_span is None:
        return SOURCE
    head = text[head_span[0] : head_span[1]]
    low = head.lower().replace("’", "'").removesuffix("'s")
    if any(ch.isdigit() for ch in head) or (low in lex.number_words and low not in words.quantifiers):
        return NONE  # a figure: "up from 15", "27"
    if low in _agent_heads(lex, words) or _is_name(text, head_span, head):
        return SOURCE
    if low in words.non_agents:
        return NONE
    if any(t[2].isdigit() for t in alnum):
        return NONE  # a count with no speaking head ("up from 15 reported")
    if before_colon:
        return NONE  # a heading ("Worth noting:", "Key point:", "Analysis:"): no one known speaks
    if head_span[0] == alnum[0][0] and _opens_sentence(text, head_span[0]) and not _plural(low) and _common(low):
        # a bare singular common word opening the sentence, no article: no noun phrase that speaks ("Worth
        # noting", "Remember", "Important"); a bare plural may be people ("Critics say", "Protesters said"),
        # and a word news text does not know may be a name the tagger missed ("Ouedraogo said")
        return NONE
    return SOURCE


def _common(word: str) -> bool:
    """Whether news text usually writes ``word`` (lower case) in lower case: a common word, no name."""
    form = _truecaser().forms.get(word)
    return form is not None and form[:1].islower()


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")


def _is_name(text: str, span: tuple[int, int], word: str) -> bool:
    """Whether ``word`` at ``span`` reads as a name: capitalised where a common word would not be (inside
    a sentence), or, at the head of a sentence or line, a word news text usually writes with a capital."""
    if not word[:1].isupper():
        return False
    if not _opens_sentence(text, span[0]):
        return True
    form = _truecaser().forms.get(word.lower())
    return form is not None and form[:1].isupper()


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens its line or sentence (after a mark: a thread's "4/", a quotation)."""
    line = text.rfind("\n", 0, pos) + 1
    before = text[line:pos].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS


@functools.cache
def _truecaser() -> Truecaser:
    return Truecaser.load()
