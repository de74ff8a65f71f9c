"""Sentence embeddings: the fast static model loads offline and ranks paraphrases above unrelated text."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from claimgraph.link.embeddings import Embedder, EmbeddingCache, sentence_key

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
