"""Is a claim's speaker a source? Speaker spans on bench/data/speaker_spans.yaml (issue 15.3).

    PYTHONPATH=src:bench .venv/bin/python bench/quality_speakers.py [--mode fast|accurate|both] [--errors] [--dev]

The items (synthetic, project-written; split rule in the file's header: sha1 of the text odd = dev) are short
documents, each run through the per-document pipeline (clean, entities, claims; nothing stored) in each mode.
An item is right when the claims of its target sentence agree with its gold speaker: for a gold span, one of
them has a speaker span that contains the gold words (at most 8 words more: an apposition may follow a
name) and, where gold says what it resolves to, a resolved name or actor holding those words; for no
speaker (the document's own voice), none of them has a speaker span. ``--errors`` prints the TRAIN items
that are wrong (develop on train; dev is read once before and once after).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
from pathlib import Path

import yaml

from claimgraph import runner
from claimgraph.settings import Settings

REPO = Path(__file__).resolve().parents[1]
ITEMS = REPO / "bench" / "data" / "speaker_spans.yaml"
_WORD = re.compile(r"[\w'’-]+")
_EXTRA_WORDS = 8


def split_of(item: dict) -> str:
    return "dev" if int(hashlib.sha1(item["text"].encode()).hexdigest(), 16) % 2 == 1 else "train"


def _words(text: str | None) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text or "")]


def _holds(span: str | None, gold: str) -> bool:
    """Whether the speaker span holds the gold words in order, with at most ``_EXTRA_WORDS`` more."""
    got, want = _words(span), _words(gold)
    if not got or len(got) > len(want) + _EXTRA_WORDS:
        return False
    return any(got[i : i + len(want)] == want for i in range(len(got) - len(want) + 1))


def judge(item: dict, doc) -> tuple[bool, list[tuple[str | None, str | None]]]:
    """(right, the (speaker span, resolved name) of each claim of the target sentence)."""
    text = doc.clean_text
    target = item.get("target") or item["text"]
    at = text.find(target)
    if at < 0:  # the cleaner changed the sentence: judge the whole text
        at, target = 0, text
    lo, hi = at, at + len(target)
    claims = [c for c in doc.claims if c.start < hi and c.end > lo]
    # an unattributed claim carries the document's voice (its author or site), no speaker span
    said = [(c.speaker_text, c.speaker_name or c.speaker_actor) for c in claims if c.speaker_kind != "author"]
    gold = item["speaker"]
    if gold is None:
        return not any(s for s, _ in said), said
    want = _words(item.get("resolves"))
    for span, name in said:
        if _holds(span, gold) and (not want or set(want) <= set(_words(name))):
            return True, said
    return False, said


def run_mode(items: list[dict], mode: str) -> list[tuple[bool, list]]:
    with tempfile.TemporaryDirectory(prefix="spkroles-speakers-") as tmp:
        path = Path(tmp) / "items.jsonl"
        rows = []
        for n, item in enumerate(items):
            row = {"id": f"s{n}", "title": f"speakers:{n}", "text": item["text"]}
            row.update({k: item[k] for k in ("site", "author") if item.get(k)})
            rows.append(row)
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        settings = Settings.defaults().with_values({"extract.mode": mode})
        docs = {d.meta.title: d for d in runner.extract([str(path)], settings) if hasattr(d, "claims")}
    return [judge(item, docs[f"speakers:{n}"]) for n, item in enumerate(items)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["fast", "accurate", "both"], default="both")
    parser.add_argument("--errors", action="store_true", help="print the wrong TRAIN items")
    parser.add_argument("--dev", action="store_true", help="also score dev (once before and once after a change)")
    args = parser.parse_args()
    items = yaml.safe_load(ITEMS.read_text(encoding="utf-8"))["items"]
    modes = ["fast", "accurate"] if args.mode == "both" else [args.mode]
    for mode in modes:
        results = run_mode(items, mode)
        for split in ("train", "dev") if args.dev else ("train",):
            mine = [(item, r) for item, r in zip(items, results) if split_of(item) == split]
            right = sum(ok for _, (ok, _) in mine)
            print(f"{mode} {split}: {right}/{len(mine)} = {right / len(mine):.3f} speakers right")
        if args.errors:
            for item, (ok, said) in zip(items, results):
                if not ok and split_of(item) == "train":
                    print(f"  [{mode}] gold {item['speaker']!r} got {said}: {item.get('target') or item['text']}")


if __name__ == "__main__":
    main()
