"""When a later, higher toll is an update and when it is a dispute (issue 16.2, docs/disputes.md "Updates").

    .venv/bin/python bench/quality_update_stories.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/update_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one
temporary store, each its own document and source. Reported:

- updates: gold [earlier, later] pairs shown as a timeline (a figures dispute holds the earlier article's value
  superseded beside a live value of the later article), and those set against each other (wrong);
- disputes: gold pairs of articles a figures dispute sets against each other (live, disjoint values).
"""

from __future__ import annotations

from pathlib import Path

from claimgraph_eval.stories import figure_story_run, set_against, story_args

STORIES = Path(__file__).resolve().parent / "data" / "update_stories.yaml"


def timelines(store, article: dict) -> set[tuple]:
    """(scenario, earlier, later) for each figures dispute (conflicting or not) holding a superseded value of one
    article beside a live value of another of its scenario."""
    out = set()
    every = store.disputes.ranked("figures", conflicts_only=False, min_sources=1)
    values = store.disputes.values([d["id"] for d in every])
    for d in every:
        mine = [v for v in values[d["id"]] if v["doc_id"] in article]
        for x in mine:
            for y in mine:
                a, b = article[x["doc_id"]], article[y["doc_id"]]
                if a[0] == b[0] and a != b and x["role"] == "superseded" and y["role"] != "superseded":
                    out.add((a[0], a[1], b[1]))
    return out


def main() -> None:
    args = story_args(__doc__, "print the figures disputes, misses and wrong pairs")
    with figure_story_run(STORIES, args, "claimgraph-update-stories-") as (found, store, article):
        pairs = set_against(store, article)
        shown = timelines(store, article)
    against = {(a[0], frozenset((a[1], b[1]))) for a, b in pairs if a[0] == b[0]}
    updates = [(s["id"], e, later) for s in found for e, later in s["updates"]]
    disputes = {(s["id"], frozenset(p)) for s in found for p in s["disputes"]}
    timeline = [u for u in updates if u in shown]
    wrong = [u for u in updates if (u[0], frozenset(u[1:])) in against]
    right = disputes & against
    if args.errors:
        for u in updates:
            if u not in shown:
                print(f"  update not shown {u}" + ("  (set against each other)" if u in wrong else ""))
        for s, pair in sorted(disputes - against, key=str):
            print(f"  dispute missed {s} {sorted(pair)}")
    print(f"- updates: shown as a timeline {len(timeline)} of {len(updates)}; set against each other {len(wrong)}")
    print(f"- disputes: gold pairs set against each other {len(right)} of {len(disputes)}")


if __name__ == "__main__":
    main()
