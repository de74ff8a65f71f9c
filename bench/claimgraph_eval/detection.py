"""Event detection precision and recall against hand-labelled documents (tests/fixtures/events/
detection_gold.yaml): are the events an analyst sees listed the events the text reports, each once?

Only listed events count: negated, hypothetical and generic events are left out of event lists, so
they are neither hits nor false alarms. A listed event matches a gold event of its type when its
trigger, or one of its further mentions, falls inside one of the gold event's anchors; a second
listed event for the same gold event is a duplicate and counts as a false positive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimgraph.events.slots import VIOLENT_GROUPS
from claimgraph.model import Document, Event

from .metrics import prf


def is_listed(event: Event) -> bool:
    """Shown by default in event lists: reported as having happened."""
    return not event.negated and event.modality is None


def is_violent(event: Event) -> bool:
    """Of an ACLED group of political violence (the events MUC-4's role fillers are compared with)."""
    return event.event_type in VIOLENT_GROUPS


def event_positions(event: Event) -> list[int]:
    """Where the event is mentioned: its trigger, then each further mention ("start:end")."""
    return [event.trigger_start] + [int(span.split(":", 1)[0]) for span in event.mentions]


@dataclass
class DetectionScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)  # gold events not found: "path: TYPE «anchor»"
    extras: list[str] = field(default_factory=list)  # listed events matching no gold event (or a duplicate)

    @property
    def precision(self) -> float:
        return prf(
            self.true_positives, self.true_positives + self.false_positives, self.true_positives + self.false_negatives
        )[0]

    @property
    def recall(self) -> float:
        return prf(
            self.true_positives, self.true_positives + self.false_positives, self.true_positives + self.false_negatives
        )[1]

    def __add__(self, other: DetectionScore) -> DetectionScore:
        return DetectionScore(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
            self.misses + other.misses,
            self.extras + other.extras,
        )


def load_gold(path: Path) -> list[dict]:
    """The labelled documents: [{"path": ..., "events": [{"types", "anchors", "required"}]}]."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["documents"]


def _anchor_spans(text: str, anchors: list[str], where: str) -> list[tuple[int, int]]:
    spans = []
    for anchor in anchors:
        start = text.find(anchor)
        if start < 0:
            raise ValueError(f"{where}: anchor not in the clean text: {anchor!r}")
        spans.append((start, start + len(anchor)))
    return spans


def score_document(doc: Document, gold_events: list[dict], name: str) -> DetectionScore:
    gold = [
        (set(g["types"]), _anchor_spans(doc.clean_text, g["anchors"], name), g.get("required", True), g)
        for g in gold_events
    ]
    matched: set[int] = set()
    score = DetectionScore()
    for event in (e for e in doc.events if is_listed(e)):
        positions = event_positions(event)
        hits = [
            i
            for i, (types, spans, _, _) in enumerate(gold)
            if event.type in types and any(s <= p < e for p in positions for s, e in spans)
        ]
        fresh = [i for i in hits if i not in matched]
        if fresh:
            i = fresh[0]
            matched.add(i)
            if gold[i][2]:
                score.true_positives += 1
        elif not hits or all(gold[i][2] for i in hits):
            score.false_positives += 1
            what = "duplicate" if hits else "no such event"
            score.extras.append(f"{name}: {event.type} {event.trigger!r} ({what})")
    for i, (types, _, required, g) in enumerate(gold):
        if required and i not in matched:
            score.false_negatives += 1
            score.misses.append(f"{name}: {'/'.join(sorted(types))} «{g['anchors'][0]}»")
    return score


def gold_path(entry: str, repo: Path, shared: Path) -> Path:
    """A gold document's file: ``seeds/...`` lives in the shared corpus, the rest in the repository."""
    return shared / "corpus" / entry if entry.startswith("seeds/") else repo / entry
