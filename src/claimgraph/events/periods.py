"""A count or a state over a period is no incident: "the insurgency has killed more than 6,000 people
since 2017", "gunmen have killed 230 people in the state this year", "forces have retaken most towns since
2021". Such an event is marked ``modality="cumulative"`` (events/detect.py): like a hypothetical one it joins
no incident's cluster, and its toll is never an incident's figure (a fresh user's trial had a monitor's
6,000 since 2017 disputed against a raid's six).

The period counts where it follows the trigger in its clause ("has killed 230 people this year"), or fronts
the sentence ("Since 2020, the army has recaptured ..."). One before the trigger inside the clause belongs to
another verb ("militants who have operated here since 2017 attacked a post"); an ordinal or a superlative
before it makes it a comparison that dates one incident ("the deadliest attack since 2015", "the third such
attack this year"). A trigger inside the period ("since the coup") is its reference point, no new report.
The cues are data: ``data/events/periods.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from claimgraph.yamlfiles import load_yaml

# where a trigger's clause ends after it: a comma before a word (not "6,000"), a stop, a relative or a
# subordinate word
_CLAUSE_END = re.compile(r"[;:()]|,(?!\d)|\b(?:who|which|where|whereas|while|but|after|before|when)\b", re.IGNORECASE)
# where it starts before it, the same marks
_CLAUSE_START = _CLAUSE_END
# a fronted adverbial ends at the sentence's first comma, within this many characters
_FRONTED_CHARS = 60
# the ordinal or superlative that makes a period a comparison stands this far before it at most
_COMPARISON_CHARS = 60


@dataclass(frozen=True, slots=True)
class Periods:
    period: re.Pattern  # one of the period cues, anywhere
    fronted: re.Pattern  # a period cue opening a text (after a lead-in, if any), then a comma
    comparison_before: re.Pattern  # an ordinal or superlative at the end of a text

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> Periods:
        path = resources.files("claimgraph") / "data" / "events" / "periods.yaml"
        data = load_yaml(path.read_text(encoding="utf-8"))
        parts = {k: data[k] for k in ("month", "year", "conflict", "whole_conflict")}
        try:
            cues = "|".join(p.format(**parts) for p in data["period"])
            return cls(
                re.compile(rf"\b(?:{cues})\b", re.IGNORECASE),
                # the period may open the sentence, or follow a lead-in ("Worth remembering: since 2015, ...")
                re.compile(
                    rf"\s*(?:{data['lead_in']})?(?:and\s+|but\s+)?(?:{cues})\b[^,.;:!?]{{0,30}},(?!\d)", re.IGNORECASE
                ),
                re.compile(data["comparison_before"], re.IGNORECASE),
            )
        except (KeyError, IndexError, re.error) as err:
            raise ValueError(f"{path}: a period cue does not compile: {err}") from err

    def over_a_period(self, text: str, s_start: int, s_end: int, t_start: int, t_end: int) -> bool:
        """The trigger at ``t_start:t_end`` of the sentence ``s_start:s_end`` tells of a count or a state
        over a period rather than of one incident."""
        if any(m.start() <= t_start and t_end <= m.end() for m in self.period.finditer(text, s_start, s_end)):
            return True  # the period's own reference point ("since the coup"): told of, not reported
        front = self.fronted.match(text, s_start, s_end)
        if front is not None and front.end() <= t_start and front.end() - s_start <= _FRONTED_CHARS:
            return True  # "Since 2012, the militants have killed ...": it opens the sentence, no comparison
        stop = _CLAUSE_END.search(text, t_end, s_end)
        end = stop.start() if stop else s_end
        starts = [m.end() for m in _CLAUSE_START.finditer(text, s_start, t_start)]
        begin = max([s_start, *starts])
        return any(not self._comparison(text, begin, m.start()) for m in self.period.finditer(text, t_end, end))

    def _comparison(self, text: str, begin: int, at: int) -> bool:
        return bool(self.comparison_before.search(text[max(begin, at - _COMPARISON_CHARS) : at]))
