"""Cleaning on real pages: the article-extraction benchmark's shingle F1 for claimgraph and trafilatura.

    .venv/bin/python bench/quality_cleaning.py [--shared PATH] [--pages]

Each of the 91 pages of ``../shared/datasets/article_extraction/`` is read three ways in one run:
claimgraph (the HTML reader, ``claimgraph.ingest.read_paths``, then the clean stage,
``claimgraph.clean.clean_document`` with the packaged rules: the clean text), trafilatura alone
(``trafilatura.extract`` with its default settings) and trafilatura in precision mode
(``favor_precision=True``). The metric and the train/dev split are ``claimgraph_eval.extraction``
(the benchmark's evaluate.py: 4-gram shingles of ``\\w+`` tokens, per-page normalised, precision
and recall averaged over pages). Dev is the headline; debris rules are learned from train pages only.
``--pages`` also lists each page's F1 for every system.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from claimgraph.clean import clean_document, load_rules  # noqa: E402
from claimgraph.errors import InputError  # noqa: E402
from claimgraph.ingest import read_paths  # noqa: E402
from claimgraph_eval.extraction import Page, load_pages, score, split_of  # noqa: E402

SYSTEMS = ("claimgraph", "trafilatura", "trafilatura precision")


def claimgraph_text(page: Page, rules) -> str:
    item = next(iter(read_paths([str(page.html_path)])), None)
    if item is None or isinstance(item, InputError):
        return ""
    return clean_document(item, rules).clean_text


def trafilatura_text(page: Page, **settings) -> str:
    html = page.html_path.read_text(encoding="utf-8", errors="replace")
    return trafilatura.extract(html, **settings) or ""


def predictions(pages: list[Page]) -> dict[str, list[str]]:
    rules = load_rules()
    return {
        "claimgraph": [claimgraph_text(p, rules) for p in pages],
        "trafilatura": [trafilatura_text(p) for p in pages],
        "trafilatura precision": [trafilatura_text(p, favor_precision=True) for p in pages],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Cleaning quality on the article-extraction benchmark pages")
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared folder (default: ../shared beside the repo)",
    )
    ap.add_argument("--pages", action="store_true", help="also print each page's F1 per system")
    args = ap.parse_args(argv)
    folder = args.shared / "datasets" / "article_extraction"
    if not (folder / "ground-truth.json").is_file():
        print(f"error: {folder} not found: pass --shared PATH pointing at the shared folder", file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)  # trafilatura logs every page it finds odd
    pages = load_pages(folder)
    started = time.monotonic()
    predicted = predictions(pages)
    elapsed = time.monotonic() - started
    splits = {
        "dev": [i for i, p in enumerate(pages) if split_of(p.key) == "dev"],
        "train": [i for i, p in enumerate(pages) if split_of(p.key) == "train"],
    }
    print(
        f"article_extraction: {len(pages)} pages, dev {len(splits['dev'])} / train {len(splits['train'])} "
        f"({elapsed:.0f} s for the three systems)"
    )
    splits["all"] = list(range(len(pages)))
    print(
        f"{'system':<24}{'dev P':>8}{'dev R':>8}{'dev F1':>8}{'train P':>9}{'train R':>9}{'train F1':>9}{'all F1':>8}"
    )
    for system in SYSTEMS:
        row = []
        for split in ("dev", "train", "all"):
            s = score([(pages[i].body, predicted[system][i]) for i in splits[split]])
            row += [s.precision, s.recall, s.f1] if split != "all" else [s.f1]
        print(f"{system:<24}" + "".join(f"{v:{8 if k < 3 or k == 6 else 9}.3f}" for k, v in enumerate(row)))
    if args.pages:
        print(f"\n{'page':<14}{'split':<7}" + "".join(f"{s[:12]:>14}" for s in SYSTEMS))
        for i, page in enumerate(pages):
            f1s = [score([(page.body, predicted[s][i])]).f1 for s in SYSTEMS]
            print(f"{page.key[:12]:<14}{split_of(page.key):<7}" + "".join(f"{f:14.3f}" for f in f1s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
