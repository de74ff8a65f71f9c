"""The small towns and villages of conflict countries (``data/places/small_towns.tsv.gz``), read only
where the document supports them.

Conflict coverage names places too small for the world tables ("an attack on Tillia", "fighting in
Sirwah district"): GeoNames cities500's records of world.yaml's conflict countries below its
``conflict_minimum``, some 50,000 towns (scripts/build_small_towns.py). Many of their names are
also bigger places elsewhere ("Bali", "Palma") or surnames, so a small town is never a reading of
its own: :func:`reread` gives one to a name that stands as a place (a tagger's Location, a
locative context) only where the document points to the town's country (another of its places
lies there, or one of its actors belongs to it), and only where the name has no reading the
document supports already: a place in one of those countries, a country, division or landmark, a
capital or a city of ``never_over_population``, keeps its name. Among several towns of the
supported countries, the one in a division the document names, then the town's own name over a
spelling, then the larger, is taken.

The table is one gzip-compressed TSV, one row per (name key, town) sorted by key, read on the first
lookup (a bisect over the keys, as entities/world.py does for the world's towns).
"""

from __future__ import annotations

import bisect
import gzip
from collections import Counter
from collections.abc import Callable, Collection, Sequence

from claimgraph.entities.places import Place, PlaceDataError, other_readings, supported_countries, surface_key

from ..yamlfiles import load_yaml

COLUMNS = ("key", "id", "name", "admin1", "admin1_name", "country", "lat", "lon", "population", "strength")
TABLE = "small_towns.tsv.gz"
SCRIPT = "scripts/build_small_towns.py"


class SmallTowns:
    """small_towns.tsv.gz, read on first use; :meth:`lookup` by name, :meth:`get` by id."""

    def __init__(self, data_dir) -> None:
        self.data_dir = data_dir  # a Path or importlib Traversable
        self._keys: list[str] | None = None
        self._rows: list[str] = []  # the table's rows, aligned with _keys (split when looked up)
        self._by_id: dict[str, int] | None = None  # place id -> a row of it (built on the first get)
        self._places: dict[str, Place] = {}
        self._found: dict[str, dict[str, tuple[Place, int]]] = {}  # surface -> lookup(surface)
        self.never_over_population = 0

    def _load(self) -> None:
        path = self.data_dir / TABLE
        try:
            lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise PlaceDataError(f"{path}: cannot read: {exc}") from None
        start = next((i for i, ln in enumerate(lines) if not ln.startswith("#")), len(lines))
        if start >= len(lines) or lines[start].split("\t") != list(COLUMNS):
            raise PlaceDataError(
                f"{path}: expected the header {' '.join(COLUMNS)} (re-run scripts/build_small_towns.py)"
            )
        rows = lines[start + 1 :]
        keys = [row[: row.index("\t")] for row in rows]
        if any(a > b for a, b in zip(keys, keys[1:])):
            raise PlaceDataError(f"{path}: rows are not sorted (re-run {SCRIPT})")
        config = load_yaml((self.data_dir / "world.yaml").read_text(encoding="utf-8"))
        self.never_over_population = int(config["small_towns"]["never_over_population"])
        self._rows, self._keys = rows, keys

    def lookup(self, surface: str) -> dict[str, tuple[Place, int]]:
        """place id -> (town, match strength) for every small town named ``surface`` (its key as written)."""
        cached = self._found.get(surface)
        if cached is not None:
            return cached
        if self._keys is None:
            self._load()
        if len(self._found) > 1 << 16:  # names repeat across documents; a bound on odd ones
            self._found.clear()
        out = self._found[surface] = {}
        key = surface_key(surface)
        i = bisect.bisect_left(self._keys, key)
        while i < len(self._keys) and self._keys[i] == key:
            place, strength = self._parse(self._rows[i])
            out[place.id] = (place, max(strength, out.get(place.id, (place, strength))[1]))
            i += 1
        return out

    def rows(self) -> list[str]:
        """The table's data rows (COLUMNS, tab-separated), for indexes built over them."""
        if self._keys is None:
            self._load()
        return self._rows

    def get(self, place_id: str) -> Place | None:
        """The small town with this id, if the table has it."""
        place = self._places.get(place_id)
        if place is not None or not place_id.startswith(("geonames:", "town:")):
            return place
        if self._keys is None:
            self._load()
        if self._by_id is None:
            self._by_id = {}
            for i, row in enumerate(self._rows):
                start = row.index("\t") + 1
                self._by_id.setdefault(row[start : row.index("\t", start)], i)
        i = self._by_id.get(place_id)
        return None if i is None else self._parse(self._rows[i])[0]

    def _parse(self, row: str) -> tuple[Place, int]:
        cells = row.split("\t")
        if len(cells) != len(COLUMNS):
            raise PlaceDataError(f"{self.data_dir / TABLE}: a row has {len(cells)} cells: {row[:60]!r}")
        _, pid, name, admin1, admin1_name, country, lat, lon, population, strength = cells
        place = self._places.get(pid)
        if place is None:
            place = self._places[pid] = Place(
                id=pid,
                name=name,
                kind="city",
                admin1=admin1 or None,
                admin1_name=admin1_name or None,
                country=country,
                lat=float(lat),
                lon=float(lon),
                precision="city",
                population=int(population) or None,
            )
        return place, int(strength)


def reread(
    towns: SmallTowns,
    surfaces: Sequence[str],
    resolved: list[Place | None],
    countries: Sequence[str],
    located: Collection[int],
    keeps: Callable[[Place], bool],
    known: Sequence[Place] = (),
    named: Collection[str] = (),
) -> list[Place | None]:
    """``resolved`` with a small town for each located name that the document supports (module doc).

    ``keeps(place)``: whether a reading is one a small town never replaces (a country, division,
    landmark, curated place, capital: the gazetteer's judgement); ``known``: the document's places
    read apart from ``surfaces``, context as theirs is; ``named``: the countries the document's state
    names can be. The support is the gazetteer's (places.supported_countries), which leaves a name's own
    readings out (a reading of "Palma" is no support for another reading of "Palma")."""
    out = list(resolved)
    # the document's places by division, counted once for the document; a name's own readings are taken
    # out of them for it, as out of its support
    divisions_of: Counter | None = None
    for i in located:
        found = towns.lookup(surfaces[i])  # memoised: most names have no small town, and this says so first
        current = resolved[i]
        if not found or current is not None and keeps(current):
            continue
        if divisions_of is None:
            divisions_of = Counter(p.admin1 for p in [*resolved, *known] if p is not None and p.admin1)
        own = [p for j, p in enumerate(resolved) if p is not None and surfaces[j].casefold() == surfaces[i].casefold()]
        support = supported_countries(other_readings(surfaces, resolved, i), countries, known, named)
        if current is not None and (
            current.country in support or (current.population or 0) >= towns.never_over_population
        ):
            continue
        candidates = [(p, s) for p, s in found.values() if p.country in support]
        if not candidates:
            continue
        divisions = divisions_of - Counter(p.admin1 for p in own if p.admin1)
        # a named division, then the town's own name, then the larger; coordinates only to be deterministic
        out[i] = max(
            candidates, key=lambda ps: (divisions[ps[0].admin1], ps[1], ps[0].population or 0, ps[0].lat, ps[0].lon)
        )[0]
    return out
