"""What a count is read as: deaths are no strength, an age is no count, a step on a toll is no toll of its own
(issues 14.4 and 16.2; figs slice).

    .venv/bin/python bench/quality_figure_measures.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/figure_measures.yaml (synthetic, project-written; split in its header: sha1 of an item's text, even
-> train, odd -> dev). Each item goes through the pipeline as its own document; its figures
(``annotations["figures"]``) are read as (measure, low, high) and compared with the gold list. Reported per
kind and in all: figure precision, recall and F1 (micro), items whose figures are exactly the gold ones, and
the figures of a measure the gold never gives in that item (a death read as a strength, an age as a toll).
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

import yaml

from claimgraph.model import FIGURES_KIND, Metadata, Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings

ITEMS = Path(__file__).resolve().parent / "data" / "figure_measures.yaml"
KINDS = ("deaths", "ages", "steps", "control")


def split_of(text: str) -> str:
    return "dev" if int(hashlib.sha1(text.encode()).hexdigest(), 16) % 2 else "train"


def gold(entry: str) -> tuple[str, float, float | None]:
    """ "killed 12" -> (killed, 12, 12); "killed 12+" -> (killed, 12, None); "strength 10-13" -> (strength, 10, 13)."""
    measure, value = entry.split()
    if value.endswith("+"):
        return measure, float(value[:-1]), None
    low, _, high = value.partition("-")
    return measure, float(low), float(high or low)


def figures(pipe: Pipeline, text: str) -> set[tuple[str, float, float | None]]:
    doc = pipe(new_document(Source("item.txt", "txt"), text, Metadata()))
    return {(f.measure, f.low, f.high) for f in doc.annotations.get(FIGURES_KIND, [])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--mode", default="fast", choices=["fast", "accurate"])
    parser.add_argument("--errors", action="store_true", help="print each item whose figures are not the gold ones")
    args = parser.parse_args()
    items = [i for i in yaml.safe_load(ITEMS.read_text(encoding="utf-8"))["items"] if split_of(i["text"]) == args.split]
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": args.mode}))
    counts: dict[str, Counter] = {k: Counter() for k in (*KINDS, "all")}
    for item in items:
        want = {gold(g) for g in item["figures"]}
        got = figures(pipe, item["text"])
        foreign = {g for g in got if g[0] not in {w[0] for w in want}}
        for c in (counts[item["kind"]], counts["all"]):
            c.update(items=1, tp=len(got & want), fp=len(got - want), fn=len(want - got), foreign=len(foreign))
            c.update(exact=int(got == want))
        if args.errors and got != want:
            print(f"  [{item['kind']}] {item['text']}")
            print(f"     gold {sorted(want, key=str)}\n     got  {sorted(got, key=str)}")
    print(f"{args.split} ({args.mode}): {len(items)} items")
    for kind, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"- {kind}: {c['items']} items; P {p:.3f} R {r:.3f} F1 {f:.3f}; exact {c['exact']}/{c['items']}; "
            f"figures of a measure the item has none of: {c['foreign']}"
        )


if __name__ == "__main__":
    main()
