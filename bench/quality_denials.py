"""Assertion against denial: does a denial meet the assertion it denies, and only that one? (issue 16.3)

    .venv/bin/python bench/quality_denials.py [--write]
    .venv/bin/python bench/quality_denials.py --status [--split dev] [--errors] [--write]
    .venv/bin/python bench/quality_denials.py --cross [--split dev] [--errors]
    .venv/bin/python bench/quality_denials.py --block [--split dev] [--errors]
    .venv/bin/python bench/quality_denials.py --pairs [--split dev] [--errors]

bench/data/denial_pairs.yaml (synthetic, project-written; split fixed in its header): per story an
assertion, its denial by another source, and a hard negative (a claim by another source about the
same actors but another fact). As ``link.disputes.denials`` matches them, each denial and each
hard negative of a split is joined to its nearest assertion of the split when their combined
similarity (the propositions' claim vectors, fast mode, no linked actors) reaches the threshold.
An edge is right when it joins a story's denial to that story's assertion. Reported: precision and
recall of the edges for a grid of thresholds on train, the one chosen there (best F1, ties: the
higher threshold) and what it gives on dev. The chosen value is ``match_similarity`` in
data/models/disputes.yaml.

``--status``: the claims stage's side of it. Each sentence of data/synthetic/status/denials.tsv
(synthetic, project-written; sha1 % 3 == 0 is dev, fixed before any run) goes through the pipeline as
a one-sentence English document in both modes; the claim of the line's speaker is a rejection when its
status is denied or disputed. Reported per mode: accuracy, precision and recall of rejections, the lines
whose speaker got no claim (the attribution's misses, which no status can mend), the polarity of the
rejections found (negative, except a denial of a negated allegation: form D14), and the misses per form
of the taxonomy (docs/models/status.md).

``--cross``: the blocking of claims disputes by story. The ``cross_story`` items of denial_pairs.yaml
(synthetic; sha1 of the story text even is train, odd dev) of one split go through ``claimgraph run``
(default settings) into one temporary store, three short articles per item: a story, a denial of it
from the same country and days, and a look-alike denial from another conflict. Reported: the claims
disputes that join two items' articles or a story with its item's distractor (wrong: they must be
blocked) and those that join a story with its own denial (found).

``--block``: claims disputes blocked by incident (bench/data/claims_blocking.yaml, its split in its header).

``--pairs``: does a claims dispute pair an assertion with the rejection of THAT proposition, and not with a
rejection of something else about the same actors? The items of bench/data/claim_pairs.yaml (synthetic; sha1
of the deny article's text even is train, odd dev) of one split run into one store, two articles per item.
Reported: items paired (a listed dispute holds the assertion affirming and the rejection denying) that are
one proposition (right) or not (wrong), disputes joining two items (wrong), P, R, F1 and what is paired by
kind (same, paraphrase, other_act, other_place, other_time, other_number, general).
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from docs_section import write_section
from quality_status import english_document

from claimgraph.link.disputes.config import load_config
from claimgraph.link.embeddings import Embedder, EmbeddingCache
from claimgraph.link.propositions import load_config as load_proposition_config
from claimgraph.link.propositions import vectors_of_claims

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "bench" / "data" / "denial_pairs.yaml"
BLOCKING = REPO / "bench" / "data" / "claims_blocking.yaml"
CLAIM_PAIRS = REPO / "bench" / "data" / "claim_pairs.yaml"
SECTION = "## Assertion against denial (synthetic pairs)"
STATUS_SECTION = "## Denials, dismissals and refutations in the claims stage (synthetic)"
DENIALS = REPO / "data" / "synthetic" / "status" / "denials.tsv"
STATUS_NOTE = (
    "Before the learned status head (the rules alone, same day, same 102 lines): fast accuracy 0.735, rejection "
    "P 0.800 R 0.702, polarity 29/40; accurate 0.725, P 0.796 R 0.684, polarity 28/39. The data, its taxonomy "
    "and split: data/synthetic/status/README.md, docs/models/status.md."
)
GRID = [round(0.30 + 0.02 * i, 2) for i in range(16)]


def split_vectors(split: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(assertions, denials, hard negatives) of one split (0 train, 1 dev), one row per story."""
    stories = [s for i, s in enumerate(yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["stories"]) if i % 2 == split]
    config = load_proposition_config()
    cache = EmbeddingCache(Embedder("fast"))
    texts = [s[k] for k in ("affirm", "deny", "other") for s in stories]
    v = vectors_of_claims([{"text": t, "actors": []} for t in texts], cache, config)
    n = len(stories)
    return v[:n], v[n : 2 * n], v[2 * n :]


