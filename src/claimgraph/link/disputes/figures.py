"""Disputed figures: values of one measure that cannot all be true, after updates.

Each value is an interval ("at least 12" is [12, inf)). Two values conflict when their intervals
are disjoint and they come from different independent sources, unless the pair is an *update*: a
later, higher figure of the same voice, or an official one after an unofficial one, replaces the
earlier one (tolls rise as bodies are found), and the two are shown as a timeline (``_is_update``:
one authority never supersedes another's figure). Victim groups are compared with their own group;
a group's figure is a lower bound of the whole toll ("five civilians killed": at least five killed),
so it conflicts with a figure for everyone ("seven people") only when it exceeds it, and two
different groups' figures never oppose each other.

A dispute's score = divergence x firmness x sqrt(conflicting sources): divergence is log2 of how
far apart the furthest conflicting values are ((low + 1) / (high + 1)), firmness the mean of the
conflicting sources' firmest values (status x evidence weights of data/models/propositions.yaml).
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from ...nlp.dates import parse_iso
from ...yamlfiles import load_yaml
from .config import CONFIG_PATH
from .grouping import joined
from .parties import may_revise, voice_sides
from .values import INF, Value

# victim sides an event's tolls are disputed by (``victim_sides``)
_CIVILIAN_GROUPS = frozenset({"civilians"})
_FORCE_GROUPS = frozenset({"soldiers", "police", "security_forces"})
SIDE_LABELS = {"militants": "militants and attackers", "civilians": "civilians", "forces": "security forces"}


def _side(group: str | None, actor_type: Callable[[str], str | None]) -> str | None:
    """The victim side of a toll's group: militants (and an armed group's fighters), civilians (and a
    nationality's people: "two Chinese engineers"), forces (soldiers, police, another actor's named force);
    None for a total. ``actor_type``: the ontology type of a group that is an actor id, else None."""
    if group is None:
        return None
    if group in _CIVILIAN_GROUPS or group in _FORCE_GROUPS:
        return "civilians" if group in _CIVILIAN_GROUPS else "forces"
    kind = "militants" if group == "militants" else actor_type(group)
    if kind in ("militants", "armed_group"):
        return "militants"
    return "civilians" if kind is None else "forces"  # no actor: a nationality


def victim_sides(values: Sequence[Value], actor_type: Callable[[str], str | None]) -> dict[str, list[Value]]:
    """An event's toll values by victim side: the attackers killed and the soldiers or civilians they killed
    are counts of different people, each a dispute of its own (a fresh trial listed "more than 50 terrorists
    neutralised" as a value of the soldiers' toll). A total (no group) counts everyone, so it joins the side
    most of the other values count, the victims' before the militants' (an attack's toll is its victims'
    unless only militants are counted: a raid on a hideout)."""
    by_side: dict[str | None, list[Value]] = defaultdict(list)
    for v in values:
        by_side[_side(v.group, actor_type)].append(v)
    totals = by_side.pop(None, [])
    if not by_side:
        return {"all": totals}
    # a voice that counts the attackers' dead apart gives its other counts of the victims: "JNIM said it
    # killed 60 soldiers and volunteers; four of its fighters were killed" (a total of two groups is no count
    # of its own fighters), "the army said 30 terrorists were neutralised and six of our men fell"
    apart = {voice(v) for v in by_side.get("militants", ())}
    theirs = [v for v in totals if voice(v) in apart]
    totals = [v for v in totals if voice(v) not in apart]
    victims = [s for s in ("forces", "civilians") if s in by_side]
    if theirs and not victims:
        by_side["all"], victims = theirs, ["all"]
    elif theirs:
        home = max(victims, key=lambda s: len(by_side[s]))
        by_side[home] = theirs + by_side[home]
    home = max(victims, key=lambda s: len(by_side[s])) if victims else "militants"
    by_side[home] = totals + by_side[home]
    if "militants" in by_side:
        # the attackers' dead are one count however they are named ("35 terrorists", "six HTS fighters",
        # "two of its fighters"): one group, so that two sources' counts of them are compared
        for v in by_side["militants"]:
            v.group = "militants" if v.group is not None else None
    return dict(by_side)


def split_primary(split: dict[str, list[Value]]) -> str:
    """The side whose dispute keeps the plain key: the one holding the totals, else the victims' first."""
    order = ("all", "forces", "civilians", "militants")
    return min(split, key=lambda side: (not any(v.group is None for v in split[side]), order.index(side)))


def _comparable(a: Value, b: Value) -> bool:
    return a.group == b.group or a.group is None or b.group is None


def _disjoint(lower: Value, upper: Value) -> bool:
    """``lower`` lies wholly below ``upper``, and (for a group and a total) that is impossible."""
    if not lower.high < upper.low:
        return False
    if lower.group == upper.group:
        return True
    return lower.group is None  # a total below a group's count; a group below a total is fine


def voice(v: Value) -> tuple[str, str]:
    """Who gives a value: its source and speaker (an outlet quoting a hospital and a ministry
    reports two voices that can contradict each other; counted once as a source)."""
    return v.source, (v.speaker_actor or v.speaker or "").lower()


# the text calls a figure an earlier count ("a preliminary figure of 23", "the initial toll of 12")
_PRELIMINARY = re.compile(
    r"\b(?:preliminary|initial|provisional|earlier|first|previous)\s+(?:death\s+)?(?:figure|toll|count|tally|"
    r"estimate|report|statement|number)s?\b[^.;:!?]{0,40}$",
    re.IGNORECASE,
)
# the text names the earlier count it replaces: "has risen to 27, up from 15 reported on Thursday", "revised
# from an initial 12"
_UP_FROM = re.compile(
    r"\b(?:up|risen|rose|rising|revised(?:\s+(?:up|upward|upwards))?|increased)\s+from\s+(?:an?\s+|the\s+)?"
    r"(?:(?:earlier|initial|previous|preliminary|first)\s+)?(?:(?:figure|toll|count|tally)\s+(?:of\s+)?)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\b",
    re.IGNORECASE,
)
# words that name no body in particular: two ministries share "ministry", not a body
_GENERIC_BODY = frozenset(
    "the of a an and in for to its his her their our state ministry minister director general spokesman "
    "spokeswoman spokesperson official officials office department government authorities said says".split()
)


def _before(v: Value) -> str:
    """The words of the value's sentence before the value itself ("" where the value is not found there)."""
    text, value = v.text or "", v.value or ""
    at = text.find(value) if value else -1
    return text[max(0, at - 100) : at] if at >= 0 else ""


def _names_earlier(later: Value, earlier: Value) -> bool:
    """The later value's sentence says it rose from a number the earlier value allows ("27, up from 15"):
    the report itself calls the earlier count superseded, whoever gave either."""
    text, value = later.text or "", later.value or ""
    at = text.find(value) if value else -1
    if at < 0 or earlier.low is None:
        return False
    m = _UP_FROM.search(text, at + len(value), at + len(value) + 80)
    if m is None:
        return False
    n = float(m.group("n").replace(",", ""))
    return earlier.low <= n <= (earlier.high if earlier.high is not None else INF)


@functools.lru_cache(maxsize=1)
def _superseded_cues() -> tuple[re.Pattern, re.Pattern]:
    """(before, after) the value: the words by which a report names its own figure superseded (data/models/
    disputes.yaml ``superseded``; shipped data, read once per process)."""
    data = load_yaml(CONFIG_PATH.read_text(encoding="utf-8"))["superseded"]
    before = re.compile(r"(?:" + "|".join(data["before"]) + r")[^.;:!?]{0,60}$", re.IGNORECASE)
    return before, re.compile("|".join(data["after"]), re.IGNORECASE)


def _told_superseded(v: Value) -> bool:
    """The value's own sentence calls it an earlier count: "officials had put the toll at 27", "earlier
    reports said 12", "the 60 first reported by a rights group"."""
    text, value = v.text or "", v.value or ""
    at = text.find(value) if value else -1
    if at < 0:
        return False
    before, after = _superseded_cues()
    clause = re.split(r"[;]|,\s+(?:while|whereas|but)\s", text[max(0, at - 100) : at])[-1]
    return before.search(clause) is not None or after.match(text, at + len(value)) is not None


def _own_earlier(earlier: Value, later: Value) -> bool:
    """One report's earlier figure it names as superseded, and a higher one it gives as current ("the toll now
    stands at 34 ... officials had put the toll at 27"): a timeline step of that report, whoever it quotes."""
    return (
        earlier.doc_id == later.doc_id
        and later.low is not None
        and earlier.low is not None
        and later.low > earlier.low
        and _told_superseded(earlier)
        and not _told_superseded(later)
    )


def _rise_told(earlier: Value, later: Value) -> bool:
    """Two values that can both be true ("at least 15", then 27) whose later report tells it as a rise of the
    earlier: it names the earlier count ("up from 15"), or its words say it revises ("rises to 27") on a later
    day, or one report gives both and names the lower one superseded ("had put the toll at 15"), and its voice
    may revise the earlier's (``parties.may_revise``). Shown as a timeline (superseded -> update);
    disjoint pairs go through ``_is_update``."""
    if _disjoint(earlier, later) or not later.low > earlier.low:
        return False
    if not may_revise(earlier, later, _own_voice(earlier, later)):
        return False
    if _own_earlier(earlier, later):
        return True
    if not (later.date or "") > (earlier.date or ""):
        return False
    if _names_earlier(later, earlier):
        return True
    if not _revised(later) or _names_other(later, earlier):
        return False
    # another voice's told rise of a toll is of the victims: it revises no count of the attackers' dead ("six
    # militants" beside another report's "the toll has risen to 12"), which victim_sides keeps apart where the
    # cluster names victims too
    return later.source == earlier.source or later.group == earlier.group or earlier.group != "militants"


@functools.lru_cache(maxsize=1)
def _revision_cues() -> tuple[re.Pattern, re.Pattern]:
    """(close, clause): the words by which a figure's own sentence says it revises an earlier count (data/models/
    disputes.yaml ``revised``; shipped data, read once per process)."""
    data = load_yaml(CONFIG_PATH.read_text(encoding="utf-8"))["revised"]
    close = re.compile(r"(?:" + "|".join(data["close"]) + r")[^.;:!?]{0,30}$", re.IGNORECASE)
    return close, re.compile(r"(?:" + "|".join(data["clause"]) + r")[^.;:!?]{0,80}$", re.IGNORECASE)


def _revised(v: Value) -> bool:
    """The value's sentence says it revises an earlier count: "has risen to 41", "bringing the toll to 19",
    "updated figures put the toll at 16"."""
    before, (close, clause) = _before(v), _revision_cues()
    return close.search(before) is not None or clause.search(before) is not None


def _preliminary(v: Value) -> bool:
    return _PRELIMINARY.search(_before(v)) is not None


def _body_words(v: Value) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]+", (v.speaker or "").lower()) if w not in _GENERIC_BODY}


