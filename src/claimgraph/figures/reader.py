"""Number phrases of one sentence, read as figures: what they count (group), what happened to it
(measure) and the interval the qualifier allows. Pure functions of the text and the lexicon; the
events stage reads an event's toll with them, the figures component every figure.

    "killed four police officers as well as some 30 villagers"
        -> killed police [4, 4]; killed civilians about [27, 33]; killed (total) [31, 37]
    "three guards, two soldiers and a driver were killed" -> 3 + 2 + 1 by group, and 6 in all
    "scores of civilians were killed" -> nothing: a vague amount is no number

A number's measure is the word right after it or its group ("12 killed", "two soldiers died"),
else the verb right before it or the list it is part of ("killed four ... as well as some 30
..."), else a death-toll phrase ("the death toll rose to 40"). A count of a group's members
("2,000 fighters") or holdings ("20 camps") with an actor beside it is a "strength" figure of that
actor (``subject``). Other numbers are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimgraph.figures import counts
from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.numbers import interval, is_calendar, value_of
from claimgraph.model import Mention
from claimgraph.nlp.pattern_text import lowered_document

_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*")
# plural heads without a final s, and uncountables: never "a" one
_NOT_SINGULAR = frozenset("police people personnel crew children schoolchildren levies troops".split())
# words a group phrase does not run across
_STOP = frozenset(
    "in at on near of from with by and or but was were is are has have had who whose which that when after before "
    "during while as for to into since including among said says say told the a an their its his her".split()
)
_COORDINATION = re.compile(
    r"^\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|along\s+with\s+|plus\s+)?|(?:,\s*)?(?:and|as\s+well\s+as|along\s+with|"
    r"plus|besides|together\s+with)\s+)(?:also\s+)?(?:(?:his|her|their|its)\s+)?$",
    re.IGNORECASE,
)
# a count of some of a group's members or holdings: "two of its members", "three of the camps"
_PARTITIVE = re.compile(r"\s+of\s+(?:its|their|his|her|the|our|those|these)\s", re.IGNORECASE)
_MEMBERS = frozenset({"member", "members"})
_FORCE_PART_MIN = 10
_OWN_FORCE = re.compile(r"\b(?:its|their|his|her|our)\s", re.IGNORECASE)
# a count of the speaker's own force ("our forces number 25,000", "12,000 of our mujahideen", "we have 5,000
# fighters"): its subject is whoever speaks, which the figure's speaker says (figures.extract)
_FIRST_PERSON = re.compile(r"\b(?:our|we|us)\b", re.IGNORECASE)
SPEAKER_SUBJECT = "@speaker"
# a count of fighters that names no group ("the militants number about 500"): the story's one armed group's,
# which the figures stage decides (figures.extract), or no one's
STORY_SUBJECT = "@story"
# a count of a state's soldiers named by its people's adjective only ("6,000 Eritrean troops"): that state's
# forces; "@nation:ER", which the figures stage gives the state of that country (figures.extract)
NATION_SUBJECT = "@nation:"
_LAST_WORD = re.compile(r"([A-Za-z][\w'’-]*)\W*$")
# a clause's first noun after a determiner or "remaining": "The remaining terrorists ..."
_CLAUSE_SUBJECT = re.compile(
    r"\s*(?:(?:the|these|those|all|remaining|surviving|active)\s+)*([A-Za-z][\w'’-]*)", re.IGNORECASE
)
_SUBSET = re.compile(
    r"(?:,\s*|\(\s*|\s)(?:including|among\s+them|among\s+whom|of\s+whom|among\s+the\s+(?:dead|victims|injured|"
    r"wounded)(?:\s+(?:were|are))?)\s+$",
    re.IGNORECASE,
)
_AUX = (
    r"(?:(?:who|that)\s+)?(?:(?:were|was|are|is|have|has|had|got|being)\s+(?:been\s+)?|been\s+)?"
    r"(?:(?:also|reportedly|allegedly|all|both|later|subsequently|critically|seriously|severely|slightly|"
    r"fatally|mortally|badly|now|so\s+far|confirmed|believed\s+to\s+have\s+been|feared|said\s+to\s+have\s+been)\s+)*"
)
# what starts a verb's object: "killed at least 12", "killed two", "killed the driver"
_OBJECT_NEXT = re.compile(
    r"\s+(?:\d|(?:at\s+least|more\s+than|up\s+to|about|nearly|some|around|over|the|a|an|his|her|their|its|"
    r"several|dozens|scores|hundreds|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty)\b)",
    re.IGNORECASE,
)
_QUOTES = " -'\"‘’“”"
_OF_GAP = re.compile(r"\s+of\s*$")
_ANOTHER = re.compile(r"\s*(?:another|yet\s+another)\b", re.IGNORECASE)
_SINGULAR_WORDS = 5  # "Former Senior Pakistani Police Officer killed": a head within five words


def _is_stop(word: str) -> bool:
    """A function word ends a group phrase; "IS" (the group) or a headline's "In" does not."""
    return word.lower() in _STOP and not word[:1].isupper()


