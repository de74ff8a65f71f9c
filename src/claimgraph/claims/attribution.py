"""Who says what: source, cue and content spans of the attributions in one sentence.

Rules over the cue lexicons and the shape of the sentence (no parser): a reporting verb takes the
noun phrase before it as its source ("the Taliban have unequivocally denied ...") or, when nothing
names a source there, the one after it ("..., said the minister"); its content is what follows
(or, for "..., he said.", what precedes). A cue noun takes a possessor ("the Taliban's assertions
of ...") or the subject of a support verb ("X has made allegations regarding ...") as its source.
"According to X" and "voices within X express ..." name the source after the cue. The words
that give a sentence its shape (auxiliaries, determiners, relative pronouns, complementisers ...)
are per language, in ``data/claims/<language>/grammar.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import compress, count, repeat
from operator import itemgetter
from typing import NamedTuple

from ..nlp.tokens import WORD_OR_MARK
from .lexicon import ClaimLexicon, lowered, span_words

_PUNCT_BOUNDARY = frozenset(',;:()[]{}"“”‘«»—–')
_CLOSING_QUOTES = "\"”’'»"
_MAX_SOURCE_TOKENS = 12
_QUOTES = "\"“”‘’'«»"


class Token(NamedTuple):  # a tuple: cheap to make, and the stage makes many
    start: int
    end: int
    text: str
    lower: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution found in a sentence; offsets are into the text the sentence was taken from."""

    cue_start: int
    cue_end: int
    cue_class: str  # report | belief | deny | dispute
    content_start: int
    content_end: int
    source_start: int | None = None
    source_end: int | None = None
    kind: str = "verb"  # verb | noun | support | preposition | phrase
    embedded: bool = False  # a cue noun inside a larger clause: the sentence also asserts something else
    # a source that is a relative pronoun ("websites, which reported"): the words it stands for, the
    # claim's speaker (PolNeAR, which the learned model is scored on, marks the pronoun as the source)
    antecedent: tuple[int, int] | None = None


def tokenize(text: str, start: int, end: int) -> list[Token]:
    low = lowered(text)
    if low is None:  # a letter whose lower case is longer ("İ"), ambiguous ("ſ") or contextual ("Σ")
        return _plain_tokens(text, start, end)
    # the tokens built by map() and tuple.__new__ (C loops): the stage makes ~1,000 a document
    matches = [*WORD_OR_MARK.finditer(text, start, end)]
    starts, ends = [*map(_START, matches)], [*map(_END, matches)]
    return [
        *map(
            tuple.__new__,
            repeat(Token),
            zip(starts, ends, map(_GROUP, matches), map(low.__getitem__, map(slice, starts, ends))),
        )
    ]


def _plain_tokens(text: str, start: int, end: int) -> list[Token]:
    sentence = text[start:end].lower()
    if len(sentence) != end - start:  # a letter whose lower case is longer ("İ"): word by word
        return [
            Token(m.start(), m.end(), m.group(0), m.group(0).lower()) for m in WORD_OR_MARK.finditer(text, start, end)
        ]
    spans = map(_SPAN, WORD_OR_MARK.finditer(text, start, end))
    return [Token(s, e, text[s:e], sentence[s - start : e - start]) for s, e in spans]


_START, _END, _GROUP, _SPAN = re.Match.start, re.Match.end, re.Match.group, re.Match.span
_LOWER = itemgetter(3)  # Token.lower


def _is_boundary(tok: Token, lex: ClaimLexicon) -> bool:
    return tok.text in _PUNCT_BOUNDARY or tok.lower in lex.boundary_words


def _is_adverb(tok: Token, lex: ClaimLexicon) -> bool:
    return (
        bool(lex.adverb_suffixes) and tok.lower.endswith(lex.adverb_suffixes) and tok.lower not in lex.adverb_exceptions
    )


def _skippable(tok: Token, lex: ClaimLexicon) -> bool:
    """An auxiliary, negation or adverb between a speaker and its verb."""
    return tok.lower in lex.auxiliaries or _is_adverb(tok, lex)


