"""Who says what: source, cue and content spans of the attributions in one sentence.

Rules over the cue lexicons and the shape of the sentence (no parser): a reporting verb takes the
noun phrase before it as its source ("the Taliban have unequivocally denied ...") or, when nothing
names a source there, the one after it ("..., said the minister"); its content is what follows
(or, for "..., he said.", what precedes). A cue noun takes a possessor ("the Taliban's assertions
of ...") or the subject of a support verb ("X has made allegations regarding ...") as its source.
"According to X" and "voices within X express ..." name the source after the cue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .lexicon import TOKEN, ClaimLexicon

# Tokens that end a noun phrase when scanning for a source (besides punctuation).
_BOUNDARY_WORDS = frozenset("""that and but while as because which who whom whose when if since although
though whereas where after before than or nor so yet despite amid amidst even""".split())
_PUNCT_BOUNDARY = frozenset(",;:()[]{}\"“”‘«»—–")
# Between a source and its verb: auxiliaries, negation, adverbs ("has repeatedly", "have unequivocally").
_AUXILIARIES = frozenset("""has have had is are was were be been will would shall should can could may might
must also not never later previously repeatedly again already once publicly privately firmly did does do
has've""".split())
_DETERMINERS = frozenset("""the these those this that his her their its our your my a an such some any
several many""".split())
# Finite verbs that end a noun cue's content ("assertions of having dismantled X are challenged ...").
_CONTENT_END_WORDS = frozenset("""is are was were has have had will would could can may might remains remain
remained persist persists""".split())
# A source never starts with a preposition: "In a Bloomberg interview Trump said" is Trump's.
_PREPOSITIONS = frozenset("""in on at after during for with from by in into over under since before until
about following amid""".split())
_CLOSING_QUOTES = "\"”’'»"
_MAX_SOURCE_TOKENS = 12
_QUOTES = "\"“”‘’'«»"


@dataclass(frozen=True, slots=True)
class Token:
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


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0), m.group(0).lower()) for m in TOKEN.finditer(text, start, end)]


def _is_boundary(tok: Token) -> bool:
    return tok.text in _PUNCT_BOUNDARY or tok.lower in _BOUNDARY_WORDS


def _is_adverb(tok: Token) -> bool:
    return tok.lower.endswith("ly") and tok.lower not in ("italy", "family", "ally", "july")


def _possessive(tok: Token) -> bool:
    return tok.lower.endswith(("'s", "’s")) or (tok.lower.endswith("s") and tok.text.endswith(("'", "’")))


