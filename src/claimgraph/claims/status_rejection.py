"""A rejection in a sentence of its own: "The army says 9 dead. That is a lie." The second sentence is too
short to be a claim (claims.detect: a fragment) and its subject, a pronoun, names nothing; it rejects the
claim of the sentence before it. ``pronoun_rejection`` reads such a sentence (or a speaker's content, "“This
is not true,” a spokesman said"): a pronoun that can stand for a statement (status.yaml
``sentence_pronouns``), a copula, and a falsity word that the pronoun may be the subject of (``falsity`` for
the pronouns in ``rejected_pronouns``, also ``epistemic_falsity`` for those in ``claim_pronouns``: "that is
incorrect" rejects, "it is incorrect" may judge an act). Word rules, the same in both modes: the sentence is
short and its shape fixed, so the parse adds nothing the words do not show.

Not a rejection: a negated or hedged predicate ("that is not a lie", "that is probably false": the speaker
does not commit to falsity), a question, "it is false to say ..." ("it" stands for a clause of its own
sentence: the status rules read that sentence already), a falsity word describing a thing ("this is a
fake photo", "that is a false equivalency"), a pronoun that is not the sentence's subject ("Is that true?").
"""

from __future__ import annotations

import re

from ..nlp.tokens import WORD_OR_MARK
from .lexicon import ClaimLexicon

_LEAD_WORDS = 3  # words an interjection may take before the pronoun ("No, that is a lie.", "Once again, ...")
_GAP_WORDS = 3  # words between the copula and the falsity word ("is simply", "is a blatant", "is nothing but")
_CONTRACTED = {"'s": "is", "n't": "not"}  # "that's", "isn't"


_OPENING = re.compile(r"\W*(\w+)")
_LEAD_CHARS = 30  # where a comma may close an interjection before the pronoun


def may_reject(text: str, start: int, end: int, lex: ClaimLexicon) -> bool:
    """A cheap test every sentence takes first: whether it opens with one of the pronouns, alone or after a
    short interjection ("No, that ..."). Only those are read word by word (``pronoun_rejection``)."""
    pronouns = lex.status.sentence_pronouns
    m = _OPENING.match(text, start, end)
    if m is None:
        return False
    if m.group(1).lower() in pronouns:
        return True
    comma = text.find(",", start, min(end, start + _LEAD_CHARS))
    after = _OPENING.match(text, comma + 1, end) if comma >= 0 else None
    return after is not None and after.group(1).lower() in pronouns


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(lower-case word, start, end) with contractions split ("that's" -> that, is; "isn't" -> is, not)."""
    out = []
    for m in WORD_OR_MARK.finditer(text, start, end):
        w, s = m.group(0).lower().replace("’", "'"), m.start()
        if w.endswith("n't") and len(w) > 3:
            stem = w[:-3] if w not in ("can't", "won't") else w[:2]
            out += [(stem, s, s + len(w) - 3), ("not", s + len(w) - 3, m.end())]
        elif "'" in w and w[w.index("'") :] in _CONTRACTED:
            cut = w.index("'")
            out += [(w[:cut], s, s + cut), (_CONTRACTED[w[cut:]], s + cut, m.end())]
        else:
            out.append((w, s, m.end()))
    return out


def _phrase_at(words: list[str], i: int, phrases) -> int:
    """The length in words of the longest of ``phrases`` (word tuples) starting at ``words[i]``, 0 if none."""
    return max((len(p) for p in phrases if tuple(words[i : i + len(p)]) == p), default=0)


def pronoun_rejection(text: str, start: int, end: int, lex: ClaimLexicon) -> tuple[int, int] | None:
    """The span of the falsity phrase where ``text[start:end]`` is a pronoun's rejection ("That is a lie.",
    "This is completely false", "It's fake news"), else None."""
    rules = lex.status
    if not rules.sentence_pronouns or text[start:end].rstrip().endswith("?"):
        return None
    toks = _words(text, start, end)
    words = [w for w, _, _ in toks]
    at = _subject(words, rules.sentence_pronouns)
    if at is None or words[at] not in rules.sentence_pronouns:
        return None
    copula = _phrase_at(words, at + 1, rules.copulas)
    if not copula:
        return None
    pronoun = words[at]
    allowed = set()
    if pronoun in rules.rejected_pronouns:
        allowed |= {tuple(p.split()) for p in rules.falsity.phrases}
    if pronoun in rules.claim_pronouns:
        allowed |= {tuple(p.split()) for p in rules.epistemic_falsity}
    first = at + 1 + copula
    for i in range(first, min(len(words), first + _GAP_WORDS + 1)):
        n = _phrase_at(words, i, allowed)
        if n:
            gap, rest = words[first:i], words[i + n :]
            if not _plain_gap(gap, lex) or not _predicate_ends(rest, pronoun, rules):
                return None
            if _describes_next(gap, rest, lex):
                return None
            return toks[i][1], toks[i + n - 1][2]
    return None


def _subject(words: list[str], pronouns: frozenset[str]) -> int | None:
    """Where the sentence's subject pronoun stands: its first word (after an opening quotation mark or dash),
    or the first after a short interjection closed by a comma ("No, that is a lie", "Once again, this is
    false")."""
    at = 0
    while at < len(words) and not words[at][:1].isalnum():
        at += 1
    if at < len(words) and words[at] not in pronouns and "," in words[at + 1 : at + _LEAD_WORDS + 1]:
        at = words.index(",", at) + 1
    return at if at < len(words) else None


def _plain_gap(gap: list[str], lex: ClaimLexicon) -> bool:
    """Whether the words between the copula and the falsity word leave it asserted: no negation ("that is not
    a lie", "far from false"; "nothing but" asserts), no hedge ("probably false"), no mark."""
    joined = " ".join(gap).replace("nothing but", "")
    if not joined.strip():
        return True
    if any(not w[:1].isalpha() for w in joined.split()):
        return False
    if lex.negation.find(joined) or lex.hedges.find(joined):
        return False
    return lex.status.weakeners.isdisjoint(joined.split())


def _describes_next(gap: list[str], rest: list[str], lex: ClaimLexicon) -> bool:
    """Whether the falsity word, in a noun phrase ("a ..."), describes the word after it ("that is a false
    equivalency", "a fake photo"): that word is no verb ("a lie told to ...") and no adverb. A mark or the
    sentence's end after it, or no determiner before it ("that isn't true anymore"), leaves it the predicate."""
    if not rest or not rest[0][:1].isalpha() or lex.determiners.isdisjoint(gap):
        return False
    w = rest[0]
    verb = w in lex.verbs or w in lex.irregular_verbs or w.endswith(lex.verb_suffixes)
    return not verb and not w.endswith(lex.adverb_suffixes) and w not in lex.status.relative_pronouns


def _predicate_ends(rest: list[str], pronoun: str, rules) -> bool:
    """Whether the falsity phrase is the predicate, not a word before what it is said of: no claim noun right
    after it ("this is a fake photo" describes the photo), and after "it" no clause it stands for ("it is
    false to say ...", "it is untrue that ...")."""
    if rest and rest[0] in rules.rejected_things:
        return False
    if pronoun in rules.claim_pronouns:
        return True
    for w in rest:
        if not w[:1].isalnum():
            return True  # a mark ends the predicate: what follows is another clause
        if w in rules.extraposed:
            return False
    return True
