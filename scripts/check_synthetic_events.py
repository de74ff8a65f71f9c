"""Check the hand-written synthetic event corpus (data/synthetic/events/*.txt) before committing.

Format and split rule: see data/synthetic/events/README.md. Reports every malformed line (file:line and
reason), duplicate lines within and across files, train/dev paraphrase pairs, and counts per type, style
and split. Exit status 1 when any line is malformed or duplicated, a train line paraphrases a dev line,
or a type has fewer lines or styles than the corpus requires.

    python scripts/check_synthetic_events.py [FILE ...]      # default: every .txt in data/synthetic/events
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from events_corpus import is_dev  # the split rule, in one place (scripts/ is on the path when run)

CORPUS = Path(__file__).resolve().parent.parent / "data" / "synthetic" / "events"
STYLES = ("wire", "local", "statement", "headline", "post", "lead", "feature")
ROLES = {"TRIG", "A1", "A2", "VIC", "PLACE", "TIME", "INST"}
MIN_LINES, MIN_NONE, MIN_STYLE = 150, 300, 15
SPAN = re.compile(r"\{([A-Z0-9]+) ([^{}|]+)\}")
LEAK = 0.5  # word-set Jaccard above which two lines of one type are paraphrases


def split_of(line: str) -> str:
    return "dev" if is_dev(line) else "train"


def leaks(lines: list[str]) -> list[str]:
    """Pairs of one type's lines on both sides of the split that share most words: a paraphrase in
    train of a dev line inflates the dev figure."""
    marked = [(split_of(ln), set(re.findall(r"[a-z0-9']+", SPAN.sub(r"\2", ln).lower()))) for ln in lines]
    found = []
    for i, (side_a, words_a) in enumerate(marked):
        for j in range(i + 1, len(marked)):
            side_b, words_b = marked[j]
            if side_a != side_b and len(words_a & words_b) / len(words_a | words_b) >= LEAK:
                found.append(f"{lines[i].split('|', 1)[1][:50].strip()!r} ~ {lines[j].split('|', 1)[1][:50].strip()!r}")
    return found


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
        examples: list[str] = []
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
            examples.append(line)
        for near in leaks(examples):
            print(f"{path.name}: train/dev near-duplicates (word Jaccard >= {LEAK}): {near}")
            bad += 1
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
