"""Towns written in another transliteration than the tables' names ("Kyaukphyu" for GeoNames' Kyaukpyu, "Mariupil"
for Mariupol, "Al-Fashir" for El Fasher, "Zaporozhye" for Zaporizhzhia).

The world's and the small towns' tables are looked up by the name as written (marks and case aside), and their
other spellings are GeoNames' few. :func:`spelling_key` drops what transliterations vary in (the Arabic article,
digraphs, vowel quality, doubled letters: ``data/places/spellings.yaml``), so two spellings of one name share a
key; the key is loose ("Kalehe" and "Kalihi" share one), so it is never a reading of its own:
:meth:`OtherSpellings.towns` gives the towns of a key, and the gazetteer takes one only for a name no table holds
as written, inside a unit written beside it (entities/units.py) or in a country the document supports
(places.Gazetteer.resolve_all).
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from claimgraph.entities.places import Place, PlaceDataError, surface_key

from ..yamlfiles import load_yaml


@functools.cache
def _rules() -> tuple[frozenset[str], re.Pattern, dict[str, str], re.Pattern, re.Pattern, int]:
    path = files("claimgraph") / "data" / "places" / "spellings.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        letters = {str(k): str(v) for k, v in data["letters"].items()}
        vowels = "".join(data["vowels"])
        minimum = int(data["min_consonants"])
        articles = frozenset(data["articles"])
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise PlaceDataError(f"{path}: expected articles, letters, vowels, min_consonants: {exc!r}") from None
    replace = re.compile("|".join(re.escape(k) for k in sorted(letters, key=len, reverse=True)))
    # w and y as vowels where no vowel follows them; a final h after a vowel (Arabic ta marbuta: Misratah)
    glide = re.compile(rf"[wy](?![{vowels}])|(?<=[{vowels}])h$")
    vowel = re.compile(rf"[{vowels}]")
    return articles, replace, letters, glide, vowel, minimum


@functools.cache
def _english_words() -> frozenset[str]:
    """The whole words of the static model's uncased English vocabulary (as events/slots.py's unknown places)."""
    from claimgraph.link.embeddings import STATIC_MODEL_DIR
    from claimgraph.link.wordpiece import WordPiece

    return frozenset(w for w in WordPiece(STATIC_MODEL_DIR).vocab if w.isalpha())


@functools.lru_cache(maxsize=1 << 16)
def spelling_key(surface: str) -> str | None:
    """The key two transliterations of one name share, or None for a name too short to compare so."""
    articles, replace, letters, glide, vowel, minimum = _rules()
    words = surface_key(surface).split()
    if len(words) > 1:
        words = [w for w in words if w not in articles] or words
    text = "".join(words)
    if not text.isascii() or not text.isalpha():
        return None
    text = replace.sub(lambda m: letters[m.group(0)], text)
    text = re.sub(r"(.)\1+", r"\1", text)
    text = glide.sub(lambda m: "" if m.group(0) == "h" else "a", text)
    text = vowel.sub("a", text)
    if sum(c != "a" for c in text) < minimum:
        return None
    return text


class OtherSpellings:
    """The world's towns and the small towns of conflict countries by :func:`spelling_key`, built on first use."""

    def __init__(self, world, small_towns) -> None:
        self._world, self._small = world, small_towns
        self._by_key: dict[str, set[str]] | None = None

    def _build(self) -> dict[str, set[str]]:
        by_key: dict[str, set[str]] = {}
        for row in self._world.name_rows():
            key, pid = row.split("\t", 2)[:2]
            if pid.startswith("geonames:") and (k := spelling_key(key)):
                by_key.setdefault(k, set()).add(pid)
        for row in self._small.rows():
            key, pid = row.split("\t", 2)[:2]
            if k := spelling_key(key):
                by_key.setdefault(k, set()).add(pid)
        return by_key

    def towns(self, surface: str) -> list[Place]:
        """The towns whose name shares ``surface``'s spelling key, most populous first; none for a name made of
        English words only ("in Sunday's blast" puts "Sunday" where a place stands; its key is Sendai's)."""
        key = spelling_key(surface)
        if key is None or all(w in _english_words() for w in surface_key(surface).split()):
            return []
        if self._by_key is None:
            self._by_key = self._build()
        found = [self._world.get(pid) or self._small.get(pid) for pid in self._by_key.get(key, ())]
        return sorted((p for p in found if p is not None), key=lambda p: (-(p.population or 0), p.id))
