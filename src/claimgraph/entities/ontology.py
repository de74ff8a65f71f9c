"""The actor ontology: who can act in a claim, and every name they go by.

The actors live in YAML files under ``claimgraph/data/ontology/`` (format in docs/ontology.md,
JSON Schema in ``ontology.schema.json`` beside them). ``Ontology.load`` reads the packaged files,
then any files the user adds: a user file may add actors or give an existing actor more aliases
and names. Everything is checked on load, so a matcher built from ``surface_forms()`` can trust
that each surface string names the actors it says it does:

* ids are unique slugs, types are known, parents/affiliations/role orgs exist, parents form no cycle;
* two actors never share a surface form (after ``normalise_surface``) unless an ``ambiguous:``
  entry says so, with a note;
* no surface form is a common word (``common_words.txt``), so "IS" or "TIP" cannot be an alias;
  a short name that is a word in lower case ("US", "UN") goes under ``case_sensitive:`` instead,
  matched only exactly as written, and never shared by two actors;
* a short acronym that names other things elsewhere ("PDF" is Myanmar's People's Defence Force and a
  file format, "SNA" a Somali and a Syrian army) goes under ``guarded:``: matched exactly as written,
  it names the actor only in a document whose other names point to one of the actor's countries
  (``country`` and ``active_in``); several actors may guard one acronym, and that country decides.

A bad file raises ``OntologyError`` naming the file, the actor and the reason.
"""

from __future__ import annotations

import copy
import datetime
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from claimgraph.entities.generic_organs import organ_entries
from claimgraph.errors import ClaimgraphError
from claimgraph.yamlfiles import load_yaml

ACTOR_TYPES = ("state", "state_organ", "armed_group", "political_party", "igo", "ngo", "media", "person")

ACTOR_KEYS = frozenset(
    {
        "id",
        "name",
        "type",
        "country",
        "active_in",
        "parent",
        "affiliations",
        "aliases",
        "case_sensitive",
        "guarded",
        "names",
        "roles",
        "note",
    }
)
ROLE_KEYS = frozenset({"title", "org", "country", "from", "to"})
AMBIGUOUS_KEYS = frozenset({"surface", "actors", "note"})
FILE_KEYS = frozenset({"version", "actors", "ambiguous"})
# What a user file may add to an actor that already exists (every other field must stay as it is).
EXTENDABLE_KEYS = frozenset({"aliases", "case_sensitive", "guarded", "active_in", "names", "affiliations", "roles"})

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_COUNTRY_RE = re.compile(r"[A-Z]{2}\Z")
_LANG_RE = re.compile(r"[a-z]{2}\Z")
_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")

logger = logging.getLogger(__name__)

_PACKAGE_DIR = "data/ontology"
_COMMON_WORDS_FILE = "common_words.txt"


