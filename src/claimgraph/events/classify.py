"""Snippet classification into the 30 CASE 2021 types (the shared task's interchange format).

A snippet gets the type of its strongest trigger (statement types map to their closest CASE type);
a snippet with no trigger is OTHER, ACLED's catch-all of strategic developments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from claimgraph.errors import InputError
from claimgraph.events.detect import sentence_events
from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.taxonomy import Taxonomy

FALLBACK = "OTHER"
# Each further trigger of the same type adds this much to its type's score (capped below 1 more).
REPEAT_BONUS = 0.05


class EventClassifier:
    """Snippets to CASE types with one taxonomy and trigger lexicon, read once (``classify_lines``
    builds one for its input)."""

    def __init__(self, taxonomy: Taxonomy | None = None, lexicon: TriggerLexicon | None = None):
        self.taxonomy = taxonomy if taxonomy is not None else Taxonomy.load()
        self.lexicon = lexicon if lexicon is not None else TriggerLexicon.load(self.taxonomy)

    def type_scores(self, text: str) -> dict[str, float]:
        """CASE type → score for a snippet (only types with a trigger)."""
        scores: dict[str, float] = defaultdict(float)
        for best, group in sentence_events(text, 0, len(text), self.lexicon):
            case = self.taxonomy[best.type].case_type
            statement = self.taxonomy[best.type].is_statement
            # a statement only types a snippet that reports nothing else
            score = best.weight * (0.5 if statement else 1.0) + REPEAT_BONUS * min(len(group) - 1, 3)
            scores[case] = max(scores[case], score)
        return dict(scores)

    def classify_text(self, text: str) -> str:
        scores = self.type_scores(text)
        if not scores:
            return FALLBACK
        rank = self.lexicon.rank
        return max(scores, key=lambda t: (scores[t], -rank.get(t, 99)))


def classify_lines(
    lines: Iterable[str], path: str = "-", classifier: EventClassifier | None = None
) -> Iterator[tuple[str, str] | InputError]:
    """``id<TAB>text`` lines → (id, CASE type); a malformed line becomes an InputError naming it."""
    classifier = classifier if classifier is not None else EventClassifier()
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n").rstrip("\r")
        if not line.strip():
            continue
        if "\t" not in line:
            yield InputError(path, f"line {number}: expected id<TAB>text")
            continue
        ident, text = line.split("\t", 1)
        yield ident, classifier.classify_text(text)
