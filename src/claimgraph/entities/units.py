"""A place written beside the unit that holds it: "Solhan, Yagha province", "Mukondi, in Beni territory",
"Ogossagou (Bankass cercle)", "Kagara, in Rafi LGA of Niger State", "Paletwa, in southern Chin State", or beside a
town it lies near: "Bourzanga, 40 km north of Kongoussi", "the village of Xitaxi, near Mocímboa".

Such a text says where the place is: its reading is the one inside the unit (the unit's first-level division, or
country), whatever its population or a namesake abroad. Where no reading of the name lies there, the name is a
village the tables do not hold: it gets no place (the unit keeps the place, with its own precision), rather than
a namesake abroad ("Solhan" of Turkey). A unit is a second-level division of ISO 3166-2 (world_admin2.tsv), a
first-level division or country, or, with a unit word ("Beni territory", "Bokkos LGA"), the town it is named
after. The words are data (``data/places/units.yaml``). Read by entities/extract.py beside the town-region pairs
(locative.town_region_pairs, which reads "Atlanta, Georgia" with a bare comma).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from claimgraph.entities.locative import _PARTICLE, NAME
from claimgraph.entities.places import Gazetteer, Place, PlaceDataError

from ..yamlfiles import load_yaml

_DIVISIONS = ("admin1", "country")
# a capitalised word and lower-case name particles right before a name: the name is the tail of a longer one
_CONTINUED = re.compile(rf"[A-Z][\w'’-]*[ ](?:{_PARTICLE}[ ])+$")
_TOWNS = ("city", "district")


@dataclass(frozen=True)
class UnitPair:
    """A place name (``start``, ``end``) read inside a unit (``unit_start``, ``unit_end``): ``place`` its
    reading there, None where none lies there; ``unit`` the unit's reading; ``known``: whether the name had any
    reading at all (a name no table holds is left to the rest of the stage)."""

    start: int
    end: int
    place: Place | None
    known: bool
    unit_start: int
    unit_end: int
    unit: Place
    worded: (
        bool  # the text calls the unit one with a unit word ("Bankass cercle"), or the name of a second-level division
    )


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _words() -> tuple[dict, frozenset[str], frozenset[str]]:
    path = files("claimgraph") / "data" / "places" / "units.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        one_word = frozenset(w.lower() for w in data["unit_words"] if " " not in w)
        return data, frozenset(w.lower() for w in data["town_units"]), one_word
    except (OSError, KeyError, TypeError) as exc:
        raise PlaceDataError(
            f"{path}: expected unit_words, town_units, compass, near, distance_units: {exc!r}"
        ) from None


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    data = _words()[0]
    try:
        words, compass = _alternation(data["unit_words"]), _alternation(data["compass"])
        near, units = _alternation(data["near"]), _alternation(data["distance_units"])
    except (KeyError, TypeError) as exc:
        raise PlaceDataError(
            f"units.yaml: expected unit_words, name_words, compass, near, distance_units: {exc!r}"
        ) from None
    unit = rf"(?:(?:{compass})[ ])?(?P<UNIT>{NAME})(?:[ ](?P<UNITw>(?i:{words}))(?![\w-]))?"
    # the name may carry a unit word or a word for what it is itself ("Kani township, Sagaing Region", "Kajaki
    # district of Helmand province", "Lalibela town in North Wollo zone"): then "of" joins it to its unit too
    # or an apposition says what it is: "Vovchansk, a town in Kharkiv region"
    kinds = _alternation(data["name_words"])
    named = _alternation([*data["unit_words"], *data["name_words"]])
    inside = re.compile(
        rf"(?<![\w'’-])(?P<x>{NAME})(?:[ ](?P<xw>(?i:{named}))(?![\w-]))?"
        rf"(?P<link>,[ ]in[ ](?:the[ ])?|,[ ](?:a|the)[ ](?:small[ ])?(?:{kinds})[ ](?:in|of)[ ](?:the[ ])?"
        rf"|,[ ](?:the[ ])?|[ ]in[ ](?:the[ ])?|[ ]\(|[ ]of[ ](?:the[ ])?)"
        + unit.replace("UNIT", "y")
        + r"(?:\)?(?:[ ]of[ ](?:the[ ])?|,[ ]|[ ]\()"
        + unit.replace("UNIT", "z")
        + r")?"
    )
    close = re.compile(
        rf"(?<![\w'’-])(?P<x>{NAME}),?[ ](?:(?:a|the)[ ](?:village|town|locality)[ ])?"
        rf"(?:(?:{near})|(?:about[ ]|some[ ])?\d+(?:[.,]\d+)?[ ]?(?:{units})[ ](?:\(\d+[ ]\w+\)[ ])?"
        rf"(?:(?:{compass}|from)[ ])?(?:of[ ])?)[ ]?(?P<y>{NAME})"
    )
    return inside, close


def unit_pairs(text: str, gazetteer: Gazetteer) -> list[UnitPair]:
    """Every place name of ``text`` read inside the unit written beside it, or near the town written after it
    (module doc), in text order."""
    inside, close = _patterns()
    out: list[UnitPair] = []
    for m in inside.finditer(text):
        if _CONTINUED.search(text, 0, m.start("x")):
            continue  # the tail of a longer name: "Iguala de la Independencia (Mexico)" names no Independencia
        pair = _inside(m, gazetteer)
        if pair is not None:
            out.append(pair)
    taken = {p.start for p in out}
    for m in close.finditer(text):
        if m.start("x") not in taken and not _CONTINUED.search(text, 0, m.start("x")):
            pair = _near(m, gazetteer)
            if pair is not None:
                out.append(pair)
    return sorted(out, key=lambda p: p.start)


def _readings(name: str, gazetteer: Gazetteer) -> list[Place]:
    """Every place ``name`` may read where it stands as a place: the gazetteer's (the world's towns and
    divisions too) and the small towns of conflict countries; a name that is a unit itself ("Hangu District")
    reads as its head too, the town it is named after."""
    found = {pid: gazetteer.get(pid) for pid in gazetteer.located_ids(name)}
    found.update({p.id: p for p, _ in gazetteer.small_towns.lookup(name).values() if p.id not in found})
    head, _, last = name.rpartition(" ")
    if head and last.lower() in _words()[2]:
        found.update({p.id: p for p in _readings(head, gazetteer) if p.id not in found})
    if not found:
        # a name no table holds as written may be a town's other spelling ("Kyaukphyu"): the unit chooses
        found = {p.id: p for p in gazetteer.other_spellings.towns(name)}
    return [p for p in found.values() if p is not None]


def _unit_readings(name: str, word: str | None, gazetteer: Gazetteer) -> list[Place]:
    """The units ``name`` (with its unit word, if any) may be, in order: second-level divisions, first-level
    divisions and countries, else (only with a unit word) the towns a unit may be named after."""
    found = list(gazetteer.admin2(name)) if word else []
    named = _readings(f"{name} {word}", gazetteer) if word else []
    named += [p for p in _readings(name, gazetteer) if p.id not in {q.id for q in named}]
    if not word or word.lower() not in _words()[1]:
        found += [p for p in named if p.kind in _DIVISIONS]
    if word and not found:
        # only where no division has the name: "Soum province" is Burkina Faso's province, not Senegal's village
        towns = [p for p in named if p.kind in _TOWNS]
        found += sorted(towns, key=lambda p: -(p.population or 0))
    return found


def _holds(unit: Place, place: Place) -> bool:
    """Whether ``place`` lies in ``unit`` as far as the tables say: in its first-level division, or in the
    country of a unit that has none."""
    if unit.kind == "country" or not unit.admin1:
        return place.country == unit.country
    return place.admin1 == unit.admin1 and place.country == unit.country


def _inside(m: re.Match, gazetteer: Gazetteer) -> UnitPair | None:
    if m.group("link") == " of " and not m.group("xw"):
        return None  # "X of Y" joins a place to its unit only after a unit word ("Governor of Borno State" does not)
    units = _unit_readings(m.group("y"), m.group("yw"), gazetteer)
    outer = _unit_readings(m.group("z"), m.group("zw"), gazetteer) if m.group("z") else []
    if outer:  # "Rafi LGA of Niger State": the unit inside the outer one (a name after it may be no unit at all)
        units = [u for u in units if any(_holds(o, u) for o in outer)]
        if not units and m.group("yw") and all(o.kind in _DIVISIONS for o in outer):
            # "in the Fizi territory of South Kivu": a unit the tables do not hold, inside one they do
            return _choose(m, _readings(m.group("x"), gazetteer), outer, m.end("zw") or m.end("z"), _holds, "z")
    bare_comma = False
    if not m.group("yw"):
        # a bare name after the place: only a division or a country holds it ("Afgooye, in Lower Shabelle")
        units = [u for u in units if u.kind in _DIVISIONS]
        # (a name called a unit itself, "Kalehe territory, South Kivu", starts no list)
        bare_comma = m.group("link").startswith(", ") and not m.group("link").startswith(", in ") and not m.group("xw")
    if not units:
        return None
    y_end = m.end("yw") if m.group("yw") else m.end("y")
    pair = _choose(m, _readings(m.group("x"), gazetteer), units, y_end, _holds)
    if bare_comma and (pair is None or pair.place is None or not _holds(pair.unit, pair.place)):
        # "Town, Region" with a bare comma may be a list ("Kherson, Odesa and Mykolaiv"): only a reading inside
        # the division is taken (a small town the town-region pairs do not read: "El Tarra, Norte de Santander")
        return None
    return pair


def _near(m: re.Match, gazetteer: Gazetteer) -> UnitPair | None:
    """A name near a town: the reading in the town's country. Only a choice among the name's readings, never
    none: a place near a town may lie across a border ("Ben Guerdane, near Ras Jdir")."""
    towns = [p for p in _readings(m.group("y"), gazetteer) if p.kind in _TOWNS]
    pair = _choose(m, _readings(m.group("x"), gazetteer), towns, m.end("y"), _same_country)
    return pair if pair is not None and pair.place is not None else None


def _choose(
    m: re.Match, readings: list[Place], units: list[Place], unit_end: int, holds, group: str = "y"
) -> UnitPair | None:
    """The first unit holding a reading of the name, with that reading (the one of most population); where
    none does, the first unit (if all the units lie in one country) and no reading for the name, unless one of
    its readings is a division, a country or a curated place (no village of the tables' is written so)."""
    names = [p for p in readings if p.kind != "country"]
    # in the unit, else in its country: the tables' division of a town may be a former one (Ghormach, moved to
    # Faryab) or wrong, and a reading at home is still no namesake abroad
    for within in (holds, _same_country):
        for unit in units:
            inside = [p for p in names if p.id != unit.id and within(unit, p)]
            if inside:
                best = max(inside, key=lambda p: (p.kind in _DIVISIONS, p.population or 0))
                worded = _worded(m, group, unit)
                return UnitPair(m.start("x"), _name_end(m), best, True, m.start(group), unit_end, unit, worded)
    if len({u.country for u in units}) != 1 or any(p.kind not in _TOWNS or p.curated for p in readings):
        return None
    return UnitPair(
        m.start("x"),
        _name_end(m),
        None,
        bool(readings),
        m.start(group),
        unit_end,
        units[0],
        _worded(m, group, units[0]),
    )


def _name_end(m: re.Match) -> int:
    """The name's end, its own unit word included ("Kani township": the mention a "Beni district" is)."""
    return m.end("xw") if m.groupdict().get("xw") else m.end("x")


def _same_country(unit: Place, place: Place) -> bool:
    return place.country == unit.country


def _worded(m: re.Match, group: str, unit: Place) -> bool:
    # a unit found through the outer one ("the Fizi territory of South Kivu") was called one by its inner word; a
    # name called a unit itself ("Kalehe territory, South Kivu") says that what follows is the unit holding it
    words = m.groupdict()
    return (
        unit.kind == "district"
        and not unit.id.startswith("geonames:")
        or bool(words.get("yw") or words.get(f"{group}w") or words.get("xw"))
    )
