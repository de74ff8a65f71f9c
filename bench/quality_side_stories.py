"""The attackers' own dead as a dispute of their own, and strengths that name no group (issue 16.2).

    .venv/bin/python bench/quality_side_stories.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/side_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one
temporary store, each its own document and source. Reported:

- sides: the gold pairs of values one figures dispute sets against each other (right: both in one conflicting
  dispute, disjoint, neither superseded), the ``not_disputes`` pairs one does (wrong), and the labelled values of
  two sides (the attackers' dead, the victims) found in one dispute (mixed: what this bench exists to catch);
- strength: the pairs of articles one strength dispute sets against each other (right when listed in
  ``strength``, wrong when listed in ``not_strength``).
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.link.disputes import list_disputes
from claimgraph_eval.stories import apart, figure_story_run, set_against, story_args

STORIES = Path(__file__).resolve().parent / "data" / "side_stories.yaml"


def _labelled(scenario: dict, kind: str) -> list[tuple[str, str]]:
    return [(a, phrase.lower()) for a, phrase in scenario.get(kind, [])]


def _matches(value: dict, article: tuple[str, str], wanted: tuple[str, str]) -> bool:
    """Whether a dispute's value is the labelled one: its article, and the phrase inside its words (case aside)."""
    return article[1] == wanted[0] and wanted[1].lower() in " ".join((value["value"] or "").lower().split())


def side_lines(found: list[dict], store, article: dict[str, tuple[str, str]], errors: bool) -> list[str]:
    disputes = [d for d in list_disputes(store, "figures") if d["measure"] in ("killed", "injured")]
    right = gold = wrong = banned = mixed = labelled = 0
    for s in (s for s in found if s["kind"] == "sides"):
        mine = [
            (d, [(v, article[v["doc_id"]]) for v in d["values"] if article.get(v["doc_id"], ("",))[0] == s["id"]])
            for d in disputes
        ]

        def together(x, y, mine=mine, s=s):
            """The disputes holding both labelled values, set against each other (disjoint, live)."""
            out = []
            for d, vals in mine:
                xs = [v for v, a in vals if _matches(v, a, x)]
                ys = [v for v, a in vals if _matches(v, a, y)]
                if any(apart(a, b) and "superseded" not in (a["role"], b["role"]) for a in xs for b in ys):
                    out.append(d["label"])
            return out

        for x, y in s.get("disputes", []):
            gold += 1
            got = together(tuple(x), tuple(y))
            right += bool(got)
            if errors and not got:
                print(f"  missed {s['id']}: {x} / {y}")
        for x, y in s.get("not_disputes", []):
            banned += 1
            got = together(tuple(x), tuple(y))
            wrong += bool(got)
            if errors and got:
                print(f"  wrong {s['id']}: {x} / {y} in {got}")
        for x in _labelled(s, "attackers"):
            for y in _labelled(s, "victims"):
                labelled += 1
                shared = [
                    d["label"]
                    for d, vals in mine
                    if any(_matches(v, a, x) for v, a in vals) and any(_matches(v, a, y) for v, a in vals)
                ]
                mixed += bool(shared)
                if errors and shared:
                    print(f"  mixed {s['id']}: attackers {x} with victims {y} in {shared}")
    n = sum(1 for s in found if s["kind"] == "sides")
    return [
        f"- sides: {n} scenarios; gold disputes found {right} of {gold}, non-disputes set against each other "
        f"{wrong} of {banned}; attackers' and victims' values in one dispute {mixed} of {labelled} pairs"
    ]


def strength_lines(found: list[dict], store, article: dict[str, tuple[str, str]], errors: bool) -> list[str]:
    pairs = {k: v for k, v in set_against(store, article).items() if any(x.startswith("strength") for x in v)}
    mine = [s for s in found if s["kind"] == "strength"]
    found_ids = {(a[0], frozenset((a[1], b[1]))) for a, b in pairs if a[0] == b[0]}
    gold = {(s["id"], frozenset(p)) for s in mine for p in s["strength"]}
    banned = {(s["id"], frozenset(p)) for s in mine for p in s["not_strength"]}
    right, wrong = gold & found_ids, banned & found_ids
    if errors:
        for s, pair in sorted(gold - right, key=str):
            print(f"  missed strength {s} {sorted(pair)}")
        for s, pair in sorted(wrong, key=str):
            print(f"  wrong strength {s} {sorted(pair)}")
    return [
        f"- strength: {len(mine)} scenarios; gold disputes found {len(right)} of {len(gold)}, "
        f"non-disputes set against each other {len(wrong)} of {len(banned)}"
    ]


def main() -> None:
    args = story_args(__doc__, "print misses, wrong pairs and mixed sides")
    with figure_story_run(STORIES, args, "claimgraph-side-stories-") as (found, store, article):
        out = side_lines(found, store, article, args.errors) + strength_lines(found, store, article, args.errors)
    print("\n".join(out))


if __name__ == "__main__":
    main()
