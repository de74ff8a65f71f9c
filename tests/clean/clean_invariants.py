"""Invariant checks every clean-stage test applies to the documents it cleans (imported by the tests)."""

from __future__ import annotations

import unicodedata

from claimgraph.model import Document


def check_invariants(doc: Document) -> None:
    """What clean_document promises about any output, whatever the input."""
    raw, clean = doc.raw_text, doc.clean_text

    # Removals: sorted, disjoint, in bounds, non-empty, and each one's text is the raw text at its span.
    prev_end = 0
    for r in doc.removals:
        assert 0 <= r.raw_start < r.raw_end <= len(raw), r
        assert r.raw_start >= prev_end, f"removals overlap at {r}"
        assert r.text == raw[r.raw_start : r.raw_end], r
        prev_end = r.raw_end

    # Segments tile the clean text in order, raw spans never go backwards, verbatim ones are copies.
    segments = doc.offsets.segments
    assert (segments[0].clean_start if segments else 0) == 0
    assert (segments[-1].clean_end if segments else 0) == len(clean)
    for prev, seg in zip(segments, segments[1:]):
        assert seg.clean_start == prev.clean_end
        assert seg.raw_start >= prev.raw_end, (prev, seg)
    for seg in segments:
        assert seg.clean_end > seg.clean_start and 0 <= seg.raw_start <= seg.raw_end <= len(raw)
        if seg.verbatim:
            assert clean[seg.clean_start : seg.clean_end] == raw[seg.raw_start : seg.raw_end], seg

    # Coverage: every raw character is in a removal or under a segment; copied characters are
    # never also removed (a substituted separator may stand for a stretch that holds removals).
    covered = bytearray(len(raw))
    for r in doc.removals:
        covered[r.raw_start : r.raw_end] = b"\1" * (r.raw_end - r.raw_start)
    for seg in segments:
        if seg.verbatim:
            assert not any(covered[seg.raw_start : seg.raw_end]), f"verbatim {seg} overlaps a removal"
    for seg in segments:
        covered[seg.raw_start : seg.raw_end] = b"\1" * (seg.raw_end - seg.raw_start)
    missing = [i for i, c in enumerate(covered) if not c]
    assert not missing, f"raw characters neither removed nor mapped: {[raw[i] for i in missing[:10]]} at {missing[:10]}"

    # Layout: NFC, trimmed lines, single spaces, paragraphs separated by exactly one blank line.
    assert unicodedata.is_normalized("NFC", clean)
    assert clean == clean.strip()
    assert "\n\n\n" not in clean
    for line in clean.split("\n"):
        assert line == " ".join(line.split()), repr(line)
