"""Disputed facts: do two claims giving exclusive values of one slot meet, and only those? (issue 16.2-3)

    .venv/bin/python bench/quality_facts.py [--errors] [--write]

bench/data/fact_pairs.yaml (synthetic, project-written; split rule in its header: sha1 of the pair's
texts % 3 == 0 is dev): pairs of claims by two sources, a dispute when they give values of one slot
of data/models/fact_slots.yaml that cannot both be true of one person in one proposition, hard
negatives otherwise (same value, compatible values, another person, another proposition). As
``link.disputes.facts`` decides: each claim's slot values (``slot_values``; a life status beside a
number is a count's), a subject both write (``denials._keys``, no linked actors here), exclusive
classes, and the combined similarity of the two claims with the value words masked (the
propositions' claim vectors, fast mode) at or above the threshold. Reported: precision, recall and
F1 on train for a grid of thresholds, the one chosen there (best F1, ties: the higher threshold) and
what it gives on dev; and the unmasked similarity beside it (what masking buys). The chosen value is
``fact_similarity`` in data/models/disputes.yaml.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import yaml
from docs_section import write_section

from claimgraph.link.disputes.denials import _keys
from claimgraph.link.disputes.facts import is_counted, load_slots, slot_values
from claimgraph.link.embeddings import Embedder, EmbeddingCache
from claimgraph.link.propositions import load_config as load_proposition_config
from claimgraph.link.propositions import vectors_of_claims

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "bench" / "data" / "fact_pairs.yaml"
SECTION = "## Disputed facts (synthetic pairs)"
GRID = [round(0.30 + 0.025 * i, 3) for i in range(25)]


def split_of(pair: dict) -> str:
    return "dev" if int(hashlib.sha1(f"{pair['a']}\n{pair['b']}".encode()).hexdigest(), 16) % 3 == 0 else "train"


def candidates(pairs: list[dict], *, masked: bool = True) -> list[tuple[bool, float | None, str]]:
    """Per pair: (labelled a dispute, the masked similarity where the two give exclusive values of one
    slot about a shared subject (else None), the pair's a text)."""
    slots = load_slots()
    cache = EmbeddingCache(Embedder("fast"))
    config = load_proposition_config()
    out = []
    for p in pairs:
        a = {(s.name, cls): m for s, cls, m in slot_values(p["a"], slots, counted=is_counted({"text": p["a"]}))}
        b = {(s.name, cls): m for s, cls, m in slot_values(p["b"], slots, counted=is_counted({"text": p["b"]}))}
        shared = _keys({"text": p["a"]}) & _keys({"text": p["b"]})
        best = None
        for (slot_a, ca), ma in a.items():
            for (slot_b, cb), mb in b.items():
                slot = next(s for s in slots if s.name == slot_a)
                if slot_a != slot_b or not slot.conflict(ca, cb) or not shared:
                    continue
                texts = [ma, mb] if masked else [p["a"], p["b"]]
                v = vectors_of_claims([{"text": t, "actors": []} for t in texts], cache, config)
                sim = float(v[0] @ v[1])
                best = sim if best is None else max(best, sim)
        out.append((bool(p["dispute"]), best, p["a"]))
    return out


def prf(scored: list[tuple[bool, float | None, str]], threshold: float) -> tuple[float, float, float]:
    tp = sum(gold and s is not None and s >= threshold for gold, s, _ in scored)
    fp = sum(not gold and s is not None and s >= threshold for gold, s, _ in scored)
    pos = sum(gold for gold, _, _ in scored)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / pos if pos else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print the train pairs decided wrongly")
    parser.add_argument("--write", action="store_true", help="replace the section in docs/quality.md")
    args = parser.parse_args()
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    by_split = {s: [p for p in pairs if split_of(p) == s] for s in ("train", "dev")}
    lines = [SECTION, "", "    .venv/bin/python bench/quality_facts.py --write", ""]
    for masked in (True, False):
        train = candidates(by_split["train"], masked=masked)
        dev = candidates(by_split["dev"], masked=masked)
        grid = [(t, *prf(train, t)) for t in GRID]
        best = max(grid, key=lambda g: (round(g[3], 6), g[0]))
        p, r, f = prf(dev, best[0])
        name = "masked" if masked else "unmasked (for comparison)"
        lines.append(
            f"- {name}: train {len(train)} pairs ({sum(g for g, _, _ in train)} disputes), best threshold "
            f"{best[0]:.3f}: P {best[1]:.3f} R {best[2]:.3f} F1 {best[3]:.3f}; dev {len(dev)} pairs "
            f"({sum(g for g, _, _ in dev)} disputes) at it: P {p:.3f} R {r:.3f} F1 {f:.3f}"
        )
        if args.errors and masked:
            for gold, s, text in train:
                if gold != (s is not None and s >= best[0]):
                    print(f"  gold {gold!s:>5} sim {s if s is None else round(s, 3)}  {text}")
            print("  grid:", ", ".join(f"{t:.3f}:{f1:.2f}" for t, _, _, f1 in grid))
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section(REPO / "docs" / "quality.md", SECTION, text, "# Quality")


if __name__ == "__main__":
    main()
