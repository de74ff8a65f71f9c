"""Slots of a detected event, read from its sentence: who did it (actor1) to whom (actor2), where,
when, how many were killed and injured, with what; whether it was claimed, and which event a
claim of responsibility claims.

Roles come from simple dependency-like patterns over the sentence: the subject of an active trigger
("the Taliban eliminated"), the agent after "by" ("was abducted by the Taliban", "an attack by
ISKP") and a possessor ("ISKP's attack") are the perpetrator; the subject of a passive trigger ("five
people were killed"), the object of an active one ("killed four civilians") and the phrase after
on/against/targeting ("a strike on the bus") are the target — a known actor where there is one,
else the words as written (a description: "police station"). Statements take the speaker before
the cue as actor1.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

from claimgraph.entities.extract import COMPASS_BEFORE
from claimgraph.entities.locative import LocativeCues, dateline
from claimgraph.events.actor_phrases import ActorPhrases, shipped
from claimgraph.events.followups import Followups
from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.mentions import place_fields
from claimgraph.events.taxonomy import STATEMENTS, Taxonomy
from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import Reading, SentenceReader, main_toll
from claimgraph.link.embeddings import STATIC_MODEL_DIR
from claimgraph.link.wordpiece import WordPiece
from claimgraph.model import Document, Event, Mention
from claimgraph.nlp import dates as date_expressions
from claimgraph.nlp.dates import DATELINE_PLACE, find_dates
from claimgraph.nlp.pattern_text import lowered_document, required_strings, trie_alternation

ACTOR_BEFORE_CHARS = 60  # how far before a trigger its perpetrator may end
ACTOR_AFTER_CHARS = 80  # how far after a trigger its target may start
CAUSE_CHARS = 40
ACTOR_TYPES = ("Organisation", "Person")  # a casualty word this close to a number counts it
_CLAUSE_BREAK = re.compile(r"[;:.!?]|,\s|\b(?:which|who|while|but|yet|whereas|when|because|since)\b")
# A target follows its trigger without a verb in between ("attacks have unveiled ... the Taliban").
_VERB_BETWEEN = re.compile(r"\b(?:has|have|had|is|are|was|were|will|would|that|to)\b", re.IGNORECASE)
# "by the Taliban", "raped by two soldiers", "by a militiaman": a count or article before the doer's phrase
_BY = re.compile(
    r"\bby\s+(?:(?:the|a|an|some|several|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?$", re.IGNORECASE
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_BY_WORDS = re.compile(
    r"\bby\s+(?:(?:the|a|an|some|several|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?P<words>(?:[a-z][\w-]*\s+){0,2})$"
)
# A trigger noun after a determiner ("condemned the attack") names an event; an actor before it is
# its perpetrator only as a modifier right next to it ("an ISKP attack", "ISKP's attack").
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her|these|those)\s+$", re.IGNORECASE)
_MODIFIER_GAP = re.compile(r"^\s*(?:['’]s)?\s*(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
_TITLE = re.compile(
    r"^\s*(?:'s\s+|’s\s+)?(?:leader|chief|commander|emir|head|spokesman|founder|deputy|member)s?\s+$", re.IGNORECASE
)
# "in Kabul", "at the mosque in Afghanistan's eastern Nangarhar province", "in eastern Congo's South Kivu",
# "in occupied Kherson", "near rebel-held Idlib"
_PLACE_PREP = re.compile(
    r"\b(?:in|at|near|outside|across|from)\s+(?:the\s+)?"
    r"(?:(?:(?:north|south|east|west|central|remote)\w*|\w+['’]s|occupied|besieged|restive|embattled|"
    r"[a-z]+-(?:held|controlled|occupied|run))\s+)*$",
    re.IGNORECASE,
)
# a place named where a place stands, not a doer: "in southern Mali", "inside Afghanistan", "struck western
# Libya" (a lower-case compass word; capitalised it is part of a name: "North Korea")
_LOCATED_BEFORE = re.compile(
    r"(?:\b(?i:in|inside|into|within|throughout|near|outside|across|over)\s+(?:the\s+)?(?:\w+['’]s\s+)?"
    r"|\b)(?:(?:north|south|east|west|central|remote)\w*\s+)+$"
    r"|\b(?i:in|inside|into|within|throughout|near|outside|across|over)\s+(?:the\s+)?$"
)
# "PESHAWAR, 8 March 2025 –": where the report was filed, not where the event happened
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*\d|,\s*[A-Z][a-z]+ \d|\s*[–—-]\s)")
# the dateline's town, maybe with its province and country ("GOMA, Democratic Republic of Congo, 18 November")
_DATELINE_BEFORE = re.compile(rf"(?:^|\n){DATELINE_PLACE}\s*$")
_DATELINE_AFTER_DATE = re.compile(r"(?:,?\s*\d{4})?\s*(?:\([^)\n]{2,30}\)\s*)?[–—-]")
# a passive auxiliary right before a verb trigger: "were killed", "was shot dead", "have been abducted"
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# "members of the FMLN attacked": the group is still the subject
_GROUP_OF = re.compile(
    r"\b(?:members|fighters|militants|cadres|supporters|gunmen|units?|elements|commandos?|rebels|"
    r"guerrillas|men|squads?|cells?)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LIGHT_VERB = re.compile(
    r"^\s*(?:has\s+|have\s+|had\s+)?(?:carried\s+out|launched|conducted|staged|mounted|"
    r"perpetrated|claimed|executed|committed)\s+(?:(?:a|an|the|its|their|two|three|several|"
    r"multiple|\d+)\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|may|might|will|would|can|could|should|must|"
    r"do|does|did)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’](?:s\b|\s)")
# a possessor of something other than a place: "the United States' talks" (not "Sudan's Darfur")
_POSSESSOR = re.compile(r"['’]s?\s+(?![A-Z])")
# between a town and the country named as where it lies: "Oicha, Congo", "BENI, Democratic Republic of Congo"
# a state's name as the subject of a reporting or toll-update verb (headlines: "Mali says 12 soldiers
# killed", "Nigeria puts death toll at 31"): the state tells of the act
_REPORTS_AFTER = re.compile(
    r"\s+(?:says?|said|raises?|raised|puts?|reports?|reported|confirms?|confirmed|updates?|updated|revises?|"
    r"revised|lowers?|lowered|announces?|announced|ups)\b"
)
# an accusation pointing back at an act told before it ("blamed bandits for the attack", "accused X of
# Sunday's bombing"): a definite or possessive act noun after "for"/"of"
_ACT_REFERRED = re.compile(
    r"\b(?:for|of|over)\s+(?:the|this|that|these|those|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|raids?|ambush(?:es)?|bombings?|blasts?|massacres?|killings?|shootings?|assaults?|strikes?|"
    r"explosions?|abductions?|kidnappings?|shelling|murders?|violence)\b",
    re.IGNORECASE,
)
_TOWN_COMMA = re.compile(r"\s*,\s*(?:the\s+)?")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|of|from|near|with|for|about|against|to|into|on)\s+(?:the\s+)?$", re.IGNORECASE
)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|claimed|claims|according|reported|added|stated)\b", re.IGNORECASE
)
_DETERMINERS = frozenset(
    "the a an this that these those its their his her some several many all two three four five "
    "six seven eight nine ten dozens scores".split()
)
_PRONOUNS = frozenset("he she it they we i you him her them us his its their our who which this that".split())
# heads of phrases after a trigger that are no target: "killed a minimum of", "shelling several times"
_NOT_A_TARGET = frozenset(
    "morning night evening afternoon day days week weeks month months year years time times "
    "minimum maximum total number series part result way support hours minutes".split()
)
# words that end a noun phrase taken as a target description
_NP_STOP = frozenset(
    "in at on near of from with by and or but was were is are has have had who which that when "
    "after before during while as for to into since".split()
)
# A target phrase after a trigger, up to four words: "a strike on the bus", "attacks against police",
# and after a verb trigger its object when it starts like a noun phrase: "killed four civilians".
_NP_END = (
    r"(?=\s*(?:[,.;:!?()]|$|\s(?:in|at|on|near|from|with|by|and|during|after|before|while|as|when|who|"
    r"which|that|was|were|is|are|has|have|had|said|says)\b))"
)
_TARGET_AFTER = re.compile(
    r"\s+(?:on|against|targeting)\s+(?P<np>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)" + _NP_END, re.IGNORECASE
)
_SPACES = re.compile(r"\s*")
_OF_END = re.compile(r"\bof$", re.IGNORECASE)
_OF_HELD = re.compile(r"\s+(?P<np>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)" + _NP_END, re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\s+(?P<np>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)" + _NP_END, re.IGNORECASE)
_OBJECT_AFTER = re.compile(
    r"\s+(?:at least\s+|up to\s+|about\s+)?(?P<np>(?:the|a|an|\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|dozens of|scores of|many|some)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)" + _NP_END,
    re.IGNORECASE,
)
_OBJECT_START = re.compile(
    r"\s+(?:(?:at least|up to|about|some|nearly|more than|around)\s+)?"
    r"(?P<np>(?:the|a|an|\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|dozens of|scores of|many|some)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2})",
    re.IGNORECASE,
)
_VERB_TRIGGER = re.compile(r"(?:ed|kills?|killing|attacking|targeting)$", re.IGNORECASE)
_BETWEEN = re.compile(r"\s+(?:[\w-]+\s+){0,3}?between\s+(?:(?:the|an?)\s+)?", re.IGNORECASE)
# "US-mediated", "Saudi-led", "Russia-backed": a name that modifies the next word, no actor or place
_HYPHEN_AFTER = re.compile(r"[-‑][a-z]")
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\s*(?:,|,?\s+and)\s+(?:(?:the|an?)\s+)?", re.IGNORECASE)
# a participle with no object, then a place, a time or the end: a headline's or list's passive
# ("Policeman shot dead in Peshawar", "Two soldiers killed, three wounded"): its subject is the victim
_REDUCED_PASSIVE_TRIGGER = re.compile(r"(?:ed|en|shot|dead|hurt)$", re.IGNORECASE)
_REDUCED_PASSIVE_AFTER = re.compile(
    r"\s*(?:[,.;:!?(\n]|$|(?:in|near|outside|during|after|amid|while|when|as|overnight|yesterday|today|over|"
    r"following|for\s+(?:allegedly|suspected|alleged))\b|"
    r"at\b(?!\s+least))",
    re.IGNORECASE,
)
# ", killing nine", ", leaving 12 dead": a participle clause after its main clause
_PARTICIPLE_CLAUSE_BEFORE = re.compile(r",\s*(?:\w+ly\s+)?$")
_PARTICIPLE = re.compile(r"[a-z]+ing\b", re.IGNORECASE)
# where a clause's subject starts: the sentence's start, a dash, colon or semicolon, or after a verb of saying
_CLAUSE_OPEN = re.compile(
    r"(?:^\s*|^\s*(?:in|on|at|near|after|during|overnight|late|early)\b[^,;]{0,40},\s*|[:;–—]\s*|"
    r"\b(?:said|says|say|told|reported|that|when|after|as)\s+)"
    r"(?:(?:the|a|an|some|several|dozens\s+of|\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?\Z",
    re.IGNORECASE,
)
_NO_VERB_AFTER = re.compile(
    r"\s*(?:[,(]|(?:and|or|of|in|at|on|from|with|were|was|are|is|have\s+been|has\s+been|had\s+been|said|says)\b|['’]s?\s)",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
# a quotation's first-person subject and the speaker after it: "We arrested ...," the SDF said
_QUOTE_OPEN = re.compile(r"[\"“](?=[^\"”]*$)")
_QUOTE_CLOSE = re.compile(r"[\"”]")
_FIRST_PERSON = re.compile(r"\b(?:we|our)\b", re.IGNORECASE)
_ARTICLE_GAP = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
_SPEAKER_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+(?:said|says|told|stated|added|announced)\b")
_PARTICIPLE_BY = re.compile(r"\b[a-z]+ed\s+by\b")
_WHEN_BEFORE = re.compile(r"\b(?:when|as|after)\s+(?:(?:the|suspected|alleged|armed)\s+)*$", re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"[-‑](\w+)")
# between a subject and its verb, an apposition: ", the al-Qaeda affiliate, ", ", a group linked to IS, "
_APPOSITIVE = re.compile(
    r"\s*,\s*(?:the|an?|its|their|which|who)\s[^,;.!?]{1,70},\s*(?:(?:has|have|had|also|reportedly|allegedly)\s+)*",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[;.!?]")
_BY_AGENT_AFTER = re.compile(r"\s+by\s+(?!(?:the\s+)?(?:time|end|way|far|then|now)\b)", re.IGNORECASE)
# a number written with thousands separators is one word ("20,000 people"), and its comma no clause break
_NUMBER = r"\d{1,3}(?:,\d{3})+"
# Subject noun phrase before a passive auxiliary: "five people" in "five people were killed".
_SUBJECT_BEFORE = re.compile(
    rf"(?:^|(?:,(?!\d)|[;:(])\s*|\b(?:and|that|when|after|as)\s+)(?P<np>(?:(?:{_NUMBER}|[\w'’-]+)\s+){{0,3}}?"
    rf"(?:{_NUMBER}|[\w'’-]+))\s+$",
    re.IGNORECASE,
)
_POSSESSOR_OF = re.compile(r"['’]s?\s+(?:(?:north|south|east|west|central)\w*\s+)?")
# between a town and the division or country named as where it lies: "Zamora, Michoacán", "Kaura local
# government area of Kaduna state", "Poonch district in Jammu and Kashmir"
_CONTAINER_GAP = re.compile(r"\s*,\s*(?:the\s+)?|\s+(?:[a-z][a-z-]*\s+){0,4}?(?:of|in)\s+(?:the\s+)?")
# a place that says where a party sits, not where the act happened: a noun's "in <place>" before the
# trigger ("Police in Maiduguri arrested a man near the Alau dam", "Authorities in northeast Nigeria imposed a
# curfew on Konduga") or before a verb of saying ("taken hostage in Kunar province, officials in Kabul said")
_SEAT_BEFORE = re.compile(
    r"\b[A-Za-z][\w'’-]*\s+(?:in|from|at)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$", re.IGNORECASE
)
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|say|told|reported|reports|confirmed|added|stated|announced)\b")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# after the trigger, a place governed by other acts (a plural noun: a singular one is as often the act itself,
# "arrested six suspects in a raid in Zaria") is their place: "a strike on a hideout in Kunar, killing five
# militants, including a commander wanted for attacks in Bajaur"
_OTHER_ACT_BEFORE = re.compile(
    r"\b(?:attacks|bombings|killings|strikes|raids|clashes|operations|offensives|ambushes|kidnappings|abductions)"
    r"\s+(?:in|at|near|on|across)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# a name before these words names a river or a lake, not the town or province of that name ("on the Kunar river")
_WATER_AFTER = re.compile(r"\s+(?:river|rivers|lake)\b", re.IGNORECASE)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+){1,3}?|announced|reported|stated|added|confirmed)\s+$", re.IGNORECASE
)
# a date the sentence sets aside for another ("not on Sunday, as reported, but on Friday"; "on Sunday, not
# Friday"; "did not happen on Saturday"): a correction's rejected day is no date of the event
_NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never|rather\s+than|instead\s+of)|n[’']t)(?:\s+\w+){0,3}\s+$", re.IGNORECASE)
PRECISION_RANK = {"city": 0, "district": 1, "approximate": 2, "admin1": 3, "country": 4}  # finer first
VIOLENT_GROUPS = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_KILL_BEFORE = re.compile(r"\bkill(?:s|ed|ing)?\s+$", re.IGNORECASE)
_INJURE_BEFORE = re.compile(r"\b(?:injur|wound)\w*\s+$", re.IGNORECASE)
_NEAR_AFTER = re.compile(r"^\W*(?:\w+\s+){0,3}?(?:were|was|are|have been|had been)?\s*(\w+)")


@functools.lru_cache(maxsize=1)
def _locative_cues() -> LocativeCues:
    return LocativeCues.load()


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The whole words of the static model's (uncased English) vocabulary: a name made of them only
    ("Parliament", "March", "Congress") is no unknown village."""
    return frozenset(w for w in WordPiece(STATIC_MODEL_DIR).vocab if w.isalpha())


