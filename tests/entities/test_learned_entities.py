"""entities/learned.py: the encoder's re3d head gives mentions whose offsets are the text's own words.

Not the stage's tagger yet (the CRF scores higher on re3d dev: docs/quality.md); measured by
bench/quality_entities.py, reachable through ``EntityExtractor(..., encoder=...)``."""

from __future__ import annotations

import pytest

from claimgraph.entities.learned import HEAD, learned_entities
from claimgraph.model import ENTITY_TYPES
from claimgraph.nlp.encoder import MODEL_DIR, Encoder
from claimgraph.nlp.sentences import sentence_spans

pytest.importorskip("onnxruntime", reason="the encoder runs on onnxruntime (the accurate extra)")

TEXT = (
    "Troops of the Nigerian Army killed 23 fighters near Maiduguri on 3 May, a spokesman, Onyema Nwachukwu, said.\n\n"
    "Two MQ-9 Reaper drones struck a convoy on the road from Kismayo to Jilib, according to AFRICOM."
)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    if not (MODEL_DIR / "meta.json").is_file():
        pytest.skip(f"no encoder model in {MODEL_DIR}: scripts/train_encoder.py writes it")
    return Encoder.load(threads=1)


def test_mentions_are_whole_words_of_the_text_with_re3d_types(encoder):
    mentions = learned_entities(TEXT, sentence_spans(TEXT), encoder)
    assert mentions
    for m in mentions:
        assert m.text == TEXT[m.start : m.end] and m.text.strip() == m.text
        assert m.start == 0 or not TEXT[m.start - 1].isalnum(), m
        assert m.end == len(TEXT) or not TEXT[m.end].isalnum(), m
        assert m.type in ENTITY_TYPES and 0 < m.score <= 1
    assert encoder.labels[HEAD][0] == "O"
