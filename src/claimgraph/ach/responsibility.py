"""Who did it: ratings for responsibility hypotheses ("X carried out the raid", "X is behind ...") from
the doer each claim names, and whether a claim is about the board's incident at all.

A hypothesis "<doer> <verb> <incident>" gives a ``Doer``: the words that tell its doer from the others
(less generic words: "Russian forces" vs "Ukrainian forces" differ by "Russian"), its ontology actor
ids (aliases: "ISKP" is "Islamic State Khorasan Province") and the places its incident names. A claim
gives ``Reading``s: a doer's own claim ("X claimed responsibility", "X said its fighters attacked"), a
firm attribution ("was carried out by X", "X stormed the hotel", "the attackers were X"), an accusation
or a hedged one ("blamed X", "police suspect X"), a doer's own denial ("X denied any role") and a
third party ruling a doer out ("not the work of Y", "Y was not involved"). Ratings (docs/ach.md):
own claim or firm attribution CC, accusation or hedge C (also when the speaker is itself a rival
doer: an interested party's attribution), a rival doer named I, ruled out I, and a doer's own denial N
for every hypothesis: a guilty and an innocent party both deny, so the denial is about as likely
under every hypothesis (Heuer's low diagnosticity). The words are data (data/ach/responsibility.yaml).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..yamlfiles import load_yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_CLAUSE = re.compile(
    r"[,;:()—]|\b(?:that|said|says|say|told|found|concluded|reported|when|after|before|but|while|so)\b"
)
_OBJECT_END = re.compile(r"[,;:.()—]|\b(?:for|who|which|that|when|after|before|but|and said|in|at|near|on|during)\b")
_NEGATED_AFTER = re.compile(r"^\s+(?:no|none|nothing)\b")
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|n't)\s+(?:\w+\s+)?$")
_COPULA = re.compile(
    r"\b(?:attackers|gunmen|assailants|perpetrators|killers|kidnappers|culprits|raiders)\s+(?:were|was)\s+"
)


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Words:
    hypothesis_verbs: re.Pattern
    act_verbs: re.Pattern
    agent_cues: re.Pattern
    blame_before: re.Pattern
    own_claim: re.Pattern
    own_act: re.Pattern
    reporting: re.Pattern
    denial: re.Pattern
    not_before: re.Pattern
    not_after: re.Pattern
    hedges: frozenset[str]
    generic: frozenset[str]
    doer_negators: frozenset[str]
    other_incident: re.Pattern
    place: re.Pattern
    not_places: frozenset[str]
    rejected_clause: re.Pattern
    negated_subject: re.Pattern
    subject_stopwords: frozenset[str]
    anchor_words: int


@functools.cache
def load_words(path: Path = DATA_DIR / "ach" / "responsibility.yaml") -> Words:
    d = load_yaml(path.read_text(encoding="utf-8"))
    frames = load_yaml((DATA_DIR / "events" / "sources.yaml").read_text(encoding="utf-8"))
    flags = re.IGNORECASE
    acts = _alt([*d["act_verbs"], *frames["own_act"]])
    saying = _alt([*frames["reporting"], *d["own_claim_words"]])
    return Words(
        hypothesis_verbs=re.compile(rf"\s+(?:{_alt(d['hypothesis_verbs'])})\b", flags),
        act_verbs=re.compile(rf"\b(?:{acts})\b", flags),
        agent_cues=re.compile(rf"\b(?:{_alt([*d['agent_cues'], *frames['agent_cues']])})\s+", flags),
        blame_before=re.compile(rf"\b(?:{_alt(frames['blame_before'])})\s+", flags),
        own_claim=re.compile(
            rf"\b(?:{_alt([*d['own_claim_words'], *frames['claim_verbs']])})\s+(?:{_alt(d['claimed_objects'])})\b",
            flags,
        ),
        own_act=re.compile(
            rf"\b(?:{saying})\b[^.;]{{0,40}}?\b(?:that\s+)?(?:{_alt(d['own_pronouns'])})\s+(?:[\w'’-]+\s+){{0,2}}?(?:had\s+|have\s+|has\s+)?(?:{acts})\b",
            flags,
        ),
        reporting=re.compile(rf"\b(?:{_alt([*frames['reporting'], *d['denial_verbs'], 'condemned'])})\b", flags),
        denial=re.compile(rf"\b(?:{_alt(d['denial_verbs'])})\b", flags),
        not_before=re.compile(rf"\b(?:{_alt(d['not_doer_before'])})\s+", flags),
        not_after=re.compile(rf"\s+(?:{_alt(d['not_doer_after'])})\b", flags),
        hedges=frozenset(d["hedges"]),
        generic=frozenset(d["generic_words"]),
        doer_negators=frozenset(d["doer_negators"]),
        other_incident=re.compile(
            rf"\b(?:{'|'.join([_alt(d['other_incident_cues']), *d.get('other_incident_patterns', [])])})", flags
        ),
        place=re.compile(
            rf"\b(?i:{_alt(d['place_prepositions'])})\s+(?:the\s+)?((?:[A-Z][\w'’-]+)(?:\s+(?:(?:al|el)-)?[A-Z][\w'’-]+)*)"
        ),
        not_places=frozenset(d["not_places"]),
        rejected_clause=re.compile(
            rf"\b(?:{_alt(d['denial_verbs'])})\b[^.;]{{0,60}}?\bthat\b(.*?)(?:{_alt(d['rejected_clause_ends'])}|$)",
            flags,
        ),
        negated_subject=re.compile(
            rf"\b(?:{_alt(d['subject_negators'])})\s+(?:[\w'’-]+\s+){{0,3}}?"
            r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?$",
            flags,
        ),
        subject_stopwords=frozenset(d["subject_stopwords"]),
        anchor_words=int(d["anchor_words"]),
    )


def _key(word: str) -> str:
    """A word's comparable form: "Russia"/"Russian", "Houthi"/"Houthis", "gang"/"gangs" meet."""
    w = re.sub(r"['’]s$", "", word.lower())
    return w[:6] if len(w) >= 6 else w.rstrip("s") or w


