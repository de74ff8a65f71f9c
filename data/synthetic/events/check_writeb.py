"""Check (never fix) the synthetic event corpus files: format, roles, styles, duplicates, counts.

Usage: python data/synthetic/events/check_writeb.py [TYPE ...]   (default: every <TYPE>.txt here)
Exit status 1 when any line is malformed or a type misses its minimums; the split rule is the one in
/work/ref/EVENTS_CORPUS.md (DEV when sha1(line)[:8] % 5 == 0).
"""

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
STYLES = {"wire", "local", "statement", "headline", "post", "lead", "feature"}
ROLES = {"TRIG", "A1", "A2", "VIC", "PLACE", "TIME", "INST"}
MIN_LINES, MIN_PER_STYLE, MIN_NONE = 150, 15, 300
LEAK = 0.5  # word-set Jaccard above which two lines of one type are paraphrases
SPAN = re.compile(r"\{([A-Z0-9]+) ([^{}|]+)\}")
# Afghanistan share is capped at ~10% per type: a rough place/actor-name check.
AFGHAN = re.compile(r"Afghan|Kabul|Kandahar|Helmand|Taliban|Kunduz|Nangarhar|Herat|Jalalabad|Ghazni", re.I)


def split_of(line: str) -> str:
    return "dev" if int(hashlib.sha1(line.strip().encode()).hexdigest()[:8], 16) % 5 == 0 else "train"


def check_line(line: str, is_none: bool) -> list[str]:
    if "|" not in line:
        return ["no 'STYLE |' prefix"]
    style, text = (part.strip() for part in line.split("|", 1))
    problems = [] if style in STYLES else [f"unknown style {style!r}"]
    if "|" in text:
        problems.append("'|' inside the text")
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth not in (0, 1):
            problems.append("unbalanced or nested braces")
            break
    if depth != 0 and "unbalanced or nested braces" not in problems:
        problems.append("unbalanced or nested braces")
    spans = SPAN.findall(text)
    if is_none:
        if "{" in text or "}" in text:
            problems.append("markup in NONE line")
        return problems
    if text.count("{") != len(spans):
        problems.append("malformed span (want '{ROLE text}')")
    roles = Counter(role for role, _ in spans)
    problems += [f"unknown role {role}" for role in roles if role not in ROLES]
    if roles["TRIG"] != 1:
        problems.append(f"{roles['TRIG']} TRIG spans (want 1)")
    problems += [f"span with outer whitespace: {s!r}" for _, s in spans if s != s.strip()]
    return problems


def leaks(lines: list[str]) -> list[str]:
    """Pairs of one type's lines that fall on both sides of the split yet share most words: a paraphrase in
    train of a dev line inflates the dev figure."""
    marked = [
        (split_of(ln), set(re.findall(r"[a-z0-9']+", re.sub(r"\{[A-Z0-9]+ |\}", "", ln).lower()))) for ln in lines
    ]
    found = []
    for i, (side_a, words_a) in enumerate(marked):
        for j in range(i + 1, len(marked)):
            side_b, words_b = marked[j]
            if side_a != side_b and len(words_a & words_b) / len(words_a | words_b) >= LEAK:
                found.append(f"{lines[i].split('|', 1)[1][:50].strip()!r} ~ {lines[j].split('|', 1)[1][:50].strip()!r}")
    return found


def main(argv: list[str]) -> int:
    paths = [HERE / f"{t}.txt" for t in argv] if argv else sorted(HERE.glob("*.txt"))
    seen: dict[str, str] = {}
    failed = False
    for path in sorted(HERE.glob("*.txt")):  # duplicates are checked against every file here
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                key = re.sub(r"\{[A-Z0-9]+ |\}", "", line.split("|", 1)[-1]).strip().lower()
                if key in seen and seen[key] != path.name:
                    print(f"{path.name}: duplicate of a line in {seen[key]}: {line[:80]}")
                    failed = True
                seen.setdefault(key, path.name)
    print(f"{'type':28} {'lines':>5} {'train':>5} {'dev':>4} {'afg%':>5}  styles")
    for path in paths:
        is_none = path.stem == "NONE"
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        texts = Counter(re.sub(r"\{[A-Z0-9]+ |\}", "", ln.split("|", 1)[-1]).strip().lower() for ln in lines)
        for text, n in texts.items():
            if n > 1:
                print(f"{path.name}: line repeated {n} times: {text[:80]}")
                failed = True
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                for problem in check_line(line, is_none):
                    print(f"{path.name}:{number}: {problem}: {line[:90]}")
                    failed = True
        for near in leaks(lines):
            print(f"{path.name}: train/dev near-duplicates (word Jaccard >= {LEAK}): {near}")
            failed = True
        styles = Counter(ln.split("|", 1)[0].strip() for ln in lines)
        splits = Counter(split_of(ln) for ln in lines)
        afghan = 100 * sum(bool(AFGHAN.search(ln)) for ln in lines) / max(len(lines), 1)
        low = [s for s in sorted(STYLES) if styles[s] < MIN_PER_STYLE]
        short = len(lines) < (MIN_NONE if is_none else MIN_LINES) or (low and not is_none) or afghan > 12
        failed |= bool(short)
        shown = " ".join(f"{s}={styles[s]}" for s in sorted(STYLES))
        flag = "  <-- below minimum" if short else ""
        print(f"{path.stem:28} {len(lines):5} {splits['train']:5} {splits['dev']:4} {afghan:5.1f}  {shown}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
