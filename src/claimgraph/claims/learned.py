"""Attributions from the shared encoder's source, cue and content heads (accurate mode).

The encoder (nlp/encoder.py, trained on PolNeAR: docs/models/encoder.md) tags each word piece of the
document as inside or outside a source, a cue and a content, in three layers, so one attribution's
content can hold another's source and cue. This module groups the spans into ``Attribution``s, the
shape the rules of attribution.py give, so status, speakers and linking read them alike:

- each cue span is an attribution;
- its content is the nearest content span on either side ("X said Y", "“Y,” X said", "X said: “Y”")
  not reached across another cue, within the cue's sentence and its neighbours (a quotation may run
  over several sentences); where the cue lies inside a content span (a nested attribution: "the
  ministry said the rebels claimed Z"), its content is the part of that span after the cue;
- its source is the nearest source span in the cue's sentence outside that content (none: a cue
  without a named source, "it was reported that ...");
- a sentence all of whose words are the content of an attribution of another sentence is that
  speaker's words (``absorbed``), as the rules treat the rest of a quotation.

The cue lexicons classify a learned cue (report, belief, deny, dispute; a preposition such as
"according to") and are the fallback: a sentence in which the model marks no cue keeps the
attributions the rules find there.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from claimgraph.nlp.encoder import Encoded, Encoder

from .attribution import Attribution, attributions_by_sentence, tokenize, trim_span
from .lexicon import ClaimLexicon

Span = tuple[int, int]
_HEADS = ("cue", "source", "content")
_NEIGHBOURS = 1  # sentences either side of the cue's in which its content may lie


def learned_attributions(
    text: str,
    sentences: list[Span],
    windows: Sequence[Encoded],
    encoder: Encoder,
    lex: ClaimLexicon,
    fallback: bool = True,
) -> tuple[list[list[Attribution]], set[int]]:
    """Like ``attribution.attributions_by_sentence``: the attributions of each sentence (by the
    sentence of their cue) and the sentences that only continue an earlier speaker's words.
    ``fallback=False``: the model's attributions only (bench/quality_claims.py compares)."""
    cues, sources, contents = ([(s, e) for s, e, _, _ in encoder.spans(windows, h)] for h in _HEADS)
    starts = [s for s, _ in sentences]
    out: list[list[Attribution]] = [[] for _ in sentences]
    found: list[tuple[int, Attribution]] = []
    for cue in cues:
        k = max(0, bisect.bisect_right(starts, cue[0]) - 1)
        att = _attribution(text, cue, k, sentences, cues, sources, contents, lex)
        if att is not None:
            found.append((k, att))
    for k, att in found:
        # a cue inside another attribution's content: that speaker's claim holds this one
        nested = any(o is not att and o.content_start <= att.cue_start < o.content_end for _, o in found)
        out[k].append(replace(att, embedded=True) if nested else att)
    absorbed = _absorbed(text, sentences, found, cues)
    if not fallback:
        for k in absorbed:
            out[k] = []
        return out, absorbed
    rules, rule_absorbed = attributions_by_sentence(text, sentences, lex)
    following = False  # in the run of sentences that a fallback attribution's quotation absorbs
    for k, sentence_rules in enumerate(rules):
        learned_here = k in absorbed or _holds_cue(sentences[k], cues)
        if following and k in rule_absorbed and not learned_here:
            absorbed.add(k)
            continue
        following = False
        if sentence_rules and not learned_here and not out[k]:
            out[k] = sentence_rules  # the fallback: the model saw no cue here
            following = True
    for k in absorbed:
        out[k] = []
    return out, absorbed


def _holds_cue(sentence: Span, cues: list[Span]) -> bool:
    return any(sentence[0] <= s < sentence[1] for s, _ in cues)


def _attribution(
    text: str,
    cue: Span,
    k: int,
    sentences: list[Span],
    cues: list[Span],
    sources: list[Span],
    contents: list[Span],
    lex: ClaimLexicon,
) -> Attribution | None:
    content = _content(text, cue, k, sentences, cues, contents, lex)
    if content is None:
        return None
    source = _source(cue, sentences[k], sources, content)
    cue_class, kind = _cue_class(text, cue, lex)
    return Attribution(
        cue_start=cue[0],
        cue_end=cue[1],
        cue_class=cue_class,
        content_start=content[0],
        content_end=content[1],
        source_start=source[0] if source else None,
        source_end=source[1] if source else None,
        kind=kind,
    )


def _content(
    text: str,
    cue: Span,
    k: int,
    sentences: list[Span],
    cues: list[Span],
    contents: list[Span],
    lex: ClaimLexicon,
) -> Span | None:
    low = sentences[max(0, k - _NEIGHBOURS)][0]
    high = sentences[min(len(sentences) - 1, k + _NEIGHBOURS)][1]
    best, best_gap = None, None
    for s, e in contents:
        if e <= low or s >= high:
            continue
        if s <= cue[0] and cue[1] <= e:  # the cue inside a content: a nested attribution's content follows it
            inner = _after_complementiser(text, cue[1], e, lex)
            if inner is not None:
                return inner
            continue
        if s < cue[1] and cue[0] < e:
            continue  # overlapping the cue without holding it: no content of this cue
        gap_span = (cue[1], s) if s >= cue[1] else (e, cue[0])
        if any(gap_span[0] <= c0 < gap_span[1] for c0, _ in cues if (c0, _) != cue):
            continue  # another cue lies between: the content is that one's
        gap = gap_span[1] - gap_span[0]
        if best_gap is None or gap < best_gap:
            best, best_gap = (s, e), gap
    if best is None:
        return None
    trimmed = trim_span(text, *best)
    return trimmed if trimmed[1] > trimmed[0] else None


def _after_complementiser(text: str, start: int, end: int, lex: ClaimLexicon) -> Span | None:
    tokens = tokenize(text, start, end)
    k = 0
    while k < len(tokens) and (tokens[k].lower in lex.complementisers or not tokens[k].text[0].isalnum()):
        k += 1
    if k == len(tokens):
        return None
    s, e = trim_span(text, tokens[k].start, end)
    return (s, e) if e > s else None


def _source(cue: Span, sentence: Span, sources: list[Span], content: Span) -> Span | None:
    best, best_gap = None, None
    for s, e in sources:
        if not (sentence[0] <= s < sentence[1]) or (content[0] <= s and e <= content[1]):
            continue
        if s < cue[1] and cue[0] < e:
            continue
        gap = cue[0] - e if e <= cue[0] else s - cue[1]
        if best_gap is None or gap < best_gap:
            best, best_gap = (s, e), gap
    return best


def _cue_class(text: str, cue: Span, lex: ClaimLexicon) -> tuple[str, str]:
    """(class, kind) of a learned cue from the lexicons: a preposition or phrase they list, else the
    class of its first verb or noun cue word; a cue they do not know reports ("report", "verb")."""
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


def _absorbed(text: str, sentences: list[Span], found: list[tuple[int, Attribution]], cues: list[Span]) -> set[int]:
    """Sentences (without a cue) whose words all lie in the content of an attribution of another sentence."""
    out: set[int] = set()
    starts = [s for s, _ in sentences]
    for k, att in found:
        first = max(0, bisect.bisect_right(starts, att.content_start) - 1)
        for j in range(first, len(sentences)):
            s, e = trim_span(text, *sentences[j])
            if s >= att.content_end:
                break
            if j != k and att.content_start <= s and e <= att.content_end and not _holds_cue(sentences[j], cues):
                out.add(j)
    return out