@dataclass(frozen=True)
class Doer:
    """A responsibility hypothesis's doer and incident."""

    phrase: str
    keys: frozenset[str]
    actors: frozenset[str]
    places: frozenset[str]
    incident: frozenset[str]  # the keys of the words naming what was done ("ambush", "convoy")


@dataclass(frozen=True)
class Reading:
    """A doer a claim names and how: own (its own claim), firm, hedged, denial (its own), ruled_out."""

    span: str
    kind: str


def _ontology():
    from ..entities.ontology import load_cached

    return load_cached()


@functools.cache
def _actors(span: str) -> frozenset[str]:
    """Ontology ids of the names in ``span`` (every run of 1-5 words), ancestors included, so that
    "ISKP" meets "Islamic State Khorasan Province" and "Islamic State" its provinces."""
    ontology, words = _ontology(), _WORD.findall(span)
    out: set[str] = set()
    for n in range(1, 6):
        for i in range(len(words) - n + 1):
            surface = " ".join(words[i : i + n])
            for actor in ontology.lookup_exact(surface) or ontology.lookup(surface):
                out.add(actor.id)
    return frozenset(out)


def _doer_keys(span: str, words: Words) -> frozenset[str]:
    keys, negated = set(), False
    for w in _WORD.findall(span):
        low = w.lower()
        if low in words.doer_negators:
            negated = True
        elif not negated and low not in words.generic:
            keys.add(_key(low))
    return frozenset(keys)


def hypothesis_doer(text: str, words: Words | None = None) -> Doer | None:
    """The doer of a "who did it" hypothesis, or None for a hypothesis of another kind."""
    words = words or load_words()
    m = words.hypothesis_verbs.search(text)
    if not m or m.start() == 0:
        return None
    phrase = text[: m.start()].strip()
    keys = _doer_keys(phrase, words) | _acronym(phrase)
    if not keys:
        return None
    rest = text[m.end() :]
    named = frozenset(p.lower() for p in places(rest, words))
    incident = _doer_keys(rest, words) - {_key(w) for p in named for w in p.split()}
    return Doer(phrase, keys, _actors(phrase), named, incident)


