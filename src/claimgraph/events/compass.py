"""Compass regions of a country ("northwest Pakistan", "Pakistan's restive southwest", "SW Pakistan"):
which part of its country a report names when the gazetteer resolves only the country.

Co-reference (events/coref.py) uses them to keep apart two reports that place an incident in
different parts of one country: "northwest" against "southwest" (north against south), or
"northwest Pakistan" against a town in the country's south or east. Wire headlines often name
only such a region, and on a busy day a country holds several incidents of one type with the same
small toll: a region that rules out the other report's place is evidence the count alone lacks.

A place is "in the opposite part" when its point lies in the outer share (``margin``) of the
country's extent, measured between the centres of its first-level divisions, on the side opposite
a compass word. Lenient on purpose: regions are named by a country's shape and convention, not by
its bounding box (Peshawar is "northwest Pakistan" though east of the country's centre), so only
the far side counts.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from claimgraph.entities.places import Gazetteer

DATA = Path(__file__).resolve().parents[1] / "data" / "places"
Compass = tuple[str | None, str | None]  # (north | south | None, east | west | None)

_WORD = r"(?:(?P<ns{k}>north|south)(?:[- ]?(?P<ew{k}>east|west))?|(?P<we{k}>east|west))(?:ern)?"
# "northwest Pakistan", "north-western Pakistan"; the next word must be a country's (checked below)
_BEFORE = re.compile(r"\b" + _WORD.format(k=0) + r"\s+(?P<next>[\w'’]+)", re.IGNORECASE)
# "Pakistan's restive northwest", "Nigeria's north-east"
_AFTER = re.compile(
    r"\b(?P<country>[\w]+)(?:'s|’s)\s+(?:[a-z]+\s+)?" + _WORD.format(k=1) + r"\b(?!\s+[A-Z])", re.IGNORECASE
)
# "NW Pakistan", "SW Pakistan": upper case only
_SHORT = re.compile(r"\b(?P<ns2>N|S)(?P<ew2>W|E)\s+(?P<next>[\w'’]+)")
# "kill 10 militants in southwest", "in the north of the country": no name follows
_BARE = re.compile(r"\bin\s+(?:the\s+)?" + _WORD.format(k=3) + r"\b(?!\s+[A-Z][a-z])(?!-)", re.IGNORECASE)


class CompassRegions:
    """Reads compass regions in sentences and tells whether two reports' regions exclude each other."""

    def __init__(
        self,
        margin: float,
        country_words: frozenset[str],
        country_names: frozenset[str],
        gazetteer: Callable[[], Gazetteer] = Gazetteer.load,
    ):
        """``gazetteer``: called for the gazetteer the first time one is needed (the linking step passes
        the one it holds for every step)."""
        self.margin = margin
        self._load_gazetteer = gazetteer
        self.country_words = country_words  # every word of a country's names, aliases and demonyms
        self.country_names = country_names  # "south africa", "north korea": names, not regions

    def named(self, sentence: str) -> Compass | None:
        """The compass region of its country that ``sentence`` names, if any."""
        for m in _BEFORE.finditer(sentence):
            nxt = m.group("next").lower()
            written = f"{m.group(0)[: m.start('next') - m.start()].strip()} {nxt}".lower()
            # a capitalised compass word before a word of a country's name that starts none is part of a
            # region's or a group's name ("Islamic State West Africa Province", "East Africa")
            named = m.group(0)[0].islower() or self._starts_country(sentence, m.start("next"))
            if nxt in self.country_words and written not in self.country_names and named:
                return _compass(m.group("ns0"), m.group("ew0") or m.group("we0"))
        for m in _AFTER.finditer(sentence):
            if m.group("country").lower() in self.country_words:
                return _compass(m.group("ns1"), m.group("ew1") or m.group("we1"))
        for m in _SHORT.finditer(sentence):
            if m.group("next").lower() in self.country_words:
                return _compass(m.group("ns2"), m.group("ew2"))
        m = _BARE.search(sentence)
        return _compass(m.group("ns3"), m.group("ew3") or m.group("we3")) if m else None

    def _starts_country(self, sentence: str, start: int) -> bool:
        """Whether a country's name or demonym starts at ``start`` ("Pakistan", "Democratic Republic of ...")."""
        rest = sentence[start : start + 60].lower()
        return any(
            rest.startswith(name) and not rest[len(name) : len(name) + 1].isalnum() for name in self.country_names
        )

    def apart(self, a: Compass | None, b: Compass | None, a_place: str | None, b_place: str | None) -> bool:
        """Whether two reports of one country name parts of it that exclude each other: opposite
        compass words, or a compass word and a place (town, district, province: ``*_place``, None
        when only the country is known) in the far share of the country opposite it."""
        if a and b:
            return bool((a[0] and b[0] and a[0] != b[0]) or (a[1] and b[1] and a[1] != b[1]))
        for compass, place in ((a, b_place), (b, a_place)):
            if compass and place and self._outside(compass, place):
                return True
        return False

    def _outside(self, compass: Compass, place_id: str) -> bool:
        place = self.gazetteer.get(place_id)
        extent = self._extent(place.country) if place is not None else None
        if extent is None:
            return False
        (south, north), (west, east) = extent
        y, x = (place.lat - south) / (north - south), (place.lon - west) / (east - west)
        ns, ew = compass
        low, high = self.margin, 1 - self.margin
        return (
            (ns == "north" and y < low)
            or (ns == "south" and y > high)
            or (ew == "west" and x > high)
            or (ew == "east" and x < low)
        )

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return self._load_gazetteer()  # read only when a compass region meets a resolved place

    def _extent(self, country: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """((south, north), (west, east)) between the centres of ``country``'s first-level divisions,
        or None with fewer than three."""
        points = self._admin1_points.get(country, [])
        if len(points) < 3:
            return None
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        if max(lats) - min(lats) < 1e-6 or max(lons) - min(lons) < 1e-6:
            return None
        return (min(lats), max(lats)), (min(lons), max(lons))

    @cached_property
    def _admin1_points(self) -> dict[str, list[tuple[float, float]]]:
        """country -> its first-level divisions' centres: the world table's and the curated ones
        (Pakistan's, Afghanistan's...)."""
        points: dict[str, dict[str, tuple[float, float]]] = {}
        with (DATA / "world_places.tsv").open(encoding="utf-8") as f:
            for row in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"):
                if row["kind"] == "admin1":
                    points.setdefault(row["country"], {})[row["id"]] = (float(row["lat"]), float(row["lon"]))
        for place in self.gazetteer.places.values():
            if place.kind == "admin1":
                points.setdefault(place.country, {})[place.id] = (place.lat, place.lon)
        return {country: list(p.values()) for country, p in points.items()}


def _compass(ns: str | None, ew: str | None) -> Compass:
    expand = {"n": "north", "s": "south", "e": "east", "w": "west"}
    ns, ew = (ns or "").lower(), (ew or "").lower()
    return (expand.get(ns, ns) or None, expand.get(ew, ew) or None)
