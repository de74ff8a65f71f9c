"""Named camps of displaced people and refugees as places (issue 14.5): "Kalma camp", "Zamzam IDP camp", "the Bentiu
PoC site".

A camp is where an attack or a flood in conflict coverage happens, yet the gazetteer rarely knows it: a name the
tables lack is left without a place, and a name they hold abroad ("Kassab", a Syrian town, in a Darfur story) or as
a division or a state read wrong. So the name with a camp word after it (``data/places/camps.yaml``) is read as a
place of its own inside the country the document points to (the country of the nearest place in its sentence, else
the one country all its mentions name, where they name one: no guess among several): a village's precision where a
town or division of that country in the sentence anchors it (its point and division), an approximate point at the
country's where none does. A name the gazetteer reads as a town or division (its resolver weighed the document's
countries) stays that place ("Dadaab refugee camp", "the Kakuma refugee camp"). No country, no camp place (never a
new country); an actor's name before "camp" is its base, not a settlement ("a Boko Haram camp"), and after an
article only a qualifier or a site word makes one ("the Machar camp said" is a faction); a unit's or a group's base
("CRPF camp", "Maoist camp": ``bases``) and a possessive ("Machar's camp") are none either. The camp's place is
named by its name alone: the camp words are its kind, as a designator is a division's ("Kalma camp" and a report's
"in Kalma" name one place).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from claimgraph.entities.places import Gazetteer, Place, PlaceDataError, match_key
from claimgraph.model import Mention
from claimgraph.yamlfiles import load_yaml

_LOCAL = ("city", "district")
_NOT_A_SETTLEMENT = frozenset({"Nationality", "Person"})
_WORD = r"(?:(?:[Aa][lnrsd]|[Ee]l|[Aa]sh)-)?[A-Z][\w'’]*(?:-[\w'’]+)*"


@dataclass(frozen=True)
class _CampWords:
    pattern: re.Pattern[str]  # name, qualifier, head
    articles: frozenset[str]
    plain_heads: frozenset[str]  # heads that alone make a camp after an article: the sites
    qualifier_words: frozenset[str]  # one-word qualifiers, which the name's capitals may take ("Dalori IDP")
    bases: frozenset[str]  # a name's last words that make the camp a base ("Maoist camp")


@cache
def _camp_words() -> _CampWords:
    path = files("claimgraph") / "data" / "places" / "camps.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        heads, qualifiers = [str(w) for w in data["heads"]], [str(w) for w in data["qualifiers"]]
        articles = frozenset(str(w).lower() for w in data["articles"])
        bases = frozenset(str(w).lower() for w in data["bases"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise PlaceDataError(f"{path}: expected lists 'heads', 'qualifiers', 'articles' and 'bases': {exc}") from None

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", "[ ]+") for w in sorted(words, key=len, reverse=True))

    pattern = re.compile(
        rf"(?<![\w-])({_WORD}(?:[ ]{_WORD}){{0,2}})[ ]+(?:(?i:({alternation(qualifiers)}))[ ]+)?"
        rf"(?i:({alternation(heads)}))(?![\w-])"
    )
    sites = frozenset(h.lower() for h in heads if h.lower() != "camp")
    return _CampWords(pattern, articles, sites, frozenset(q.lower() for q in qualifiers if " " not in q), bases)


def camp_spans(text: str, usual_case: Callable[[str], str] | None) -> list[tuple[int, int, int]]:
    """(start, name end, end) of each named camp of ``text``: the name's start and end, the end of the camp
    word. A headline's capitalised words before the name that are usually written in lower case
    (``usual_case``: Truecaser.word) are no part of it ("Gunmen Attack Kalma Camp")."""
    words = _camp_words()
    out = []
    for m in words.pattern.finditer(text):
        start, name_end = m.span(1)
        name = m.group(1)
        qualified = bool(m.group(2))
        head, _, last = name.rpartition(" ")
        if head and last.lower() in words.qualifier_words:  # "Dalori IDP camp": the name's capitals took "IDP"
            name, name_end, qualified = head, start + len(head), True
        if name.endswith(("'s", "’s")):
            continue  # "Biden's camp", "the army's camp": whose, not which
        if usual_case is not None:
            while " " in name and usual_case(name.split(" ", 1)[0])[:1].islower():
                start += name.index(" ") + 1
                name = text[start:name_end]
            if usual_case(name.split(" ")[-1])[:1].islower():
                continue  # "Refugee camp", "Army camp": a word, no name
        last = name.rsplit(" ", 1)[-1]
        if last.lower() in words.bases or (last.isupper() and not qualified):
            continue  # "Maoist camp", "CRPF camp": a group's or a unit's base
        before = text[max(0, start - 12) : start].split()
        after_article = bool(before) and before[-1].lower() in words.articles
        if after_article and not qualified and " ".join(m.group(3).lower().split()) not in words.plain_heads:
            continue
        out.append((start, name_end, m.end()))
    return out


def with_camps(
    text: str,
    mentions: list[Mention],
    sentences: Sequence[tuple[int, int]],
    gazetteer: Gazetteer,
    usual_case: Callable[[str], str] | None,
) -> list[Mention]:
    """``mentions`` with each named camp of ``text`` read as a place (the module docstring): the mentions
    without an actor that overlap the camp's name give way to one Location over the name and the camp word."""
    if "amp" not in text and "site" not in text.lower():
        return mentions
    spans = camp_spans(text, usual_case)
    if not spans:
        return mentions
    votes = Counter(m.country for m in mentions if m.country)
    for start, name_end, end in spans:
        inside = [m for m in mentions if m.start < name_end and start < m.end]
        if any(m.actor_id or m.type in _NOT_A_SETTLEMENT for m in inside):
            # "a Boko Haram camp", "an al-Shabaab camp": the group's base; a nationality's ("a Somali camp"): a
            # people's, no name; "the Machar camp" where a tagger reads a person: a faction
            continue
        if any(m.place_id and m.precision != "country" and m.country for m in inside):
            # the gazetteer's town or division of that name, which its resolver read with the document's support:
            # the camp is named after the place it lies in ("Dadaab refugee camp" in Kenya though the story's
            # refugees are Somali)
            continue
        sentence = next(((s, e) for s, e in sentences if s <= start < e), (0, len(text)))
        country, anchor = _country_of(mentions, inside, sentence, start, votes)
        if country is None:
            continue
        kept = [m for m in mentions if m not in inside]
        town = _named_after(text[start:name_end], country, gazetteer)
        if town is not None:  # "the Kakuma refugee camp": at the town it is named after, which no cue had read
            camp = _with_place(Mention(start, name_end, text[start:name_end], "Location", method="gazetteer"), town)
        else:
            place = _camp_place(text[start:name_end], country, anchor, gazetteer)
            if place is None:
                continue
            camp = _with_place(Mention(start, end, text[start:end], "Location", method="gazetteer"), place)
        mentions = sorted([*kept, camp], key=lambda m: (m.start, m.end))
    return mentions


