"""The act a perpetrator value is the doer of, and the acts of one event cluster kept apart (issue 16.2).

One event cluster holds every report of one incident, and an incident is often several acts: the attackers'
raid and the army's counter-attack, one side's seizure of a town and the other side's losses, the massacre
and the pursuit of its perpetrators. Reports disagree about a perpetrator only when they name different doers
of one act on one set of victims; the army that killed the attackers is no rival of the group that killed the
soldiers. A value's act (``Act``) is its family (taking territory, or violence done to people), the side its
victims are on (civilians, security forces, militants: the ontology's side of a linked victim, else the words
of its phrase, else the victim groups of the act's tolls) and the doer's own side.

Two acts are apart (``apart``) when their families differ, when one's doer is the other's victim (an attack and
the counter-attack on its doer), when their victims are on different sides and so are their doers (the group
killed soldiers, the army killed militants), or when one's victims are unknown and its doer is on the side the
other act struck by a doer of the other side. Victims on different sides with doers on one side are not apart:
a group's claim calls the villagers it killed a militia, the governor calls them civilians. The values of one
cluster are split into acts (``by_act``): values whose victims are known joined where not apart; a value whose
act is not known (a claim of "the attack" whose act no report of it read, an attack on unnamed victims) joins
the act most sources tell that it is not apart from, else an act of its own. The words are data
(data/models/perpetrators.yaml).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...entities.ontology import Ontology
from ...errors import ClaimgraphError
from ...events.actor_phrases import shipped
from ...yamlfiles import load_yaml
from .grouping import joined
from .perpetrators import LEXICON_PATH, TEXT, perpetrator_key, same_doer, words_of

TERRITORY, VIOLENCE = "territory", "violence"
_SIDES = ("civilians", "forces", "militants")
# the victim groups the figures stage gives a toll, by side (figures.py reads them the same way)
_GROUP_SIDES = {"civilians": "civilians", "soldiers": "forces", "police": "forces", "security_forces": "forces"}


@dataclass(frozen=True)
class Act:
    family: str | None  # TERRITORY or VIOLENCE; None: a claim or accusation whose act no report of it read
    target: str | None = None  # the victims' side: civilians, forces, militants; None where not known
    victim: str | None = None  # the victims' perpetrator key where they are a party ("M23 rebels": m23)
    doer_side: str | None = None  # the doer's own side, as a victim's is read


@dataclass(frozen=True)
class ActWords:
    territory_types: frozenset[str]
    report_types: frozenset[str]
    sides: dict[str, str]  # word -> side
    labels: dict[str, str]


@lru_cache(maxsize=2)
def load_words(path: Path = LEXICON_PATH) -> ActWords:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        sides = {str(w).lower(): side for side in _SIDES for w in data["target_sides"][side]}
        return ActWords(
            frozenset(data["territory_types"]),
            frozenset(data["act_report_types"]),
            sides,
            {str(k): str(v) for k, v in data["act_labels"].items()},
        )
    except (OSError, KeyError, TypeError, AttributeError) as exc:
        raise ClaimgraphError(f"{path}: cannot read the act words: {exc!r}") from exc


def actor_side(actor_id: str | None, ontology: Ontology) -> str | None:
    """The side a linked party is on: the ontology's armed side; another known actor (a party, a person, an
    outlet) is a civilian one; an IGO's people (peacekeepers) stand with the forces."""
    if not actor_id or actor_id not in ontology:
        return None
    side = ontology.armed_side(actor_id)
    if side is not None:
        return side
    return "forces" if ontology[actor_id].type == "igo" else "civilians"


def words_side(text: str | None, words: ActWords | None = None) -> str | None:
    """The side an unlinked phrase's words put it on, read from its last word back ("army base": forces)."""
    sides = (words or load_words()).sides
    for w in reversed(re.findall(r"[\w'’-]+", words_of(text or ""))):
        if w in sides:
            return sides[w]
    return None


def group_side(group: str | None, ontology: Ontology) -> str | None:
    """The side of a toll's victim group (the figures stage's: "civilians", "soldiers", "militants", an actor id)."""
    if not group:
        return None
    if group == "militants" or group in _GROUP_SIDES:
        return _GROUP_SIDES.get(group, "militants")
    return actor_side(group, ontology)


def act_of(e: dict, doc_events: dict[str, dict], toll_groups: Sequence[str], ontology: Ontology) -> Act:
    """The act event row ``e`` tells. A claim or an accusation tells the act it is tied to (``claims_event``), if
    its document holds it, else an act of no known family. ``doc_events``: the document's rows by id;
    ``toll_groups``: the victim groups of the act's tolls (what tells its victims where no victim is named)."""
    words = load_words()
    if e["type"] in words.report_types:
        tied = doc_events.get(e["claims_event"] or "")
        return act_of(tied, doc_events, toll_groups, ontology) if tied is not None and tied is not e else Act(None)
    if e["type"] in words.territory_types:
        return Act(TERRITORY)
    named = (e["actor2"] or e["actor2_text"]) and not _an_ally(e["sentence"] or "", e["actor2_text"])
    target = (actor_side(e["actor2"], ontology) or words_side(e["actor2_text"], words)) if named else None
    if target is None:
        sides = {s for s in (group_side(g, ontology) for g in toll_groups) if s}
        target = next(iter(sides)) if len(sides) == 1 else None
    victim = perpetrator_key(e["actor2"], e["actor2_text"], ontology) if named else None
    # the victims as a party only where they name one ("M23 rebels"), not by their words ("seven", "a militia")
    return Act(VIOLENCE, target, victim if victim and not victim.startswith(TEXT) else None)


