"""The article-extraction benchmark (``../shared/datasets/article_extraction/``): pages, split and metric.

The metric reproduces the benchmark's ``evaluate.py`` (scrapinghub/article-extraction-benchmark):
tokens are ``\\w+`` matches (case kept, no other normalisation); shingles are the token 4-grams
counted as a multiset (a text shorter than 4 tokens is one shorter shingle, an empty text none);
per page tp/fp/fn are the multiset overlap and excesses, divided by their sum so that every page
weighs the same; precision is averaged over the pages with tp + fp > 0, recall over those with
tp + fn > 0 (a page with fp = fn = 0 scores 1, one with tp = 0 scores 0), and F1 is the harmonic
mean of the two averages (not the mean of per-page F1s).

The split is ours (the benchmark has none): a page is in dev when the first 8 bytes of the SHA-1 of
its key, read as a big-endian number, modulo 100 are below 40 -- 34 of the 91 pages (57 train), the
same on every machine and independent of the page's content. Debris is learned from train pages only; dev is measured.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

NGRAM = 4
DEV_PERCENT = 40
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Page:
    key: str
    html_path: Path
    body: str  # the ground-truth article body
    url: str


def load_pages(folder: Path) -> list[Page]:
    """Every page of the benchmark folder, in key order."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(key, folder / "html" / f"{key}.html", item.get("articleBody") or "", item.get("url") or "")
        for key, item in sorted(truth.items())
    ]


def split_of(key: str) -> str:
    """ "train" or "dev" for a page key (see the module docstring)."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return "dev" if int.from_bytes(digest[:8], "big") % 100 < DEV_PERCENT else "train"


def shingles(text: str, n: int = NGRAM) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(g for i in range(max(1, len(tokens) - n + 1)) if (g := tuple(tokens[i : i + n])))


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 (all 0 when both texts are empty)."""
    want, got = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for key in want.keys() | got.keys():
        a, b = want.get(key, 0), got.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    pages: int


def score(pairs: list[tuple[str, str]]) -> Score:
    """The benchmark's figures for (ground truth, prediction) pairs, one pair a page."""
    counts = [page_counts(true, pred) for true, pred in pairs]
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, len(pairs))