def incident_doers(hypotheses: list[str], texts: list[str], words: Words | None = None) -> list[Doer | None]:
    """Per hypothesis its ``Doer`` (``hypothesis_doer``) or, for a hypothesis of another kind that
    names places ("soldiers shot dead unarmed men in Nuevo Laredo"), a doer-less one holding only
    those places, so that a claim about another place is told apart on every board; the places of
    the incident from ``texts`` where no hypothesis names one (``with_incident_places``)."""
    words = words or load_words()
    doers = []
    for h in hypotheses:
        doer = hypothesis_doer(h, words)
        if doer is None:
            named = frozenset(p.lower() for p in places(h, words))
            doer = Doer("", frozenset(), frozenset(), named, frozenset()) if named else None
        doers.append(doer)
    return with_incident_places(texts, doers, words, subject_keys(hypotheses, doers, words))


def _leaf_actors(actors: frozenset[str]) -> frozenset[str]:
    """``actors`` less those that are an ancestor of another one in the set ("islamic-state" beside
    "is-sahel"): two provinces of one movement share the ancestor but are rival doers."""
    ontology = _ontology()
    above = {a.id for actor in actors for a in ontology.ancestors(actor)}
    return frozenset(actors - above)


def same_doer(a: Doer, b: Doer) -> bool:
    """Whether two hypotheses name one doer ("The junta air force" and "The junta", "M23 rebels" and
    "M23 fought other armed groups"): the words of one are all in the other, or they share an
    ontology actor below any common ancestor."""
    return a.keys <= b.keys or b.keys <= a.keys or bool(_leaf_actors(a.actors) & _leaf_actors(b.actors))


def rival_doers(doers: list[Doer | None]) -> list[Doer | None]:
    """``doers`` with None for every hypothesis whose doer another hypothesis names too: naming that
    doer cannot tell those hypotheses apart (they differ in what was done: the target, the harm), so
    the doer a claim names rates only the hypotheses of other doers, and the rest is left to the
    content rules (directions.yaml)."""
    out = [d if d is not None and d.keys else None for d in doers]  # a place-only one names no doer
    for i, a in enumerate(doers):
        for j in range(i + 1, len(doers)):
            b = doers[j]
            if out[i] is not None and out[j] is not None and same_doer(a, b):
                out[i] = out[j] = None
    return out


def doer_groups(doers: list[Doer | None]) -> list[int | None]:
    """Per hypothesis the index of its doer's group (hypotheses naming one doer, ``same_doer``, share
    one), None for a hypothesis naming no doer."""
    groups: list[int | None] = []
    firsts: list[Doer] = []
    for d in doers:
        if d is None or not d.keys:
            groups.append(None)
            continue
        g = next((k for k, first in enumerate(firsts) if same_doer(first, d)), None)
        if g is None:
            g = len(firsts)
            firsts.append(d)
        groups.append(g)
    return groups


def rate_by_group(text: str, doers: list[Doer | None], words: Words | None = None) -> list | None:
    """``rate`` on a board where some hypotheses share their doer ("the army shelled a school" / "the
    army shelled a base" / "rebels shelled the school"): the doers are rated one per group, and each
    hypothesis takes its group's cell when it is alone in it, or when its group's doer is named
    against (another doer, ruled out: I); otherwise None, and its content decides. None when fewer
    than two doers or the claim names none."""
    groups = doer_groups(doers)
    firsts = [doers[groups.index(g)] for g in sorted({g for g in groups if g is not None})]
    if len(firsts) < 2:
        return None
    cells = rate(text, firsts, words)
    if cells is None:
        return None
    out = []
    for g in groups:
        if g is None:
            out.append(None)
        elif groups.count(g) == 1 or cells[g][0] in ("I", "II"):
            out.append(cells[g])
        else:
            out.append(None)
    return out


