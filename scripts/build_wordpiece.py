"""Build src/claimgraph/data/models/minilm_static/normalizer.json: what the fast embeddings' tokenizer
does to each character, so claimgraph.link.wordpiece can tokenize without the `tokenizers` package.

    .venv/bin/python scripts/build_wordpiece.py          # rewrite normalizer.json
    .venv/bin/python scripts/build_wordpiece.py --check  # exit 1 if the committed file differs

Needs tokenizers (the `test` extra installs it). The tokenizer (tokenizer.json: BertNormalizer with
lowercasing and accent stripping, BertPreTokenizer, WordPiece) works character by character before
the word-piece step, so its behaviour is fully described by running it on every code point: which
characters it deletes (control, format, private use), which it surrounds with spaces (CJK
ideographs), what it turns the others into (lowercase, accents stripped, whitespace to a space),
and which it splits off as punctuation. Taking that from tokenizers itself, rather than from
Python's unicodedata, keeps the Unicode version of its tables.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
from pathlib import Path

from generated_file import write_or_check  # scripts/ is sys.path[0]

MODEL = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "models" / "minilm_static"
OUT = MODEL / "normalizer.json"
SURROGATES = range(0xD800, 0xE000)


def _ranges(code_points: list[int]) -> list[list[int]]:
    """[[first, last], ...] of the runs of consecutive code points."""
    runs: list[list[int]] = []
    for cp in code_points:
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return runs


def render() -> str:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(MODEL / "tokenizer.json"))
    normalizer, pre_tokenizer = tokenizer.normalizer, tokenizer.pre_tokenizer
    deleted, padded, punctuation, whitespace, mapped = [], [], [], [], {}
    for cp in range(0x110000):
        if cp in SURROGATES:
            continue
        char = chr(cp)
        out = normalizer.normalize_str(char)
        if out == "":
            deleted.append(cp)
        elif out == f" {char} ":
            padded.append(cp)
        elif out != char:
            mapped[str(cp)] = out
        pieces = len(pre_tokenizer.pre_tokenize_str(f"a{char}a"))
        if pieces == 3:
            punctuation.append(cp)
        elif pieces == 2:
            whitespace.append(cp)
    table = {
        "source": f"tokenizers {importlib.metadata.version('tokenizers')} running tokenizer.json's normalizer and "
        "pre-tokenizer on every code point (scripts/build_wordpiece.py)",
        "deleted": _ranges(deleted),
        "padded": _ranges(padded),
        "punctuation": _ranges(punctuation),
        "whitespace": _ranges(whitespace),
        "mapped": mapped,
    }
    return json.dumps(table, ensure_ascii=True, separators=(",", ":")) + "\n"


def main() -> int:
    return write_or_check(OUT, render, lambda text: f"{len(text) / 1e3:.0f} KB", __doc__)


if __name__ == "__main__":
    sys.exit(main())
