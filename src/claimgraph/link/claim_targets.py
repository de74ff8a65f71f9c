"""Whom a claim's speaker accuses, denies or names: the targets of the network's claim edges (link/network.py).

A claim's content names actors in several roles, and only some are the speaker's targets:
- an accusation's object is accused ("X accused Y of shelling Z": Y, whatever its type, a state too: it stands
  where the accused stands, not where a place does); a party named inside what Y is accused of (Z) is no target;
- a denial's target is the party whose claim it rejects, when that party is named ("rejects allegations by X",
  "denied X's claims", "the US accusation"): X, and no one named inside the rejected claim; where no author is
  named, the parties the denied claim names ("denied backing the M23");
- a verb of the speaker's own in a clause joined to the claim sets the kind of the parties after it ("denied the
  attack and blamed the FDLR": the FDLR is accused, not denied);
- an outlet that carries the claim is no party ("in a statement carried by Amaq", "told Reuters", "Amaq:"), and
  neither is the speaker's own outlet (Amaq for the Islamic State);
- every other actor of ``target_types`` the content names is named by the claim ("alleges").
The words are data (``data/network/edges.yaml``, ``targets``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claimgraph.entities.ontology import Ontology


def _words(items: list[str]) -> str:
    """An alternation of ``items`` (longest first), a space matching any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


@dataclass(frozen=True)
class TargetWords:
    """The patterns read around a claim's targets (``edges.yaml``, ``claims.targets``)."""

    accuser_before: re.Pattern[str]  # "allegations made by " right before a party
    accuser_after: re.Pattern[str]  # "'s claims", " claims" right after a party
    carrier_before: re.Pattern[str]  # "carried by its ", "told " right before an outlet
    object_end: re.Pattern[str]  # " of ", " for ": the accusation's object has ended
    joined_verb: re.Pattern[str]  # "and blamed ", ", denying ": the speaker's own verb in a joined clause
    accusing: frozenset[str]
    denying: frozenset[str]
    nouns: frozenset[str]  # claim nouns: a cue that is one has no object ("allegations regarding ISKP's presence")

    @classmethod
    def of(cls, targets: dict[str, list[str]], accusing_cues: frozenset[str]) -> TargetWords:
        nouns, denying = _words(targets["claim_nouns"]), frozenset(w.lower() for w in targets["denying_words"])
        verbs = _words([*accusing_cues, *denying])
        return cls(
            accuser_before=re.compile(rf"\b(?:{nouns})\s+(?:{_words(targets['author_before'])})\s+(?:the\s+)?$", re.I),
            accuser_after=re.compile(rf"^(?:['’]s?)?\s+(?:[\w-]+\s+)?(?:{nouns})\b", re.I),
            carrier_before=re.compile(
                rf"(?:^|\W)(?:{_words(targets['carrier_before'])})\s+(?:(?:its|their|the|his|her|a|an)\s+)?$", re.I
            ),
            object_end=re.compile(rf"\b(?:{_words(targets['object_end'])})\b", re.I),
            joined_verb=re.compile(
                rf"(?:\b(?:{_words([w for w in targets['joined_before'] if w.isalpha() or ' ' in w])})\s+|,\s*)"
                rf"(?:(?:also|then|instead|strongly)\s+)?(?P<verb>{verbs})\b",
                re.I,
            ),
            accusing=accusing_cues,
            denying=denying,
            nouns=frozenset(w.lower() for w in targets["claim_nouns"]),
        )


# what may stand before the object of the claim's verb in the content: "the army", "that the army" ("alleged
# that ..."), "on the RSF" ("called on ...")
_ARTICLE = re.compile(r"^\s*(?:(?:that|on|upon|to)\s+)?(?:(?:the|a|an)\s+)?$", re.I)
_OBJECT_KINDS = ("accuses", "denies", "calls-on")
# the second of a listed object after a first that names no known actor: "blamed the army and the FDLR"
_LISTED_AFTER = re.compile(r"^\s*(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){1,3}?(?:and|&)\s+(?:the\s+)?$", re.I)
_LISTED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$", re.I)


CARRIER_CHARS = 40  # how far before an outlet its carrying word may stand


