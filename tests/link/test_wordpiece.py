"""link/wordpiece.py gives the ids the `tokenizers` package gives for the fast embeddings' tokenizer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from claimgraph.link.embeddings import STATIC_MODEL_DIR
from claimgraph.link.wordpiece import WordPiece

tokenizers = pytest.importorskip("tokenizers", reason="the reference is the tokenizers package (test extra)")

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def both():
    reference = tokenizers.Tokenizer.from_file(str(STATIC_MODEL_DIR / "tokenizer.json"))
    reference.no_truncation()
    reference.no_padding()
    return reference, WordPiece(STATIC_MODEL_DIR)


def assert_same_ids(both, texts: list[str]) -> None:
    reference, wordpiece = both
    expected = [e.ids for e in reference.encode_batch_fast(texts, add_special_tokens=False)]
    got = [wordpiece.ids(text) for text in texts]
    wrong = [(text, want, have) for text, want, have in zip(texts, expected, got) if want != have]
    assert not wrong, wrong[:3]


def test_every_character_of_the_first_two_planes_and_a_sample_of_the_rest(both):
    code_points = [*range(0x20000), *range(0x20000, 0x110000, 97)]
    assert_same_ids(both, [chr(cp) for cp in code_points if not 0xD800 <= cp < 0xE000])


def test_the_example_corpus(both):
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix != ".gz"]
    assert len(texts) > 10
    assert_same_ids(both, texts)


def test_mixed_scripts_marks_special_tokens_and_long_words(both):
    rnd = random.Random(0)
    pools = [
        range(0x20, 0x250),
        range(0x300, 0x370),
        range(0x400, 0x530),
        range(0x600, 0x700),
        range(0x4E00, 0x4F00),
        range(0xAC00, 0xAC80),
        range(0x1F300, 0x1FA00),
        range(0, 0x20),
        range(0x2000, 0x2070),
        range(0xF900, 0xFB00),
    ]
    extras = [" ", "a", "the", "[PAD]", "[UNK]", "[pad]", "İ", "ß", "Σ", "ﬁ", "##", "\u0301", "x" * 101, "un" * 60]
    texts = [
        "".join(
            chr(rnd.choice(rnd.choice(pools))) if rnd.random() > 0.15 else rnd.choice(extras)
            for _ in range(rnd.randint(1, 40))
        )
        for _ in range(3000)
    ]
    assert_same_ids(both, texts + ["", "Kabul's 4,000-strong unit—reportedly", "КАБУЛ. Талибы", "[UNK][PAD]x[UNK"])
