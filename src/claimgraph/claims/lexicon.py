"""The claim stage's word lists, read once per language from ``data/claims/<language>/`` (cues,
hedges, negation, evidence, check-worthiness, and the sentence-shape words of ``grammar.yaml``).
Code never lists words itself: adding a cue is a data change, adding a language is a new folder.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..nlp.pattern_text import lowered_document, lowers_plainly
from ..nlp.tokens import WORD_OR_MARK
from ..yamlfiles import load_yaml

if TYPE_CHECKING:
    from .detect import WorthModel
    from .speakers import SpeakerReferences
    from .status_rules import StatusRules


def _read(language: str, name: str) -> str:
    return (resources.files("claimgraph") / "data" / "claims" / language / name).read_text(encoding="utf-8")


def _lines(language: str, name: str) -> tuple[str, ...]:
    return tuple(
        line.strip().lower()
        for line in _read(language, name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


# The per-document state of the span helpers below; ``clear_span_caches`` drops it.
_scope: list = [None]  # the last span whose words were computed: (text, start, end, words)
_document: list = [None, None, {}]  # [text, its lower case (see ``lowered``), {(start, end): words}]


def lowered(text: str) -> str | None:
    """``nlp.pattern_text.lowered`` of the document, with this module's per-document state reset
    when the document changes. The lists are matched in it without IGNORECASE."""
    doc = _document
    if doc[0] is not text:
        doc[:] = [text, lowered_document(text), {}]
    return doc[1]


def span_words(text: str, start: int, end: int) -> frozenset[str]:
    """The lower-cased words of a span — or of the last span asked about that contains it: a
    superset, which is all its callers need (they only test whether a list's words are absent).
    The stage asks many lists about one sentence and its parts (content, speaker, the rest), so
    the sentence's words serve them all; each span's words are computed once per document."""
    last = _scope[0]
    if last is not None and last[0] is text and last[1] <= start and end <= last[2]:
        return last[3]
    low = lowered(text)
    known = _document[2]
    words = known.get((start, end))
    if words is None:
        words = known[start, end] = frozenset(
            WORD_OR_MARK.findall(low, start, end) if low is not None else WORD_OR_MARK.findall(text[start:end].lower())
        )
    _scope[0] = (text, start, end, words)
    return words


class PhraseSet:
    """Whole-word phrase matching, case-insensitive: one compiled alternation per list.

    Most spans contain none of a list's phrases; checking the phrases' first words against the
    span's words first skips the regex for them (it made the stage several times faster)."""

    def __init__(self, phrases):
        self.phrases = tuple(sorted({p.lower() for p in phrases}, key=len, reverse=True))
        self.first_words = frozenset(WORD_OR_MARK.match(p).group(0) for p in self.phrases if WORD_OR_MARK.match(p))
        alternation = "|".join(re.escape(p) for p in self.phrases)
        self._pattern = re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w-])", re.IGNORECASE)
        self._lower_pattern = (
            _first_character_pattern(self.phrases)
            if self.phrases and all(map(lowers_plainly, "".join(self.phrases)))
            else None
        )

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int, str], ...]:
        end = len(text) if end is None else end
        last = _scope[0]  # span_words' first test, inline: the stage asks ~400 times a document
        words = (
            last[3]
            if last is not None and last[0] is text and last[1] <= start and end <= last[2]
            else span_words(text, start, end)
        )
        if self.first_words.isdisjoint(words):
            return ()
        return _matches(self, text, start, end)

    def starts(self, text: str, start: int, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        return self._pattern.match(text, start, end)

    def __contains__(self, phrase: str) -> bool:
        return phrase.lower() in self.phrases


def _first_character_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """``PhraseSet._pattern`` for lower-cased text, its phrases grouped by their first character (in
    their order: longest first). A pattern that starts with one of a set of characters lets the
    regex engine skip to them; the word boundary before the phrase is checked after its first
    character (a look-behind over both)."""
    groups: dict[str, list[str]] = {}
    for p in phrases:
        groups.setdefault(p[0], []).append(re.escape(p[1:]))
    branches = "|".join(rf"{re.escape(c)}(?<![\w'’-]{re.escape(c)})(?:{'|'.join(rest)})" for c, rest in groups.items())
    return re.compile(rf"(?:{branches})(?![\w-])")


@functools.lru_cache(maxsize=1024)
def _matches(phrases: PhraseSet, text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """The matches of a list in a span, once per span (a claim's parts ask about the same spans)."""
    low = lowered(text)
    if low is not None and phrases._lower_pattern is not None:
        return tuple((m.start(), m.end(), m.group(0)) for m in phrases._lower_pattern.finditer(low, start, end))
    return tuple((m.start(), m.end(), m.group(0).lower()) for m in phrases._pattern.finditer(text, start, end))


def clear_span_caches() -> None:
    """Drop the per-span caches: they hold the text of the document just processed."""
    _scope[0] = None
    _document[:] = [None, None, {}]
    _matches.cache_clear()


def _by_form(groups: dict[str, list[str]] | None) -> dict[str, str]:
    """{class: [forms]} → {form: class}; a form listed twice keeps its first class."""
    out: dict[str, str] = {}
    for cls, forms in (groups or {}).items():
        for form in forms:
            out.setdefault(form.lower(), cls)
    return out


def _words(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@dataclass(frozen=True)
class ClaimLexicon:
    language: str
    # cues.yaml
    verb_cues: dict[str, str]  # form -> class (report | belief | deny | dispute)
    noun_cues: dict[str, str]
    cue_words: frozenset[str]  # every verb and noun cue form
    noun_links: frozenset[str]
    class_noun_links: dict[str, frozenset[str]]
    needs_complementiser: frozenset[str]
    speech_objects: frozenset[str]
    act_objects: frozenset[str]
    anonymity_requests: tuple[str, ...]
    cue_fillers: frozenset[str]
    question_verbs: frozenset[str]
    question_words: frozenset[str]
    inverted_verbs: frozenset[str]
    support_verbs: frozenset[str]
    prepositions: PhraseSet
    preposition_class: dict[str, str]
    phrases: PhraseSet
    phrase_class: dict[str, str]
    phrase_verbs: frozenset[str]
    # hedges.txt, negation.txt, evidence.yaml
    hedges: PhraseSet
    hedge_exceptions: PhraseSet
    negation: PhraseSet
    unverified: PhraseSet
    evidence_nouns: PhraseSet
    evidence_links: frozenset[str]
    citing_phrases: PhraseSet
    anaphora: PhraseSet
    dispute_predicates: PhraseSet
    # detect.yaml
    frames: PhraseSet
    exhortations: PhraseSet
    subjective: frozenset[str]
    factual: frozenset[str]
    verbs: frozenset[str]
    verb_suffixes: tuple[str, ...]
    threshold: float
    # grammar.yaml
    boundary_words: frozenset[str]
    auxiliaries: frozenset[str]
    adverb_suffixes: tuple[str, ...]
    adverb_exceptions: frozenset[str]
    collective_nouns: frozenset[str]
    determiners: frozenset[str]
    indefinite_articles: frozenset[str]
    anaphoric_determiners: frozenset[str]
    content_end_words: frozenset[str]
    source_prepositions: frozenset[str]
    source_openers: frozenset[str]
    complementisers: frozenset[str]
    relative_pronouns: frozenset[str]
    participle_suffixes: tuple[str, ...]
    infinitive_markers: frozenset[str]
    passive_markers: frozenset[str]
    event_phrases: frozenset[str]
    verb_particles: frozenset[str]
    nominal_links: frozenset[str]
    nominal_prefix_suffixes: tuple[str, ...]
    name_conjunctions: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    pronouns: frozenset[str]
    person_heads: frozenset[str]
    first_person: frozenset[str]
    irregular_verbs: frozenset[str]
    head_first: bool
    adjective_suffixes: tuple[str, ...]
    non_speakers: frozenset[str]
    postmodifier_starts: frozenset[str]
    conditional_openers: re.Pattern
    conditional_inside: re.Pattern | None
    # shared by every language: the last words of the role titles (data/lexicons/roles.yaml), heads that
    # name a person ("spokesman", "minister"); the first words of the number words (quantities.yaml)
    title_words: frozenset[str]
    number_words: frozenset[str]
    # status.yaml (claimgraph.claims.status_rules): reported denials, disputes without a dispute cue
    status: StatusRules
    # check-worthiness (claimgraph.claims.detect): detect.yaml's feature words and the shipped model
    time_words: frozenset[str]
    opinion_markers: PhraseSet
    boilerplate: PhraseSet
    # grammar.yaml's references and non_speaker_pronouns (claimgraph.claims.speakers)
    references: SpeakerReferences
    # grammar.yaml's generic_speakers: pronouns that speak for nobody (claimgraph.claims.accounts)
    generic_speakers: frozenset[str] = frozenset()
    # grammar.yaml's verb endings for the fast reading of a predicate (claimgraph.claims.accounts)
    verb_suffixes_after_noun: tuple[str, ...] = ()
    not_verb_suffixes: tuple[str, ...] = ()
    verb_suffixes_after_word: tuple[str, ...] = ()

    @functools.cached_property
    def worth_model(self) -> WorthModel:
        """The check-worthiness model (data/models/checkworthiness.npz), read on first use and kept with
        the lexicon; the features it weighs are this lexicon's words, so one model serves each language."""
        from .detect import WorthModel  # detect builds on this module

        return WorthModel.load()

    @functools.cached_property
    def cue_words_and_colon(self) -> frozenset[str]:
        """The tokens ``find_attributions`` looks at: cue words, and colons ("Shaw: “...”")."""
        return self.cue_words | {":"}


def supported_languages() -> tuple[str, ...]:
    """ISO 639-1 codes with a lexicon folder under ``data/claims/``."""
    root = resources.files("claimgraph") / "data" / "claims"
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "cues.yaml").is_file()))


