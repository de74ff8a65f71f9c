"""How firmly a claim is made (epistemic status), on what evidence, and whether it is negated.

Status, strongest first: hypothetical (a conditional: "If there were ..."), denied (a denial cue),
disputed (a dispute cue: the source contests it), reported (attributed to another source), hedged
(may, might, reportedly, "hinting at"), asserted. Evidence: "unverified" when the text calls it so
("unsubstantiated", "lacking empirical backing", "absence of videos"), "cites" when it gives numbers,
a named source or a document/footage, else "unsupported".
"""

from __future__ import annotations

import re

from .lexicon import ClaimLexicon

_CONDITIONAL_OPENERS = re.compile(r"\s*(?:[\"“]\s*)?(?:if|unless|were|had|should|suppose|supposing|assuming|"
                                  r"in the event that|even if)\b", re.IGNORECASE)
_CONDITIONAL_INSIDE = re.compile(r",\s*if\b|\bwould\b[^.]*\bif\b", re.IGNORECASE)
_CUE_STATUS = {"deny": "denied", "dispute": "disputed", "belief": "hedged", "report": "reported"}


def is_conditional(text: str, start: int, end: int) -> bool:
    return bool(_CONDITIONAL_OPENERS.match(text, start, end) or _CONDITIONAL_INSIDE.search(text, start, end))


def hedges(text: str, start: int, end: int, lex: ClaimLexicon) -> tuple[str, ...]:
    # A capitalised "May" inside a sentence is the month ("on 3 May"), not a hedge.
    return tuple(dict.fromkeys(h for s, _, h in lex.hedges.find(text, start, end)
                               if not text[s].isupper() or s == start or text[s - 1] in "\"“‘'"))


def epistemic_status(text: str, sentence: tuple[int, int], content: tuple[int, int], cue_class: str | None,
                     attributed: bool, lex: ClaimLexicon) -> tuple[str, tuple[str, ...]]:
    """(status, hedges found in the content)."""
    found = hedges(text, *content, lex)
    if is_conditional(text, *sentence):
        return "hypothetical", found
    if cue_class in ("deny", "dispute"):
        return _CUE_STATUS[cue_class], found
    if attributed:
        return ("hedged" if cue_class == "belief" else "reported"), found
    if found:
        return "hedged", found
    return "asserted", found


def polarity(text: str, start: int, end: int, cue_class: str | None, lex: ClaimLexicon) -> str:
    negated = bool(lex.negation.find(text, start, end)) or "n't" in text[start:end]
    if cue_class == "deny":
        negated = not negated  # "denied his presence": the source says he was not there
    return "negative" if negated else "positive"


def evidence_grade(text: str, spans: list[tuple[int, int]], *, quantities: int, named_source: bool,
                   lex: ClaimLexicon) -> tuple[str, tuple[str, ...]]:
    """(grade, the cue phrases found) over the given spans (the sentence and any later anaphora)."""
    unverified = [p for s, e in spans for _, _, p in lex.unverified.find(text, s, e)]
    if unverified:
        return "unverified", tuple(dict.fromkeys(unverified))
    cites = [p for s, e in spans for _, _, p in lex.cites.find(text, s, e)]
    if cites or quantities or named_source:
        return "cites", tuple(dict.fromkeys(cites))
    return "unsupported", ()
