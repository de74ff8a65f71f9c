"""A document holding every value the store's CSV path could blur, shared by the store's tests."""

from __future__ import annotations

from claimgraph.model import Claim, Event, Mention, Metadata, Paragraph, Quantity, Removal, Source, new_document


def awkward_document(n: int, text: str | None = None):
    """Every value CSV could blur: quotes, delimiters, CR/LF, "" next to None, exact floats, lists."""
    text = text or (
        f'Report {n}: "quoted", with, commas;\r\na line break,\ttabs and Ünïcödé '
        "quotes"
        " — "
        "and an empty field next.\n\nISKP said it."
    )
    doc = new_document(
        Source(f"in/{n}.jsonl", "jsonl", str(n)),
        text,
        Metadata(title="", author=None, date="2023-05", site='Site "S"', url=None),
        [Removal(0, 0, "navigation", "")],
    ).replace(clean_text=text)
    end = len(text)
    return doc.replace(
        language="en",
        language_score=0.1 + 0.2,  # 0.30000000000000004: floats must survive exactly
        paragraphs=(Paragraph(0, end, None, None),),
        entities=(Mention(end - 13, end - 9, "ISKP", "Organisation", actor_id="iskp", role="", score=1e-300),),
        events=(
            Event(
                "e1", "ATTACK", "Battles", 0, end, 0, 6, 'Rep"ort', 0.5, claimed=False, negated=True, mentions=("3:9",)
            ),
        ),
        claims=(
            Claim(
                "c1",
                end - 13,
                end,
                text[end - 13 :],
                end - 13,
                end,
                speaker_text="",
                hedges=("", "a,b", "x\ny"),
                quantities=(Quantity(0, 1, "1", 1.0, None, "about"),),
                evidence_cues=(),
            ),
        ),
        content_hash="",
        duplicate_of=None,
    )
