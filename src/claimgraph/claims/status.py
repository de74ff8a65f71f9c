"""How firmly a claim is made (epistemic status), on what evidence, and whether it is negated.

Status, strongest first: hypothetical (a conditional anywhere: "If there were ...", "unless ...", an
unattributed "would"), denied (a denial cue, or a report whose content negates the speaker's
involvement or calls the allegation false: "the group said it had no part in the raids"), disputed (a
dispute cue, or a dispute verb with the claim, figure or account contested: the speaker contests it),
hedged (a belief cue; may, might, reportedly in the author's or the speaker's words), reported
(attributed to another source), asserted. A rejection written as a predicate is read over the parse
(where the parser is installed, and only in a span holding a falsity or refutation word): the author's
own "the reports were false" is denied, "the rumour was refuted by ..." disputed, while "the claim that X
is a fabrication" leaves the claim's claimant reporting X, and "fake passports" rejects nothing. The
words beyond the cues are ``data/claims/<language>/status.yaml``. Evidence: "unverified" when the text calls it so
("unsubstantiated", "lacking empirical backing", "absence of videos"); "cites" when the claim
itself points at what backs it — a report, count, document, footage or data ("according to UNAMA's
report", "footage shows", "data from ...") or a number backed by a named source ("7,000 fighters,
according to the UN Monitoring Team"); else "unsupported": a bare number, or a speaker's say-so,
is not evidence. The word lists are ``data/claims/<language>/evidence.yaml``.
"""

from __future__ import annotations

import functools

from ..nlp.tokens import WORD_OR_MARK
from .lexicon import ClaimLexicon, span_words

_CUE_STATUS = {"deny": "denied", "dispute": "disputed", "belief": "hedged", "report": "reported"}
_CITING_WINDOW = 8  # words after "according to" / "citing" in which an evidence noun counts
_LINK_WINDOW = 1  # words between an evidence noun and its origin ("data [released] by")
# From a falsity word up to the clause that says what is false: "a hoax" -> "to be" -> "turned out" (the
# subject), "a forgery" -> "as" -> "was exposed"; four steps reach the copular and object-complement forms
# ("was nothing but propaganda").
_CLIMB = 4
_COMPLEMENTS = frozenset({"acomp", "attr", "oprd", "xcomp", "ccomp", "pobj", "pcomp", "prep", "advcl", "conj"})
_DESCRIBES = frozenset({"amod", "compound", "nmod", "poss"})  # "fake passports", "a fake news site"
_SILENCE_WORDS = 2  # words before a report verb saying it was not used ("did not", "declined to")
_OBJECT_WORDS = 4  # content words in which a deny verb's object may name a claim ("denied [the] reports that")
_RELATIVE_WORDS = 6  # words between a relative pronoun and a negation of checking in its clause
_NOT_VERBS = frozenset({"noun", "preposition"})  # attribution kinds whose cue is no verb


def is_conditional(text: str, start: int, end: int, lex: ClaimLexicon) -> bool:
    return bool(
        lex.conditional_openers.match(text, start, end)
        or (lex.conditional_inside is not None and lex.conditional_inside.search(text, start, end))
        or (
            lex.status.conditionals is not None
            and not lex.status.conditional_words.isdisjoint(span_words(text, start, end))
            and lex.status.conditionals.search(text, start, end)
        )
    )


def hedges(text: str, start: int, end: int, lex: ClaimLexicon) -> tuple[str, ...]:
    found = lex.hedges.find(text, start, end)
    if not found:
        return ()
    # "appeared in court" is a fact; a capitalised "May" inside a sentence is the month ("on 3 May")
    exceptions = lex.hedge_exceptions.find(text, start, end)
    return tuple(
        dict.fromkeys(
            h
            for s, e, h in found
            if not any(xs <= s and e <= xe for xs, xe, _ in exceptions)
            and (not text[s].isupper() or s == start or text[s - 1] in "\"“‘'«„")
        )
    )


