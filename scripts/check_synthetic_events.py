"""Check the hand-written synthetic event corpus (data/synthetic/events/*.txt) before committing.

Format and split rule: see data/synthetic/events/README.md. Reports every malformed line (file:line and
reason), duplicate lines within and across files, and counts per type, style and split. Exit status 1
when any line is malformed or duplicated, or a type has fewer lines or styles than the corpus requires.

    python scripts/check_synthetic_events.py [FILE ...]      # default: every .txt in data/synthetic/events
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "synthetic" / "events"
STYLES = ("wire", "local", "statement", "headline", "post", "lead", "feature")
ROLES = {"TRIG", "A1", "A2", "VIC", "PLACE", "TIME", "INST"}
MIN_LINES, MIN_NONE, MIN_STYLE = 150, 300, 15
SPAN = re.compile(r"\{([A-Z0-9]+) ([^{}|]+)\}")


def split_of(line: str) -> str:
    """The corpus split rule: DEV when the sha1 of the stripped line, first 8 hex digits, is 0 mod 5."""
    return "dev" if int(hashlib.sha1(line.strip().encode()).hexdigest()[:8], 16) % 5 == 0 else "train"


def line_errors(line: str, is_none: bool) -> list[str]:
    """Reasons this example line is malformed (empty when it is well formed)."""
    if " | " not in line:
        return ["no 'STYLE | text' separator"]
    style, text = line.split(" | ", 1)
    errors = [] if style in STYLES else [f"unknown style {style!r}"]
    if "|" in text:
        errors.append("'|' inside the text")
    if is_none:
        if "{" in text or "}" in text:
            errors.append("markup in a NONE line")
        return errors
    spans = SPAN.findall(text)
    rest = SPAN.sub("", text)
    if "{" in rest or "}" in rest:
        errors.append("unbalanced, nested or empty brace span")
    errors += [f"unknown role {role}" for role, _ in spans if role not in ROLES]
    errors += [f"span {body!r} has outer spaces" for _, body in spans if body != body.strip()]
    errors += [f"span {body!r} has no word in it" for _, body in spans if not any(c.isalnum() for c in body)]
    if text.rstrip().endswith(("—", "-", ",")):
        errors.append("text breaks off at the end")
    trigs = sum(role == "TRIG" for role, _ in spans)
    if trigs != 1:
        errors.append(f"{trigs} TRIG spans (need exactly one)")
    return errors


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(CORPUS.glob("*.txt"))
    seen: dict[str, str] = {}
    bad = 0
    print(f"{'type':32} {'lines':>5} {'train':>5} {'dev':>4}  " + " ".join(f"{s[:5]:>5}" for s in STYLES))
    for path in files:
        kind = path.stem
        styles: Counter[str] = Counter()
        splits: Counter[str] = Counter()
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            where = f"{path.name}:{number}"
            for reason in line_errors(line, kind == "NONE"):
                print(f"{where}: {reason}")
                bad += 1
            text = line.split(" | ", 1)[-1]
            plain = SPAN.sub(lambda m: m.group(2), text).lower()
            if plain in seen:
                print(f"{where}: duplicate of {seen[plain]}")
                bad += 1
            seen.setdefault(plain, where)
            styles[line.split(" | ", 1)[0]] += 1
            splits[split_of(line)] += 1
        total = sum(splits.values())
        print(
            f"{kind:32} {total:>5} {splits['train']:>5} {splits['dev']:>4}  "
            + " ".join(f"{styles[s]:>5}" for s in STYLES)
        )
        need = MIN_NONE if kind == "NONE" else MIN_LINES
        if total < need:
            print(f"{path.name}: {total} lines, need {need}")
            bad += 1
        thin = [s for s in STYLES if styles[s] < MIN_STYLE]
        if thin:
            print(f"{path.name}: fewer than {MIN_STYLE} lines in style(s) {', '.join(thin)}")
            bad += 1
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