def _same_body(a: Value, b: Value) -> bool:
    """One authority in two reports: the same voice, one outlet's own uncued words and a voice it gives
    (a ministry's statement file: its text and its named ministry), or two official speakers naming the
    same body ("Adam Ishaq, director general of the North Darfur health ministry" and "the Ministry of
    Health of North Darfur State" share north, darfur, health). Two voices one outlet quotes are two."""
    if voice(a) == voice(b) or (a.source == b.source and not (a.cue and b.cue)):
        return True
    return _one_named_body(a, b)


def _one_named_body(a: Value, b: Value) -> bool:
    """Two official speakers whose words name one body (two words shared beyond the generic ones)."""
    return a.official and b.official and len(_body_words(a) & _body_words(b)) >= 2


def _own_voice(a: Value, b: Value) -> bool:
    """One voice's count in two values: the same source and speaker; one outlet's own uncued reporting; in one
    report, its uncued words and the voice it gives (a ministry's statement file: its text and its ministry);
    two official speakers naming one body (``_one_named_body``); organs of one state or one party (``_one_side``).
    An outlet's uncued figure and a party it quotes in a later report are two voices."""
    if voice(a) == voice(b) or (a.source == b.source and not a.cue and not b.cue):
        return True
    if a.doc_id == b.doc_id and a.source == b.source and not (a.cue and b.cue):
        return True
    return _one_named_body(a, b) or _one_side(a, b)