def with_incident_places(
    texts: list[str], doers: list[Doer | None], words: Words | None = None, subject: frozenset[str] = frozenset()
) -> list[Doer | None]:
    """``doers`` with the places of their incident where the hypotheses name none ("carried out the
    ambush"): the places of the claims that name one of the doers as the doer and the act the
    hypotheses name ("claimed the ambush on a convoy near Banibangou"); where none does (one doer in
    every hypothesis: naming it tells no hypothesis apart), those of the claims that share at least
    ``anchor_words`` of the hypotheses' ``subject`` words ("a school", "civilians", "a training camp").
    Unchanged when the hypotheses name a place or no claim qualifies."""
    words = words or load_words()
    if not any(doers) or any(d.places for d in doers if d is not None):
        return doers
    acts = frozenset().union(*(d.incident for d in doers if d is not None))
    rivals = rival_doers(doers)  # one doer in every hypothesis: naming it tells no incident apart
    found: set[str] = set()
    for text in texts if any(rivals) else ():
        cells = rate(text, rivals, words)
        if not cells or not any(r in ("CC", "C") for r, _ in cells):
            continue
        if acts & {_key(w) for w in _WORD.findall(text)}:
            found |= {p.lower() for p in places(text, words) if not _names_doer(p, doers, words)}
    if not found and subject:
        for text in texts:
            if len(subject & text_keys(text)) >= words.anchor_words:
                found |= {p.lower() for p in places(text, words) if not _names_doer(p, doers, words)}
        # a place named beside one of these is the incident's area ("the village school in the
        # district"): one round, so that a chain of sentences cannot walk to another town
        beside = set()
        for text in texts:
            low = text.lower()
            if any(re.search(rf"\b{re.escape(p)}\b", low) for p in found):
                beside |= {p.lower() for p in places(text, words) if not _names_doer(p, doers, words)}
        found |= beside
    if not found:
        return doers
    return [dataclasses.replace(d, places=frozenset(found)) if d is not None else None for d in doers]


def text_keys(text: str) -> frozenset[str]:
    """The comparable forms (``_key``) of the words of ``text``."""
    return frozenset(_key(w) for w in _WORD.findall(text))


def subject_keys(hypotheses: list[str], doers: list[Doer | None], words: Words | None = None) -> frozenset[str]:
    """The words that say what the hypotheses are about, as ``_key`` forms: their words less their
    doers' (shared by every claim about the doer, whatever it did), the generic words, the act verbs
    ("struck", "killed": every attack has them), country names and ``subject_stopwords``."""
    words = words or load_words()
    doer_keys = frozenset().union(*(d.keys for d in doers if d is not None)) if any(doers) else frozenset()
    out = set()
    for h in hypotheses:
        for w in _WORD.findall(h):
            low = w.lower()
            if len(low) < 3 or low in words.generic or low in words.subject_stopwords:
                continue
            if words.act_verbs.fullmatch(low) or words.hypothesis_verbs.fullmatch(" " + low):
                continue
            if w[0].isupper() and _is_country(w):  # a country holds the incident and a hundred others
                continue
            out.add(_key(low))
    return frozenset(out - doer_keys)


def _acronym(phrase: str) -> frozenset[str]:
    """The initials of the longest run of capitalised words ("Rapid Support Forces" -> "rsf", "Islamic
    State Khorasan Province" -> "iskp"): claims name a group by them where the ontology may not."""
    runs, run = [], []
    for w in _WORD.findall(phrase):
        if w[0].isupper() and w.lower() != "the":
            run.append(w)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    best = max(runs, key=len)
    return frozenset({"".join(w[0] for w in best).lower()}) if len(best) >= 2 else frozenset()


def places(text: str, words: Words | None = None) -> list[str]:
    """Capitalised names after a preposition of place ("in Kharkiv", "on the Kalsaka mine"), less
    months, days and countries (a country holds the board's incident as well as others)."""
    words = words or load_words()
    out = []
    for m in words.place.finditer(text):
        name = " ".join(w for w in m.group(1).split() if w.lower() not in words.not_places)
        # an acronym ("from PDF", "of the UN") names an organisation far more often than a place
        if name and not name.isupper() and not _is_country(name):
            out.append(name)
    return out


@functools.cache
def _gazetteer():
    from ..entities.places import Gazetteer

    return Gazetteer.load()  # built on each call: once per process here


