"""Synthetic multi-article stories (bench/data/value_stories.yaml, tally_stories.yaml): the split rule and a
temporary store the articles of a split are run into, as `claimgraph run` would."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml

from claimgraph.link.disputes import list_disputes
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


def story_args(description: str, errors_help: str):
    """The options of a stories bench: split, ``--errors`` and the run's extraction mode (fast by default)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--errors", action="store_true", help=errors_help)
    parser.add_argument("--mode", choices=["accurate", "fast"], default="fast", help="the run's extraction mode")
    return parser.parse_args()


@contextlib.contextmanager
def figure_story_run(stories: Path, args, prefix: str) -> Iterator[tuple[list[dict], Store, dict]]:
    """The scenarios of ``args.split`` run into a temporary store, and each stored document's id mapped to its
    (scenario id, article key); with ``--errors``, the store's figures disputes printed first."""
    found = scenarios(stories, args.split)
    print(f"{args.split} ({args.mode}): {len(found)} scenarios: {', '.join(s['id'] for s in found)}")
    with story_store(found, args.mode, prefix) as store:
        by_title = {d["title"]: d["id"] for d in store.documents.summaries()}
        article = {by_title[a["title"]]: (s["id"], k) for s in found for k, a in s["articles"].items()}
        if args.errors:
            for d in list_disputes(store, "figures"):
                shown = "; ".join(f"{v['source']}: {v['value']} ({v['role']})" for v in d["values"])
                print(f"  dispute {d['label']}: {shown}")
        yield found, store, article