def epistemic_status(
    text: str,
    sentence: tuple[int, int],
    content: tuple[int, int],
    cue_class: str | None,
    attributed: bool,
    lex: ClaimLexicon,
    *,
    rejects: str | None = None,
    cue: str | None = None,
) -> tuple[str, tuple[str, ...]]:
    """(status, hedges found in the content). Strongest first: a conditional anywhere in the
    sentence; a denial or dispute cue; a reported denial (the content negates the speaker's own
    involvement, or calls an allegation false); a dispute of someone else's claim; a hedge (a belief
    cue, or a hedge word in the content, whoever's words they are); a report; the author's assertion.

    ``rejects``: the learned status model's decision for an attributed claim (``status_model``:
    "rejects", "accepts", "unsure"; None without a model). A rejection it finds is one ("dismissed the
    claims as propaganda", "laughed off reports that ..."): "disputed" where the speaker contests someone
    else's claim, else "denied". Where it is as sure the speaker rejects nothing, a deny verb alone makes
    no denial ("denied entry to journalists", "did not deny carrying out the attack"); a deny noun ("the
    ministry's denial of ...") always denies. Otherwise the rules decide, as without the model: the
    model, trained on a few hundred sentences, adds the many ways to dismiss a claim the rules do not
    read, and does not overrule the forms they read well."""
    found = hedges(text, *content, lex)
    if is_conditional(text, *sentence, lex):
        return "hypothetical", found
    # "..., hinting at ...": how the speaker put it, which the cue already says, not a hedge of its own
    softened = [h for h in found if h not in lex.status.speech_hedges] if attributed else found
    if attributed and _content_called_false(text, sentence, content, lex):
        return "denied", found  # "A rumour that X has been called 'rubbish' by his publicist"
    if attributed and _cue_called_false(text, content, cue, lex):
        # "The claim that X is a fabrication": the claimant says X; the author (or whoever says the rest)
        # calls its claim false, which is not the claimant's denial
        return ("hedged" if softened else "reported"), found
    if rejects == "rejects" and cue_class == "report" and _negation_denies_nothing(text, content, lex):
        rejects = None  # "claimed attacks it did not carry out": the model read the negation; the rules decide
    if rejects == "rejects" and attributed and _plain_report(text, sentence, content, cue, lex):
        rejects = None  # "partners report that 19 were killed": no word of the sentence rejects anything
    if rejects == "rejects" and attributed:
        contests = cue_class == "dispute" or contested(text, sentence, content, attributed, lex)
        return ("disputed" if contests else "denied"), found
    if (
        rejects == "accepts"
        and attributed
        and cue_class == "deny"
        and (cue or "").lower() in lex.verb_cues
        and not _names_a_claim(text, *content, lex)
        and not lex.status.involvement.find(text, *content)  # "rejected any involvement in": a denial
    ):
        cue_class = None  # a deny verb that denies no proposition ("denied entry"); a deny noun always does
    if cue_class in ("deny", "dispute"):
        return _CUE_STATUS[cue_class], found
    if attributed and cue_class != "belief" and reported_denial(text, *content, lex):
        return "denied", found
    if attributed and cue_class != "belief" and _calls_a_claim_false(text, sentence, content, lex):
        return "denied", found  # "said the allegations were unsubstantiated", "said reports of a deal were wrong"
    if contested(text, sentence, content, attributed, lex):
        return "disputed", found
    if not attributed and (rejection := predicate_rejection(text, *content, lex)):
        return rejection, found  # the author's own "the reports were false", "the rumour was refuted by ..."
    if not attributed and _words_in(text, *content, lex.status.unreal_modals):
        return "hypothetical", found  # "A wider war would displace millions": no cue, so no reported "would"
    if softened or cue_class == "belief" or (not attributed and _belief_verb(text, *sentence, lex)):
        return "hedged", found
    return ("reported" if attributed else "asserted"), found


def _words_in(text: str, start: int, end: int, words: frozenset[str]) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), m.group(0).lower())
        for m in WORD_OR_MARK.finditer(text, start, end)
        if m.group(0).lower() in words
    ]


def _belief_verb(text: str, start: int, end: int, lex: ClaimLexicon) -> bool:
    """A belief verb used as a finite verb ("Experts fear al-Shabaab will ..."), not an infinitive or noun."""
    words = [m.group(0).lower() for m in WORD_OR_MARK.finditer(text, start, end)]
    return any(
        lex.verb_cues.get(w) == "belief"
        and n > 0
        and words[n - 1] not in lex.infinitive_markers
        and words[n - 1] not in lex.determiners
        for n, w in enumerate(words)
    )