@functools.cache
def _is_country(name: str) -> bool:
    return any(p.id.startswith("country:") for p in _gazetteer().candidates(name))


def other_incident(text: str, doers: list[Doer | None], words: Words | None = None) -> str | None:
    """Why ``text`` tells of another incident than the one the board's hypotheses name (None: it may
    be the board's): it names a place of none of the hypotheses and none of theirs, or it says it is
    another attack ("in a separate attack", "last month", "since 2021") and names another place or
    none of theirs. Only on a board whose responsibility hypotheses name the incident's place."""
    words = words or load_words()
    incident = frozenset().union(*(d.places for d in doers if d is not None)) if any(doers) else frozenset()
    if not incident:
        return None
    low = text.lower()
    names_incident = any(re.search(rf"\b{re.escape(p)}\b", low) for p in incident)
    elsewhere = [p for p in places(text, words) if p.lower() not in incident and not _names_doer(p, doers, words)]
    cue = words.other_incident.search(text)
    if elsewhere and not names_incident:
        return f"about another place ({', '.join(elsewhere)}), not the hypotheses' {', '.join(sorted(incident))}"
    if cue and (elsewhere or not names_incident):
        return f"about another incident ('{cue.group(0)}')"
    return None


def names_incident(text: str, doers: list[Doer | None]) -> bool:
    """Whether ``text`` names the place of the board's incident."""
    low = text.lower()
    return any(re.search(rf"\b{re.escape(p)}\b", low) for d in doers if d for p in d.places)


def _names_doer(name: str, doers: list[Doer | None], words: Words) -> bool:
    keys, actors = _doer_keys(name, words), _actors(name)
    return any(d is not None and (keys & d.keys or actors & d.actors) for d in doers)


def _subject(text: str, end: int) -> str:
    """The words before ``end`` back to the clause's start (at most 8)."""
    before = text[:end]
    cut = max((m.end() for m in _CLAUSE.finditer(before)), default=0)
    return " ".join(before[cut:].split()[-8:])


def _object(text: str, start: int) -> str:
    """The words from ``start`` to the end of the noun phrase (at most 8)."""
    after = text[start:]
    m = _OBJECT_END.search(after)
    return " ".join(after[: m.start() if m else len(after)].split()[:8])


def _speaker(text: str, words: Words) -> str:
    m = words.reporting.search(text)
    return " ".join(text[: m.start()].split()[-8:]) if m else ""


def readings(text: str, words: Words | None = None) -> list[Reading]:
    """The doers ``text`` names, each with how it names it."""
    words = words or load_words()
    hedged = any(w.lower() in words.hedges for w in _WORD.findall(text))
    firm = "hedged" if hedged else "firm"
    out: list[Reading] = []
    rejected = [m.span(1) for m in words.rejected_clause.finditer(text)]
    for m in words.own_claim.finditer(text):
        if not _NEGATED_BEFORE.search(text[: m.start()]):
            out.append(Reading(_subject(text, m.start()), "own"))
    for m in words.own_act.finditer(text):
        before_verb = text[: m.end()].rsplit(" ", 1)[0] + " "
        negated = _NEGATED_AFTER.match(text[m.end() :]) or _NEGATED_BEFORE.search(before_verb)
        out.append(Reading(_speaker(text, words) or _subject(text, m.start()), "denial" if negated else "own"))
    for m in words.denial.finditer(text):
        subject = _subject(text, m.start())
        if not subject or subject.lower().endswith(" and"):  # "X said ... and denied": X's denial
            subject = _speaker(text, words)
        out.append(Reading(subject, "denial"))
    for m in words.agent_cues.finditer(text):
        before = text[: m.start()]
        if words.negated_subject.search(before):  # "No civilian was killed by X": X ruled out
            out.append(Reading(_object(text, m.end()), "ruled_out"))
        elif not _NEGATED_BEFORE.search(before):
            out.append(Reading(_object(text, m.end()), firm))
    for m in _COPULA.finditer(text):
        out.append(Reading(_object(text, m.end()), firm))
    for m in words.blame_before.finditer(text):
        out.append(Reading(_object(text, m.end()), "hedged"))
    for m in words.not_before.finditer(text):
        out.append(Reading(_object(text, m.end()), "ruled_out"))
    for m in words.not_after.finditer(text):
        out.append(Reading(_subject(text, m.start()), "ruled_out"))
    for m in words.act_verbs.finditer(text):
        span = _subject(text, m.start())
        passive = re.search(r"\b(?:was|were|been|be)\s*$", span)  # "was killed": the victim, not the doer
        if span and not passive and not _NEGATED_BEFORE.search(text[: m.start()]):
            out.append(Reading(span, firm))
    return [_in_rejected(r, text, rejected) for r in out if r.span]