def _np_left(tokens: list[Token], i: int, verbs: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Token range [a, b) of the noun phrase ending at token i - 1 (after skipping auxiliaries).

    None when the scan meets a verb or "to" before a boundary: the words before the cue are then
    the end of another clause ("reluctant to confirm", "poses a broader challenge"), not its subject.
    """
    j = i - 1
    while j >= 0 and (tokens[j].lower in _AUXILIARIES or _is_adverb(tokens[j])):
        j -= 1
    # "Trump, speaking to a veterans group in Virginia, said ...": the source is before the aside
    if j >= 2 and tokens[j].text == ",":
        k = j - 1
        while k >= 0 and tokens[k].text not in ",;:" and j - k <= _MAX_SOURCE_TOKENS:
            k -= 1
        if k >= 1 and tokens[k].text == "," and (tokens[k + 1].lower.endswith("ing")
                                                 or tokens[k + 1].lower in ("who", "which")):
            j = k - 1
        elif k >= 1 and tokens[k].text == "," and tokens[k + 1].lower in ("a", "an", "the") \
                and tokens[k - 1].text[:1].isupper():
            # a name with its description: "Ryan Ellis, a Republican tax consultant, said"
            name = _np_left(tokens, k, verbs)
            if name is not None:
                return name[0], j

    b = j + 1
    if j >= 1 and tokens[j].text == ")":
        k = j
        while k >= 0 and tokens[k].text != "(":
            k -= 1
        j = k - 1 if k > 0 else j
    while j >= 0 and not _is_boundary(tokens[j]) and b - j <= _MAX_SOURCE_TOKENS:
        if tokens[j].lower in _AUXILIARIES or tokens[j].lower in verbs or tokens[j].lower == "to":
            return None
        j -= 1
    a = j + 1
    if a >= b or (j >= 0 and not _is_boundary(tokens[j])):
        return None
    # A name in apposition to a title: "the Secretary of the Security Council of Kyrgyzstan, Marat Imankulov"
    if j >= 1 and tokens[j].text == "," and all(t.text[:1].isupper() for t in tokens[a:b]):
        k = j - 1
        while k >= 0 and not _is_boundary(tokens[k]) and j - k <= _MAX_SOURCE_TOKENS:
            k -= 1
        title = tokens[k + 1:j]
        if len(title) >= 2 and (title[0].lower in _DETERMINERS or title[0].text[:1].isupper()) \
                and title[0].lower not in _PREPOSITIONS \
                and not any(t.lower in _AUXILIARIES or t.lower in verbs for t in title):
            a = k + 1
    while a < b and tokens[a].lower in ("so", "then", "now", "thus", "also"):
        a += 1
    if a < b and tokens[a].lower in _PREPOSITIONS:  # keep the name at the end: "In an interview Trump"
        k = b
        while k > a and (tokens[k - 1].text[:1].isupper() or tokens[k - 1].text == "."):
            k -= 1
        if k == b or k == a:
            return None
        a = k
    return (a, b) if a < b else None


def _np_right(tokens: list[Token], i: int, stop_words: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at token i."""
    j = i
    while j < len(tokens) and not _is_boundary(tokens[j]) and tokens[j].lower not in stop_words \
            and j - i < _MAX_SOURCE_TOKENS:
        j += 1
    return (i, j) if j > i else None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, quotes and closing punctuation from a content span."""
    while start < end and (text[start].isspace() or text[start] in _QUOTES + ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTES + ".,:;!?—–-…"):
        end -= 1
    return start, end


def _after_cue(tokens: list[Token], k: int) -> int:
    """Skip the complementiser and punctuation after a cue: "said that", "said:", "stated, "."""
    while k < len(tokens) and (tokens[k].lower == "that" or tokens[k].text in ",:" or tokens[k].text in _QUOTES):
        k += 1
    return k


def _noun_content_end(text: str, tokens: list[Token], k: int, end: int, lex: ClaimLexicon) -> tuple[int, bool]:
    """End of a cue noun's content: the next clause boundary or finite verb; and whether one was found."""
    dispute = lex.dispute_predicates.find(text, tokens[k].start if k < len(tokens) else end, end)
    stop = dispute[0][0] if dispute else end
    for t in tokens[k:]:
        if t.start >= stop:
            break
        if t.text in ",;:()—" or t.lower in _CONTENT_END_WORDS:
            return t.start, True
    return stop, stop < end


def find_attributions(text: str, start: int, end: int, lex: ClaimLexicon) -> list[Attribution]:
    """Attributions in the sentence ``text[start:end]``, left to right, non-overlapping cues."""
    tokens = tokenize(text, start, end)
    found: list[Attribution] = []
    used: set[int] = set()  # token indexes already part of an attribution's cue or source

    def add(att: Attribution, *token_ranges: tuple[int, int]) -> None:
        found.append(att)
        for a, b in token_ranges:
            used.update(range(a, b))

    # "according to X, ..." / "..., according to X."
    for p_start, p_end, phrase in lex.prepositions.find(text, start, end):
        k = next((n for n, t in enumerate(tokens) if t.start >= p_end), len(tokens))
        np = _np_right(tokens, k)
        if np is None:
            continue
        src_s, src_e = tokens[np[0]].start, tokens[np[1] - 1].end
        if p_start - start < end - src_e:  # cue first: the content follows the source
            c_s, c_e = trim_span(text, src_e, end)
        else:
            c_s, c_e = trim_span(text, start, p_start)
        if c_e > c_s:
            cue_idx = [n for n, t in enumerate(tokens) if p_start <= t.start < p_end]
            add(Attribution(p_start, p_end, lex.preposition_class[phrase], c_s, c_e, src_s, src_e, "preposition"),
                (cue_idx[0], np[1]) if cue_idx else np)

    # "voices within X express ..."
    for p_start, p_end, phrase in lex.phrases.find(text, start, end):
        k = next((n for n, t in enumerate(tokens) if t.start >= p_end), len(tokens))
        verbs = lex.phrase_verbs | frozenset(lex.verb_cues)
        np = _np_right(tokens, k, verbs)
        if np is None or np[1] >= len(tokens) or tokens[np[1]].lower not in verbs:
            continue
        k = _after_cue(tokens, np[1] + 1)
        c_s, c_e = trim_span(text, tokens[k].start if k < len(tokens) else end, end)
        if c_e > c_s:
            add(Attribution(p_start, p_end, lex.phrase_class[phrase], c_s, c_e,
                            tokens[np[0]].start, tokens[np[1] - 1].end, "phrase"), (k - 1, np[1] + 1))

    for i, tok in enumerate(tokens):
        if i in used or (i > 0 and tok.text[:1].isupper()):  # "the United States": a name, not a cue
            continue
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        nominal = (prev is not None and (prev.lower in _DETERMINERS or _possessive(prev)
                                         or prev.lower in lex.unverified.phrases or prev.lower.endswith(("ed", "al")))
                   or (nxt is not None and nxt.lower in ("of", "regarding", "concerning")))  # "reports of ..."
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


def _noun_attribution(text, tokens, i, end, lex):
    """ "X's assertions of C", "X has made allegations regarding C", "reports of C"."""
    k = i + 1
    if k >= len(tokens) or tokens[k].lower not in lex.noun_links:
        return None
    c_end, bounded = _noun_content_end(text, tokens, k + 1, end, lex)
    c_s, c_e = trim_span(text, tokens[k + 1].start if k + 1 < len(tokens) else end, c_end)
    if c_e <= c_s:
        return None
    cls = lex.noun_cues[tokens[i].lower]
    cue = (tokens[i].start, tokens[i].end)
    # the possessor, past adjectives: "the Taliban's (repeated) assertions"
    j = i - 1
    while j >= 0 and not _possessive(tokens[j]) and tokens[j].lower not in _DETERMINERS and j > i - 3 \
            and not _is_boundary(tokens[j]):
        j -= 1
    if j >= 0 and _possessive(tokens[j]):
        np = _np_left(tokens, j + 1, lex.verbs)
        if np is not None:
            src_s = tokens[np[0]].start
            src_e = tokens[j].end - (2 if tokens[j].lower.endswith(("'s", "’s")) else 1)
            # the possessor's own determiner belongs to it; a sentence-level adverb does not
            return (Attribution(*cue, cls, c_s, c_e, src_s, src_e, "noun", embedded=True), [np, (i, i + 1)])
    # the subject of a support verb: "X has made (unsubstantiated) allegations regarding ..."
    j = i - 1
    while j >= 0 and tokens[j].lower not in lex.support_verbs and i - j <= 3 and not _is_boundary(tokens[j]):
        j -= 1
    if j >= 0 and tokens[j].lower in lex.support_verbs:
        np = _np_left(tokens, j, lex.verbs)
        if np is not None:
            return (Attribution(*cue, cls, c_s, c_e, tokens[np[0]].start, tokens[np[1] - 1].end, "support",
                                embedded=bounded), [np, (i, i + 1)])
    # anaphoric "these claims" refer back to an earlier attribution, they do not start one
    if i > 0 and tokens[i - 1].lower in ("these", "those", "such", "this", "the"):
        return None
    return (Attribution(*cue, cls, c_s, c_e, None, None, "noun", embedded=True), [(i, i + 1)])


def _participle_attribution(text, tokens, i, end, lex, found):
    """ "X said ..., adding that ...": a participle after a comma continues the previous source."""
    word, prev = tokens[i].lower, tokens[i - 1] if i > 0 else None
    if not word.endswith("ing") or prev is None or prev.text != ",":
        return None
    earlier = [a for a in found if a.source_start is not None and a.cue_end <= tokens[i].start]
    k = _after_cue(tokens, i + 1)
    if not earlier or k >= len(tokens) or (word in lex.needs_complementiser and tokens[i + 1].lower != "that"):
        return None
    c_s, c_e = trim_span(text, tokens[k].start, end)
    if c_e <= c_s:
        return None
    src = earlier[-1]
    return (Attribution(tokens[i].start, tokens[i].end, lex.verb_cues[word], c_s, c_e, src.source_start,
                        src.source_end, "verb"), [(i, i + 1)])


def _verb_attribution(text, tokens, i, start, end, lex, used):
    cls = lex.verb_cues[tokens[i].lower]
    cue = (tokens[i].start, tokens[i].end)
    word = tokens[i].lower
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    prev = tokens[i - 1] if i > 0 else None
    if word.startswith("claim") and nxt is not None and nxt.lower == "responsibility":
        return None  # a claim of responsibility is an event, not a report
    if nxt is not None and nxt.lower == "by" or prev is not None and prev.lower in ("to", "at", "of", "for"):
        return None  # passive ("are challenged by") or infinitive: not this sentence's attribution
    k = i + 1
    while k < len(tokens) and tokens[k].lower in lex.cue_fillers:
        k += 1
    rest = _after_cue(tokens, k)
    after = tokens[k] if k < len(tokens) else None
    marked = after is not None and (after.lower == "that" or after.text in ",:" or after.text in _QUOTES)
    np = _np_left(tokens, i, lex.verbs)
    if np is not None and any(n in used for n in range(*np)):
        np = None
    if np is not None:
        src = (tokens[np[0]].start, tokens[np[1] - 1].end)
        quoted_before = np[0] > 0 and tokens[np[0] - 1].text in _CLOSING_QUOTES and np[0] >= 2
        if any(t.text[0].isalnum() for t in tokens[rest:]) and not quoted_before:
            if not marked and word in lex.needs_complementiser:
                return None
            c_s, c_e = trim_span(text, tokens[rest].start, end)
        else:  # "“...,” he said."
            c_s, c_e = trim_span(text, start, src[0])
        if c_e <= c_s:
            return None
        return Attribution(*cue, cls, c_s, c_e, *src, "verb"), [np, (i, i + 1)]
    # inverted: "“...,” said the minister."
    if word not in lex.inverted_verbs or prev is None or prev.text not in "," + _QUOTES:
        return None
    right = _np_right(tokens, i + 1)
    if right is None or right[1] - right[0] > 8 or (right[1] < len(tokens) and tokens[right[1]].text not in ",.;"):
        return None
    if right[1] + 1 < len(tokens) and tokens[right[1]].text == "," and tokens[right[1] + 1].lower in ("a", "an", "the"):
        described = _np_right(tokens, right[1] + 1)  # "said Kenneth Baer, a former Obama administration official"
        if described is not None:
            right = (right[0], described[1])
    c_s, c_e = trim_span(text, start, prev.start + (1 if prev.text in _QUOTES else 0))
    if c_e <= c_s:
        return None
    return (Attribution(*cue, cls, c_s, c_e, tokens[right[0]].start, tokens[right[1] - 1].end, "verb"),
            [right, (i, i + 1)])


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
    elif att.content_start > 0 and text[att.content_start - 1] in _OPENING \
            and _quote_close(text, att.content_start - 1, sentences[k][1]) is None:
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


def attributions_by_sentence(text: str, sentences: list[tuple[int, int]], lex: ClaimLexicon
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
