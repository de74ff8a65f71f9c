"""Persons: names with their roles ("the Secretary of the Security Council of Kyrgyzstan, Marat
Imankulov"), and later references to them (a surname alone, "he", "his").

Works on the mentions the dictionary matcher and the tagger found, so an organisation in a role
phrase is already linked to its actor. Four role patterns, the titles from
``data/lexicons/roles.yaml``:

* ``[the] <title> [of [the] <org>][,] <Name>``
* ``<org>['s] <title>[,] <Name>``
* ``<Name>, [the] <title> of [the] <org>``
* and the title alone before a name (``spokesman Zabihullah Mujahid``).

Coreference is deliberately narrow: a later surname (or a shorter ontology alias) of a person
already named resolves to that person; a personal pronoun resolves only when exactly one person
is mentioned in its sentence (before it) or the sentence before, because a wrong link is worse
than none for an analyst tracing who said what.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from importlib import resources

from claimgraph.entities.ontology import Ontology
from claimgraph.model import Mention

from ..yamlfiles import load_yaml

_NAME_WORD = r"[A-Z][\w'’\-]*[\w]"
_PARTICLE = r"(?:al|el|ul|ud|bin|ibn|van|von|de|da)[\- ]"
# Two to four capitalised words, with Arabic/European particles ("Ayman al-Zawahiri").
NAME_RE = re.compile(rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE})?{_NAME_WORD}){{0,3}}")
_PRONOUN_RE = re.compile(r"\b(?:he|she|his|her|him|He|She|His|Her|Him)\b")
_OF_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_GAP_RE = re.compile(r",?\s+")
_COMMA_THE_END_RE = re.compile(r",\s+(?:the\s+)?\Z")


class RoleTitles:
    """The role titles of ``data/lexicons/roles.yaml``, longest first, and one regex over them. Load it once
    (``load``, per pipeline: the entities stage owns it) and pass it to ``resolve_persons``."""

    def __init__(self, titles: Sequence[str], named_after: Sequence[str] = (), modifiers: Sequence[str] = ()):
        self.titles = tuple(sorted({t.strip() for t in titles}, key=len, reverse=True))
        # a name followed by one of these is part of a longer name ("Hamid Karzai International Airport")
        words = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(named_after, key=len, reverse=True))
        mods = "|".join(re.escape(w) for w in modifiers)
        self.named_after = (
            re.compile(rf"[ \t]+(?:(?:{mods})[ \t]+)?(?:{words})\b" if mods else rf"[ \t]+(?:{words})\b")
            if words
            else None
        )
        # (?<!\w) is \b before a title that starts with a letter, and the regex engine tries it faster
        lead = r"(?<!\w)" if all(re.match(r"\w", t) for t in self.titles) else r"\b"
        self.pattern = re.compile(rf"{lead}{_trie_pattern(self.titles)}\b", re.IGNORECASE)

    @classmethod
    def load(cls) -> RoleTitles:
        path = resources.files("claimgraph") / "data" / "lexicons" / "roles.yaml"
        data = load_yaml(path.read_text(encoding="utf-8"))
        return cls(data["titles"], data.get("named_after") or (), data.get("named_after_modifiers") or ())


def _trie_pattern(phrases: Sequence[str]) -> str:
    """One regex alternation for ``phrases`` (case-insensitive, any whitespace between words), shaped
    as a trie: a flat alternation of hundreds of titles is tried title by title at every position,
    which made this scan most of the entity stage's time without the tagger. Where a phrase ends
    and a longer one continues, the longer is tried first, so the longest title still wins."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for unit in re.findall(r"\s+|.", phrase.casefold()):
            node = node.setdefault(" " if unit.isspace() else unit, {})
        node[""] = {}

    def build(node: dict) -> str:
        alternatives = [
            (r"\s+" if unit == " " else re.escape(unit)) + build(child) for unit, child in sorted(node.items()) if unit
        ]
        if "" in node:
            alternatives.append("")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    return build(trie)


@dataclasses.dataclass
class _Person:
    """One person of a document: the mention that introduced them, with what we know."""

    name: str
    actor_id: str | None
    actor_name: str | None
    role: str | None = None
    role_org: str | None = None
    country: str | None = None

    @property
    def key(self) -> str:
        return self.actor_id or self.name.casefold()


def _role_text(text: str, start: int, end: int, ontology: Ontology) -> str:
    """The role as written, without a trailing "of <state>": "Secretary of the Security Council"."""
    role = " ".join(text[start:end].split())
    head, of, tail = role.rpartition(" of ")
    if of and any(a.type == "state" for a in ontology.lookup_exact(tail)):
        role = head
    return role


