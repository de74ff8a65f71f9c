"""Rejections by reference: is "the ministry denied the report" paired with the claim it answers? (issue 16.3)

    PYTHONPATH=src:bench .venv/bin/python bench/quality_reference_rejections.py [--split train|dev] [--mode fast]
        [--errors]

bench/data/reference_rejections.yaml (synthetic, project-written; split in its header: sha1 of the rejecting
article's text, even train, odd dev). A split's articles run into one store (default settings, or ``--mode``).
Scored twice: over the claims disputes listed (``claimgraph disputes``: sources on two sides, so a rejection
answered only inside its one report is never listed) and over every stored claims dispute (what the linking
paired: one report's accusation and its rejection by another party too). A pair is a dispute's denying value
holding an item's rejection (its article's site, its words) with one of its affirming values: right when that
value is one of the item's ``antecedents``, wrong when it is one of its ``not`` claims or of another item's
article; the item's other claims are neither. Reported: items paired right (of those with an antecedent),
wrong pairs, P, R, and by kind.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
ITEMS = REPO / "bench" / "data" / "reference_rejections.yaml"


def split_items(split: str) -> list[dict]:
    """The items of one split (sha1 of the rejecting article's text: even train, odd dev)."""
    want = {"train": 0, "dev": 1}[split]
    out = []
    for x in yaml.safe_load(ITEMS.read_text(encoding="utf-8"))["items"]:
        text = x["articles"][x["rejection"][0]]["text"]
        if int(hashlib.sha1(text.encode()).hexdigest(), 16) % 2 == want:
            out.append(x)
    return out


def _holds(value: dict, item: dict, ref: list[str]) -> bool:
    """Whether a dispute's value is the claim ``ref`` ([article, words]) of ``item``."""
    return value["source"] == item["articles"][ref[0]]["site"] and ref[1] in value["text"]


def score(disputes: list[dict], items: list[dict]) -> dict[str, Any]:
    """(right items, wrong pairs as (item id, affirming text)) of the listed claims disputes."""
    item_of_site = {a["site"]: x["id"] for x in items for a in x["articles"].values()}
    right, wrong = set(), []
    for d in disputes:
        for x in items:
            rejecting = [v for v in d["values"] if v["role"] == "denies" and _holds(v, x, x["rejection"])]
            if not rejecting:
                continue
            for v in (v for v in d["values"] if v["role"] == "affirms"):
                if any(_holds(v, x, a) for a in x.get("antecedents") or ()):
                    right.add(x["id"])
                elif any(_holds(v, x, n) for n in x.get("not") or ()) or item_of_site.get(v["source"]) != x["id"]:
                    wrong.append((x["id"], v["text"]))
                elif x["kind"] == "none":
                    wrong.append((x["id"], v["text"]))
    return {"right": right, "wrong": wrong}


def run_split(split: str, mode: str | None) -> tuple[list[dict], list[dict], list[dict]]:
    """(the split's items, the listed claims disputes, every stored claims dispute (one source too))."""
    from claimgraph.link.disputes import list_disputes
    from claimgraph.runner import run
    from claimgraph.settings import Settings
    from claimgraph.store import Store

    items = split_items(split)
    docs = [a for x in items for a in x["articles"].values()]
    options = Settings.defaults()
    if mode:
        options = options.with_values({"extract.mode": mode})
    with tempfile.TemporaryDirectory(prefix="drefs-") as tmp:
        corpus = Path(tmp) / "refs.jsonl"
        corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        with Store(Path(tmp) / "store.duckdb") as store:
            run([str(corpus)], store, options, workers=1)
            stored = store.disputes.ranked("claims", min_sources=1)
            values = store.disputes.values([r["id"] for r in stored])
            for r in stored:
                r["values"] = values[r["id"]]
            return items, list_disputes(store, "claims"), stored


def lines(split: str, mode: str | None, show_errors: bool) -> list[str]:
    items, listed, stored = run_split(split, mode)
    return [
        _line(f"{split} ({mode or 'default'} mode), listed", items, listed, False),
        _line(f"{split} ({mode or 'default'} mode), stored", items, stored, show_errors),
    ]


def _line(name: str, items: list[dict], disputes: list[dict], show_errors: bool) -> str:
    s = score(disputes, items)
    gold = [x for x in items if x.get("antecedents")]
    by_kind: dict[str, list[int]] = {}
    for x in gold:
        by_kind.setdefault(x["kind"], [0, 0])
        by_kind[x["kind"]][0] += x["id"] in s["right"]
        by_kind[x["kind"]][1] += 1
    if show_errors:
        for x in gold:
            if x["id"] not in s["right"]:
                print(f"  missed {x['kind']} {x['id']}: {x['rejection'][1]}")
        for i, text in s["wrong"]:
            print(f"  WRONG {i}: {text[:90]}")
    right, wrong = len(s["right"]), len(s["wrong"])
    p = right / (right + wrong) if right + wrong else 1.0
    kinds = ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by_kind.items()))
    return (
        f"- {name}: {len(items)} items, {len(disputes)} claims disputes; items paired "
        f"right {right}/{len(gold)}, wrong pairs {wrong}: P {p:.3f} R {right / len(gold):.3f}; by kind: {kinds}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--mode", choices=["fast", "accurate"], help="extraction mode (default: the settings')")
    parser.add_argument("--errors", action="store_true", help="print the missed items and the wrong pairs")
    args = parser.parse_args()
    print("\n".join(lines(args.split, args.mode, args.errors)))


if __name__ == "__main__":
    main()
