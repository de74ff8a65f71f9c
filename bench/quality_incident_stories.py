"""One incident, one cluster; two incidents, two clusters (issue 16.1, event co-reference across outlets).

    .venv/bin/python bench/quality_incident_stories.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/incident_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one temporary
store, each its own document and source. Two articles are linked when some violent event of each shares an event
cluster; gold: their incident letters meet ("A+B" tells of both). Reported over the pairs of articles of one
scenario: pairwise precision, recall and F1 of linked pairs; and B-cubed precision and recall over articles (an
article's predicted mates are the articles linked to it, its gold mates those whose letters meet its own, itself
counted in both).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from claimgraph_eval.stories import figure_story_run, story_args

STORIES = Path(__file__).resolve().parent / "data" / "incident_stories.yaml"
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(found: list[dict], linked: dict[str, set[frozenset]], errors: bool) -> list[str]:
    tp = fp = fn = 0
    b_p, b_r, n = 0.0, 0.0, 0
    for s in found:
        letters = {k: set(a["incident"].split("+")) for k, a in s["articles"].items()}
        links = linked[s["id"]]
        for a, b in itertools.combinations(sorted(letters), 2):
            gold, got = bool(letters[a] & letters[b]), frozenset((a, b)) in links
            tp, fp, fn = tp + (gold and got), fp + (got and not gold), fn + (gold and not got)
            if errors and gold != got:
                print(f"  {'missed' if gold else 'wrong'} {s['id']} {a}-{b}")
        for a in letters:
            pred = {b for b in letters if b == a or frozenset((a, b)) in links}
            gold = {b for b in letters if letters[a] & letters[b]}
            b_p, b_r, n = b_p + len(pred & gold) / len(pred), b_r + len(pred & gold) / len(gold), n + 1
    p, r = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
    bp, br = b_p / n if n else 0.0, b_r / n if n else 0.0
    return [
        f"- pairwise: linked right {tp}, wrong {fp}, missed {fn}: P {p:.3f} R {r:.3f} F1 {_f1(p, r):.3f}",
        f"- B-cubed over {n} articles: P {bp:.3f} R {br:.3f} F1 {_f1(bp, br):.3f}",
    ]


def main() -> None:
    args = story_args(__doc__, "print each article's violent events and the missed and wrong pairs")
    with figure_story_run(STORIES, args, "claimgraph-incident-stories-") as (found, store, article):
        doc_of = {key: doc for doc, key in article.items()}
        linked: dict[str, set[frozenset]] = {}
        for s in found:
            clusters = {}
            for k in s["articles"]:
                events = [e for e in store.disputes.events([doc_of[(s["id"], k)]]) if e["event_type"] in VIOLENT]
                clusters[k] = {e["cluster_id"] for e in events if e["cluster_id"]}
                if args.errors:
                    for e in events:
                        print(
                            f"  {s['id']}/{k} {e['type']} cluster {(e['cluster_id'] or '-')[:10]} {e['date_start']} "
                            f"{e['date_text']!r} {e['location']} {e['fatalities']}"
                        )
            pairs = itertools.combinations(sorted(clusters), 2)
            linked[s["id"]] = {frozenset((a, b)) for a, b in pairs if clusters[a] & clusters[b]}
        out = scores(found, linked, args.errors)
    print("\n".join(out))


if __name__ == "__main__":
    main()