@functools.lru_cache(maxsize=1)
def _date_words() -> re.Pattern | None:
    """Strings one of which every date expression ``find_dates`` reads contains ("may", "2025",
    "ago", "week", ...), from its patterns' own text, as one scan of lower-cased text; None when a
    pattern's text guarantees none (every sentence is then read)."""
    needed: set[str] = set()
    for _, pattern in date_expressions.DATE_PATTERNS:
        strings = required_strings(pattern.pattern)
        if strings is None:
            return None
        needed |= strings
    return re.compile(trie_alternation(needed))


def _is_noun_phrase(words: list[str]) -> bool:
    """Not a pronoun, not only function words, not starting with a verb ("was the objective of")."""
    lower = [w.lower() for w in words]
    return not (
        lower[-1] in _PRONOUNS or lower[0] in _NP_STOP or all(w in _NP_STOP or w in _DETERMINERS for w in lower)
    )


def _agent_after_by(text: str, lo: int, start: int) -> bool:
    """Whether the phrase at ``start`` is a by-agent: "by the Taliban", "by the anti-stock theft unit" (up to two
    lower-case words between the article and the phrase, none a function word: not "by a bomb near X")."""
    m = _BY_WORDS.search(text, lo, start)
    # not "by arresting two men": a gerund with its object heads another clause ("by occupying soldiers" is an agent)
    words = m.group("words").split() if m is not None else []
    return m is not None and not any(w.lower() in _NP_STOP or w.endswith("ing") for w in words[:-1])


