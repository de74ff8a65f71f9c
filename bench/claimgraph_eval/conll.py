"""Reading re3d-style CoNLL files (../shared/datasets/re3d/{train,dev}.txt)."""

from __future__ import annotations

from pathlib import Path


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """(tokens, labels) sentences of a re3d-style file: token TAB label, blank line between sentences.

    A malformed line raises ValueError naming the file, line and reason.
    """
    path = Path(path)
    sentences, words, labels = [], [], []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if words:
                sentences.append((words, labels))
                words, labels = [], []
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1]:
            raise ValueError(f"{path}:{lineno}: expected 'token<TAB>label', got {line!r}")
        words.append(parts[0])
        labels.append(parts[1])
    if words:
        sentences.append((words, labels))
    return sentences