def _possessive(tok: Token) -> bool:
    return tok.lower.endswith(("'s", "’s")) or (tok.lower.endswith("s") and tok.text.endswith(("'", "’")))


def _participle(tok: Token, lex: ClaimLexicon) -> bool:
    return bool(lex.participle_suffixes) and tok.lower.endswith(lex.participle_suffixes)


def _past_participle(tok: Token, lex: ClaimLexicon) -> bool:
    """ "reached by telephone", "speaking to reporters": an aside after a speaker, not a name."""
    return (
        tok.text[:1].islower()
        and bool(lex.verb_suffixes)
        and tok.lower.endswith(lex.verb_suffixes)
        and tok.lower not in lex.verb_cues
    )


def _relative_clause(tokens: list[Token], b: int, lex: ClaimLexicon, verbs: frozenset[str]) -> tuple[int, int] | None:
    """The speaker when the words before token ``b`` end a relative clause on it: "A fruit trader who
    travels between Jalalabad and Peshawar [said]" is the trader's, not Peshawar's."""
    r = b - 1
    while r >= 0 and b - r <= _MAX_SOURCE_TOKENS:
        tok = tokens[r]
        if tok.lower in lex.relative_pronouns:
            break
        if (
            tok.text in _PUNCT_BOUNDARY
            or tok.text in _QUOTES
            or (tok.lower in lex.boundary_words and tok.lower not in lex.name_conjunctions)
        ):
            return None
        r -= 1
    else:
        return None
    if r < 1 or r + 1 >= b:
        return None
    head = _np_left(tokens, r, lex, verbs)
    return (head[0], b) if head is not None and head[1] == r else None


