"""sentence_spans is asked for the same text by entities, events and claims: it answers from a
small cache, and what it returns is the caller's own list."""

from __future__ import annotations

from claimgraph.nlp import sentences
from claimgraph.nlp.sentences import sentence_spans


def test_repeated_calls_give_equal_independent_lists():
    text = "Officials said 12 people died. Dr. Amin denied it.\n\nA second paragraph."
    first = sentence_spans(text, "en")
    first.append((0, 1))  # a caller changing its list must not change the next caller's
    second = sentence_spans(text, "en")
    assert second == [(0, 30), (31, 50), (52, 71)]
    assert sentence_spans(text) == second  # the default language is English


def test_the_cache_stays_small():
    for i in range(3 * sentences._CACHE_SIZE):
        sentence_spans(f"Sentence number {i}. Another one.", "en")
    assert len(sentences._cache) == sentences._CACHE_SIZE
    assert sentence_spans("Sentence number 0. Another one.", "en") == [(0, 18), (19, 31)]
