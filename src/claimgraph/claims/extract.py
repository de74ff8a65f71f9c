"""The claim stage: ``extract_claims(doc)`` adds ``Document.claims``.

Per sentence: find attributions (attribution.py); score check-worthiness (detect.py); give each
claim its status, evidence grade, polarity, hedges and quantities (status.py); link speakers to
actors (speakers.py). A sentence that embeds a reported claim ("the Taliban's assertions of ...
are challenged by the persistent attacks") yields two claims: the reported one, nested in the
author's, and marked as disputed by the author when the author contests it. A sentence of its own that
rejects the one before by a pronoun ("The army says 9 dead. That is a lie.") is a denial of that claim's
content by the rejecting sentence's speaker, spanning both sentences (claims.status_rejection). "These claims,
lacking empirical backing, ..." grades the previous reported claim as unverified. A pronoun
speaker ("he said") takes the identity of an earlier speaker where that is unambiguous.

The lexicons of the document's language are used (``data/claims/en/``, ``data/claims/ru/``); a
document in another language gets no claims, and ``unread_languages`` lets the run say so.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from claimgraph.entities.ontology import Ontology
from claimgraph.model import Claim, Document, Quantity
from claimgraph.nlp.quantities import find_quantities
from claimgraph.nlp.sentences import document_sentences
from claimgraph.nlp.tokens import WORD_OR_MARK

from .accounts import account_fields, predicate_by_parse, predicate_by_words, sentence_key
from .attribution import Attribution, anonymity_request, attributions_by_sentence, trim_span
from .attribution_model import LearnedAttribution, claim_spans
from .detect import checkworthiness, with_attribution
from .lexicon import ClaimLexicon, ClaimLexicons, clear_span_caches, load_lexicon, span_words, supported_languages
from .speaker_sources import NONE as NO_SOURCE
from .speaker_sources import UNNAMED, source_verdict
from .speakers import (
    Speaker,
    SpeakerRef,
    describe_speaker,
    document_voice,
    first_person_span,
    in_quotation,
    pronoun_kind,
    resolve_speakers,
    speaker_span,
)
from .status import epistemic_status, evidence_grade, polarity, refusal, silent_cue
from .status_model import claim_rejects
from .status_rejection import may_reject, pronoun_rejection

AUTHOR = "author"  # disputed_by when the document names no author or outlet


class _Fields(dict):
    """A claim's fields until its id is known (read as attributes, like the Claim it becomes): one
    Claim is built per claim, at the end, rather than built and then copied with its id."""

    def __getattr__(self, name: str):
        return self[name] if name in self else _CLAIM_DEFAULTS[name]


_CLAIM_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Claim)}


@dataclass
class _Draft:
    claim: _Fields
    parent: _Draft | None = None
    speaker_kind: str | None = None  # "person" | "group": what a later pronoun may refer to
    rejection: bool = False  # "X says 9 dead. That is a lie.": spans the rejected sentence and its rejection


def author_label(doc: Document) -> str | None:
    """Whom unattributed claims belong to: the byline, else the outlet or thread account."""
    return doc.meta.author or doc.meta.site


def claim_language(doc: Document, languages: tuple[str, ...] | None = None) -> str | None:
    """The language whose lexicons the claim stage uses for ``doc``: its own when there are
    lexicons for it (``data/claims/<language>/``), English when it is unknown; None when there are
    none — such a document gets no claims rather than wrong ones, and the run says so
    (``unread_languages``). ``languages``: ``supported_languages()``, where the caller has it."""
    if doc.language is None:
        return "en"
    return doc.language if doc.language in (languages or supported_languages()) else None


def extract_claims(
    doc: Document,
    ontology: Ontology | None = None,
    lexicons: ClaimLexicons | None = None,
    attribution: LearnedAttribution | None = None,
) -> Document:
    """The document with its claims (pure; ids are ``{doc.id}:c{n}`` in text order). ``ontology``: the
    run's, for speakers the entity stage did not link (default: the shipped one); ``lexicons``: the
    run's claim lexicons (default: the document language's, read for this call); ``attribution``: the
    learned attribution model over the parse (attribution_model.py, accurate mode's default), which
    gives an English document's attributions."""
    language = claim_language(doc, lexicons.languages if lexicons is not None else None)
    if not doc.clean_text or language is None:
        return doc.replace(claims=())
    ontology = ontology if ontology is not None else Ontology.load()  # read for this call, as the lexicon
    lex = lexicons(language) if lexicons is not None else load_lexicon(language)
    drafts: list[_Draft] = []
    voice = document_voice(doc, lex, ontology)  # the organisation whose "we" this is, if any
    # split in the document's language (English when unknown): the language claim_language gave
    sentences = list(document_sentences(doc))
    if attribution is not None and language == "en":
        attributions, quoted = attribution(doc.clean_text, sentences, lex)
        attributions = [[claim_spans(doc.clean_text, a, lex) for a in atts] for atts in attributions]
    else:
        attributions, quoted = attributions_by_sentence(doc.clean_text, sentences, lex)
    # "who asked not to be named": a request about the source, no claim of it (both modes)
    attributions = [[a for a in atts if not anonymity_request(doc.clean_text, a, lex)] for atts in attributions]
    for k, (start, end) in enumerate(sentences):
        if k in quoted:
            continue  # the rest of a speaker's quotation: part of that speaker's claim
        if doc.meta.title and doc.clean_text[start:end].strip() == doc.meta.title.strip():
            continue  # the headline is the title, already recorded
        drafts.extend(
            _sentence_claims(doc, start, end, attributions[k], lex, drafts, ontology, attribution is not None, voice)
        )
    drafts.sort(key=_text_order)
    _resolve_pronouns(doc, drafts, sentences, lex)
    drafts.extend(_pronoun_rejections(doc, drafts, sentences, lex, voice))
    drafts.sort(key=_text_order)
    _unresolved_pronouns(drafts, lex)
    _read_accounts(doc, drafts, sentences, lex, attribution if attribution is not None and language == "en" else None)
    ids = {id(d): f"{doc.id}:c{n}" for n, d in enumerate(drafts, 1)}
    claims = tuple(Claim(id=ids[id(d)], parent=ids[id(d.parent)] if d.parent else None, **d.claim) for d in drafts)
    # the per-span caches hold this document's text: let it go with the document
    _sentence_quantities.cache_clear()
    clear_span_caches()
    return doc.replace(claims=claims)


def _text_order(draft: _Draft) -> tuple[int, int]:
    """Claims in text order, by start then cue (dict look-ups: ``_Fields`` attributes cost a call)."""
    cue = draft.claim.get("cue_start")
    return draft.claim["start"], -1 if cue is None else cue


@functools.lru_cache(maxsize=64)  # per document (cleared after it): a sentence's claims ask about it again
def _sentence_quantities(text: str, start: int, end: int, number_words: frozenset[str]) -> tuple[Quantity, ...]:
    if not _DIGIT.search(text, start, end) and span_words(text, start, end).isdisjoint(number_words):
        return ()  # most sentences hold no number: skip the (costly) quantity pattern
    return tuple(find_quantities(text, start, end))


_DIGIT = re.compile(r"\d")


def _quantities(text: str, start: int, end: int, sentence: tuple[int, int], lex: ClaimLexicon) -> tuple[Quantity, ...]:
    """The sentence's quantities inside [start, end): found once per sentence, shared by its claims."""
    return tuple(
        q for q in _sentence_quantities(text, *sentence, lex.number_words) if start <= q.start and q.end <= end
    )


def _sentence_claims(
    doc: Document,
    start: int,
    end: int,
    attributions: list[Attribution],
    lex: ClaimLexicon,
    earlier: list[_Draft],
    ontology: Ontology | None,
    learned: bool = False,
    voice: Speaker | None = None,
) -> list[_Draft]:
    text = doc.clean_text
    author = author_label(doc)
    # "did not mention X", "declined to comment on X": the speaker said nothing of X; the author says so
    attributions = [
        a for a in attributions if not silent_cue(text, start, (a.cue_start, a.cue_end), a.cue_class, a.kind, lex)
    ]
    # a speaker must be a source: a heading, a negated subject, an event or a figure is no one (the sentence is
    # the writer's); a bare quantifier is someone unnamed (claims.speaker_sources)
    attributions = [a for a in (_as_source(doc, a, lex, voice) for a in attributions) if a is not None]
    span_words(text, start, end)  # the sentence's words first: its parts' questions use them
    # the quantities only when the score needs them: fragments and exhortations are no claims
    own = checkworthiness(
        text, start, end, lex, quantities=lambda: len(_sentence_quantities(text, start, end, lex.number_words))
    )
    attributions = [a for a in attributions if not _speaker_as_content(a, attributions)]
    worth = with_attribution(own) if attributions else own
    if _grade_anaphora(text, start, end, lex, earlier, author):
        return []  # "These claims, lacking empirical backing, ...": a verdict on the last claim, not a new one
    out: list[_Draft] = []
    outer: _Draft | None = None
    if not attributions or all(a.embedded for a in attributions) or (learned and _framed_by_author(attributions)):
        if own.score >= lex.threshold:
            c_s, c_e = trim_span(text, own.content_start, end)
            if c_e > c_s:
                outer = _Draft(_author_claim(doc, start, end, (c_s, c_e), own.score, author, lex, voice))
                out.append(outer)
    if worth.score < lex.threshold:
        return out
    for att in attributions:
        out.append(_attributed_claim(doc, start, end, att, worth.score, author, lex, outer, ontology, voice))
    return out


def _as_source(doc: Document, att: Attribution, lex: ClaimLexicon, voice: Speaker | None) -> Attribution | None:
    """``att`` as its speaker span's kind allows (``claims.speaker_sources.source_verdict``): as it is for a
    source, without its source for an unnamed one ("Some say"), None where no one speaks ("No group claimed",
    "The attack showed", "Worth noting:")."""
    if att.source_start is None:
        return att
    text = doc.clean_text
    cleaned = _without_speaker_fragments(text, att, lex, voice)
    if cleaned.source_start is None:
        return att  # no speaker left: _attributed_claim clears it the same way
    colon = not text[att.cue_start : att.cue_end].strip()[:1].isalnum()
    verdict = source_verdict(doc, cleaned.source_start, cleaned.source_end, lex, before_colon=colon)
    if verdict == NO_SOURCE:
        return None
    if verdict == UNNAMED:
        return dataclasses.replace(att, source_start=None, source_end=None, antecedent=None)
    return att


def _speaker_as_content(att: Attribution, attributions: list[Attribution]) -> bool:
    """Whether a speakerless attribution's content ends inside another attribution's speaker ("[a statement]
    on 12 March [the militia] denied ...": the noun cue's content "12 March the militia" is a date and the
    denier): a content cut off where the sentence's real claim begins, no claim of its own."""
    if att.source_start is not None:
        return False
    return any(
        b is not att
        and b.source_start is not None
        and att.content_start <= b.source_start < att.content_end <= b.source_end
        for b in attributions
    )


def _framed_by_author(attributions: list[Attribution]) -> bool:
    """A nested attribution outside every attribution of the sentence's own ("Even amidst reports of
    a strike, the group has been reluctant to confirm ..."): the author frames the sentence, so it is
    the author's claim too, holding the nested one. (Learned attributions only: the rules read such a
    sentence's main clause as the author's already, and fast mode keeps its output.)"""
    spans = [
        (
            min(a.cue_start, a.content_start, a.source_start if a.source_start is not None else a.cue_start),
            max(a.cue_end, a.content_end, a.source_end if a.source_end is not None else a.cue_end),
        )
        for a in attributions
        if not a.embedded
    ]
    return any(a.embedded and not any(s <= a.cue_start < e for s, e in spans) for a in attributions)


def _author_claim(
    doc: Document,
    start: int,
    end: int,
    content: tuple[int, int],
    score: float,
    author: str | None,
    lex: ClaimLexicon,
    voice: Speaker | None = None,
) -> _Fields:
    """The author's own claim; in an organisation's own statement or post (``voice``: "Mawlawi X,
    Ministry of Interior spokesman") the organisation is its speaker actor, as it is of the post's "we"."""
    text = doc.clean_text
    quantities = _quantities(text, *content, (start, end), lex)
    status, hedges = epistemic_status(text, (start, end), content, None, False, lex)
    grade, cues = evidence_grade(text, [(start, end)], claim=(start, end), lex=lex)
    return _Fields(
        start=start,
        end=end,
        text=text[start:end],
        content_start=content[0],
        content_end=content[1],
        speaker_text=author,
        speaker_kind="author",
        speaker_actor=voice.actor_id if voice is not None else None,
        status=status,
        evidence=grade,
        polarity=polarity(text, *content, None, lex),
        hedges=hedges,
        evidence_cues=cues,
        quantities=quantities,
        checkworthiness=score,
        speaker_name=author,
    )


def _attributed_claim(
    doc: Document,
    start: int,
    end: int,
    att: Attribution,
    score: float,
    author: str | None,
    lex: ClaimLexicon,
    outer: _Draft | None,
    ontology: Ontology | None,
    voice: Speaker | None = None,
) -> _Draft:
    text = doc.clean_text
    att = _without_speaker_fragments(text, att, lex, voice)  # (claims.speakers hook)
    att = _past_complementiser(text, att, end, lex)
    content = (att.content_start, att.content_end)
    quantities = (
        _quantities(text, *content, (start, end), lex)
        if start <= content[0] and content[1] <= end
        else tuple(find_quantities(text, *content))
    )  # a quotation running on past the sentence (or, learned, begun before it: "“...” he said")
    has_source = att.source_start is not None
    source = (att.source_start, att.source_end) if has_source else None
    speaker = describe_speaker(doc, *source, lex, ontology) if has_source else None
    if voice is not None and has_source and first_person_span(text, *source, lex) and not in_quotation(text, source[0]):
        speaker = Speaker(speaker.head, voice.actor_id, voice.name, voice.kind)  # the organisation's own "we"
    rejects = claim_rejects(text, (start, end), content, (att.cue_start, att.cue_end), source, att.cue_class, lex)
    cue_class = att.cue_class
    if cue_class == "deny" and refusal(text, *content, text[att.cue_start : att.cue_end], lex):
        # "we reject this cowardly attack": a condemnation, no denial (the head reads the verb's strength)
        cue_class, rejects = None, None
    status, hedges = epistemic_status(
        text, (start, end), content, cue_class, True, lex, rejects=rejects, cue=text[att.cue_start : att.cue_end]
    )
    # a number with a named source after "according to" is backed by it; a speaker's say-so is not
    named = has_source and (speaker.actor_id is not None or text[att.source_start : att.source_start + 1].isupper())
    own = (
        min(att.cue_start, att.source_start if has_source else att.cue_start, att.content_start),
        max(att.cue_end, att.source_end if has_source else att.cue_end, att.content_end),
    )
    grade, cues = evidence_grade(
        text,
        [(start, end)],
        claim=own,
        source=source,
        backed_number=bool(quantities) and named and att.kind == "preposition",
        lex=lex,
    )
    disputed_by = None
    # the author's own words outside the content that call it unverified or contest it
    outside = [(start, att.content_start), (att.content_end, end)]
    if any(lex.unverified.find(text, s, e) for s, e in outside) or (
        att.embedded and lex.dispute_predicates.find(text, att.content_end, end)
    ):
        disputed_by = author or AUTHOR
    if att.embedded:  # a reported claim inside a larger clause covers only its own words
        # its own words, in any order ("…, the ministry said", "the ministry said …")
        ends = [x for x in (att.source_start, att.source_end) if x is not None]
        span = (min(att.cue_start, att.content_start, *ends), max(att.cue_end, att.content_end, *ends))
    else:  # the sentence, and the rest of a quotation that runs on past it (or began before it)
        span = (min(start, att.content_start), max(end, att.content_end))
    claim = _Fields(
        start=span[0],
        end=span[1],
        text=text[span[0] : span[1]],
        content_start=content[0],
        content_end=content[1],
        speaker_text=text[att.source_start : att.source_end] if has_source else None,
        speaker_start=att.source_start,
        speaker_end=att.source_end,
        speaker_actor=speaker.actor_id if speaker else None,
        speaker_kind="source" if has_source else "unknown",
        cue=text[att.cue_start : att.cue_end],
        cue_start=att.cue_start,
        cue_end=att.cue_end,
        status=status,
        evidence=grade,
        polarity=polarity(
            text, *content, cue_class, lex, rejects=None if rejects is None else status in ("denied", "disputed")
        ),
        hedges=hedges,
        evidence_cues=cues,
        quantities=quantities,
        checkworthiness=score,
        disputed_by=disputed_by,
        speaker_head=speaker.head if speaker else None,
        speaker_name=speaker.name if speaker else None,
    )
    return _Draft(claim, parent=outer, speaker_kind=speaker.kind if speaker else None)


def _past_complementiser(text: str, att: Attribution, end: int, lex: ClaimLexicon) -> Attribution:
    """``att`` with a content cut at its complementiser ("announces with deep sorrow that") running on to what
    the complementiser opens, up to the sentence's end: what is said follows "that", the words before it say
    how it was said. Kept as it was where nothing follows."""
    words = list(WORD_OR_MARK.finditer(text, att.content_start, att.content_end))
    if not words or words[-1].group(0).lower() not in lex.complementisers or att.content_start < att.cue_end:
        return att
    start, stop = trim_span(text, words[-1].end(), end)
    if stop <= start:
        return att
    return dataclasses.replace(att, content_start=start, content_end=stop)


def _without_speaker_fragments(
    text: str, att: Attribution, lex: ClaimLexicon, voice: Speaker | None = None
) -> Attribution:
    """``att`` with its source span cleared of what is no speaker (a dateline, bullets): see
    ``claims.speakers.speaker_span``. A first-person span outside quotation marks ("We", "Our
    preliminary findings") is kept in an organisation's own statement (``voice``: it is that
    organisation) and cleared elsewhere (the writer's own voice, as an unattributed sentence is)."""
    if att.source_start is None:
        return att
    span = speaker_span(text, att.source_start, att.source_end, lex)
    if not in_quotation(text, att.source_start):
        bare = (att.source_start, att.source_end) if span is None else span
        if first_person_span(text, *bare, lex):
            span = bare if voice is not None else None
    if span == (att.source_start, att.source_end):
        return att
    return dataclasses.replace(att, source_start=span[0] if span else None, source_end=span[1] if span else None)


def _resolve_pronouns(doc: Document, drafts: list[_Draft], sentences: list[tuple[int, int]], lex: ClaimLexicon) -> None:
    """Pronoun and description speakers ("he said", "the ministry said") take the identity of an
    earlier speaker or actor where that is unambiguous (``claims.speakers.resolve_speakers``)."""
    refs = [
        SpeakerRef(
            c["speaker_start"],
            c["speaker_end"],
            c.get("speaker_text") or "",
            c.get("speaker_actor"),
            c.get("speaker_name"),
            d.speaker_kind,
        )
        if (c := d.claim).get("speaker_start") is not None
        else None
        for d in drafts
    ]
    resolve_speakers(doc, refs, sentences, lex)
    for d, r in zip(drafts, refs):
        if r is not None and (r.actor, r.name) != (d.claim.get("speaker_actor"), d.claim.get("speaker_name")):
            d.claim.update(speaker_actor=r.actor, speaker_name=r.name)
            d.speaker_kind = r.kind


def _unresolved_pronouns(drafts: list[_Draft], lex: ClaimLexicon) -> None:
    """A pronoun speaker ("they said", "it added") that no earlier speaker or actor resolved names no one: the
    claim keeps its cue and status, without a speaker span, so it falls back to the document's voice (its
    author or site, where disputes and sources need one) instead of showing "They" as a source."""
    for d in drafts:
        c = d.claim
        if c.get("speaker_start") is None or c.get("speaker_actor") or c.get("speaker_name"):
            continue
        if pronoun_kind(c.get("speaker_text") or "", lex) is None:
            continue
        c.update(speaker_text=None, speaker_start=None, speaker_end=None, speaker_kind="unknown", speaker_head=None)
        d.speaker_kind = None


def _read_accounts(
    doc: Document,
    drafts: list[_Draft],
    sentences: list[tuple[int, int]],
    lex: ClaimLexicon,
    attribution: LearnedAttribution | None,
) -> None:
    """Set what the contested rules read of each claim (claims/accounts.py): in accurate mode from the
    parse's tags of the claims' sentences (made for the attribution and the entity tagger already, where
    they were), in fast mode from the words."""
    if not drafts:
        return
    text = doc.clean_text
    claims = [d.claim for d in drafts]
    if attribution is not None:
        from claimgraph.events.parse import parse_spans  # spaCy: accurate mode only

        spans = [(s, e) for s, e in sentences if any(c["start"] < e and s < c["end"] for c in claims)]
        parses = attribution.parses
        docs = parse_spans(text, spans, parses.parser, ("tagger",), parses.truecaser)
        has_predicate = predicate_by_parse(dict(zip(spans, docs)))
    else:

        def has_predicate(text: str, spans) -> bool:
            return predicate_by_words(text, spans, lex)

    for claim, fields in zip(claims, account_fields(text, claims, sentences, has_predicate, lex.generic_speakers)):
        claim.update(fields)
    for d in drafts:
        if d.rejection:  # its sentence is both: the rejected one alone would make it a copy of the rejected claim
            d.claim["sentence_key"] = sentence_key(d.claim["text"])


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# What a pronoun's rejection may reject: a claim its speaker commits to. Rejecting a denial, a dispute or a
# hypothesis would affirm, or say nothing; the claim model has no status for either.
_REJECTABLE = frozenset({"asserted", "reported", "hedged"})


def _pronoun_rejections(
    doc: Document,
    drafts: list[_Draft],
    sentences: list[tuple[int, int]],
    lex: ClaimLexicon,
    voice: Speaker | None = None,
) -> list[_Draft]:
    """A sentence rejecting the one before by a pronoun ("The army says 9 dead. That is a lie.", "“This is not
    true,” a spokesman said"): a denial of the earlier claim's content by the rejecting sentence's speaker.
    Its span runs from the rejected claim's start to the rejecting sentence's end, so its words are both
    sentences' exact characters, its content the rejected claim's, and its cue (the author's) the falsity
    phrase; ``parent`` is the rejected claim. The rejected claim must be in the sentence right before, in the
    same paragraph (a thread's post): a pronoun reaching further names no single claim. A speaker's rejection
    ("“That is a lie,” the chief said") becomes that claim, the author's is a new one: the document's voice
    (``voice``: an organisation's own statement) or its author. Returns the new drafts."""
    text = doc.clean_text
    author = author_label(doc)
    out: list[_Draft] = []
    for k in range(1, len(sentences)):
        (ps, pe), (s, e) = sentences[k - 1], sentences[k]
        if not may_reject(text, s, e, lex):
            continue  # (most sentences: the cheap test first)
        if _PARAGRAPH_BREAK.search(text, pe, s) or any(d.claim["start"] < s < d.claim["end"] for d in drafts):
            continue  # another paragraph, or inside a speaker's quotation that began before
        before = [d for d in drafts if ps <= d.claim["start"] < pe and d.claim.status in _REJECTABLE]
        if not before:
            continue
        rejected = max(before, key=lambda d: (d.claim.content_end, d.claim.speaker_kind != "author"))
        own = [d for d in drafts if s <= d.claim["start"] < e and d.claim.speaker_kind != "author"]
        said = [d for d in own if d.parent is None and _says_rejection(text, s, d, lex)]
        if len(said) == 1 and len(own) == 1:
            _retarget(text, said[0], rejected)
            continue
        if any(d.claim.speaker_kind == "source" for d in own):
            continue  # a named speaker's sentence ("That is nonsense, he said, ..."): not the author's rejection
        cue = pronoun_rejection(text, s, e, lex)
        if cue is not None:
            out.append(_author_rejection(text, (s, e), cue, rejected, author, voice))
    return out


def _says_rejection(text: str, sentence_start: int, draft: _Draft, lex: ClaimLexicon) -> bool:
    """Whether a speaker's content is a pronoun's rejection, read from the sentence's start (a content that
    leaves out the pronoun, "“That [is a lie],” the chief said", is read with it)."""
    start = draft.claim.content_start
    before = [w for w in WORD_OR_MARK.findall(text, sentence_start, start) if w[:1].isalnum()]
    return (
        sentence_start <= start
        and len(before) <= 1  # the content begins the sentence, or leaves out only its pronoun
        and pronoun_rejection(text, sentence_start, draft.claim.content_end, lex) is not None
    )


def _rejected_polarity(rejected: _Draft) -> str:
    """A rejection of negative content says it is so ("The ministry says no strike hit the hospital. That is a
    lie."): positive under the denial, as ``status.polarity`` reads a denial of a negation."""
    return "positive" if rejected.claim.polarity == "negative" else "negative"


def _retarget(text: str, draft: _Draft, rejected: _Draft) -> None:
    r = rejected.claim
    start = min(r["start"], draft.claim["start"])
    draft.claim.update(
        start=start,
        text=text[start : draft.claim["end"]],
        content_start=r.content_start,
        content_end=r.content_end,
        status="denied",
        polarity=_rejected_polarity(rejected),
        quantities=r.quantities,
    )
    draft.parent, draft.rejection = rejected, True


def _author_rejection(
    text: str,
    sentence: tuple[int, int],
    cue: tuple[int, int],
    rejected: _Draft,
    author: str | None,
    voice: Speaker | None = None,
) -> _Draft:
    r = rejected.claim
    fields = _Fields(
        start=r["start"],
        end=sentence[1],
        text=text[r["start"] : sentence[1]],
        content_start=r.content_start,
        content_end=r.content_end,
        speaker_text=author,
        speaker_kind="author",
        cue=text[cue[0] : cue[1]],
        cue_start=cue[0],
        cue_end=cue[1],
        status="denied",
        polarity=_rejected_polarity(rejected),
        quantities=r.quantities,
        checkworthiness=r.checkworthiness,
        speaker_actor=voice.actor_id if voice is not None else None,
        speaker_name=voice.name if voice is not None and voice.name else author,
    )
    return _Draft(fields, parent=rejected, rejection=True)


def _grade_anaphora(
    text: str, start: int, end: int, lex: ClaimLexicon, earlier: list[_Draft], author: str | None
) -> bool:
    """Apply "These claims, lacking empirical backing" to the last reported claim; True if it did."""
    head = text[start : min(end, start + 40)].lower()
    if not head.startswith(lex.anaphora.phrases):
        return False
    reported = [d for d in earlier if d.claim.speaker_kind != "author"]
    verdict = lex.unverified.find(text, start, end)
    if not reported or not verdict:
        return False
    last = reported[-1]
    cues = tuple(dict.fromkeys(last.claim.evidence_cues + tuple(p for _, _, p in verdict)))
    last.claim.update(evidence="unverified", evidence_cues=cues, disputed_by=last.claim.disputed_by or author or AUTHOR)
    return True


def unread_languages(documents) -> dict[str, int]:
    """{language: count} of the given documents (anything with ``language``, ``chars`` and
    ``duplicate_of``, e.g. a run report's summaries) whose language has no claim lexicons."""
    have = set(supported_languages())
    out: dict[str, int] = {}
    for d in documents:
        if d.language is not None and d.language not in have and d.chars and not d.duplicate_of:
            out[d.language] = out.get(d.language, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))