class OntologyError(ClaimgraphError):
    """An ontology file that cannot be used; the message is one line naming the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# --------------------------------------------------------------------------- normalisation


def _char_map(pairs: Mapping[str, str | None]) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for chars, target in pairs.items():
        for ch in chars:
            table[ord(ch)] = target
    return table


_HARAKAT = (
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658"
    "\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670"
    "\u06d6\u06d7\u06d8\u06d9\u06da\u06db\u06dc\u06df\u06e0\u06e1\u06e2\u06e3\u06e4\u06e7\u06e8"
    "\u06ea\u06eb\u06ec\u06ed"
)

# Applied after NFKC + casefold. Arabic script: one yeh, one kaf, one heh, bare alef, no tatweel
# or harakat, because Dari, Pashto, Urdu and Arabic sources spell the same name with different
# code points. Latin letters without a Unicode decomposition are flattened by hand.
_TRANSLATE = _char_map(
    {
        "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2e3a\u2e3b": "-",
        "\u2018\u2019\u201a\u201b\u02bc\u02bb\u02b9\u02be\u02bf\u00b4\u0060\u2032\uff07": "'",
        "\u00ad\u200b\u200d\u2060\ufeff": None,  # soft hyphen, zero-width characters
        "\u200c": " ",  # ZWNJ: Persian writes هبت‌الله with it, or with a space
        "\u064a\u0649": "\u06cc",  # Arabic yeh, alef maksura -> Persian yeh
        "\u0643\u06aa": "\u06a9",  # Arabic kaf, swash kaf -> keheh
        "\u0629\u06c0\u06c1\u06be": "\u0647",  # teh marbuta, heh with yeh, heh goal, heh doachashmee -> heh
        "\u0623\u0625\u0622\u0671": "\u0627",  # alef with hamza/madda, wasla -> alef
        "\u0640": None,  # tatweel
        _HARAKAT: None,
        "\u0451": "\u0435",  # ё -> е: Russian print mostly omits the dots
        "\u0142": "l",
        "\u00f8": "o",
        "\u0111": "d",
        "\u0131": "i",
        "\u00f0": "d",
        "\u00fe": "th",
        "\u00e6": "ae",
        "\u0153": "oe",
    }
)

# A Latin base letter followed by combining marks: the marks go (Cyrillic й keeps its breve).
_LATIN_MARKS_RE = re.compile(r"([a-z\u00c0-\u024f\u1e00-\u1eff])[\u0300-\u036f]+")
_SPACE_RE = re.compile(r"\s+")
_HYPHEN_RE = re.compile(r" ?- ?")


def normalise_surface(s: str) -> str:
    """The form every surface string and every matched span is compared in.

    NFKC, casefold, Latin diacritics stripped, hyphens/dashes and apostrophes unified (spaces
    around a dash dropped, so "Islamic State – Khorasan" == "Islamic State-Khorasan"), whitespace
    collapsed, a leading "the " dropped; Arabic script: ي/ى/ی, ك/ک and ه/ة/ۀ unified, alef
    variants bared, tatweel and harakat removed.
    """
    s = unicodedata.normalize("NFKC", s).casefold()
    if not s.isascii():
        decomposed = unicodedata.normalize("NFD", s)
        s = unicodedata.normalize("NFC", _LATIN_MARKS_RE.sub(r"\1", decomposed))
        s = s.translate(_TRANSLATE)
    else:
        s = s.replace("`", "'")
    s = _SPACE_RE.sub(" ", s).strip()
    s = _HYPHEN_RE.sub("-", s)
    if s.startswith("the "):
        s = s[4:]
    return s


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True, slots=True)
class Role:
    """A position a person holds or held. ``start``/``end`` are ISO dates or years (YAML ``from``/``to``)."""

    title: str
    org: str | None = None
    country: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None
    parent: str | None = None
    affiliations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    # Matched only as written: "US" and "UN" are names, "us" and "un" are words. Not subject to the
    # common-word rule, and not in ``surfaces()`` (which are compared case-folded).
    case_sensitive: tuple[str, ...] = ()
    # Matched only as written and only where the document points to one of ``countries()``: "PDF",
    # "SNA". Not in ``surfaces()`` either, so a lookup of the bare acronym finds no one.
    guarded: tuple[str, ...] = ()
    # Countries beyond ``country`` where the actor fights (the ADF in Uganda as well as the DR Congo).
    active_in: tuple[str, ...] = ()
    # language code -> names in that language; read-only, so it is left out of the hash
    names: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    roles: tuple[Role, ...] = ()
    note: str | None = None

    def surfaces(self) -> tuple[str, ...]:
        """Name, aliases and every language name, each string once, in that order."""
        seen: dict[str, None] = {self.name: None}
        for s in self.aliases:
            seen.setdefault(s, None)
        for lang_names in self.names.values():
            for s in lang_names:
                seen.setdefault(s, None)
        return tuple(seen)

    def countries(self) -> tuple[str, ...]:
        """``country`` then ``active_in``: where a guarded acronym may name this actor."""
        return ((self.country,) if self.country else ()) + tuple(c for c in self.active_in if c != self.country)


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A surface form that knowingly names several actors; the note says how to tell them apart."""

    surface: str
    actors: tuple[str, ...]
    note: str


# --------------------------------------------------------------------------- reading files


def _fail(path: str, reason: str, actor: str | None = None) -> OntologyError:
    return OntologyError(path, f"actor '{actor}': {reason}" if actor else reason)


def _string_list(value: Any, path: str, actor: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"'{key}' must be a list of non-empty strings", actor)
    return [v.strip() for v in value]


def _date(value: Any, path: str, actor: str, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):  # YAML reads an unquoted 2021-09-07 as a date
        return value.isoformat()
    text = str(value)
    if not _DATE_RE.match(text):
        raise _fail(path, f"role '{key}' must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}", actor)
    return text


