"""Perpetrator values: who a source says carried out an attack, compared as one doer, not as words.

A value is keyed by the ontology actor the entity stage linked, so every alias of one actor is one
value ("Islamic State Khorasan Province", "ISKP"). An actor's own media outlet counts as its parent
("Amaq": the channel of Islamic State's claims, not a doer): its ``parent`` in the ontology. Two
linked values are one account when one actor is the other or one of its ancestors (a province of a
group and the group). A hedge before a name ("suspected", "alleged", "presumed") is no part of it:
"suspected X" and "X" are one doer; an unlinked phrase whose name, its generic last words dropped
("al-Shabaab militants"), is an alias of an ontology actor is that actor. A phrase that names no one
("the group", "gunmen", "a suicide bomber", "the strike") is no value: it is consistent with any name
and cannot oppose one. Any other unlinked phrase
is a value of its own words: a denial's alternative ("the work of criminals") opposes a group's name.
The lexicons are data (data/models/perpetrators.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ...entities.ontology import Ontology, load_cached
from ...errors import ClaimgraphError
from ...events.slots import VIOLENT_GROUPS
from ...yamlfiles import load_yaml

LEXICON_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "perpetrators.yaml"
TEXT = "text:"  # the key of an unlinked value: its words
_ARTICLE = re.compile(r"^(?:the|a|an|its|their|his|her|our|some|several|two|three|unknown|unidentified)\s+", re.I)


@dataclass(frozen=True)
class Lexicon:
    vague: frozenset[str]  # last words of a phrase that names no one
    hedges: frozenset[str] = frozenset()  # words before a name that say how sure, not who
    actor_heads: frozenset[str] = frozenset()  # an unlinked phrase holding none of these is no doer
    self_reference: frozenset[str] = frozenset()  # "it", "its", "we": a speaker naming itself
    unnamed: frozenset[str] = frozenset()  # words a phrase naming no party is made of ("security forces")
    unnamed_heads: frozenset[str] = frozenset()  # of those, the nouns ("forces"): a name's generic last words
    self_names: frozenset[str] = frozenset()  # a group's words for its own fighters ("the mujahideen")
    two_sided: frozenset[str] = frozenset()  # event types where both actors may fight alike
    two_sided_words: tuple[str, ...] = ()  # the beginnings of trigger words that say they did ("clash", "fight")


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        words = [*data["vague_heads"], *data["instrument_heads"]]
        return Lexicon(
            frozenset(str(w).lower() for w in words),
            frozenset(str(w).lower() for w in data["hedges"]),
            frozenset(str(w).lower() for w in data["actor_heads"]),
            frozenset(str(w).lower() for w in data.get("self_reference", ())),
            frozenset(str(w).lower() for w in (*data.get("unnamed_heads", ()), *data.get("unnamed_modifiers", ()))),
            frozenset(str(w).lower() for w in data.get("unnamed_heads", ())),
            frozenset(str(w).lower() for w in data.get("self_names", ())),
            frozenset(str(t) for t in data.get("two_sided_types", ())),
            tuple(str(w).lower() for w in data.get("two_sided_triggers", ())),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ClaimgraphError(f"{path}: cannot read the perpetrator lexicons: {exc!r}") from exc


def _ontology() -> Ontology:
    return load_cached()


def words_of(text: str, lexicon: Lexicon | None = None) -> str:
    """A phrase without its leading articles, possessives and hedges ("the suspected"), lower case, one
    space apart."""
    hedges = (lexicon or load_lexicon()).hedges
    out = " ".join((text or "").split()).strip(" \"'“”.,;:")
    while True:
        if (m := _ARTICLE.match(out)) is not None:
            out = out[m.end() :]
        elif (first := out.split(" ", 1))[0].lower() in hedges and len(first) == 2:
            out = first[1]
        else:
            return out.lower()


def name_of(text: str, lexicon: Lexicon | None = None) -> str:
    """The name a phrase gives, its generic last words dropped ("suspected al-Shabaab militants" ->
    "al-shabaab"); empty where it names no one ("unidentified gunmen")."""
    lexicon = lexicon or load_lexicon()
    words = words_of(text, lexicon).split(" ")
    while words and (words[-1] in lexicon.vague or words[-1] in lexicon.unnamed_heads):
        words.pop()  # "M23 forces", "ADF fighters": the name before the generic noun
    return " ".join(words)


def _named_actor(text: str, ontology: Ontology) -> str | None:
    """The one ontology actor an unlinked phrase's name is an alias of, if any (the entity stage left
    "al-Shabaab militants" unlinked, or read only "suspected al-Shabaab")."""
    whole, name = words_of(text), name_of(text)
    # the whole phrase first: a name that ends in a generic noun ("Allied Democratic Forces")
    found = [a.id for a in ontology.lookup(whole)] if whole else []
    if not found:
        found = [a.id for a in ontology.lookup(name)] if name else []
    if len(found) > 1 and (ontology.ambiguity(whole) is not None or ontology.ambiguity(name) is not None):
        return found[0]  # a declared ambiguity ("al-Shabaab": Somalia's and Mozambique's) without a story: its first
    return found[0] if len(found) == 1 else None


def vague(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether an unlinked phrase names no one: its last word is a generic doer or an instrument."""
    words = re.findall(r"[\w'’-]+", words_of(text))
    return not words or words[-1] in (lexicon or load_lexicon()).vague


