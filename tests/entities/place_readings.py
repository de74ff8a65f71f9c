"""What the synthetic place sets share (test_place_pairs.py, test_place_misreadings.py): the train/dev
split of a case by its text, and the place ids read over a name in fast mode."""

from __future__ import annotations

import hashlib

from claimgraph.entities.extract import find_mentions


def split_of(text: str) -> str:
    """ "train" or "dev" by the first hex digit of the text's sha1 (0-9 train), fixed before any output was read."""
    return "train" if hashlib.sha1(text.encode("utf-8")).hexdigest()[0] in "0123456789" else "dev"


def readings(text: str, name: str, extractor) -> list[str]:
    """The place ids of the mentions covering the first ``name`` of ``text``, fast mode, the dictionary and
    the locative cues alone (no tagger)."""
    start = text.find(name)
    end = start + len(name)
    mentions = find_mentions(text, extractor, mode="fast")
    return [m.place_id for m in mentions if m.place_id and m.start <= start and end <= m.end]
