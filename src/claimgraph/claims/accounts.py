"""What the contested rules need to know of each claim, read once in the claims stage and stored with it.

The propositions step places every claim near a proposition on a side; not every such member is an
*account* a reader would set against another (issue 16.3/16.6; the rules themselves are in
``link/contested_sides.py``). What decides it is a fact of the claim and its document, not of the
proposition, so it is read here, where the document, its sentences and (accurate mode) their parse
are at hand, and the linker and the contested listing read four stored columns:

- ``has_predicate``: whether the content says something that could be so or not. "Asked about the
  strike in X, the spokesman" leaves the content "the strike in X"; "calling it a distortion" leaves
  "it a distortion": no verb. Accurate mode reads the parse's tags (a verb or a modal); fast mode a
  word reading (``predicate_by_words``) that errs towards a predicate: a content it cannot read stays
  an account, as before.
- ``generic_speaker``: the speaker is an indefinite or generic pronoun ("one thinks ...", "someone
  said"): nobody whose account it is.
- ``sentence_key``: the claim's sentence, as a hash of its words: the author's sentence and the claim
  reported inside it share it, and so does a copy of the sentence in another outlet (the same words).
- ``speaker_key``: who speaks, as the rules compare speakers of one sentence: the speaker's actor or
  words, a speaker whose words lie inside another's of the same sentence ("US Central Command" in "a
  spokesperson for US Central Command") taking the longer one's; for the author, ``author:`` and its
  name, or None where the author only reports others in that sentence (nothing with a predicate is
  left of it outside their claims: "X rejected Y's statement that ..., calling it a distortion").

Written (session 8, branch contested2) from the construction, on the train half of the project's
synthetic set tests/fixtures/link/contested_synthetic.yaml; moved here from read time in session 9.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

from .lexicon import ClaimLexicon

Spans = Sequence[tuple[int, int]]
_WORD = re.compile(r"\w+")
_LETTERED = re.compile(r"[^\W\d_][\w'’-]*")


def words(text: str | None) -> str:
    """Lower-cased words of ``text``, punctuation and quote marks dropped: how two copies of one
    sentence, or a speaker's span and a part of it, are compared."""
    return " ".join(_WORD.findall((text or "").lower()))


def sentence_key(text: str) -> str:
    """A sentence's key: the sha1 of its words (16 hex digits)."""
    return hashlib.sha1(words(text).encode()).hexdigest()[:16]


def predicate_by_words(text: str, spans: Spans, lex: ClaimLexicon) -> bool:
    """Whether the words of ``spans`` hold something verb-like: an auxiliary or common verb of the
    lexicon (detect.yaml's ``verbs``), an irregular past, a word ending in a verb suffix ("-ed"), or
    (grammar.yaml's endings) a word ending in "s" after a word that is no determiner or preposition
    ("the army controls", not "the attacks on civilians"), or in "ing" after no determiner ("of
    blowing up", not "the shelling"): a plural noun after a name ("Taliban fighters") reads as a verb,
    so a content is called a fragment only when nothing in it can be one."""
    after_noun_opener = lex.determiners | lex.source_prepositions | lex.nominal_links
    for s, e in spans:
        previous = None
        for m in _LETTERED.finditer(text, s, e):
            w = m.group().lower().rstrip("'’").removesuffix("'s").removesuffix("’s")
            if (
                w in lex.verbs
                or w in lex.irregular_verbs
                or w.endswith(lex.verb_suffixes)
                or (
                    previous is not None
                    and previous not in after_noun_opener
                    and len(w) > 3
                    and w.endswith(lex.verb_suffixes_after_noun)
                    and not w.endswith(lex.not_verb_suffixes)
                )
                or (len(w) > 4 and w.endswith(lex.verb_suffixes_after_word) and previous not in lex.determiners)
            ):
                return True
            previous = w
    return False


def predicate_by_parse(sentence_docs: dict[tuple[int, int], Any]) -> Callable[[str, Spans], bool]:
    """``has_predicate(text, spans)`` over the parse: whether a token of a sentence's spaCy doc
    (``sentence_docs``: by the sentence's span, offsets relative to it) inside ``spans`` is tagged a
    verb or a modal."""
    at = sorted(s0 + t.idx for (s0, _), sdoc in sentence_docs.items() for t in sdoc if _verb_tag(t.tag_))

    def has_predicate(text: str, spans: Spans) -> bool:
        for s, e in spans:
            i = bisect.bisect_left(at, s)
            if i < len(at) and at[i] < e:
                return True
        return False

    return has_predicate


def _verb_tag(tag: str) -> bool:
    return tag.startswith("VB") or tag == "MD"


def sentence_of(sentences: Sequence[tuple[int, int]], offset: int) -> int:
    """The index of the sentence holding ``offset`` (the last one starting at or before it)."""
    return max(0, bisect.bisect_right([s for s, _ in sentences], offset) - 1)


def account_fields(
    text: str,
    claims: Sequence[dict[str, Any]],
    sentences: Sequence[tuple[int, int]],
    has_predicate: Callable[[str, Spans], bool],
    generic_speakers: frozenset[str],
) -> list[dict[str, Any]]:
    """The four fields (module docstring) of each of one document's claims (dicts with the Claim's
    spans, speaker_kind, speaker_text and speaker_actor), in order."""
    reported = [(c["start"], c["end"]) for c in claims if c.get("speaker_kind", "author") != "author"]
    at = [sentence_of(sentences, c["start"]) for c in claims] if sentences else [0] * len(claims)
    out = []
    for c, k in zip(claims, at):
        author = c.get("speaker_kind", "author") == "author"
        if author:
            own = _outside(c["start"], c["end"], reported)
            speaker = "author:" + words(c.get("speaker_text")) if has_predicate(text, own) else None
        else:
            speaker = words(c.get("speaker_actor") or c.get("speaker_text"))
        s, e = sentences[k] if sentences else (c["start"], c["end"])
        out.append(
            {
                "has_predicate": has_predicate(text, [(c["content_start"], c["content_end"])]),
                "generic_speaker": not author and words(c.get("speaker_text")) in generic_speakers,
                "sentence_key": sentence_key(text[s:e]),
                "speaker_key": speaker,
            }
        )
    _widen_speakers(out, at)
    return out


def _outside(start: int, end: int, spans: Spans) -> list[tuple[int, int]]:
    """The parts of [start, end) outside ``spans`` (a reported claim's span holds its speaker and cue,
    so "the ministry said" goes with it)."""
    cuts = sorted((max(s, start), min(e, end)) for s, e in spans if s < end and e > start)
    out, pos = [], start
    for s, e in cuts:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        out.append((pos, end))
    return out


def _widen_speakers(fields: list[dict[str, Any]], sentence_of_claim: Sequence[int]) -> None:
    """A speaker whose words lie inside another speaker's of the same sentence takes the longer one's."""
    for i, f in enumerate(fields):
        key = f["speaker_key"]
        if not key or key.startswith("author:"):
            continue
        wider = [
            g["speaker_key"]
            for j, g in enumerate(fields)
            if g["speaker_key"]
            and sentence_of_claim[j] == sentence_of_claim[i]
            and g["speaker_key"] != key
            and f" {key} " in f" {g['speaker_key']} "
        ]
        if wider:
            f["speaker_key"] = max(wider, key=len)