def _parse_actor(raw: Any, path: str) -> dict[str, Any]:
    """One YAML actor entry, checked field by field, as a plain dict of normalised values."""
    if not isinstance(raw, dict):
        raise _fail(path, f"each entry under 'actors' must be a mapping, not {type(raw).__name__}")
    actor_id = raw.get("id")
    if not isinstance(actor_id, str) or not _ID_RE.match(actor_id):
        raise _fail(path, f"actor id {actor_id!r} must be a lowercase slug like 'iskp' or 'iea-moi'")
    unknown = sorted(set(raw) - ACTOR_KEYS)
    if unknown:
        raise _fail(path, f"unknown field(s) {', '.join(unknown)}", actor_id)
    entry: dict[str, Any] = {"id": actor_id}
    for key in ("name", "type", "country", "parent", "note"):
        if key in raw:
            if not isinstance(raw[key], str) or not raw[key].strip():
                raise _fail(path, f"'{key}' must be a non-empty string", actor_id)
            entry[key] = raw[key].strip()
    if "type" in entry and entry["type"] not in ACTOR_TYPES:
        raise _fail(path, f"unknown type '{entry['type']}' (one of: {', '.join(ACTOR_TYPES)})", actor_id)
    if "country" in entry and not _COUNTRY_RE.match(entry["country"]):
        raise _fail(path, f"country '{entry['country']}' must be an ISO 3166-1 alpha-2 code like AF", actor_id)
    for key in ("aliases", "affiliations", "case_sensitive", "guarded", "active_in"):
        if key in raw:
            entry[key] = _string_list(raw[key], path, actor_id, key)
    bad = [c for c in entry.get("active_in", ()) if not _COUNTRY_RE.match(c)]
    if bad:
        raise _fail(path, f"active_in country '{bad[0]}' must be an ISO 3166-1 alpha-2 code like AF", actor_id)
    if "names" in raw:
        if not isinstance(raw["names"], dict):
            raise _fail(path, "'names' must map a language code to a list of names", actor_id)
        names: dict[str, list[str]] = {}
        for lang, values in raw["names"].items():
            if not isinstance(lang, str) or not _LANG_RE.match(lang):
                raise _fail(path, f"language {lang!r} must be an ISO 639-1 code like fa or ps", actor_id)
            names[lang] = _string_list(values, path, actor_id, f"names.{lang}")
        entry["names"] = names
    if "roles" in raw:
        if not isinstance(raw["roles"], list):
            raise _fail(path, "'roles' must be a list", actor_id)
        roles = []
        for role in raw["roles"]:
            if not isinstance(role, dict) or not isinstance(role.get("title"), str) or not role["title"].strip():
                raise _fail(path, "each role needs a 'title'", actor_id)
            extra = sorted(set(role) - ROLE_KEYS)
            if extra:
                raise _fail(path, f"unknown role field(s) {', '.join(extra)}", actor_id)
            country = role.get("country")
            if country is not None and not (isinstance(country, str) and _COUNTRY_RE.match(country)):
                raise _fail(path, f"role country {country!r} must be an ISO 3166-1 alpha-2 code", actor_id)
            org = role.get("org")
            if org is not None and not isinstance(org, str):
                raise _fail(path, "role 'org' must be an actor id", actor_id)
            roles.append(
                Role(
                    title=role["title"].strip(),
                    org=org,
                    country=country,
                    start=_date(role.get("from"), path, actor_id, "from"),
                    end=_date(role.get("to"), path, actor_id, "to"),
                )
            )
        entry["roles"] = roles
    return entry


def _parse_file(text: str, path: str) -> tuple[Any, list[dict[str, Any]], list[Ambiguity]]:
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise _fail(path, f"not valid YAML{where}") from exc
    if not isinstance(data, dict):
        raise _fail(path, "an ontology file is a mapping with 'version' and 'actors'")
    unknown = sorted(set(data) - FILE_KEYS)
    if unknown:
        raise _fail(path, f"unknown top-level field(s) {', '.join(unknown)}")
    if data.get("version") is not None and (not isinstance(data["version"], int) or isinstance(data["version"], bool)):
        raise _fail(path, f"'version' must be an integer, not {data['version']!r}")
    if not isinstance(data.get("actors", []), list):
        raise _fail(path, "'actors' must be a list")
    actors = [_parse_actor(raw, path) for raw in data.get("actors") or []]
    ambiguous = []
    for raw in data.get("ambiguous") or []:
        if not isinstance(raw, dict) or set(raw) != AMBIGUOUS_KEYS:
            raise _fail(path, "each 'ambiguous' entry needs exactly: surface, actors, note")
        ids = raw["actors"]
        if (
            not isinstance(raw["surface"], str)
            or not isinstance(raw["note"], str)
            or not raw["note"].strip()
            or not isinstance(ids, list)
            or len(ids) < 2
            or not all(isinstance(i, str) for i in ids)
        ):
            raise _fail(
                path, f"ambiguous surface {raw.get('surface')!r} needs a string, two or more actor ids and a note"
            )
        ambiguous.append(Ambiguity(raw["surface"], tuple(ids), raw["note"].strip()))
    return data.get("version"), actors, ambiguous