# (a count of some of them, "17 of them children", "at least six of whom were women", is an aside too)
_ASIDE = re.compile(
    r"\s*[,(]\s*(?:including|among\s+them|among\s+whom|mostly|most\s+of\s+them|all\s+of\s+them|many\s+of\s+them"
    r"|(?:[\w-]+\s+){1,3}of\s+(?:them|whom))"
    r"\b[^,;.()]{1,80}[,)]",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# a count followed by what it is part of: "killed 30 people, four children among them"
_AMONG_AFTER = re.compile(r"\s+among\s+(?:them|whom|the\s+(?:dead|victims|injured|wounded))\b", re.IGNORECASE)
# what starts one person's noun phrase: an article, or a possessive ("two engineers and their driver"),
# "the" before a singular head ("killing the driver and 11 passengers"); not "its" ("arrested 12 members,
# including its leader": a group's own member is part of a figure already read)
_ARTICLE = re.compile(r"\b(?:an?|another|one|the|their|his|her)\s+", re.IGNORECASE)
_AUX_RE = re.compile(_AUX, re.IGNORECASE)
_OF_ANY = re.compile(r"\s+of\s+", re.IGNORECASE)
_OF_THE = re.compile(r"\s+of\s+(?:the\s+|those\s+|them\b|its\s+|their\s+|his\s+|her\s+|our\s+)", re.IGNORECASE)
# words between a verb and its number that leave the verb's measure to it: "killed the", "killed himself and 23"
_LEAD = re.compile(
    r"(?:\b(?:himself|herself|themselves)\s+(?:and|as\s+well\s+as|along\s+with)\s+)?"
    r"(?:\b(?:the|a|an|another|further|also|some|its|their|all|both)\s+)*(?:[\"“‘']\s*)?$",
    re.IGNORECASE,
)
# function words an of-phrase runs across ("4 members of the group's Quetta cell killed"); any other one
# ends it: "belonged to a relative of X and that four of the dead ..." gives the relative no measure
_OF_PHRASE_WORDS = frozenset("of the a an its their his her our".split())
# a count of some of a toll's victims: "four of the dead were men", "two of the injured", "three of the
# victims": part of a figure given before, never a figure of its own
_OF_TOLL = re.compile(r"(?:dead|killed|slain|victims|casualties|(?P<injured>injured|wounded|hurt))\b", re.IGNORECASE)
# a singular right before a saying verb, or whose office or spokesman says, is who speaks, not a victim:
# "among them a nurse, the governor said", "the governor's office said" (a possessive alone is no sign:
# "a policeman's body was found" is a toll)
_SPEAKS_NEXT = re.compile(
    r"(?:['’]s(?:\s+[\w-]+){1,2})?\s+(?:(?:also|later|earlier)\s+)?(?:said|says|told|added|stated|reported|confirmed|claimed)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"\s*[,;:.!?)]")
# a singular right after these words is a source: "according to the mayor", "citing a police officer"
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|citing|quoting)\s+$", re.IGNORECASE)
# generic heads that are no people: "lost 20 bodies" is no toll of a person-only verb
_NOT_PEOPLE = frozenset("lives bodies body families households".split())
_POSSESSIVE_PART = re.compile(r"\s+of\s+(?:its|their|his|her|our)\s", re.IGNORECASE)
# right before a count: "our two brothers", "our 12 men"
_OUR_BEFORE = re.compile(r"\bour\s+$", re.IGNORECASE)
# a speaker's verb right before a bare number: "residents said at least 60", "told reporters 45"
_TOLD_BEFORE = re.compile(
    r"\b(?:said|says|say|told(?:\s+[\w-]+){0,2}|estimated|counted)\s+(?:that\s+)?$", re.IGNORECASE
)
_NO_BEFORE = re.compile(r"\bno\s+$", re.IGNORECASE)  # "no one was injured": no figure
_AGE = re.compile(r"\s*\d{1,3}[\s-]*(?:years?|months?)[\s-]*old\b[\s-]*", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:were|was|are|is|been|being|be|got|get|gets)\b", re.IGNORECASE)
# before a verb: what is threatened, planned or possible, not done
_NOT_DONE = frozenset("to will would could can may might shall should must cannot".split())
_AMONG = re.compile(r"\s*among\s+(?:the\s+)?", re.IGNORECASE)
_AMONG_NUMBER = re.compile(r"[\w,]+\s+")
_ACTOR_AFTER = re.compile(
    r"^\s*(?:of|in|from|with|for|loyal\s+to|belonging\s+to|affiliated\s+with|linked\s+to)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:.!?]|\b(?:while|whereas|but|although)\b", re.IGNORECASE)