def silent_cue(
    text: str, sentence_start: int, cue: tuple[int, int], cue_class: str, kind: str, lex: ClaimLexicon
) -> bool:
    """Whether a report verb is said not to have been used: "did not mention civilian casualties", "declined to
    comment on", "never said" (a negation or a refusal in the cue or among the two words right before it, with no
    mark between). The speaker reports nothing of what follows: the sentence is the author's statement of their
    silence, not the speaker's claim."""
    if cue_class != "report" or kind in _NOT_VERBS:
        return False  # "there were no reports of ...": a noun cue, whose negation is the author's statement already
    run = []
    for m in reversed(list(WORD_OR_MARK.finditer(text, sentence_start, cue[0]))):
        if not m.group(0)[:1].isalnum() or len(run) == _SILENCE_WORDS:
            break
        run.append(m)
    start = run[-1].start() if run else cue[0]
    return bool(
        lex.negation.find(text, start, cue[1])
        or lex.status.silence.find(text, start, cue[1])
        or any(m.group(0).lower().endswith("n't") for m in WORD_OR_MARK.finditer(text, start, cue[1]))
    )


def early_negation(text: str, start: int, end: int, lex: ClaimLexicon) -> int | None:
    """Where the first negation among the content's first words lies (``negation_window`` of
    status.yaml: the main clause's "it had no part", not "... fighters who had not surrendered"), if any."""
    words = list(WORD_OR_MARK.finditer(text, start, end))
    if not words:
        return None
    early = words[: lex.status.negation_window]
    if not early:
        return None  # a language without status rules: no window to look in
    negations = [s for s, _, _ in lex.negation.find(text, start, early[-1].end())]
    negations += [m.start() for m in early if m.group(0).lower().endswith("n't")]
    return min(negations) if negations else None


def _denying_negation(text: str, start: int, end: int, lex: ClaimLexicon) -> int | None:
    """Where the first early negation lies that may be the content's denial: not one of a wish or a purpose
    ("asking that his name not be used", "so as not to alert"), not one inside a relative clause that
    restricts a noun ("claimed attacks it did not carry out"). Word rules, the same in both modes."""
    first = early_negation(text, start, end, lex)
    if first is None:
        return None
    words = list(WORD_OR_MARK.finditer(text, start, end))
    early = words[: lex.status.negation_window]
    at = [s for s, _, _ in lex.negation.find(text, start, early[-1].end())]
    at += [m.start() for m in early if m.group(0).lower().endswith("n't")]
    lowered = [m.group(0).lower() for m in words]
    for s in sorted(at):
        n = next((i for i, m in enumerate(words) if m.start() <= s < m.end()), None)
        if n is None or not (
            _wished(lowered, n, lex) or _restricts_a_noun(lowered, n, lex) or _unverifiable(lowered, n, lex)
        ):
            return s
    return None


def _plain_report(
    text: str, sentence: tuple[int, int], content: tuple[int, int], cue: str | None, lex: ClaimLexicon
) -> bool:
    """Whether a claim is a plain report with nothing in its sentence that could reject: its cue words are
    report verbs the lexicon lists ("report", "said", "told"), its content carries no negation, and no word of
    the sentence is a denial or dispute cue ("rejected claims that ..."), a falsity, refutation or dispute
    word, nor of the content a claim noun ("reports"). The learned status model weighs
    the frame's and the content's last words' vectors and can tip such a sentence over its threshold (a
    present-tense "report that at least 19 ... were killed"); a rejection needs some word that rejects."""
    rules = lex.status
    cue_words = [w.lower() for w in WORD_OR_MARK.findall(cue or "") if w[:1].isalpha()]
    if not cue_words or any(lex.verb_cues.get(w) != "report" for w in cue_words):
        return False
    words = span_words(text, *sentence)
    said = [m.group(0).lower() for m in WORD_OR_MARK.finditer(text, *sentence)]
    return not (
        any(lex.verb_cues.get(w) in ("deny", "dispute") or lex.noun_cues.get(w) in ("deny", "dispute") for w in said)
        or _negated(text, *content, lex)
        or early_negation(text, *content, lex) is not None
        or rules.falsity.find(text, *sentence)
        or rules.claim_falsity.find(text, *sentence)
        or rules.dispute_phrases.find(text, *sentence)
        or not rules.refutations.isdisjoint(words)
        or any(m.group(0).lower() in rules.rejected_things for m in WORD_OR_MARK.finditer(text, *content))
    )