# --------------------------------------------------------------------------- merging and checking


@dataclass
class _Draft:
    """The ontology while files are merged into it: plain dicts, so a bad user file can be rolled back."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # actor id -> file that defined it
    surface_origin: dict[tuple[str, str], str] = field(default_factory=dict)  # (surface, id) -> file
    ambiguous: list[Ambiguity] = field(default_factory=list)
    ambiguous_origin: list[str] = field(default_factory=list)


def _note_surfaces(draft: _Draft, entry: dict[str, Any], path: str) -> None:
    surfaces = [entry["name"], *entry.get("aliases", ())]
    for names in entry.get("names", {}).values():
        surfaces.extend(names)
    # a name the actor guards ("Fano", also a town in Italy) stays its display name, matched only as guarded
    guarded = {normalise_surface(g) for g in entry.get("guarded", ())}
    for s in surfaces:
        if normalise_surface(s) not in guarded:
            draft.surface_origin.setdefault((s, entry["id"]), path)


def _merge(
    draft: _Draft, actors: list[dict[str, Any]], ambiguous: list[Ambiguity], path: str, may_extend: bool
) -> None:
    seen_here: set[str] = set()
    for entry in actors:
        actor_id = entry["id"]
        if actor_id in seen_here:
            raise _fail(path, "defined twice in this file", actor_id)
        seen_here.add(actor_id)
        existing = draft.entries.get(actor_id)
        if existing is None:
            for key in ("name", "type"):
                if key not in entry:
                    raise _fail(path, f"a new actor needs '{key}'", actor_id)
            draft.entries[actor_id] = entry
            draft.origin[actor_id] = path
            _note_surfaces(draft, entry, path)
            continue
        if not may_extend:
            raise _fail(path, f"id already defined in {draft.origin[actor_id]}", actor_id)
        if "type" in entry and entry["type"] != existing["type"]:
            raise _fail(
                path,
                f"conflicts with {draft.origin[actor_id]}: type is '{existing['type']}' "
                f"there, '{entry['type']}' here (ids are never reused)",
                actor_id,
            )
        for key in sorted(set(entry) - EXTENDABLE_KEYS - {"id", "type"}):
            if entry[key] != existing.get(key):
                raise _fail(
                    path,
                    f"conflicts with {draft.origin[actor_id]}: '{key}' cannot be changed "
                    "by an extension (only aliases, names, affiliations and roles can be added)",
                    actor_id,
                )
        for key in ("aliases", "affiliations", "case_sensitive", "guarded", "active_in"):
            merged = existing.setdefault(key, [])
            merged.extend(v for v in entry.get(key, ()) if v not in merged)
        for lang, values in entry.get("names", {}).items():
            merged = existing.setdefault("names", {}).setdefault(lang, [])
            merged.extend(v for v in values if v not in merged)
        existing.setdefault("roles", []).extend(r for r in entry.get("roles", ()) if r not in existing["roles"])
        _note_surfaces(draft, {**entry, "name": existing["name"]}, path)
    draft.ambiguous.extend(ambiguous)
    draft.ambiguous_origin.extend([path] * len(ambiguous))


def _check(draft: _Draft, common_words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Every cross-entry rule; returns the normalised surface index (surface -> actor ids)."""
    entries = draft.entries
    for actor_id, entry in entries.items():
        path = draft.origin[actor_id]
        refs = [("parent", entry.get("parent"))] + [("affiliation", a) for a in entry.get("affiliations", ())]
        refs += [("role org", r.org) for r in entry.get("roles", ()) if r.org]
        for what, ref in refs:
            if ref is not None and ref not in entries:
                raise _fail(path, f"{what} '{ref}' is not a known actor id", actor_id)
        if entry.get("parent") == actor_id or actor_id in entry.get("affiliations", ()):
            raise _fail(path, "an actor cannot be its own parent or ally", actor_id)
        if entry.get("roles") and entry["type"] != "person":
            raise _fail(path, "only persons have roles", actor_id)
    for actor_id in entries:  # parent chains must end
        chain = [actor_id]
        parent = entries[actor_id].get("parent")
        while parent is not None:
            if parent in chain:
                raise _fail(draft.origin[actor_id], f"parent cycle {' -> '.join(chain + [parent])}", actor_id)
            chain.append(parent)
            parent = entries[parent].get("parent")

    index: dict[str, list[str]] = {}
    for (surface, actor_id), path in draft.surface_origin.items():
        key = normalise_surface(surface)
        if len(key) < 2:
            raise _fail(path, f"surface {surface!r} is too short to match", actor_id)
        if key in common_words:
            if surface == entries[actor_id]["name"]:
                continue  # a name like "Dawn" stays the display name but is never matched
            raise _fail(
                path,
                f"surface {surface!r} is the common word '{key}' and would match ordinary text; leave it out",
                actor_id,
            )
        ids = index.setdefault(key, [])
        if actor_id not in ids:
            ids.append(actor_id)

    case_owner: dict[str, str] = {}
    for actor_id, entry in entries.items():
        for surface in entry.get("case_sensitive", ()):
            if len(surface) < 2:
                raise _fail(
                    draft.origin[actor_id], f"case-sensitive surface {surface!r} is too short to match", actor_id
                )
            owner = case_owner.setdefault(surface, actor_id)
            if owner != actor_id:
                raise _fail(
                    draft.origin[actor_id], f"case-sensitive surface {surface!r} also names '{owner}'", actor_id
                )

    for actor_id, entry in entries.items():
        guarded = entry.get("guarded", ())
        if guarded and not entry.get("country"):
            raise _fail(draft.origin[actor_id], "a guarded surface needs the actor's 'country'", actor_id)
        for surface in guarded:
            if len(surface) < 2:
                raise _fail(draft.origin[actor_id], f"guarded surface {surface!r} is too short to match", actor_id)
            clash = index.get(normalise_surface(surface)) or case_owner.get(surface)
            if clash:
                other = clash if isinstance(clash, str) else ", ".join(clash)
                raise _fail(
                    draft.origin[actor_id],
                    f"guarded surface {surface!r} is also an unguarded name of '{other}': guard it there too",
                    actor_id,
                )

    declared: dict[str, set[str]] = {}
    for amb, path in zip(draft.ambiguous, draft.ambiguous_origin):
        for ref in amb.actors:
            if ref not in entries:
                raise _fail(path, f"ambiguous surface '{amb.surface}' lists unknown actor id '{ref}'")
        key = normalise_surface(amb.surface)
        missing = [a for a in amb.actors if a not in index.get(key, ())]
        if missing:
            raise _fail(path, f"ambiguous surface '{amb.surface}' is not a surface form of {', '.join(missing)}")
        declared.setdefault(key, set()).update(amb.actors)
    for key, ids in index.items():
        if len(ids) > 1 and not set(ids) <= declared.get(key, set()):
            late = ids[-1]
            surface = next(s for (s, a) in draft.surface_origin if a == late and normalise_surface(s) == key)
            raise _fail(
                draft.surface_origin[(surface, late)],
                f"surface {surface!r} also names {', '.join(repr(i) for i in ids[:-1])}; "
                "list it under 'ambiguous:' with a note, or drop it",
                late,
            )
    return {key: tuple(ids) for key, ids in index.items()}


