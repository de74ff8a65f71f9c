"""A perpetrator dispute compares doers of one act, not the sides of a fight (issue 16.2, perpact).

    .venv/bin/python bench/quality_act_stories.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/act_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one
temporary store, each its own document and source. A pair of labelled doers is set against each other when
one listed perpetrator dispute holds a value of each (the phrase inside the value as listed, its article's
document). Reported: the gold pairs found (``disputes``: two doers of one act), the pairs wrongly set against
each other (``not_disputes``: doers of different acts, a backer or an ally beside the doer), how many
perpetrator disputes the split lists and how many of them are in scenarios with no gold dispute (written with
one doer per act: each such dispute is false, whatever words its values are shown by).
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.link.disputes import list_disputes
from claimgraph_eval.stories import figure_story_run, story_args

STORIES = Path(__file__).resolve().parent / "data" / "act_stories.yaml"


def _holds(values: list[dict], article: dict, wanted: tuple[str, str], scenario: str) -> bool:
    art, phrase = wanted
    return any(
        article.get(v["doc_id"]) == (scenario, art) and phrase.lower() in " ".join((v["value"] or "").lower().split())
        for v in values
    )


def act_lines(found: list[dict], store, article: dict[str, tuple[str, str]], errors: bool) -> list[str]:
    disputes = [d for d in list_disputes(store, "facts") if d["measure"] == "perpetrator"]
    if errors:
        for d in disputes:
            shown = "; ".join(f"{article.get(v['doc_id'], ('?', '?'))[1]}: {v['value_label']}" for v in d["values"])
            print(f"  dispute {d['label']} [{d.get('grp') or ''}]: {shown}")
    counts = {"disputes": [0, 0], "not_disputes": [0, 0]}
    for s in found:
        for kind in counts:
            for x, y in s.get(kind, []):
                both = (tuple(x), tuple(y))
                got = [d["label"] for d in disputes if all(_holds(d["values"], article, w, s["id"]) for w in both)]
                counts[kind][0] += bool(got)
                counts[kind][1] += 1
                if errors and bool(got) != (kind == "disputes"):
                    print(f"  {'missed' if kind == 'disputes' else 'wrong'} {s['id']}: {x} / {y} {got}")
    listed = [{article[v["doc_id"]][0] for v in d["values"] if v["doc_id"] in article} for d in disputes]
    # a scenario written with one doer per act: any perpetrator dispute listed in it sets doers of different acts
    # (or a backer, an ally) against each other
    one_doer = {s["id"] for s in found if not s.get("disputes")}
    false = sum(1 for ids in listed if ids & one_doer)
    return [
        f"- gold disputes found {counts['disputes'][0]} of {counts['disputes'][1]}; "
        f"non-disputes set against each other {counts['not_disputes'][0]} of {counts['not_disputes'][1]}; "
        f"perpetrator disputes listed {sum(1 for ids in listed if ids)}, of them in scenarios of one doer per act "
        f"{false}"
    ]


def main() -> None:
    args = story_args(__doc__, "print the perpetrator disputes, misses and wrong pairs")
    with figure_story_run(STORIES, args, "claimgraph-act-stories-") as (found, store, article):
        out = act_lines(found, store, article, args.errors)
    print("\n".join(out))


if __name__ == "__main__":
    main()
