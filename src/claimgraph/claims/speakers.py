"""Who a speaker span is: its head word, the actor or person it names, and what a pronoun refers to.

A speaker span can be long ("A fruit trader who travels between Jalalabad and Peshawar", "the
Secretary of the Security Council of Kyrgyzstan, Marat Imankulov"). Its *core* is the part that
names it — before a relative clause or participle, or the name after a title — and its *head* is
the core's last word before any "of"/"for" phrase ("trader", "Imankulov", "spokesman").

Linking uses the entity stage's mentions inside the core: a mention that carries an actor id (a
person before an organisation), else a person the entity stage found by role or coreference
(a surname alone, "Imankulov said", gets the full name of the person named earlier). Without
mentions the ontology is looked up directly with the core's capitalised word sequences.

A person the ontology does not know, named with an office ("X, Ministry of Interior spokesman", "said
Y, a commander of the ELN", "according to Z, who heads the ISPR office", "TTP spokesman W"), speaks for
the organisation the entity stage links there (``office_organisation``; data/claims/<language>/offices.yaml):
that organisation is the speaker's actor, the person's name its name.

Pronouns ("he", "they") are resolved by ``extract`` against earlier speakers (``resolve_pronoun``);
a person pronoun takes a person, a group pronoun a group, and anything ambiguous stays unresolved.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from importlib import resources

from claimgraph.entities.ontology import Ontology
from claimgraph.entities.persons import NAME_RE
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, Mention
from claimgraph.yamlfiles import load_yaml

from ..nlp.tokens import WORD_OR_MARK
from .lexicon import ClaimLexicon

_MAX_NGRAM = 6
_GROUP_TYPES = frozenset({"armed_group", "igo", "ngo", "media", "political_party", "state", "state_organ"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """What is known about one speaker span."""

    head: str | None  # the head word ("trader", "Imankulov")
    actor_id: str | None
    name: str | None  # the actor's or person's name where known
    kind: str | None  # "person" | "group" | None (unknown)


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in WORD_OR_MARK.finditer(text, start, end)]


def speaker_core(
    text: str, start: int, end: int, lex: ClaimLexicon, tokens: list[tuple[int, int, str]] | None = None
) -> tuple[int, int]:
    """The part of the speaker span that names the speaker (see the module docstring); ``tokens``:
    the span's words, where known."""
    tokens = _words(text, start, end) if tokens is None else tokens
    commas = [n for n, t in enumerate(tokens) if t[2] == ","]
    if commas:
        after = [t for t in tokens[commas[-1] + 1 :] if t[2][:1].isalnum()]
        if after and all(t[2][:1].isupper() for t in after):  # "the Secretary ..., Marat Imankulov"
            return after[0][0], after[-1][1]
        tokens = tokens[: commas[0]]  # "Ryan Ellis, a Republican tax consultant"
    for n, (_, _, word) in enumerate(tokens):
        lower = word.lower()
        if n > 0 and (
            lower in lex.relative_pronouns
            or (word[:1].islower() and lex.participle_suffixes and lower.endswith(lex.participle_suffixes))
        ):
            tokens = tokens[:n]
            break
    if not tokens:
        return start, end
    return tokens[0][0], tokens[-1][1]


def speaker_head(
    text: str,
    start: int,
    end: int,
    lex: ClaimLexicon,
    core: tuple[int, int] | None = None,
    tokens: list[tuple[int, int, str]] | None = None,
) -> tuple[int, int] | None:
    """Offsets of the head word of the speaker span [start, end) (whose ``core`` and words may be known)."""
    c_start, c_end = core or speaker_core(text, start, end, lex, tokens)
    # the core starts and ends at words of the span: its words are the span's words inside it
    inside = (
        _words(text, c_start, c_end) if tokens is None else [t for t in tokens if c_start <= t[0] and t[1] <= c_end]
    )
    words = [t for t in inside if t[2][:1].isalnum()]
    stop = lex.source_prepositions | lex.postmodifier_starts
    for n, (_, _, word) in enumerate(words):
        if n > 0 and word.lower() in stop:
            words = words[:n]
            break
    if not words:
        return None
    s, e, word = words[-1]
    if lex.head_first and not all(w[:1].isupper() for _, _, w in words):
        # Russian: the head comes first, its modifiers follow ("Министр обороны Таджикистана")
        nouns = [
            w
            for w in words
            if w[2].lower() not in lex.determiners
            and not (lex.adjective_suffixes and w[2].lower().endswith(lex.adjective_suffixes))
        ]
        s, e, word = (nouns or words)[0]
    if word.lower().endswith(("'s", "’s")):
        e -= 2
    return s, e


