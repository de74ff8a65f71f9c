"""One incident told by a first report, follow-ups and a report's own update (issues 16.1/16.2).

    .venv/bin/python bench/quality_followup_stories.py [--split dev|train] [--mode fast|accurate] [--errors]

bench/data/followup_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one
temporary store, each its own document and source. Reported:

- clusters: pairs of articles of one incident some violent event of each shares a cluster with (right), and
  pairs of two incidents of one scenario that do (wrong);
- disputes: gold pairs of articles a figures dispute sets against each other (live, disjoint values), and
  ``not_disputes`` pairs that one does (wrong);
- own updates: ``own_update`` articles two of whose own live values a figures dispute sets against each other
  (wrong: the report's earlier figure is a timeline step, not a side).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from claimgraph.link.disputes import list_disputes
from claimgraph_eval.stories import apart, figure_story_run, set_against, story_args

STORIES = Path(__file__).resolve().parent / "data" / "followup_stories.yaml"
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def cluster_lines(found: list[dict], store, doc_of: dict, errors: bool) -> list[str]:
    right = gold = wrong = negatives = 0
    for s in found:
        clusters = {}
        for k in s["articles"]:
            events = store.disputes.events([doc_of[(s["id"], k)]])
            clusters[k] = {e["cluster_id"] for e in events if e["cluster_id"] and e["event_type"] in VIOLENT}
            if errors:
                for e in events:
                    print(
                        f"  {s['id']}/{k} {e['type']} cluster {(e['cluster_id'] or '-')[:10]} {e['date_start']} "
                        f"{e['date_text']!r} {e['location']} {e['fatalities']}"
                    )
        for a, b in itertools.combinations(sorted(s["articles"]), 2):
            same = s["articles"][a]["incident"] == s["articles"][b]["incident"]
            shared = bool(clusters[a] & clusters[b])
            gold, negatives = gold + same, negatives + (not same)
            right, wrong = right + (same and shared), wrong + (shared and not same)
            if errors and same != shared:
                print(f"  cluster {'missed' if same else 'wrong'} {s['id']} {a}-{b}")
    return [f"- clusters: one incident's article pairs joined {right} of {gold}; two incidents' {wrong} of {negatives}"]


def dispute_lines(found: list[dict], store, article: dict, errors: bool) -> list[str]:
    pairs = set_against(store, article)
    got = {(a[0], frozenset((a[1], b[1]))) for a, b in pairs if a[0] == b[0]}
    gold = {(s["id"], frozenset(p)) for s in found for p in s["disputes"]}
    banned = {(s["id"], frozenset(p)) for s in found for p in s["not_disputes"]}
    own = {(s["id"], k) for s in found for k in s["own_update"]}
    against_self = set()
    for d in list_disputes(store, "figures"):
        live = [v for v in d["values"] if v["doc_id"] in article and v["role"] != "superseded"]
        for x, y in itertools.combinations(live, 2):
            if x["doc_id"] == y["doc_id"] and apart(x, y):
                against_self.add(article[x["doc_id"]])
                if errors:
                    print(f"  own values set against each other {article[x['doc_id']]}: {x['value']} / {y['value']}")
    if errors:
        for s, pair in sorted(gold - got, key=str):
            print(f"  missed {s} {sorted(pair)}")
        for s, pair in sorted(banned & got, key=str):
            print(f"  wrong {s} {sorted(pair)}")
    return [
        f"- disputes: gold pairs found {len(gold & got)} of {len(gold)}; non-disputes set against each other "
        f"{len(banned & got)} of {len(banned)}",
        f"- own updates set against themselves: {len(own & against_self)} of {len(own)} (other articles: "
        f"{len(against_self - own)})",
    ]


def main() -> None:
    args = story_args(__doc__, "print each article's events, misses and wrong pairs")
    with figure_story_run(STORIES, args, "claimgraph-followup-stories-") as (found, store, article):
        doc_of = {key: doc for doc, key in article.items()}
        out = cluster_lines(found, store, doc_of, args.errors) + dispute_lines(found, store, article, args.errors)
    print("\n".join(out))


if __name__ == "__main__":
    main()