def _opens_clause(text: str, s_start: int, start: int) -> bool:
    """Whether a phrase at ``start`` opens its clause (``_CLAUSE_OPEN`` read over the sentence up to it)."""
    return _CLAUSE_OPEN.search(text[s_start:start]) is not None


def _clear_between_sentence(text: str, start: int, end: int) -> bool:
    return not _SENTENCE_BREAK.search(text, start, end)


def _clear_between(text: str, start: int, end: int) -> bool:
    return not _CLAUSE_BREAK.search(text, start, end)


@dataclass
class SlotFiller:
    text: str
    anchor: str | None
    actors: list[Mention]
    places: list[Mention]
    lex: TriggerLexicon
    figures: FigureLexicon | None = None  # the tolls' words (default: the shipped ones, read once per filler)
    phrases: ActorPhrases | None = None  # actors by description (default: the shipped words)
    # per-sentence results: a sentence with several events is read once
    _dates: dict = field(default_factory=dict)
    _violence: dict = field(default_factory=dict)
    _reader: SentenceReader | None = None
    _sentence_actors: dict = field(default_factory=dict)
    _dateline: list = field(default_factory=list)  # [the dateline's place or None], once read
    _dateline_span: tuple[int, int] | None = None  # the dateline town's span, (-1, -1) where none; once read
    # ids of the events placed by the dateline alone (their sentence names no place): where the report was
    # filed, which a sentence that refers back to an earlier event ("killed in the attack") gives up for that
    # event's place (events/detect.py)
    dateline_placed: set = field(default_factory=set)
    demonyms: list[Mention] = field(default_factory=list)  # "Russian" in "Russian artillery struck"
    states: dict = field(default_factory=dict)  # country code -> its state actor (the run's ontology)

    @classmethod
    def for_document(
        cls,
        doc: Document,
        anchor: str | None,
        lex: TriggerLexicon,
        mentions: list[Mention],
        figures: FigureLexicon | None = None,
    ) -> SlotFiller:
        """``mentions``: the document's entities, or the events stage's fallback mentions where none."""
        # unlinked organisations and people still fill a slot by their text (actor id None)
        # a tagger's stray spans ("THE", "WAS THE OBJECTIVE OF", "his") fill no role
        actors = [
            m
            for m in mentions
            if (m.actor_id or (m.type in ACTOR_TYPES and not m.place_id and _is_noun_phrase(m.text.split())))
            and (m.text.lower() not in _PRONOUNS or m.text.isupper())  # "US" is no pronoun
            and len(m.text) > 1
        ]
        filler = cls(doc.clean_text, anchor, actors, [m for m in mentions if m.place_id], lex, figures)
        filler.demonyms = [m for m in mentions if m.type == "Nationality"]
        return filler

    # -- roles ----------------------------------------------------------------------------------

    def _backer(self, lo: int, start: int) -> bool:
        """Whether the by-phrase at ``start`` follows a participle naming a backer ("rebels backed by Rwanda")."""
        by = _BY_WORDS.search(self.text, lo, start)
        word = _WORD_BEFORE.search(self.text, max(0, by.start() - 30), by.start()) if by is not None else None
        return word is not None and word.group(1).lower() in (self.phrases or shipped()).backer_participles

    def _in(self, mentions: list[Mention], start: int, end: int) -> list[Mention]:
        return [m for m in mentions if m.start >= start and m.end <= end]

    def _perpetrator(self, actors: list[Mention], ts: int, te: int, s_start: int, statement: bool) -> Mention | None:
        speaker = self._quoted_speaker(actors, ts, te, s_start)
        if speaker is not None:
            return speaker
        for m in actors:  # passive or nominal: "... by the Taliban", "an attack by ISKP"
            # the trigger may hold its agent ("killing of 23 protesters by", "shot dead by soldiers during")
            if (
                m.start > ts
                and _agent_after_by(self.text, max(ts, m.start - 40), m.start)
                and not self._backer(max(ts, m.start - 40), m.start)
                and _clear_between(self.text, min(te, m.start), m.start)
                # not the agent of a participle that modifies another noun: "recovered rockets abandoned by fleeing
                # rebels" (one right after the trigger modifies it: "the shutdown ordered by the administration")
                and not (
                    m.start > te
                    and (p := _PARTICIPLE_BY.search(self.text, te, m.start)) is not None
                    and self.text[te : p.start()].strip()
                )
            ):
                return m
        for m in actors:  # a trigger that holds its doer: "Gunmen attacked", "suicide bombers"
            if m.start <= ts < m.end <= te and not _PASSIVE_BEFORE.search(self.text, m.end, te + 1):
                return None if self._reduced_passive(ts, te) else m
        claimed = self._hyphen_doer(ts, s_start)
        if claimed is not None:
            return claimed
        before = [m for m in actors if m.end <= ts]
        # "militants supported by Iran clashed": the backer named before the trigger is no subject
        backers = [m for m in before if self._backer(max(s_start, m.start - 40), m.start)]
        if backers:
            before = [m for m in before if m not in backers]
            if not before:
                return None
        if not before:
            return self._demonym_before(ts, s_start)
        comma = _PARTICIPLE_CLAUSE_BEFORE.search(self.text, max(s_start, ts - 16), ts)
        if comma is not None and _PARTICIPLE.match(self.text, ts, te):
            # "Gunmen sprayed a bar with bullets, killing nine": the participle's doer is its main clause's subject
            return self._clause_subject(before, s_start, comma.start())
        if _VERB_TRIGGER.search(self.text, max(0, te - 10), te) or (self.phrases or shipped()).is_verb(
            self.text[ts:te]
        ):
            for a in reversed(before):  # "Al-Shabaab, the al-Qaeda affiliate, attacked": past the appositive
                if _APPOSITIVE.fullmatch(self.text, a.end, ts) and _opens_clause(self.text, s_start, a.start):
                    return a
        m = before[-1]
        if statement:
            return self._first_conjunct(before, s_start) or m
        if _PASSIVE_BEFORE.search(self.text, max(s_start, ts - 30), ts) or self._reduced_passive(ts, te):
            # "five people were killed", "Policeman shot dead in Peshawar": the subject is the victim; a doer
            # may follow in a when-clause ("Twelve civilians were killed when militants attacked Djibo")
            return self._when_subject(actors, ts)
        phrases = self.phrases or shipped()
        between = self.text[m.end : ts]
        if (
            _DETERMINER_BEFORE.search(self.text, max(0, ts - 8), ts)
            and not _MODIFIER_GAP.match(between)
            and not phrases.doer_gap.match(between)
        ):
            return None  # "UNAMA condemned the attack": UNAMA did not carry it out ("lobbed a grenade": did)
        possessor = bool(_POSSESSIVE.match(self.text, m.end))  # "ISKP's attack": the possessor did it
        if (
            not possessor
            and _PREPOSITION_BEFORE.search(self.text, max(s_start, m.start - 12), m.start)
            and not _GROUP_OF.search(self.text, max(s_start, m.start - 30), m.start)
        ):
            return None  # "men detained in Kabul", "relatives of men": not a subject
        if _REPORTING.search(between):
            return None  # "the spokesman said the strike killed": the speaker is not the perpetrator
        if (
            not _VERB_TRIGGER.search(self.text, max(0, te - 10), te)
            and not phrases.is_verb(self.text[ts:te])
            and not _MODIFIER_GAP.match(between)
            and not _LIGHT_VERB.match(between)
            and not phrases.doer_gap.match(between)
            and not (possessor and not _AUXILIARY.search(between))
        ):
            # a noun trigger ("suicide bombing") has its perpetrator as a modifier ("an ISKP attack"),
            # a possessor ("ISKP's ... attack") or the subject of a light verb ("ISKP carried out an
            # attack"); "20 people may have been killed in Friday's suicide bombing" names no perpetrator
            return None
        # a doer verb's object and instrument phrase may be long ("targeted a transport company's office in X with")
        reach = ACTOR_BEFORE_CHARS * 2 if phrases.doer_gap.match(between) else ACTOR_BEFORE_CHARS
        if ts - m.end <= reach and _clear_between(self.text, m.end, ts):
            # "Ambazonian fighters and the military exchanged fire": the first of the two acts
            return self._first_conjunct(before, s_start) or m
        return None

    def _quoted_speaker(self, actors: list[Mention], ts: int, te: int, s_start: int) -> Mention | None:
        """ "We arrested the commander," the SDF said; "Our forces withdrew ...," the M23 said: a trigger in a quote
        whose subject is the first person is the act of the speaker named after the quote."""
        opening = _QUOTE_OPEN.search(self.text, s_start, ts)
        first = [f.end() for f in _FIRST_PERSON.finditer(self.text, opening.end(), ts)] if opening else []
        # the first person is the trigger's subject: no other actor stands between ("Our forces arrested the
        # gunmen who attacked": "gunmen" did the attacking)
        if not first or any(opening.end() <= m.start < te and m.start != first[-1] + 1 for m in actors):
            return None
        closing = _QUOTE_CLOSE.search(self.text, te)
        if closing is None or _SENTENCE_BREAK.search(self.text, te, closing.start()):
            return None
        for m in actors:
            if m.start >= closing.end():
                after = _SPEAKER_AFTER.match(self.text, m.end)
                return m if after and _ARTICLE_GAP.fullmatch(self.text, closing.end(), m.start) else None
        return None

    def _when_subject(self, actors: list[Mention], ts: int) -> Mention | None:
        """The subject of a when/as/after clause following a passive trigger: "were killed when militants
        attacked", "died as jihadists overran the base" (it has its verb after it)."""
        for m in actors:
            if m.start > ts and _WHEN_BEFORE.search(self.text, max(ts, m.start - 30), m.start):
                if _clear_between_sentence(self.text, ts, m.start) and not _NO_VERB_AFTER.match(self.text, m.end):
                    return m
        return None

    def _hyphen_doer(self, ts: int, s_start: int) -> Mention | None:
        """ "ISWAP-claimed attack kills 9": a known actor joined by a hyphen to a word that makes it the doer of
        the act it modifies (``doer_suffixes``), in the trigger's clause."""
        suffixes = (self.phrases or shipped()).doer_suffixes
        for m in self._in(self.actors, s_start, ts):
            hyphen = _HYPHEN_WORD.match(self.text, m.end)
            if hyphen and hyphen.group(1).lower() in suffixes and _clear_between(self.text, m.end, ts):
                return m
        return None

    def _clause_subject(self, before: list[Mention], s_start: int, end: int) -> Mention | None:
        """The actor that opens the clause ending at ``end`` as its subject: at the sentence's start or after a
        clause opener ("Police said gunmen attacked ..."), followed by its verb (not by "and", a preposition or
        a passive auxiliary: "Two soldiers were killed, ..." names a victim)."""
        for m in reversed(before):
            if m.end > end or not _clear_between_sentence(self.text, m.end, end):
                continue
            if _opens_clause(self.text, s_start, m.start) and not _NO_VERB_AFTER.match(self.text, m.end):
                return m
        return None

    def _taken_from(self, actors: list[Mention], te: int, s_end: int, actor1: Mention) -> Mention | None:
        """The actor after "from" following a territorial trigger ("recaptured Tikrit from Islamic State")."""
        for m in actors:
            if m.start >= te and m is not actor1 and _FROM_BEFORE.search(self.text, max(te, m.start - 12), m.start):
                return m if _clear_between_sentence(self.text, te, m.start) else None
        return None

    def _target(
        self, actors: list[Mention], ts: int, te: int, s_start: int, s_end: int, exclude: Mention | None
    ) -> Mention | None:
        """The victim or target: a known actor or a description ("a police station", "five people")."""
        if _PASSIVE_BEFORE.search(self.text, max(s_start, ts - 30), ts):  # "two policemen were shot dead"
            aux = _PASSIVE_BEFORE.search(self.text, max(s_start, ts - 30), ts)
            subject = [m for m in actors if m.end <= aux.start() and m is not exclude]
            if (
                subject
                and _clear_between(self.text, subject[-1].end, aux.start())
                and aux.start() - subject[-1].end <= 20
            ):
                return subject[-1]
            return self._description_before(s_start, aux.start())
        if self._reduced_passive(ts, te):  # "Two soldiers killed in ...": the subject right before
            subject = [m for m in actors if m.end <= ts and m is not exclude]
            if subject and _MODIFIER_GAP.match(self.text[subject[-1].end : ts]):
                return subject[-1]
            return self._description_before(s_start, ts)
        after = [
            m
            for m in actors
            if m.start > ts
            and m is not exclude
            and not _agent_after_by(self.text, max(ts, m.start - 40), m.start)
            and not (m.place_id and _PLACE_PREP.search(self.text, max(te, m.start - 40), m.start))  # "in Pakistan"
        ]
        obj = (self._object_np(te, s_end) or self._on_phrase(te, s_end)) if after else None
        if obj is not None and obj.start < after[0].start:
            # "arrested six men suspected of supplying Islamist insurgents": the object, or the
            # known actor inside it ("killed two Taliban fighters")
            # ... or the known actor it belongs to ("several leaders of the ISKP")
            inside = [
                m for m in after if m.actor_id and (m.start < obj.end or _OF_GAP.fullmatch(self.text, obj.end, m.start))
            ]
            return inside[0] if inside else obj
        for i, m in enumerate(after):
            if (
                m.start - te > ACTOR_AFTER_CHARS
                or not _clear_between(self.text, te, m.start)
                or _VERB_BETWEEN.search(self.text, te, m.start)
            ):
                break
            # "Al-Qaeda leader Ayman al-Zawahiri": the person is the target
            nxt = after[i + 1] if i + 1 < len(after) else None
            if (
                nxt is not None
                and (nxt.actor_type == "person" or nxt.type == "Person")
                and _TITLE.match(self.text[m.end : nxt.start])
            ):
                return nxt
            # "leaders of the ISKP", "fighters of the Arakan Army": the known actor they belong to
            if (
                nxt is not None
                and m.actor_id is None
                and nxt.actor_id
                and _OF_GAP.fullmatch(self.text, m.end, nxt.start)
            ):
                return nxt
            return m
        return self._description_after(te, s_end) or self._nominal_target(actors, ts, te, s_end)

    def _nominal_target(self, actors: list[Mention], ts: int, te: int, s_end: int) -> Mention | None:
        """An event noun's target: "the kidnapping of a German aid worker", "the attack by al-Shabaab on a hotel"
        (the on-phrase after the by-agent)."""
        gap = _SPACES.match(self.text, te).end()
        agent = next((m for m in actors if m.start >= gap and _BY_WORDS.fullmatch(self.text, gap, m.start)), None)
        if agent is not None and (m := _TARGET_AFTER.match(self.text, agent.end, s_end)) is not None:
            return self._description(m.group("np"), m.start("np"))
        if not _DETERMINER_BEFORE.search(self.text, max(0, ts - 8), ts):
            return None
        # the trigger may end with its "of" ("murder of")
        of = _OF_HELD if _OF_END.search(self.text, max(ts, te - 3), te) else _OF_AFTER
        m = of.match(self.text, te, s_end)
        return self._description(m.group("np"), m.start("np")) if m else None

    def _description_after(self, te: int, s_end: int) -> Mention | None:
        """An object or an on/against/targeting phrase right after the trigger: "attacked a police
        station", "a strike on the bus", "killing four civilians"."""
        m = _TARGET_AFTER.match(self.text, te, s_end)
        if m is None and _VERB_TRIGGER.search(self.text, max(0, te - 10), te):
            m = _OBJECT_AFTER.match(self.text, te, s_end)
        return self._description(m.group("np"), m.start("np")) if m else None

    def _on_phrase(self, te: int, s_end: int) -> Mention | None:
        """ "an attack on a Shia mosque", "strikes against police posts": what the trigger was aimed at."""
        m = _TARGET_AFTER.match(self.text, te, s_end)
        return self._description(m.group("np"), m.start("np")) if m else None

    def _object_np(self, te: int, s_end: int) -> Mention | None:
        """A counted or determined object right after a verb trigger, up to a verb form or a function
        word: "arrested six men suspected of ...", "killed the two brothers in ..."."""
        m = _OBJECT_START.match(self.text, te, s_end)
        if m is None:
            return None
        words = m.group("np").split()
        # "six men suspected of": cut at a function word or, past the head, at a participle
        # ("14 suspected al-Shabaab collectors" keeps its adjective)
        cut = next(
            (
                i
                for i, w in enumerate(words[1:], 1)
                if w.lower() in _NP_STOP or (i >= 2 and w.lower().endswith(("ed", "ing")))
            ),
            len(words),
        )
        return self._description(" ".join(words[:cut]), m.start("np"))

    def _description_before(self, s_start: int, end: int) -> Mention | None:
        m = _SUBJECT_BEFORE.search(self.text, max(s_start, end - 50), end)
        return self._description(m.group("np"), m.start("np")) if m else None

    @staticmethod
    def _description(np: str, start: int) -> Mention | None:
        words = np.split()
        while words and words[-1].lower() in _NP_STOP:
            words.pop()
        while words and words[0].lower() in ("the", "a", "an"):  # "a police station" → "police station"
            start += len(words.pop(0)) + 1
        if not words or not _is_noun_phrase(words) or words[-1].lower() in _NOT_A_TARGET:
            return None
        if any(w.lower() in shipped().time_words for w in words):
            return None  # "expelled the ambassador on Saturday": a day is no target
        text = " ".join(words)
        return Mention(start, start + len(text), text, "Description")

    def _statement_target(self, actors: list[Mention], ts: int, te: int, exclude: Mention | None) -> Mention | None:
        """Whom a statement is about or addressed to: the first known actor after its cue."""
        for m in actors:
            if m.start > ts and m is not exclude:
                if m.start - te > ACTOR_AFTER_CHARS or not _clear_between(self.text, te, m.start):
                    return None
                return m
        return None

    def _between(self, actors: list[Mention], te: int, s_end: int) -> tuple[Mention, Mention] | None:
        """ "between A and B" right after a trigger: the two parties."""
        m = _BETWEEN.match(self.text, te, s_end)
        if m is None:
            return None
        after = [a for a in actors if a.start >= m.end()]
        if len(after) < 2 or after[0].start != m.end():
            return None
        first, second = after[0], after[1]
        return (first, second) if _CONJUNCTION.fullmatch(self.text, first.end, second.start) else None

    def _demonym_before(self, ts: int, s_start: int) -> Mention | None:
        """ "Russian artillery struck", "Turkish drones hit": a nationality right before a trigger that
        names a weapon or a force is who used it, where no actor stands before."""
        for m in self.demonyms:
            if s_start <= m.start and m.end <= ts and _MODIFIER_GAP.match(self.text[m.end : ts]):
                return m
        return None

    def _first_conjunct(self, before: list[Mention], s_start: int) -> Mention | None:
        """The first of two actors joined by "and" or a comma right before the trigger's subject slot
        ("Iraq, Turkey agree", "Congo's government and M23 rebels held talks"); None where none."""
        if len(before) < 2:
            return None
        a, b = before[-2], before[-1]
        gap = _CONJUNCTION.fullmatch(self.text, a.end, b.start)
        if gap is None or ("and" not in gap.group().lower() and self.text[s_start : a.start].strip()):
            return None  # a comma joins two actors only in a headline's list ("Iraq, Turkey agree")
        return a

    def _state_force(self, phrase: Mention) -> Mention:
        """ "Pakistani troops", "Nigerian police", "Kenyan authorities": a state's force or organ named
        by its nationality acts for that state (its actor id), where the ontology has the state."""
        if phrase.actor_id or not self.states:
            return phrase
        words = phrase.text.lower().split()
        heads = (self.phrases or shipped()).state_heads
        if not (words[-1] in heads or " ".join(words[-2:]) in heads):
            return phrase
        for m in self.demonyms:
            state = self.states.get(m.country) if m.country else None
            if state is not None and phrase.start <= m.start and m.end < phrase.end:
                return dataclasses.replace(
                    phrase, actor_id=state.id, actor_name=state.name, actor_type=state.type, type="Organisation"
                )
        return phrase

    def _states(self, places: list[Mention], s_start: int) -> list[Mention]:
        """Countries named where an actor stands, not after a preposition: "Somalia expelled ...",
        "Rwanda denies ...", "expelled Ethiopia's ambassador" (a state the ontology does not list)."""
        # copies: a country named as an actor may still be the event's place ("jihadists storm Niger village")
        return [
            dataclasses.replace(m)
            for m in places
            if m.precision == "country"
            and not m.actor_id
            and not _PREPOSITION_BEFORE.search(self.text, max(s_start, m.start - 12), m.start)
            and not _BY.search(self.text, max(s_start, m.start - 8), m.start)
            and not _PLACE_PREP.search(self.text, max(s_start, m.start - 40), m.start)
            # "Eastern Ukraine shelling kills 3": a part of the country, where it happened
            and not COMPASS_BEFORE.search(self.text, max(s_start, m.start - 20), m.start)
        ]

    def _located(self, m: Mention, s_start: int) -> bool:
        """A place (a state has an actor id too) named where a place stands: after a locative preposition
        or a compass word; not the possessor of a thing ("into the United States' talks with the Taliban"),
        where it is of a place ("in Sudan's Darfur")."""
        return (
            bool(m.place_id)
            and not _POSSESSOR.match(self.text, m.end)
            and bool(_LOCATED_BEFORE.search(self.text, max(s_start, m.start - 40), m.start))
        )

    def stands_as_place(self, m: Mention, s_start: int) -> bool:
        """A state named as where something is, never as who acts: after a locative preposition or a
        compass word ("in eastern Congo", "across Mali"), as the country of a town before it ("Oicha,
        Congo"; a wire dateline's "BENI, Democratic Republic of Congo, Nov 28 -"). Such a state is no
        doer or target of the sentence's events, whatever phrase holds it."""
        if m.actor_type != "state":
            return self._located(m, s_start)
        if self._located(m, s_start) or _PLACE_PREP.search(self.text, max(s_start, m.start - 40), m.start):
            return True
        if _REPORTS_AFTER.match(self.text, m.end):
            return True  # "Colombia raises massacre toll to 9": the state reports the act, it did not do it
        # "Congo" inside "Democratic Republic of Congo": the longer name decides
        outer = [o for o in self._in(self.actors, s_start, m.end) if o.start <= m.start and m.end <= o.end and o != m]
        if any(o.actor_type == "state" and self.stands_as_place(o, s_start) for o in outer):
            return True
        if COMPASS_BEFORE.search(self.text, max(s_start, m.start - 20), m.start):
            return True
        if self._dateline_span is None:
            self._dateline_span = dateline(self.text) or (-1, -1)
        town_end = self._dateline_span[1]
        if town_end >= 0 and _TOWN_COMMA.fullmatch(self.text, town_end, m.start):
            return True
        return any(
            p.end < m.start and p.precision != "country" and _TOWN_COMMA.fullmatch(self.text, p.end, m.start)
            for p in self._in(self.places, s_start, m.start)
        )

    def in_dateline_town(self, start: int, end: int) -> bool:
        """Whether [start, end) lies in the dateline's town ("EL FASHER, Sudan -"): where the report was filed."""
        if self._dateline_span is None:
            self._dateline_span = dateline(self.text) or (-1, -1)
        town_start, town_end = self._dateline_span
        return town_start <= start and end <= town_end

    def _reduced_passive(self, ts: int, te: int) -> bool:
        """A participle trigger with no object and no auxiliary: "Policeman shot dead in Peshawar",
        "Two soldiers killed, three wounded" (not "Gunmen killed 14", "Militants attacked a post")."""
        if not _REDUCED_PASSIVE_TRIGGER.search(self.text, max(ts, te - 6), te):
            return False
        # "clashed in Arauca", "fired at protesters": a verb with no passive reading has its doer as subject
        last = self.text[ts:te].split()[-1].lower() if self.text[ts:te].strip() else ""
        if last in (self.phrases or shipped()).intransitive_verbs:
            return False
        # "Policeman shot dead by gunmen in Quetta", "Three teachers killed by militants": the agent follows
        return bool(_REDUCED_PASSIVE_AFTER.match(self.text, te) or _BY_AGENT_AFTER.match(self.text, te))

    def sentence_actors(self, s_start: int, s_end: int) -> list[Mention]:
        """The sentence's actor candidates: its known actors and the phrases that name one by
        description (``events.actor_phrases``), a phrase replacing the known actor it holds."""
        found = self._sentence_actors.get(s_start)
        if found is None:
            places = [m for m in self._in(self.places, s_start, s_end) if not _HYPHEN_AFTER.match(self.text, m.end)]
            # a state named as the place of the act ("in southern Mali") is no actor there, and stays the place
            actors = [m for m in self._in(self.actors, s_start, s_end) if not self.stands_as_place(m, s_start)]
            known = sorted(actors + self._states(places, s_start), key=lambda m: m.start)
            phrases = (self.phrases or shipped()).find(self.text, s_start, s_end, known, places)
            held = [k for k in known if any(p.start <= k.start and k.end <= p.end and p is not k for p in phrases)]
            kept = [k for k in known if k not in held and not _HYPHEN_AFTER.match(self.text, k.end)]
            phrases = [self._state_force(p) for p in phrases]
            found = sorted(kept + phrases, key=lambda m: (m.start, m.end))
            self._sentence_actors[s_start] = found
        return found

    def sentence_places(self, s_start: int, s_end: int) -> list[Mention]:
        """The sentence's place mentions, in text order."""
        return self._in(self.places, s_start, s_end)

    # -- the rest -------------------------------------------------------------------------------

    def _place(
        self, s_start: int, s_end: int, trigger: tuple[int, int], used: set[int], located_only: bool = False
    ) -> Mention | None:
        ts, te = trigger
        candidates = [
            m
            for m in self._in(self.places, s_start, s_end)
            if id(m) not in used
            and not _HYPHEN_AFTER.match(self.text, m.end)
            and (not located_only or _PLACE_PREP.search(self.text, max(s_start, m.start - 40), m.start))
        ]
        if not candidates:
            return None
        # names a locative cue places ("a strike on Tahoua's market", "the base at Kamanyola") stand where a
        # place stands, as after "in"
        cued = {start for start, _ in _locative_cues().cued_names(self.text, s_start, s_end)}

        def key(m: Mention):
            after_prep = m.start in cued or bool(_PLACE_PREP.search(self.text, max(s_start, m.start - 40), m.start))
            after_prep = after_prep and not _WATER_AFTER.match(self.text, m.end)
            # "the Doha agreement", "of the Surkh Rod attack"; not "police in Bangladesh fired" nor "rebels in the
            # Central African Republic seized" (a place right after its preposition), nor "Mozambique, Rwanda
            # retake" (a comma between)
            names_trigger = (
                0 <= ts - m.end <= 2
                and not self.text[m.end : ts].strip()
                and not _PLACE_PREP.search(self.text, max(s_start, m.start - 40), m.start)
            )
            dateline = m.start == s_start and bool(_DATELINE_AFTER.match(self.text, m.end))
            # "in Nairobi's Eastleigh district": the place the possessor holds is the finer one
            possessor = any(o is not m and _POSSESSOR_OF.fullmatch(self.text, m.end, o.start) for o in candidates)
            seat = bool(_SEAT_BEFORE.search(self.text, max(s_start, m.start - 40), m.start)) and (
                m.end <= ts or bool(_SPEECH_AFTER.match(self.text, m.end))
            )
            seat = seat or (m.start >= te and bool(_OTHER_ACT_BEFORE.search(self.text, max(te, m.start - 40), m.start)))
            return (
                dateline,
                possessor,
                not names_trigger,
                not after_prep,
                seat,
                PRECISION_RANK.get(m.precision or "", 5),
                # the gap between the name and the trigger ("Doctors in Bamako said the strike on Gao's market")
                ts - m.end if m.end <= ts else max(0, m.start - te),
            )

        return min(candidates, key=key)

    def _within_container(self, place: Mention | None, s_end: int) -> Mention | None:
        """A town named with the division or country it lies in ("Zamora, Michoacán", "Kaura local government
        area of Kaduna state", "Hyderabad, Pakistan") whose gazetteer reading lies elsewhere (a namesake in
        Spain, in Côte d'Ivoire, in India) is a town the gazetteer does not know in that container: the
        container's place, under the town's name as written."""
        if place is None or place.precision not in ("city", "district", "approximate"):
            return place
        # "Nairobi's Eastleigh": the possessor is where the place lies (a town holds a district too)
        owner = next(
            (c for c in self.places if c.end < place.start and _POSSESSOR_OF.fullmatch(self.text, c.end, place.start)),
            None,
        )
        if owner is not None:
            inside = place.country == owner.country and (owner.precision == "country" or place.admin1 == owner.admin1)
            return place if inside else dataclasses.replace(owner, place_name=place.text)
        for c in self.places:
            if c.start < place.end or c.start > s_end or c.precision not in ("admin1", "country"):
                continue
            if not _CONTAINER_GAP.fullmatch(self.text, place.end, c.start):
                break
            inside = place.country == c.country and (c.precision == "country" or place.admin1 == c.admin1)
            return place if inside else dataclasses.replace(c, place_name=place.text)
        return place

    def _unknown_place(self, s_start: int, s_end: int) -> Mention | None:
        """A name no gazetteer knows that the sentence puts where a place stands ("a raid on Dhusamareb",
        "fighting in Cité Soleil"): the event's place by its name alone (no id, no coordinates). Not a
        name some other mention holds (an actor, a known place), nor one made of English words only, nor
        an acronym in a line that is not all capitals ("attacked UPDF positions": a force)."""
        taken = [(m.start, m.end) for m in (*self.actors, *self.places, *self.demonyms)]
        common = _common_words()
        for start, end in _locative_cues().cued_names(self.text, s_start, s_end):
            if any(s < end and start < e for s, e in taken):
                continue
            if _ACRONYM.fullmatch(self.text, start, end) and not self.text[s_start:s_end].isupper():
                continue
            words = [w.lower() for w in re.findall(r"[^\W\d_]{3,}", self.text[start:end])]
            if any(w not in common for w in words):
                return Mention(start, end, self.text[start:end], "Location", place_name=self.text[start:end])
        return None

    def _dateline_place(self) -> Mention | None:
        """The place of the wire dateline heading the text, the fallback place of an event whose
        sentence names none."""
        if not self._dateline:
            span = dateline(self.text) if self.places else None
            found = next((m for m in self.places if span and m.start == span[0]), None)
            self._dateline.append(found)
        return self._dateline[0]

    def filed_at(self, event: Event) -> bool:
        """Whether ``event`` sits where the report was filed only: the dateline alone placed it, and it still
        has the dateline's place (an event re-placed at the act it tells again has that act's)."""
        found = self._dateline_place()
        return (
            event.id in self.dateline_placed
            and found is not None
            and (event.place_id, event.location) == (found.place_id, found.place_name)
        )

    def _is_dateline(self, place: Mention) -> bool:
        """Whether ``place`` is the dateline's place mention ("BAGHDAD –" heading the sentence it begins)."""
        found = self._dateline_place()
        return found is not None and place.start == found.start and place.end == found.end

    def _date(self, s_start: int, s_end: int, ts: int):
        dates = self._dates.get(s_start)
        if dates is None:
            dates = self._dates[s_start] = (
                find_dates(self.text, self.anchor, s_start, s_end) if self._may_hold_date(s_start, s_end) else []
            )
        dates = [d for d in dates if not self._in_dateline(d)]
        # "police said on Sunday that gunmen had killed four people a day earlier": the day a statement was
        # made dates the statement; another date in the sentence dates the event
        told = [d for d in dates if _SAID_BEFORE.search(self.text, max(s_start, d.start - 30), d.start)]
        followups = Followups.load()
        own = followups.event_days(self.text, s_start, s_end, ts) if dates else None
        if own is not None:
            # a follow-up ("the toll has risen to 34, officials said on Thursday"): its later days are the
            # rise's, the finding's or the statement's, never the earlier incident's, even where none is left
            dates = [d for d in dates if own[0] <= d.start < own[1] and d not in told]
        if dates and followups.statement_about(self.text, s_start, ts):
            # "the governor on Thursday blamed M23 for the massacre": Thursday is the statement's day
            dates = [d for d in dates if not followups.statement_day(self.text, s_start, s_end, d.start, d.end)]
        # "blamed the rebels on Monday for a bomb that ...": the day of the blame, never the incident's
        dates = [d for d in dates if not followups.blame_day(self.text, s_start, d.start, d.end)]
        dates = [d for d in dates if d not in told] or dates
        set_aside = [d for d in dates if _NEGATED_BEFORE.search(self.text, max(s_start, d.start - 40), d.start)]
        dates = [d for d in dates if d not in set_aside] or dates
        return min(dates, key=lambda d: abs(d.start - ts)) if dates else None

    def _in_dateline(self, d) -> bool:
        """ "PESHAWAR, March 7 (Reuters) -": the report's date (the document date), not the event's."""
        return bool(
            _DATELINE_BEFORE.search(self.text, max(0, d.start - 130), d.start)
            and _DATELINE_AFTER_DATE.match(self.text, d.end)
        )

    def _may_hold_date(self, s_start: int, s_end: int) -> bool:
        """False only where no date pattern can match: most sentences with an event name no date."""
        words = _date_words()
        low = lowered_document(self.text) if words is not None else None
        return low is None or words.search(low, s_start, s_end) is not None

    def _violence_slots(self, s_start: int, s_end: int) -> tuple:
        """(killed, injured, weapon match, unclaimed match) of a sentence, read once for all its events."""
        if s_start not in self._violence:
            lex = self.lex
            low = lowered_document(self.text)
            words = lex.casualty_words
            toll = (
                self._read_casualties(s_start, s_end)
                if low is None or words is None or words.search(low, s_start, s_end)
                else (None, None)
            )
            self._violence[s_start] = (
                *toll,
                lex.search("weapons", self.text, s_start, s_end, low),
                lex.search("unclaimed", self.text, s_start, s_end, low),
            )
        return self._violence[s_start]

    def _read_casualties(self, s_start: int, s_end: int) -> tuple[tuple | None, tuple | None]:
        """The event's main killed and injured figures (``figures.reader.main_toll``): a total where
        the sentence gives one, else its groups' figures summed; a figure an armed group gives for
        its own attack ("the Taliban said they killed 12 soldiers") is that group's claim, kept by
        the figures component with its speaker, not the event's toll."""
        if self._reader is None:
            self._reader = SentenceReader(self.text, self.figures or FigureLexicon.load(), self.actors)
        readings = [r for r in self._reader.read(s_start, s_end) if not self._claimed_by_group(r, s_start)]
        killed, injured = main_toll(readings, "killed"), main_toll(readings, "injured")
        return (_event_value(killed) if killed else None), (_event_value(injured) if injured else None)

    def _claimed_by_group(self, r: Reading, s_start: int) -> bool:
        """An armed group before the number, then a claim or saying cue, with no clause break."""
        lex = self._reader.lex
        for m in self.actors:
            if s_start <= m.start and m.end <= r.start and m.actor_type == "armed_group":
                between = self.text[m.end : r.start]
                if lex.claim_cue.search(between) or _REPORTING.search(between):
                    return not re.search(r"[;.!?]", between)
        return False

    def fill(self, fields: dict, trigger_spans: list[tuple[int, int]]) -> Event:
        """The Event of ``fields`` (its type, sentence and trigger) with the slots its sentence fills."""
        s_start, s_end = fields["sentence_start"], fields["sentence_end"]
        trigger_start, event_type = fields["trigger_start"], fields["event_type"]
        statement = event_type == STATEMENTS or fields["type"] == "ATTRIB"
        actors = self.sentence_actors(s_start, s_end)
        actor1 = actor2 = None
        spans = sorted(trigger_spans, key=lambda s: s != (trigger_start, fields["trigger_end"]))
        for ts, te in spans:
            actor1 = actor1 or self._perpetrator(actors, ts, te, s_start, statement)
        for ts, te in spans:
            actor2 = actor2 or (
                self._target(actors, ts, te, s_start, s_end, actor1)
                if not statement
                else self._statement_target(actors, ts, te, actor1)
            )
        phrases = self.phrases or shipped()
        if fields["type"] in phrases.taken_from_types and actor1 is not None:
            # "troops retook the town of X from the RSF": the party the territory was taken from
            actor2 = self._taken_from(actors, fields["trigger_end"], s_end, actor1) or actor2
        reciprocal = fields["type"] in phrases.reciprocal_types
        if actor1 is not None and not statement and (actor2 is None or reciprocal):
            partner = next((m for m in actors if m.start > actor1.end), None)  # "A and B clashed": B
            if (
                partner is not None
                and partner.end <= trigger_start
                and _CONJUNCTION.fullmatch(self.text, actor1.end, partner.start)
            ):
                actor2 = partner
        if reciprocal:  # "a ceasefire between Congolese troops and M23 rebels"
            pair = self._between(actors, fields["trigger_end"], s_end)
            if pair is not None:
                actor1, actor2 = pair
        if (
            actor2 is not None
            and actor1 is not None
            and ((actor2.actor_id is not None and actor2.actor_id == actor1.actor_id) or actor2 is actor1)
        ):
            actor2 = None
        used = {id(m) for m in (actor1, actor2) if m is not None}
        # the doer's country ("Somalia expelled", "Israel and Lebanon agreed") is who acted, not where
        doers = {(m.start, m.end) for m in (actor1, actor2 if reciprocal else None) if m is not None}
        used |= {id(p) for p in self._in(self.places, s_start, s_end) if (p.start, p.end) in doers}
        # a statement's place is where its sentence places what it is about ("denied striking a market in
        # Kremenchuk", "threatened journalists in Culiacán"), never a doer's country nor the dateline
        trigger = (trigger_start, fields["trigger_end"])
        place = self._place(s_start, s_end, trigger, used, located_only=event_type == STATEMENTS)
        place = self._within_container(place, s_end)
        if place is None or place.precision in ("admin1", "country"):
            # "a raid on Mamove in North Kivu": the village no gazetteer knows, in the province it does
            unknown = self._unknown_place(s_start, s_end)
            if unknown is not None:
                place = unknown if place is None else dataclasses.replace(place, place_name=unknown.text)
        if place is None and event_type != STATEMENTS:
            place = self._dateline_place()  # "MAIDUGURI, Nigeria (Reuters) -": where the report was filed
            if place is not None:
                self.dateline_placed.add(fields["id"])
        elif place is not None and self._is_dateline(place):
            self.dateline_placed.add(fields["id"])  # the sentence's only place is its own dateline
        date = self._date(s_start, s_end, trigger_start)
        changes: dict = {}
        if actor1 is not None:
            changes.update(actor1=actor1.actor_id, actor1_text=actor1.text)
        if actor2 is not None:
            changes.update(actor2=actor2.actor_id, actor2_text=actor2.text)
        if place is not None:
            changes.update(place_fields(place, "location"))
        if date is not None:
            changes.update(
                date_start=date.date_start, date_end=date.date_end, date_precision=date.precision, date_text=date.text
            )
        if event_type in VIOLENT_GROUPS:
            killed, injured, weapon, unclaimed = self._violence_slots(s_start, s_end)
            if killed:
                changes.update(fatalities=killed[0], fatalities_qualifier=killed[1])
            if injured:
                changes.update(injured=injured[0], injured_qualifier=injured[1])
            if weapon:
                changes["weapon"] = weapon.group(0).lower()
            if unclaimed:
                changes["claimed"] = False
        return Event(**fields, **changes)

    def _relative_accused(self, claim: Event) -> Event:
        """An accusation in a relative clause ("X, which the government blames for the massacre, ...", "X, a
        group officials blame for ..."): its accused is the clause's antecedent X, which stands before the
        accuser and so is read as no role of it."""
        if claim.actor2_text is not None:
            return claim
        before = [m for m in self.actors if claim.sentence_start <= m.start and m.end <= claim.trigger_start]
        for m in reversed(before):
            if _RELATIVE_GAP.match(self.text, m.end, claim.trigger_start):
                return dataclasses.replace(claim, actor2=m.actor_id, actor2_text=m.text)
        return claim

    def _reaches_back(self, events: list[Event], claim: Event) -> bool:
        """Whether a claim may claim an act told before its sentence: not when its own sentence tells what
        it claims ("X claimed it had seized the town", an act after its verb) or its object is another act
        than one referred back to ("claimed responsibility for earlier attacks", not "for the attack")."""
        s, end = claim.sentence_start, claim.trigger_end
        if any(e.sentence_start == s and e.trigger_start >= end and e.event_type != STATEMENTS for e in events):
            return False
        at = (
            claim.trigger_end
            + len(self.text[claim.trigger_end : claim.sentence_end])
            - len(self.text[claim.trigger_end : claim.sentence_end].lstrip())
        )
        return not _OWN_OBJECT.match(self.text, at) or _ACT_REFERRED.match(self.text, at) is not None

    def link_claims(self, events: list[Event]) -> list[Event]:
        """Link each claim of responsibility to the violent event it claims: one in its own sentence,
        else the nearest one before it. A claimed event gets ``claimed = True``."""
        out = list(events)
        for i, claim in enumerate(out):
            if claim.type == "ACCUSE" and not claim.negated:
                out[i] = self._relative_accused(claim)
                out = _link_accusation(out, i, self.text)
                continue
            if claim.type != "ATTRIB" or claim.negated:
                continue
            claim = out[i] = _passive_claimant(claim, self.text)
            target = None
            for j in range(i - 1, -1, -1) if self._reaches_back(out, claim) else ():
                e = out[j]
                # an earlier act whose doer is another named actor is not what this claimant claims (a
                # group's claim after a report of its rival's raid): an older act may be
                if e.event_type in VIOLENT_GROUPS and not e.negated and not _other_doer(e, claim):
                    target = j
                    break
            for j, e in enumerate(out):  # same sentence wins
                if e.sentence_start == claim.sentence_start and e.event_type in VIOLENT_GROUPS and j != i:
                    target = j
                    break
            if target is None:
                continue
            out[i] = dataclasses.replace(claim, claims_event=out[target].id)
            out[target] = dataclasses.replace(out[target], claimed=True)
        return out


