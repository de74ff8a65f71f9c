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


def pair_lines(found: list[dict], pairs: dict[tuple, list[str]], errors: bool, kinds: tuple[str, ...]) -> list[str]:
    """Per kind of scenario: gold disputes found, non-disputes set against each other and pairs across
    scenarios, from ``pairs`` ((scenario, article) pairs set against each other -> what was disputed)."""
    out = []
    for kind in kinds:
        mine = [s for s in found if s["kind"] == kind]
        found_ids = {(a[0], frozenset((a[1], b[1]))) for a, b in pairs if a[0] == b[0]}
        gold = {(s["id"], frozenset(p)) for s in mine for p in s["disputes"]}
        banned = {(s["id"], frozenset(p)) for s in mine for p in s["not_disputes"]}
        right, wrong = gold & found_ids, banned & found_ids
        ids = {s["id"] for s in mine}
        across = sum(1 for a, b in pairs if a[0] != b[0] and (a[0] in ids or b[0] in ids))
        out.append(
            f"- {kind}: {len(mine)} scenarios; gold disputes found {len(right)} of {len(gold)}, "
            f"non-disputes set against each other {len(wrong)} of {len(banned)}; pairs across scenarios {across}"
        )
        if errors:
            for s, pair in sorted(gold - right, key=str):
                print(f"  missed {s} {sorted(pair)}")
            for s, pair in sorted(wrong, key=str):
                a, b = sorted(pair)
                print(f"  wrong {s} {a}-{b}: {pairs[((s, a), (s, b))]}")
    if errors:
        for (a, b), labels in sorted(pairs.items()):
            if a[0] != b[0]:
                print(f"  across {a} {b}: {labels}")
    return out


def set_against(store, article: dict[str, tuple[str, str]]) -> dict[tuple, list[str]]:
    """(scenario, article) pairs -> the labels of the conflicting figures disputes holding a value of each
    (``article``: document id -> (scenario, article); one outlet may write in several scenarios)."""
    out: dict[tuple, list[str]] = {}
    for d in list_disputes(store, "figures"):
        live = [v for v in d["values"] if v["doc_id"] in article and v["role"] != "superseded"]
        for i, x in enumerate(live):
            for y in live[i + 1 :]:
                a, b = sorted((article[x["doc_id"]], article[y["doc_id"]]))
                if a != b and apart(x, y) and d["label"] not in out.get((a, b), []):
                    out.setdefault((a, b), []).append(d["label"])
    return out


def apart(x: dict, y: dict) -> bool:
    """Two values of a dispute whose intervals are disjoint: what sets them against each other."""
    inf = float("inf")
    return (x["high"] if x["high"] is not None else inf) < y["low"] or (
        y["high"] if y["high"] is not None else inf
    ) < x["low"]
