"""Rejections by reference, resolved to the claim they answer (issue 16.3).

"The ministry denied the report", "Moscow dismissed it as a provocation", "called the figure exaggerated",
"rejected Kinshasa's accusations": what such a rejection's cue governs names no proposition of its own, so
neither its sentence's vector nor its governed content (``governed.py``) meets the claim it rejects. A reader
resolves the reference: to the nearest earlier claim of the same report by another voice that the reference
noun can stand for (an allegation or a report any claim, a figure a claim giving a number), else, for a noun,
to a claim of another report of the same story that the reference names (its accuser: "Kinshasa's", "the
UN", "by residents"; or its incident: "about Sarmin"), else to one of another report of the same incident.

The words are data (data/models/reference_rejections.yaml); names are matched by their words, a country's
name, demonym or capital standing for its country ("Kinshasa's accusations" and "the Congolese government").
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...nlp.dates import WEEKDAYS
from ...nlp.months import MONTHS
from ...yamlfiles import load_yaml

DATA = Path(__file__).resolve().parents[2] / "data"
LEXICON_PATH = DATA / "models" / "reference_rejections.yaml"
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class Lexicon:
    nouns: dict[str, str]  # noun -> what it stands for: accusation | report | figure
    pronouns: frozenset[str]
    determiners: frozenset[str]
    topic_links: frozenset[str]
    accuser_links: frozenset[str]
    clause_links: frozenset[str]
    clause_after_pronoun: frozenset[str]
    max_before: int


@functools.cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    data = load_yaml(path.read_text(encoding="utf-8"))
    words = lambda key: frozenset(w.lower() for w in data[key])  # noqa: E731
    return Lexicon(
        {w.lower(): kind for kind, nouns in data["nouns"].items() for w in nouns},
        words("pronouns"),
        words("determiners"),
        words("topic_links"),
        words("accuser_links"),
        words("clause_links"),
        words("clause_after_pronoun"),
        int(data["max_words_before_noun"]),
    )


@dataclass(frozen=True)
class Reference:
    """What a rejection refers by: ``kind`` (accusation | report | figure | pronoun) and ``names``, the words
    naming who made the answered claim or what it tells of (lower case, possessive dropped), each of which
    the answered claim must carry."""

    kind: str
    names: tuple[str, ...]
    proper: bool = False  # a name among them is written capitalised: it ties reports of one story by itself


def _bare(word: str) -> str:
    """A word as names are compared: lower case, possessive dropped; an acronym keeps its capitals ("IS",
    "UN": lowered, they would be the words "is" and "un" of any sentence)."""
    word = word.removesuffix("'s").removesuffix("’s").rstrip("'’.,")
    return word if word.isupper() else word.lower()


def _object_text(claim: dict) -> str:
    """What the rejection's cue governs, from right after the cue's first word to the content's end ("rejected
    Kinshasa's accusations on Monday"; "described the allegations regarding Bossangoa as lies", whose cue holds
    the noun): the claims stage's content alone where the cue is not written before it."""
    text, start = claim.get("text") or "", claim.get("start")
    cs, ce, cue = claim.get("content_start"), claim.get("content_end"), (claim.get("cue") or "").strip()
    if start is None or cs is None or ce is None or not start <= cs < ce <= start + len(text):
        return text
    content_from, content_to = cs - start, ce - start
    verb = cue.split()[0] if cue else ""
    at = text.rfind(verb, 0, content_from + 1) if verb else -1
    if at < 0 or not text[content_from:].startswith(text[content_from:content_to]):
        return text[content_from:content_to]
    return text[at + len(verb) : content_to]


def reference_of(claim: dict, lex: Lexicon | None = None) -> Reference | None:
    """The reference a rejection's cue governs, None where it governs a proposition of its own ("denied that
    X", "rejected reports of X") or no reference at all."""
    lex = lex or load_lexicon()
    words = _WORD.findall(_object_text(claim))
    if not words:
        return None
    low = [w.lower().strip(".,") for w in words]
    if low[0] in lex.pronouns:
        clause = len(low) > 1 and (low[1] in lex.clause_after_pronoun or low[1].startswith(("'", "’")))
        return None if clause else Reference("pronoun", ())
    links = lex.topic_links | lex.accuser_links | lex.clause_links
    noun = next((i for i, w in enumerate(low[: lex.max_before + 1]) if _bare(w) in lex.nouns), None)
    if noun is None or any(w in links and w not in lex.determiners for w in low[:noun]):
        return None
    after = low[noun + 1] if noun + 1 < len(low) else None
    if after in lex.clause_links or any(w in ("that", "whether") for w in low[noun + 1 : noun + 9]):
        return None  # "allegations by officials in Gaza that troops opened the dams": a proposition of its own
    names = [w for w in words[:noun] if low[words.index(w)] not in lex.determiners]
    names = [w for w in names if w[:1].isupper() or w.lower().endswith(("'s", "’s"))]
    if after in lex.topic_links | lex.accuser_links:
        for w in words[noun + 2 : noun + 6]:
            if w.lower() in lex.determiners:
                continue
            if w.lower() in links or not w[:1].isalpha() or (after in lex.topic_links and not w[:1].isupper()):
                break  # the name ends: "accusations by residents of Kawuri" names residents
            names.append(w)
    kept = [(_bare(w), w[:1].isupper()) for w in names]
    kept = [(n, up) for n, up in kept if n and n not in WEEKDAYS and n not in MONTHS]
    return Reference(lex.nouns[_bare(words[noun])], tuple(n for n, _ in kept), any(up for _, up in kept))