def _is_update(earlier: Value, later: Value) -> bool:
    """A later, higher figure replaces an earlier one (tolls rise as bodies are found) only where its voice may
    revise the earlier figure (``parties.may_revise``: one body, a voice that is no party, or a party revising
    its own side's count) and:
    - it is one body's revision (one source and speaker, one outlet's own uncued reporting, two official
      speakers naming one body, organs of one state or one party): a later figure, a figure the text calls a
      rise ("has risen to 41") of that day, or a count replacing one the text calls earlier ("our
      preliminary figure of 23") whatever the dates say;
    - or another source's words say it revises an earlier count ("has risen to", "bringing the total to",
      "updated figures"), on a later day, naming no other earlier count than this one;
    - or its sentence names the count it rose from ("27, up from 15"), or one report gives both and names the
      lower superseded: the report itself tells the two as a timeline.
    Without words of revision another source's later figure is a newer account against the earlier, a
    dispute where they cannot both be true; and a later lower figure is never an update."""
    same = _own_voice(earlier, later)
    if not may_revise(earlier, later, same):
        return False
    if _names_earlier(later, earlier) or _own_earlier(earlier, later):
        return True
    if same and _preliminary(earlier) and not _preliminary(later):
        return True
    if same and _revised(later) and (later.date or "") >= (earlier.date or ""):
        return True
    if not earlier.date and later.source != earlier.source:
        return False  # an undated report (a file with no date) is not known to come before another source's
    # another source: its words of revision on a later day (on one day neither report is known to be later)
    return (later.date or "") > (earlier.date or "") and (
        same or (_revised(later) and not _names_other(later, earlier))
    )


