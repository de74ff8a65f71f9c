"""The claim stage: ``extract_claims(doc)`` adds ``Document.claims``.

Per sentence: find attributions (attribution.py); score check-worthiness (detect.py); give each
claim its status, evidence grade, polarity, hedges and quantities (status.py); link speakers to
actors (speakers.py). A sentence that embeds a reported claim ("the Taliban's assertions of ...
are challenged by the persistent attacks") yields two claims: the reported one, nested in the
author's, and marked as disputed by the author when the author contests it. "These claims,
lacking empirical backing, ..." grades the previous reported claim as unverified.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from claimgraph.model import Claim, Document, Quantity
from claimgraph.nlp.quantities import find_quantities
from claimgraph.nlp.sentences import sentence_spans

from .attribution import Attribution, attributions_by_sentence, trim_span
from .detect import checkworthiness, with_attribution
from .lexicon import ClaimLexicon, load_lexicon, span_words
from .speakers import link_speaker
from .status import epistemic_status, evidence_grade, polarity

# Lexicons and rules are English; other languages get no claims rather than wrong ones.
LANGUAGES = (None, "en")
AUTHOR = "author"  # disputed_by when the document names no author or outlet


@dataclass
class _Draft:
    claim: Claim
    parent: "_Draft | None" = None


def author_label(doc: Document) -> str | None:
    """Whom unattributed claims belong to: the byline, else the outlet or thread account."""
    return doc.meta.author or doc.meta.site


def extract_claims(doc: Document) -> Document:
    """The document with its claims (pure; ids are ``{doc.id}:c{n}`` in text order)."""
    if not doc.clean_text or doc.language not in LANGUAGES:
        return doc.replace(claims=())
    lex = load_lexicon()
    drafts: list[_Draft] = []
    sentences = sentence_spans(doc.clean_text, "en")
    attributions, quoted = attributions_by_sentence(doc.clean_text, sentences, lex)
    for k, (start, end) in enumerate(sentences):
        if k in quoted:
            continue  # the rest of a speaker's quotation: part of that speaker's claim
        if doc.meta.title and doc.clean_text[start:end].strip() == doc.meta.title.strip():
            continue  # the headline is the title, already recorded
        drafts.extend(_sentence_claims(doc, start, end, attributions[k], lex, drafts))
    drafts.sort(key=lambda d: (d.claim.start, d.claim.cue_start if d.claim.cue_start is not None else -1))
    ids = {id(d): f"{doc.id}:c{n}" for n, d in enumerate(drafts, 1)}
    claims = tuple(replace(d.claim, id=ids[id(d)], parent=ids[id(d.parent)] if d.parent else None) for d in drafts)
    # the per-span caches hold this document's text: let it go with the document
    _sentence_quantities.cache_clear()
    span_words.cache_clear()
    return doc.replace(claims=claims)


@functools.lru_cache(maxsize=64)
def _sentence_quantities(text: str, start: int, end: int) -> tuple[Quantity, ...]:
    return tuple(find_quantities(text, start, end))


def _quantities(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[Quantity, ...]:
    """The sentence's quantities inside [start, end): found once per sentence, shared by its claims."""
    return tuple(q for q in _sentence_quantities(text, *sentence) if start <= q.start and q.end <= end)


def _sentence_claims(doc: Document, start: int, end: int, attributions: list[Attribution], lex: ClaimLexicon,
                     earlier: list[_Draft]) -> list[_Draft]:
    text = doc.clean_text
    author = author_label(doc)
    sentence_quantities = _sentence_quantities(text, start, end)
    own = checkworthiness(text, start, end, lex, quantities=len(sentence_quantities))
    worth = with_attribution(own) if attributions else own
    if _grade_anaphora(text, start, end, lex, earlier, author):
        return []  # "These claims, lacking empirical backing, ...": a verdict on the last claim, not a new one
    out: list[_Draft] = []
    outer: _Draft | None = None
    if not attributions or all(a.embedded for a in attributions):
        if own.score >= lex.threshold:
            c_s, c_e = trim_span(text, own.content_start, end)
            if c_e > c_s:
                outer = _Draft(_author_claim(doc, start, end, (c_s, c_e), own.score, author, lex))
                out.append(outer)
    if worth.score < lex.threshold:
        return out
    for att in attributions:
        out.append(_attributed_claim(doc, start, end, att, worth.score, author, lex, outer))
    return out


