"""The world-wide towns and first-level divisions (``data/places/world_*.tsv``), looked up by name.

The main gazetteer (places.py) indexes the domain's countries, provinces, regions, landmarks and the
towns of Afghanistan, Pakistan, Central Asia and Iran, all of which a text matcher finds anywhere.
The world's other towns are too many, and too many of their names are words or people's names,
for that: they are read only where a span already stands as a place (a tagger's Location, a name
after "in"/"near" or before "district"/"State": entities/locative.py), and looked up here by their
exact name key (:func:`places.surface_key`: no case, no diacritics), never by the looser match key
("Bale" is not "Bali").

The tables are built by scripts/build_places.py: world_names.tsv, one row per (name key, place id)
sorted by key, and world_places.tsv, one row per place sorted by id. They are read on the first
lookup, not when the gazetteer loads, and a lookup is a bisect over the keys, so that loading a
pipeline does not pay for ~60,000 names it may never need.
"""

from __future__ import annotations

import bisect

from claimgraph.entities.places import ALIAS, Place, PlaceDataError, match_key, surface_key

from ..yamlfiles import load_yaml

NAME_COLUMNS = ("key", "id", "strength", "bare")
# A first-level division's name spelt otherwise than GeoNames or ISO spell it ("Lower Shabelle" for Lower
# Shabeelle) is read by the looser match key too, where no place has the name as written: divisions are few
# and their names long, unlike towns ("Bale" is not "Bali"); a name of at least this many letters.
DIVISION_SPELLING_LETTERS = 7
PLACE_COLUMNS = ("id", "name", "kind", "admin1", "admin1_name", "country", "lat", "lon", "population")


