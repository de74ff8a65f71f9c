"""Actors named by description, for the rule path's roles: "Gunmen stormed ...", "Chadian security
forces fired on ...", "abducted by armed men". The entity stage links known actors ("the Taliban");
news names most perpetrators by what they are, so a phrase headed by an actor noun stands as a
candidate too (actor id None, or the id of the known actor inside it: "Taliban fighters").

The words are data (``data/events/actors.yaml``): the heads, the lower-case modifiers a phrase may
start with, the nouns after a head that make it a modifier ("police station"), the verbs that make
the phrase before a noun trigger its doer ("militants lobbed a grenade") and the verb forms that make
a trigger a verb ("Gunmen kill 14").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

import yaml

from claimgraph.model import Mention
from claimgraph.nlp.pattern_text import word_trie

from ..yamlfiles import load_yaml

# a word a phrase may extend over to the left: a capitalised or hyphenated word ("Chadian", "pro-Kyiv")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|[\w'’]+-[\w'’-]+")
# an organisation's initials: "PKK", "M23", "SPLM-N" (a name an actor gazetteer may not hold)
_ACRONYM = re.compile(r"(?<![\w'’.-])[A-Z][A-Z0-9]{1,5}(?:-[A-Z0-9]{1,3})?(?![\w'’-])")
_CAPS_RUN = re.compile(r"\b[A-Z]{2,}\b")
_ANY_WORD = re.compile(r"\b[^\W\d_]+\b")
_WORD_BEFORE = re.compile(r"([\w'’.-]+)\s+$")
_WORD_AFTER = re.compile(r"\s+([\w'’-]+)")
MAX_MODIFIERS = 4
# words that are capitalised at a sentence's start or in a title but never part of an actor's name
_NEVER_MODIFIER = frozenset(
    "the a an this that these those its their his her our some several many all and or but in at on of "
    "for to from by with after before as when while said says two three four five six seven eight nine ten".split()
)


@dataclass(frozen=True)
class ActorPhrases:
    heads: re.Pattern[str]
    modifiers: frozenset[str]
    compounds: frozenset[str]  # heads and modifiers too: "police officers", "rebel fighters"
    doer_gap: re.Pattern[str]  # the text between a doer and a noun trigger
    verb_forms: frozenset[str]
    not_acronyms: frozenset[str]
    reciprocal_types: frozenset[str]  # event types whose two parties act together (clash, agree, meet)
    state_heads: frozenset[str]  # heads that name a state's force or organ ("Kenyan police")
    intransitive_verbs: frozenset[str]  # past forms with no passive reading ("clashed", "fired at")
    taken_from_types: frozenset[str]  # territorial event types whose actor2 is the party after "from"
    time_words: frozenset[str]  # days and months: never a target phrase ("on Saturday")
    doer_suffixes: frozenset[str]  # "ISWAP-claimed attack": the hyphenated word that makes the name the doer
    backer_participles: frozenset[str] = frozenset()  # "rebels backed by Rwanda": a backer, no by-agent of the act
    backer_before: re.Pattern[str] | None = None  # "with the support of X", "allied X": X a backer or an ally
    backer_after: re.Pattern[str] | None = None  # "US-backed": the name a backer of what follows

    @classmethod
    def load(cls, path=None) -> ActorPhrases:
        path = path if path is not None else files("claimgraph") / "data" / "events" / "actors.yaml"
        try:
            data = load_yaml(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"{path}: cannot read the actor phrases: {exc}") from exc
        keys = (
            "heads",
            "modifiers",
            "compound_nouns",
            "doer_verbs",
            "verb_forms",
            "not_acronyms",
            "reciprocal_types",
            "state_heads",
            "intransitive_verbs",
            "taken_from_types",
            "time_words",
            "doer_suffixes",
        )
        missing = [k for k in keys if not isinstance(data, dict) or not isinstance(data.get(k), list)]
        if missing:
            raise ValueError(f"{path}: expected lists {', '.join(missing)}")
        heads = {w.lower() for w in data["heads"]}
        modifiers = frozenset(w.lower() for w in data["modifiers"])
        single = {w for w in heads | modifiers if " " not in w}
        verbs = _alternation(v.lower() for v in data["doer_verbs"])
        return cls(
            heads=re.compile(rf"(?<![\w'’-])(?:{_alternation(heads)})(?![\w'’-])", re.IGNORECASE),
            modifiers=modifiers,
            compounds=frozenset(w.lower() for w in data["compound_nouns"]) | single,
            # "lobbed a", "have carried out two", "staged a huge", "fired mortars at"
            doer_gap=re.compile(
                rf"^\s*(?:(?:has|have|had|reportedly|allegedly|also|then)\s+)*(?:(?:{verbs})\s+"
                r"(?:(?:at|on|into|toward|towards|against|upon)\s+)?"
                r"(?:(?:a|an|the|its|their|two|three|several|multiple|\d+)\s+)?(?:[\w-]+\s+){0,2}?"
                # "pounded rebel hideouts with artillery": the instrument's user
                r"|[\w-]+\s+(?:[\w'’-]+\s+){0,6}?with\s+(?:(?:a|an|the|heavy|its|their)\s+)?)$",
                re.IGNORECASE,
            ),
            verb_forms=frozenset(w.lower() for w in data["verb_forms"]),
            not_acronyms=frozenset(w.lower() for w in data["not_acronyms"]),
            reciprocal_types=frozenset(data["reciprocal_types"]),
            state_heads=frozenset(w.lower() for w in data["state_heads"]),
            intransitive_verbs=frozenset(w.lower() for w in data["intransitive_verbs"]),
            taken_from_types=frozenset(data["taken_from_types"]),
            time_words=frozenset(w.lower() for w in data["time_words"]),
            doer_suffixes=frozenset(w.lower() for w in data["doer_suffixes"]),
            backer_participles=frozenset(w.lower() for w in data.get("backer_participles", ())),
            backer_before=_backer_before(data.get("backer_phrases", ())),
            backer_after=_backer_after(data.get("backer_participles", ())),
        )

    def names_backer(self, text: str, start: int, end: int) -> bool:
        """Whether the party at ``text[start:end]`` is named as a backer or an ally of the act's doer, not its doer:
        after a backer's phrase ("with the support of the Saudi-led coalition", "allied Wazalendo militias") or
        before a hyphened backer's participle ("US-backed forces")."""
        if self.backer_after is not None and self.backer_after.match(text, end):
            return True
        return self.backer_before is not None and self.backer_before.search(text, max(0, start - 80), start) is not None

    def find(self, text: str, start: int, end: int, known: list[Mention], places: list[Mention]) -> list[Mention]:
        """The actor phrases of ``text[start:end]``, in text order; ``known``: the sentence's linked
        actors (a phrase holding one takes its id, type and name; one it does not hold stands apart);
        ``places``: its places (never an acronym actor)."""
        out = self._phrases(text, start, end, known)
        taken = [(m.start, m.end) for m in (*known, *places, *out)]
        out += self._acronyms(text, start, end, taken)
        return sorted(out, key=lambda m: m.start)

    def _acronyms(self, text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Mention]:
        found = [
            Mention(m.start(), m.end(), m.group(), "Organisation", method="description")
            for m in _ACRONYM.finditer(text, start, end)
            if m.group().lower() not in self.not_acronyms and not any(m.start() < e and m.end() > s for s, e in taken)
        ]
        if found and len(_CAPS_RUN.findall(text, start, end)) * 3 > len(_ANY_WORD.findall(text, start, end)):
            return []  # a line in capitals: its words are no initials
        return found

    def _phrases(self, text: str, start: int, end: int, known: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        for m in self.heads.finditer(text, start, end):
            nxt = _WORD_AFTER.match(text, m.end(), end)
            if nxt is not None and nxt.group(1).lower() in self.compounds:
                continue  # "police station", "rebel fighters": the phrase ends later, or is no actor
            first = self._phrase_start(text, start, m.start())
            phrase = Mention(first, m.end(), text[first : m.end()], "Description")
            inside = [k for k in known if k.start >= first and k.end <= m.end()]
            linked = [k for k in inside if k.actor_id]
            if linked:
                k = linked[-1]
                phrase = Mention(
                    first,
                    m.end(),
                    phrase.text,
                    k.type,
                    actor_id=k.actor_id,
                    actor_name=k.actor_name,
                    actor_type=k.actor_type,
                    method="description",
                )
            elif any(k.start < m.end() and k.end > first for k in known if k not in inside):
                continue  # overlaps a known actor without holding one: the actor stands
            if out and out[-1].end > first:
                out.pop()  # "security forces" over "security": the longer phrase
            out.append(phrase)
        return out

    def _phrase_start(self, text: str, floor: int, head_start: int) -> int:
        first = head_start
        for _ in range(MAX_MODIFIERS):
            m = _WORD_BEFORE.search(text, max(floor, first - 40), first)
            if m is None:
                break
            word = m.group(1)
            low = word.lower()
            if low in _NEVER_MODIFIER or not (
                low in self.modifiers or low in self.compounds or _NAME_WORD.fullmatch(word)
            ):
                break
            if word.endswith("."):  # "U.S." keeps its dot; a word ending a sentence does not
                if not re.fullmatch(r"(?:[A-Z]\.)+", word):
                    break
            first = m.start(1)
        return first

    def is_verb(self, trigger: str) -> bool:
        """A trigger whose first word is a verb form: "kill", "kills", "killed dozens of", "storming"."""
        word = trigger.split()[0].lower() if trigger.strip() else ""
        return word.endswith("ed") or word in self.verb_forms


def _backer_before(phrases) -> re.Pattern[str] | None:
    """A backer's phrase ending right before a party, up to three words (no comma) between. Phrases of several
    words in any case ("With the support of ..."); one word in lower case only (a capitalised "Allied" begins a
    name: the Allied Democratic Forces)."""
    forms = {p.lower() for p in (" ".join(str(x).split()) for x in phrases) if p}
    several, one = [p for p in forms if " " in p], [p for p in forms if " " not in p]
    either = "|".join(x for x in (several and f"(?i:{_alternation(several)})", one and _alternation(one)) if x)
    if not either:
        return None
    return re.compile(rf"(?<![\w'’-])(?:{either})\s+(?:[\w'’.-]+\s+){{0,3}}$")


def _backer_after(participles) -> re.Pattern[str] | None:
    words = [str(w).lower() for w in participles]
    return re.compile(rf"-(?:{_alternation(words)})(?![\w'’-])", re.IGNORECASE) if words else None


def _alternation(phrases) -> str:
    """One trie over the phrases ("militants" tried before "militant", "gang members" before "gang"),
    any run of spaces between words."""
    return word_trie(phrases).replace(r"\ ", r"\s+")


@functools.lru_cache(maxsize=1)
def shipped() -> ActorPhrases:
    """The package's actor phrases, read once per process."""
    return ActorPhrases.load()