def _country_of(
    mentions: list[Mention],
    inside: list[Mention],
    sentence: tuple[int, int],
    start: int,
    votes: Counter,
) -> tuple[str | None, Mention | None]:
    """The camp's country and the place mention of its sentence that anchors it (nearest first), or the
    document's one country (its mentions name no other) and no anchor."""
    s, e = sentence
    near = [m for m in mentions if m.place_id and m not in inside and s <= m.start < e and m.country]
    if near:
        anchor = min(near, key=lambda m: abs(m.start - start))
        return anchor.country, anchor if anchor.precision in (*_LOCAL, "admin1") else None
    if len(votes) == 1:
        return next(iter(votes)), None
    return None, None  # several countries and none in the camp's sentence: no guess ("Atmeh camp" is no British place)


def _named_after(name: str, country: str, gazetteer: Gazetteer) -> Place | None:
    """The town or district of ``country`` the gazetteer knows by ``name`` (the world's and the small towns'
    tables included), the most populous; None where it knows none there."""
    towns = [
        p
        for p in map(gazetteer.get, gazetteer.located_ids(name))
        if p is not None and p.country == country and p.precision in _LOCAL
    ]
    return max(towns, key=lambda p: (p.population or 0, p.name), default=None)


def _camp_place(name: str, country: str, anchor: Mention | None, gazetteer: Gazetteer) -> Place | None:
    """The camp as a place: a village of ``country`` at its anchor's point and division, or approximate at
    the country's point."""
    if anchor is not None:
        lat, lon, admin1, precision = anchor.lat, anchor.lon, anchor.admin1, "city"
        admin1_name = anchor.place_name if anchor.precision == "admin1" else None
        if admin1 and admin1_name is None:
            division = gazetteer.get(admin1)
            admin1_name = division.name if division is not None else None
    else:
        state = gazetteer.get(f"country:{country}")
        if state is None:
            return None
        lat, lon, admin1, admin1_name, precision = state.lat, state.lon, None, None, "approximate"
    if lat is None or lon is None:
        return None
    return Place(
        id=f"camp:{country}-{match_key(name)}",
        # the camp words are its kind, not its name, as a designator is a division's ("Red Sea state" is Red Sea):
        # "Kalma camp" and a report's "in Kalma" name one place
        name=" ".join(name.split()),
        kind="city",
        admin1=admin1,
        admin1_name=admin1_name,
        country=country,
        lat=lat,
        lon=lon,
        precision=precision,
    )


def _with_place(m: Mention, place: Place) -> Mention:
    return Mention(
        m.start,
        m.end,
        m.text,
        m.type,
        place_id=place.id,
        place_name=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        precision=place.precision,
        method=m.method,
    )