def _read_table(path, columns: tuple[str, ...]) -> list[str]:
    """The data rows of a generated table, after its comment lines and header, checked to be sorted."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaceDataError(f"{path}: cannot read: {exc}") from None
    start = next((i for i, ln in enumerate(lines) if not ln.startswith("#")), len(lines))
    if start >= len(lines) or lines[start].split("\t") != list(columns):
        raise PlaceDataError(f"{path}: expected the header {' '.join(columns)} (re-run scripts/build_places.py)")
    return lines[start + 1 :]


class WorldIndex:
    """world_names.tsv and world_places.tsv, read on first use; :meth:`lookup` by name, :meth:`get` by id."""

    def __init__(self, data_dir) -> None:
        self.data_dir = data_dir  # a Path or importlib Traversable
        self._keys: list[str] | None = None
        self._names: list[str] = []  # world_names.tsv's rows, aligned with _keys (split when looked up)
        self._ids: list[str] = []
        self._rows: list[str] = []
        self._places: dict[str, Place] = {}
        self._designators: dict[str, str] = {}  # word -> the kind it designates
        self._division_keys: dict[str, dict[str, int]] | None = None  # match key -> division id -> bare

    def _load(self) -> None:
        names = _read_table(self.data_dir / "world_names.tsv", NAME_COLUMNS)
        keys = [row[: row.index("\t")] for row in names]
        rows = _read_table(self.data_dir / "world_places.tsv", PLACE_COLUMNS)
        ids = [row[: row.index("\t")] for row in rows]
        for path, column in (("world_names.tsv", keys), ("world_places.tsv", ids)):
            if any(a > b for a, b in zip(column, column[1:])):
                raise PlaceDataError(f"{self.data_dir / path}: rows are not sorted (re-run scripts/build_places.py)")
        config = load_yaml((self.data_dir / "world.yaml").read_text(encoding="utf-8"))
        self._designators = {w: kind for kind, words in config["designators"].items() for w in words}
        self._names, self._ids, self._rows = names, ids, rows
        self._keys = keys

    def lookup(self, surface: str, plain: bool = False) -> dict[str, tuple[Place, int]]:
        """place id -> (place, match strength) for every place ``surface`` names.

        A designator at the end ("Borno State", "Goma city") restricts the name before it to that
        kind of place; a bare name reads a division only where the division's name is no frequent
        word, and not where a town of its country has the same name ("Kano" is the city).
        A name that is a designated one as a whole ("Mexico City") is looked up as written.
        ``plain``: the name was written without capitals, so a big town named as a frequent English
        word ("Reading", "Boston": kept because of its size) is not read.
        """
        if self._keys is None:
            self._load()
        key = surface_key(surface)
        head, _, last = key.rpartition(" ")
        kind = self._designators.get(last) if head else None
        if kind:
            # a kind word unlocks a division named as a word ("Delta State"); "area", "district" do not
            found = {
                pid: (p, s)
                for pid, (p, s, bare) in self._find_bare(head).items()
                if kind == p.kind or kind == "any" and bare
            }
            if found:
                return found
        found = {
            pid: (p, s) for pid, (p, s, bare) in self._find_bare(key).items() if bare == 1 or bare == 2 and not plain
        }
        # a division named as a town of its country is read as the town, its usual referent
        # ("Kano" in Kano State, "Kharkiv" in Kharkiv Oblast, "Aleppo"): the division is its admin1
        towns = {p.country for p, _ in found.values() if p.kind == "city"}
        return {pid: ps for pid, ps in found.items() if not (ps[0].kind == "admin1" and ps[0].country in towns)}

    def name_rows(self) -> list[str]:
        """world_names.tsv's data rows (key, id, strength, bare; tab-separated), for indexes built over them."""
        if self._keys is None:
            self._load()
        return self._names

    def designates(self, word: str) -> bool:
        """Whether ``word`` after a name says it is a place (world.yaml's designators)."""
        if self._keys is None:
            self._load()
        return surface_key(word) in self._designators

    def _find_bare(self, key: str) -> dict[str, tuple[Place, int, int]]:
        """place id -> (place, strength, bare) for the rows of ``key`` (see world_names.tsv's header); where
        there are none, the divisions whose name has the same match key (DIVISION_SPELLING_LETTERS)."""
        out: dict[str, tuple[Place, int, int]] = {}
        i = bisect.bisect_left(self._keys, key)
        while i < len(self._keys) and self._keys[i] == key:
            _, pid, strength, bare = self._names[i].split("\t")
            out[pid] = (self._place(pid), int(strength), int(bare))
            i += 1
        if not out and sum(c.isalpha() for c in key) >= DIVISION_SPELLING_LETTERS:
            out = {pid: (self._place(pid), ALIAS, bare) for pid, bare in self._divisions(match_key(key)).items()}
        return out

    def _place(self, pid: str) -> Place:
        place = self.get(pid)
        if place is None:
            raise PlaceDataError(f"{self.data_dir / 'world_names.tsv'}: {pid} is not in world_places.tsv")
        return place

    def _divisions(self, key: str) -> dict[str, int]:
        """division id -> bare, for the divisions one of whose names has this match key."""
        if self._division_keys is None:
            self._division_keys = {}
            for row in self._names:
                name, pid, _, bare = row.split("\t")
                if not pid.startswith("geonames:"):  # towns are "geonames:<id>", divisions their admin1 code
                    entry = self._division_keys.setdefault(match_key(name), {})
                    entry[pid] = max(int(bare), entry.get(pid, 0))
        return self._division_keys.get(key, {})

    def get(self, place_id: str) -> Place | None:
        """The place with this id, if the world tables have it."""
        place = self._places.get(place_id)
        if place is not None:
            return place
        if self._keys is None:
            self._load()
        i = bisect.bisect_left(self._ids, place_id)
        if i == len(self._ids) or self._ids[i] != place_id:
            return None
        cells = self._rows[i].split("\t")
        if len(cells) != len(PLACE_COLUMNS):
            raise PlaceDataError(f"{self.data_dir / 'world_places.tsv'}: a row has {len(cells)} cells: {place_id}")
        _, name, kind, admin1, admin1_name, country, lat, lon, population = cells
        place = self._places[place_id] = Place(
            id=place_id,
            name=name,
            kind=kind,
            admin1=admin1 or None,
            admin1_name=admin1_name or None,
            country=country,
            lat=float(lat),
            lon=float(lon),
            precision="admin1" if kind == "admin1" else "city",
            population=int(population) if population else None,
        )
        return place