def _negation_denies_nothing(text: str, content: tuple[int, int], lex: ClaimLexicon) -> bool:
    """Whether the content's early negations are all of a wish or inside a relative clause, and nothing in it
    calls a claim false: a report verb's content that rejects nothing, whatever a learned reading of it says."""
    return (
        early_negation(text, *content, lex) is not None
        and _denying_negation(text, *content, lex) is None
        and not lex.status.falsity.find(text, *content)
    )


def _wished(words: list[str], n: int, lex: ClaimLexicon) -> bool:
    """The negation at ``n`` negates a wish or purpose: "so as not to", "in order not to", or a subjunctive
    "not be" with no auxiliary before it ("that his name not be used"; "it would not be" is a statement)."""
    before = words[n - 1] if n > 0 else ""
    after = words[n + 1] if n + 1 < len(words) else ""
    if before in lex.status.purpose_openers and after == "to":
        return True
    return after == "be" and before not in lex.auxiliaries and before not in lex.status.modals


def _unverifiable(words: list[str], n: int, lex: ClaimLexicon) -> bool:
    """The negation at ``n`` negates checking: "could not verify", "has not been able to independently confirm".
    The speaker cannot vouch for a claim, which is no denial of it (the claim stays reported or hedged)."""
    return _negates(words[n + 1 :], lex.status.verification, lex.status.verification_gap)


def _negates(following: list[str], verbs: frozenset[str], gap: frozenset[str]) -> bool:
    """Whether the first of ``following`` (the words after a negation) that is not a ``gap`` word is one of
    ``verbs``: what the negation negates."""
    for w in following:
        if w in verbs:
            return True
        if w not in gap:
            return False
    return False


def _restricts_a_noun(words: list[str], n: int, lex: ClaimLexicon) -> bool:
    """The negation at ``n`` lies in a relative clause after a noun: a relative pronoun after the content's
    first word ("depots that were not registered", "a compound that civilians did not use"), or a subject
    pronoun right after a word that opens no clause (a contact clause: "attacks it did not carry out"). The
    clause must reach the negation with no verb of its own first: in "the missile that hit the market was not
    theirs" the relative clause has ended and the negation is the content's own."""
    rules = lex.status
    for i in range(1, n):
        w, before = words[i], words[i - 1]
        if not before[:1].isalpha() or before in rules.clause_openers or before.endswith("ly"):
            continue
        between = [x for x in words[i + 1 : n] if x not in lex.auxiliaries]
        # "that" after a cue word or a claim noun opens what is said: "said in a statement that it was not ..."
        said = before in lex.cue_words or before in rules.rejected_things
        if w in rules.relative_pronouns and (w != "that" or not said):
            subject = [x for x in between if x not in lex.determiners]
            if len(subject) <= 1:
                return True
        if w in rules.subject_pronouns and before not in lex.verb_cues and before not in lex.determiners:
            if not between:
                return True
    return False


def reported_denial(text: str, start: int, end: int, lex: ClaimLexicon) -> bool:
    """Whether reported content is its speaker's denial: it calls an allegation untrue ("the reports
    were false"), or an early negation ("it had no part", "officers had not tortured", "none of its
    units took part") goes with the speaker's involvement or an act it is accused of."""
    rules = lex.status
    falsity = rules.falsity.find(text, start, end)
    if falsity and not _only_describes(text, start, end, falsity, rules):
        return True
    first = _denying_negation(text, start, end, lex)
    if first is None:
        return False
    words = list(WORD_OR_MARK.finditer(text, start, end))
    if any(m.group(0).lower() in rules.modals for m in words[: rules.negation_window]):
        return False  # a pledge or refusal ("we will not negotiate")
    if rules.involvement.find(text, first, end):
        return True
    # the act itself right after the negation ("had not tortured", "never opened fire"); a negation
    # with only a pronoun before it is too weak: "some of them are not recent" denies nothing
    after = [m.group(0).lower() for m in words if m.start() > first][:3]
    return any(w in rules.accusations for w in after)


