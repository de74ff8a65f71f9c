"""nlp/encoder.py: word pieces that map back to the exact characters, windows, and the shipped model's outputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimgraph.link.wordpiece import WordPiece
from claimgraph.nlp.encoder import MODEL_DIR, Encoder, Pieces, word_shape
from claimgraph.nlp.sentences import sentence_spans

NORMALIZER = MODEL_DIR.parent / "minilm_static" / "normalizer.json"
TEXT = (
    "“We will not negotiate,” the spokesman for Al-Shabaab said on Tuesday.\n\n"
    "Officials in Mogadishu, on the other hand, insisted the town of Ceel Buur was retaken: "
    "“the area is secure.” Some 1,200 troops of the AU mission (ATMIS) remain near Jowhar.\n"
    "Le ministre a déclaré à l'AFP qu'il n'y avait « aucun blessé »."
)


@pytest.fixture(scope="module")
def tokenizer() -> WordPiece:
    return WordPiece(MODEL_DIR, NORMALIZER)


def test_pieces_give_the_ids_of_ids_and_their_characters(tokenizer):
    found = tokenizer.pieces(TEXT)
    assert [i for i, _, _, _ in found] == tokenizer.ids(TEXT)
    pieces = {i: p for p, i in tokenizer.vocab.items()}
    for piece_id, start, end, _ in found:
        # lower case, accents stripped: the piece is what its characters normalise to
        assert pieces[piece_id].removeprefix("##") == tokenizer._normalised(TEXT[start:end])[0], TEXT[start:end]
    words = [TEXT[s:e] for _, s, e, _ in found]
    assert words[:6] == ["“", "We", "will", "not", "negotiate", ","]
    assert "déclaré" in TEXT[found[-12][1] : found[-8][2]] or any(w == "déclaré" for w in words)


def test_pieces_agree_with_the_tokenizers_package(tokenizer):
    tokenizers = pytest.importorskip("tokenizers", reason="the reference is the tokenizers package (test extra)")
    reference = tokenizers.Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    reference.no_truncation()
    reference.no_padding()
    expected = reference.encode(TEXT, add_special_tokens=False)
    assert [(i, s, e) for i, s, e, _ in tokenizer.pieces(TEXT)] == [
        (i, s, e) for i, (s, e) in zip(expected.ids, expected.offsets)
    ]


def test_word_shapes():
    assert [word_shape(w) for w in ("said", "Mogadishu", "ATMIS", "1,200", "“", "A")] == [1, 2, 3, 4, 5, 2]


# -- the shipped model (onnxruntime: the accurate extra) ------------------------------------------------

pytest.importorskip("onnxruntime", reason="the encoder runs on onnxruntime (the accurate extra)")


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    if not (MODEL_DIR / "meta.json").is_file():
        pytest.skip(f"no encoder model in {MODEL_DIR}: scripts/train_encoder.py writes it")
    return Encoder.load(threads=1)


def test_windows_cover_each_sentence_in_order_within_the_size(encoder):
    sentences = sentence_spans(TEXT)
    windows = encoder.windows(TEXT, sentences)
    assert all(len(w) <= encoder.max_pieces - 2 for w in windows)
    starts = np.concatenate([w.starts for w in windows])
    assert list(starts) == sorted(starts)
    assert [i for w in windows for i in w.ids] == [i for s, e in sentences for i in encoder.pieces(TEXT, s, e).ids]


def test_a_sentence_longer_than_a_window_is_cut_between_pieces(encoder):
    long = " ".join(["The convoy reached Kidal."] * 60)
    windows = encoder.windows(long, [(0, len(long))])
    assert len(windows) > 1 and all(len(w) <= encoder.max_pieces - 2 for w in windows)
    assert sum(len(w) for w in windows) == len(encoder.pieces(long))


def test_encode_document_offsets_hidden_pooled_and_heads(encoder):
    windows = encoder.encode_document(TEXT, sentence_spans(TEXT))
    for w in windows:
        assert w.hidden.shape == (len(w.starts), 384)
        assert abs(float(np.linalg.norm(w.pooled)) - 1) < 1e-3
        for head, labels in encoder.labels.items():
            assert w.heads[head].shape == (len(w.starts), len(labels))
        assert all(TEXT[s:e].strip() == TEXT[s:e] and e > s for s, e in zip(w.starts, w.ends))
    # the second call with the same document is the first one's result: the stages share one pass
    assert encoder.encode_document(TEXT, sentence_spans(TEXT)) is windows


def test_encode_texts_of_their_own_and_batches_give_what_single_runs_give(encoder):
    texts = ["Rebels denied the report.", TEXT, "", "Troops were deployed to Goma, the army said."]
    together = encoder.encode(texts)
    alone = [encoder.encode([t])[0] for t in texts]
    assert len(together[2].starts) == 0
    for a, b in zip(together, alone):
        assert list(a.starts) == list(b.starts)
        # int8 graphs quantise activations per batch, so a batch's other rows move the outputs a little
        assert float(a.pooled @ b.pooled) > 0.95


def test_a_bad_model_directory_names_the_file(tmp_path: Path):
    from claimgraph.nlp.encoder import EncoderError

    with pytest.raises(EncoderError, match="meta.json"):
        Encoder.load(tmp_path)
    (tmp_path / "meta.json").write_text('{"max_pieces": 128}')
    with pytest.raises(EncoderError, match="model.onnx"):
        Encoder.load(tmp_path)


def test_pieces_of_an_empty_text(encoder):
    assert isinstance(encoder.pieces(""), Pieces) and len(encoder.pieces("")) == 0