def _title_words() -> frozenset[str]:
    from claimgraph.entities.persons import RoleTitles

    return frozenset(t.split()[-1].lower() for t in RoleTitles.load().titles)


def _number_words() -> frozenset[str]:
    """The first words of the number words, multipliers and vague amounts that ``find_quantities``
    reads (``data/lexicons/quantities.yaml``): a sentence with none of them and no digit has no quantity."""
    data = load_yaml(
        (resources.files("claimgraph") / "data" / "lexicons" / "quantities.yaml").read_text(encoding="utf-8")
    )
    words = [*data.get("units", {}), *data.get("multipliers", {}), *data.get("vague", {})]
    return frozenset(w.split()[0].lower() for w in words if w.strip() and w.lower() not in ("a", "an"))


def load_lexicon(language: str = "en", languages: tuple[str, ...] | None = None) -> ClaimLexicon:
    """The word lists of one language, read from its files (hold on to it: ``ClaimLexicons``); raises
    ValueError for a language without a lexicon folder (``languages``: ``supported_languages()``, where
    the caller has it)."""
    languages = languages if languages is not None else supported_languages()
    if language not in languages:
        raise ValueError(f"no claim lexicons for language {language!r} (have: {', '.join(languages)})")
    cues = load_yaml(_read(language, "cues.yaml"))
    evidence = load_yaml(_read(language, "evidence.yaml"))
    detect = load_yaml(_read(language, "detect.yaml"))
    grammar = load_yaml(_read(language, "grammar.yaml"))
    prepositions = _by_form(cues.get("prepositions"))
    verb_cues, noun_cues = _by_form(cues["verbs"]), _by_form(cues.get("nouns"))
    phrases = _by_form(cues.get("phrases"))
    pronouns = grammar.get("pronouns") or {}
    openers = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in grammar["conditional_openers"])
    inside = "|".join(f"(?:{p})" for p in grammar.get("conditional_inside") or ())
    return ClaimLexicon(
        language=language,
        verb_cues=verb_cues,
        noun_cues=noun_cues,
        cue_words=frozenset(verb_cues) | frozenset(noun_cues),
        noun_links=_words(cues.get("noun_links")),
        class_noun_links={cls: _words(links) for cls, links in (cues.get("class_noun_links") or {}).items()},
        needs_complementiser=_words(cues.get("needs_complementiser")),
        speech_objects=_words(cues.get("speech_objects")),
        act_objects=_words(cues.get("act_objects")),
        anonymity_requests=tuple(w.lower() for w in cues.get("anonymity_requests") or ()),
        cue_fillers=_words(cues.get("cue_fillers")),
        question_verbs=_words(cues.get("question_verbs")),
        question_words=_words(cues.get("question_words")),
        inverted_verbs=_words(cues.get("inverted_verbs")),
        support_verbs=_words(cues.get("support_verbs")),
        prepositions=PhraseSet(prepositions),
        preposition_class=prepositions,
        phrases=PhraseSet(phrases),
        phrase_class=phrases,
        phrase_verbs=_words(cues.get("phrase_verbs")),
        hedges=PhraseSet(_lines(language, "hedges.txt")),
        hedge_exceptions=PhraseSet(evidence.get("hedge_exceptions") or ()),
        negation=PhraseSet(_lines(language, "negation.txt")),
        unverified=PhraseSet(evidence["unverified"]),
        evidence_nouns=PhraseSet(evidence["evidence_nouns"]),
        evidence_links=_words(evidence.get("evidence_links")),
        citing_phrases=PhraseSet(evidence.get("citing_phrases") or ()),
        anaphora=PhraseSet(evidence.get("anaphora") or ()),
        dispute_predicates=PhraseSet(evidence.get("dispute_predicates") or ()),
        frames=PhraseSet(detect.get("frames") or ()),
        exhortations=PhraseSet(detect.get("exhortations") or ()),
        subjective=_words(detect.get("subjective")),
        factual=_words(detect.get("factual")),
        verbs=_words(detect.get("verbs")),
        verb_suffixes=tuple(detect.get("verb_suffixes") or ()),
        threshold=float(detect["threshold"]),
        boundary_words=_words(grammar.get("boundary_words")),
        auxiliaries=_words(grammar.get("auxiliaries")),
        adverb_suffixes=tuple(grammar.get("adverb_suffixes") or ()),
        adverb_exceptions=_words(grammar.get("adverb_exceptions")),
        collective_nouns=_words(grammar.get("collective_nouns")),
        determiners=_words(grammar.get("determiners")),
        indefinite_articles=_words(grammar.get("indefinite_articles")),
        anaphoric_determiners=_words(grammar.get("anaphoric_determiners")),
        content_end_words=_words(grammar.get("content_end_words")),
        source_prepositions=_words(grammar.get("source_prepositions")),
        source_openers=_words(grammar.get("source_openers")),
        complementisers=_words(grammar.get("complementisers")),
        relative_pronouns=_words(grammar.get("relative_pronouns")),
        participle_suffixes=tuple(grammar.get("participle_suffixes") or ()),
        infinitive_markers=_words(grammar.get("infinitive_markers")),
        passive_markers=_words(grammar.get("passive_markers")),
        event_phrases=_words(grammar.get("event_phrases")),
        verb_particles=_words(grammar.get("verb_particles")),
        nominal_links=_words(grammar.get("nominal_links")),
        nominal_prefix_suffixes=tuple(grammar.get("nominal_prefix_suffixes") or ()),
        name_conjunctions=_words(grammar.get("name_conjunctions")),
        person_pronouns=_words(pronouns.get("person")),
        group_pronouns=_words(pronouns.get("group")),
        pronouns=_words([w for ws in pronouns.values() for w in ws or ()]),
        person_heads=_words(grammar.get("person_heads")),
        first_person=_words(pronouns.get("first_person")),
        irregular_verbs=_words(grammar.get("irregular_verbs")),
        head_first=grammar.get("head_position", "last") == "first",
        adjective_suffixes=tuple(grammar.get("adjective_suffixes") or ()),
        non_speakers=_words(grammar.get("non_speakers")),
        postmodifier_starts=_words(grammar.get("postmodifier_starts")),
        conditional_openers=re.compile(rf"\s*(?:[\"“«„]\s*)?(?:{openers})\b", re.IGNORECASE),
        conditional_inside=re.compile(inside, re.IGNORECASE) if inside else None,
        title_words=_title_words(),
        number_words=_number_words(),
        status=_status_rules(language, verb_cues),
        time_words=_words(detect.get("time_words")),
        opinion_markers=PhraseSet(detect.get("opinion_markers") or ()),
        boilerplate=PhraseSet(detect.get("boilerplate") or ()),
        references=_references(grammar),
        generic_speakers=_words(grammar.get("generic_speakers")),
        verb_suffixes_after_noun=tuple(grammar.get("verb_suffixes_after_noun") or ()),
        not_verb_suffixes=tuple(grammar.get("not_verb_suffixes") or ()),
        verb_suffixes_after_word=tuple(grammar.get("verb_suffixes_after_word") or ()),
    )