def _calls_a_claim_false(text: str, sentence: tuple[int, int], content: tuple[int, int], lex: ClaimLexicon) -> bool:
    """Whether reported content calls a claim false with a word that is false only of a claim ("the
    allegations were unsubstantiated", "talk of a deal is absurd", "that is incorrect"): read over the
    sentence's parse, as the author's own such predicate is (``predicate_rejection``); what is false lies in
    the content, or is the pronoun the attribution took for a complementiser ("said [that] is incorrect").
    The falsity words proper are the reported denial's."""
    rules = lex.status
    found = rules.claim_falsity.find(text, *content)
    doc = _parse(text, *sentence) if found else None
    if doc is None:
        return False
    for s, e, word in found:
        tok = _phrase_head(doc, s - sentence[0], e - sentence[0])
        what = _antecedent(_what_is_false(tok, rules)) if tok is not None else None
        if what is None or not _names(what, _subjects_of(word, rules)):
            continue
        at = what.idx + sentence[0]
        if content[0] <= at < content[1] or (
            what.lower_ in rules.claim_pronouns and not text[at + len(what.text) : content[0]].strip()
        ):
            return True
    return False


def _cue_called_false(text: str, content: tuple[int, int], cue: str | None, lex: ClaimLexicon) -> bool:
    """Whether a claim noun cue is itself what its content's falsity word calls false: "Reports that X
    were false", "the claim that X is a fabrication" (the content runs over the predicate of its cue)."""
    rules = lex.status
    if not cue or cue.lower() not in rules.rejected_things or not rules.falsity.find(text, *content):
        return False
    at = text.rfind(cue, max(0, content[0] - 80), content[0])
    if at < 0:
        return False
    doc = _parse(text, at, content[1])
    if doc is None:
        return False
    for s, e, _ in rules.falsity.find(text, *content):
        tok = _phrase_head(doc, s - at, e - at)
        what = _what_is_false(tok, rules) if tok is not None else None
        if what is not None and what.idx == 0:
            return True
    return False


def _content_called_false(text: str, sentence: tuple[int, int], content: tuple[int, int], lex: ClaimLexicon) -> bool:
    """Whether the speaker calls the reported content false with a word outside it: the content is the
    claim ("a rumour that X") and the falsity word its predicate ("... has been called 'rubbish' by ...",
    "described reports of abductions as propaganda")."""
    rules = lex.status
    outside = [f for f in rules.falsity.find(text, *sentence) if not content[0] <= f[0] < content[1]]
    if not outside:
        return False
    doc = _parse(text, *sentence)
    if doc is None:
        return False
    for s, e, _ in outside:
        tok = _phrase_head(doc, s - sentence[0], e - sentence[0])
        what = _what_is_false(tok, rules) if tok is not None else None
        if (
            what is not None
            and what.lower_ in rules.rejected_things
            and content[0] <= what.idx + sentence[0] < content[1]
        ):
            return True
    return False


def refusal(text: str, start: int, end: int, cue: str, lex: ClaimLexicon) -> bool:
    """Whether a verb of refusal ("reject", status.yaml ``refusal_verbs``) refuses or condemns an act, a plan or
    a demand rather than denying a claim: its object at [start, end) is one of ``refused_objects`` in its first
    words ("we reject this cowardly attack", "rejected the peace plan") and names no claim, no involvement
    ("rejected any involvement in the attack") and opens no clause ("rejected that ...")."""
    rules = lex.status
    if cue.lower() not in rules.refusal_verbs:
        return False
    words = [m.group(0).lower() for m in WORD_OR_MARK.finditer(text, start, end)][:_OBJECT_WORDS]
    if not words or words[0] == "that" or rules.refused_objects.isdisjoint(words):
        return False
    return not _names_a_claim(text, start, end, lex) and not rules.involvement.find(text, start, end)


def _names_a_claim(text: str, start: int, end: int, lex: ClaimLexicon) -> bool:
    """Whether a deny verb's object is a claim ("denied [both] the reports that ...", "denies the bogus
    claim"): then it denies a proposition whatever the learned head says of the verb."""
    words = [m.group(0).lower() for m in WORD_OR_MARK.finditer(text, start, end)][:_OBJECT_WORDS]
    return not lex.status.rejected_things.isdisjoint(words)


def _parse(text: str, start: int, end: int):
    """The spaCy doc of ``text[start:end]`` (offsets relative to ``start``), None without the parser (the
    word rules alone decide). Parsed apart from the document parses the other stages share
    (``events.parse.parse_spans``): those are keyed by document and truecaser, and a lone span asked for
    here would drop them. Only spans holding a falsity or refutation word get here."""
    # with the sentence's closing mark, as the parser was trained: without it a reduced relative may become
    # the main verb ("the account ... spread by X was debunked": "spread" taken as the root)
    from ..events.parse import parser_installed

    close = end + 1 if text[end : end + 1] in (".", "!", "?") else end
    return _parse_piece(text[start:close]) if parser_installed() else None