def _mentions_in(doc: Document, start: int, end: int) -> list[Mention]:
    """The mentions inside [start, end) (``doc.entities`` is sorted by start)."""
    first = bisect.bisect_left(doc.entities, start, key=lambda m: m.start)
    out = []
    for m in doc.entities[first:]:
        if m.start >= end:
            break
        if m.end <= end:
            out.append(m)
    return out


def _person_name(doc: Document, m: Mention, lex: ClaimLexicon) -> str | None:
    """The fullest earlier name of the person a mention refers to ("Imankulov" → "Marat Imankulov")."""
    if m.actor_name:
        return m.actor_name
    fuller = [
        e.text
        for e in doc.entities
        if e.type == "Person"
        and e.start < m.start
        and len(e.text) > len(m.text)
        and e.text.split()[-1:] == m.text.split()[-1:]
    ]
    if fuller:
        return fuller[-1]
    if len(m.text.split()) == 1:  # a surname whose full name the tagger did not take for a person
        named = [
            n.group(0)
            for n in NAME_RE.finditer(doc.clean_text, 0, m.start)
            if len(n.group(0).split()) > 1 and n.group(0).split()[-1] == m.text
        ]
        if named:
            return named[-1]
    words = m.text.split()
    if not any(w[:1].isupper() for w in words[1:]) and words[-1].lower() in lex.title_words:
        return None  # "The minister": a role, not a name
    return m.text


def _rank(m: Mention, head: tuple[int, int] | None = None) -> tuple:
    """Persons first, then the mention that holds the head word ("Tajikistan's GKNB" is the GKNB, not
    Tajikistan), then the longest, then the first."""
    holds_head = head is not None and m.start <= head[0] < m.end
    return (
        m.actor_type == "person" or (m.actor_type is None and m.type == "Person"),
        holds_head,
        m.end - m.start,
        -m.start,
    )


def _kind_of(actor_type: str | None, mention_type: str | None) -> str | None:
    if actor_type == "person" or (actor_type is None and mention_type == "Person"):
        return "person"
    if actor_type in _GROUP_TYPES or mention_type == "Organisation":
        return "group"
    return None


def describe_speaker(
    doc: Document, start: int, end: int, lex: ClaimLexicon, ontology: Ontology | None = None
) -> Speaker:
    """Head, actor, name and kind of the speaker span [start, end)."""
    text = doc.clean_text
    if text[start:end].strip().lower() in lex.pronouns:
        return Speaker(text[start:end].strip(), None, None, None)
    tokens = _words(text, start, end)  # once for the core and the head
    core = speaker_core(text, start, end, lex, tokens)
    head_span = speaker_head(text, start, end, lex, core, tokens)
    head = text[head_span[0] : head_span[1]] if head_span else None
    inside = [
        m
        for m in _mentions_in(doc, *core)
        if m.actor_id
        or (m.type == "Person" and m.method != "model")
        or (m.type == "Person" and head_span is not None and m.start <= head_span[0] < m.end)
    ]
    if inside:
        best = max(inside, key=lambda m: _rank(m, head_span))
        kind = _kind_of(best.actor_type, best.type)
        name = best.actor_name if best.actor_id else (_person_name(doc, best, lex) if kind == "person" else None)
        if best.actor_id is None and kind == "person":
            # an unknown person named with his office speaks for its organisation; a known one stays himself
            office = office_organisation(doc, start, end, core, lex, ontology, best.start)
            if office is not None:
                return Speaker(head, office.actor_id, name, kind)
        return Speaker(head, best.actor_id, name, kind)
    # the entity stage, where it ran, already looked every name up in the ontology
    actor = None if doc.entities else _ontology_lookup(text, *core, ontology)
    if actor is not None:
        return Speaker(head, actor.id, actor.name, "person" if actor.type == "person" else "group")
    kind = _kind_of_head(head, lex)
    named = _name_like(text, *core)  # a name the tagger did not take for a person ("Ali Rezaei, a spokesman ...")
    if kind == "person" or named:
        office = office_organisation(doc, start, end, core, lex, ontology)
        if office is not None:
            return Speaker(head, office.actor_id, text[core[0] : core[1]] if named else None, "person")
    return Speaker(head, None, None, kind)