@functools.cache
def _countries() -> dict[str, str]:
    """A word naming a country (its name's single word, demonym or capital) -> the country's code."""
    out: dict[str, str] = {}
    with (DATA / "places" / "countries.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            for name in (row["name"], row["capital"]):
                if name and " " not in name:
                    out.setdefault(name.lower(), row["alpha2"])
    extra = load_yaml((DATA / "places" / "country_aliases.yaml").read_text(encoding="utf-8"))["countries"]
    for code, names in extra.items():
        for name in (names.get("aliases") or []) + (names.get("demonyms") or []):
            if " " not in name:
                out.setdefault(name.lower(), code)
    return out


def _words(claim: dict) -> tuple[frozenset[str], frozenset[str]]:
    """(a claim's words: its sentence's, its speaker's and its linked speaker's id parts, the countries they
    name)."""
    said = " ".join(str(claim.get(k) or "") for k in ("text", "speaker_text", "speaker_name"))
    actor = [p for p in (claim.get("speaker_actor") or "").split("-") if p]
    words = {_bare(w) for w in _WORD.findall(said)} | set(actor) | {p.upper() for p in actor}
    countries = _countries()
    return frozenset(words), frozenset(countries[w.lower()] for w in words if w.lower() in countries)


def fits(ref: Reference, candidate: dict) -> bool:
    """Whether ``candidate`` can be what ``ref`` stands for: a claim giving a number for a figure, and a claim
    carrying each of the reference's names (a country's by any of its names)."""
    if ref.kind == "figure" and not candidate.get("quantities"):
        return False
    if not ref.names:
        return True
    words, countries = _words(candidate)
    cc = _countries()
    return all(n in words or cc.get(n.lower()) in countries for n in ref.names)


def earlier_in_report(rejection: dict, candidate: dict) -> bool:
    """Whether ``candidate`` is a claim of the rejection's report made before the rejection's sentence."""
    return (
        candidate["doc_id"] == rejection["doc_id"]
        and candidate["start"] is not None
        and rejection["start"] is not None
        and candidate["end"] <= rejection["start"]
    )


def rejections_by_reference(claims: Sequence[dict], statuses: frozenset[str]) -> dict[str, Reference]:
    """claim id -> its reference, of the claims a named or unnamed source (not the author's own sentence, which
    mostly narrates) rejects by reference with a status of ``statuses``."""
    lex = load_lexicon()
    out = {}
    for c in claims:
        if c.get("stance") == "denies" and c["status"] in statuses and c.get("speaker_kind") == "source":
            ref = reference_of(c, lex)
            if ref is not None:
                out[c["claim_id"]] = ref
    return out


def resolve(
    rejection: dict,
    ref: Reference,
    candidates: Sequence[dict],
    other_voice: Callable[[dict, dict], bool],
    same_story: Callable[[dict, dict], bool],
    same_incident: Callable[[dict, dict], bool],
    similarity: Callable[[dict, dict], float],
) -> dict | None:
    """The claim ``rejection`` answers among ``candidates`` (affirming claims of the run): the nearest earlier
    one of its report that another speaker (not the report's author) makes and that fits the reference (a
    pronoun: the nearest earlier one only); else, for a noun, the most similar fitting claim of another report
    of one story that carries the reference's names, or, where none is a proper name, of one incident
    (``same_incident``)."""
    # inside its report, what a rejection answers is another party's claim the report tells, not the report's
    # own narration ("The false report came from a parody site" is the outlet's, which no one there rejects)
    own = [
        c
        for c in candidates
        if earlier_in_report(rejection, c) and c.get("speaker_kind") == "source" and other_voice(rejection, c)
    ]
    if own:
        order = lambda c: (c["end"], c["start"], c.get("speaker_kind") == "source")  # noqa: E731
        if ref.kind == "pronoun":
            nearest = max(own, key=order)
            return nearest if fits(ref, nearest) else None
        fitting = [c for c in own if fits(ref, c)]
        if fitting:
            return max(fitting, key=order)
    if ref.kind == "pronoun":
        return None
    tied = same_story if ref.proper else same_incident  # "the army's claims" names no one story
    others = [
        c
        for c in candidates
        if c["doc_id"] != rejection["doc_id"] and other_voice(rejection, c) and tied(rejection, c) and fits(ref, c)
    ]
    return max(others, key=lambda c: similarity(rejection, c)) if others else None


def answers(denial: dict, claim: dict, statuses: frozenset[str]) -> bool:
    """Whether ``denial`` rejects by reference (a source's rejection with a status of ``statuses``) a claim its
    report made before it that the reference can stand for: what lets one report's accusation and its
    rejection by another party be two voices, whether or not the report names both (``resolve`` chose the
    nearest such claim; a stored dispute read again in a later run is judged by this alone)."""
    if denial.get("speaker_kind") != "source" or denial.get("status") not in statuses:
        return False
    if not earlier_in_report(denial, claim) or claim.get("speaker_kind") != "source":
        return False
    ref = reference_of(denial)
    return ref is not None and fits(ref, claim)
