"""Benchmark documents already through the stages before the one a speed benchmark times."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path

STAGES = ("clean", "language", "entities", "events")


def processed_sample(corpus: Path, n: int, through: str) -> list:
    """The first ``n`` documents of a benchmark corpus (bench/throughput.py --corpus DIR), taken
    through clean → language → entities (fast mode) → events, up to and including ``through``."""
    from claimgraph.ingest import ReaderOptions, read_paths
    from claimgraph.model import Document
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings

    steps = {
        spec.name: component
        for spec, component in Pipeline.from_settings(
            Settings.defaults().with_values({"extract.mode": "fast"})
        ).components
    }
    chosen = [steps[name] for name in STAGES[: STAGES.index(through) + 1]]
    docs = []
    for doc in islice(read_paths([str(corpus)], ReaderOptions()), n):
        if isinstance(doc, Document):
            for step in chosen:
                doc = step(doc)
            docs.append(doc)
    return docs


def best_cpu_ms(stage: Callable, docs: Sequence, rounds: int) -> float:
    """CPU ms per document of ``stage`` over ``docs``, best of ``rounds`` (one warm-up call first,
    so lexicon and model loads are not timed)."""
    stage(docs[0])
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for doc in docs:
            stage(doc)
        best = min(best, time.process_time() - started)
    return 1000 * best / len(docs)
