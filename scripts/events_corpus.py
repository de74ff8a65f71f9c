"""The project-written event corpus (data/synthetic/events/<TYPE>.txt): parse, validate, split, count.

    .venv/bin/python scripts/events_corpus.py [--root data/synthetic/events]

Format (the writers' brief): ``STYLE | text with {ROLE span} markup``; ``#`` starts a comment; NONE.txt
lines carry no markup. A line is DEV when int(sha1(line.strip()).hexdigest()[:8], 16) % 5 == 0, else TRAIN:
the rule was fixed before any model saw the data. A bad line raises CorpusError naming file and line.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "synthetic" / "events"
STYLES = frozenset("wire local statement headline post lead feature".split())
ROLES = ("TRIG", "A1", "A2", "VIC", "PLACE", "TIME", "INST")
NONE = "NONE"
_SPAN = re.compile(r"\{(?P<role>[A-Z0-9]+) (?P<text>[^{}|]+?)\}")


class CorpusError(ValueError):
    """A corpus line that does not follow the format."""


@dataclass(frozen=True)
class Example:
    type: str  # the file's type, NONE for negatives
    style: str
    text: str  # the sentence without markup
    spans: tuple[tuple[str, int, int], ...]  # (role, start, end) in ``text``
    dev: bool
    where: str  # "FILE:LINE"

    def role_spans(self, role: str) -> list[tuple[int, int]]:
        return [(s, e) for r, s, e in self.spans if r == role]


def is_dev(line: str) -> bool:
    return int(hashlib.sha1(line.strip().encode()).hexdigest()[:8], 16) % 5 == 0


def parse_line(line: str, type_name: str, where: str) -> Example:
    if "|" not in line:
        raise CorpusError(f"{where}: expected 'STYLE | text'")
    style, marked = (part.strip() for part in line.split("|", 1))
    if style not in STYLES:
        raise CorpusError(f"{where}: unknown style {style!r}")
    text, spans, pos = [], [], 0
    length = 0
    for m in _SPAN.finditer(marked):
        before = marked[pos : m.start()]
        text.append(before)
        length += len(before)
        role = m.group("role")
        if role not in ROLES:
            raise CorpusError(f"{where}: unknown role {role!r}")
        spans.append((role, length, length + len(m.group("text"))))
        text.append(m.group("text"))
        length += len(m.group("text"))
        pos = m.end()
    text.append(marked[pos:])
    plain = "".join(text)
    if "{" in plain or "}" in plain:
        raise CorpusError(f"{where}: unbalanced or malformed markup")
    triggers = sum(1 for r, _, _ in spans if r == "TRIG")
    if type_name == NONE and spans:
        raise CorpusError(f"{where}: NONE lines carry no markup")
    if type_name != NONE and triggers != 1:
        raise CorpusError(f"{where}: expected one TRIG span, found {triggers}")
    return Example(type_name, style, plain, tuple(spans), is_dev(line), where)


def read_file(path: Path) -> list[Example]:
    out, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#") or line.strip() in seen:
            continue  # a repeated line would count twice in training and in dev
        seen.add(line.strip())
        out.append(parse_line(line, path.stem, f"{path}:{number}"))
    return out


def read_corpus(root: Path = CORPUS, types: frozenset[str] | None = None) -> list[Example]:
    """Every example of ``root``'s <TYPE>.txt files (only ``types`` and NONE where given)."""
    if not root.is_dir():
        raise CorpusError(f"{root}: no such corpus folder")
    out = []
    for path in sorted(root.glob("*.txt")):
        if types is not None and path.stem not in types and path.stem != NONE:
            raise CorpusError(f"{path}: {path.stem} is not an event type")
        out.extend(read_file(path))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=str(CORPUS))
    args = ap.parse_args()
    examples = read_corpus(Path(args.root))
    counts = Counter((e.type, e.dev) for e in examples)
    styles = Counter((e.type, e.style) for e in examples)
    print("| type | train | dev | styles |")
    print("|---|---|---|---|")
    for name in sorted({e.type for e in examples}):
        used = ", ".join(f"{s} {n}" for (t, s), n in sorted(styles.items()) if t == name)
        print(f"| {name} | {counts[(name, False)]} | {counts[(name, True)]} | {used} |")
    print(f"| all | {sum(not e.dev for e in examples)} | {sum(e.dev for e in examples)} | |")


if __name__ == "__main__":
    sys.exit(main())
