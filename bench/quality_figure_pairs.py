"""Counts no event cluster joins: do two reports' figures of one thing meet, and only those? (issue 16.2)

    .venv/bin/python bench/quality_figure_pairs.py [--errors] [--write]

bench/data/figure_pairs.yaml (synthetic, project-written; split rule in its header: sha1 of the pair's
texts % 3 == 0 is dev): pairs of undated one-sentence reports by two sources, a dispute when they give
counts of one measure of one thing that cannot both be true, hard negatives otherwise (another incident
of the same actor or place, the same or an overlapping count, another measure or victim group). Every
text goes through ``claimgraph run`` as its own document and source, into one temporary store; the
figures no event cluster joins are read back as ``link.disputes.unclustered`` reads them
(``unclustered_counts``) and paired as it pairs them (``count_pairs``: conflicting, two voices, a shared
name), with every masked similarity kept. A labelled pair is found at a threshold when a pair of its two
documents' counts reaches it. Reported: the threshold chosen on train (best F1; ties: the higher),
precision, recall and F1 there and on dev, and the pairs of two documents of different labelled pairs
that reach it (false matches across stories, which no label lists). The chosen value is
``figure_similarity`` in data/models/disputes.yaml.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path

import yaml
from docs_section import write_section
from quality_facts import prf

from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.unclustered import count_pairs, masked_vectors, unclustered_counts
from claimgraph.link.propositions import load_config as load_proposition_config
from claimgraph.runner import run
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "bench" / "data" / "figure_pairs.yaml"
SECTION = "## Counts no event cluster joins (synthetic pairs)"
GRID = [round(0.30 + 0.025 * i, 3) for i in range(27)]
NOTE = [
    "The pairs were written (engineer dvalues2, 2026-12-07) before any output of the comparison was seen. Misses "
    "on train are mostly upstream: a strength figure (handled by the quantity keys, not here), a count the figure "
    "reader does not take, and a total above a group's count ('25 dead' / 'nine workers died'), which the events' "
    "group rule holds compatible. The one false pair on train: one army's arrests in two provinces in two months "
    "(masked similarity 0.70). On 120 FNC-1 train bodies of 27 stories outside the disputes dev set, the gate "
    "left one pair above it, 'Four Americans, including X' / 'X and three other Americans' (now left out: a count "
    "of 'other' or 'more' is a part); the next pair scored 0.47. Disputes dev set: docs/quality.md, 'Disputes and "
    "event co-reference'.",
    "",
]


def split_of(pair: dict) -> str:
    return "dev" if int(hashlib.sha1(f"{pair['a']}\n{pair['b']}".encode()).hexdigest(), 16) % 3 == 0 else "train"


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def similarities(texts: list[str]) -> dict[frozenset[str], float]:
    """{the two texts' keys: the highest masked similarity of a conflicting pair of their counts}."""
    config, weights = load_config(), load_proposition_config()
    with tempfile.TemporaryDirectory(prefix="claimgraph-figure-pairs-") as tmp:
        corpus = Path(tmp) / "documents.jsonl"
        rows = [{"title": f"fig:{_key(t)}", "site": f"figure-pairs-{_key(t)}", "text": t} for t in texts]
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        with Store(Path(tmp) / "store.duckdb") as store:
            run([str(corpus)], store, workers=1)
            titles = {d["id"]: d["title"] for d in store.documents.summaries()}
            ids = sorted(titles)
            clustered = {e["doc_id"] for e in store.disputes.events(ids) if e["cluster_id"]}
            counts = unclustered_counts(store.figures.in_context(ids), ids, clustered, config, weights)
            vectors = masked_vectors(store, [c.masked for c in counts], weights) if counts else None
            found = count_pairs(counts, vectors, -1.0) if counts else []
    out: dict[frozenset[str], float] = {}
    for i, j, _, sim in found:
        key = frozenset(titles[counts[k].value.doc_id].removeprefix("fig:") for k in (i, j))
        out[key] = max(out.get(key, -1.0), sim)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print the train pairs decided wrongly")
    parser.add_argument("--write", action="store_true", help="replace the section in docs/quality.md")
    args = parser.parse_args()
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    sims = similarities(sorted({p[k] for p in pairs for k in ("a", "b")}))
    labelled = {frozenset((_key(p["a"]), _key(p["b"]))) for p in pairs}
    scored = {
        s: [(bool(p["dispute"]), sims.get(frozenset((_key(p["a"]), _key(p["b"]))))) for p in pairs if split_of(p) == s]
        for s in ("train", "dev")
    }
    threshold, *best = max(((t, *prf(scored["train"], t)) for t in GRID), key=lambda g: (round(g[3], 6), g[0]))
    p, r, f = prf(scored["dev"], threshold)
    across = sum(s >= threshold for key, s in sims.items() if key not in labelled)
    lines = [SECTION, "", "    .venv/bin/python bench/quality_figure_pairs.py --write", ""]
    n = {s: (len(v), sum(g for g, _ in v)) for s, v in scored.items()}
    lines.append(
        f"- train {n['train'][0]} pairs ({n['train'][1]} disputes), chosen threshold {threshold:.3f}: "
        f"P {best[0]:.3f} R {best[1]:.3f} F1 {best[2]:.3f}; dev {n['dev'][0]} pairs ({n['dev'][1]} disputes) at it: "
        f"P {p:.3f} R {r:.3f} F1 {f:.3f}; pairs of two different labelled pairs' reports reaching it: {across} "
        f"of {len(sims) - len(labelled & set(sims))} compared"
    )
    if args.errors:
        for pair in pairs:
            if split_of(pair) != "train":
                continue
            s = sims.get(frozenset((_key(pair["a"]), _key(pair["b"]))))
            if bool(pair["dispute"]) != (s is not None and s >= threshold):
                print(f"  gold {pair['dispute']!s:>5} sim {s if s is None else round(s, 3)}  {pair['a']}")
        for key, s in sorted(sims.items(), key=lambda x: -x[1]):
            if key not in labelled and s >= threshold:
                print(f"  across {s:.3f} {sorted(key)}")
    lines += ["", *NOTE]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section(REPO / "docs" / "quality.md", SECTION, text, "# Quality")


if __name__ == "__main__":
    main()
