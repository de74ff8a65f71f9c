"""What a claim's cue governs, compared between an assertion and a rejection (issue 16.3).

A rejection is mostly worded apart from what it rejects: "The ministry rejected reports that soldiers
shelled the camp, calling them enemy propaganda" shares its speaker, its cue and its own clauses with no
assertion, so its whole sentence's vector (the propositions' combined similarity) lands far from "Soldiers
shelled the camp on Sunday, residents said". What it rejects is the content its cue governs, as the claims
stage stored it (``content_start``/``content_end``), less the claim noun that names the rejected thing
("reports that", "accusations of", "the claim that": status.yaml ``rejected_things``) and less its
negations ("no artillery fire hit the market": what is rejected is artillery fire hitting the market).

Two claims' governed contents *agree* (``governed_agree``) when their sentence vectors (the linking's
embedder) reach ``governed_similarity`` (disputes.yaml) and they share an argument: a proper name written
in both contents or an actor both sentences name besides their speakers. The other arguments are checked
where every pair is: places, days (``one_story``) and numbers (``other_counts``). No phrase lists beyond
the claim nouns the claims stage already reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ...claims.lexicon import load_lexicon
from ...nlp.dates import WEEKDAYS
from ...nlp.months import MONTHS
from ..embeddings import Embedder

# A proper word: capitalised, three letters or more ("Geneina", "M23" is kept by its digits below).
_PROPER = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]{2,}|[A-Z]+\d+\w*)")
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor)\b|n['’]t\b", re.IGNORECASE)
# "<claim noun> that ..." / "<claim noun> of ...": what follows is the claim the noun names
_LINKS = ("that", "of", "about")


def _things() -> frozenset[str]:
    return load_lexicon("en").status.rejected_things


def governed_text(claim: dict, things: frozenset[str] | None = None) -> tuple[str, bool]:
    """(the proposition a claim's cue governs, whether it opens the claim's sentence): its stored content
    (its sentence where the offsets are missing), from the first claim noun followed by "that"/"of"/"about"
    on ("rejected reports that X", "described as baseless the claim that X": X), without negation words."""
    text = claim.get("text") or ""
    start, cs, ce = claim.get("start"), claim.get("content_start"), claim.get("content_end")
    content, opens = text, True
    if start is not None and cs is not None and ce is not None and start <= cs < ce <= start + len(text):
        content, opens = text[cs - start : ce - start], not text[: cs - start].strip()
    words = content.split()
    things = _things() if things is None else things
    for i, w in enumerate(words[:-2]):
        if w.lower().strip("'’\"“”,") in things and words[i + 1].lower() in _LINKS:
            content, opens = " ".join(words[i + 2 :]), False
            break
    return " ".join(_NEGATION.sub(" ", content).split()).rstrip(" .;:!?"), opens


def arguments(claim: dict, governed: str, opens: bool) -> frozenset[str]:
    """The names a claim's governed content writes, each a run of capitalised words lower-cased and joined
    by spaces, possessive dropped ("Kurar Mota", "Lower Kurram"; not its first word where it opens the
    sentence, which capitalises any word; not a weekday or month, which ``one_story`` compares as days),
    and the actors its sentence names besides its speaker (``actors``: "actor:" and the actor's id)."""
    names, run, last = set(), [], -1
    for m in _PROPER.finditer(governed):
        word = m.group(1).lower().removesuffix("'s").removesuffix("’s")
        if (opens and m.start() == 0) or word in WEEKDAYS or word in MONTHS:
            continue
        if run and governed[last : m.start()].strip():  # another word between: a new name
            names.add(" ".join(run))
            run = []
        run.append(word)
        last = m.end()
    if run:
        names.add(" ".join(run))
    return frozenset(names) | frozenset(f"actor:{a}" for a in claim.get("actors") or ())


def _share(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two claims' arguments hold one: an actor both name, or a name whose words are all words of
    a name of the other ("Culkin" and "Macaulay Culkin"; not "New York" and "New Jersey")."""
    if {x for x in a if x.startswith("actor:")} & b:
        return True
    split = lambda names: [frozenset(n.split()) for n in names if not n.startswith("actor:")]  # noqa: E731
    return any(x <= y or y <= x for x in split(a) for y in split(b))


class GovernedVectors:
    """Each claim's governed content, its arguments and its sentence vector, worked out once per run."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        self._things = _things()
        self._rows: dict[str, tuple[np.ndarray, frozenset[str]]] = {}

    def read(self, claims: Sequence[dict]) -> None:
        fresh = [c for c in claims if c["claim_id"] not in self._rows]
        if not fresh:
            return
        read = [governed_text(c, self._things) for c in fresh]
        vectors = self.embedder.encode([t for t, _ in read])
        for c, (t, opens), v in zip(fresh, read, vectors, strict=True):
            self._rows[c["claim_id"]] = (v, arguments(c, t, opens))

    @classmethod
    def of_store(cls, store) -> GovernedVectors:
        """Vectors of the embedder the store's propositions were made with (fast where none or several)."""
        modes = store.propositions.modes()
        return cls(Embedder(next(iter(modes)) if len(modes) == 1 else "fast"))

    def similarity(self, a: dict, b: dict) -> float:
        return float(self._rows[a["claim_id"]][0] @ self._rows[b["claim_id"]][0])

    def agree(self, a: dict, b: dict, threshold: float) -> bool:
        """``governed_agree`` of two claims read before."""
        (va, xa), (vb, xb) = self._rows[a["claim_id"]], self._rows[b["claim_id"]]
        return governed_agree(va, xa, vb, xb, threshold)


def governed_agree(
    va: np.ndarray, args_a: frozenset[str], vb: np.ndarray, args_b: frozenset[str], threshold: float
) -> bool:
    """Whether two governed contents say one thing of one argument: similar enough, and a shared name or
    actor (a bare "the camp was shelled" against "soldiers shelled the camp" in another story says nothing)."""
    return float(va @ vb) >= threshold and _share(args_a, args_b)