@functools.lru_cache(maxsize=256)
def _parse_piece(piece: str):
    from ..events.parse import PARSE, shared_parser

    parser = shared_parser()
    doc = parser.make_doc(piece)
    for name in parser.pipe_names:
        if name in PARSE or name == "tok2vec":
            doc = parser.get_pipe(name)(doc)
    return doc


def _phrase_head(doc, start: int, end: int):
    """The token heading a phrase at ``doc`` offsets [start, end) ("not true": "true"), None if none starts there."""
    toks = [t for t in doc if start <= t.idx < end]
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), None)


def _only_describes(text: str, start: int, end: int, falsity, rules) -> bool:
    """Whether every falsity word in the span only describes a thing ("carrying false identity cards",
    "a fake news site"): it calls no claim false. Without the parser: never (the word rules stand)."""
    doc = _parse(text, start, end)
    if doc is None:
        return False
    heads = [_phrase_head(doc, s - start, e - start) for s, e, _ in falsity]
    return all(t is not None and t.dep_ in _DESCRIBES and _what_is_false(t, rules) is None for t in heads)


def _what_is_false(tok, rules):
    """The token naming what a falsity word says is false: the subject of its clause ("the report [is]
    false", "the photo was doctored", "the story turned out to be a hoax"), or the object where the word
    completes it ("called the account a lie", "dismissed the footage as fabricated"); None where the word
    describes a thing ("fake passports"). A falsity word describing a claim noun stands for it as a
    predicate ("this could be a hoax story": what "story" is said of)."""
    if tok.dep_ in _DESCRIBES:
        if tok.head.lower_ not in rules.rejected_things or tok.head is tok:
            return None
        tok = tok.head
    if tok.tag_.startswith("VB") and not any(c.dep_ == "nsubjpass" for c in tok.children):
        return None  # an active verb says what someone does ("was lying on the road", "forged the papers")
    node, came = tok, None
    for _ in range(_CLIMB):
        kids = {c.dep_: c for c in node.children if c is not came}
        if came is not None and "dobj" in kids:
            return kids["dobj"]  # an object complement: the object is what is false
        for dep in ("nsubjpass", "nsubj", "expl"):
            if dep in kids:
                return kids[dep]
        if node.dep_ not in _COMPLEMENTS or node.head is node:
            return None
        node, came = node.head, node
    return None


def predicate_rejection(text: str, start: int, end: int, lex: ClaimLexicon) -> str | None:
    """A rejection written as a predicate, read over the parse: "denied" where the span calls a claim
    false (a falsity word whose subject, or completed object, is a claim, report, video ... or a pronoun:
    "reports that X were false", "the video was doctored", "it's a hoax", "there is no truth to ..."),
    "disputed" where a claim is the passive subject of a refutation ("the rumour was refuted by ...");
    None otherwise or without the parser. A falsity word said of a person ("was lying on the road") or
    describing a thing ("fake passports") rejects nothing."""
    rules = lex.status
    falsity = rules.falsity.find(text, start, end)
    of_claims = rules.claim_falsity.find(text, start, end)
    refuting = not rules.refutations.isdisjoint(span_words(text, start, end))
    if not falsity and not of_claims and not refuting:
        return None
    doc = _parse(text, start, end)
    if doc is None:
        return None
    # a word false only of a claim ("unsubstantiated", "absurd", "wrong") needs a claim noun, not a pronoun:
    # "it is wrong to shell the market" rejects nothing (``_subjects_of``)
    for s, e, word in (*falsity, *of_claims):
        tok = _phrase_head(doc, s - start, e - start)
        what = _antecedent(_what_is_false(tok, rules)) if tok is not None else None
        if what is not None and _names(what, _subjects_of(word, rules)):
            return "denied"
    for tok in doc:
        if tok.lower_ in rules.refutations:
            what = _refuted(tok)
            if what is not None and _names(what, rules.rejected_things | rules.rejected_pronouns):
                return "disputed"
    return None


def _antecedent(tok):
    """A relative pronoun's antecedent ("a report that is unsubstantiated": "report"), else the token. A "that"
    right after a noun is relative even where the parse reads a clause ("intelligence from Chad that is ..."):
    it stands for that noun phrase, never for a claim made elsewhere."""
    if tok is None or tok.lower_ not in ("that", "which", "who"):
        return tok
    if tok.head.dep_ == "relcl":
        return tok.head.head
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before if before is not None and before.tag_.startswith("NN") else tok


