"""Which words of a role's phrase name the role: the span a role head's token stands for.

The role head picks a phrase's head word; ``features.phrase_span`` gives the whole noun phrase. A role names
the participant itself, so the phrase is narrowed (and, where the parser broke a name, widened):
- a description beside a name names the person or group: in apposition ("the trader, Musa Danjuma"),
  after "including" ("five people, including Musa Danjuma"), or, for victims, in the same list ("a police
  officer, a judge and Senator Ana Ruiz were killed") -> the name;
- a person named with a title or office names the person: "Judge Amina Yusuf Bello", "Attorney General
  Ana Ruiz" -> the words after the last title word, when two or more (a name, not "Judge Ruiz");
- a proper name the parser split ("the Jose Simeon Canas University") is taken whole: adjacent proper nouns
  on either side join the phrase.
The words are data (data/events/roles.yaml). A perpetrator given as a group's members ("M23 rebels") stays as
written, as the project's event corpus writes it: naming the group instead cost the corpus DEV actor1 spans 0.03
exact and gained nothing on a held-out fold of MUC-4 train (the entity stage's known actor inside the phrase
names the group where there is one). A count, its hedge and an instrument's "fire" stay, as the project's
event corpus writes them ("at least 40 students", "mortar fire"): trimming them (MUC-4's convention) cost
the corpus DEV victims and instruments more than it gained on MUC-4 train.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from claimgraph.events.features import phrase_span

from ..yamlfiles import load_yaml

_NAME_TAGS = ("NNP", "NNPS")
ACTOR_ROLES = frozenset(("A1", "A2", "VIC"))


@lru_cache(maxsize=1)
def role_words() -> dict[str, frozenset[str]]:
    path = resources.files("claimgraph") / "data" / "events" / "roles.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        return {key: frozenset(w.lower() for w in data[key]) for key in ("titles", "calendar", "members")}
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the role phrase words: {exc}") from exc


def role_span(token, role: str) -> tuple[int, int]:
    """Token indexes [start, end) of what ``token`` (a role head) names in ``role``."""
    words = role_words()
    if role in ACTOR_ROLES and (token.tag_ not in _NAME_TAGS or token.lower_ in words["titles"]):
        # a description, or a title standing alone ("a police Colonel")
        named = _named_instead(token, words["titles"], listed=role == "VIC")
        if named is not None:
            return role_span(named, role)
    start, end = _joined_name(token, *phrase_span(token))
    sdoc = token.doc
    # a modifier hung after a list ("militiamen and rival forces loyal to ...") does not pull the list in
    end = next((i for i in range(token.i + 1, end) if sdoc[i].dep_ in ("cc", "conj")), end)
    if role in ACTOR_ROLES and token.lower_ in words["members"]:
        end = _of_group_end(token, end)  # "alleged members of the Shining Path": the group is the actor
    while end - 1 > token.i and sdoc[end - 1].dep_ == "case":
        end -= 1  # "Cicurel's": the person, not the possessive
    if role in ACTOR_ROLES and token.tag_ in _NAME_TAGS:
        start = _after_title(sdoc, start, token.i, words["titles"])
    return start, end


def _of_group_end(token, end: int) -> int:
    """Where the phrase of a group's members ends: past the "of" phrase right after it ("members of the FMLN",
    the group's own words: not its prepositional phrases or clauses, "fighters of the ADF in Beni"), else ``end``."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            group = next((g for g in child.children if g.dep_ == "pobj"), None)
            if group is not None:
                return max(end, _joined_name(group, *phrase_span(group))[1])
    return end


def _named_instead(token, titles: frozenset[str], listed: bool):
    """The name a description stands beside, where there is one: in apposition ("the businessman, Musa
    Danjuma"), after "including" ("five people, including Musa Danjuma"), or, for victims (``listed``), a
    named member of the same list ("a police officer, a judge and Senator Ana Ruiz were killed"; a list of
    actors names each: "the government and Boko Haram" is not Boko Haram)."""
    for child in token.children:
        if child.dep_ == "appos" and child.tag_ in _NAME_TAGS and child.lower_ not in titles:
            return child
        if child.dep_ == "prep" and child.lower_ == "including":
            named = [g for g in child.children if g.dep_ == "pobj" and g.tag_ in _NAME_TAGS and g.lower_ not in titles]
            if named:
                return named[0]
    if not listed:
        return None
    first = token
    while first.dep_ in _LISTED and first.head is not first:
        first = first.head
    return next((t for t in _members(first) if t.tag_ in _NAME_TAGS and t.lower_ not in titles), None)


# how the parser joins the items of a list: "a police officer, a teacher and Senator Ruiz" (the small model
# often takes the second item for an apposition)
_LISTED = ("conj", "appos")


def _members(first) -> list:
    """The items of the list ``first`` heads, in order (itself first)."""
    out, stack = [first], [first]
    while stack:
        item = stack.pop()
        for child in item.children:
            if child.dep_ in _LISTED:
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _joined_name(token, start: int, end: int) -> tuple[int, int]:
    """The phrase widened over adjacent proper nouns when its head is one (a name the parser split)."""
    if token.tag_ not in _NAME_TAGS:
        return start, end
    sdoc = token.doc
    calendar = role_words()["calendar"]

    def joins(t) -> bool:
        return t.tag_ in _NAME_TAGS and t.is_alpha and t.lower_ not in calendar

    while end < len(sdoc) and joins(sdoc[end]):
        end += 1
    while start > 0 and joins(sdoc[start - 1]):
        start -= 1
    return start, end


def _after_title(sdoc, start: int, head: int, titles: frozenset[str]) -> int:
    """Where the name of a titled person starts: after the last title word before the head ("deputy",
    "attorney general"), when at least two name words follow."""
    for i in range(head - 1, start - 1, -1):
        if sdoc[i].lower_.strip(".") in titles:
            return i + 1 if head - i >= 2 else start
    return start


def untitled(text: str, is_name_word) -> str:
    """A rule-path actor's words without the titles and offices before a person's name ("Senator Ernesto
    Samper", "Former Defence Minister Ana Ruiz" -> "Ernesto Samper", "Ana Ruiz"), as ``role_span`` narrows the
    model's phrases: only when at least two words follow the last title, the last a name word (``is_name_word``:
    usually written with a capital) and none a word no name holds ("of", "the"), so "Judge Ruiz" and "deputy
    commander of the militia" stay as written."""
    words = text.split()
    titles = role_words()["titles"]
    # after the last title ("Former Defence Minister Ana Ruiz"), as _after_title reads the parse
    n = next((i + 1 for i in range(len(words) - 1, -1, -1) if words[i].lower().strip(".,") in titles), 0)
    rest = words[n:]
    if n == 0 or len(rest) < 2 or not is_name_word(rest[-1]) or any(w.lower() in _NOT_IN_NAMES for w in rest):
        return text
    return " ".join(rest)


# words between a title and the end of a phrase that show it is no name ("commander of the militia")
_NOT_IN_NAMES = frozenset("the a an of for in at on to from by with and or his her their its who which".split())