def _in_rejected(reading: Reading, text: str, rejected: list[tuple[int, int]]) -> Reading:
    """A doer named inside a denied "that" clause is ruled out ("denied that soldiers killed civilians":
    the soldiers are not named as the doers), and a doer's own act there is its denial."""
    if reading.kind not in ("firm", "hedged", "own"):
        return reading
    at = text.find(reading.span)
    if not any(start <= at < end for start, end in rejected):
        return reading
    return dataclasses.replace(reading, kind="denial" if reading.kind == "own" else "ruled_out")


def _which(span: str, doers: list[Doer | None], words: Words) -> int | None:
    """The hypothesis whose doer ``span`` names (most shared words, an actor id counting 2); None
    when it names none or two alike."""
    keys, actors = _doer_keys(span, words), _actors(span)
    scores = [(len(keys & d.keys) + 2 * len(actors & d.actors)) if d is not None else 0 for d in doers]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


def rate(text: str, doers: list[Doer | None], words: Words | None = None) -> list[tuple[str, str]] | None:
    """(rating, reason) per hypothesis from the doers ``text`` names, or None when it names none of the
    board's (the caller's other rules decide)."""
    words = words or load_words()
    found: dict[int, list[Reading]] = {}
    for r in readings(text, words):
        j = _which(r.span, doers, words)
        if j is not None:
            found.setdefault(j, []).append(r)
    if not found:
        return None
    speaker = _which(_speaker(text, words), doers, words) if _speaker(text, words) else None
    # a sentence that rules a doer out names it again only inside what it rules out ("No civilian was
    # killed by X during the operation X conducted"): the ruling out stands, not a firm naming
    for j, rs in found.items():
        if any(r.kind == "ruled_out" for r in rs):
            found[j] = [r for r in rs if r.kind not in ("firm", "hedged")]
    denied = {j for j, rs in found.items() if any(r.kind == "denial" for r in rs)}
    affirmed: dict[int, tuple[str, str]] = {}
    for j, rs in found.items():
        kinds = {r.kind for r in rs}
        if j in denied and kinds & {"own", "denial"} and not kinds & {"firm", "hedged"} - {"denial"}:
            continue  # its own word for and against itself: a denial
        if "own" in kinds and j not in denied:
            affirmed[j] = ("CC", f"{doers[j].phrase}'s own claim of responsibility")
        elif "firm" in kinds:
            party = speaker is not None and speaker != j
            affirmed[j] = (
                ("C", f"a rival doer names {doers[j].phrase} as the doer")
                if party
                else ("CC", f"names {doers[j].phrase} as the doer without a hedge")
            )
        elif "hedged" in kinds:
            affirmed[j] = ("C", f"an accusation or a hedged attribution to {doers[j].phrase}")
    ruled_out = {j for j, rs in found.items() if any(r.kind == "ruled_out" for r in rs) and j not in affirmed}
    if not affirmed and not ruled_out and not denied:
        return None
    out = []
    for j, doer in enumerate(doers):
        if j in affirmed:
            out.append(affirmed[j])
        elif j in ruled_out:
            out.append(("I", f"rules out {doer.phrase if doer else 'this doer'}"))
        elif affirmed:
            names = ", ".join(doers[k].phrase for k in affirmed)
            out.append(("I", f"names another doer of the incident ({names})"))
        elif j in denied:
            out.append(("N", f"{doer.phrase}'s own denial: a guilty and an innocent party both deny"))
        else:
            out.append(("N", "names no doer of this hypothesis"))
    return out
