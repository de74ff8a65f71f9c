"""A named group's strength across sources, and a denied presence as a strength of 0 (issue 16.2).

    .venv/bin/python bench/quality_strength_stories.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/strength_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one
temporary store, each its own document and source. Reported per kind (named, presence), as
bench/quality_tally_stories.py reports: gold pairs of articles a figures dispute sets against each other (their
values disjoint, neither superseded), pairs listed ``not_disputes`` that one does (wrong), and pairs across
scenarios (not judged).
"""

from __future__ import annotations

from pathlib import Path

from claimgraph_eval.stories import figure_story_run, pair_lines, set_against, story_args

STORIES = Path(__file__).resolve().parent / "data" / "strength_stories.yaml"
KINDS = ("named", "presence")


def main() -> None:
    args = story_args(__doc__, "print misses, wrong pairs and what was disputed")
    with figure_story_run(STORIES, args, "claimgraph-strength-stories-") as (found, store, article):
        out = pair_lines(found, set_against(store, article), args.errors, KINDS)
    print("\n".join(out))


if __name__ == "__main__":
    main()
