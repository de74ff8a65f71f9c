"""What the data-building scripts share: write a generated file, or check the committed one is current."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def write_or_check(out: Path, render: Callable[[], str], describe: Callable[[str], str], doc: str) -> int:
    """``--check``: exit 1 when ``out`` differs from what ``render()`` makes (tests and CI use it);
    otherwise write it and print ``describe(text)``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = parser.parse_args()
    return check_or_write(out, render, describe, check=args.check)


def check_or_write(out: Path, render: Callable[[], str], describe: Callable[[str], str], check: bool) -> int:
    """``check``: 1 when ``out`` differs from what ``render()`` makes; else write it (0)."""
    text = render()
    if check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print(f"{out}: {'up to date' if same else 'differs from what the script generates'}")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({describe(text)})")
    return 0
