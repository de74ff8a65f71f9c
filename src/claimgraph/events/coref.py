"""Whether two stored event reports tell of one incident (cross-document co-reference).

Evidence, in the order it is checked (data/events/coref.yaml holds the types and thresholds):

* types: the same type, or neighbouring types of one family where at least one is general ("an
  attack" and "a suicide bombing") or tells of an incident (a claim of responsibility); two different
  specific types are different incidents;
* dates with their precision: a day, a week, a month, a year; an undated report tells of something
  in the two days before its document's date (news is published within a day or two); a reference
  point ("the deadliest since 2015") is not the event's date, so such a report counts as undated;
* place hierarchy: different countries never co-refer; the same town/district, or the same
  province, or a shared proper name in the two event sentences (a village no gazetteer knows) links
  them; the same country alone never does;
* actors: two different known perpetrators (not outlets quoted as sources) are different incidents;
* victims: two reports whose tolls of one measure count different groups only ("two soldiers
  killed", "two policemen killed") are different incidents;
* compass regions: "northwest Pakistan" and "SW Pakistan", or "northwest Pakistan" and a town in the
  country's south or east third, are two parts of the country (events/compass.py);
* counts: one count both sentences give (or two one apart) links reports whose places do not differ;
  so does a risen toll ("the death toll rises to 38") and an earlier count of at least half of it
  dated no later ("air strikes kill 20"): an update of one incident's toll;
* the cosine of the two event sentences' static MiniLM vectors, above a threshold that is higher
  when only the province links them.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

import numpy as np
import yaml

from claimgraph.entities.ontology import load_cached
from claimgraph.entities.places import Gazetteer
from claimgraph.errors import ClaimgraphError
from claimgraph.events.compass import Compass, CompassRegions
from claimgraph.events.taxonomy import Taxonomy
from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import SentenceReader
from claimgraph.link.embeddings import STATIC_MODEL_DIR, Embedder
from claimgraph.link.wordpiece import WordPiece
from claimgraph.nlp.dates import WEEKDAYS, parse_iso
from claimgraph.nlp.months import MONTHS
from claimgraph.nlp.quantities import find_quantities
from claimgraph.store.events import EventReport
from claimgraph.yamlfiles import load_yaml, parsed_while_unchanged

DATA = Path(__file__).resolve().parents[1] / "data"
CONFIG = DATA / "events" / "coref.yaml"
UNCLUSTERED = frozenset({"Statements"})
# actor types that are who reported an event, never who did it ("Reuters said")
NOT_PERPETRATORS = frozenset({"media", "igo", "ngo"})
# a date that is a reference point of a comparison or a span, not the time of this event
_REFERENCE_DATE = re.compile(r"^\s*(since|until|before|after|from)\b", re.IGNORECASE)
_NAME = re.compile(r"(?<![\w'’])([A-Z][\w'’-]{2,})")
# a name right after a locative word: where the sentence says the event was ("at Mucojo", "the village of
# Nanjua"); not "near X" (outlets place one incident near different landmarks)
_LOCATIVE_NAME = re.compile(
    r"\b(?:in|at|on|of)\s+(?:the\s+(?:village|town|hamlet|camp|site|locality)\s+of\s+)?"
    r"([A-Z][\w'’-]{2,})"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_LEAD_END = re.compile(r"\n|(?<=[.!?])\s")
_NEXT_WORD = re.compile(r"[\s,]*(\w+)")
_BELOW_COUNTRY = frozenset({"place", "admin1"})
_DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "gmt", "am", "pm"})


def _around_middle(window: str) -> str:
    """The sentence of ``window`` that holds its middle (a mention's trigger sits there)."""
    middle, start = len(window) // 2, 0
    for m in _SENTENCE_END.finditer(window):
        if m.start() >= middle:
            return window[start : m.start() + 1].strip()
        start = m.end()
    return window[start:].strip()


def _key(name: str) -> str:
    """A name's comparable form: lower case, without a possessive ("Mali's")."""
    name = name.lower()
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


class CorefDataError(ClaimgraphError):
    """The co-reference settings file is malformed."""


@dataclass(frozen=True)
class CorefSettings:
    families: dict[str, frozenset[str]]  # type -> its families
    general_types: frozenset[str]
    report_types: frozenset[str]  # types that tell of an incident of their family (a claim of responsibility)
    precision_days: dict[str, int]
    slack_days: int
    stop_names: frozenset[str]
    min_similarity: dict[str, float]
    area_words: frozenset[str]  # "State" in "Borno State": the name before it is a province's
    count_slack: int  # how far apart two counts may be and still agree
    compass_margin: float  # the share of a country's extent at each side that a compass word rules out
    victim_kin: dict[str, str]  # a victim group -> the class whose groups outlets use for one another
    bridge_days: int  # a report whose days span more than this ("last week's strike") never bridges two clusters
    doer_sides: dict[str, re.Pattern]  # a side (state, armed_group) -> the words that name a doer of it
    side_victims: dict[str, str]  # a side -> the victim class that is its own dead
    either_side_types: frozenset[str]  # types whose subject may be either side (a clash)
    # two dated reports this many days apart are one incident when one town (or a rare name), and one count
    # or one named doer, link them: outlets misdate an incident by a day or two, which is a date dispute
    corroborated_days: int = 0
    # "state", "province", "region", "governorate": a town's name before one of them is the province named
    # after it ("Taiz province"), not the town
    province_words: frozenset[str] = frozenset()
    # a risen toll ("the death toll rises to 38": its count follows the match) and the least share of it that an
    # earlier count of its incident gives; None: no update links
    risen_toll: re.Pattern | None = None
    first_share: float = 1.0

    @classmethod
    def load(cls, path: Path = CONFIG) -> CorefSettings:
        """The settings at ``path``, parsed once per process while the file stays the same (each
        clustering of a run's events asks for them)."""
        try:
            return _parsed_settings(path)
        except OSError as exc:
            raise CorefDataError(f"{path}: cannot read the co-reference settings: {exc!r}") from exc

    @classmethod
    def _parse(cls, path: Path) -> CorefSettings:
        try:
            data = load_yaml(path.read_text(encoding="utf-8"))
            families: dict[str, set[str]] = {}
            for name, types in data["families"].items():
                for t in types:
                    families.setdefault(t, set()).add(name)
            area_words = set(data["area_words"].lower().split())
            stop = (
                set(data["generic_name_words"].lower().split())
                | set(data["area_words"].lower().split())
                | _calendar_words()
                | _country_words()
            )
            return cls(
                {t: frozenset(f) for t, f in families.items()},
                frozenset(data["general"]),
                frozenset(data["reports_of"]),
                {k: int(v) for k, v in data["precision_days"].items()},
                int(data["slack_days"]),
                frozenset(stop),
                {k: float(v) for k, v in data["min_similarity"].items()},
                frozenset(area_words),
                int(data["count_slack"]),
                float(data["compass_margin"]),
                {group: kin for kin, groups in data["victim_kin"].items() for group in groups},
                int(data["bridge_days"]),
                {side: _words(words) for side, words in data["doer_sides"].items()},
                dict(data["side_victims"]),
                frozenset(data["either_side_types"]),
                int(data["corroborated_days"]),
                frozenset(data["province_words"].lower().split()),
                _risen_pattern(data["risen_toll"]),
                float(data["risen_toll"]["first_share"]),
            )
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
            raise CorefDataError(f"{path}: cannot read the co-reference settings: {exc!r}") from exc


_parsed_settings = parsed_while_unchanged(CorefSettings._parse)


def _risen_pattern(data: dict) -> re.Pattern:
    """A toll's noun, then within its clause (no figure, no clause end between) a verb of rising: the count
    after the match is the risen toll."""
    nouns, verbs = "|".join(data["nouns"]), "|".join(v.replace(" ", r"\s+") for v in data["verbs"])
    return re.compile(rf"\b(?:{nouns})\b[^.;:!?\d]{{0,80}}?\b(?:{verbs})\b(?:\s+to)?", re.IGNORECASE)


def _words(words: list[str]) -> re.Pattern:
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    # "Soldiers of the Caliphate", "Army of Islam": a word before "of" may be a group's self-name, no side
    return re.compile(rf"\b(?:{alternatives})\b(?!\s+of\b)", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _taxonomy_event_types() -> dict[str, str]:
    """Type name -> its ACLED event type (shipped taxonomy, read once per process; callers do not change it)."""
    return {name: t.event_type for name, t in Taxonomy.load().types.items()}


def _calendar_words() -> set[str]:
    return set(WEEKDAYS) | {m.lower() for m in MONTHS}


@functools.lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Every word of a country's names, aliases and demonyms: the country alone links nothing (shipped
    data, read once per process)."""
    words: set[str] = set()
    with (DATA / "places" / "countries.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        for row in rows:
            for name in [row["name"], *row["other_names"].split("|")]:
                words.update(w.lower() for w in re.findall(r"\w+", name))
    aliases = load_yaml((DATA / "places" / "country_aliases.yaml").read_text(encoding="utf-8"))
    for entry in aliases["countries"].values():
        for name in entry.get("aliases", []) + entry.get("demonyms", []):
            words.update(w.lower() for w in re.findall(r"\w+", name))
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every country's names, aliases and demonyms, lower case: "South Sudan", "North Korea", "South Sudanese"
    name countries or their people, not a compass region of one (shipped data, read once per process)."""
    names: set[str] = set()
    with (DATA / "places" / "countries.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        for row in rows:
            names.update(n.lower() for n in [row["name"], *row["other_names"].split("|")] if n)
    aliases = load_yaml((DATA / "places" / "country_aliases.yaml").read_text(encoding="utf-8"))
    for entry in aliases["countries"].values():
        names.update(n.lower() for n in entry.get("aliases", []) + entry.get("demonyms", []))
    return frozenset(names)


def place_level(r: EventReport) -> str:
    """How precise the report's resolved place is: "place" (a town, a district), "admin1", "country", "none"."""
    if r.place_id is None or r.place_id.startswith("country:") or r.place_id == r.country:
        return "country" if r.country else "none"
    return "admin1" if r.place_id == r.admin1 else "place"


@dataclass
class Mention:
    """A report with what the comparison derives from it once."""

    report: EventReport
    families: frozenset[str]
    days: tuple[date, date]
    names: frozenset[str]  # proper names of the sentence: a village, a market, a group
    areas: frozenset[str]  # names of provinces or districts ("Borno" of "Borno State")
    doers: frozenset[str]  # names in the sentence that are its actors' words: they block, never link places
    figures: frozenset[int] = frozenset()  # the counts its sentence gives ("seven coastguards": 7)
    compass: Compass | None = None  # the part of its country its sentence names ("northwest Pakistan")
    # (measure, group) of each toll its sentence gives with a group ("seven coastguards killed":
    # killed, security_forces)
    victims: frozenset[tuple[str, str]] = frozenset()
    vector: np.ndarray | None = field(default=None, repr=False)
    undated: bool = False  # no date of its own: its days are its document's (a look back weeks later, too)
    # its place resolved to a town, but the sentence names only the province called after it ("an air strike
    # in Taiz province"): placed at the province
    province_only: bool = False
    risen: int | None = None  # the count its sentence says a toll rose to ("death toll rises to 38": 38)

    @property
    def place_level(self) -> str:
        level = place_level(self.report)
        return "admin1" if level == "place" and self.province_only else level

    def keys(self, count_slack: int = 0, first_share: float = 1.0) -> set[tuple[str, str]]:
        """Blocking keys: a candidate shares one (a town, a province, a proper name, a count) and its
        family. Counts n..n+slack: two counts at most ``count_slack`` apart share one; a risen toll also
        carries the earlier counts it may update (``first_share`` of it and up)."""
        r, keys = self.report, {("name", n) for n in self.names | self.areas | self.doers}
        keys |= {("figure", str(n + d)) for n in self.figures for d in range(count_slack + 1)}
        if self.risen is not None:
            keys |= {("figure", str(n)) for n in range(math.ceil(first_share * self.risen), self.risen)}
        if self.place_level == "place":
            keys.add(("place", r.place_id))
        if r.admin1:
            keys.add(("admin1", r.admin1))
        return {(family, *k) for k in keys for family in self.families}


class Coref:
    """The co-reference decision, with its settings and the sentence encoder, loaded once."""

    def __init__(
        self,
        settings: CorefSettings | None = None,
        embedder: Embedder | None = None,
        gazetteer: Callable[[], Gazetteer] | None = None,
    ):
        """``gazetteer``: called for the gazetteer when the compass regions first need one (the linking
        step's, built once for all its steps); None builds one of its own then."""
        self.settings = settings or CorefSettings.load()
        self._embedder = embedder
        self._gazetteer = gazetteer or Gazetteer.load

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or Embedder("fast")

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The whole words of the static model's (uncased English) vocabulary: a sentence's first word
        is capitalised whatever it is, and is taken for a name only when the vocabulary does not hold
        it ("Sarmada under shelling", not "Gunmen killed" nor "Funerals were held")."""
        return frozenset(w for w in WordPiece(STATIC_MODEL_DIR).vocab if w.isalpha())

    def _uncommon(self, word: str) -> bool:
        stems = [word] + [word[: -len(end)] for end in ("s", "es", "ed", "ing") if word.endswith(end)]
        return not any(stem in self.vocabulary for stem in stems)

    def clusterable(self, r: EventReport) -> bool:
        return (
            r.event_type not in UNCLUSTERED
            and not r.negated
            and not r.modality
            and self._days(r) is not None
            and (r.place_id is not None or bool(r.sentence))
        )

    def mentions(self, reports: list[EventReport]) -> list[Mention]:
        """The clusterable reports, each with its days, names and sentence vector."""
        kept = [r for r in reports if self.clusterable(r)]
        vectors = self.embedder.encode([r.sentence or "" for r in kept]) if kept else []
        return [self._mention(r, v) for r, v in zip(kept, vectors)]

    def _mention(self, r: EventReport, vector: np.ndarray | None) -> Mention:
        families = self.settings.families.get(r.type, frozenset({r.type}))
        sentence = r.sentence or ""
        compass = self.compass_regions.named(sentence)
        figures = _figures(sentence)
        victims = self._victims(sentence) if figures else frozenset()
        days, undated = self._days(r), self._own_start(r) is None
        province_only = self._province_only(r)
        risen = _risen(sentence, self.settings.risen_toll)
        names = self._names(r)
        return Mention(r, families, days, *names, figures, compass, victims, vector, undated, province_only, risen)

    def _province_only(self, r: EventReport) -> bool:
        """Whether the sentence (and its later mentions) write the report's place only before a province word
        ("in Taiz province", "Mopti region"): the gazetteer gave the town of that name, the report the province."""
        if not r.location or not self.settings.province_words:
            return False
        written = re.compile(rf"(?<!\w){re.escape(r.location)}(?!\w)", re.IGNORECASE)
        ends = [(text, m.end()) for text in (r.sentence or "", *r.mention_windows) for m in written.finditer(text)]
        return bool(ends) and all(self._province_word_at(text, end) for text, end in ends)

    def _province_word_at(self, text: str, end: int) -> bool:
        following = _NEXT_WORD.match(text, end)
        return following is not None and following.group(1).lower() in self.settings.province_words

    def _victims(self, sentence: str) -> frozenset[tuple[str, str]]:
        """(measure, kin class) of the sentence's tolls that name a group."""
        kin = self.settings.victim_kin
        return frozenset((measure, kin.get(group, group)) for measure, group in _toll_groups(sentence))

    @cached_property
    def compass_regions(self) -> CompassRegions:
        return CompassRegions(self.settings.compass_margin, _country_words(), _country_names(), self._gazetteer)

    @staticmethod
    def _own_start(r: EventReport) -> date | None:
        return None if r.date_text and _REFERENCE_DATE.match(r.date_text) else parse_iso(r.date_start)

    def _days(self, r: EventReport) -> tuple[date, date] | None:
        start = self._own_start(r)
        if start is not None:
            end = parse_iso(r.date_end) or start
            widen = timedelta(days=self.settings.precision_days.get(r.date_precision or "day", 0))
            return start - widen, end
        anchor = parse_iso(r.doc_date)
        if anchor is None:
            return None
        return anchor - timedelta(days=self.settings.precision_days["undated"]), anchor

    def _names(self, r: EventReport) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """(names, areas, doers) of the event's sentence and its written place; a sentence that names no
        place of its own ("Three dead, villagers say") takes those of its document's first sentence
        (a headline or a lead says where)."""
        names, areas = self._names_in(r.sentence or "")
        for window in r.mention_windows:  # the sentences of its later mentions tell of it too
            more_names, more_areas = self._names_in(_around_middle(window))
            names, areas = names | more_names, areas | more_areas
        if r.location:
            names |= {w for w in map(_key, re.findall(r"\w{3,}", r.location)) if w not in self.settings.stop_names}
        if not names and not areas and r.lead and (r.place_id is None or r.place_id == r.country):
            names, areas = self._names_in(_LEAD_END.split(r.lead, maxsplit=1)[0])
        # a doer's name ("Taliban", "ISWAP") says who, not where: two attacks by one group are not
        # one place (it still blocks: the reports are compared). An armed group named anywhere in the
        # sentence is no place either, doer or not ("an air strike aimed at ISWAP fighters", or a second
        # event of the sentence whose doer the events stage did not read): one group active across a
        # province named in three incidents' stories linked them as one rare place name
        doers = {_key(w) for w in re.findall(r"[\w'’-]+", r.actor1_text or "")}
        for text in (r.sentence or "", *r.mention_windows):
            doers |= _group_words(text)
        return frozenset(names - areas - doers), frozenset(areas - doers), frozenset((names | areas) & doers)

    def _names_in(self, text: str) -> tuple[set[str], set[str]]:
        """Capitalised words (the first only when no common word), less generic words; those followed by
        an area word ("Borno State") are areas."""
        stop, area_words = self.settings.stop_names, self.settings.area_words
        names, areas = set(), set()
        for m in _NAME.finditer(text):
            name = _key(m.group(1))
            if name in stop or len(name) < 3 or (m.start() == 0 and not self._uncommon(name)):
                continue
            following = _NEXT_WORD.match(text, m.end())
            (areas if following and following.group(1).lower() in area_words else names).add(name)
        return names, areas

    def window(self, m: Mention) -> tuple[date, date]:
        """The days a report of the same incident may give: the slack, or the wider days a corroborated
        pair may lie apart (``same`` decides which applies)."""
        slack = timedelta(days=max(self.settings.slack_days, self.settings.corroborated_days))
        return m.days[0] - slack, m.days[1] + slack

    def vague(self, m: Mention) -> bool:
        """Whether the report's days span more than ``bridge_days`` ("last week's strike", "this month's
        massacre"): it may join a cluster, never bridge two (events/clusters.py)."""
        return (m.days[1] - m.days[0]).days > self.settings.bridge_days

    def sites(self, m: Mention) -> frozenset[str]:
        """Where below its province the report places the incident: its town (id and written name) and the
        rare names its sentence gives after a locative word ("at Boni", "the village of Kadawa"). None: a
        report placed only at the province, the country or nowhere, which may join a cluster but never
        bridges two clusters placed at different sites (events/clusters.py)."""
        found = set(self._villages(m))
        if m.place_level == "place":
            found.add(m.report.place_id)
            written = map(_key, re.findall(r"\w{3,}", m.report.location or ""))
            found |= {w for w in written if w not in self.settings.stop_names}
        return frozenset(found)

    def confined(self, m: Mention) -> bool:
        """Whether the report may join a cluster but never bridge two: its days span more than ``bridge_days``,
        or it places its incident only at the province, the country or nowhere (no site): "an outpost seized in
        Borno State" fits every town of the province, and one armed group named in three incidents' stories
        chained them through it."""
        return self.vague(m) or not self.sites(m)

    def dated(self, m: Mention) -> bool:
        """Whether the report dates its incident precisely (a day, a range of a few days): what a vague
        report may not bridge. An undated report's days are its document's, which may look back weeks
        (a thread post on last month's bombing): it links as before but dates no cluster."""
        return not m.undated and not self.vague(m)

    def similarity(self, a: Mention, b: Mention) -> float:
        """The cosine of the two event sentences' vectors (1.0 when either has none)."""
        return float(np.dot(a.vector, b.vector)) if a.vector is not None and b.vector is not None else 1.0

    def same(self, a: Mention, b: Mention) -> bool:
        ra, rb = a.report, b.report
        if ra.doc_id == rb.doc_id or not a.families & b.families or not self._types(ra.type, rb.type):
            return False
        lo, hi = self.window(a)
        if b.days[0] > hi or b.days[1] < lo:
            return False
        if _days_apart(a, b) > self.settings.slack_days and not self._corroborated(a, b):
            return False
        if ra.country and rb.country and ra.country != rb.country:
            return False
        if _conflicting_actors(ra, rb) or _other_victims(a.victims, b.victims) or self._opposite_doers(a, b):
            return False
        if self.compass_regions.apart(a.compass, b.compass, _below(a), _below(b)):
            return False
        link = self._place_link(a, b) or self._figure_link(a, b)
        general = self.settings.general_types
        if link == "province" and ra.type == rb.type and ra.type not in general and _one_day(a) and _one_day(b):
            link = "strong"  # two suicide bombings (not two "attacks") in one province on one day are rare
        elif link == "figure" and ra.type == rb.type and ra.type not in general and a.figures & b.figures:
            # one specific type ("air strikes", not "an attack") with the very same count in one country on one
            # day is rare too; wordings of it differ more than their count ("kill 13 suspected Lashkar-i-Islam
            # members" / "13 militants killed in airstrikes": cosine 0.40)
            link = "strong"
        if (link is not None or self._unplaced_alike(a, b)) and self._update(a, b):
            link = _looser(link, "update", self.settings.min_similarity)  # a risen toll and its first, lower count
        if link is None:
            return False
        return self.similarity(a, b) >= self.settings.min_similarity[link]

    def _corroborated(self, a: Mention, b: Mention) -> bool:
        """Whether two reports dated more than the slack apart (at most ``corroborated_days``) still tell of
        one incident: both date it themselves, to a day or a few, the same town or a rare name places
        both, and they give one count or name one doer. "Gunmen killed nine in Kukawa on Saturday" and
        "nine killed in Kukawa on Thursday" are one raid whose date outlets dispute; the same town's
        incidents on two days differ in toll or doer (or name neither, and stay apart)."""
        if not (self.dated(a) and self.dated(b)) or self._place_link(a, b) != "strong":
            return False
        doer = a.report.actor1 is not None and a.report.actor1 == b.report.actor1
        return doer or _close_counts(a.figures, b.figures, self.settings.count_slack)

    @property
    def _event_type_of(self) -> dict[str, str]:
        return _taxonomy_event_types()

    def candidate_event_types(self, reports: list[EventReport]) -> list[str]:
        """The ACLED event types of every type that may co-refer with one of ``reports``' types: those
        whose stored reports a run must read back. A family spans event types ("an attack" is Violence
        against civilians, "clashes" are Battles): reading back only the new reports' own event types
        let a run in parts miss a pair that one run joins."""
        families = self.settings.families
        wanted = {r.event_type for r in reports}
        for t in {r.type for r in reports}:  # a run's reports share few types: each type's family once
            own = families.get(t, frozenset({t}))
            for other, theirs in families.items():
                if own & theirs and self._types(t, other) and other in self._event_type_of:
                    wanted.add(self._event_type_of[other])
        return sorted(wanted)

    def doer_side(self, m: Mention) -> str | None:
        """The side the report's doer's words name (data/events/coref.yaml ``doer_sides``), None when they
        name none or both."""
        text = m.report.actor1_text or ""
        sides = [side for side, words in self.settings.doer_sides.items() if words.search(text)]
        return sides[0] if len(sides) == 1 else None

    def _opposite_doers(self, a: Mention, b: Mention) -> bool:
        """Whether the two reports' doers stand on opposite sides, neither a clash nor one's dead of the
        other's doer's side: two incidents (an armed group's raid, soldiers' reprisal two days later)."""
        either = self.settings.either_side_types
        if a.report.type in either or b.report.type in either:
            return False
        side_a, side_b = self.doer_side(a), self.doer_side(b)
        if side_a is None or side_b is None or side_a == side_b:
            return False
        kin, own = self.settings.victim_kin, self.settings.side_victims
        dead_a = {kin.get(g, g) for _, g in a.victims}
        dead_b = {kin.get(g, g) for _, g in b.victims}
        return own[side_b] not in dead_a and own[side_a] not in dead_b

    def _types(self, a: str, b: str) -> bool:
        loose = self.settings.general_types | self.settings.report_types
        return a == b or a in loose or b in loose

    def _own_villages(self, a: Mention, b: Mention) -> bool:
        """Whether each sentence names a place of its own after a locative word ("at Mucojo", "on Nanjua"),
        rare and not the words of its resolved place, and they share none: villages the gazetteer does not
        know resolve to their district, so two incidents in one district looked like one place."""
        own_a, own_b = self._villages(a), self._villages(b)
        return bool(own_a and own_b and not own_a & own_b)

    def _villages(self, m: Mention) -> set[str]:
        sentence, resolved = m.report.sentence or "", _key(m.report.location or "")
        found = {_key(x.group(1)) for x in _LOCATIVE_NAME.finditer(sentence)}
        return {n for n in found if n in m.names and self._uncommon(n) and n not in resolved.split()}

    def _figure_link(self, a: Mention, b: Mention) -> str | None:
        """ "figure" when the two sentences give one count and their places do not differ: at most one
        of them names a place below its country ("seven coastguards killed in Pakistan" and "Baloch
        rebels kill seven coastguards in northwest Pakistan"; two towns are two places)."""
        if not _close_counts(a.figures, b.figures, self.settings.count_slack) or not self._unplaced_alike(a, b):
            return None
        return "figure"

    def _unplaced_alike(self, a: Mention, b: Mention) -> bool:
        """Whether places do not tell the two reports apart though none links them: at most one names a place
        below its country, and they do not each name a rare place of their own."""
        if a.place_level in _BELOW_COUNTRY and b.place_level in _BELOW_COUNTRY:
            return False
        rare_a = {n for n in a.names | a.areas if self._uncommon(n)}
        rare_b = {n for n in b.names | b.areas if self._uncommon(n)}
        return not (rare_a and rare_b and not rare_a & rare_b)  # "near Tessit", "near Boni": two places

    def _update(self, a: Mention, b: Mention) -> bool:
        """Whether one report's risen toll ("death toll rises to 38") updates the other's lower count (at least
        ``first_share`` of it: "air strikes kill 20") and is not dated before it (data/events/coref.yaml
        ``risen_toll``); the caller checks that their places link or do not differ."""
        share = self.settings.first_share
        for new, old in ((a, b), (b, a)):
            if new.risen is None or not any(share * new.risen <= n < new.risen for n in old.figures):
                continue
            new_day, old_day = parse_iso(new.report.doc_date), parse_iso(old.report.doc_date)
            if not (new_day and old_day and new_day < old_day):  # a toll does not rise before its first count
                return True
        return False

    def _place_link(self, a: Mention, b: Mention) -> str | None:
        """ "strong" (same town, or a shared proper name), "province" (only the same province) or None."""
        ra, rb = a.report, b.report
        if a.place_level == b.place_level == "place":
            if ra.place_id != rb.place_id or self._own_villages(a, b):
                return None  # two towns, or two villages no gazetteer knows, both put in one district
            return "strong"
        shared = (a.names | a.areas) & (b.names | b.areas)
        if any(self._uncommon(n) for n in shared - a.areas - b.areas):
            return "strong"  # a rare name (a village, a market): common words ("Army") link only weakly
        if (ra.admin1 and ra.admin1 == rb.admin1) or shared:
            return "province"  # a name one of them writes as a province's, or a common word
        return None


_WORD = re.compile(r"[\w'’-]+")


@functools.lru_cache(maxsize=1)
def _group_names() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The shipped ontology's armed groups' names and their guarded acronyms as written ("JNIM", "Ta'ang National
    Liberation Army", "AA"), as word tuples by their first word: read once per process (shipped data; a run's own
    actor files name doers through the events stage's actor1)."""
    ontology = load_cached()
    surfaces = {s for a in ontology.by_type("armed_group") for s in a.surfaces() if len(s) >= 2 and s.isascii()}
    surfaces |= {s for s, _ in ontology.guarded_forms() if s.isascii()}
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for surface in surfaces:
        words = tuple(_WORD.findall(surface))
        if words:
            by_first.setdefault(words[0], set()).add(words)
    return {first: tuple(sorted(names)) for first, names in by_first.items()}


@functools.lru_cache(maxsize=8192)
def _group_words(text: str) -> frozenset[str]:
    """The words of the armed groups' names ``text`` gives, as written (compared as names are: ``_key``)."""
    names, words, found = _group_names(), _WORD.findall(text), set()
    for i, word in enumerate(words):
        for name in names.get(word, ()):
            if tuple(words[i : i + len(name)]) == name:
                found.update(map(_key, name))
    return frozenset(found)


def _figures(sentence: str) -> frozenset[int]:
    """Whole counts of a sentence (not durations, years or clock times): two outlets that give the
    same toll of one day's incident in one country most likely tell of one incident."""
    return frozenset(
        int(q.value)
        for q in find_quantities(sentence)
        if q.value == int(q.value) and 1 <= q.value < 1000 and q.unit not in _DURATIONS
    )


def _looser(link: str | None, other: str, thresholds: dict[str, float]) -> str:
    """Of two links, the one whose similarity threshold is lower."""
    return other if link is None or thresholds[other] < thresholds[link] else link


def _risen(sentence: str, pattern: re.Pattern | None) -> int | None:
    """The count a toll rose to in ``sentence`` (the first whole count after a risen-toll phrase), else None."""
    m = pattern.search(sentence) if pattern else None
    if m is None:
        return None
    counts = [q.value for q in find_quantities(sentence, m.end()) if q.value == int(q.value) and 1 < q.value < 1000]
    return int(counts[0]) if counts else None


def _close_counts(a: frozenset[int], b: frozenset[int], slack: int) -> bool:
    """Whether the two sentences give counts at most ``slack`` apart: outlets' first tolls of one
    incident often differ by one ("three policemen" / "four")."""
    return any(abs(x - y) <= slack for x in a for y in b)


@functools.lru_cache(maxsize=1)
def _figure_lexicon() -> FigureLexicon:
    return FigureLexicon.load()  # shipped data, read once per process


@functools.lru_cache(maxsize=8192)
def _toll_groups(sentence: str) -> frozenset[tuple[str, str]]:
    """(measure, group) of the sentence's tolls that name a group (the figures stage's reader, without
    the document's entities). Cached: each run's clustering reads back the stored reports of its
    windows, whose sentences were read before."""
    readings = SentenceReader(sentence, _figure_lexicon()).read(0, len(sentence))
    return frozenset((r.measure, r.group) for r in readings if r.group and r.low is not None)


def _other_victims(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> bool:
    """Whether the two sentences count the dead (or injured...) of different groups only (groups of
    one kin class are one: data/events/coref.yaml): "two civilians killed" and "two militants killed"
    are two incidents, "two soldiers and three militants" and "three militants killed" may be one. On
    a busy day one country's coverage holds many small tolls: who died is what tells them apart."""
    measures = {m for m, _ in a} & {m for m, _ in b}
    return any(not ({g for m, g in a if m == measure} & {g for m, g in b if m == measure}) for measure in measures)


def _below(m: Mention) -> str | None:
    """The report's place when it lies below the country (a town, a district, a province)."""
    return m.report.place_id if m.place_level in _BELOW_COUNTRY else None


def _days_apart(a: Mention, b: Mention) -> int:
    """Days between the two reports' spans (0 when they overlap)."""
    return max((b.days[0] - a.days[1]).days, (a.days[0] - b.days[1]).days, 0)


def _one_day(m: Mention) -> bool:
    return m.days[0] == m.days[1]


def _conflicting_actors(a: EventReport, b: EventReport) -> bool:
    if not (a.actor1 and b.actor1) or a.actor1 == b.actor1:
        return False
    return a.actor1_type not in NOT_PERPETRATORS and b.actor1_type not in NOT_PERPETRATORS


def same_event(a: EventReport, b: EventReport, coref: Coref | None = None) -> bool:
    """The pairwise decision on two reports (loads the settings and encoder when not given)."""
    coref = coref or Coref()
    mentions = coref.mentions([a, b])
    return len(mentions) == 2 and coref.same(*mentions)


# Types that name an incident only generally ("an attack", "clashes", "an explosion"): each may
# co-refer with any type of its family where two specific types may not (data/events/coref.yaml
# "general"; the disputes stage reads them too).
GENERAL_TYPES = CorefSettings.load().general_types