def unnamed(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether an unlinked phrase names no party: made only of generic force or victim words ("forces", "its
    forces", "the Army", "security forces", "civilians") or a group's word for its own fighters ("the
    mujahideen"). An unidentified doer or a victim: no value, never a side against a named actor."""
    lexicon = lexicon or load_lexicon()
    words = words_of(text, lexicon)
    if words in lexicon.self_names:
        return True
    found = re.findall(r"[\w'’-]+", words)
    return bool(found) and all(w in lexicon.unnamed or w in lexicon.vague for w in found)


def owner_reference(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a doer's words point at their owner, the voice that tells the act: a possessive of self-reference
    before words that name no one ("its forces", "our fighters", "their units"), "we", or a group's word for its
    own fighters ("the mujahideen", "the soldiers of the caliphate")."""
    lexicon = lexicon or load_lexicon()
    words = re.findall(r"[\w'’-]+", (text or "").lower())
    if not words:
        return False
    if words_of(text, lexicon) in lexicon.self_names or words == ["we"]:
        return True
    return words[0] in lexicon.self_reference and len(words) > 1 and (unnamed(text, lexicon) or vague(text, lexicon))


def with_owner(sentence: str, text: str, before: int, lexicon: Lexicon | None = None) -> str:
    """A doer's words with the possessive written right before them in its sentence ("forces" of "its forces
    had killed" -> "its forces"): the actor phrase stops at a possessive. ``before``: where the act's trigger
    starts in the sentence (the doer's words are looked for before it first)."""
    at = sentence.rfind(text, 0, max(before, 0)) if text else -1
    at = sentence.find(text) if at < 0 and text else at
    word = re.search(r"([\w'’]+)\s+$", sentence[:at]) if at > 0 else None
    if word is None or word.group(1).lower() not in (lexicon or load_lexicon()).self_reference:
        return text  # no possessive before them ("said its fighters": the phrase holds it already)
    return f"{word.group(1)} {text}"


def _at(sentence: str, text: str, before: int) -> int:
    """Where a doer's words stand in their sentence: the last time before the act's trigger (``before``), else
    the first time; -1 where they are not in it."""
    if not text:
        return -1
    at = sentence.rfind(text, 0, max(before, 0))
    return sentence.find(text) if at < 0 else at


def backer_named(sentence: str, text: str | None, before: int) -> bool:
    """Whether a doer's words stand where the sentence names a backer or an ally of the act's doer, not its doer
    ("with the support of Rwandan troops", "the army and allied Wazalendo militias", "US-backed forces"): the
    phrases are the events stage's (data/events/actors.yaml, ``backer_phrases``, ``backer_participles``)."""
    from ...events.actor_phrases import shipped

    at = _at(sentence, text or "", before)
    return at >= 0 and shipped().names_backer(sentence, at, at + len(text or ""))


# a name joined to others by hyphens or slashes: "the coalition FARDC-FDLR-Wazalendo", "AFC/M23"
_JOINED = re.compile(r"[\w'’]+(?:[-/][\w'’]+)+")
# "X and Y" as one subject: a doer's name, a generic word or two ("soldiers"), "and", the other name
_AND_AFTER = re.compile(
    r"(?:\s+[a-z][\w'’-]*){0,2}\s*(?:\band\b|&|\btogether with\b|\balongside\b)\s*(?:the\s+)?"
    r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)"
)
_AND_BEFORE = re.compile(r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)(?:\s+[a-z][\w'’-]*){0,2}\s+(?:and|&)\s+(?:the\s+)?$")
# what may stand between the last name of a subject and its act's trigger: a generic word or two, no clause
_TO_TRIGGER = re.compile(r"(?:\s+[\w'’-]+){0,3}\s*")


def co_doers(sentence: str, text: str | None, before: int, own: str | None, ontology: Ontology | None = None) -> tuple:
    """The other parties a report names together with a doer as the doers of one act: the names joined to its
    name by hyphens or slashes ("the coalition FARDC-FDLR-Wazalendo attacked": FDLR and the army), or by "and"
    in the subject of the act's trigger (``before``: where it starts): "FAMa soldiers and Wagner mercenaries
    killed". A report naming a coalition of X and Y is no rival of one naming X. ``own``: the doer's key."""
    ontology = ontology or _ontology()
    at = _at(sentence, text or "", before)
    if at < 0:
        return ()
    end = at + len(text or "")
    names: list[str] = []
    for m in _JOINED.finditer(sentence):
        if m.start() <= at and end <= m.end():
            names += re.split(r"[-/]", m.group(0))
    if end <= before:
        if (m := _AND_AFTER.match(sentence, end)) is not None:
            words = m.group(1).split()
            for k in range(len(words), 0, -1):
                name = " ".join(words[:k])
                if _TO_TRIGGER.fullmatch(sentence, m.start(1) + len(name), before):
                    names.append(name)
        if _TO_TRIGGER.fullmatch(sentence, end, before) and (m := _AND_BEFORE.search(sentence, 0, at)) is not None:
            words = m.group(1).split()  # the name may stand anywhere in them: "FAMa soldiers and ..."
            names += [" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i, -1)]
    return _keys(names, own, ontology)


def _keys(names: list[str], own: str | None, ontology: Ontology) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        found = ontology.lookup_exact(name.strip(" ,'’"))
        key = perpetrator_key(found[0].id, None, ontology) if len(found) == 1 else None
        if key and key != own and key not in out and not (own and same_doer(key, own, ontology)):
            out.append(key)
    return tuple(out)


def perpetrator_key(actor_id: str | None, text: str | None, ontology: Ontology | None = None) -> str | None:
    """The key a perpetrator value is compared by: its linked actor (a media outlet: its parent); an
    unlinked phrase: TEXT + its words. None where it is no value: a vague phrase, or an outlet with no
    parent in the ontology (a news agency reports attacks; it does not carry them out)."""
    ontology = ontology or _ontology()
    if actor_id:
        actor = ontology.get(actor_id)
        if actor is None:
            return actor_id  # a user's actor the shipped ontology lacks: its id
        while actor is not None and actor.type == "media":  # an outlet of an outlet of a group: the group
            actor = ontology.get(actor.parent) if actor.parent else None
        return actor.id if actor is not None else None  # None: a news outlet
    if not text:
        return None
    named = _named_actor(text, ontology)
    if named is not None:
        return perpetrator_key(named, None, ontology)
    if vague(text) or unnamed(text) or a_place(text):
        return None  # names no one, an unidentified party or a victim; or a place read as a doer
    return TEXT + words_of(text)


def own_act(gap: str, cue: str | None, lexicon: Lexicon | None = None) -> bool:
    """Whether the words between a speaker and an act's trigger tell the speaker's own act: its cue
    ("said", "announced") followed by the speaker naming itself ("X said it had killed", "X said its
    fighters stormed", "X announced that they ambushed"), within one clause."""
    at = gap.lower().find((cue or "").lower()) if cue else -1
    if at < 0 or re.search(r"[;.!?]", gap):
        return False
    words = re.findall(r"[\w'’-]+", gap[at + len(cue) :].lower())
    if words[:1] == ["that"]:
        words = words[1:]
    return bool(words) and words[0] in (lexicon or load_lexicon()).self_reference


def a_place(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether an unlinked phrase is a place the tagger read as a doer ("Macomia" of "Mucojo (Macomia):
    heavy attack"): the gazetteer knows it and no word of it names a body of people ("Kabul police",
    "Mopti militia" stay doers). A name the gazetteer does not know stays a doer: a group the ontology
    lacks ("Lakurawa") is written the same way."""
    heads = (lexicon or load_lexicon()).actor_heads
    if any(w in heads for w in re.findall(r"[\w'’-]+", words_of(text))):
        return False
    return _gazetteer().knows(" ".join(text.split()).strip(" \"'“”.,;:"))


@lru_cache(maxsize=1)
def _gazetteer():
    """The gazetteer, built once per process and only when an unlinked doer is read (values are read where
    no linking step's gazetteer is at hand)."""
    from ...entities.places import Gazetteer

    return Gazetteer.load()


def shown_as(actor_id: str | None, text: str | None, ontology: Ontology | None = None) -> str | None:
    """How a perpetrator value reads: its own words, unless they name no one ("the group", a pronoun the
    entity stage linked to an actor) and an actor is linked: then the actor's name."""
    if actor_id and (not text or vague(text) or unnamed(text)):
        actor = (ontology or _ontology()).get(actor_id)
        if actor is not None:
            return actor.name
    return text or actor_id


def same_doer(a: str, b: str, ontology: Ontology | None = None) -> bool:
    """Whether two keys are one account: one actor, or one the other's ancestor (a group's province)."""
    if a == b:
        return True
    if a.startswith(TEXT) or b.startswith(TEXT):
        return False
    ontology = ontology or _ontology()
    return a in _lineage(b, ontology) or b in _lineage(a, ontology)


def _lineage(actor_id: str, ontology: Ontology) -> set[str]:
    if actor_id not in ontology:
        return set()
    return {x.id for x in ontology.ancestors(actor_id)}


# violent acts outside the three violent groups: force used on protesters ("troops fired on the
# crowd", often how a border shooting is typed) and riots; a peaceful protest's marchers are no doers
_VIOLENT_TYPES = frozenset({"FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL"})


def violent_act(e: dict, lexicon: Lexicon | None = None) -> bool:
    """Whether an event row is an act whose first actor is its doer: not a two-sided fight (an armed clash),
    whose reports name either side first ("M23 fought the army" / "the army clashed with M23")."""
    if _two_sided(e, lexicon or load_lexicon()):
        return False
    return e["event_type"] in VIOLENT_GROUPS or e["type"] in _VIOLENT_TYPES


_WORD_AT = re.compile(r"\w[\w-]*")


def _two_sided(e: dict, lexicon: Lexicon) -> bool:
    """An armed clash told by a word of fighting alike ("clashed", "fighting", "a gunfight"), not of one
    side's attack ("stormed the base", typed a clash too)."""
    if e["type"] not in lexicon.two_sided or not e.get("sentence"):
        return False
    word = _WORD_AT.match(e["sentence"], max(0, e["trigger_start"] - e["sentence_start"]))
    return word is not None and word.group(0).lower().startswith(lexicon.two_sided_words)


def doer_of(e: dict) -> tuple[str | None, str | None]:
    """The (actor id, words) an event row gives as the doer of a violent act: an accusation's accused
    ("police blamed bandits for the attack": bandits, not the police), else its first actor."""
    if e["type"] == "ACCUSE":
        return e["actor2"], e["actor2_text"]
    return e["actor1"], e["actor1_text"]


# "terrorists of JNIM", "fighters of the Islamic State": the words after a generic doer's that name its group
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?((?:[\w'’.-]+\s*){1,6})")


def doer_key(e: dict, ontology: Ontology | None = None) -> str | None:
    """The key of the doer event row ``e`` gives (``perpetrator_key`` of ``doer_of``), or of the party its
    generic words belong to (``of_party``)."""
    key = perpetrator_key(*doer_of(e), ontology)
    if key is None and (named := of_party(e, ontology)) is not None:
        return named[0]
    return key


def of_party(e: dict, ontology: Ontology | None = None) -> tuple[str, str] | None:
    """(key, words as written) of the party named right after a doer's generic words with "of" ("terrorists of
    JNIM", "soldiers of the Ethiopian National Defence Force"): the events stage bounds the doer's phrase before
    "of". None where the doer is linked, or its words are no armed body's ("residents of ...")."""
    from .acts import words_side

    actor, text = doer_of(e)
    if actor or not text or words_side(text) not in ("forces", "militants"):
        return None
    ontology = ontology or _ontology()
    sentence = e.get("sentence") or ""
    at = _at(sentence, text, e["trigger_start"] - e["sentence_start"])
    m = _OF_NAME.match(sentence, at + len(text)) if at >= 0 else None
    words = m.group(1).split() if m is not None else []
    for k in range(len(words), 0, -1):
        name = " ".join(words[:k]).strip(" ,.;:'’")
        found = ontology.lookup_exact(name)
        key = perpetrator_key(found[0].id, None, ontology) if len(found) == 1 else None
        if key is not None:
            return key, sentence[at : sentence.index(name, m.start(1)) + len(name)]
    return None


def gives_doer(e: dict, events: Sequence[dict], ontology: Ontology | None = None) -> str | None:
    """The perpetrator key event row ``e`` of a document gives its incident (``events``: the document's
    rows), or None. Only a violent act, or a claim of responsibility or an accusation tied to one
    (``claims_event``), names a doer: a statement's or a toll update's first actor is who speaks ("Mali
    says 12 soldiers killed", "police blamed ..."). A negated or modal event gives none, and an event
    whose doer a claim copied gives it through that claim."""
    if e["negated"] or e["modality"]:
        return None
    if e["claims_event"]:
        return doer_key(e, ontology)
    if not violent_act(e):
        return None
    if backer_named(e.get("sentence") or "", doer_of(e)[1], e["trigger_start"] - e["sentence_start"]):
        return None  # "with the support of X", "X-backed": a backer, no doer
    claimed = any(
        c["claims_event"] == e["event_id"] and c["actor1"] == e["actor1"] and c["type"] != "ACCUSE"
        for c in events
        if c["actor1"]
    )
    return None if claimed else doer_key(e, ontology)
