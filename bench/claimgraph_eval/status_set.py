"""The project-written epistemic-status set (tests/fixtures/claims/status_sentences.tsv): its lines,
their split, and which of a sentence's claims the gold line is about.

The split was fixed before any rule was run on the set: sha1 of the sentence (UTF-8) as an integer,
``% 3 == 0`` is dev, the rest train.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

STATUSES = ("asserted", "reported", "hedged", "hypothetical", "denied", "disputed")


@dataclass(frozen=True)
class StatusLine:
    sentence: str
    status: str
    speaker: str  # the speaker's words, or "author"
    split: str  # "train" | "dev"


def split_of(sentence: str) -> str:
    return "dev" if int(hashlib.sha1(sentence.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "train"


def load_status_set(path: Path) -> list[StatusLine]:
    """The set's lines; a malformed line is an error naming the file and line."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in STATUSES:
            raise ValueError(f"{path}:{n}: expected 'sentence<TAB>status<TAB>speaker' with a known status")
        out.append(StatusLine(fields[0], fields[1], fields[2], split_of(fields[0])))
    return out


def gold_claim(claims, speaker: str):
    """The claim the gold line is about: the one whose speaker words are the gold speaker's (the author's
    claim for "author"), else the last attributed claim, else the first claim; None without claims."""
    if not claims:
        return None
    want = speaker.lower()
    for c in claims:
        if want == "author" and c.speaker_kind == "author":
            return c
        if want != "author" and (c.speaker_text or "").lower() == want:
            return c
    attributed = [c for c in claims if c.speaker_kind != "author"]
    return attributed[-1] if attributed else claims[0]