def _names_other(later: Value, earlier: Value) -> bool:
    """The later value's sentence names the count it rose from, and it is not one the earlier value allows
    ("rose to 27, up from 20" beside another report's 15): its rise is of that other count."""
    text, value = later.text or "", later.value or ""
    at = text.find(value) if value else -1
    if at < 0:
        return False
    return _UP_FROM.search(text, at + len(value), at + len(value) + 80) is not None and not _names_earlier(
        later, earlier
    )


def _one_side(a: Value, b: Value) -> bool:
    """Two official voices that are organs of one state (``_one_government``), or two voices of one party or
    its allies (``parties.voice_sides``): one side's count, revised as it learns more."""
    if _one_government(a, b):
        return True
    sa, sb = voice_sides(a), voice_sides(b)
    return bool(sa and sb and sa & sb)


def _one_government(a: Value, b: Value) -> bool:
    """Two official voices that are organs of one state ("a district police official" and the Ministry of
    Interior the police answer to): one government's count, revised as it learns more, not two accounts.
    A state's organ and a UN mission, or two states' organs, stay two."""
    if not (a.speaker_actor and b.speaker_actor):
        return False
    state_a, state_b = _state_of(a.speaker_actor), _state_of(b.speaker_actor)
    return state_a is not None and state_a == state_b