def find_roles(text: str, mentions: Sequence[Mention], ontology: Ontology, titles: RoleTitles) -> list[Mention]:
    """Person mentions found through role phrases, each with role, role_org and country."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    found: dict[tuple[int, int], Mention] = {}

    def org_at(mention: Mention | None, places: bool = False) -> Mention | None:
        """The mention if it can own a role: an actor, or (after "of") a place ("governor of Kunar")."""
        if mention is None or mention.actor_type == "person":
            return None
        if mention.actor_id is not None or (places and mention.place_id is not None):
            return mention
        return None

    def person(name_start: int, name_end: int, role: str, org: Mention | None) -> None:
        linked = by_start.get(name_start)
        if linked is not None and linked.actor_id is not None and linked.actor_type != "person":
            return  # the "name" is a known organisation or place: "General Directorate", "Chief Kabul"
        if (linked is None or linked.actor_id is None) and len(text[name_start:name_end].split()) < 2:
            return  # one capitalised word after a title is too often not a name ("General Directorate")
        org_actor = ontology.get(org.actor_id) if org is not None and org.actor_id else None
        actor = ontology.get(linked.actor_id) if linked is not None and linked.actor_id else None
        country = (
            (org_actor.country if org_actor else None)
            or (org.country if org is not None else None)
            or (actor.country if actor else None)
        )
        if actor is not None and linked.end != name_end:
            name_end = linked.end
        found[(name_start, name_end)] = Mention(
            start=name_start,
            end=name_end,
            text=text[name_start:name_end],
            type="Person",
            actor_id=actor.id if actor else None,
            actor_name=actor.name if actor else None,
            actor_type=actor.type if actor else None,
            country=country,
            role=role,
            role_org=org_actor.id if org_actor else None,
            method="ontology" if actor else "role",
        )

    for title in titles.pattern.finditer(text):
        t_start, t_end = title.span()
        if t_start and text[t_start - 1] in "-'’":
            continue
        org = None
        # "<org>['s] <title>": Taliban spokesman, the Taliban's spokesman
        before = re.search(r"(?:['’]s)?\s+\Z", text[max(0, t_start - 4) : t_start])
        if before:
            org = org_at(by_end.get(t_start - len(before.group(0))))
        pos = t_end
        role_end = t_end
        inside = next((m for m in mentions if t_start < m.start < t_end < m.end and org_at(m)), None)
        if org is None and inside is not None:
            # the title's own words begin the org: "Secretary of the [Security Council of Kyrgyzstan]"
            org, pos, role_end = inside, inside.end, inside.end
        elif org is None:
            of = _OF_RE.match(text, pos)
            if of and org_at(by_start.get(of.end()), places=True):
                org = by_start[of.end()]
                pos = role_end = org.end
        role = _role_text(text, t_start, role_end, ontology)
        gap = _GAP_RE.match(text, pos)
        if gap:
            name = NAME_RE.match(text, gap.end())
            if name and not titles.pattern.fullmatch(name.group(0).split()[0]):
                person(name.start(), name.end(), role, org)
                continue
        # "<Name>, [the] <title> of <org>"
        if org is not None and role_end > t_end:
            lead = _COMMA_THE_END_RE.search(text, max(0, t_start - 6), t_start)
            if lead:
                head = text[max(0, lead.start() - 60) : lead.start()]
                names = list(NAME_RE.finditer(head))
                name = names[-1] if names else None  # the name nearest the cue
                if name is not None and name.end() == len(head):
                    offset = lead.start() - len(head)
                    person(offset + name.start(), offset + name.end(), role, org)
    return list(found.values())


def resolve_persons(
    text: str, mentions: list[Mention], sentences: Sequence[tuple[int, int]], ontology: Ontology, titles: RoleTitles
) -> list[Mention]:
    """``mentions`` with role phrases applied, later surnames and pronouns linked (method "coref").

    Role-found persons replace any mention they overlap. A person's role, org and country carry
    over to all of their mentions.
    """
    mentions = _without_names_in_names(text, mentions, titles)
    roles = find_roles(text, mentions, ontology, titles)
    if roles:
        kept = [m for m in mentions if not any(m.start < r.end and r.start < m.end for r in roles)]
        mentions = kept + roles
    mentions.sort(key=lambda m: (m.start, m.end))

    people: dict[str, _Person] = {}
    surnames: dict[str, str] = {}  # surname -> person key; several people with one surname: dropped
    out: list[Mention] = []
    for m in mentions:
        if m.type != "Person" or (m.actor_type not in (None, "person")):
            out.append(m)
            continue
        key = m.actor_id or m.text.casefold()
        earlier = people.get(key) or people.get(surnames.get(m.text.casefold(), ""))
        if earlier is None and m.actor_id is None and m.role is None and m.method == "model":
            out.append(m)  # an unlinked tagger name without a role: no identity to carry
            continue
        if earlier is None:
            people[key] = _Person(m.text, m.actor_id, m.actor_name, m.role, m.role_org, m.country)
            surname = m.text.split()[-1]
            if len(surname) >= 3:
                surnames[surname.casefold()] = key if surname.casefold() not in surnames else ""
            out.append(m)
            continue
        if m.role and not earlier.role:
            earlier.role, earlier.role_org, earlier.country = m.role, m.role_org, m.country
        out.append(_as(m, earlier, "coref" if len(m.text) < len(earlier.name) else m.method))
    out = _surname_mentions(text, out, people, surnames)
    out = _pronoun_mentions(text, out, sentences, people, surnames)
    # A resolved pronoun replaces the tagger's unlinked mention of the same word.
    resolved = {(m.start, m.end) for m in out if m.method == "coref"}
    out = [m for m in out if m.method != "model" or (m.start, m.end) not in resolved]
    return sorted(out, key=lambda m: (m.start, m.end))


def _without_names_in_names(text: str, mentions: list[Mention], titles: RoleTitles) -> list[Mention]:
    """``mentions`` less the persons whose name is part of a longer name: "Hamid Karzai" in "Hamid
    Karzai International Airport" is the airport, not a mention of the man (nor a person to refer back to)."""
    if titles.named_after is None:
        return mentions
    return [
        m
        for m in mentions
        if not (m.type == "Person" and m.actor_type in (None, "person") and titles.named_after.match(text, m.end))
    ]