def _name_like(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is two or more capitalised words and nothing else ("Saidjon Rahmonov")."""
    words = [m.group(0) for m in WORD_OR_MARK.finditer(text, start, end)]
    return len(words) > 1 and all(w[:1].isupper() for w in words)


# --------------------------------------------------------------------------- a person's office

OFFICES_FILE = "offices.yaml"


@dataclass(frozen=True)
class OfficeWords:
    """data/claims/<language>/offices.yaml (see there); empty for a language without the file."""

    nouns: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    former: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()


@functools.cache
def office_words(language: str) -> OfficeWords:
    path = resources.files("claimgraph") / "data" / "claims" / language / OFFICES_FILE
    if not path.is_file():
        return OfficeWords()
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        return OfficeWords(
            *(
                frozenset(str(w).lower() for w in data[k])
                for k in ("office_nouns", "office_verbs", "former_words", "possessives")
            )
        )
    except (OSError, KeyError, TypeError) as exc:
        raise ClaimgraphError(
            f"{path}: cannot read the office words (office_nouns, office_verbs, former_words, possessives): {exc}"
        ) from exc


# A relative clause right after a speaker span, up to the next comma or the end of the clause:
# ", who heads the district hospital" (the span often stops at the name).
_RELATIVE_AFTER = re.compile(r"[ \t]*,[ \t]*(who\b[^,.;:!?\n]*)")
_NOT_AN_OFFICE_HOLDER = frozenset({"person", "state"})  # a state named beside a person is mostly where he is


def office_organisation(
    doc: Document,
    start: int,
    end: int,
    core: tuple[int, int],
    lex: ClaimLexicon,
    ontology: Ontology | None = None,
    name_start: int | None = None,
) -> Mention | None:
    """The linked organisation a person speaker [start, end) (named in ``core``) holds an office of, as
    the span or a relative clause right after it says: "<name>, Ministry of Interior spokesman",
    "Spokesman for the Islamic Emirate, <name>", "<name>, a commander of the ELN", "<name>, who heads
    the ISPR office", and, where the person's name begins at ``name_start`` inside the core, "TTP
    spokesman <name>". The organisation is the entity stage's link, so a generic name ("the Ministry of
    Interior") is the organ of the story's country, and one the stage cannot link gives None. A former
    office, an organisation the person only speaks to or is a critic or survivor of, a place or a role
    with no organisation named ("a hospital official") give None."""
    offices = office_words(lex.language)
    if not offices.nouns:
        return None
    text = doc.clean_text
    parts = [p for s, e in ((start, core[0]), (core[1], end)) for p in _comma_parts(text, s, e)]
    after = _RELATIVE_AFTER.match(text, end)
    if after:
        parts.append(after.span(1))
    if name_start is not None and core[0] < name_start:
        parts.append((core[0], name_start))  # the title before the name: "Ministry of Interior spokesman <name>"
    for s, e in parts:
        found = _office_in(doc, s, e, offices, lex, ontology)
        if found is not None:
            return found
    return None


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n")


def _organisation_before(doc: Document, pos: int) -> Mention | None:
    """The last linked organisation named in the sentence of ``pos`` before it or the sentence before."""
    ends = [m.end() for m in _SENTENCE_END.finditer(doc.clean_text, max(0, pos - 800), pos)]
    window = ends[-2] if len(ends) > 1 else max(0, pos - 800)
    found = [
        m
        for m in _mentions_in(doc, window, pos)
        if m.actor_id and m.actor_type not in _NOT_AN_OFFICE_HOLDER and m.actor_type != "media"
    ]
    return found[-1] if found else None


def _comma_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for m in re.finditer(",", text[start:end]):
        out.append((s, start + m.start()))
        s = start + m.end()
    out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _office_in(
    doc: Document, start: int, end: int, offices: OfficeWords, lex: ClaimLexicon, ontology: Ontology | None
) -> Mention | None:
    """The organisation an apposition or relative clause [start, end) gives its person an office of."""
    words = list(WORD_OR_MARK.finditer(doc.clean_text, start, end))
    lower = [w.group(0).lower() for w in words if w.group(0)[:1].isalnum()]
    if not lower:
        return None
    relatives = lex.relative_pronouns | {"whose", "that"}
    if lower[0] in relatives:  # a relative clause: only "who heads X", not "who was speaking to X"
        if len(lower) < 2 or lower[1] not in offices.verbs:
            return None
    else:
        cut = next((n for n, w in enumerate(words) if w.group(0).lower() in relatives), None)
        if cut is not None:  # "a driver who works for UNHCR": the office is the words before the clause
            end = words[cut].start()
            lower = [w.group(0).lower() for w in words[:cut] if w.group(0)[:1].isalnum()]
        if not any(w in offices.nouns for w in lower):
            return None
    if any(part in offices.former for w in lower for part in re.split(r"[-'’]", w)):
        return None  # "a former army spokesman", "ex-commander"
    orgs = [m for m in _mentions_in(doc, start, end) if m.actor_id and m.actor_type not in _NOT_AN_OFFICE_HOLDER]
    if not orgs and lower[0] in offices.possessives:
        return _organisation_before(doc, start)  # "Its spokesman": the organisation just named
    if not orgs:
        return None
    # "a spokeswoman for the UN mission in Afghanistan": the most specific of the organisations named
    if len(orgs) > 1:
        ontology = ontology if ontology is not None else Ontology.load()
        above = {a.id for o in orgs for a in ontology.ancestors(o.actor_id)}
        orgs = [m for m in orgs if m.actor_id not in above] or orgs
    return orgs[0]


def _kind_of_head(head: str | None, lex: ClaimLexicon) -> str | None:
    """Person or group from the head word alone: a role title names a person ("the spokesman"), a
    plural common noun a group ("officials")."""
    if not head:
        return None
    lower = head.lower()
    if lower in lex.title_words or lower in lex.person_heads:
        return "person"
    if head[:1].islower() and lower.endswith("s") and not lower.endswith("ss"):
        return "group"
    return None


def _ontology_lookup(text: str, start: int, end: int, ontology: Ontology | None):
    """The one actor of ``ontology`` (default: the shipped one) the span's capitalised words name."""
    ontology = ontology if ontology is not None else Ontology.load()
    tokens = [m for m in WORD_OR_MARK.finditer(text, start, end) if m.group(0)[:1].isalnum()]
    best_key, best = None, None
    for i, first in enumerate(tokens):
        if not first.group(0)[:1].isupper() and first.group(0).lower() != "the":
            continue
        for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
            last = tokens[i + n - 1]
            if not any(t.group(0)[:1].isupper() for t in tokens[i : i + n]):
                continue
            actors = ontology.lookup(text[first.start() : last.end()])
            if len(actors) == 1:  # an ambiguous surface is not a link
                key = (actors[0].type == "person", last.end() - first.start(), -first.start())
                if best_key is None or key > best_key:
                    best_key, best = key, actors[0]
                break
    return best


def pronoun_kind(word: str, lex: ClaimLexicon) -> str | None:
    """ "person" for he/she, "group" for they, None for any other word."""
    lower = word.strip().lower()
    if lower in lex.person_pronouns:
        return "person"
    if lower in lex.group_pronouns:
        return "group"
    return None


def intervening(doc: Document, start: int, end: int, kind: str, identity: str, lex: ClaimLexicon) -> bool:
    """Whether a mention of another person (or group) of ``kind`` lies in [start, end): then a
    pronoun after it could refer to either, and stays unresolved."""
    for m in doc.entities:
        if m.start < start or m.end > end or _kind_of(m.actor_type, m.type) != kind or m.text.lower() in lex.pronouns:
            continue  # a pronoun in between ("said he had ...") is no other person
        if m.method == "model" and m.actor_id is None and kind == "group":
            continue  # an unlinked tagger organisation is too weak a signal to block
        other = (m.actor_id or (m.actor_name or m.text)).lower()
        if other != identity and not identity.endswith(other.split()[-1].lower()):
            return True
    return False


# --------------------------------------------------------------------------- speaker spans and references


@dataclass(frozen=True)
class SpeakerReferences:
    """grammar.yaml's ``references`` (see there) and the pronouns that are never a speaker."""

    group_heads: frozenset[str]
    generic: frozenset[str]
    state: frozenset[str]
    window: int
    non_speakers: frozenset[str]
    singular: frozenset[str]  # group pronouns that take one organisation ("it")
    first_person: frozenset[str] = frozenset()  # "we", "our": the writer's own voice
    organisation_words: frozenset[str] = frozenset()  # words naming an organisation ("Mission", "Directorate")
    media_words: frozenset[str] = frozenset()  # words naming an outlet ("News", "Herald")


_STATE_TYPES = frozenset({"state", "state_organ"})
_NO_ARTICLE = re.compile(r"^the\s+")  # "the wire agencies" is matched as "wire agencies"
_DATE_CHARS = frozenset("0123456789")


def speaker_span(text: str, start: int, end: int, lex: ClaimLexicon) -> tuple[int, int] | None:
    """The speaker span [start, end) without what is no part of a speaker: the lines above its own
    (a headline's words, a dateline), leading bullets and dashes ("- - The ministry"), a leading
    date ("Monday, 3 March - the ministry"); None when no speaker is left or it is the writer's or
    reader's own voice ("We", "I", "you")."""
    line = text.rfind("\n", start, end)
    if line >= 0:
        start = line + 1
    numbered = _POST_NUMBER.match(text, start, end)
    if numbered:  # a thread's post number ("2/ Survivors told me", "(3/7) Officials said")
        start = numbered.end()
    words = list(WORD_OR_MARK.finditer(text, start, end))
    n = 0
    while n < len(words) and not words[n].group(0)[:1].isalnum():
        n += 1
    dated, k = False, n
    while k < len(words):
        word = words[k].group(0)
        lower = word.lower()
        if lower in lex.time_words or (lower in _MONTH_WORDS and (lower != "may" or word[0].isupper())):
            dated = True
        elif not (set(word) <= _DATE_CHARS or not word[:1].isalnum() or lower in ("on", "st", "nd", "rd", "th")):
            break
        k += 1
    if dated:  # digits alone are no date: "14 villagers said"
        n = k
        while n < len(words) and not words[n].group(0)[:1].isalnum():
            n += 1
    if n >= len(words):
        return None
    start = words[n].start()
    start, end = balanced_brackets(text, start, end)
    start = _after_speech_noun(text, start, end, lex)
    if start >= end or _NO_ARTICLE.sub("", text[start:end].strip().lower()) in lex.references.non_speakers:
        return None
    return start, end


# A post's number at the head of a line in a thread: "2/", "2/7", "(2/7)", "3/n".
_POST_NUMBER = re.compile(r"[ \t]*\(?\d{1,3}/(?:\d{1,3}|n)?\)?[ \t]+")
_CLOSER_OF = {"(": ")", "[": "]", "{": "}"}
_OPENERS = frozenset(_CLOSER_OF)
_CLOSERS = frozenset(_CLOSER_OF.values())
_SPAN_EDGE = " \t\n,;:–—-"  # what a span neither starts nor ends with once a bracket is cut off


def balanced_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """The span [start, end) with its brackets balanced: a span that stops just before the closing
    bracket of its own "(" takes it in ("US Central Command (CENTCOM" -> "... (CENTCOM)"); any other
    unclosed "(" is cut off with what follows it, a ")" closing nothing with what comes before it
    ("UNAMA)" -> "UNAMA"), as they belong to the text around the speaker, not to its name."""
    for _ in range(4):  # each pass mends the first fault; a span has at most a few brackets
        stack: list[int] = []
        fault = None
        for i in range(start, end):
            c = text[i]
            if c in _OPENERS:
                stack.append(i)
            elif c in _CLOSERS:
                if stack and _CLOSER_OF[text[stack[-1]]] == c:
                    stack.pop()
                else:
                    fault = ("close", i)
                    break
        if fault is None and stack:
            fault = ("open", stack[0])
        if fault is None:
            break
        kind, at = fault
        if kind == "open":
            after = len(text[end:]) - len(text[end:].lstrip(" "))
            if len(stack) == 1 and text[end + after : end + after + 1] == _CLOSER_OF[text[at]]:
                end += after + 1
            elif at == start:
                start += 1
            else:
                end = at
        elif not text[at + 1 : end].strip(_SPAN_EDGE):
            end = at
        else:
            start = at + 1
        while start < end and text[start] in _SPAN_EDGE:
            start += 1
        while end > start and text[end - 1] in _SPAN_EDGE:
            end -= 1
    return start, end


def _after_speech_noun(text: str, start: int, end: int, lex: ClaimLexicon) -> int:
    """Where the speaker begins in a span that runs a noun of speech into the name after it: "an
    allegation Kabul [denies]", "a claim the Taliban [reject]" are a noun and a relative clause with
    no "that", whose subject, the name, is the speaker. The name must end the span: a speech noun
    followed by a name and more ("the allegations Kabul officials made") is left as it is."""
    words = [m for m in WORD_OR_MARK.finditer(text, start, end) if m.group(0)[:1].isalnum()]
    joiners = lex.name_conjunctions | lex.nominal_links
    for k in range(1, len(words)):
        noun = words[k - 1].group(0)
        if not (noun[:1].islower() and noun in lex.noun_cues) or text[words[k - 1].end() : words[k].start()].strip():
            continue  # not a noun of speech, or one the name does not follow directly ("report, Ari Fleischer")
        name = words[k + 1 :] if words[k].group(0) == "the" else words[k:]
        if any(w.group(0).lower() in lex.time_words or w.group(0).lower() in _MONTH_WORDS for w in name):
            continue  # "reports Monday": a date, not a name
        if name and name[0].group(0)[:1].isupper() and name[-1].group(0)[:1].isupper():
            if all(w.group(0)[:1].isupper() or w.group(0) in joiners for w in name):
                return words[k].start()
    return start


def first_person_span(text: str, start: int, end: int, lex: ClaimLexicon) -> bool:
    """Whether the speaker span [start, end) is the writer's own voice: "We", "us", "Our preliminary findings"."""
    first = WORD_OR_MARK.search(text, start, end)
    if first is None:
        return False
    word = first.group(0)
    # "US" is the country, not "us"
    return word.lower() in lex.references.first_person and not (len(word) > 1 and word.isupper())


def in_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened earlier in its paragraph: a "we" there is the
    quoted speaker's, not the document's."""
    line = text.rfind("\n", 0, pos) + 1
    before = text[line:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def document_voice(doc: Document, lex: ClaimLexicon, ontology: Ontology | None = None) -> Speaker | None:
    """The organisation a document is the own statement or post of, whose "we" it is: the first of its
    author and site fields that names one (the ontology's actor where it knows the name, else a name
    holding an organisation word: "Sudan Doctors Network", "Ministry of Defence of Nigeria"); None
    when the first that names anything names a person or an outlet (a byline, an op-ed, a news site:
    there "we" is the writer)."""
    refs = lex.references
    for field in (doc.meta.author, doc.meta.site):
        for part in _name_parts(field or ""):
            words = [w.group(0) for w in WORD_OR_MARK.finditer(part) if w.group(0)[:1].isalnum()]
            capitalised = {w.lower() for w in words if w[:1].isupper()}
            if not capitalised:
                continue  # "press office": no name
            name = _org_name(part, words)
            # the whole name, not a word of it: "Sudan Doctors Network" is no state, "Ministry of Defence
            # of Nigeria" not Nigeria
            known = ontology if ontology is not None else Ontology.load()
            actors = known.lookup_exact(name)
            actor = actors[0] if len(actors) == 1 else None
            owner = known.get(actor.parent) if actor is not None and actor.type == "media" and actor.parent else None
            if owner is not None and owner.type != "media":
                # an armed group's or a party's own outlet (Amaq, Az-Zallaqa, Umar Media): its statement is the
                # group's, so the group's own claims and tolls carry the group, not the outlet's name
                return Speaker(None, owner.id, owner.name, "group")
            if (actor is not None and actor.type == "media") or capitalised & refs.media_words:
                return None  # an outlet's page: its "we" is the writer
            if actor is not None and actor.type != "person":
                return Speaker(None, actor.id, actor.name, "group")
            if {w.lower() for w in words} & (refs.organisation_words | refs.group_heads):
                # "Ministry of Interior": the organ the entity stage read in the text for the story's country
                linked = _linked_in_text(doc, name)
                if linked is not None:
                    return Speaker(None, linked.actor_id, linked.actor_name, "group")
                return Speaker(None, None, name, "group")
            # a person (a spokesman's byline) or an unknown name: the next part may name the organisation
    return None


def _linked_in_text(doc: Document, name: str) -> Mention | None:
    """A mention of the document's text that is ``name`` (case and spacing aside) and that the entity
    stage linked to an organisation: a name every state's organ bears ("Ministry of Interior") is
    linked there with the story's country, which a metadata field alone does not give."""
    key = " ".join(name.casefold().split())
    for m in doc.entities:
        if m.actor_id and m.actor_type not in _NOT_AN_OFFICE_HOLDER and " ".join(m.text.casefold().split()) == key:
            return m
    return None


def _name_parts(field: str) -> list[str]:
    """A metadata field's comma- or parenthesis-separated parts ("Mawlawi X, Ministry of Interior spokesman")."""
    return [p.strip() for p in field.replace("(", ",").replace(")", ",").split(",") if p.strip()]


def _org_name(part: str, words: list[str]) -> str:
    """The organisation's name in a field part: from its first to its last capitalised word ("Jama'at
    Nusrat al-Islam wal-Muslimin media office" -> up to "wal-Muslimin"; "the" and "of" inside kept)."""
    capital = [n for n, w in enumerate(words) if w[:1].isupper()]
    start = part.find(words[capital[0]])
    last = words[capital[-1]]
    end = part.rfind(last) + len(last)
    return part[start:end]


def _month_words() -> frozenset[str]:
    from claimgraph.nlp.months import MONTHS

    return frozenset(MONTHS)


_MONTH_WORDS = _month_words()


@dataclass
class SpeakerRef:
    """One claim's speaker as reference resolution sees it (``resolve_speakers`` updates it)."""

    start: int
    end: int
    text: str
    actor: str | None
    name: str | None
    kind: str | None  # "person" | "group" | None


def referring_description(text: str, start: int, end: int, lex: ClaimLexicon) -> tuple[str, str] | None:
    """(kind, head) of a description that refers back to someone named before: "the ministry",
    "the spokesman", "officials", "the group's leader"; None for a name ("the Taliban"), an
    indefinite description ("a spokesman": someone new) or a longer phrase."""
    words = [m.group(0) for m in WORD_OR_MARK.finditer(text, start, end) if m.group(0)[:1].isalnum()]
    if not words or len(words) > 3:
        return None
    first = words[0].lower()
    if first == "the":
        words = words[1:]
    elif first in lex.determiners or first in lex.number_words:
        return None  # "a spokesman", "some officials", "two officials": not yet named
    if not words:
        return None
    capitalised = [w for w in words if w[:1].isupper()]
    # a capitalised word is a name ("the Taliban", "the Israeli government", "Interior Ministry"), except a
    # lone head at the start of a sentence ("Officials said")
    if capitalised and not (first != "the" and len(words) == 1 and words[0].lower() in _all_heads(lex)):
        return None
    head = words[-1].lower()
    for suffix in ("'s", "’s"):
        head = head.removesuffix(suffix)
    refs = lex.references
    if head in refs.group_heads:
        return "group", head
    if head in lex.title_words or head in lex.person_heads:
        return "person", head
    return None


def _all_heads(lex: ClaimLexicon) -> frozenset[str]:
    return lex.references.group_heads | lex.title_words | lex.person_heads


def resolve_speakers(doc: Document, refs: list[SpeakerRef | None], sentences: list[tuple[int, int]], lex) -> None:
    """Give pronoun and description speakers the identity of the nearest compatible earlier one
    (``refs`` in text order; updated in place). A pronoun ("he", "they", "it") takes a speaker of its
    sentence or the two before — a person for he/she, an organisation for they/it — unless another
    person (or group) is mentioned in between. A description ("the ministry", "the spokesman",
    "officials", "the group") takes, within ``references.window`` sentences, the nearest earlier
    speaker or linked mention of its kind whose name has its head word ("the ministry" → "the
    Ministry of Interior"; "the spokesman" → "Taliban spokesman Zabihullah Mujahid"), any
    organisation for a generic head ("the group"), a state or state organ for "officials"."""
    starts = [s for s, _ in sentences]
    types = {m.actor_id: m.actor_type for m in doc.entities if m.actor_id}
    text = doc.clean_text
    for n, ref in enumerate(refs):
        if ref is None:
            continue
        k = bisect.bisect_right(starts, ref.start) - 1
        kind = pronoun_kind(ref.text, lex)
        if kind is not None:
            _resolve_pronoun(doc, refs, n, kind, sentences[max(0, k - _PRONOUN_WINDOW)][0], lex, types)
            continue
        if ref.actor is not None:
            continue
        if ref.kind == "person" and ref.name:
            # the same person named again ("Rana said" after "Major Adeel Rana, an army spokesman, said")
            # speaks for the organisation his office gave him
            same = [r for r in refs[:n] if r is not None and r.actor and r.kind == "person" and r.name]
            same = [r for r in same if r.name.casefold() == ref.name.casefold() and types.get(r.actor) != "person"]
            if same:
                ref.actor = same[-1].actor
                continue
        description = referring_description(text, ref.start, ref.end, lex)
        if description is not None:
            window = sentences[max(0, k - lex.references.window)][0]
            _resolve_description(doc, refs, n, *description, window, types, lex)


_PRONOUN_WINDOW = 2  # sentences before a pronoun speaker in which its antecedent may be


def _resolve_pronoun(
    doc: Document, refs: list, n: int, kind: str, window_start: int, lex: ClaimLexicon, types: dict
) -> None:
    ref = refs[n]
    candidates = [r for r in refs[:n] if r is not None and window_start <= r.start < ref.start and r.kind == kind]
    if ref.text.strip().lower() in lex.references.singular:
        # "it" is one organisation: not "many critics", "officials" (a plural noun without a name)
        candidates = [r for r in candidates if r.actor or not _plural_description(r.text)]
    if not candidates:
        _resolve_to_mention(doc, ref, kind, window_start, lex)
        return
    antecedent = max(candidates, key=lambda r: r.start)
    identity = (antecedent.actor or antecedent.name or antecedent.text or "").lower()
    if kind == "person" and antecedent.actor and antecedent.name and types.get(antecedent.actor) != "person":
        identity = antecedent.name.lower()  # a spokesman who speaks for his ministry is still one person
    if intervening(doc, antecedent.end, ref.start, kind, identity, lex):
        return
    ref.actor, ref.name, ref.kind = antecedent.actor, antecedent.name or antecedent.text, kind


def _resolve_to_mention(doc: Document, ref: SpeakerRef, kind: str, window_start: int, lex: ClaimLexicon) -> None:
    """A singular pronoun ("he", "she", "it") that no earlier speaker resolves takes the nearest earlier mention
    of its kind in the window, when no other of that kind lies between ("Abdi Hassan, a farmer, described
    the raid. He said ..."; "The junta lies when it speaks of ..."): a person for he/she, a linked organisation
    for "it". "They" may be any plural people, so it is left unresolved."""
    word = ref.text.strip().lower()
    if kind == "group" and word not in lex.references.singular:
        return
    found = None
    for m in doc.entities:
        if m.start >= ref.start:
            break
        if m.start < window_start or m.text.lower() in lex.pronouns or _kind_of(m.actor_type, m.type) != kind:
            continue
        if kind == "group" and not m.actor_id:
            continue  # an unlinked tagger organisation is too weak a signal
        found = m
    if found is None:
        return
    name = found.actor_name or (_person_name(doc, found, lex) if kind == "person" else found.text)
    identity = (found.actor_id or name or found.text).lower()
    if intervening(doc, found.end, ref.start, kind, identity, lex):
        return
    ref.actor, ref.name, ref.kind = found.actor_id, name, kind


def _plural_description(words: str) -> bool:
    last = words.split()[-1] if words.split() else ""
    return last[:1].islower() and last.lower().endswith("s") and not last.lower().endswith("ss")


def _resolve_description(
    doc: Document, refs: list, n: int, kind: str, head: str, window_start: int, types: dict, lex: ClaimLexicon
) -> None:
    ref = refs[n]
    rules = lex.references
    candidates: list[tuple[int, str | None, str, str | None]] = []  # (start, actor, name, actor type)
    for r in refs[:n]:
        named = r is not None and (r.actor or (r.name and r.name[:1].isupper()))
        if named and window_start <= r.start < ref.start and r.kind == kind:
            if referring_description(doc.clean_text, r.start, r.end, lex) is None or r.actor:
                candidates.append((r.start, r.actor, r.name or r.text, types.get(r.actor), r.text))
    # linked mentions that are no speaker count for a head their name holds ("the ministry", "the army") or
    # for "the group"; "officials" and "the government" only take a speaker: a state named in passing is
    # too often not the one meant
    for m in doc.entities:
        if m.start >= ref.start:
            break
        if m.start < window_start or _kind_of(m.actor_type, m.type) != kind or head in rules.state:
            continue
        if m.text.lower() in lex.pronouns:
            continue  # a pronoun the entity stage resolved: its person is named elsewhere
        if m.actor_id or (kind == "person" and m.role):
            candidates.append((m.start, m.actor_id, m.actor_name or m.text, m.actor_type, f"{m.text} {m.role or ''}"))
    fitting = [c for c in candidates if _fits(kind, head, c[2], c[3], c[4], rules)]
    if not fitting:
        return
    _, actor, name, _, _ = max(fitting, key=lambda c: c[0])
    ref.actor, ref.name, ref.kind = actor, name, kind


def _fits(kind: str, head: str, name: str, actor_type: str | None, words: str, rules: SpeakerReferences) -> bool:
    """Whether a candidate (its name, actor type and the words naming it) can be what the head refers to."""
    if kind == "group" and head in rules.generic:
        # "the group": an armed group, party or organisation, not a ministry or a news agency
        return actor_type not in _STATE_TYPES and actor_type != "media"
    if kind == "group" and head in rules.state:
        return actor_type in _STATE_TYPES
    said = f"{name} {words}".lower()
    return head in said.replace("’", "'").split() or head in said


# --------------------------------------------------------------------------- learned speaker nouns

SPEAKER_NOUNS_FILE = "speaker_nouns.txt"


@functools.cache
def learned_speaker_nouns(language: str = "en") -> frozenset[str]:
    """The common nouns that head speakers often enough in PolNeAR train ("donors", "members",
    "magazine"), counted by scripts/attribution_holdout.py (data/claims/<language>/speaker_nouns.txt: one
    word a line, "#" comments): the nouns the hand lists of person, role and group heads miss."""
    path = resources.files("claimgraph") / "data" / "claims" / language / SPEAKER_NOUNS_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ClaimgraphError(f"{path}: cannot read the learned speaker nouns: {exc}") from exc
    words = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    bad = [w for w in words if not w.isalpha() or w != w.lower()]
    if bad:
        raise ClaimgraphError(f"{path}: not one lower-case word a line: {bad[:3]}")
    return frozenset(words)
