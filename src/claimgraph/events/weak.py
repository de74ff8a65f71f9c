"""Weak events: a title or lead that tells of a violent incident the trigger lexicon does not read.

"Gunmen target police convoy in Zamfara", "Two policemen shot in Pulwama", "Heavy gunfire in Tripoli":
each reports an incident, but in words (target, shot, gunfire) that the trigger lexicon leaves alone
because elsewhere they tell of none ("Police target drink drivers", "Shooting star striker signs").
A document whose events are all statements (or none) and whose title or lead holds such an act gets
one event of a general type with a low confidence (data/events/weak_events.yaml): its slots come from
that sentence as for any event (place, date, tolls, actors), so the document can join its incident's
cluster (events/coref.py) instead of standing alone. The act counts only with a doer before it ("Gunmen
target ...") or a victim before it ("Two policemen shot ..."), or when it names fighting itself
("gunfire"), or when it says a toll rose with no cause that is no violence ("Death toll climbs to 30 in X": the
later count of an incident other reports named); negated or hypothetical acts make none ("Militants vow to
target ...").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Mention
from claimgraph.yamlfiles import load_yaml

CONFIG = Path(__file__).resolve().parents[1] / "data" / "events" / "weak_events.yaml"


class WeakEventsDataError(ClaimgraphError):
    """The weak-event settings file is malformed."""


def _alternation(words: Iterable[str]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class WeakActs:
    """The words of data/events/weak_events.yaml, compiled."""

    type: str
    confidence: float
    doers: re.Pattern
    doer_acts: re.Pattern
    doer_act_not_before: re.Pattern
    victims: re.Pattern
    victim_acts: re.Pattern
    fighting: re.Pattern
    tolls: re.Pattern  # a risen toll of people ("death toll climbs to 30")
    not_violent: re.Pattern  # causes of a toll that are no violence (floods, disease, accidents)

    @classmethod
    def load(cls, path: Path = CONFIG) -> WeakActs:
        """The shipped words, read once per process (callers do not change them)."""
        return _load(path)

    def act(self, text: str, start: int, end: int, armed: Iterable[Mention] = ()) -> tuple[int, int] | None:
        """The span of the first violent act in ``text[start:end]``: one a doer (a word of the file or an
        armed group the entity stage linked) does before it, one a victim (or a count) suffers before it, or
        a name of fighting; None when there is none."""
        found = [m.span() for m in self.fighting.finditer(text, start, end)]
        if not self.not_violent.search(text, start, end):
            found += [m.span() for m in self.tolls.finditer(text, start, end)]
        armed_ends = [m.end for m in armed if start <= m.start and m.actor_type == "armed_group"]
        for m in self.doer_acts.finditer(text, start, end):
            if self.doer_act_not_before.match(text, m.end(), end):
                continue
            if self.doers.search(text, start, m.start()) or any(e <= m.start() for e in armed_ends):
                found.append(m.span())
        for m in self.victim_acts.finditer(text, start, end):
            if self.victims.search(text, start, m.start()):
                found.append(m.span())
        return min(found) if found else None


def _tolls(data: dict) -> re.Pattern:
    """The toll's noun, up to five words, a verb of rising, "to" and a count of people (not an amount of money)."""
    nouns, rises, counts, fees = ("|".join(data[k]) for k in ("toll_nouns", "toll_rises", "toll_counts", "toll_fees"))
    return re.compile(
        rf"(?<![\w-])(?:{nouns})(?:\s+[\w'’-]+){{0,5}}?\s+(?:{rises})\s+(?:to\s+)?(?:at\s+least\s+)?"
        rf"(?:{counts})(?![\w-])(?!\s*(?:{fees})(?![\w-]))",
        re.IGNORECASE,
    )


@functools.lru_cache(maxsize=2)
def _load(path: Path) -> WeakActs:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        return WeakActs(
            str(data["type"]),
            float(data["confidence"]),
            _alternation(data["doers"]),
            _alternation(data["doer_acts"]),
            re.compile(r"\s+(?:" + data["doer_act_not_before"] + r")\b", re.IGNORECASE),
            *(_alternation(data[key]) for key in ("victims", "victim_acts", "fighting")),
            _tolls(data),
            _alternation(data["not_violent"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise WeakEventsDataError(f"{path}: cannot read the weak-event words: {exc!r}") from exc