def claim_targets(
    row: Any, base_kind: str, words: TargetWords, target_types: frozenset[str], ontology: Ontology
) -> list[tuple[str, str]]:
    """(target actor id, edge kind) for each target of claim ``row`` (a ``store.network.ClaimTie``), in text
    order; ``base_kind``: the kind its status and cue give (``EdgeRules.claim_kind``)."""
    text, off, speaker = row.sentence, row.start, row.speaker_actor
    region_start = row.content_start - off
    kind = base_kind
    # a noun cue ("made allegations regarding ...") has no object: its content names whom it is about
    object_kinds = () if (row.cue or "").lower() in words.nouns else _OBJECT_KINDS
    out: list[tuple[str, str]] = []
    last_end = -1  # where the last target of the object ended (a list continues it)
    object_open = True  # the accusation's or denial's object may still come
    accuser_named = False
    for m in _outermost(row.targets):
        actor, start, end = m["actor_id"], m["start"] - off, m["end"] - off
        if actor == speaker or start < region_start:
            continue
        before = text[region_start:start]
        joined = _last(words.joined_verb.finditer(before))
        if joined is not None:  # the speaker's own verb in a joined clause: a new object opens after it
            verb = joined.group("verb").lower()
            kind = "accuses" if verb in words.accusing else "denies" if verb in words.denying else kind
            region_start += joined.end()
            before = text[region_start:start]
            object_open, accuser_named, last_end, object_kinds = True, False, -1, _OBJECT_KINDS
        carried = text[max(0, start - CARRIER_CHARS) : start]  # the cue before the content too ("told Reuters")
        if m["actor_type"] == "media" and _carrier(text, start, end, carried, words, actor, speaker, ontology):
            if _ARTICLE.match(before):  # "told AFP that Israel ...": what was told starts after the outlet
                region_start = end
            continue
        listed = last_end >= 0 and _LISTED.match(text[last_end:start]) is not None
        first_listed = last_end < 0 and _LISTED_AFTER.match(before) is not None  # "the army and the FDLR"
        at_object = _ARTICLE.match(before) is not None or listed or first_listed
        if kind in object_kinds and object_open:
            accuser = kind == "denies" and (
                words.accuser_before.search(before) is not None or words.accuser_after.match(text[end:]) is not None
            )
            if (at_object and kind != "denies") or accuser or (listed and accuser_named):
                out.append((actor, kind))
                last_end, accuser_named = end, accuser_named or accuser
                continue
            if kind != "denies" or accuser_named or words.object_end.search(before) and out:
                object_open = False  # what the accused did, or the rejected claim of a named author
        if kind in object_kinds and not object_open:
            continue
        # a party of any type heads the claim's content ("said Israel had rejected ..."); one named further on
        # counts only by its type (a state there is mostly a place: "attacks in Afghanistan")
        if m["actor_type"] in target_types or at_object:
            out.append((actor, kind))
            last_end = end
    seen: set[str] = set()
    return [t for t in out if not (t[0] in seen or seen.add(t[0]))]


def _last(matches):
    last = None
    for last in matches:  # noqa: B007
        pass
    return last


def _outermost(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The mentions not inside a longer one ("Congo" of "Democratic Republic of Congo"), in text order."""
    ordered = sorted(targets, key=lambda m: (m["start"], -m["end"]))
    out: list[dict[str, Any]] = []
    for m in ordered:
        if out and m["start"] < out[-1]["end"]:
            continue
        out.append(m)
    return out


def _carrier(
    text: str, start: int, end: int, before: str, words: TargetWords, actor: str, speaker: str, ontology: Ontology
) -> bool:
    """Whether an outlet's mention carries the claim rather than being a party of it: the speaker's own outlet
    (its parent chain reaches the speaker), one named after a carrying word, or one that opens a quotation
    ("Amaq: ...")."""
    if words.carrier_before.search(before) or text[end : end + 1] == ":":
        return True
    outlet, seen = ontology.get(actor), set()
    while outlet is not None and outlet.parent and outlet.id not in seen:
        seen.add(outlet.id)
        if outlet.parent == speaker:
            return True
        outlet = ontology.get(outlet.parent)
    return False


def party_of(ontology: Ontology, actor_id: str) -> str | None:
    """The party that speaks through ``actor_id``: itself, or for an outlet the group or state whose channel it
    is (Amaq: the Islamic State); None for an outlet of no party (a news agency reporting is no party)."""
    actor, seen = ontology.get(actor_id), set()
    if actor is None or actor.type != "media":
        return actor_id
    while actor is not None and actor.type == "media" and actor.parent and actor.id not in seen:
        seen.add(actor.id)
        actor = ontology.get(actor.parent)
    return actor.id if actor is not None and actor.type != "media" else None
