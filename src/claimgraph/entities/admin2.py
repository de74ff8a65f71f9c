"""Second-level divisions (``data/places/world_admin2.tsv``: ISO 3166-2's provinces, districts, prefectures
under a first-level division; scripts/build_admin2.py), looked up by name. Read only where a unit word or a
place beside them says a name is a unit (entities/units.py): their bare names are often words or towns' names
elsewhere ("Bam", "Houet")."""

from __future__ import annotations

from claimgraph.entities.places import Place, PlaceDataError, surface_key

COLUMNS = ("id", "name", "type", "admin1", "admin1_name", "country", "lat", "lon")


class Admin2Index:
    """world_admin2.tsv, read on first use."""

    def __init__(self, data_dir) -> None:
        self.data_dir = data_dir
        self._by_key: dict[str, list[Place]] | None = None
        self._by_id: dict[str, Place] = {}

    def _load(self) -> None:
        path = self.data_dir / "world_admin2.tsv"
        self._by_key = {}
        if not path.is_file():
            return
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        if not lines or tuple(lines[0].split("\t")) != COLUMNS:
            raise PlaceDataError(f"{path}: expected the header {' '.join(COLUMNS)} (re-run scripts/build_admin2.py)")
        for row in lines[1:]:
            cells = row.split("\t")
            if len(cells) != len(COLUMNS):
                raise PlaceDataError(f"{path}: a row has {len(cells)} cells: {row[:40]}")
            pid, name, _, admin1, admin1_name, country, lat, lon = cells
            place = Place(pid, name, "district", admin1, admin1_name, country, float(lat), float(lon), "district")
            self._by_id[pid] = place
            self._by_key.setdefault(surface_key(name), []).append(place)

    def lookup(self, name: str) -> list[Place]:
        """The second-level divisions named ``name`` (no case, no marks)."""
        if self._by_key is None:
            self._load()
        return list(self._by_key.get(surface_key(name), ()))

    def get(self, place_id: str) -> Place | None:
        if self._by_key is None:
            self._load()
        return self._by_id.get(place_id)
