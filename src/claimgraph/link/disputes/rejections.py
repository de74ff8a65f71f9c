"""What a rejection rejects: the slot values of the proposition a speaker denies (issue 16.3).

"The group denied that its commander was killed" gives no value as the words run (the commander's
"killed" is what is denied), so a fact dispute had one side only. Read over the dependency parse, a
rejection names the value it rejects: a value word governed by the claim's cue ("denied", "rejected",
"dismissed reports of") or by whatever the claims stage read the rejection from ("reports that X is
dead are false, the army said") is that value denied ("not:dead"), said of the name nearest it. So an
assertion of a value and its rejection by another voice meet as any two exclusive values do
(``facts.fact_values``).

What the parse decides, none of it a phrase list:

- only a value inside the cue's subtree is rejected; one reached through a coordination ("denied the
  reports and said he is alive") is the speaker's own assertion, given as it is;
- for a slot of fates (``fate`` in the slots file: life status), an active verb with an object ("denied
  killing the elder", "denied that officers abducted him") rejects an act, who did it, not the fate
  of its object: no value;
- a value said of a pronoun ("denied he was arrested", "denied it was behind"), or of no one but the
  speaker ("denied carrying out the attack", "denied responsibility for") is the named speaker's.

Without spaCy (fast installs without the events extra) a rejection gives no value, as before.

The claims stage reads each rejection so in its worker (``with_rejections``, after ``extract_claims``)
and the store keeps what it gives (``Claim.rejected_values``, migration 016): the workers hold the
parser already in most runs (the status step parses falsity spans), while the linking process would
load it (~1 s) for one rejection. Claims of a store made before are read here at link time, as before.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from collections.abc import Sequence

from ...events.parse import PARSE, parser_installed, shadow_sentence, shared_parser
from ...model import Document, RejectedValue

# the dependency labels of a word's subject, passive subject and object (spaCy's English scheme)
_PASSIVE = frozenset({"nsubjpass", "auxpass"})
_OBJECT = frozenset({"dobj", "obj"})
_PRONOUN_OF = frozenset({"poss", "nsubj", "nsubjpass"})


@functools.lru_cache(maxsize=512)
def _parse(text: str):
    """The tagged and parsed doc of ``text`` as ``events.parse.parse_spans(text, [(0, len(text))])`` makes
    it (the shared pipeline; its tok2vec, tagger and parser run, in order, on a batch of one doc), made
    apart from the one document's parses ``parse_spans`` keeps: a rejection read inside a worker's claims
    stage must not drop the parses the document's other stages share."""
    parser = shared_parser()
    doc = parser.make_doc(shadow_sentence(text))
    wanted = {"tok2vec", *PARSE}
    for name in parser.pipe_names:
        if name in wanted:
            doc = next(iter(parser.get_pipe(name).pipe([doc])))
    return doc


def with_rejections(doc: Document, config=None) -> Document:
    """``doc`` with the values each of its rejecting claims gives (``Claim.rejected_values``: a claim of a
    status ``config.deny_statuses`` names; ``rejected_values`` as ``facts.claim_values`` asks for them),
    so that the disputes step reads them from the store instead of parsing. Other claims keep None."""
    from .facts import NOT, _masked, _slots_of, holder, is_counted, load_slots  # facts reads this module

    config = config or _config()
    if not any(c.status in config.deny_statuses for c in doc.claims):
        return doc
    slots, claims = load_slots(), []
    for c in doc.claims:
        if c.status in config.deny_statuses:
            row = {
                "text": c.text,
                "start": c.start,
                "speaker_start": c.speaker_start,
                "speaker_end": c.speaker_end,
                "cue": c.cue,
                "quantities": c.quantities,
            }
            found = rejected_values(
                row, _slots_of(slots, is_counted(row)), config, negated=NOT, holder=holder, masked=_masked
            )
            values = tuple(RejectedValue(s.name, v, m, who[0], tuple(sorted(who[1]))) for s, v, m, who in found)
            c = dataclasses.replace(c, rejected_values=values)
        claims.append(c)
    return doc.replace(claims=tuple(claims))


@functools.cache
def _config():
    """The dispute settings (package data), read once per worker."""
    from .config import load_config

    return load_config()


def _head_in(doc, span: tuple[int, int]):
    """The token of ``doc`` heading the characters ``span`` (a phrase's head: its token whose head lies
    outside it), None where no token starts inside it."""
    toks = [t for t in doc if span[0] <= t.idx < span[1]]
    if not toks:
        return None
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])


def _cue_token(doc, text: str, cue: str | None, speaker: tuple[int, int] | None):
    """The token the claims stage read the claim from: its cue's head where the cue is written in the
    claim (outside its speaker), else the sentence's root."""
    if cue:
        for m in re.finditer(re.escape(cue.strip()), text, re.IGNORECASE):
            if speaker is None or not speaker[0] <= m.start() < speaker[1]:
                tok = _head_in(doc, m.span())
                if tok is not None:
                    return tok
    return next((t for t in doc if t.dep_ == "ROOT"), doc[0])


