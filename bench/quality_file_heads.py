"""Header metadata of saved text and Markdown files: fields read right on the synthetic file heads.

    PYTHONPATH=src .venv/bin/python bench/quality_file_heads.py [--split train|dev|all] [--misses]

Three fixture sets, each with its recorded split (sha1 of the case id): session 10's
``tests/fixtures/ingest/file_heads.yaml`` (30 heads), session 11's
``tests/fixtures/clean/header_block_heads.yaml`` (46 heads: organisation lines with lowercase words,
outlet lines with a dash, bylines with a role, a title over a date line, counter-examples) and
``tests/fixtures/clean/header_block_heads3.yaml`` (30 heads: armed groups' statements, document-kind
lines, numeric dates, section labels in capitals, "Outlet — Town desk, date") and session 15's
``tests/fixtures/ingest/outlet_heads.yaml`` (36 heads: place lines under a statement's title, issuers
named only in the text, dates only in the title, headline/post tags and transcript turn markers;
split sha1 even/odd). Each head is
written to a file, read (``read_paths``) and cleaned (``clean_document``); the table counts, per set and
split, the heads whose title / site / author / date equal the gold, the heads with all four right, and
the heads whose header leaks into the clean text (a gold site or author line kept as a paragraph, or the
date line kept) -- the text later stages would read as claims and events -- and, for the heads
with a gold ``body``, those whose first body paragraph begins as it should (no tag, turn marker or
place line before it; "-" for sets without that gold).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.clean import clean_document, load_rules  # noqa: E402
from claimgraph.ingest import read_paths  # noqa: E402
from claimgraph.ingest.options import ReaderOptions  # noqa: E402

SETS = {
    "file_heads (s10)": REPO / "tests/fixtures/ingest/file_heads.yaml",
    "header_block_heads (s11)": REPO / "tests/fixtures/clean/header_block_heads.yaml",
    "header_block_heads3 (s11)": REPO / "tests/fixtures/clean/header_block_heads3.yaml",
    "outlet_heads (s15)": REPO / "tests/fixtures/ingest/outlet_heads.yaml",
}
FIELDS = ("title", "site", "author", "date")


def split_of(case: dict) -> str:
    return case.get("split") or ("dev" if int(hashlib.sha1(case["id"].encode()).hexdigest(), 16) % 3 == 0 else "train")


def read(case: dict, rules, folder: Path):
    path = folder / f"{case['id']}.{case['fmt']}"
    path.write_text(case["text"], encoding="utf-8")
    (doc,) = list(read_paths([str(path)], ReaderOptions()))
    return clean_document(doc, rules)


def leaks(case: dict, doc) -> bool:
    """A header line the gold reads as metadata still opens a paragraph of the clean text."""
    lines = [line.strip("*_# ") for line in doc.clean_text.split("\n")]
    site, author = case["gold"][1], case["gold"][2]
    for value in (site, author):
        if value and any(line.startswith(value) or line.startswith(f"By {value}") for line in lines):
            return True
    date_lines = [line for line in case["text"].split("\n")[:6] if line.strip() and len(line.split()) <= 5]
    return bool(case["gold"][3]) and any(
        any(ch.isdigit() for ch in line) and line.strip("*_# ") in lines for line in date_lines
    )


def body_right(case: dict, doc) -> bool:
    """The first paragraph of the clean text after the title begins as the gold ``body`` says."""
    paragraphs = [p.strip() for p in doc.clean_text.split("\n\n") if p.strip()]
    body = [p for p in paragraphs if p != (doc.meta.title or "")]
    return bool(body) and body[0].startswith(case["body"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("train", "dev", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list each wrong head with what was read")
    args = parser.parse_args()
    rules = load_rules()
    print("| set | split | heads | title | site | author | date | all four | header leaks | body right |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in SETS.items():
            cases = yaml.safe_load(path.read_text("utf-8"))["cases"]
            for split in ("train", "dev"):
                if args.split not in (split, "all"):
                    continue
                chosen = [c for c in cases if split_of(c) == split]
                right = [0] * 4
                whole = leaked = bodies = 0
                for case in chosen:
                    doc = read(case, rules, Path(tmp))
                    got = [doc.meta.title, doc.meta.site, doc.meta.author, doc.meta.date]
                    ok = [g == w for g, w in zip(got, case["gold"])]
                    right = [r + o for r, o in zip(right, ok)]
                    whole += all(ok)
                    leak = leaks(case, doc)
                    leaked += leak
                    body = "body" not in case or body_right(case, doc)
                    bodies += body
                    if args.misses and (not all(ok) or leak or not body):
                        print(f"  MISS {split} {case['id']}: got {got} gold {case['gold']} leak={leak} body={body}")
                cells = " | ".join(str(r) for r in right)
                body_cell = bodies if any("body" in c for c in chosen) else "-"
                print(f"| {name} | {split} | {len(chosen)} | {cells} | {whole} | {leaked} | {body_cell} |")


if __name__ == "__main__":
    main()