def _state_of(actor_id: str) -> str | None:
    from ...entities.ontology import load_cached

    ontology = load_cached()
    actor = ontology.get(actor_id)
    if actor is None:
        return None
    if actor.type == "state":
        return actor.id
    return next((a.id for a in ontology.ancestors(actor_id) if a.type == "state"), None)


def same_period(span_days: int) -> Callable[[Value, Value], bool]:
    """Whether two values of a measure that holds for a while (a group's strength) can describe one time: their
    reports at most ``span_days`` apart, or either undated (a report excerpt gives no date: it may be of any
    time, and an analyst wants it set against the dated estimates). Further apart they are a timeline: a group
    grows and shrinks, so 1,500 fighters in 2016 and 30,000 in 2024 can both be true."""

    def related(a: Value, b: Value) -> bool:
        da, db = parse_iso(a.date), parse_iso(b.date)
        return da is None or db is None or abs((da - db).days) <= span_days

    return related


def compare(
    values: Sequence[Value],
    *,
    updates_allowed: bool = True,
    related: Callable[[Value, Value], bool] | None = None,
) -> dict[str, Any]:
    """Roles of the values (value | update | superseded), the conflicting pairs, and the summary a
    dispute row stores (low, high, divergence, firmness, score, conflict, updates, sources, why).
    ``updates_allowed``: for counts that only grow as they are known (an event's toll); a group's
    strength can fall as well as rise, so a later figure is no update of it. ``related``: whether two
    values count the same thing at all (counts no event cluster joins: ``unclustered``); None: all do."""
    pairs, updates = [], 0
    ordered = sorted(values, key=lambda v: (v.low, v.date or ""))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if related is not None and not related(a, b):
                continue
            for lower, upper in ((a, b), (b, a)):
                if updates_allowed and _comparable(lower, upper) and _rise_told(lower, upper):
                    # "at least 15" then "has risen to 27": compatible, but the report tells a timeline
                    lower.role = "superseded"
                    if upper.role == "value":
                        upper.role = "update"
                    updates += 1
                    continue
                if not _comparable(lower, upper) or not _disjoint(lower, upper):
                    continue
                if updates_allowed and _is_update(lower, upper):
                    lower.role = "superseded"
                    if upper.role == "value":
                        upper.role = "update"
                    updates += 1
                elif voice(lower) != voice(upper):
                    pairs.append((lower, upper))
    # a pair whose lower value an update has superseded is history, not a live conflict
    live = [(lo, up) for lo, up in pairs if lo.role != "superseded" and up.role != "superseded"]
    return _summary(values, live, updates)


def _summary(values: Sequence[Value], live: list[tuple[Value, Value]], updates: int) -> dict[str, Any]:
    sources = {v.source for v in values}
    lows = [v.low for v in values if v.low is not None]
    highs = [v.high if v.high != INF else v.low for v in values if v.low is not None]
    if not live:
        return {
            "low": min(lows, default=None),
            "high": max(highs, default=None),
            "divergence": 0.0,
            "firmness": 0.0,
            "score": 0.0,
            "conflict": False,
            "updates": updates,
            "sources": len(sources),
            "why": f"{len(sources)} sources; no values that cannot both be true"
            + (f" ({updates} later figure{'s' if updates != 1 else ''} updating earlier ones)" if updates else ""),
        }
    divergence = max(math.log2((up.low + 1) / (lo.high + 1)) for lo, up in live)
    best: dict[str, float] = defaultdict(float)
    for v in (x for pair in live for x in pair):
        best[v.source] = max(best[v.source], v.firmness)
    firmness = sum(best.values()) / len(best)
    score = divergence * firmness * math.sqrt(len(best))
    lo, up = max(live, key=lambda p: (p[1].low + 1) / (p[0].high + 1))
    why = (
        f"{len(best)} independent source{'s' if len(best) != 1 else ''} conflict: {_who(lo)} says {lo.value}, "
        f"{_who(up)} says {up.value}; "
        f"divergence log2(({up.low:g}+1)/({lo.high:g}+1)) = {divergence:.2f}, firmness {firmness:.2f}; "
        f"score = {divergence:.2f} x {firmness:.2f} x sqrt({len(best)}) = {score:.2f}"
    )
    if updates:
        why += f"; {updates} later figure{'s' if updates != 1 else ''} counted as updates, not conflicts"
    return {
        "low": min(lows),
        "high": max(highs),
        "divergence": round(divergence, 6),
        "firmness": round(firmness, 6),
        "score": round(score, 6),
        "conflict": True,
        "updates": updates,
        "sources": len(sources),
        "why": why,
    }