def edges_score(affirm: np.ndarray, deny: np.ndarray, other: np.ndarray, threshold: float) -> tuple[float, float]:
    """(precision, recall) of nearest-assertion edges at ``threshold``."""
    right = wrong = 0
    for rows, own in ((deny, True), (other, False)):
        sims = rows @ affirm.T
        for i, row in enumerate(sims):
            j = int(row.argmax())
            if row[j] >= threshold:
                if own and j == i:
                    right += 1
                else:
                    wrong += 1
    made = right + wrong
    return (right / made if made else 1.0), right / len(affirm)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def denial_lines(split: str) -> list[list[str]]:
    """(sentence, label, speaker, form) of one split of data/synthetic/status/denials.tsv."""
    from claimgraph_eval.status_set import split_of

    out = []
    for n, line in enumerate(DENIALS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or fields[1] not in ("deny", "other"):
            raise ValueError(f"{DENIALS}:{n}: expected sentence, deny|other, speaker, form")
        if split_of(fields[0]) == split:
            out.append(fields)
    return out


def status_lines(split: str, mode: str, show_errors: bool) -> list[str]:
    from claimgraph.ingest.text import text_document
    from claimgraph.model import Source
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings
    from claimgraph_eval.status_set import gold_claim

    lines = denial_lines(split)
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": mode}))
    tp = fp = fn = tn = no_claim = pol_ok = 0
    missed: dict[str, int] = {}
    for sentence, label, speaker, form in lines:
        doc = english_document(pipe, text_document(sentence, Source("denials.txt", "txt")))
        c = gold_claim(doc.claims, speaker)
        said = c is not None and (c.speaker_text or "").lower() == speaker.lower()
        if not said and label == "deny":
            no_claim += 1
        rejects = said and c.status in ("denied", "disputed")
        gold = label == "deny"
        tp, fp = tp + (rejects and gold), fp + (rejects and not gold)
        fn, tn = fn + (gold and not rejects), tn + (not gold and not rejects)
        if gold and not rejects:
            missed[form] = missed.get(form, 0) + 1
        if rejects and gold:
            pol_ok += c.polarity == ("positive" if form == "D14" else "negative")
        if show_errors and rejects != gold:
            got = "no claim" if not said else f"{c.status}/{c.polarity}"
            print(f"  {label:>5} {form:<4} -> {got:<18} {sentence}")
    n = len(lines)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return [
        f"- {split}, {mode} mode: {n} lines ({tp + fn} rejections), accuracy {(tp + tn) / n:.3f}, rejection "
        f"P {p:.3f} R {r:.3f} F1 {f1(p, r):.3f}; rejections whose speaker got no claim: {no_claim}; polarity "
        f"right on {pol_ok}/{tp} rejections found; missed by form: "
        + (", ".join(f"{k} {v}" for k, v in sorted(missed.items())) or "none")
    ]


def cross_items(split: str) -> list[dict]:
    import hashlib

    items = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["cross_story"]
    want = {"train": 0, "dev": 1}[split]
    return [x for x in items if int(hashlib.sha1(x["story"]["text"].encode()).hexdigest(), 16) % 2 == want]


def cross_lines(split: str, show_errors: bool) -> list[str]:
    import json
    import tempfile

    from claimgraph.link.disputes import list_disputes
    from claimgraph.runner import run
    from claimgraph.store import Store

    items = cross_items(split)
    role = {}  # site -> (item, role): the sites are unique in the set
    docs = []
    for n, x in enumerate(items):
        for r in ("story", "same", "distractor"):
            role[x[r]["site"]] = (n, r)
            docs.append(x[r])
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "cross.jsonl"
        corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        with Store(Path(tmp) / "store.duckdb") as store:
            run([str(corpus)], store, workers=1)
            disputes = list_disputes(store, "claims")
    wrong = found = 0
    for d in disputes:
        members = {role[v["source"]] for v in d["values"] if v["source"] in role}
        items_in = {i for i, _ in members}
        bad = len(items_in) > 1 or any(r == "distractor" for _, r in members) and len(members) > 1
        good = not bad and {r for _, r in members} == {"story", "same"}
        wrong, found = wrong + bad, found + good
        if show_errors:
            tag = "WRONG" if bad else "found" if good else "other"
            print(f"  {tag}: " + " | ".join(f"{v['role']} {v['source']}: {v['text'][:70]}" for v in d["values"]))
    return [
        f"- {split}: {len(items)} items ({3 * len(items)} articles): {len(disputes)} claims disputes; "
        f"across stories (wrong) {wrong}; a story with its own denial (found) {found} of {len(items)}"
    ]


def block_scenarios(split: str) -> list[dict]:
    """The scenarios of bench/data/claims_blocking.yaml in one split (sha1 of the first article's text)."""
    import hashlib

    want = {"train": 0, "dev": 1}[split]
    out = []
    for s in yaml.safe_load(BLOCKING.read_text(encoding="utf-8"))["scenarios"]:
        first = next(iter(s["articles"].values()))["text"]
        if int(hashlib.sha1(first.encode()).hexdigest(), 16) % 2 == want:
            out.append(s)
    return out


def _sides(dispute: dict, key_of: dict[str, Any]) -> dict[str, set]:
    """A listed claims dispute's affirming and denying sides, each the keys of its values' sources that
    ``key_of`` knows (an article, an item's side)."""
    sides: dict[str, set] = {"affirms": set(), "denies": set()}
    for v in dispute["values"]:
        if v["source"] in key_of:
            sides[v["role"]].add(key_of[v["source"]])
    return sides


def block_pairs(disputes: list[dict], scenarios: list[dict]) -> tuple[set, set, set]:
    """(right, wrong, gold) article pairs: a listed claims dispute's pairs of articles across its sides
    and within a side, read as ``--block`` says. An article is (scenario id, article key)."""
    site = {a["site"]: (s["id"], k) for s in scenarios for k, a in s["articles"].items()}
    incident = {(s["id"], k): (s["id"], a["incident"]) for s in scenarios for k, a in s["articles"].items()}
    gold = {((s["id"], a), (s["id"], d)) for s in scenarios for a, d in s["dispute"]}
    banned = {frozenset({(s["id"], a), (s["id"], b)}) for s in scenarios for a, b in s["not_dispute"]}
    right, wrong = set(), set()
    for d in disputes:
        sides = _sides(d, site)
        pairs = {(a, b) for a in sides["affirms"] for b in sides["denies"] if a != b}
        pairs |= {(a, b) for side in sides.values() for a in side for b in side if a < b}
        for a, b in pairs:
            if (a, b) in gold:
                right.add((a, b))
            elif incident[a] != incident[b] or frozenset({a, b}) in banned:
                wrong.add((a, b))
    return right, wrong, gold


def block_lines(split: str, show_errors: bool) -> list[str]:
    import json
    import tempfile

    from claimgraph.link.disputes import list_disputes
    from claimgraph.runner import run
    from claimgraph.store import Store

    scenarios = block_scenarios(split)
    docs = [a for s in scenarios for a in s["articles"].values()]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "blocking.jsonl"
        corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        with Store(Path(tmp) / "store.duckdb") as store:
            run([str(corpus)], store, workers=1)
            disputes = list_disputes(store, "claims")
    right, wrong, gold = block_pairs(disputes, scenarios)
    if show_errors:
        site = {a["site"]: (s["id"], k) for s in scenarios for k, a in s["articles"].items()}
        for d in disputes:
            print(f"  dispute {d['score']:.2f}")
            for v in d["values"]:
                print(f"    {v['role']:<7} {'/'.join(site.get(v['source'], ('?', v['source'])))}: {v['text'][:90]}")
        print("  wrong pairs: " + ", ".join(f"{a[0]}/{a[1]}-{b[0]}/{b[1]}" for a, b in sorted(wrong)))
        print("  missed: " + ", ".join(f"{a[0]}/{a[1]}-{b[1]}" for a, b in sorted(gold - right)))
    p = len(right) / (len(right) + len(wrong)) if right or wrong else 1.0
    return [
        f"- {split}: {len(scenarios)} scenarios ({', '.join(s['id'] for s in scenarios)}), {len(docs)} articles: "
        f"{len(disputes)} claims disputes; pairs right {len(right)}, wrong {len(wrong)}: P {p:.3f}, "
        f"R {len(right) / len(gold):.3f} ({len(right)}/{len(gold)} labelled pairs)"
    ]


def pair_items(split: str) -> list[dict]:
    """The items of bench/data/claim_pairs.yaml in one split (sha1 of the deny article's text)."""
    want = {"train": 0, "dev": 1}[split]
    items = yaml.safe_load(CLAIM_PAIRS.read_text(encoding="utf-8"))["items"]
    return [x for x in items if int(hashlib.sha1(x["deny"]["text"].encode()).hexdigest(), 16) % 2 == want]


def pair_scores(disputes: list[dict], items: list[dict]) -> dict[str, Any]:
    """What the listed claims disputes say of the items: an item is predicted the same proposition when a
    dispute holds its affirming article on the affirming side and its denying article on the denying side;
    a dispute joining two items' articles is wrong once per pair of items it joins."""
    item_of = {x[r]["site"]: (n, r) for n, x in enumerate(items) for r in ("affirm", "deny")}
    predicted, across = set(), set()
    for d in disputes:
        sides = _sides(d, item_of)
        predicted |= {a for a, r in sides["affirms"] if r == "affirm" and (a, "deny") in sides["denies"]}
        found = {n for side in sides.values() for n, _ in side}
        across |= {(a, b) for a in found for b in found if a < b}
    same = {n for n, x in enumerate(items) if x["same"]}
    tp, fp = len(predicted & same), len(predicted - same) + len(across)
    return {"tp": tp, "fp": fp, "gold": len(same), "predicted": predicted, "across": across}


def pairs_lines(split: str, show_errors: bool) -> list[str]:
    import json
    import tempfile

    from claimgraph.link.disputes import list_disputes
    from claimgraph.runner import run
    from claimgraph.store import Store

    items = pair_items(split)
    docs = [x[r] for x in items for r in ("affirm", "deny")]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "pairs.jsonl"
        corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        with Store(Path(tmp) / "store.duckdb") as store:
            run([str(corpus)], store, workers=1)
            disputes = list_disputes(store, "claims")
    s = pair_scores(disputes, items)
    by_kind: dict[str, list[int]] = {}
    for n, x in enumerate(items):
        by_kind.setdefault(x["kind"], [0, 0])
        by_kind[x["kind"]][0] += n in s["predicted"]
        by_kind[x["kind"]][1] += 1
    if show_errors:
        for n, x in enumerate(items):
            if (n in s["predicted"]) != x["same"]:
                tag = "missed" if x["same"] else "WRONG"
                print(f"  {tag} {x['kind']} {x['id']}: {x['affirm']['text'][:60]} | {x['deny']['text'][:60]}")
        for a, b in sorted(s["across"]):
            print(f"  ACROSS {items[a]['id']} - {items[b]['id']}")
    p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
    r = s["tp"] / s["gold"] if s["gold"] else 0.0
    kinds = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_kind.items()))
    return [
        f"- {split}: {len(items)} items ({s['gold']} the same proposition), {len(disputes)} claims disputes; "
        f"pairs right {s['tp']}, wrong {s['fp']} ({len(s['across'])} across items): P {p:.3f} R {r:.3f} "
        f"F1 {f1(p, r):.3f}; paired by kind: {kinds}"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="replace the section in docs/quality.md")
    parser.add_argument("--status", action="store_true", help="the claims stage's statuses on denials.tsv")
    parser.add_argument("--cross", action="store_true", help="claims disputes across stories (cross_story items)")
    parser.add_argument("--block", action="store_true", help="claims disputes blocked by incident (claims_blocking)")
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument(
        "--errors", action="store_true", help="with --status: list the wrong lines; with --cross: the disputes"
    )
    parser.add_argument("--pairs", action="store_true", help="claims disputes of the claim_pairs.yaml items")
    args = parser.parse_args()
    if args.pairs:
        print("\n".join(pairs_lines(args.split, args.errors)))
        return
    if args.block:
        print("\n".join(block_lines(args.split, args.errors)))
        return
    if args.cross:
        print("\n".join(cross_lines(args.split, args.errors)))
        return
    if args.status:
        lines = [STATUS_SECTION, "", "    .venv/bin/python bench/quality_denials.py --status --write", ""]
        for mode in ("fast", "accurate"):
            lines += status_lines(args.split, mode, args.errors)
        lines += ["", STATUS_NOTE]
        text = "\n".join(lines) + "\n"
        print(text)
        if args.write:
            write_section(REPO / "docs" / "quality.md", STATUS_SECTION, text, "# Quality")
        return
    train, dev = split_vectors(0), split_vectors(1)
    grid = [(t, *edges_score(*train, t)) for t in GRID]
    chosen = max(grid, key=lambda g: (round(f1(g[1], g[2]), 6), g[0]))[0]
    shipped = load_config().match_similarity
    lines = [SECTION, "", "    .venv/bin/python bench/quality_denials.py --write", ""]
    lines += ["| threshold | train P | train R | train F1 |", "| --- | --- | --- | --- |"]
    lines += [f"| {t:.2f} | {p:.3f} | {r:.3f} | {f1(p, r):.3f} |" for t, p, r in grid]
    lines.append("")
    for name, t in (("chosen on train", chosen), ("shipped (match_similarity)", shipped), ("before (0.60)", 0.6)):
        p, r = edges_score(*dev, t)
        lines.append(f"- {name} {t:.2f}: dev P {p:.3f} R {r:.3f} F1 {f1(p, r):.3f} ({len(dev[0])} stories)")
    lines.append("")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section(REPO / "docs" / "quality.md", SECTION, text, "# Quality")


if __name__ == "__main__":
    main()