def _an_ally(sentence: str, text: str | None) -> bool:
    """Whether an act's second party is named as the doer's backer or ally, not its victim ("troops and allied
    militia fighters shelled the town": the parse may take the allies for the second party)."""
    at = sentence.find(text) if text else -1
    if at < 0:
        return False
    first = re.match(r"\S+\s+", text)
    inner = at + first.end() if first is not None else at  # the phrase may begin with the word: "allied X"
    phrases, end = shipped(), at + len(text)
    return phrases.names_backer(sentence, at, end) or phrases.names_backer(sentence, inner, end)


def with_doer_side(act: Act | None, key: str | None, words_text: str | None, ontology: Ontology) -> Act | None:
    """``act`` with its doer's side: a linked doer's (``actor_side``), else its words' ("bandits")."""
    if act is None or not key:
        return act
    side = actor_side(key, ontology) if not key.startswith(TEXT) else None
    side = side or words_side(words_text or key.removeprefix(TEXT))
    return Act(act.family, act.target, act.victim, side)


def apart(a, b, ontology: Ontology) -> bool:
    """Whether values ``a`` and ``b`` are doers of different acts: families differ, one's doer is the other's
    victim, or victims and doers are both on different sides."""
    x, y = a.act, b.act
    if x is None or y is None:
        return False
    if x.family and y.family and x.family != y.family:
        return True
    if _struck(x, b.key, ontology) or _struck(y, a.key, ontology):
        return True  # the counter-attack: "JNIM attacked the army" / "the army killed JNIM fighters"
    if x.target and y.target and x.target != y.target:
        return bool(x.doer_side and y.doer_side and x.doer_side != y.doer_side)
    # victims unknown on one side: its doer is on the side the other act struck, whose doer is on the other side
    # (the army killed militants; a group's attack on unnamed victims is not that act)
    return _struck_side(x, y) or _struck_side(y, x)


def _struck_side(x: Act, y: Act) -> bool:
    return bool(
        x.target is None and x.doer_side and y.target == x.doer_side and y.doer_side and y.doer_side != x.doer_side
    )


def _struck(act: Act, key: str | None, ontology: Ontology) -> bool:
    return bool(act.victim and key) and same_doer(act.victim, key, ontology)


def _anchored(v) -> bool:
    """A value whose act says enough to be told apart: territory, or violence with its victims known."""
    act = v.act
    return act is not None and act.family is not None and (act.family == TERRITORY or bool(act.target or act.victim))


def by_act(values: Sequence, ontology: Ontology) -> tuple[list[tuple[str, list]], int]:
    """A cluster's perpetrator values split into acts: [(name, values)], and the index of the act the values
    with no act of their own joined (the cluster's main act: the one most sources tell; it keeps the plain
    dispute key). A name is the act's victims' side, "territory", or "violence" (victims unknown)."""
    fixed = [v for v in values if _anchored(v)]
    loose = [v for v in values if not _anchored(v)]
    groups = joined(fixed, lambda a, b: not apart(a, b, ontology))
    if not groups:
        return [(VIOLENCE, list(values))], 0
    for v in loose:
        # an attack on unnamed victims, a claim of an act no report of it read: the act most sources tell that it
        # can be, else an act of its own (which the next such value may join)
        home = _home(groups, v, ontology)
        if home is None:
            groups.append([v])
        else:
            groups[home].append(v)
    main = max(range(len(groups)), key=lambda i: _weight(groups[i]))
    return [(_name(g), g) for g in groups], main


def _home(groups: list[list], v, ontology: Ontology) -> int | None:
    fits = [i for i, g in enumerate(groups) if not any(apart(v, w, ontology) for w in g)]
    return max(fits, key=lambda i: _weight(groups[i])) if fits else None


def _weight(group: Sequence) -> tuple:
    """How much of the cluster an act is: its sources, then violence before territory, then its values (ties
    broken by the values' own words, never by ids: those hash the documents' paths)."""
    violent = any(v.act is not None and v.act.family == VIOLENCE for v in group)
    return (len({v.source for v in group}), violent, len(group), min((v.key or "") for v in group))


def _name(group: Sequence) -> str:
    counts: dict[str, int] = defaultdict(int)
    for v in group:
        if v.act is not None and v.act.family == TERRITORY:
            counts[TERRITORY] += 1
        elif v.act is not None and v.act.target:
            counts[v.act.target] += 1
    return min(counts, key=lambda k: (-counts[k], k)) if counts else VIOLENCE


def label(name: str) -> str:
    """How an act other than its cluster's main one is named beside the cluster's label."""
    return load_words().labels.get(name, name)
