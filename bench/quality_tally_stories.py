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

from claimgraph.link.disputes import list_disputes
from claimgraph_eval.stories import figure_story_run, story_args

STORIES = Path(__file__).resolve().parent / "data" / "tally_stories.yaml"
KINDS = ("tally", "strength")


def set_against(store, article: dict[str, tuple[str, str]]) -> dict[tuple, list[str]]:
    """(scenario, article) pairs -> the labels of the conflicting figures disputes holding a value of each
    (``article``: document id -> (scenario, article); one outlet may write in several scenarios)."""
    out: dict[tuple, list[str]] = {}
    for d in list_disputes(store, "figures"):
        live = [v for v in d["values"] if v["doc_id"] in article and v["role"] != "superseded"]
        for i, x in enumerate(live):
            for y in live[i + 1 :]:
                a, b = sorted((article[x["doc_id"]], article[y["doc_id"]]))
                if a != b and _apart(x, y) and d["label"] not in out.get((a, b), []):
                    out.setdefault((a, b), []).append(d["label"])
    return out


def _apart(x: dict, y: dict) -> bool:
    """Two values of a dispute whose intervals are disjoint: what sets them against each other."""
    inf = float("inf")
    return (x["high"] if x["high"] is not None else inf) < y["low"] or (
        y["high"] if y["high"] is not None else inf
    ) < x["low"]


def lines(found: list[dict], pairs: dict[tuple, list[str]], errors: bool, kinds: tuple[str, ...] = KINDS) -> list[str]:
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


def main() -> None:
    args = story_args(__doc__, "print misses, wrong pairs and what was disputed")
    with figure_story_run(STORIES, args, "claimgraph-tally-stories-") as (found, store, article):
        out = lines(found, set_against(store, article), args.errors)
    print("\n".join(out))


if __name__ == "__main__":
    main()
