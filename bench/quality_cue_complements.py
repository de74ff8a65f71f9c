"""Cue complements on the project-written set (tests/fixtures/claims/cue_complements.tsv; issue 15.1/15.3):
an action verb with a place or thing object is no cue, a compound noun ("health post") no noun cue, a
speaker ends before an adverb or a date, a wire lead's content is the clause before "X said on Sunday",
"asked not to be named" is no claim; lines right per split, fast and accurate mode.

    PYTHONPATH=$PWD/src .venv/bin/python bench/quality_cue_complements.py [--split dev] [--errors]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from claimgraph.claims import extract_claims  # noqa: E402
from claimgraph.clean import clean_document, load_rules  # noqa: E402
from claimgraph.model import Metadata, Source, new_document  # noqa: E402
from claimgraph_eval.cue_set import failed_checks, load_cue_set  # noqa: E402

SET = REPO / "tests" / "fixtures" / "claims" / "cue_complements.tsv"


def _learned():
    from claimgraph.claims.attribution_model import AttributionModel, LearnedAttribution
    from claimgraph.events.parse import SentenceParses, load_parser

    return LearnedAttribution(AttributionModel.load(), SentenceParses(load_parser()))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Cue complements on the project-written set")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--errors", action="store_true", help="print each wrong line and its failed checks")
    args = ap.parse_args(argv)
    rules = load_rules()
    lines = [line for line in load_cue_set(SET) if line.split == args.split]
    for mode, attribution in (("fast", None), ("accurate", _learned())):
        right = 0
        for line in lines:
            doc = new_document(Source("cue.txt", "txt"), line.sentence, Metadata())
            claims = extract_claims(clean_document(doc, rules).replace(language="en"), attribution=attribution).claims
            failed = failed_checks(line, claims)
            right += not failed
            if failed and args.errors:
                print(f"  {mode} [{line.construction}] {line.sentence}\n      failed: {', '.join(failed)}")
        print(f"{mode}: {args.split} {right}/{len(lines)} lines right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