def _other_doer(event: Event, claim: Event) -> bool:
    """Whether an act names a linked doer that is not the claim's linked claimant."""
    return bool(event.actor1 and claim.actor1 and event.actor1 != claim.actor1)


# between an antecedent and an accusing verb in a relative clause: ", which the government ", ", a group
# officials ", ", whom residents ": the accuser's few words, no clause break
_RELATIVE_GAP = re.compile(
    r"\s*,\s*(?:(?:which|who|whom|that)\s+|an?\s+[\w'’-]+\s+(?:(?:which|that|whom)\s+)?)"
    r"(?:[\w'’-]+\s+){1,4}?(?:(?:has|have|had|also|repeatedly|long)\s+)*$",
    re.IGNORECASE,
)
# a claim's own object after its verb: "claimed responsibility for ...", "claimed it had ..."
_OWN_OBJECT = re.compile(r"(?:for|of|it|they|that|to)\b", re.IGNORECASE)
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_BY_END = re.compile(r"\bby$", re.IGNORECASE)


def _passive_claimant(claim: Event, text: str) -> Event:
    """A passive claim ("the attack was claimed by X", "responsibility was claimed by X"): the role reader
    takes the agent after the verb for its object, but X is the claimant, its first actor."""
    if claim.actor1 is not None or claim.actor1_text is not None or claim.actor2_text is None:
        return claim
    if not (_BY_END.search(text, claim.trigger_start, claim.trigger_end) or _BY_AFTER.match(text, claim.trigger_end)):
        return claim
    return dataclasses.replace(claim, actor1=claim.actor2, actor1_text=claim.actor2_text, actor2=None, actor2_text=None)