def _path(tok, top) -> list | None:
    """The tokens from ``tok`` up to (not including) ``top``; None when ``top`` does not govern it."""
    path = []
    while tok.i != top.i:
        path.append(tok)
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return path


def _rejects_an_act(tok) -> bool:
    """An active verb with an object ("killing the elder", "officers abducted him"): the rejection is of
    who did it; the object's fate is not what is denied."""
    if not tok.tag_.startswith("VB"):  # the tags (the pipeline's parse runs no attribute ruler: no pos_)
        return False
    deps = {c.dep_ for c in tok.children}
    return not deps & _PASSIVE and bool(deps & _OBJECT)


def _describes(tok) -> bool:
    """A value word modifying a noun ("the abducted boy", "the woman detained in Y"): a description the
    rejection takes as given, not what it rejects (a clause with a subject of its own is no modifier:
    "reports that he was detained")."""
    if tok.dep_ == "amod":
        return True
    return tok.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _noun_mentions(doc, slot, cue) -> list[tuple[str, tuple[int, int]]]:
    """(class, span) of each of the slot's nouns written with a possessor ("Ali's death") or an "of"
    ("the arrest of Ali") and not already one of its phrases ("his death"), or the cue's object (the
    speaker's own: "denied responsibility for")."""
    out = []
    for t in doc:
        cls = slot.nouns.get(t.lower_)
        if cls is None or t.dep_ == "compound":  # "death toll", "arrest warrant"
            continue
        if (
            any(c.dep_ == "poss" and c.tag_ != "PRP$" for c in t.children)
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
            or (t.head.i == cue.i and t.dep_ == "dobj")
        ):
            out.append((cls, (t.idx, t.idx + len(t))))
    return out


def _speakers_own(tok, cue) -> bool:
    """The value is the speaker's own: said of a pronoun, its possessor ("his death") or subject ("he was
    arrested", "it was behind"), or of no one but the speaker (a verb with no subject of its own, "denied
    carrying out", or a noun the cue takes as its object, "denied responsibility for")."""
    near = [tok, *([tok.head] if tok.dep_ in ("acomp", "prep") else [])]
    if any(c.dep_ in _PRONOUN_OF and c.tag_ in ("PRP", "PRP$") for t in near for c in t.children):
        return True
    if tok.head.i == cue.i and tok.dep_ in ("xcomp", "pcomp", "dobj"):
        return not any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in tok.children)
    return False


def rejected_values(c: dict, slots: Sequence, config, *, negated: str, holder, masked) -> list[tuple]:
    """(slot, value, masked text, holder) of each value a rejecting claim gives: ``negated`` + the class
    of a value word its rejection governs, the class itself of one its speaker asserts beside the
    rejection (through a coordination); grouped by the name each is said of as ``facts.claim_values``
    groups (``holder``, ``masked``: its helpers)."""
    text = c.get("text") or ""
    if not parser_installed() or not text.strip():
        return []
    speaker = None
    if c.get("speaker_start") is not None and c.get("start") is not None:
        speaker = (c["speaker_start"] - c["start"], c["speaker_end"] - c["start"])
    words = set(re.findall(r"\w+", text.lower()))
    phrases = [slot.mentions(text) for slot in slots]
    if not any(phrases) and not any(words & slot.nouns.keys() for slot in slots):
        return []  # a parse (~5 ms) only for a rejection that holds a value word
    doc = _parse(text)
    cue = _cue_token(doc, text, c.get("cue"), speaker)
    found_by_slot = [
        (s, sorted(found + _noun_mentions(doc, s, cue), key=lambda f: f[1])) for s, found in zip(slots, phrases)
    ]
    out = []
    for slot, found in found_by_slot:
        groups: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for value, span in found:
            tok = _head_in(doc, span)
            path = _path(tok, cue) if tok is not None else None
            if not path or value.startswith(negated) or (slot.fate and _rejects_an_act(tok)) or _describes(tok):
                continue  # not under the rejection; "denied he was not ..." is no value either
            value = value if any(t.dep_ == "conj" for t in path) else negated + value
            who = None
            if speaker is not None and not slot.tie and _speakers_own(tok, cue):
                who = _speaker_name(text[speaker[0] : speaker[1]])
            if who is None:
                who = holder(text, [span], max_words=config.fact_holder_words, speaker=speaker)
            if who is not None:
                groups[who[0]].append((value, who[1]))
        masked_text = masked(text, [span for _, span in found])
        for name, group in sorted(groups.items()):
            parts = {v for v, _ in group}
            if slot.consistent(parts):
                words_of = frozenset().union(*(w for _, w in group))
                out.append((slot, "+".join(sorted(parts)), masked_text, (name, words_of)))
    return out


def _speaker_name(speaker: str) -> tuple[str, frozenset[str]] | None:
    """The speaker as a name a value can be said of: its capitalised words ("Abubakar Shekau"), none for
    an unnamed or generic speaker ("the group", "officials")."""
    from .facts import name_words  # facts reads rejections: imported when first used

    words = [w for w in re.findall(r"[\w'’-]+", speaker) if w[:1].isupper()]
    bare = name_words(" ".join(words))
    return (" ".join(words), bare) if bare else None
