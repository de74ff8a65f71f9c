"""Disputed facts: do two claims giving exclusive values of one slot meet, and only those? (issue 16.2-3)

    .venv/bin/python bench/quality_facts.py [--errors] [--write]

bench/data/fact_pairs.yaml (synthetic, project-written; split rule in its header: sha1 of the pair's
texts % 3 == 0 is dev): pairs of claims by two sources, a dispute when they give values of one slot
of data/models/fact_slots.yaml that cannot both be true of one person in one proposition, hard
negatives otherwise (same value, compatible values, another person, another proposition). Each
sentence goes through the pipeline (fast mode) as a one-sentence document; its longest claim is read
as ``link.disputes.facts`` reads a stored claim (``claim_values``: the slot values, said of the name
nearest them with at most N words between, not the speaker's, not a place's; a life status beside a
count is the count's). A pair is found when the two give values of one slot that cannot both be true,
said of one name, and the combined similarity of the two claims with the value words masked (the
propositions' claim vectors, fast mode) reaches the threshold. Reported: the holder distance N and the
threshold chosen on train (best F1; ties: the smaller N, the higher threshold), precision, recall and
F1 there and on dev; the same without masking beside it. The chosen values are ``fact_holder_words``
and ``fact_similarity`` in data/models/disputes.yaml.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import replace
from pathlib import Path

import yaml
from docs_section import write_section

from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.denials import stance
from claimgraph.link.disputes.facts import claim_values, load_slots
from claimgraph.link.embeddings import Embedder, EmbeddingCache
from claimgraph.link.propositions import load_config as load_proposition_config
from claimgraph.link.propositions import vectors_of_claims

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "bench" / "data" / "fact_pairs.yaml"
SECTION = "## Disputed facts (synthetic pairs)"
GRID = [round(0.30 + 0.025 * i, 3) for i in range(25)]
WORDS = [1, 2, 3, 4, 5, 6]
NOTE = [
    "The pairs were written (engineer facts, 2026-12-06) before any dev output of the fact comparison was seen. "
    "Train F1 by the holder distance (best threshold each), 1..6 words: 0.67, 0.78, 0.81, 0.90, 0.93, 0.93. "
    "A first version took a value's subject to be any name or linked actor both claims hold (no holder, no "
    "negation, sentences read without the pipeline): train F1 0.870 at 0.475, and on the real disputes dev set "
    "(bench/quality_disputes.py) it listed 5 fact disputes, all false (a value said of someone else: the wife "
    "detained, not the leader named). With the holder (this version) the dev set lists 3: Baghdadi's wife against "
    "the sister of another man (true: the labelled fnc-baghdadi-wife question, rank 12), 'has not been killed' "
    "against a photo of his 'slain body' (the dispute is real, the photo claim a debunking), and a false one "
    "(a woman's son against the same woman as another man's sister: a tie between two people is read as said "
    "of one name). Recall and top-10 precision there: 0.302 / 0.600 before and after (docs/quality.md, Disputes). "
    "With the holder, masking the value words changes nothing on these pairs (same F1 unmasked).",
    "",
    "2026-12-06, engineer dvalues: 28 rejection pairs added (written before any dev output of the new reading; "
    "17 disputes: an assertion against 'denied that X was killed', 'dismissed reports of X's death', 'rejected "
    "claims that the woman is X's wife'; 11 hard negatives: a rejected act, 'denied killing X', two rejections of "
    "one value, a rejection and a compatible value, a rejection about another person or matter), split by the "
    "same sha1 rule (19 train, 9 dev), and 18 pairs of a new slot, responsibility (12 disputes: 'X carried out "
    "the attack' against X's 'denied carrying out' / 'denied responsibility for'; 6 hard negatives: another "
    "attack, another group, one account twice, two rejections, a rejection of something else; 12 train, 6 dev). "
    "A rejection now names the value it rejects over the parse (link/disputes/rejections.py). On all 105 pairs, "
    "before (rejections gave no value, no responsibility slot): train F1 0.623 at 0.575, dev 0.563; after: the "
    "figures above (threshold re-chosen on train, 0.575 -> 0.525). On the first 87 (before the responsibility "
    "pairs): 0.717 / 0.643 -> 0.906 / 0.882. Misses left on train: claims the claims stage reads without the "
    "rejection (status asserted), a value no one is named beside, a count read as a toll ('M23').",
    "",  # a blank line before the next section
]


def split_of(pair: dict) -> str:
    return "dev" if int(hashlib.sha1(f"{pair['a']}\n{pair['b']}".encode()).hexdigest(), 16) % 3 == 0 else "train"


def claims_of(texts: list[str]) -> dict[str, dict]:
    """Each text's claim as the pipeline (fast mode) reads it, as ``store.disputes`` rows give it: the
    longest claim, its speaker's span, status, polarity and quantities; the text alone (asserted,
    positive) where the pipeline finds no claim."""
    from quality_status import english_document

    from claimgraph.ingest.text import text_document
    from claimgraph.model import Source
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings

    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}))
    config = load_config()
    out = {}
    for text in texts:
        doc = english_document(pipe, text_document(text, Source("facts.txt", "txt")))
        best = max(doc.claims, key=lambda c: c.end - c.start, default=None)
        row = {"text": text, "start": 0, "status": "asserted", "polarity": "positive", "quantities": []}
        if best is not None:
            row = {
                "text": best.text,
                "start": best.start,
                "speaker_start": best.speaker_start,
                "speaker_end": best.speaker_end,
                "cue": best.cue,
                "status": best.status,
                "polarity": best.polarity,
                "quantities": [q.text for q in best.quantities or []],
            }
        row["stance"] = stance(row, config)
        out[text] = row
    return out


def candidates(
    pairs: list[dict], claims: dict[str, dict], words: int, *, masked: bool = True
) -> list[tuple[bool, float | None, str]]:
    """Per pair: (labelled a dispute, the similarity where the two give values of one slot that cannot
    both be true, said of one name with at most ``words`` words between (else None), a's text)."""
    slots = load_slots()
    config = replace(load_config(), fact_holder_words=words)
    cache = EmbeddingCache(Embedder("fast"))
    weights = load_proposition_config()
    out = []
    for p in pairs:
        a, b = claims[p["a"]], claims[p["b"]]
        best = None
        for slot, va, ma, ha in claim_values(a, slots, config):
            for slot_b, vb, mb, hb in claim_values(b, slots, config):
                if slot.name != slot_b.name or not slot.conflict(va, vb) or not ha[1] & hb[1]:
                    continue
                texts = [ma, mb] if masked else [a["text"], b["text"]]
                v = vectors_of_claims([{"text": t, "actors": []} for t in texts], cache, weights)
                sim = float(v[0] @ v[1])
                best = sim if best is None else max(best, sim)
        out.append((bool(p["dispute"]), best, p["a"]))
    return out


def prf(scored: list[tuple], threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of (gold, score, ...) rows called positive at ``threshold`` (no score: negative)."""
    tp = sum(gold and s is not None and s >= threshold for gold, s, *_ in scored)
    fp = sum(not gold and s is not None and s >= threshold for gold, s, *_ in scored)
    pos = sum(gold for gold, *_ in scored)
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
    claims = claims_of(sorted({p[k] for p in pairs for k in ("a", "b")}))
    lines = [SECTION, "", "    .venv/bin/python bench/quality_facts.py --write", ""]
    for masked in (True, False):
        grid = []
        for words in WORDS:
            train = candidates(by_split["train"], claims, words, masked=masked)
            grid += [(words, t, *prf(train, t)) for t in GRID]
        words, threshold, *best = max(grid, key=lambda g: (round(g[4], 6), -g[0], g[1]))
        train = candidates(by_split["train"], claims, words, masked=masked)
        dev = candidates(by_split["dev"], claims, words, masked=masked)
        p, r, f = prf(dev, threshold)
        name = "masked" if masked else "unmasked (for comparison)"
        lines.append(
            f"- {name}: train {len(train)} pairs ({sum(g for g, _, _ in train)} disputes), chosen holder words "
            f"{words}, threshold {threshold:.3f}: P {best[0]:.3f} R {best[1]:.3f} F1 {best[2]:.3f}; dev {len(dev)} "
            f"pairs ({sum(g for g, _, _ in dev)} disputes) at them: P {p:.3f} R {r:.3f} F1 {f:.3f}"
        )
        if args.errors and masked:
            for gold, s, text in train:
                if gold != (s is not None and s >= threshold):
                    print(f"  gold {gold!s:>5} sim {s if s is None else round(s, 3)}  {text}")
            by_words = ", ".join(f"{w}: {max(g[4] for g in grid if g[0] == w):.2f}" for w in WORDS)
            print("  train F1 by holder words (best threshold):", by_words)
    lines += ["", *NOTE]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section(REPO / "docs" / "quality.md", SECTION, text, "# Quality")


if __name__ == "__main__":
    main()
