"""Follow-up reports: the day a sentence gives after its follow-up cue is not the day of the earlier incident
it tells of (issue 16.1).

"The death toll from an attack on Mamove has risen to 34, an administrator said on Thursday": Thursday is
the day of the rise and of the statement; the attack was earlier. Taken as the event's date it placed the
incident two days after every first report of it, and co-reference kept the follow-up (and the reports that
linked to it) in a second cluster of the same massacre. A date before the cue ("Tuesday's raid ... has
risen") still dates the incident. A day a statement was made ("said on Thursday") never dates the incident
of a follow-up, nor that of a statement about "the massacre", even where no other date remains: the event is
then undated, as co-reference expects of a report that looks back (its document's last days).

Not a cue: "two days after an insurgent raid nearby" in a report of a new incident. Left undated, that passing
mention joined the earlier raid's cluster and took the whole report (of another incident) with it
(bench/data/coref_pairs.yaml train, mozambique-macomia-reprisal); its later day stays, as before, a day no
cluster of the earlier raid shares. The cues are data: ``data/events/followups.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from claimgraph.yamlfiles import load_yaml

_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True, slots=True)
class Followups:
    since: tuple[re.Pattern, ...]  # a toll's rise or later dead: days from the cue on are the follow-up's
    statement_verb: re.Pattern  # one verb of saying, blaming or condemning
    definite_before: re.Pattern  # a definite determiner ending right before an event noun
    blame_verb: re.Pattern  # one verb of blaming or accusing
    blame_object: re.Pattern  # the start of its object: "for a", "of the"

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> Followups:
        path = resources.files("claimgraph") / "data" / "events" / "followups.yaml"
        data = load_yaml(path.read_text(encoding="utf-8"))
        try:
            since = tuple(re.compile(p, re.IGNORECASE) for p in data["rise"] + data["later_dead"])
            verbs = "|".join(map(re.escape, data["statement_verbs"]))
            return cls(
                since,
                re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE),
                re.compile(data["definite_before"], re.IGNORECASE),
                re.compile(rf"\b(?:{'|'.join(map(re.escape, data['blame_verbs']))})\b", re.IGNORECASE),
                re.compile(data["blame_object"], re.IGNORECASE),
            )
        except (KeyError, TypeError, ValueError, re.error) as err:
            raise ValueError(f"{path}: a follow-up cue does not compile: {err}") from err

    def event_days(self, text: str, s_start: int, s_end: int, trigger: int) -> tuple[int, int] | None:
        """The span of the sentence whose dates may date the event at ``trigger``, when the sentence is a
        follow-up of it; None when it is not (every date of the sentence may then date it)."""
        cues = [m.start("cue") for p in self.since for m in p.finditer(text, s_start, s_end)]
        return (s_start, min(cues)) if cues else None

    def statement_about(self, text: str, s_start: int, trigger: int) -> bool:
        """Whether the event's trigger is a definite noun after a verb of saying, blaming or condemning in its
        sentence ("on Thursday blamed M23 for the massacre"): the sentence tells of a statement about it."""
        word = _WORD.match(text, trigger)
        if word is None or word.group().lower().endswith("ed"):
            return False  # "the gunmen attacked": a verb after its subject, not a noun phrase
        if self._blamed_for(text, s_start, trigger):
            return True  # "blamed the rebels on Monday for a bomb that ...": the object of a blame, definite or not
        if not self.definite_before.search(text, max(s_start, trigger - 40), trigger):
            return False
        return self.statement_verb.search(text, s_start, trigger) is not None

    def statement_day(self, text: str, s_start: int, s_end: int, start: int, end: int) -> bool:
        """Whether the date at ``start:end`` stands next to a verb of saying: the word after it ("on Thursday
        blamed") or one of the two before it ("said on Monday")."""
        after = _WORD.findall(text, end, min(s_end, end + 30))[:1]
        before = _WORD.findall(text, max(s_start, start - 30), start)[-2:]
        return any(self.statement_verb.fullmatch(w) for w in after + before)

    def blame_day(self, text: str, s_start: int, start: int, end: int) -> bool:
        """Whether the date at ``start:end`` stands between a verb of blaming in its clause and that verb's object
        ("blamed anti-government fighters on Monday for a bomb", "accused the army on Friday of an ambush that
        killed six"): the day of the blame, whatever the event's trigger (the noun or its relative clause's verb)."""
        if not self.blame_object.match(text, end + len(text[end:]) - len(text[end:].lstrip())):
            return False
        clause = _CLAUSE_END.split(text[max(s_start, start - 80) : start])[-1]
        return self.blame_verb.search(clause) is not None

    def _blamed_for(self, text: str, s_start: int, trigger: int) -> bool:
        """Whether the noun at ``trigger`` is the object of a verb of blaming in its clause (at most two words
        between the object's determiner and the noun: "for a roadside bomb")."""
        before = _CLAUSE_END.split(text[max(s_start, trigger - 120) : trigger])[-1]
        verb = self.blame_verb.search(before)
        if verb is None:
            return False
        objects = list(self.blame_object.finditer(before, verb.end()))
        return bool(objects) and len(_WORD.findall(before, objects[-1].end())) <= 2


# where a clause ends: a date or a noun beyond one belongs to another verb than the one before the break
_CLAUSE_END = re.compile(r"[.;:!?,]")
