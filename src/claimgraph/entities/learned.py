"""Entity mentions from the shared encoder's re3d head (accurate mode, English): the learned tagger that
takes the CRF's place (nlp/encoder.py; trained on re3d train, docs/models/encoder.md). The encoder's pass
over the document is the one the claim stage reads too."""

from __future__ import annotations

from collections.abc import Sequence

from claimgraph.entities.ner import EntityMention
from claimgraph.nlp.encoder import Encoder

HEAD = "entity"


def learned_entities(text: str, sentences: Sequence[tuple[int, int]], encoder: Encoder) -> list[EntityMention]:
    """The mentions the entity head tags in ``text`` (split into ``sentences``), with offsets into it;
    the score is the mean probability of the span's tags."""
    windows = encoder.encode_document(text, sentences)
    return [EntityMention(s, e, text[s:e], kind, score) for s, e, kind, score in encoder.spans(windows, HEAD)]
