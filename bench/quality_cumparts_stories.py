"""Running totals beside an incident, and itemised counts, in figures disputes (issues 14.4 / 16.2).

    .venv/bin/python bench/quality_cumparts_stories.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/cumparts_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one
temporary store. Reported per kind (period, parts): the gold pairs of articles a figures dispute sets against
each other (right), the pairs listed ``not_disputes`` that one does (wrong: a period total against an
incident's toll, an outlet quoting the same itemised count), and the values listed in figures disputes that
are an item of an itemised count rather than its sum (``parts listed``).
"""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.link.disputes import list_disputes
from claimgraph_eval.stories import figure_story_run, pair_lines, set_against, story_args

STORIES = Path(__file__).resolve().parent / "data" / "cumparts_stories.yaml"
KINDS = ("period", "parts")


def parts_listed(store, article: dict[str, tuple[str, str]], found: list[dict]) -> int:
    """Values of figures disputes from a parts scenario's article that are one item of a list in its text
    ("a doctor" beside ", a doctor and"): a part become a value of its own."""
    text = {(s["id"], k): a["text"] for s in found if s["kind"] == "parts" for k, a in s["articles"].items()}
    n = 0
    for d in list_disputes(store, "figures"):
        for v in d["values"]:
            words = text.get(article.get(v["doc_id"], ("", "")))
            shown = re.escape(v["value"] or "")
            if (
                words
                and " and " not in v["value"]
                and re.search(rf"(?:,|\band)\s+{shown}\b|{shown}(?:,|\s+and\b)", words)
            ):
                n += 1
    return n


def main() -> None:
    args = story_args(__doc__, "print misses, wrong pairs and what was disputed")
    with figure_story_run(STORIES, args, "claimgraph-cumparts-stories-") as (found, store, article):
        out = pair_lines(found, set_against(store, article), args.errors, KINDS)
        out.append(f"- parts listed as values of their own: {parts_listed(store, article, found)}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
