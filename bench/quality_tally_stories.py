"""Cumulative tallies and strengths that name no group, as disputed figures (issue 16.2).

    .venv/bin/python bench/quality_tally_stories.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/tally_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one
temporary store, each its own document and source. Reported per kind (tally, strength): the gold pairs of
articles some figures dispute sets against each other (right: their values in a conflicting dispute are
disjoint and neither is superseded), the pairs listed ``not_disputes`` that one
does (wrong), and pairs of articles of two scenarios (across: not judged, most are two conflicts' figures).
"""

from __future__ import annotations

from pathlib import Path

from claimgraph_eval.stories import figure_story_run, pair_lines, set_against, story_args

STORIES = Path(__file__).resolve().parent / "data" / "tally_stories.yaml"
KINDS = ("tally", "strength")


def main() -> None:
    args = story_args(__doc__, "print misses, wrong pairs and what was disputed")
    with figure_story_run(STORIES, args, "claimgraph-tally-stories-") as (found, store, article):
        out = pair_lines(found, set_against(store, article), args.errors, KINDS)
    print("\n".join(out))


if __name__ == "__main__":
    main()