def _subjects_of(word: str, rules) -> frozenset[str]:
    """What a falsity word must be said of to reject a claim: a falsity word proper, a claim noun or a
    pronoun ("it's a hoax"); an epistemic word false only of claims, a claim noun or "that" / "this" ("that
    is incorrect"); an evaluative one ("absurd", "wrong"), a claim noun only ("it is wrong to ...")."""
    if word not in rules.claim_falsity.phrases:
        return rules.rejected_things | rules.rejected_pronouns
    if word in rules.epistemic_falsity:
        return rules.rejected_things | rules.claim_pronouns
    return rules.rejected_things


def _refuted(tok):
    """What a passive refutation word refutes: its passive subject ("the rumour was refuted by ..."), the
    noun it modifies as a reduced relative ("the story, later debunked by fact-checkers, ..."), or, for a
    participle with no subject of its own, the subject of the clause it hangs from ("the rumour spread
    for days before being debunked by ..."); None otherwise (an active "refuted the report" is a dispute
    phrase, ``contested``)."""
    subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subject is not None:
        return subject
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head
    if tok.dep_ in ("pcomp", "advcl") and any(c.dep_ == "auxpass" for c in tok.children):
        verb = tok.head.head if tok.dep_ == "pcomp" else tok.head
        return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _names(tok, words: frozenset[str]) -> bool:
    """Whether a subject is one of ``words``, or a verb whose own subject is (a reduced relative read as
    a clause: "the account ... spread by pro-Kremlin channels was debunked" parses "spread" as the subject)."""
    return tok.lower_ in words or any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in words for c in tok.children if tok.tag_.startswith("VB")
    )


def contested(
    text: str, sentence: tuple[int, int], content: tuple[int, int], attributed: bool, lex: ClaimLexicon
) -> bool:
    """Whether the sentence contests the claim: a dispute verb or phrase with a claim, figure or
    account a few words after it ("challenged the government's figure"; for reported content, before
    the content), or reported content that says another account "is contradicted by" something."""
    rules = lex.status
    before = (sentence[0], content[0]) if attributed else sentence
    for _, e, _ in rules.dispute_phrases.find(text, *before):
        following = [m.group(0).lower() for m in WORD_OR_MARK.finditer(text, e, sentence[1])][: rules.object_window]
        if not rules.dispute_objects.isdisjoint(following):
            return True
    # the author's "X's assertions are challenged by ..." leaves X's claim reported (disputed_by says who
    # contests it); only a speaker who says another account "is contradicted by ..." disputes it
    return attributed and bool(lex.dispute_predicates.find(text, *content))


def polarity(
    text: str, start: int, end: int, cue_class: str | None, lex: ClaimLexicon, *, rejects: bool | None = None
) -> str:
    """Whether the speaker says the content is so (positive) or not (negative). Without the learned
    decision (``rejects`` None) a deny cue flips the content's negation ("denied his presence": he was
    not there). With it (``rejects``: the claim's status is a rejection): content the speaker does not
    reject has its own polarity ("did not deny carrying out the attack" is positive); a rejection is
    negative, except where a rejecting cue meets a clause negation at the head of its content: "denied
    that officers had not followed procedure" says they did. A later or prepositional negation ("denied
    shelling the market without warning") or the report of a speaker's own negation ("said it had no
    part") is no second negation."""
    if cue_class == "report" and not rejects and not reported_denial(text, start, end, lex):
        end = _own_clause_end(text, start, end, lex)  # a denial's polarity is its whole content's
    negated = _negated(text, start, end, lex)
    if rejects is None and cue_class is None and predicate_rejection(text, start, end, lex) == "denied":
        return "negative"  # the author's "the reports were false": what the reports say is not so
    if rejects is None:
        if cue_class == "deny":
            negated = not negated  # "denied his presence": the source says he was not there
        return "negative" if negated else "positive"
    if not rejects:
        return "negative" if negated else "positive"
    if cue_class in (None, "report"):
        return "negative"
    head = list(WORD_OR_MARK.finditer(text, start, end))[: lex.status.negation_window]
    double = any(m.group(0).lower() in lex.status.clause_negators or m.group(0).lower().endswith("n't") for m in head)
    return "positive" if double else "negative"


