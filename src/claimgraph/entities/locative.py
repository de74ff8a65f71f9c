"""Names that stand where a place is expected: after "in"/"near"/"outside", before "district"/"State",
at the head of a wire dateline ("MAIDUGURI, Nigeria (Reuters) -").

The world's towns (entities/world.py) are looked up only for such names and for a tagger's
Location spans, never for any capitalised word: a town called "Mobile", "Jackson" or "Casablanca"'s
alternate "White House" must not turn every mention into a place. A name is the whole run of
capitalised words after the cue ("in White House briefings" looks up "White House", never "White"),
so that a town is never read inside a longer name; a list after a cue ("in Goma, Beni and Bunia")
stands as places too. The cue words are data (``data/places/locative.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from claimgraph.entities.places import Gazetteer, Place, PlaceDataError
from claimgraph.nlp.pattern_text import trie_alternation, word_trie

from ..yamlfiles import load_yaml

_WORD = r"[A-Z](?:[\w'’-]*\w)?"
_PARTICLE = r"(?:de|del|da|do|dos|das|des|du|la|le|el|al|ul|bin|ibn|ad|ash|as|az|an|es|ez|er|en|ed|et)"
# one to four capitalised words, lower-case name particles between them, spaced or hyphened ("Deir ez-Zor",
# "Deir al-Balah", "Mazar-e Sharif" is one word)
NAME = rf"{_WORD}(?:[ ](?:{_PARTICLE}[ -])?{_WORD}){{0,3}}"


_ITEM = re.compile(rf"(?:the[ ])?({NAME})")
_NAME_BEFORE = re.compile(rf"(?<![\w'’-])({NAME})[ ]$")  # the name right before a designator
# the name before a facility, its possessive and one modifier: "Goma's main market", "Beni airport"
_NAME_BEFORE_FACILITY = re.compile(rf"(?<![\w'’-])({NAME})(?:['’]s)?[ ](?:[a-z][a-z-]*[ ])?$")
_LOWER_WORD = r"[a-z][a-z'’-]*[a-z]"
# a line written without capitals (a thread post: "gunfire in maiduguri again"): at least this many
# words, none capitalised but "I" and all-capital abbreviations
_LOWER_LINE_WORDS = 4
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]")
_CAPS_WORD = r"[A-Z][A-Z'’.-]*[A-Z]"
# A wire dateline at the start of a line: "MAIDUGURI, Nigeria, May 3 (Reuters) -", "Goma (AFP) —";
# its first name is where the report was filed, a place
_DATELINE_WINDOW = 400  # characters from the top
_DATELINE = re.compile(
    rf"(?m)^[ \t]*({_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}|{NAME})"
    r"(?=(?:,[ ][^\n()–—-]{2,40})?[ \t]*(?:\([^)\n]{2,30}\)[ \t]*)?[–—-]\s)"
)


def dateline(text: str) -> tuple[int, int] | None:
    """(start, end) of the town that heads a wire dateline ("MAIDUGURI, Nigeria (Reuters) -"), None where
    the text has none in its first lines."""
    m = _DATELINE.search(text, 0, _DATELINE_WINDOW)
    return (m.start(1), m.end(1)) if m else None


# "Town, Region": a comma and a capitalised word after it; the name before the comma (with a lower-case
# designator or area word: "Beni territory, North Kivu"), and the names after it
_PAIR_COMMA = re.compile(r"(?<=[\w.]),[ ](?=[A-Z])")
_NAME_BEFORE_COMMA = re.compile(rf"(?<![\w'’-])({NAME})(?:[ ]([a-z]+))?$")
_NAME_AFTER_COMMA = re.compile(rf"({NAME})(?:[ ]([a-z]+))?")
# the region's name going on as a list ("Armenia, Georgia and Azerbaijan", "Goma, Beni, Butembo or Bunia"), or
# two names more after it ("Ilopango, Soyapango, Mejicanos, Zacamil": "Town, Region, Country" has one)
_LIST_GOES_ON = re.compile(rf"(?:,[ ](?:the[ ])?{NAME})*,?[ ](?i:and|or|&)[ ]|(?:,[ ](?:the[ ])?{NAME}){{2}}")


def town_region_pairs(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, Place | None]]:
    """(start, end, place) of each name read as a town written before the division or country it lies in,
    and of that division ("Atlanta, Georgia": Atlanta in the US state, not the country; "Córdoba, Spain";
    "near Beni, North Kivu"; ``Gazetteer.in_region``); place None for a town the gazetteer does not hold
    in a division that can be no other ("Paris, Texas": no place, not France's capital). A country after
    the comma is left to the dictionary (its state); only the town before it is read. Not in a list of
    names ("Armenia, Georgia and Azerbaijan"), nor before a possessive ("in Washington, Georgia's
    president"). The name before the comma is the longest tail of its capitalised run that makes a pair
    (a headline capitalises the words before it: "Gunmen Kill Three In Macon, Georgia")."""
    out: dict[tuple[int, int], Place | None] = {}
    for comma in _PAIR_COMMA.finditer(text):
        after = _NAME_AFTER_COMMA.match(text, comma.end())
        if after is None or after.group(1).endswith(("'s", "’s", "'", "’")):
            continue
        before = _NAME_BEFORE_COMMA.search(text, max(0, comma.start() - 80), comma.start())
        if before is None:
            continue
        pair = _pair(text, before, after, gazetteer)
        if pair is not None:
            (ts, te, town), (rs, re_, region) = pair
            out.setdefault((ts, te), town)
            if region.kind == "admin1":
                out.setdefault((rs, re_), region)
    return [(s, e, p) for (s, e), p in sorted(out.items())]


def _pair(text: str, before: re.Match, after: re.Match, gazetteer: Gazetteer):
    """((start, end, town), (start, end, region)) of the pair ``before``, ``after`` make, if any."""
    region_ends = [after.end(1)]
    if after.group(2) and gazetteer.world.designates(after.group(2)):
        region_ends.insert(0, after.end(2))  # "Kramatorsk, Donetsk region"
    # the name alone, then with its word ("Surkh Rod" in "Surkh Rod district"; "Beni territory")
    town_ends = [before.end(1)] + ([before.end(2)] if before.group(2) else [])
    words = [w.start() for w in re.finditer(r"\S+", text[before.start(1) : before.end(1)])]
    for start in (before.start(1) + w for w in words):
        for town_end, region_end in ((t, r) for t in town_ends for r in region_ends):
            # the region's words, longest first: "Georgia Governor Brian Kemp" holds "Georgia"
            ends = [after.start(1) + m.end() for m in re.finditer(r"\S+", text[after.start(1) : region_end])]
            for end in reversed(ends if region_end == after.end(1) else [region_end]):
                read = gazetteer.in_region(text[start:town_end], text[after.start(1) : end])
                if read is not None:
                    if _LIST_GOES_ON.match(text, end):
                        return None
                    town, region = read
                    if town is None and (start != before.start(1) or before.group(2) or end != after.end(1)):
                        return None  # a town unknown there: only whole bare names say so
                    return (start, town_end, town), (after.start(1), end, region)
    return None


# a placed name's word ("Beni territory", "Mamove village") and a comma, then the name of what holds it
_REGION_AFTER = re.compile(rf"(?:[ ][a-z]+)?,[ ]({NAME})")


def _regions_after(text: str, spans: set[tuple[int, int]], gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """The division or country named after a comma behind each placed name ("in Beni territory, North
    Kivu", "the village of Mamove, Ituri"): the cue's list stops at a lower-case word, a designator's
    name has no list at all, and a name read with its region would lose it. The longest start of the
    capitalised words there that names a region (``Gazetteer.names_region``), never a possessor."""
    out = []
    for _, end in spans:
        m = _REGION_AFTER.match(text, end)
        if m is None or m.group(1).endswith(("'s", "’s", "'", "’")):
            continue
        ends = [m.start(1) + w.end() for w in re.finditer(r"\S+", m.group(1))]
        for e in reversed(ends):
            if gazetteer.names_region(text[m.start(1) : e]):
                out.append((m.start(1), e))
                break
    return out


def _spaced_trie(words: list[str]) -> str:
    return trie_alternation({" ".join(w.lower().split()) + " " for w in words})


_POSSESSIVE = re.compile(r"['’]s[ ]")
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _possessor_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "Iraq's Diyala", "Goma's Majengo": the possessor and the place it holds, two names; a name that
    ends as a possessor ("a strike on Tahoua's cattle market") without its ending."""
    m = _POSSESSIVE.search(text, start, end)
    spans = [(start, end)] if m is None else [(start, m.start()), (m.end(), end)]
    s, e = spans[-1]
    ending = _POSSESSIVE_END.search(text, s, e)
    if ending is not None and ending.start() > s:
        spans[-1] = (s, ending.start())
    return spans


@dataclass(frozen=True)
class LocativeCues:
    """The compiled cues of locative.yaml; :meth:`spans` finds the names they place."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    lower_before: re.Pattern[str]  # the cues before a name in a line written without capitals
    # (after: the designators; the name before one is read back from it)

    @classmethod
    def load(cls, path=None) -> LocativeCues:
        path = path if path is not None else files("claimgraph") / "data" / "places" / "locative.yaml"
        try:
            data = load_yaml(path.read_text(encoding="utf-8"))
            before, after = list(data["before"]), list(data["after"])
            compass, facilities = list(data["before_lower"]), list(data["facilities"])
            between, after_facility = list(data["between"]), list(data["after_facility"])
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise PlaceDataError(
                f"{path}: expected lists 'before', 'after', 'before_lower', 'between', 'after_facility' and "
                f"'facilities': {exc}"
            ) from None
        listed = rf"((?:the[ ])?{NAME}(?:(?:,[ ]|,?[ ]and[ ])(?:the[ ])?{NAME}){{0,3}})"
        # cue words as a trie after a word boundary (the scan runs over every document), each with the
        # space after it: a whole word ("in", never the start of "inside")
        cues = _spaced_trie(before + [f"{f} {word}" for f in facilities for word in after_facility])
        # "in occupied Kherson", "shelled rebel-held Idlib": a word of control or siege after the cue
        held = rf"(?:(?:the[ ])?(?:{trie_alternation(set(between))}|[a-z]+-(?:held|controlled|occupied|run))[ ])?"
        return cls(
            # the compass words only as written, in lower case (one scan with the other cues)
            re.compile(rf"\b(?<!-)(?:(?i:{cues}){held}|{_spaced_trie(compass)})\s*{listed}(?![\w'’-])"),
            # not when a capitalised word goes on: "Brooklyn District Attorney", "Galveston County Daily News";
            # a designator or a facility, one scan (tried only after a space: longest first is cheap here)
            re.compile(
                rf"(?<=[ ])(?i:(?P<designator>{word_trie(after)})|{word_trie(facilities)})"
                r"(?![\w-])(?![ ][A-Z])"
            ),
            re.compile(rf"\b(?<!-)(?:{cues})\s*(?:the[ ])?({_LOWER_WORD}(?:[ ]{_LOWER_WORD}){{0,2}})"),
        )

    def spans(self, text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
        """(start, end) of every name the cues place, in text order. A name before a designator is
        the longest tail of the capitalised run that ``gazetteer`` knows, with the designator where
        it knows that ("Borno State"), since a headline capitalises the words before it too
        ("Gunmen Attack Bama District"). In a line written without capitals, the longest start of
        the words after a cue that it knows as written so (``Gazetteer.knows_plain``: no English
        words)."""
        known = gazetteer.knows
        # a dateline heads the report: only its first lines are read for one
        out: set[tuple[int, int]] = {(m.start(1), m.end(1)) for m in _DATELINE.finditer(text, 0, _DATELINE_WINDOW)}
        for m in self.before.finditer(text):
            # "in Goma, Beni and Bunia" lists places; in "in Austin, Texas" the name after a comma is
            # the division or country the first lies in; in "in November, Rosenberg said" it is neither
            items = [(m.start(1) + i.start(1), m.start(1) + i.end(1)) for i in _ITEM.finditer(m.group(1))]
            listed = " and " in m.group(1)
            out.update(_possessor_split(text, *items[0]))
            for s, e in items[1:]:
                if listed or gazetteer.names_region(text[s:e]):
                    out.update(_possessor_split(text, s, e))
        for d in self.after.finditer(text):
            if d.group("designator") is None:
                out.update(self._facility_span(text, d.start(), known))
                continue
            m = _NAME_BEFORE.search(text, max(0, d.start() - 80), d.start())
            if m is None:
                continue
            for w in re.finditer(r"\S+", m.group(1)):
                start = m.start(1) + w.start()
                if known(text[start : d.end()]):
                    out.add((start, d.end()))
                    break
                if known(text[start : m.end(1)]):
                    out.add((start, m.end(1)))
                    break
        out |= set(self._plain_spans(text, gazetteer.knows_plain))
        out |= set(_regions_after(text, out, gazetteer))
        # the longer of two overlapping readings (they start together): "Beni, North Kivu province"
        # lists "North Kivu"
        kept: list[tuple[int, int]] = []
        for span in sorted(out, key=lambda se: (se[0], se[0] - se[1])):
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept

    def cued_names(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of the first name after each locative cue between ``start`` and ``end``, whether
        or not a gazetteer knows it ("a raid on Dhusamareb", "the village of Let Yet Kone")."""
        out = []
        for m in self.before.finditer(text, start, end):
            item = _ITEM.match(m.group(1))
            if item is not None:  # without a possessive ending: "Deir ez-Zor's eastern villages"
                name = item.group(1)
                bare = len(name) - next((len(e) for e in ("'s", "’s", "'", "’") if name.endswith(e)), 0)
                out.append((m.start(1) + item.start(1), m.start(1) + item.start(1) + bare))
        return out

    @staticmethod
    def _facility_span(text: str, facility: int, known: Callable[[str], bool]) -> list[tuple[int, int]]:
        """The longest known tail of the name before a facility word: "at Cúcuta bus terminal",
        "Saada's old town" (a person's or a company's name is no town the gazetteer knows)."""
        # most facility words follow a lower-case word ("the school"): rule them out without the regex
        word = text.rfind(" ", max(0, facility - 40), facility - 1) + 1
        if text[word : word + 1].islower():
            word = text.rfind(" ", max(0, word - 40), word - 1) + 1
        if not text[word : word + 1].isupper():
            return []
        m = _NAME_BEFORE_FACILITY.search(text, max(0, facility - 80), facility)
        if m is not None:
            # "Goma's main market": the name without its possessive ending
            end = m.start(1) + (_POSSESSIVE_END.search(m.group(1)) or re.search("$", m.group(1))).start()
            for w in re.finditer(r"\S+", text[m.start(1) : end]):
                start = m.start(1) + w.start()
                if start < end and known(text[start:end]):
                    return [(start, end)]
        return []

    def _plain_spans(self, text: str, known: Callable[[str], bool]) -> list[tuple[int, int]]:
        out = []
        pos = 0
        for line in text.split("\n"):
            if not _TITLE_WORD.search(line) and len(line.split()) >= _LOWER_LINE_WORDS:
                for m in self.lower_before.finditer(line):
                    ends = [w.end() for w in re.finditer(r"\S+", m.group(1))]
                    for end in reversed(ends):
                        if known(m.group(1)[:end]):
                            out.append((pos + m.start(1), pos + m.start(1) + end))
                            break
            pos += len(line) + 1
        return out


# --------------------------------------------------------------------------- names that name something else


@dataclass(frozen=True)
class _NameUses:
    """The compiled lists of ``data/places/features.yaml``."""

    after: re.Pattern[str]  # a feature word right after a name ("Niger river")
    before: re.Pattern[str]  # a feature word right before one ("Lake Chad", "Gulf of Guinea")
    operation: re.Pattern[str]  # an operation's name ("Operation Hadin Kai")
    given_names: frozenset[str]  # countries' names that are given names too ("Jordan")
    water: frozenset[str]  # words of a body of water's name ("Red Sea", "Gulf of Aden")


# a word that ends an operation's name in a headline's capitals ("Army Launches Operation Against Taliban")
_NOT_IN_NAME = {
    "in",
    "on",
    "at",
    "near",
    "against",
    "across",
    "along",
    "around",
    "into",
    "from",
    "for",
    "to",
    "of",
    "and",
    "the",
    "as",
    "after",
    "over",
    "kills",
    "killed",
    "says",
    "said",
}


@cache
def _name_uses() -> _NameUses:
    path = files("claimgraph") / "data" / "places" / "features.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        after, before, operation = list(data["after"]), list(data["before"]), list(data["operation"])
        given = frozenset(str(n) for n in data["given_names"])
        water = frozenset(str(w).lower() for w in data["water"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise PlaceDataError(
            f"{path}: expected lists 'after', 'before', 'operation', 'given_names' and 'water': {exc}"
        ) from None
    ops = "|".join(re.escape(w) for w in sorted(operation, key=len, reverse=True))
    return _NameUses(
        re.compile(rf"[ ](?i:{word_trie(after)})(?![\w-])"),
        re.compile(rf"(?<![\w-])(?i:{_spaced_trie(before)})(?:the[ ])?$"),
        re.compile(rf"(?<![\w-])(?:{ops})[ ]({_WORD}(?:[ ]{_WORD}){{0,3}})"),
        given,
        water,
    )


def names_water(name: str) -> bool:
    """Whether ``name`` is a body of water's ("the Red Sea", "Persian Gulf", "Gulf of Aden", "Strait of
    Hormuz": features.yaml's ``water``), which no country holds."""
    words = name.lower().split()
    if len(words) < 2:
        return False
    water = _name_uses().water
    return words[-1] in water or (words[0] in water and words[1] == "of")


def feature_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the geographic feature whose name holds the name at ``start:end`` ("the Niger river",
    "Lake Chad", "the Gulf of Guinea": data/places/features.yaml), or None where it names no feature."""
    uses = _name_uses()
    after = uses.after.match(text, end)
    before = uses.before.search(text, max(0, start - 24), start)
    if after is None and before is None:
        return None
    return (before.start() if before else start, after.end() if after else end)


def operation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each named military operation's name ("Operation Hadin Kai", "Op Hadin Kai"): its
    capitalised words name the operation, never a place. A headline's capitals stop at a preposition or a
    verb of the headline ("Army Launches Operation Against Taliban In Helmand" names no operation)."""
    out = []
    for m in _name_uses().operation.finditer(text):
        words = m.group(1).split(" ")
        kept = 0
        while kept < len(words) and words[kept].lower() not in _NOT_IN_NAME:
            kept += 1
        if kept:
            out.append((m.start(1), m.start(1) + len(" ".join(words[:kept]))))
    return out


# a capitalised surname after a first name, then no capitalised word (a headline's "Jordan King Abdullah" and
# "Israel Strikes Gaza" go on in capitals) and no "for" (an institution's name: "Israel Fund for ..."); "of" only
# before a place (see surname_after)
_SURNAME = re.compile(r"[ ]([A-Z][a-z][\w'’-]*)(?![\w'’-])(?![ ]+(?:[A-Z0-9]|for[ ]))")
# "of" and up to three capitalised words after a surname: a person's home town ("Chad Mendelson of Tulsa") or
# an institution's name ("Israel Institute of Technology")
_OF_AFTER = re.compile(r"[ ]+of[ ]+([A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2})")


# a state's name after "of" is in a longer name ("Communist Party of India Maoist", "Bank of Israel Governor")
_OF_BEFORE = re.compile(r"\bof[ ]$", re.IGNORECASE)


def surname_after(
    text: str, start: int, end: int, usual_case: Callable[[str], str], is_place: Callable[[str], bool]
) -> tuple[int, int] | None:
    """The span of the surname after a state's name that is a given name too ("Jordan Bardella", "Chad Wolf,
    a former ..."), or None. ``usual_case``: a word as usually written (Truecaser.word): a surname is written
    with a capital ("Katz"); a word usually written in lower case ("Israel Defense Forces", "Chad Army")
    is none. A surname may go on with "of" and a place (``is_place``: a name the gazetteer knows), the way a
    reporter places a person ("Chad Mendelson of Tulsa"); "of" and words of no place make an institution's
    name ("Israel Institute of Technology")."""
    if text[start:end] not in _name_uses().given_names or _OF_BEFORE.search(text, max(0, start - 5), start):
        return None
    m = _SURNAME.match(text, end)
    if m is None or not usual_case(m.group(1))[:1].isupper():
        return None
    of = _OF_AFTER.match(text, m.end())
    if of is not None:
        words = of.group(1).split(" ")
        if not any(is_place(" ".join(words[:n])) for n in range(len(words), 0, -1)):
            return None
    return m.span(1)