def _who(v: Value) -> str:
    return v.source if not v.speaker or v.speaker == v.source else f"{v.source} ({v.speaker})"


def conflicting(a: Value, b: Value, compatible) -> bool:
    """Whether two categorical values are set against each other: two voices, two values that
    ``compatible`` rejects."""
    return voice(a) != voice(b) and a.key != b.key and not compatible(a, b)


def categorical(values: Sequence[Value], compatible) -> dict[str, Any]:
    """Facts (perpetrator, date, place): a conflict is two independent sources giving values that
    ``compatible(a, b)`` rejects. Divergence is the number of accounts less one (values that are the
    same or compatible, a town and its province, are one account); the score counts the sources
    against the commonest account."""
    pairs = [(a, b) for i, a in enumerate(values) for b in values[i + 1 :] if conflicting(a, b, compatible)]
    sources = {v.source for v in values}
    if not pairs:
        return {
            "low": None,
            "high": None,
            "divergence": 0.0,
            "firmness": 0.0,
            "score": 0.0,
            "conflict": False,
            "updates": 0,
            "sources": len(sources),
            "why": f"{len(sources)} sources agree",
        }
    groups = accounts(values, compatible, pairs)
    best: dict[str, float] = defaultdict(float)
    for v in (x for pair in pairs for x in pair):
        best[v.source] = max(best[v.source], v.firmness)
    divergence = float(max(len(groups) - 1, 1))  # a chain of compatible values still holds a conflict
    firmness = sum(best.values()) / len(best)
    # how many independent sources stand against the commonest account: one report placing an
    # attack elsewhere is a weaker dispute than three against three
    sizes = sorted((len({v.source for v in g}) for g in groups), reverse=True)
    dissent = max(min(sizes[0], sum(sizes[1:])), 1)
    score = divergence * firmness * math.sqrt(dissent)
    shown = "; ".join(sorted({f"{v.source}: {v.value}" for pair in pairs for v in pair}))
    return {
        "low": None,
        "high": None,
        "divergence": divergence,
        "firmness": round(firmness, 6),
        "score": round(score, 6),
        "conflict": True,
        "updates": 0,
        "sources": len(sources),
        "why": f"{len(best)} independent sources give {len(groups)} accounts that cannot all be true ({shown}); "
        f"score = {divergence:.0f} x {firmness:.2f} x sqrt({dissent} source{'s' if dissent != 1 else ''} "
        f"against the commonest) = {score:.2f}",
    }


def accounts(values: Sequence[Value], compatible, pairs: Sequence[tuple[Value, Value]]) -> list[list[Value]]:
    """The accounts a categorical dispute sets against each other: the values of its conflicting pairs,
    joined where compatible. A value compatible with every other ("Somalia" beside two towns of it)
    takes no side: joining it would chain the two sides into one account."""
    paired = {id(v) for pair in pairs for v in pair}
    return compatible_groups([v for v in values if id(v) in paired], compatible)


def compatible_groups(values: Sequence[Value], compatible) -> list[list[Value]]:
    """Values joined where they are the same or ``compatible`` (a town and its province): the
    accounts a categorical dispute holds."""
    return joined(values, lambda a, b: a.key == b.key or compatible(a, b))