def _as(m: Mention, person: _Person, method: str) -> Mention:
    return dataclasses.replace(
        m,
        type="Person",
        actor_id=person.actor_id,
        actor_name=person.actor_name,
        actor_type="person" if person.actor_id else None,
        role=person.role,
        role_org=person.role_org,
        country=person.country,
        method=method,
    )


def _person_key(m: Mention) -> str | None:
    if m.type != "Person" or m.actor_type not in (None, "person"):
        return None
    if m.actor_id is None and m.role is None and m.method not in ("coref", "role"):
        return None
    return m.actor_id or m.text.casefold()


def _surname_mentions(
    text: str, mentions: list[Mention], people: dict[str, _Person], surnames: dict[str, str]
) -> list[Mention]:
    """Bare surnames of known persons, after their first mention, not already inside a mention."""
    candidates = {s: k for s, k in surnames.items() if k}
    if not candidates:
        return mentions
    taken = sorted((m.start, m.end) for m in mentions)
    first_seen = {}
    for m in mentions:
        key = _person_key(m)
        if key is not None:
            first_seen.setdefault(key, m.start)
    pattern = re.compile(r"\b(?:{})\b".format("|".join(re.escape(s) for s in candidates)), re.IGNORECASE)
    added = []
    for hit in pattern.finditer(text):
        if not hit.group(0)[0].isupper():
            continue
        key = candidates[hit.group(0).casefold()]
        if hit.start() <= first_seen.get(key, len(text)):
            continue
        if any(s < hit.end() and hit.start() < e for s, e in taken):
            continue
        added.append(_as(Mention(hit.start(), hit.end(), hit.group(0), "Person"), people[key], "coref"))
    return mentions + added


def _pronoun_mentions(
    text: str,
    mentions: list[Mention],
    sentences: Sequence[tuple[int, int]],
    people: dict[str, _Person],
    surnames: dict[str, str],
) -> list[Mention]:
    if not people:
        return mentions
    # an unlinked person's later mentions are keyed by their surname: map them to the full name
    keys = [(m.start, _person_key(m)) for m in mentions if _person_key(m) is not None]
    person_mentions = [(pos, k if k in people else surnames.get(k) or k) for pos, k in keys]
    added = []
    for i, (s_start, s_end) in enumerate(sentences):
        window_start = sentences[i - 1][0] if i > 0 else s_start
        for hit in _PRONOUN_RE.finditer(text, s_start, s_end):
            keys = {k for pos, k in person_mentions if window_start <= pos < hit.start()}
            if len(keys) == 1:
                key = keys.pop()
                person = people.get(key)
                if person is not None:
                    added.append(_as(Mention(hit.start(), hit.end(), hit.group(0), "Person"), person, "coref"))
    return mentions + added


__all__ = ["NAME_RE", "RoleTitles", "find_roles", "resolve_persons"]