def _link_accusation(events: list[Event], i: int, text: str) -> list[Event]:
    """An accusation tied to the violent act its own sentence names after it ("police blamed bandits for
    the attack", "accused the Arakan Army of the shelling"): the accused is that act's doer as the accuser
    tells it, so the accusation claims the act. An accusation with no act after it in its sentence ("accused
    the government of corruption") claims nothing; the act keeps its own doer and stays unclaimed."""
    claim = events[i]
    for e in events:
        if (
            e.sentence_start == claim.sentence_start
            and e.trigger_start > claim.trigger_start
            and e.event_type in VIOLENT_GROUPS
            and not e.negated
        ):
            events[i] = dataclasses.replace(claim, claims_event=e.id)
            return events
    if _ACT_REFERRED.search(
        text, claim.trigger_end, claim.sentence_end
    ):  # "Police blamed bandits for the attack": the act told before
        before = [j for j in range(i) if events[j].event_type in VIOLENT_GROUPS and not events[j].negated]
        if before:
            events[i] = dataclasses.replace(claim, claims_event=events[before[-1]].id)
    return events


def _event_value(r: Reading) -> tuple[int, str]:
    """A figure as ``Event.fatalities`` and its qualifier: the number the text states ("nearly 50",
    "about 40" → 50, 40 "about"), a range or sum by its low end ("at_least")."""
    if r.qualifier == "exact":
        return int(r.low), "exact"
    if r.qualifier == "about" and r.high is not None:
        return int(round((r.low + r.high) / 2)), "about"
    if r.qualifier == "approx" and r.high is not None:
        return int(r.high) + 1, "about"
    if r.qualifier == "at_most" and r.high is not None:
        return int(r.high), "at_most"
    return int(r.low or 0), "at_least"


def case_type(event_type_name: str) -> str:
    return Taxonomy.load()[event_type_name].case_type
