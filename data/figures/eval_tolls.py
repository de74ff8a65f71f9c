"""Score the figure reader on the project-written toll-victim sentences (toll_victims.jsonl, synthetic):
a sentence is right when its killed/injured readings (measure, low, high, group, subset) are exactly
the gold ones. Develop on train; dev is read once per idea.

Usage: PYTHONPATH=src python data/figures/eval_tolls.py train|dev [-v] [--file PATH]
(--file: another set of the same form, e.g. tests/fixtures/figures/toll_reports.jsonl: reported tolls)
"""

import json
import sys
from pathlib import Path

from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import SentenceReader

PATH = Path(__file__).with_name("toll_victims.jsonl")


def _n(x: float | None) -> int | None:
    return None if x is None else int(x)


def readings(text: str, lex: FigureLexicon) -> list[list]:
    out = []
    for r in SentenceReader(text, lex, []).read(0, len(text)):
        if r.measure in ("killed", "injured"):
            out.append([r.measure, _n(r.low), _n(r.high), r.group, r.subset])
    return out


def main(split: str, verbose: bool, path: Path = PATH) -> None:
    lex = FigureLexicon.load()
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r["split"] == split]
    right = 0
    for r in rows:
        got = readings(r["text"], lex)
        ok = sorted(map(str, got)) == sorted(map(str, r["tolls"]))
        right += ok
        if verbose and not ok:
            print(f"{r['text']}\n   gold {r['tolls']}\n   got  {got}")
    print(f"{split}: {right}/{len(rows)} sentences exactly right")


if __name__ == "__main__":
    at = sys.argv.index("--file") + 1 if "--file" in sys.argv else None
    main(sys.argv[1], "-v" in sys.argv, Path(sys.argv[at]) if at else PATH)