def _np_left(
    tokens: list[Token], i: int, lex: ClaimLexicon, verbs: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """Token range [a, b) of the noun phrase ending at token i - 1 (after skipping auxiliaries).

    None when the scan meets a verb or "to" before a boundary: the words before the cue are then
    the end of another clause ("reluctant to confirm", "poses a broader challenge"), not its subject.
    """
    j = i - 1
    while j >= 0 and _skippable(tokens[j], lex):
        j -= 1
    # "Trump, speaking to a veterans group in Virginia, said ...": the source is before the aside
    if j >= 2 and tokens[j].text == ",":
        k = j - 1
        while k >= 0 and tokens[k].text not in ",;:" and j - k <= 2 * _MAX_SOURCE_TOKENS:
            k -= 1
        between = tokens[k + 1 : j]
        if (
            k >= 1
            and tokens[k].text == ","
            and (
                _participle(tokens[k + 1], lex)
                or _past_participle(tokens[k + 1], lex)
                or tokens[k + 1].lower in lex.relative_pronouns
            )
        ):
            j = k - 1
        elif (
            k >= 1
            and tokens[k].text == ","
            and between
            and not any(
                t.lower in lex.auxiliaries or t.lower in verbs or t.lower in lex.boundary_words - lex.name_conjunctions
                for t in between
            )
            and (
                between[0].lower in lex.indefinite_articles
                or between[0].text[:1].isupper()
                or (tokens[k - 1].text[:1].isupper() and not lex.indefinite_articles)
            )
        ):
            # a name with its description, or a description with its name: "Ryan Ellis, a Republican
            # tax consultant, said", "Another pollster, David Woodard of Clemson University, said"
            name = _np_left(tokens, k, lex, verbs)
            if name is not None:
                return name[0], j

    b = j + 1
    if j >= 1 and tokens[j].text == ")":
        k = j
        while k >= 0 and tokens[k].text != "(":
            k -= 1
        j = k - 1 if k > 0 else j
    relative = _relative_clause(tokens, b, lex, verbs) if lex.relative_pronouns else None
    if relative is not None:
        return relative
    while j >= 0 and b - j <= _MAX_SOURCE_TOKENS:
        tok = tokens[j]
        if _is_boundary(tok, lex):
            # "Russia and China said": two names are one speaker; "Kabul and officials" are not
            if (
                tok.lower in lex.name_conjunctions
                and j >= 1
                and tokens[j - 1].text[:1].isupper()
                and tokens[j + 1].text[:1].isupper()
                and all(t.text[:1].isupper() for t in tokens[j + 1 : b])
            ):
                k = j - 1
                while k >= 0 and tokens[k].text[:1].isupper() and not _is_boundary(tokens[k], lex):
                    k -= 1
                if k < 0 or _is_boundary(tokens[k], lex):
                    j = k
            elif tok.lower in lex.name_conjunctions and j >= 2 and j + 1 < b:
                # "..., a local official and residents said": two short noun phrases after a comma are
                # one speaker (a wire lead); "in Kabul and officials said" has no comma before
                j = _conjunct_after_comma(tokens, j, lex, verbs)
            break
        if tok.lower in lex.auxiliaries or tok.lower in verbs or tok.lower in lex.verb_particles:
            return None
        j -= 1
    a = j + 1
    if a >= b or (j >= 0 and not _is_boundary(tokens[j], lex)):
        return None
    # A name in apposition to a title: "the Secretary of the Security Council of Kyrgyzstan, Marat Imankulov"
    if j >= 1 and tokens[j].text == "," and all(t.text[:1].isupper() for t in tokens[a:b]):
        k = j - 1
        while k >= 0 and not _is_boundary(tokens[k], lex) and j - k <= _MAX_SOURCE_TOKENS:
            k -= 1
        title = tokens[k + 1 : j]
        if (
            len(title) >= 2
            and (title[0].lower in lex.determiners or title[0].text[:1].isupper())
            and title[0].lower not in lex.source_prepositions
            and not any(t.lower in lex.auxiliaries or t.lower in verbs for t in title)
        ):
            a = k + 1
    while a < b and tokens[a].lower in lex.source_openers:
        a += 1
    if a < b and tokens[a].lower in lex.source_prepositions:  # keep the name at the end: "In an interview Trump"
        k = b
        while k > a and (tokens[k - 1].text[:1].isupper() or tokens[k - 1].text == "."):
            k -= 1
        if k == b or k == a:
            return None
        a = k
    if b - a == 1 and tokens[a].lower in lex.non_speakers:
        return None  # "There are fears that ...": an expletive subject speaks for nobody
    return (a, b) if a < b else None


def _conjunct_after_comma(tokens: list[Token], j: int, lex: ClaimLexicon, verbs: frozenset[str]) -> int:
    """The comma before the noun phrase ending at the conjunction ``j`` when that phrase is short (at
    most four words, no number: "2,000 fighters and said" holds a comma of its own) with no verb or
    boundary in it; else ``j``."""
    k = j - 1
    while k >= 0 and j - k <= 5 and not _is_boundary(tokens[k], lex):
        if tokens[k].lower in lex.auxiliaries or tokens[k].lower in verbs or not tokens[k].text[0].isalpha():
            return j
        k -= 1
    return k if k >= 0 and k < j - 1 and tokens[k].text == "," else j


def _np_right(
    tokens: list[Token], i: int, lex: ClaimLexicon, stop_words: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at token i."""
    j = i
    while (
        j < len(tokens)
        and not _is_boundary(tokens[j], lex)
        and tokens[j].lower not in stop_words
        and j - i < _MAX_SOURCE_TOKENS
    ):
        j += 1
    while j > i and j == len(tokens) and tokens[j - 1].text in ".!?…":
        j -= 1  # the sentence's full stop ends the phrase; it is no part of it
    return (i, j) if j > i else None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, quotes and closing punctuation from a content span."""
    while start < end and (text[start].isspace() or text[start] in _QUOTES + ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTES + ".,:;!?—–-…"):
        end -= 1
    return start, end


def _after_cue(tokens: list[Token], k: int, lex: ClaimLexicon) -> int:
    """Skip the complementiser and punctuation after a cue: "said that", "said:", "stated, "."""
    while k < len(tokens) and (
        tokens[k].lower in lex.complementisers or tokens[k].text in ",:" or tokens[k].text in _QUOTES
    ):
        k += 1
    return k


def _noun_content_end(text: str, tokens: list[Token], k: int, end: int, lex: ClaimLexicon) -> tuple[int, bool]:
    """End of a cue noun's content: the next clause boundary or finite verb; and whether one was found."""
    dispute = lex.dispute_predicates.find(text, tokens[k].start if k < len(tokens) else end, end)
    stop = dispute[0][0] if dispute else end
    for t in tokens[k:]:
        if t.start >= stop:
            break
        if t.text in ",;:()—" or t.lower in lex.content_end_words:
            return t.start, True
    return stop, stop < end


def find_attributions(text: str, start: int, end: int, lex: ClaimLexicon) -> list[Attribution]:
    """Attributions in the sentence ``text[start:end]``, left to right, non-overlapping cues."""
    prepositions = lex.prepositions.find(text, start, end)
    phrases = lex.phrases.find(text, start, end)
    if not prepositions and not phrases and span_words(text, start, end).isdisjoint(lex.cue_words):
        return []  # most sentences: no cue at all, nothing to tokenize
    tokens = tokenize(text, start, end)
    found: list[Attribution] = []
    used: set[int] = set()  # token indexes already part of an attribution's cue or source

    def add(att: Attribution, *token_ranges: tuple[int, int]) -> None:
        found.append(att)
        for a, b in token_ranges:
            used.update(range(a, b))

    # "according to X, ..." / "..., according to X."
    for p_start, p_end, phrase in prepositions:
        k = next((n for n, t in enumerate(tokens) if t.start >= p_end), len(tokens))
        np = _np_right(tokens, k, lex)
        if np is None:
            continue
        src_s, src_e = tokens[np[0]].start, tokens[np[1] - 1].end
        if p_start - start < end - src_e:  # cue first: the content follows the source
            c_s, c_e = trim_span(text, src_e, end)
        else:
            c_s, c_e = trim_span(text, start, p_start)
        if c_e > c_s:
            cue_idx = [n for n, t in enumerate(tokens) if p_start <= t.start < p_end]
            add(
                Attribution(p_start, p_end, lex.preposition_class[phrase], c_s, c_e, src_s, src_e, "preposition"),
                (cue_idx[0], np[1]) if cue_idx else np,
            )

    # "voices within X express ..."
    for p_start, p_end, phrase in phrases:
        k = next((n for n, t in enumerate(tokens) if t.start >= p_end), len(tokens))
        verbs = lex.phrase_verbs | frozenset(lex.verb_cues)
        np = _np_right(tokens, k, lex, verbs)
        if np is None or np[1] >= len(tokens) or tokens[np[1]].lower not in verbs:
            continue
        k = _after_cue(tokens, np[1] + 1, lex)
        c_s, c_e = trim_span(text, tokens[k].start if k < len(tokens) else end, end)
        if c_e > c_s:
            add(
                Attribution(
                    p_start,
                    p_end,
                    lex.phrase_class[phrase],
                    c_s,
                    c_e,
                    tokens[np[0]].start,
                    tokens[np[1] - 1].end,
                    "phrase",
                ),
                (k - 1, np[1] + 1),
            )

    # only the colons and cue words need a look: their indexes, found by a C loop
    for i in compress(count(), map(lex.cue_words_and_colon.__contains__, map(_LOWER, tokens))):
        tok = tokens[i]
        if tok.text == ":" and i not in used:
            att = _colon_attribution(text, tokens, i, end, lex)
            if att is not None:
                add(att[0], *att[1])
            continue
        if tok.lower not in lex.cue_words:
            continue
        if i in used or (i > 0 and tok.text[:1].isupper()):  # "the United States": a name, not a cue
            continue
        prev = tokens[i - 1] if i > 0 else None
        if prev is not None and prev.text in "</":
            continue  # markup left in the text ("<tweet id=...>") is no cue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        nominal = (
            prev is not None
            and (
                prev.lower in lex.determiners
                or _possessive(prev)
                or prev.lower in lex.unverified.phrases
                or (bool(lex.nominal_prefix_suffixes) and prev.lower.endswith(lex.nominal_prefix_suffixes))
            )
            or (nxt is not None and nxt.lower in lex.nominal_links)
        )  # "reports of ..."
        if tok.lower in lex.noun_cues and nominal:
            att = _noun_attribution(text, tokens, i, end, lex)
            if att is not None:
                add(att[0], *att[1])
            continue
        if tok.lower in lex.verb_cues and not nominal:
            att = _verb_attribution(text, tokens, i, start, end, lex, used)
            if att is None:
                att = _participle_attribution(text, tokens, i, end, lex, found)
            if att is not None:
                add(att[0], *att[1])
    found.sort(key=lambda a: a.cue_start)
    return found


def _colon_attribution(text, tokens, i, end, lex):
    """ "Republican pollster Daron Shaw: “Historically, ...”": a name, a colon and a quotation."""
    if i + 1 >= len(tokens) or tokens[i + 1].text not in _OPENING or not tokens[i - 1].text[:1].isupper():
        return None
    np = _np_left(tokens, i, lex, lex.verbs)
    if np is None or not any(t.text[:1].isupper() for t in tokens[np[0] : np[1]]):
        return None
    c_s, c_e = trim_span(text, tokens[i + 1].start, end)
    if c_e <= c_s:
        return None
    return (
        Attribution(
            tokens[i].start, tokens[i].end, "report", c_s, c_e, tokens[np[0]].start, tokens[np[1] - 1].end, "verb"
        ),
        [np, (i, i + 1)],
    )


def _noun_attribution(text, tokens, i, end, lex):
    """ "X's assertions of C", "X has made allegations regarding C", "reports of C"."""
    k = i + 1
    if k >= len(tokens) or tokens[k].lower not in lex.noun_links:
        return None
    cls = lex.noun_cues[tokens[i].lower]
    if cls in lex.class_noun_links and tokens[k].lower not in lex.class_noun_links[cls]:
        return None  # "for fear of reprisals" is no belief that something is so; "fears that ..." is
    c_end, bounded = _noun_content_end(text, tokens, k + 1, end, lex)
    c_s, c_e = trim_span(text, tokens[k + 1].start if k + 1 < len(tokens) else end, c_end)
    if c_e <= c_s:
        return None
    cue = (tokens[i].start, tokens[i].end)
    # the possessor, past adjectives: "the Taliban's (repeated) assertions"
    j = i - 1
    while (
        j >= 0
        and not _possessive(tokens[j])
        and tokens[j].lower not in lex.determiners
        and j > i - 3
        and not _is_boundary(tokens[j], lex)
    ):
        j -= 1
    if j >= 0 and _possessive(tokens[j]):
        np = _np_left(tokens, j + 1, lex, lex.verbs)
        if np is not None:
            src_s = tokens[np[0]].start
            src_e = tokens[j].end - (2 if tokens[j].lower.endswith(("'s", "’s")) else 1)
            # the possessor's own determiner belongs to it; a sentence-level adverb does not
            return (Attribution(*cue, cls, c_s, c_e, src_s, src_e, "noun", embedded=True), [np, (i, i + 1)])
    # the subject of a support verb: "X has made (unsubstantiated) allegations regarding ..."
    j = i - 1
    while j >= 0 and tokens[j].lower not in lex.support_verbs and i - j <= 3 and not _is_boundary(tokens[j], lex):
        j -= 1
    if j >= 0 and tokens[j].lower in lex.support_verbs:
        np = _np_left(tokens, j, lex, lex.verbs)
        if np is not None:
            return (
                Attribution(
                    *cue, cls, c_s, c_e, tokens[np[0]].start, tokens[np[1] - 1].end, "support", embedded=bounded
                ),
                [np, (i, i + 1)],
            )
    # anaphoric "these claims" refer back to an earlier attribution, they do not start one
    if i > 0 and tokens[i - 1].lower in lex.anaphoric_determiners:
        return None
    return (Attribution(*cue, cls, c_s, c_e, None, None, "noun", embedded=True), [(i, i + 1)])


def _sentence_subject(tokens: list[Token], i: int, lex: ClaimLexicon) -> tuple[int, int] | None:
    """The subject of the sentence's first verb, when the cue at token i continues that verb's clause:
    "Trump had welcomed Khan's election and said ...", "He echoed that promise, saying ..."."""
    v = next((n for n in range(1, i) if tokens[n].text[:1].islower() and _verb_like(tokens[n], lex)), None)
    if v is None or v >= i - 1:
        return None
    for t in tokens[v + 1 : i]:  # another clause in between has its own subject
        if (
            t.text in ";:()"
            or t.text in _QUOTES
            or t.lower in lex.complementisers
            or (t.lower in lex.boundary_words and t.lower not in lex.name_conjunctions and t.lower != "but")
        ):
            return None
    return _np_left(tokens, v, lex, lex.verbs)


def _verb_like(tok: Token, lex: ClaimLexicon) -> bool:
    return (
        (tok.lower in lex.auxiliaries and not _is_adverb(tok, lex))
        or tok.lower in lex.verbs
        or tok.lower in lex.verb_cues
        or tok.lower in lex.irregular_verbs
        or (bool(lex.verb_suffixes) and tok.lower.endswith(lex.verb_suffixes) and len(tok.lower) > 4)
    )


def _participle_attribution(text, tokens, i, end, lex, found):
    """ "X said ..., adding that ...": a participle after a comma continues the previous source, or
    the sentence's subject ("He echoed that promise, saying ..."); so does a verb after "and"
    ("Trump welcomed Khan's election and said ...")."""
    word, prev = tokens[i].lower, tokens[i - 1] if i > 0 else None
    if prev is None:
        return None
    coordinated = prev.lower in lex.name_conjunctions and not _participle(tokens[i], lex)
    if not coordinated and (not _participle(tokens[i], lex) or prev.text != ","):
        return None
    k = _after_cue(tokens, i + 1, lex)
    if k >= len(tokens) or (
        word in lex.needs_complementiser and (i + 1 >= len(tokens) or tokens[i + 1].lower not in lex.complementisers)
    ):
        return None
    earlier = [a for a in found if a.source_start is not None and a.cue_end <= tokens[i].start]
    if earlier:
        src = (earlier[-1].source_start, earlier[-1].source_end)
    else:
        subject = _sentence_subject(tokens, i, lex)
        if subject is None:
            return None
        src = (tokens[subject[0]].start, tokens[subject[1] - 1].end)
    c_s, c_e = trim_span(text, tokens[k].start, end)
    if c_e <= c_s:
        return None
    return (Attribution(tokens[i].start, tokens[i].end, lex.verb_cues[word], c_s, c_e, *src, "verb"), [(i, i + 1)])


def _verb_attribution(text, tokens, i, start, end, lex, used):
    cls = lex.verb_cues[tokens[i].lower]
    cue = (tokens[i].start, tokens[i].end)
    word = tokens[i].lower
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    prev = tokens[i - 1] if i > 0 else None
    if nxt is not None and f"{word} {nxt.lower}" in lex.event_phrases:
        return None  # a claim of responsibility is an event, not a report
    if (nxt is not None and nxt.lower in lex.passive_markers) or (
        prev is not None and prev.lower in lex.infinitive_markers
    ):
        return None  # passive ("are challenged by") or infinitive: not this sentence's attribution
    k = i + 1
    while k < len(tokens) and tokens[k].lower in lex.cue_fillers:
        k += 1
    rest = _after_cue(tokens, k, lex)
    after = tokens[k] if k < len(tokens) else None
    marked = after is not None and (
        after.lower in lex.complementisers
        or after.text in ",:"
        or after.text in _QUOTES
        or (word in lex.question_verbs and after.lower in lex.question_words)
    )
    np = _np_left(tokens, i, lex, lex.verbs)
    if np is not None and any(n in used for n in range(*np)):
        np = None
    if np is not None and cls == "belief" and np[1] - np[0] == 1 and tokens[np[0]].lower in lex.first_person:
        return None  # "I think ...": the speaker's own hedge inside their words, not a new source
    if np is not None and _compound_noun(tokens, np, i, lex):
        return None  # "a health post", "the weather report": the noun phrase's head, not its verb
    if np is not None:
        src = (tokens[np[0]].start, tokens[np[1] - 1].end)
        quoted_before = np[0] > 0 and tokens[np[0] - 1].text in _CLOSING_QUOTES and np[0] >= 2
        # "..., a local official said on Sunday." at a sentence's end: the clause before is what was said
        lead = _time_tail(tokens, rest, lex) and np[0] > 0 and tokens[np[0] - 1].text == ","
        if any(t.text[0].isalnum() for t in tokens[rest:]) and not quoted_before and not lead:
            if not marked and word in lex.needs_complementiser:
                return None
            c_s, c_e = trim_span(text, tokens[rest].start, end)
        else:  # "“...,” he said.", "..., officials said on Sunday."
            c_s, c_e = trim_span(text, start, tokens[np[0] - 1].start if lead else src[0])
        if c_e <= c_s:
            return None
        return Attribution(*cue, cls, c_s, c_e, *src, "verb"), [np, (i, i + 1)]
    # inverted: "“...,” said the minister."
    if word not in lex.inverted_verbs or prev is None or prev.text not in ",—–" + _QUOTES:
        return None
    right = _np_right(tokens, i + 1, lex)
    if right is None or right[1] - right[0] > _MAX_SOURCE_TOKENS - 2:
        return None
    if any(t.lower in lex.auxiliaries or t.lower in lex.verbs for t in tokens[right[0] : right[1]]):
        return None  # "..., said he had attended 17 funerals": a clause follows, not a speaker
    after = tokens[right[1]] if right[1] < len(tokens) else None
    if after is not None and after.lower in lex.relative_pronouns:
        # "..., said the man who built his career on ...": the relative clause is part of the source
        last = len(tokens)
        while last > right[1] and tokens[last - 1].text in ".!?" + _QUOTES:
            last -= 1
        right = (right[0], last)
    elif after is not None and after.text not in ",.;" and after.lower not in lex.boundary_words:
        return None
    if (
        right[1] + 1 < len(tokens)
        and tokens[right[1]].text == ","
        and tokens[right[1] + 1].lower in lex.indefinite_articles
    ):
        described = _np_right(tokens, right[1] + 1, lex)  # "said Kenneth Baer, a former Obama administration official"
        if described is not None:
            right = (right[0], described[1])
    c_s, c_e = trim_span(text, start, prev.start + (1 if prev.text in _QUOTES else 0))
    if c_e <= c_s:
        return None
    return (
        Attribution(*cue, cls, c_s, c_e, tokens[right[0]].start, tokens[right[1] - 1].end, "verb"),
        [right, (i, i + 1)],
    )


# words of a date after a cue ("said late on Friday", "said on Sunday evening"), beside the lexicon's
# time words and cue fillers
_DATE_WORDS = frozenset(("on", "late", "early", "last", "this", "in", "the", "at", "night", "week"))


def _time_tail(tokens: list[Token], k: int, lex: ClaimLexicon) -> bool:
    """Whether the words from ``k`` on are a date and nothing else ("on Sunday", "late on Friday")."""
    words = [t.lower for t in tokens[k:] if t.text[0].isalnum()]
    return bool(words) and all(w in lex.time_words or w in lex.cue_fillers or w in _DATE_WORDS for w in words)


def _compound_noun(tokens: list[Token], np: tuple[int, int], i: int, lex: ClaimLexicon) -> bool:
    """Whether the cue form at ``i`` ("post", "report") is the head noun of the phrase before it: a bare
    form right after a determiner's singular common noun ("a health post", "the weather report", "an
    administrative post"), whose verb would be "posts" or "reported". Names, pronouns, numbers and
    nouns that take a plural verb ("the people say", "police report") leave it a verb."""
    word, first, last = tokens[i].lower, tokens[np[0]], tokens[np[1] - 1]
    if np[1] != i or np[1] - np[0] < 2 or word.endswith(("s", "ed", "ing")) or word in lex.irregular_verbs:
        return False
    if first.lower not in lex.determiners or first.lower in lex.pronouns or not last.text.isalpha():
        return False
    if last.text[:1].isupper() or last.lower.endswith("s") or _is_adverb(last, lex):
        return False
    return not (
        last.lower in lex.collective_nouns
        or last.lower in lex.references.group_heads
        or last.lower in lex.auxiliaries
        or last.lower in lex.pronouns
    )


_OPENING = {"“": "”", '"': '"', "«": "»"}


def _quote_close(text: str, pos: int, limit: int) -> int | None:
    """Offset of the quote closing the one opened at ``pos`` (before ``limit``), or None."""
    closing = _OPENING.get(text[pos])
    if closing is None:
        return None
    found = text.find(closing, pos + 1, limit)
    return None if found < 0 else found


def _continuation(text: str, att: Attribution, sentences: list[tuple[int, int]], k: int) -> tuple[int, int] | None:
    """(content end, last sentence index) when the quotation of ``att`` runs on past sentence k.

    "“A,” he said. “B. C.”": the quote after the attribution continues the same speaker's words.
    "He said: “A. B.”": a quote opened in the content and closed in a later sentence.
    """
    paragraph_end = text.find("\n\n", sentences[k][1])
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    quote_start = None
    if att.source_start is not None and att.content_end <= att.source_start and k + 1 < len(sentences):
        nxt = sentences[k + 1][0]
        if nxt < paragraph_end and text[nxt] in _OPENING:
            quote_start = nxt
    elif (
        att.content_start > 0
        and text[att.content_start - 1] in _OPENING
        and _quote_close(text, att.content_start - 1, sentences[k][1]) is None
    ):
        quote_start = att.content_start - 1
    if quote_start is None:
        return None
    close = _quote_close(text, quote_start, paragraph_end)
    if close is None or close <= sentences[k][1]:
        return None
    last = k
    while last + 1 < len(sentences) and sentences[last + 1][0] < close:
        last += 1
    content_end = close
    while content_end > att.content_start and text[content_end - 1] in ".,;:!? ":
        content_end -= 1
    return content_end, last


def attributions_by_sentence(
    text: str, sentences: list[tuple[int, int]], lex: ClaimLexicon
) -> tuple[list[list[Attribution]], set[int]]:
    """Attributions of each sentence, their quotations followed across sentences; and the indexes of
    the sentences that are only the continuation of an earlier quotation (the speaker's words, not
    the author's)."""
    out: list[list[Attribution]] = [[] for _ in sentences]
    absorbed: set[int] = set()
    for k, (start, end) in enumerate(sentences):
        if k in absorbed:
            continue
        found = find_attributions(text, start, end, lex)
        for n, att in enumerate(found):
            run_on = _continuation(text, att, sentences, k) if att.kind == "verb" else None
            if run_on is not None:
                found[n] = replace(att, content_end=run_on[0])
                absorbed.update(range(k + 1, run_on[1] + 1))
        out[k] = found
    return out, absorbed


def anonymity_request(text: str, att: Attribution, lex: ClaimLexicon) -> bool:
    """Whether ``att`` reports a source's request to stay unnamed ("a soldier who asked not to be named",
    "declined to be identified", "requested anonymity"): the request is no claim, the source's other
    words are."""
    content = " ".join(text[att.content_start : att.content_end].lower().split())
    return content.startswith(lex.anonymity_requests)


def cue_class(text: str, cue: tuple[int, int], lex: ClaimLexicon) -> tuple[str, str]:
    """(class, kind) of a cue a model found (attribution_model.py), from the lexicons: a preposition or
    phrase they list, else the class of its first verb or noun cue word; a cue they do not know reports
    ("report", "verb")."""
    for _s, _, phrase in lex.prepositions.find(text, *cue):
        return lex.preposition_class.get(phrase, "report"), "preposition"
    for _s, _, phrase in lex.phrases.find(text, *cue):
        return lex.phrase_class.get(phrase, "report"), "phrase"
    for token in tokenize(text, *cue):
        if token.lower in lex.verb_cues:
            return lex.verb_cues[token.lower], "verb"
        if token.lower in lex.noun_cues:
            return lex.noun_cues[token.lower], "noun"
    return "report", "verb"