def _references(grammar: dict) -> SpeakerReferences:
    from .speakers import SpeakerReferences  # speakers builds on this module

    refs = grammar.get("references") or {}
    return SpeakerReferences(
        group_heads=_words(refs.get("group_heads")),
        generic=_words(refs.get("generic")),
        state=_words(refs.get("state")),
        window=int(refs.get("window", 0)),
        non_speakers=_words(grammar.get("non_speaker_pronouns")) | _words(grammar.get("relayed_sources")),
        singular=_words(refs.get("singular_pronouns")),
        first_person=_words(refs.get("first_person")),
        organisation_words=_words(refs.get("organisation_words")),
        media_words=_words(refs.get("media_words")),
    )


def _status_rules(language: str, verb_cues: dict[str, str]) -> StatusRules:
    from .status_rules import load_status_rules  # it builds on this module's PhraseSet

    return load_status_rules(language, verb_cues)


class ClaimLexicons:
    """The claim lexicons of one pipeline: each language's read on first use, then kept with the
    pipeline (the claims component holds one), not in a module-level cache."""

    def __init__(self):
        self.languages = supported_languages()  # those with a lexicon folder, listed once
        self._loaded: dict[str, ClaimLexicon] = {}

    def __call__(self, language: str) -> ClaimLexicon:
        lex = self._loaded.get(language)
        if lex is None:
            lex = self._loaded[language] = load_lexicon(language, self.languages)
        return lex
