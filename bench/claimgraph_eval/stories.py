"""Synthetic multi-article stories (bench/data/value_stories.yaml, tally_stories.yaml): the split rule and a
temporary store the articles of a split are run into, as `claimgraph run` would."""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml

from claimgraph.runner import run
from claimgraph.settings import Settings
from claimgraph.store import Store


def scenarios(path: Path, split: str) -> list[dict]:
    """The scenarios of ``split``: sha1 of a scenario's first article's text, even train, odd dev."""
    want = {"train": 0, "dev": 1}[split]
    out = []
    for s in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
        first = next(iter(s["articles"].values()))["text"]
        if int(hashlib.sha1(first.encode()).hexdigest(), 16) % 2 == want:
            out.append(s)
    return out


def documents(found: list[dict]) -> list[dict]:
    """The articles of ``found`` as JSON-lines documents (site, date, title, text)."""
    keep = ("site", "date", "title", "text")
    return [{k: a[k] for k in keep} for s in found for a in s["articles"].values()]


@contextlib.contextmanager
def story_store(found: list[dict], mode: str, prefix: str) -> Iterator[Store]:
    """A temporary store holding the articles of ``found``, run in extraction ``mode`` with one worker."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        corpus = Path(tmp) / "stories.jsonl"
        corpus.write_text("".join(json.dumps(d) + "\n" for d in documents(found)), encoding="utf-8")
        with Store(Path(tmp) / "store.duckdb") as store:
            run([str(corpus)], store, Settings.defaults().with_values({"extract.mode": mode}), workers=1)
            yield store