def _freeze(entry: dict[str, Any]) -> Actor:
    return Actor(
        id=entry["id"],
        name=entry["name"],
        type=entry["type"],
        country=entry.get("country"),
        parent=entry.get("parent"),
        affiliations=tuple(entry.get("affiliations", ())),
        aliases=tuple(entry.get("aliases", ())),
        case_sensitive=tuple(entry.get("case_sensitive", ())),
        guarded=tuple(entry.get("guarded", ())),
        active_in=tuple(entry.get("active_in", ())),
        names=MappingProxyType({lang: tuple(v) for lang, v in entry.get("names", {}).items()}),
        roles=tuple(entry.get("roles", ())),
        note=entry.get("note"),
    )


def _package_files() -> list[tuple[str, str]]:
    """(display path, text) of the packaged actor files, in file-name order."""
    folder = resources.files("claimgraph").joinpath(_PACKAGE_DIR)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return [(f"claimgraph/{_PACKAGE_DIR}/{f.name}", f.read_text(encoding="utf-8")) for f in files]


def _common_words() -> frozenset[str]:
    text = resources.files("claimgraph").joinpath(_PACKAGE_DIR, _COMMON_WORDS_FILE).read_text(encoding="utf-8")
    return frozenset(
        normalise_surface(line) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def _package_draft() -> tuple[_Draft, int, tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The packaged files merged and checked (``Ontology.load`` copies before changing it)."""
    draft = _Draft()
    version = None
    paths = []
    for path, text in _package_files():
        file_version, actors, ambiguous = _parse_file(text, path)
        if not isinstance(file_version, int):
            raise _fail(path, "a packaged ontology file needs an integer 'version'")
        if version is not None and file_version != version:
            raise _fail(path, f"version {file_version} differs from the other packaged files' {version}")
        version = file_version
        _merge(draft, actors, ambiguous, path, may_extend=False)
        paths.append(path)
    if version is None:
        raise _fail(f"claimgraph/{_PACKAGE_DIR}", "no packaged ontology files")
    return draft, version, tuple(paths), _check(draft, _common_words())


def _generic_organs(actors: list[Actor]) -> list[dict[str, Any]]:
    """The organs made from the states for the press's generic names of them ("the army" of a state the
    files give no force: ``mz-armed-forces``; entities/generic_organs.py). Unindexed: no name matches one."""
    states = [(a.id, a.name, a.country) for a in actors if a.type == "state" and a.country]
    return organ_entries(states, {a.id for a in actors})


# --------------------------------------------------------------------------- the ontology


class Ontology:
    """All known actors, indexed by id and by normalised surface form. Build it with ``load``."""

    normalise_surface = staticmethod(normalise_surface)

    def __init__(
        self,
        actors: Iterable[Actor],
        index: Mapping[str, tuple[str, ...]],
        ambiguous: Iterable[Ambiguity] = (),
        version: Any = None,
        files: Iterable[str] = (),
    ):
        self._actors: dict[str, Actor] = {a.id: a for a in actors}
        self._index = dict(index)
        self.ambiguous: tuple[Ambiguity, ...] = tuple(ambiguous)
        self.version = version
        self.files: tuple[str, ...] = tuple(files)
        # Built once: a matcher rebuilds its automaton from this, so it must be cheap and stable.
        # Only indexed surfaces count (a display-only name such as "Dawn" is not one).
        self._surface_forms = tuple(
            (s, a.id)
            for a in self._actors.values()
            for s in a.surfaces()
            if a.id in self._index.get(normalise_surface(s), ())
        )
        self._case_sensitive = {s: a.id for a in self._actors.values() for s in a.case_sensitive}
        guarded: dict[str, list[str]] = {}
        for a in self._actors.values():
            for s in a.guarded:
                guarded.setdefault(s, []).append(a.id)
        self._guarded = {s: tuple(ids) for s, ids in guarded.items()}

    @classmethod
    def load(cls, extra_files: Iterable[Path | str] = (), *, errors: list[OntologyError] | None = None) -> Ontology:
        """The packaged ontology plus ``extra_files`` (user YAML files in the same format), in order.

        A bad user file raises ``OntologyError``; with an ``errors`` list it is skipped whole
        instead, its error appended, and the other files still load. The packaged files must
        all load and carry the same ``version``.
        """
        draft, version, package_paths, index = _package_draft()
        files = list(package_paths)
        common_words = _common_words()
        for extra in extra_files:
            path = str(extra)
            candidate = copy.deepcopy(draft)
            try:
                try:
                    text = Path(extra).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise _fail(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
                _, actors, ambiguous = _parse_file(text, path)
                _merge(candidate, actors, ambiguous, path, may_extend=True)
                index = _check(candidate, common_words)
            except OntologyError as exc:
                if errors is None:
                    raise
                errors.append(exc)
                continue
            draft = candidate
            files.append(path)
        actors = [_freeze(e) for e in draft.entries.values()]
        actors += [_freeze(e) for e in _generic_organs(actors)]
        return cls(actors, index, draft.ambiguous, version, files)

    def get(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def __getitem__(self, actor_id: str) -> Actor:
        return self._actors[actor_id]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def ancestors(self, actor_id: str) -> list[Actor]:
        """Parent, grandparent, ... of an actor (nearest first); [] for a top-level or unknown id."""
        chain = []
        actor = self._actors.get(actor_id)
        while actor is not None and actor.parent is not None:
            actor = self._actors[actor.parent]
            chain.append(actor)
        return chain

    def armed_side(self, actor_id: str) -> str | None:
        """Which side of a fight an actor's people are on: "militants" for an armed group (or a part of one)
        allied with no state, "forces" for a state, its organs, and an armed group allied with one (a
        state-armed auxiliary: Burkina Faso's VDP, Nigeria's Civilian JTF, the Congolese Wazalendo), None
        for anyone else or an unknown id. A victim side of a toll is read with it (figures, disputes)."""
        actor = self._actors.get(actor_id)
        if actor is None:
            return None
        chain = [actor, *self.ancestors(actor_id)]
        if any(a.type in ("state", "state_organ") for a in chain):
            return "forces"
        if not any(a.type == "armed_group" for a in chain):
            return None
        allies = [self._actors.get(x) for a in chain for x in a.affiliations]
        states = [a for a in allies if a is not None and (a.type in ("state", "state_organ") or self._of_state(a))]
        return "forces" if states else "militants"

    def _of_state(self, actor: Actor) -> bool:
        return any(a.type in ("state", "state_organ") for a in self.ancestors(actor.id))

    def children(self, actor_id: str) -> list[Actor]:
        return [a for a in self._actors.values() if a.parent == actor_id]

    def by_type(self, actor_type: str) -> list[Actor]:
        if actor_type not in ACTOR_TYPES:
            raise ValueError(f"unknown actor type '{actor_type}' (one of: {', '.join(ACTOR_TYPES)})")
        return [a for a in self._actors.values() if a.type == actor_type]

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface string, actor id) for every name, alias and language name: stable order, each once per actor."""
        return iter(self._surface_forms)

    def case_sensitive_forms(self) -> Iterator[tuple[str, str]]:
        """(surface, actor id) for the surfaces matched only exactly as written ("US", "UN")."""
        return iter(self._case_sensitive.items())

    def guarded_forms(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(acronym, actor ids) for the surfaces that name an actor only where the document points to its
        country ("PDF", "SNA"), matched exactly as written."""
        return iter(self._guarded.items())

    def lookup(self, surface: str) -> list[Actor]:
        """Actors a surface string names (several only for a declared ambiguity), in load order.

        Compared normalised (case-folded), so a case-sensitive surface ("US") is not found here:
        use ``lookup_exact`` for text as written.
        """
        return [self._actors[i] for i in self._index.get(normalise_surface(surface), ())]

    def lookup_exact(self, surface: str) -> list[Actor]:
        """Like ``lookup`` for text as written: an exact case-sensitive surface ("US") names its actor."""
        exact = self._case_sensitive.get(surface.strip())
        return [self._actors[exact]] if exact is not None else self.lookup(surface)

    def ambiguity(self, surface: str) -> Ambiguity | None:
        """The declared ambiguity for a surface string, if it has one (its note tells the actors apart)."""
        key = normalise_surface(surface)
        return next((a for a in self.ambiguous if normalise_surface(a.surface) == key), None)


# --------------------------------------------------------------------------- one loader for a store's readers

_LOADED: dict[tuple[tuple[str, int | None], ...], Ontology] = {}
_LOADED_MAX = 8  # distinct file sets (and file states) kept: a long-running server sees a few
_LOCK = threading.Lock()


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def load_cached(files: Iterable[Path | str] = ()) -> Ontology:
    """The shipped ontology plus ``files`` (a run's ``--ontology`` actor files): the one loader of every
    reader of a store (the workbench's network, the disputes' doers; ``link.network.store_ontology``).

    Read once per process for each set of files and their modification times, so a long-running ``serve``
    reads an edited file again. A file that is missing, unreadable or does not check is left out with a
    warning naming it and why (once per state of the files: the result is cached with them), and the
    other files still load: a store is worth reading when its user's files are gone.
    """
    paths = tuple(str(f) for f in files)
    key = tuple((p, _mtime(p)) for p in paths)
    with _LOCK:
        found = _LOADED.get(key)
        if found is not None:
            return found
        errors: list[OntologyError] = []
        found = Ontology.load(paths, errors=errors)
        for exc in errors:
            logger.warning("actor file left out, the other actors still load: %s", exc)
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = found
        return found
