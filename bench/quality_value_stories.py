"""Disputed values the engine missed on a fresh user's trial: event dates, a group's own strength, and
"agencies" as a speaker (issue 16.2).

    .venv/bin/python bench/quality_value_stories.py [--split dev|train] [--mode accurate|fast] [--errors]

bench/data/value_stories.yaml (synthetic, project-written; split in its header: sha1 of a scenario's first
article's text, even -> train, odd -> dev). The split's articles go through ``claimgraph run`` into one
temporary store, each its own document and source. Reported:

- dates: per scenario, whether a date dispute (facts, measure ``date``) holds two of its articles
  (gold ``date_dispute``), and how many of the articles that date the incident give a date value equal to
  their ``day`` (right / wrong / none);
- strength: the pairs of articles one strength dispute (figures, measure ``strength``) sets against each
  other: right when listed in ``strength``, wrong when listed in ``not_strength`` or of two scenarios;
- speakers: articles with a ``not_speaker`` word none of whose claims has it in its speaker, and articles
  with a ``speaker`` word some claim keeps.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from claimgraph.link.disputes import list_disputes
from claimgraph_eval.stories import scenarios, story_store

STORIES = Path(__file__).resolve().parents[1] / "bench" / "data" / "value_stories.yaml"


def date_lines(found: list[dict], store, site: dict, errors: bool) -> list[str]:
    facts = store.disputes.ranked("facts", conflicts_only=False, min_sources=1)
    dates = [d for d in facts if d["measure"] == "date"]
    values = store.disputes.values([d["id"] for d in dates])
    given: dict[tuple[str, str], set[str]] = {}
    disputed: set[str] = set()
    for d in dates:
        arts = {site[v["source"]] for v in values[d["id"]] if v["source"] in site}
        for v in values[d["id"]]:
            if v["source"] in site:
                given.setdefault(site[v["source"]], set()).add(v["value"])
        scen = {a[0] for a in arts}
        if d["conflict"] and len(arts) >= 2:
            disputed |= scen
    tp = fp = fn = tn = 0
    right = wrong = none = 0
    for s in (s for s in found if s["kind"] == "date"):
        said = s["id"] in disputed
        gold = bool(s["date_dispute"])
        tp, fp = tp + (said and gold), fp + (said and not gold)
        fn, tn = fn + (gold and not said), tn + (not said and not gold)
        for k, a in s["articles"].items():
            got = given.get((s["id"], k), set())
            if not got:
                none += 1
            elif got == {a["day"]}:
                right += 1
            else:
                wrong += 1
            if errors and got != {a["day"]}:
                print(f"  date {s['id']}/{k}: gold {a['day']} read {sorted(got) or '-'}")
        if errors and said != gold:
            print(f"  date dispute {s['id']}: gold {gold} found {said}")
    n = sum(s["kind"] == "date" for s in found)
    return [
        f"- dates: {n} scenarios; date disputes right {tp} of {tp + fn}, false {fp} of {fp + tn} without one; "
        f"article dates right {right}, wrong {wrong}, none {none}"
    ]


def strength_lines(found: list[dict], store, site: dict, errors: bool) -> list[str]:
    gold = {(s["id"], frozenset(p)) for s in found for p in s.get("strength", [])}
    banned = {(s["id"], frozenset(p)) for s in found for p in s.get("not_strength", [])}
    right, wrong = set(), set()
    for d in list_disputes(store, "figures"):
        if d["measure"] != "strength":
            continue
        arts = sorted({site[v["source"]] for v in d["values"] if v["source"] in site})
        for i, a in enumerate(arts):
            for b in arts[i + 1 :]:
                key = (a[0], frozenset((a[1], b[1])))
                if key in gold:
                    right.add(key)
                elif a[0] != b[0] or key in banned:
                    wrong.add(key)
        if errors:
            shown = "; ".join(f"{v['source']}: {v['value']}" for v in d["values"])
            print(f"  strength dispute: {d['label']}: {shown}")
    if errors:
        for s, pair in sorted(gold - right, key=str):
            print(f"  strength missed {s} {sorted(pair)}")
    return [f"- strength: pairs right {len(right)} of {len(gold)}, wrong {len(wrong)} ({len(banned)} listed not)"]


def speaker_lines(found: list[dict], store, doc_of: dict, errors: bool) -> list[str]:
    good = bad = kept = lost = 0
    for s in (s for s in found if s["kind"] == "speaker"):
        for k, a in s["articles"].items():
            claims = store.claims.find(doc_id=doc_of[(s["id"], k)])
            speakers = [f"{c.get('speaker_text') or ''} {c.get('speaker') or ''}".lower() for c in claims]
            if "not_speaker" in a:
                hit = any(a["not_speaker"].lower() in sp for sp in speakers)
                good, bad = good + (not hit), bad + hit
            if "speaker" in a:
                has = any(a["speaker"].lower() in sp for sp in speakers)
                kept, lost = kept + has, lost + (not has)
            if errors:
                print(f"  speakers {s['id']}/{k}: {[sp.strip() for sp in speakers]}")
    return [
        f"- speakers: 'agencies' no speaker in {good} of {good + bad} articles; "
        f"named agency kept {kept} of {kept + lost}"
    ]


def print_events(found: list[dict], store, doc_of: dict) -> None:
    for s in (s for s in found if s["kind"] == "date"):
        for k in s["articles"]:
            for e in store.disputes.events([doc_of[(s["id"], k)]]):
                print(
                    f"  {s['id']}/{k} {e['type']} cluster {(e['cluster_id'] or '-')[:8]} {e['date_start']} "
                    f"{e['date_precision']} {e['date_text']!r} {e['location']} {e['actor1']} {e['fatalities']}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--errors", action="store_true", help="print what each article gave")
    parser.add_argument("--events", action="store_true", help="print each date scenario's events")
    parser.add_argument("--mode", choices=["accurate", "fast"], default="accurate", help="the run's extraction mode")
    args = parser.parse_args()
    found = scenarios(STORIES, args.split)
    print(f"{args.split} ({args.mode}): {len(found)} scenarios: {', '.join(s['id'] for s in found)}")
    with story_store(found, args.mode, "claimgraph-value-stories-") as store:
        site = {a["site"]: (s["id"], k) for s in found for k, a in s["articles"].items()}
        by_title = {(d["title"], d.get("site") or d.get("source")): d["id"] for d in store.documents.summaries()}
        doc_of = {}
        for s in found:
            for k, a in s["articles"].items():
                doc_of[(s["id"], k)] = next(i for (t, _), i in by_title.items() if t == a["title"])
        if args.events:
            print_events(found, store, doc_of)
        lines = date_lines(found, store, site, args.errors)
        lines += strength_lines(found, store, site, args.errors)
        lines += speaker_lines(found, store, doc_of, args.errors)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
