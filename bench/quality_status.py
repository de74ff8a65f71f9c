"""Epistemic status of claims (issue 15.2) on the project-written status set.

    .venv/bin/python bench/quality_status.py [--split dev] [--mode fast] [--errors]

Each sentence of ``tests/fixtures/claims/status_sentences.tsv`` (synthetic; split by sha1 % 3, see
``claimgraph_eval.status_set``) runs through the whole pipeline as a one-sentence document; the claim
whose speaker is the gold speaker (else the last attributed claim) is compared with the gold status.
The language stage's guess is replaced by English (one sentence is too short to identify).
Prints accuracy, speaker agreement, per-status recall and the confusion counts.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.ingest.text import text_document  # noqa: E402
from claimgraph.model import Source  # noqa: E402
from claimgraph.pipeline import Pipeline  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402
from claimgraph_eval.status_set import STATUSES, gold_claim, load_status_set  # noqa: E402

STATUS_SET = REPO / "tests" / "fixtures" / "claims" / "status_sentences.tsv"


def english_document(pipe: Pipeline, doc):
    """The pipeline's components in order, the document's language set to English after the language
    stage: the set is English, and one sentence is too short a text to identify (py3langid takes some
    for Nigerian Pidgin or Tagalog, whose documents get no claims), which is not what is measured here."""
    for spec, component in pipe.components:
        doc = component(doc)
        if spec.name == "language" and doc.language != "en":
            doc = doc.replace(language="en")
    return doc


def status_quality(split: str, mode: str, show_errors: bool) -> float:
    lines = [x for x in load_status_set(STATUS_SET) if x.split == split]
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": mode}))
    confusion: Counter[tuple[str, str]] = Counter()
    speaker_ok = 0
    for x in lines:
        doc = english_document(pipe, text_document(x.sentence, Source("status.txt", "txt")))
        c = gold_claim(doc.claims, x.speaker)
        predicted = c.status if c is not None else "none"
        confusion[(x.status, predicted)] += 1
        said = None if c is None else ("author" if c.speaker_kind == "author" else c.speaker_text or "")
        speaker_ok += said is not None and said.lower() == x.speaker.lower()
        if show_errors and predicted != x.status:
            print(f"  {x.status:>12} -> {predicted:<12} {x.sentence}")
    correct = sum(n for (g, p), n in confusion.items() if g == p)
    accuracy = correct / len(lines)
    print(
        f"Status set {split} ({mode} mode): {len(lines)} sentences, accuracy {accuracy:.3f} ({correct}/{len(lines)}), "
        f"speaker words {speaker_ok}/{len(lines)}"
    )
    for status in STATUSES:
        gold = sum(n for (g, _), n in confusion.items() if g == status)
        got = confusion[(status, status)]
        wrong = ", ".join(f"{p} {n}" for (g, p), n in sorted(confusion.items()) if g == status and p != status)
        print(f"  {status:<13}{got:>3}/{gold:<3}" + (f"  (as {wrong})" if wrong else ""))
    return accuracy


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Epistemic status accuracy on the project-written status set")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--mode", default="fast", choices=["fast", "accurate"])
    ap.add_argument("--errors", action="store_true", help="list the sentences whose status is wrong")
    args = ap.parse_args(argv)
    status_quality(args.split, args.mode, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