_PHRASE_END = re.compile(
    r"\s*(?:$|[,;:.!?)]|(?:in|at|on|near|of|from|and|as|after|during|who|which|by)\b)", re.IGNORECASE
)
# a second group joined to a count's group: "and (members of) (the) (so-called) <head or name>"; no article
# before a head ("12 soldiers and a civilian": the civilian is a count of its own)
_COORDINATED = re.compile(
    r"\s+(?:and|&)\s+(?:(?:other\s+)?(?:members?|fighters?|elements?|personnel|men)\s+of\s+(?:the\s+)?|the\s+(?=[A-Z]))?"
    r"(?:so-called\s+)?(?P<part>\S)"
)
# a name right there: capitalised words ("VDP", "Popular Mobilisation Forces")
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+the\s+|for\s+the\s+)?[A-Z][\w'’-]*){0,4}")
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][\w'’-]*\)")
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?(?:so-called\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}")
# a toll with no group, then the attack it is the toll of and that attack's target: "Death toll reaches 30
# in attack on Shia pilgrims" (the pilgrims are the dead); the target phrase starts where the match ends
_TARGET_AFTER = re.compile(
    r"(?:\s+(?:killed|dead|injured|wounded|hurt))?\s+(?:in|from|after|following)\s+(?:an?\s+|the\s+|last\s+\w+'s\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|assaults?|bombings?|blasts?|raids?|ambush|shootings?|strikes?|firing)\s+"
    r"(?:on|against|targeting|at)\s+(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One figure of a sentence, before the document-level fields (id, event, speaker, date)."""

    start: int
    end: int
    text: str
    measure: str
    group: str | None
    group_text: str | None
    low: float | None
    high: float | None
    qualifier: str
    subject: str | None = None
    total: bool = False  # the sum of a tally's items
    subset: bool = False  # part of a figure before it ("nine soldiers, including an officer"): never added to it
    own_side: bool = False  # the speaker's own people ("two of our brothers"): the speaker's side, where known
    step: bool = False  # an addition to a toll told elsewhere ("two more", "another three"): no toll of its own
    ordinal: bool = False  # "a fourth soldier died": the group's toll stands at that many at least


@dataclass
class _Item:
    start: int  # the qualifier or number
    num_end: int
    end: int  # after the group phrase (or the number)
    value: float
    value_max: float | None
    qualifier: str  # a QUALIFIER_KINDS entry, "exact" or "range"
    head: str | None = None  # the group phrase's head, lower-case
    head_start: int | None = None
    group_start: int | None = None  # where the group phrase starts (after the number)
    measure: str | None = None
    adjective: str | None = None  # a measure written as the group's adjective: "31 displaced people"
    part_of: str | None = None  # the measure of the toll it is part of: "four of the dead" (killed)
    told_group: str | None = None  # the victims of the toll a bare told number answers (``_told_count``)
    part_of_figure: bool = False  # "nine of them died", "four children among them": some of a count before it
    mixed: bool = False  # two groups joined by "and" counted together ("40 soldiers and members of the VDP")
    step: bool = False  # "two more", "another three" (``counts.is_step``)
    ordinal: bool = False  # "a fourth soldier" (``counts.ordinal_in``): value is the ordinal, at least


class SentenceReader:
    """Reads the figures of one sentence of ``text``; ``mentions``: the document's entity mentions."""

    def __init__(self, text: str, lex: FigureLexicon, mentions: list[Mention] = ()):
        self.text = text
        self.lex = lex
        self.mentions = [m for m in mentions if m.actor_id or m.type in ("Organisation", "Nationality")]
        self._heads = lex.heads
        self.low = lowered_document(text)  # same offsets as text, or None where lowering moves them
        self.counts = counts.load_rules()
        self._persons = frozenset({*lex.group_of, *lex.generic})  # whose age may follow them ("a farmer, 58,")

    # -- numbers and their group phrases ---------------------------------------------------------

    def _numbers(self, s: int, e: int):
        """Matches of the number pattern in ``text[s:e]``, tried only where a number may start."""
        text = self.low if self.low is not None else self.text
        pattern, pos = (self.lex.number_lowered if self.low is not None else self.lex.number), s
        starts = self.lex.number_low if self.low is not None else self.lex.number_any
        while (start := starts.search(text, pos, e)) is not None:
            m = pattern.match(text, start.start(), e)
            if m is None or (start.start() > 0 and text[start.start() - 1].isalnum()):
                pos = start.end()
                continue
            if is_calendar(self.text, m):  # "March 7 - 12 people": the day is skipped, the count read
                pos = m.end("num")
                continue
            yield m
            pos = m.end()

    def _items(self, s: int, e: int) -> list[_Item]:
        items, ages = [], None
        for m in self._numbers(s, e):
            if ages is None:  # only a sentence with a number is searched for ages
                ages = counts.age_spans(self.text, s, e, self._persons, self.counts)
            if counts.inside(ages, m.start("num")):
                continue  # "a 52-year-old farmer", "aged 7 and 9", "Ahmed Nur, 40,": an age is no count
            value = value_of(m.group("num"))
            if value is None or _NO_BEFORE.search(self.text, max(s, m.start("num") - 4), m.start("num")):
                continue
            if self.lex.negative_before.search(self.text, max(s, m.start("num") - 20), m.start("num")):
                continue  # "not one soldier died": a denial of a toll
            value_max = value_of(m.group("num2")) if m.group("num2") else None
            if value_max is not None and value_max <= value:
                value_max = None  # "one or two" read as its first number only where the second is not higher
            start, kind = m.start("num"), "exact"
            between = _BETWEEN.search(self.text, max(s, start - 9), start)
            if between and value_max is not None:
                start = between.start()
            q = self.lex.qualifier.search(self.text, max(s, start - 25), start)
            if q and value_max is None:
                kind, start = self.lex.qualifier_kind[re.sub(r"\s+", " ", q.group("q").lower())], q.start("q")
            num_end = m.end("num2") if value_max is not None else m.end("num")
            if value_max is None and self.text.startswith("+", num_end):  # "20+ killed"
                kind, num_end = "at_least", num_end + 1
            if items and items[-1].head is not None and _OF_GAP.match(self.text, items[-1].end, start):
                continue  # "ten members of one family": whose members they are, no count of its own
            item = _Item(start, num_end, 0, value, value_max, kind)
            item.end = item.num_end
            item.step = counts.is_step(self.text, start, num_end, s, e, self.counts)
            self._group_phrase(item, e)
            if item.head is not None:
                self._coordinated(item, e)
            items.append(item)
        measure = self.lex.measure_low if self.low is not None else self.lex.measure_any
        if measure.search(self.low or self.text, s, e):  # a singular counts only where a measure reaches it
            items += self._singular_items(s, e, items)
        return sorted(items, key=lambda i: i.start)

    def _coordinated(self, item: _Item, e: int) -> None:
        """One count of two groups joined by "and": "40 soldiers and members of the VDP were killed", "killed
        73 soldiers and militiamen of the so-called VDP", "33 soldiers and VDP lost their lives". The phrase
        runs on over the second group (a head of the lexicon, or a name: a militia's acronym) when a clause
        end, a preposition or a measure follows it; the count is then no count of the first group alone (a
        total of those named, unless both are one group)."""
        m = _COORDINATED.match(self.text, item.end, e)
        if m is None:
            return
        name = _NAME.match(self.text, m.start("part"), e)
        h = self._heads.match(self.text, m.start("part"), e)
        if name is not None and (h is None or name.end() > h.end()):  # "the Volunteers for the Defence of X"
            end, other = name.end(), None
        elif h is not None:
            end, other = h.end(), self.lex.group_of.get(re.sub(r"\s+", " ", h.group().lower()))
        else:
            return
        acronym = _ACRONYM_AFTER.match(self.text, end, e)  # "... of the Homeland (VDP)"
        if acronym is not None:
            end = acronym.end()
        of_name = _OF_NAME.match(self.text, end, e)  # "militiamen of the so-called VDP"
        if of_name is not None:
            end = of_name.end()
        if not (_PHRASE_END.match(self.text, end, e) or self._after_measure(end, e, True)):
            return  # "killed 12 soldiers and Boko Haram claimed ...": a clause of its own
        item.end = end
        item.mixed = other != self.lex.group_of.get(item.head)

    def _group_phrase(self, item: _Item, e: int) -> None:
        """The head noun after the number, up to four words on ("30 Frontier Corps soldiers"), or a
        measure word right after it ("12 killed")."""
        pos = item.num_end
        of = _OF_THE.match(self.text, pos, e)
        if of:
            pos = of.end()
            item.part_of_figure = of.group().rstrip().lower().endswith("them")  # "nine of them died"
            toll = _OF_TOLL.match(self.text, pos, e)
            if toll:  # "four of the dead (were men)": a part of a toll; "two of the wounded soldiers" keeps its head
                item.part_of = "injured" if toll.group("injured") else "killed"
                item.end = toll.end()
                if not self._heads.match(self.text, toll.end() + 1, e):
                    # _OF_THE ignores case ("NINE OF THE DEAD" in a wire in capitals): so does this
                    item.group_start = of.start() + re.match(r"\s*of\s+", of.group(), re.IGNORECASE).end()
                    return
        words = list(_WORD.finditer(self.text, pos, min(e, pos + 60)))[:5]
        for k, w in enumerate(words):
            if _is_stop(w.group()) or w.group()[0].isdigit():
                break
            if self.text[words[k - 1].end() if k else pos : w.start()].strip(_QUOTES):
                break  # punctuation between: the phrase ended
            h = self._heads.match(self.text, w.start(), e)
            if h:
                # the longest head starting at the last head word: keep going while another head follows
                item.head, item.head_start, item.end = re.sub(r"\s+", " ", h.group().lower()), h.start(), h.end()
                item.group_start = words[0].start()
                nxt = [x for x in words[k + 1 :] if x.start() >= h.end()]
                if (
                    nxt
                    and not self.text[h.end() : nxt[0].start()].strip()
                    and self._heads.match(self.text, nxt[0].start(), e)
                ):
                    continue
                break
            if k == 0:
                adjective = next((m for m, p in self.lex.measure_after.items() if p.match(self.text, w.start())), None)
                if adjective is not None:
                    nxt = words[1] if len(words) > 1 else None
                    if nxt is None or not self._heads.match(self.text, nxt.start(), e):
                        break  # "12 killed": the measure itself, no group
                    item.adjective = adjective  # "31 displaced people", "two wounded soldiers"

    def _singular_items(self, s: int, e: int, numbers: list[_Item]) -> list[_Item]:
        """One person each: "a soldier", "an officer", and, as headlines write them, a bare singular
        noun at the start of the sentence or of a list item or right after a verb ("Policeman shot
        dead", "Pakistani villager, Indian soldier killed", "kills Pakistani policeman"). A bare one
        is kept only where a measure reaches it (``read``)."""
        out = []
        taken = [(i.start, i.end) for i in numbers]
        starts = [(m.start(), m.end()) for m in _ARTICLE.finditer(self.text, s, e)]
        bare = self.lex.bare_start if self.low is None else self.lex.bare_start_low
        starts += [(m.end(), m.end()) for m in bare.finditer(self.low or self.text, s, e)]
        starts.append((s, s))
        for start, words_from in sorted(set(starts)):
            item = _Item(start, words_from, words_from, 1.0, None, "exact")
            age = _AGE.match(self.text, words_from, e)  # "a 15-year-old boy"
            phrase_from = words_from
            if age:
                words_from = age.end()
            last = words_from
            for w in list(_WORD.finditer(self.text, words_from, min(e, words_from + 50)))[:_SINGULAR_WORDS]:
                if (
                    _is_stop(w.group())
                    or w.group()[0].isdigit()
                    or self.text[last : w.start()].strip(_QUOTES)
                    or w.group().lower() in self.lex.before_words  # a verb ends the noun phrase
                ):
                    break
                last = w.end()
                h = self._heads.match(self.text, w.start(), e)
                head = h.group().lower() if h else None
                if head and (head in self.lex.group_of or head in self.lex.generic):
                    if not self._singular(head):
                        break  # a bare plural is no count ("Soldiers Executed Fishermen After Insurgent Raid")
                    item.head, item.head_start, item.end, item.group_start = head, h.start(), h.end(), words_from
                    break
            if item.head is None and age and last == words_from:
                # "a 17-year-old was arrested": the age names one person
                end = age.start() + len(age.group().rstrip(" -"))
                item.head, item.head_start, item.end, item.group_start = "person", age.start(), end, phrase_from
            if item.head is None or any(a < item.end and item.start < b for a, b in taken):
                continue
            item.step = bool(_ANOTHER.match(self.text, start, item.head_start))  # "another soldier died"
            ordinal = counts.ordinal_in(self.text, start, item.head_start, self.counts)
            if ordinal is not None:  # "a fourth soldier died": that group's toll is at least four now
                item.value, item.qualifier, item.ordinal = float(ordinal), "at_least", True
            if any(b <= start and _OF_GAP.match(self.text, b, start) for _, b in taken[: len(numbers)]):
                continue  # "ten members of one family", "11 members of the Civilian JTF": whose they are, no count
            if _SOURCE_BEFORE.search(self.text, max(s, start - 20), start):
                continue  # "According to the mayor, ...": who gives the figures, no victim
            if self.lex.negative_before.search(self.text, max(s, item.head_start - 30), item.head_start):
                continue  # "No civilian was killed": a denial of a toll, no figure of one
            if _SPEAKS_NEXT.match(self.text, item.end, e):
                continue
            taken.append((item.start, item.end))
            out.append(item)
        return out

    def _people(self, item: _Item, e: int) -> bool:
        """Whether an item counts people (a victim group or a generic count of persons), or is a bare
        number ending its clause ("the military said it lost four"): what a person-only verb may count."""
        if item.head is None:
            return bool(_CLAUSE_END.match(self.text, item.end, e)) or item.end >= e
        if item.head in self.lex.own_people_heads or item.head in self.lex.own_bare_heads:
            return True  # "we lost four comrades", "two of our brothers fell"
        return item.head in self.lex.group_of or (item.head in self.lex.generic and item.head not in _NOT_PEOPLE)

    @staticmethod
    def _singular(head: str) -> bool:
        last = head.split()[-1]
        return not (last.endswith("s") or last.endswith("men") or last in _NOT_SINGULAR)

    # -- measures -----------------------------------------------------------------------------------

    def _after_measure(self, pos: int, e: int, people: bool = False) -> str | None:
        pos = counts.skip_age(self.text, pos, e, self.counts)  # "Two children, aged 7 and 9, were killed"
        aside = _ASIDE.match(self.text, pos, e)  # "7 people, including a child, were killed"
        if aside:
            pos = aside.end()
        pos += len(self.text[pos:e]) - len(self.text[pos:e].lstrip(_QUOTES))  # "five 'militants' killed"
        aux = _AUX_RE.match(self.text, pos, e)
        at = aux.end() if aux else pos
        at += len(self.text[at:e]) - len(self.text[at:e].lstrip())
        patterns = [*self.lex.measure_after.items(), *(self.lex.after_person.items() if people else ())]
        for measure, pattern in patterns:
            word = pattern.match(self.text, at, e)
            if word:
                passive = aux is not None and _PASSIVE.search(aux.group())
                if not passive and _OBJECT_NEXT.match(self.text, word.end(), e):
                    return None  # "A suicide bomber killed at least 12": active, its object was killed
                return measure
        among = _AMONG.match(self.text, at, e) or _AMONG.match(self.text, pos, e)  # "(were) among the dead"
        if among:
            number = _AMONG_NUMBER.match(self.text, among.end(), e)  # "among six killed"
            for start in (among.end(), number.end() if number else None):
                for measure, pattern in self.lex.measure_after.items():
                    if start is not None and pattern.match(self.text, start, e):
                        return measure
        return None

    def _measure_past_words(self, item: _Item, e: int) -> str | None:
        """A measure a few words on, past words the lexicon does not know or an of-phrase: "Three
        Islamic preachers killed", "Four more killed", "4 members of the group's Quetta cell killed".
        The words skipped become the group text."""
        pos = item.end
        of = _OF_ANY.match(self.text, pos, e)
        words = list(_WORD.finditer(self.text, of.end() if of else pos, min(e, pos + 70)))[:6]
        last = of.end() if of else pos
        for k, w in enumerate(words):
            stop = _is_stop(w.group()) and (not of or w.group().lower() not in _OF_PHRASE_WORDS)
            if stop or w.group()[0].isdigit() or self.text[last : w.start()].strip(_QUOTES):
                return None
            last = w.end()
            if not of and k >= 3:
                return None
            measure = self._after_measure(w.end(), e, self._people(item, e))  # "8 members of X fell"
            if measure is not None:
                if item.head is None:
                    item.group_start, item.end = words[0].start(), w.end()
                return measure
        return None

    def _before_measure(self, pos: int, s: int, people: bool = False) -> str | None:
        window = max(s, pos - 60)
        lead = _LEAD.search(self.text, window, pos)
        at = lead.start() if lead else pos
        words = (self.low[window:at] if self.low is not None else self.text[window:at].lower()).split()
        words = [w.strip(_QUOTES) for w in words]  # 'claimed to have "eliminated" more than 100 soldiers'
        for n in (4, 3, 2, 1):  # the longest verb phrase ending right there
            phrase = " ".join(words[-n:])
            measure = self.lex.before_words.get(phrase) or (self.lex.before_person.get(phrase) if people else None)
            if len(words) >= n and measure:
                if len(words) > n and words[-n - 1] in _NOT_DONE:
                    return None  # "threatening to kill a journalist", "would kill": not a toll
                return measure
        # a toll phrase may name its count well before the verb ("the number of people killed in the
        # shelling of Kramatorsk rose to 19"): its own patterns bound how far
        phrase = max(s, pos - 130)
        if self.lex.toll_key.search(self.low or self.text, phrase, at) and self.lex.toll_before.search(
            self.text, phrase, at
        ):
            return "killed"
        if self.lex.injured_toll_before.search(self.text, phrase, at):
            return "injured"
        return None

    def _direct_measure(self, item: _Item, e: int) -> str | None:
        """A measure word right after the number itself ("12 killed", "five dead")."""
        if item.head is not None and item.head_start is not None and item.head_start > item.num_end + 1:
            return None
        at = item.num_end + len(self.text[item.num_end : e]) - len(self.text[item.num_end : e].lstrip())
        if item.head is None:
            for measure, pattern in self.lex.measure_after.items():
                if pattern.match(self.text, at, e):
                    return measure
        return self.lex.implied.get(item.head)  # "28 bodies were found": killed

    # -- the sentence -------------------------------------------------------------------------------

    def read(self, s: int, e: int, back: int | None = None) -> list[Reading]:
        """The figures of the sentence ``text[s:e]``; ``back``: where the sentence before it starts, whose
        toll a bare number told by a speaker may answer ("... were killed. Residents said at least 60.")."""
        items = self._items(s, e)
        lists: list[list[_Item]] = []
        for item in items:
            prev = lists[-1][-1] if lists else None
            if (
                prev is not None
                and prev.head is not None
                and item.head is not None
                and prev.end <= item.start
                and not item.part_of_figure  # "24 people, 17 of them children, were killed": a part, no list item
                and _COORDINATION.match(self.text[prev.end : item.start])
            ):
                lists[-1].append(item)
            else:
                lists.append([item])
        out: list[Reading] = []
        previous: str | None = None
        for group in lists:
            for item in group:
                item.measure = self._direct_measure(item, e)
            people = all(self._people(item, e) for item in group)
            after = self._after_measure(group[-1].end, e, people)
            before = None
            if after is None and not all(item.measure for item in group):
                before = self._before_measure(group[0].start, s, people)
            subset = bool(previous) and bool(_SUBSET.search(self.text, max(s, group[0].start - 30), group[0].start))
            if before is None and subset:
                before = previous  # "killing 12 people, including three children"
            trailing = bool(previous) and bool(_AMONG_AFTER.match(self.text, group[-1].end, e))
            if trailing and before is None and after is None:
                before = previous  # "killed 30 people, four children among them"
            for item in group:
                item.measure = item.measure or after or before or item.adjective or item.part_of
            if len(group) == 1 and group[0].measure is None:
                group[0].measure = self._measure_past_words(group[0], e)
            if len(group) == 1 and group[0].measure is None:
                self._told_count(group[0], s if back is None else back, e)
            readings = [r for r in (self._reading(item, s, e) for item in group) if r is not None]
            # a partitive is some of a count, never the event's toll: "two of the dead were women", "19 of the
            # wounded are critical", "18 of the wounded died overnight" (the toll is the count they are part of)
            partitive = any(item.part_of or item.part_of_figure for item in group)
            if subset or trailing or partitive:
                readings = [replace(r, subset=True) for r in readings]
            readings = [self._target_group(self._elided_group(r, out, s), e) for r in readings]
            counted = [
                r
                for r in readings
                if r.measure in ("killed", "injured", "abducted", "arrested", "displaced") and not r.step
            ]
            if len(counted) >= 2 and len({r.measure for r in counted}) == 1:
                # items of one victim group are one count of it ("three nurses, a doctor and five patients")
                readings = _one_count_per_group(self.text, readings, counted)
                out += readings
                # the sum of parts ("among them eight women and six children") is itself a part
                out.append(replace(_total(self.text, counted), subset=all(r.subset for r in counted)))
            else:
                out += readings
            if readings:
                previous = readings[-1].measure
        return _ordinals_as_steps(out)

    def _told_count(self, item: _Item, back: int, e: int) -> None:
        """A bare number a speaker gives at the end of a clause ("residents said at least 60", "told
        reporters 45") answers the toll named before it in its sentence or the one before: it takes the
        measure of the last killed/injured word there, and the group of the victims named right before
        that word ("Asked how many villagers had been killed, residents said at least 60")."""
        if item.head is not None or not _TOLD_BEFORE.search(self.text, max(back, item.start - 40), item.start):
            return
        if not (_CLAUSE_END.match(self.text, item.end, e) or item.end >= e):
            return
        found = None
        for measure in ("killed", "injured"):
            for m in self.lex.toll_word[measure].finditer(self.text, back, item.start):
                if found is None or m.start() > found[1]:
                    found = (measure, m.start(), m.end())
        if found is None:
            return
        item.measure = found[0]
        victims = self._heads.match(self.text, found[2] + 1, item.start)  # "killing civilians"
        if victims and victims.group().lower() in self.lex.group_of and self.text[found[2]] == " ":
            also = re.match(r"\s*(?:,|and|as well as)\s+", self.text[victims.end() : item.start])
            if not (also and self._heads.match(self.text, victims.end() + also.end(), item.start)):
                item.told_group = self.lex.group_of[victims.group().lower()]  # not "killing civilians and soldiers"
            return
        heads = list(self._heads.finditer(self.text, max(back, found[1] - 40), found[1]))
        if heads and heads[-1].group().lower() in self.lex.group_of:
            h = heads[-1]
            counted = self.lex.number.search(self.text, max(back, h.start() - 30), h.start())  # "12 soldiers were
            # killed; residents said at least 60": those victims have their own count, the 60 is another's
            if not counted and not _CLAUSE_BREAK.search(self.text, h.end(), found[1]):
                item.told_group = self.lex.group_of[h.group().lower()]

    def _elided_group(self, r: Reading, before: list[Reading], s: int) -> Reading:
        """A bare number of another measure right after a group's figure counts that group, its noun
        elided: "left seven police officers dead and 12 wounded", "killed four soldiers and wounded six"."""
        if r.group is not None or r.group_text is not None or r.subject is not None:
            return r
        prev = next((p for p in reversed(before) if not p.total), None)
        if (
            prev is None
            or prev.group is None
            or prev.measure == r.measure
            or r.start - prev.end > 40
            or _CLAUSE_BREAK.search(self.text, prev.end, r.start)
            or not re.search(r"\band\b", self.text[prev.end : r.start], re.IGNORECASE)
        ):
            return r
        return replace(r, group=prev.group)

    def _target_group(self, r: Reading, e: int) -> Reading:
        """A toll with no group of its own counts the target of the attack named right after it: "toll
        reaches 30 in attack on Shia pilgrims" (group civilians, "Shia pilgrims")."""
        if (
            r.group is not None
            or r.group_text is not None
            or r.subject is not None
            or r.measure not in ("killed", "injured")
        ):
            return r
        m = _TARGET_AFTER.match(self.text, r.end, e)
        if m is None:
            return r
        target = _Item(m.end(), m.end(), m.end(), 0, None, "exact")
        self._group_phrase(target, e)
        if target.head is None or not _PHRASE_END.match(self.text, target.end, e):
            return r  # "in attack on a police station": the head is a place's word, not the victims
        group, group_text = self._group(target)
        return replace(r, group=group, group_text=group_text) if group else r

    def _reading(self, item: _Item, s: int, e: int) -> Reading | None:
        low, high, qualifier = interval(item.value, item.value_max, item.qualifier)
        group, group_text = self._group(item)
        group = group or item.told_group
        if item.measure is not None:
            if item.head is not None and item.head in self.lex.holdings:
                return None
            return Reading(
                item.start,
                item.end,
                self.text[item.start : item.end],
                item.measure,
                group,
                group_text,
                low,
                high,
                qualifier,
                own_side=self._own_side(item, e),
                step=item.step,
                ordinal=item.ordinal,
            )
        window = max(s, item.start - 80)
        strength_phrase = self.lex.strength_key.search(
            self.low or self.text, window, item.start
        ) and self.lex.strength_before.search(self.text, window, item.start)
        unnamed = self._unnamed(item, s)
        if (item.head is None and not strength_phrase and not unnamed) or item.value_max is None and item.value < 2:
            return None
        part = _PARTITIVE.search(self.text, item.start, item.end)
        # a force's own count in part: "25,000 of our fighters"; not "two of its members" (a handful of a
        # group's people is about those people, not the group's size)
        own = (
            part is not None
            and _OWN_FORCE.search(part.group())
            and item.head in self.lex.strength_heads
            and item.head not in _MEMBERS
            and item.value >= _FORCE_PART_MIN
        )
        if not strength_phrase and part and not own:
            return None  # "five of the camps", "two of those men": some of a set, not a group's size
        if not strength_phrase and not unnamed and counts.happened_after(self.text, item.end, e, self.counts):
            return None  # "23 members of the NPA surrendered", "12 members ... sacrificed their lives": no size
        if own and not strength_phrase:
            # "25,000 of our fighters", "700 of its fighters": some of the group's own force, so the
            # group has at least that many
            low, high, qualifier = low, None, "at_least"
        if strength_phrase or unnamed or item.head in self.lex.strength_heads:
            measure = "strength"
        elif item.head in self.lex.holdings:
            measure = item.head
        else:
            return None
        subject = SPEAKER_SUBJECT if self._first_person(item, s) else self._subject(item, s, e)
        if subject is None and unnamed and not part:
            subject = STORY_SUBJECT
        if subject is None:
            return None
        return Reading(
            item.start,
            item.end,
            self.text[item.start : item.end],
            measure,
            None,
            group_text,
            low,
            high,
            qualifier,
            subject=subject,
        )

    def _unnamed(self, item: _Item, s: int) -> bool:
        """A non-state force's people counted after a size word, whoever they are: "the militants number
        about 500", "it commands some 12,000 fighters", "the rebels are thought to number 6,500"."""
        if self.lex.size_before is None:
            return False
        size = self.lex.size_before.search(self.text, max(s, item.start - 60), item.start)
        if size is None and item.head is None and self.lex.size_copula is not None:
            copula = self.lex.size_copula.search(self.text, max(s, item.start - 40), item.start)
            if copula is None or (copula.group().strip().lower() == "are" and item.qualifier == "exact"):
                return False  # "are 15": no adverb of the present nor a bound
            # "the terrorists operating in the region are now no more than 400": the clause's subject counted,
            # or the noun right before the copula ("officials said the fighters are now about 300")
            noun = _LAST_WORD.search(self.text, max(s, copula.start() - 30), copula.start())
            subjects = {self._clause_subject(s, copula.start()), noun.group(1).lower() if noun else None}
            return bool(subjects & self.lex.unnamed_heads)
        if size is None:
            # a size word after the count: "no more than 200 terrorists remain active"
            after = self.lex.size_after is not None and self.lex.size_after.match(self.text, item.end)
            return bool(after) and item.head in self.lex.unnamed_heads
        if item.head is not None:
            return item.head in self.lex.unnamed_heads
        noun = _LAST_WORD.search(self.text, max(s, size.start() - 30), size.start())
        return noun is not None and noun.group(1).lower() in self.lex.unnamed_heads

    def _clause_subject(self, s: int, end: int) -> str | None:
        """The word a clause opens with after its determiner ("The terrorists operating in ..." -> terrorists),
        the clause being the part of the sentence before ``end`` after its last break."""
        breaks = list(_CLAUSE_BREAK.finditer(self.text, s, end))
        start = breaks[-1].end() if breaks else s
        m = _CLAUSE_SUBJECT.match(self.text, start, end)
        return m.group(1).lower() if m else None

    def _group(self, item: _Item) -> tuple[str | None, str | None]:
        """The normalised group of an item's phrase (see model.Figure) and the phrase as written."""
        if item.group_start is None:
            return None, None
        group_text = self.text[item.group_start : item.end]
        inside = [m for m in self.mentions if m.start >= item.group_start and m.end <= item.end]
        named = [m for m in inside if m.actor_id and m.type != "Nationality" and m.actor_type != "state"]
        group = self.lex.group_of.get(item.head) if item.head else None
        if item.mixed:
            return None, group_text  # a count of two groups together: a total of those named
        if item.head in ("men", "man") and _PARTITIVE.search(self.text, item.start, item.end):
            group = None  # "12 of its men": the men of whoever "its" is (an army, a group), not civilians
        if named and group != "civilians":
            return named[-1].actor_id, group_text
        if group is None and item.head in self.lex.member_heads:
            body = self._members_of(item)
            if body is not None:
                return body, group_text
        if (group is None and item.head is None) or item.head in self.lex.nationality_heads:
            adjective = next((w for w in group_text.split() if w in self.lex.nationalities), None)
            if adjective is not None:  # "two Chinese engineers", "Four Christians"
                word = adjective.lower()
                return (
                    word[:-1] if word.endswith("s") and adjective[:-1] in self.lex.nationalities else word
                ), group_text
        return group, group_text

    def _members_of(self, item: _Item) -> str | None:
        """The group of "seven members of the armed group", "two members of al-Shabaab": militants, or the
        armed group the ontology links there (a state-armed auxiliary's members are its own group, read as
        the forces' side by the disputes step); None for members of anything else ("of the family")."""
        if self.lex.members_of_body is not None and self.lex.members_of_body.match(self.text, item.end):
            return "militants"
        after = _ACTOR_AFTER.match(self.text, item.end)
        if after is None or not after.group().strip().lower().startswith("of"):
            return None
        named = next((m for m in self.mentions if m.start == after.end() and m.actor_id), None)
        return named.actor_id if named is not None and named.actor_type == "armed_group" else None

    def _own_side(self, item: _Item, e: int) -> bool:
        """Whether the count is of a speaker's own people: "two of our brothers", "12 of its men", "our two
        comrades"; a head that is one's own by itself ("five martyrs fell"); a first person right before it ("we
        lost four comrades"); or a death word a speaker uses of its own ("two brothers were martyred", "three
        mujahideen attained martyrdom"), unless the words name another group ("12 children were martyred"). The
        figures stage gives them the speaker's side where the speaker is an armed group (``figures.extract``)."""
        if item.head in self.lex.own_people_heads and (
            _POSSESSIVE_PART.search(self.text, item.start, item.end)
            or _OUR_BEFORE.search(self.text, max(0, item.start - 6), item.start)
        ):
            return True
        if item.head in self.lex.own_bare_heads:
            return True
        before = self.lex.own_before
        if before is not None and before.search(self.text, max(0, item.start - 60), item.start):
            return True
        return self._own_death(item, e) and (
            item.head is None
            or item.head in self.lex.own_people_heads
            or self.lex.group_of.get(item.head) in (None, "militants")
        )

    def _own_death(self, item: _Item, e: int) -> bool:
        """A death word a speaker uses of its own people right after the count ("were martyred")."""
        if self.lex.own_death is None:
            return False
        pos = item.end + len(self.text[item.end : e]) - len(self.text[item.end : e].lstrip(_QUOTES))
        aux = _AUX_RE.match(self.text, pos, e)
        at = aux.end() if aux else pos
        at += len(self.text[at:e]) - len(self.text[at:e].lstrip())
        return self.lex.own_death.match(self.text, at, e) is not None

    def _first_person(self, item: _Item, s: int) -> bool:
        """Whether the count is of the speaker's own force: a first-person word in its phrase or in its
        clause just before it ("our forces number", "12,000 of our fighters"), no group named after it."""
        start = max(s, item.start - 60)
        breaks = list(_CLAUSE_BREAK.finditer(self.text, start, item.start))
        start = breaks[-1].end() if breaks else start
        found = list(_FIRST_PERSON.finditer(self.text, start, item.end))
        if not found:
            return False
        # "we estimate that ISKP has 4,000 fighters": a group named after the first person is the subject
        return not any(m.actor_id and found[-1].end() <= m.start < item.end for m in self.mentions)

    def _subject(self, item: _Item, s: int, e: int) -> str | None:
        """The actor whose members or holdings a count is: inside the phrase ("2,000 ISKP
        fighters"), after it ("fighters of ISKP"), or the nearest before it in the clause. A linked
        actor first: an unlinked mention inside the phrase is mostly the counted noun itself
        ("4,000 to 6,000 fighters" is no subject of "ISKP's strength at 4,000 to 6,000 fighters")."""
        actors = [m for m in self.mentions if m.type != "Nationality" and s <= m.start and m.end <= e]
        # a name inside a longer one is part of it: "Mozambique" in "Islamic State Mozambique" is no subject
        actors = [
            m
            for m in actors
            if not any(
                o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                for o in actors
            )
        ]
        linked = [m for m in actors if m.actor_id]
        found = self._subject_in(linked, item, e)
        if found is None:
            named = [m for m in actors if not item.start <= m.start < item.end and _names_someone(m)]
            found = self._subject_in(named, item, e)
        if found is None:
            return self._nation(item)
        return found.actor_id or found.text

    def _nation(self, item: _Item) -> str | None:
        """A state's soldiers named by its people's adjective inside the phrase: "6,000 Eritrean troops"."""
        from claimgraph.figures.presence import load_rules

        if (item.head or "").lower() not in load_rules().force_heads:
            return None
        inside = [
            m for m in self.mentions if m.type == "Nationality" and m.country and item.start <= m.start < item.end
        ]
        return NATION_SUBJECT + inside[-1].country if inside else None

    def _subject_in(self, actors: list[Mention], item: _Item, e: int) -> Mention | None:
        inside = [m for m in actors if item.start <= m.start and m.end <= item.end]
        if inside:
            return inside[-1]
        after = _ACTOR_AFTER.match(self.text, item.end, e)
        if after:
            nxt = next((m for m in actors if m.start == after.end()), None)
            if nxt is not None:
                return nxt
        before = [m for m in actors if m.end <= item.start and not _CLAUSE_BREAK.search(self.text, m.end, item.start)]
        if before and item.start - before[-1].end <= 80:
            return before[-1]
        return None


# words opening a span that names no one by themselves: determiners and pronouns
_DETERMINERS = frozenset("the a an its their his her this these those that such it they he she we".split())


def _names_someone(m: Mention) -> bool:
    """A linked mention, or an unlinked one with a proper word after its determiner: "the group", "The
    militants", "The movement's fighters" (a tagger's Organisation spans) name no one, so a count of them
    is the story's group's or no one's, never a subject of its own words."""
    if m.actor_id:
        return True
    words = m.text.split()
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return any(w[:1].isupper() for w in words)


def _total(text: str, counted: list[Reading]) -> Reading:
    """The sum of a tally's items: bounds add; an unbounded item leaves the sum unbounded."""
    low = sum(r.low or 0.0 for r in counted)
    high = None if any(r.high is None for r in counted) else sum(r.high for r in counted)
    kinds = {r.qualifier for r in counted}
    qualifier = kinds.pop() if len(kinds) == 1 else ("at_least" if high is None else "range")
    start, end = counted[0].start, counted[-1].end
    return Reading(start, end, text[start:end], counted[0].measure, None, None, low, high, qualifier, total=True)


def _one_count_per_group(text: str, readings: list[Reading], counted: list[Reading]) -> list[Reading]:
    """The readings of an itemised count with the items of one victim group summed into one reading of it:
    "three nurses, a doctor and five patients were killed" counts nine civilians, never a civilians' toll of
    3, of 1 and of 5 that another report of the same count would be set against; where every item is of one
    group the sentence's total (``_total``) is that count, and no group reading is kept. Items of other groups
    stay each their group's ("four police officers as well as some 30 villagers": police 4, civilians 30)."""
    by_group: dict[str, list[Reading]] = {}
    for r in counted:
        if r.group is not None:
            by_group.setdefault(r.group, []).append(r)
    merged = {g: items for g, items in by_group.items() if len(items) >= 2}
    if not merged:
        return readings
    # a part of a count before it keeps its group's sum ("14 killed, including three nurses, a doctor and five
    # patients": civilians at least 9, ``reported``); its total of no group is dropped there
    whole = len(merged) == 1 and len(next(iter(merged.values()))) == len(counted) and not counted[0].subset
    out = []
    for r in readings:
        items = merged.get(r.group) if any(r is c for c in counted) else None
        if items is None:
            out.append(r)
        elif r is items[0] and not whole:
            out.append(replace(_total(text, items), group=r.group, group_text=None, total=False, subset=r.subset))
    return out


def _ordinals_as_steps(readings: list[Reading]) -> list[Reading]:
    """An ordinal beside a toll of its measure is a step on it: "the toll rose to 23 after a fifth officer
    died" gives 23, not also a toll of five officers; alone ("a fourth soldier died") it is where that group's
    toll stands."""
    tolls = {r.measure for r in readings if not (r.step or r.ordinal or r.subset)}
    return [replace(r, step=True) if r.ordinal and r.measure in tolls else r for r in readings]


def reported(readings: list[Reading]) -> list[Reading]:
    """The figures a report gives, as sources' values: a part of a count (``subset``) only as a
    sub-group value, where it names a group other than the count it is part of ("14 killed, including
    3 police": police at least 3; "23 civilians, including four children", "two of the dead were
    children", "19 of the wounded are critical": no value of their own, the whole is the toll), and as
    a lower bound: its group lost at least that many, and read exactly it would contradict another
    source's count of the whole group."""
    out, whole = [], {}
    for r in readings:
        if r.step:
            continue  # "two more bodies", "another three died": an addition to a toll, never a toll
        if not r.subset:
            whole[r.measure] = r.group
            out.append(r)
        elif r.group is not None and r.group != whole.get(r.measure):
            out.append(replace(r, high=None, qualifier="at_least") if r.high is not None else r)
    return out


def main_toll(readings: list[Reading], measure: str) -> Reading | None:
    """The one figure of ``measure`` a sentence gives for its event: a total where one is given (a
    tally's sum, "12 people"), else the sum of its groups' figures, else a step's lower bound ("18 more
    militants killed in air strikes": at least 18, a report of a continuing operation often giving the new
    day's dead so), else None."""
    of_measure = [r for r in readings if r.measure == measure and not r.subset and not r.step]
    if not of_measure:
        steps = [r for r in readings if r.measure == measure and r.step and not r.subset]
        return replace(steps[0], high=None, qualifier="at_least") if len(steps) == 1 else None
    totals = [r for r in of_measure if r.group is None]
    if totals:
        return max(totals, key=lambda r: (r.total, r.low or 0.0))
    if len(of_measure) == 1:
        return of_measure[0]
    return replace(_total("", of_measure), text="")
