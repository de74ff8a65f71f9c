"""The project-written cue-complement set (tests/fixtures/claims/cue_complements.tsv): its lines, their
split, and whether a sentence's claims pass a line's checks (an action verb is no cue, a compound noun
"health post" no noun cue, a speaker ends before an adverb or date, "asked not to be named" is no claim).

The split was fixed before any rule was run on the set: sha1 of the sentence (UTF-8) as an integer,
``% 3 == 0`` is dev, the rest train.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .status_set import split_of

CHECKS = ("nocue", "cue", "speaker", "content^")


@dataclass(frozen=True)
class CueLine:
    sentence: str
    construction: str
    checks: tuple[tuple[str, str], ...]  # (kind, words)
    split: str  # "train" | "dev"


def load_cue_set(path: Path) -> list[CueLine]:
    """The set's lines; a malformed line is an error naming the file and line."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{path}:{n}: expected 'sentence<TAB>construction<TAB>checks'")
        checks = []
        for part in fields[2].split(" & "):
            kind, _, words = part.partition("=")
            if kind not in CHECKS or not words:
                raise ValueError(f"{path}:{n}: unknown check {part!r} (one of {', '.join(CHECKS)}, as 'kind=words')")
            checks.append((kind, words))
        out.append(CueLine(fields[0], fields[1], tuple(checks), split_of(fields[0])))
    return out


def failed_checks(line: CueLine, claims) -> list[str]:
    """The checks of ``line`` its claims fail (empty: the line is right)."""
    attributed = [c for c in claims if c.speaker_kind != "author"]
    cues = {w.lower() for c in attributed if c.cue for w in c.cue.split()}
    failed = []
    for kind, words in line.checks:
        if kind == "nocue":
            ok = words.lower() not in cues
        elif kind == "cue":
            ok = words.lower() in cues
        elif kind == "speaker":
            ok = any(c.speaker_text == words for c in attributed)
        else:
            ok = any(c.text[c.content_start - c.start :].startswith(words) for c in attributed)
        if not ok:
            failed.append(f"{kind}={words}")
    return failed