def _author_claim(doc: Document, start: int, end: int, content: tuple[int, int], score: float,
                  author: str | None, lex: ClaimLexicon) -> Claim:
    text = doc.clean_text
    quantities = _quantities(text, *content, (start, end))
    status, hedges = epistemic_status(text, (start, end), content, None, False, lex)
    grade, cues = evidence_grade(text, [(start, end)], quantities=len(quantities), named_source=False, lex=lex)
    return Claim(id="", start=start, end=end, text=text[start:end], content_start=content[0], content_end=content[1],
                 speaker_text=author, speaker_kind="author", status=status, evidence=grade,
                 polarity=polarity(text, *content, None, lex), hedges=hedges, evidence_cues=cues,
                 quantities=quantities, checkworthiness=score)


def _attributed_claim(doc: Document, start: int, end: int, att: Attribution, score: float, author: str | None,
                      lex: ClaimLexicon, outer: _Draft | None) -> _Draft:
    text = doc.clean_text
    content = (att.content_start, att.content_end)
    quantities = (_quantities(text, *content, (start, end)) if content[1] <= end
                  else tuple(find_quantities(text, *content)))  # a quotation running on past the sentence
    has_source = att.source_start is not None
    actor, _ = link_speaker(doc, att.source_start, att.source_end) if has_source else (None, None)
    status, hedges = epistemic_status(text, (start, end), content, att.cue_class, True, lex)
    named = has_source and (actor is not None or text[att.source_start:att.source_start + 1].isupper())
    grade, cues = evidence_grade(text, [(start, end)], quantities=len(quantities), named_source=named, lex=lex)
    disputed_by = None
    # the author's own words outside the content that call it unverified or contest it
    outside = [(start, att.content_start), (att.content_end, end)]
    if any(lex.unverified.find(text, s, e) for s, e in outside) or \
            (att.embedded and lex.dispute_predicates.find(text, att.content_end, end)):
        disputed_by = author or AUTHOR
    if att.embedded:  # a reported claim inside a larger clause covers only its own words
        span_start = min(x for x in (att.source_start, att.cue_start) if x is not None)
        span = (span_start, att.content_end)
    else:  # the sentence, and the rest of a quotation that runs on past it
        span = (start, max(end, att.content_end))
    claim = Claim(id="", start=span[0], end=span[1], text=text[span[0]:span[1]], content_start=content[0],
                  content_end=content[1],
                  speaker_text=text[att.source_start:att.source_end] if has_source else None,
                  speaker_start=att.source_start, speaker_end=att.source_end, speaker_actor=actor,
                  speaker_kind="source" if has_source else "unknown",
                  cue=text[att.cue_start:att.cue_end], cue_start=att.cue_start, cue_end=att.cue_end,
                  status=status, evidence=grade, polarity=polarity(text, *content, att.cue_class, lex),
                  hedges=hedges, evidence_cues=cues, quantities=quantities, checkworthiness=score,
                  disputed_by=disputed_by)
    return _Draft(claim, parent=outer)


def _grade_anaphora(text: str, start: int, end: int, lex: ClaimLexicon, earlier: list[_Draft],
                    author: str | None) -> bool:
    """Apply "These claims, lacking empirical backing" to the last reported claim; True if it did."""
    head = text[start:min(end, start + 40)].lower()
    if not any(head.startswith(a) for a in lex.anaphora.phrases):
        return False
    reported = [d for d in earlier if d.claim.speaker_kind != "author"]
    verdict = lex.unverified.find(text, start, end)
    if not reported or not verdict:
        return False
    last = reported[-1]
    cues = tuple(dict.fromkeys(last.claim.evidence_cues + tuple(p for _, _, p in verdict)))
    last.claim = replace(last.claim, evidence="unverified", evidence_cues=cues,
                         disputed_by=last.claim.disputed_by or author or AUTHOR)
    return True