def _negated(text: str, start: int, end: int, lex: ClaimLexicon) -> bool:
    """Whether the span holds a negation of its own: not one of checking inside a relative clause ("higher
    figures that the UN has not been able to verify" says the figures are higher; the UN's inability is the
    relative clause's)."""
    if not lex.negation.find(text, start, end) and "n't" not in text[start:end]:
        return False
    words = list(WORD_OR_MARK.finditer(text, start, end))
    lowered = [m.group(0).lower() for m in words]
    negations = {s for s, _, _ in lex.negation.find(text, start, end)}
    for n, m in enumerate(words):
        if m.start() not in negations and not lowered[n].endswith("n't"):
            continue
        relative = n > 1 and not lex.status.relative_pronouns.isdisjoint(lowered[max(1, n - _RELATIVE_WORDS) : n])
        if not (relative and _unverifiable(lowered, n, lex)) and not _silent(lowered, n, lex):
            return True
    return False


def _silent(lowered: list[str], n: int, lex: ClaimLexicon) -> bool:
    """Whether the negation at word ``n`` negates a verb of answering ("has not commented on the toll", "did
    not immediately respond"): the sentence reports a party's silence and denies nothing."""
    rules = lex.status
    return _negates(lowered[n + 1 : n + 5], rules.silence_verbs, rules.verification_gap | rules.silence_gap)


def _own_clause_end(text: str, start: int, end: int, lex: ClaimLexicon) -> int:
    """Where a reported content's own clause ends: before an "and" joining a second report verb ("condemned the
    attack and said hospitals must never be targeted"). What follows is another claim of the speaker's, whose
    negation is not this one's polarity (unless the content is a denial: then the whole content is denied)."""
    words = list(WORD_OR_MARK.finditer(text, start, end))
    for i, m in enumerate(words[:-1]):
        if m.group(0).lower() != "and":
            continue
        after = [w.group(0).lower() for w in words[i + 1 : i + 3]]
        verb = after[1] if after[0].endswith("ly") and len(after) > 1 else after[0]
        # "statements and reports": a cue word that is also a claim noun joins two nouns, no clauses
        if verb in lex.verb_cues and verb not in lex.noun_cues:
            return m.start()
    return end


def cited_evidence(text: str, start: int, end: int, lex: ClaimLexicon) -> tuple[str, ...]:
    """Evidence the span points at: an evidence noun after a citing phrase ("according to UNAMA's
    report", "citing hospital records") or with its origin ("data from the ministry", "a report
    by UNAMA"). A noun alone ("reports of a drone strike") is not cited evidence."""
    nouns = lex.evidence_nouns.find(text, start, end)
    if not nouns:
        return ()
    out = []
    citing = lex.citing_phrases.find(text, start, end)
    for n_start, n_end, noun in nouns:
        before = [
            c for c in citing if c[1] <= n_start and len(WORD_OR_MARK.findall(text, c[1], n_start)) <= _CITING_WINDOW
        ]
        after = [m.group(0).lower() for m in WORD_OR_MARK.finditer(text, n_end, min(end, n_end + 40))][
            : _LINK_WINDOW + 1
        ]
        if before or any(w in lex.evidence_links for w in after):
            out.append(noun)
    return tuple(dict.fromkeys(out))


def evidence_grade(
    text: str,
    spans: list[tuple[int, int]],
    *,
    claim: tuple[int, int],
    source: tuple[int, int] | None = None,
    backed_number: bool = False,
    lex: ClaimLexicon,
) -> tuple[str, tuple[str, ...]]:
    """(grade, the cue phrases found).

    ``spans``: where the text may call the claim unverified (its sentence, later anaphora);
    ``claim``: the claim's own words, searched for cited evidence; ``source``: the speaker span,
    which is evidence itself when it is one ("footage shows", "the UN report said");
    ``backed_number``: the claim's numbers come with a named source ("according to the UN")."""
    unverified = [p for s, e in spans for _, _, p in lex.unverified.find(text, s, e)]
    if unverified:
        return "unverified", tuple(dict.fromkeys(unverified))
    cites = list(cited_evidence(text, *claim, lex))
    if source is not None:
        cites += [p for _, _, p in lex.evidence_nouns.find(text, *source)]
    if cites:
        return "cites", tuple(dict.fromkeys(cites))
    if backed_number:
        return "cites", ()
    return "unsupported", ()
