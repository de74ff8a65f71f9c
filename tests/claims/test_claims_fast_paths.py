"""The claim stage's fast paths give what the plain ones give: phrase lists matched in the
lower-cased text (without IGNORECASE), tokens built by map(), the speaker's words found once — on
the seeds and on text whose lower case is not a plain character-for-character one."""

from __future__ import annotations

import pytest

from claimgraph.claims.attribution import Token, tokenize
from claimgraph.claims.lexicon import PhraseSet, _matches, clear_span_caches, load_lexicon, lowered
from claimgraph.claims.speakers import _words, speaker_core, speaker_head
from claimgraph.nlp.sentences import sentence_spans
from claimgraph.nlp.tokens import WORD_OR_MARK

# "ſ" and "ı" match "s" and "i" case-insensitively, "İ" lowers to two characters, "Σ" to "σ" or "ς"
_TRICKY = (
    "Officials ſaid the attack may have been planned. According to İstanbul police, the ΣΟΦΙΑ "
    "report was unverified. They reportedly denıed it."
)


@pytest.fixture(scope="module")
def seed_texts(seed_news_path, seed_thread_path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in (seed_news_path, seed_thread_path)]


def _phrase_sets():
    lex = load_lexicon("en")
    return [v for v in vars(lex).values() if isinstance(v, PhraseSet)]


def _ignorecase_matches(phrases: PhraseSet, text: str, start: int, end: int):
    return tuple((m.start(), m.end(), m.group(0).lower()) for m in phrases._pattern.finditer(text, start, end))


def _plain_tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0), m.group(0).lower()) for m in WORD_OR_MARK.finditer(text, start, end)]


def test_lowered_only_when_lowering_is_plain():
    clear_span_caches()
    assert lowered("Officials SAID “so” — é É") == "officials said “so” — é é"
    for tricky in ("ſaid", "İstanbul", "ΣΟΦΙΑ", "denıed"):
        clear_span_caches()
        assert lowered(f"They {tricky} it") is None
    clear_span_caches()


def test_phrase_lists_match_as_with_ignorecase(seed_texts):
    for text in [*seed_texts, _TRICKY, _TRICKY.replace("ſ", "s").replace("İ", "I").replace("ı", "i")]:
        clear_span_caches()
        for start, end in sentence_spans(text):
            for phrases in _phrase_sets():
                # every list, on every sentence (not only where its first words are)
                assert _matches(phrases, text, start, end) == _ignorecase_matches(phrases, text, start, end), (
                    phrases.phrases[:3],
                    text[start:end],
                )
    clear_span_caches()


def test_the_tricky_text_falls_back_to_ignorecase():
    clear_span_caches()
    lex = load_lexicon("en")
    start, end = 0, len(_TRICKY)
    assert lowered(_TRICKY) is None
    assert [p for _, _, p in lex.prepositions.find(_TRICKY, start, end)] == ["according to"]
    assert "reportedly" in [p for _, _, p in lex.hedges.find(_TRICKY, start, end)]
    clear_span_caches()


def test_tokens_as_built_one_by_one(seed_texts):
    for text in [*seed_texts, _TRICKY]:
        clear_span_caches()
        for start, end in sentence_spans(text):
            assert tokenize(text, start, end) == _plain_tokens(text, start, end)
    clear_span_caches()


def test_speaker_words_found_once_give_the_same_core_and_head():
    lex = load_lexicon("en")
    for speaker in (
        "A fruit trader who travels between Jalalabad and Peshawar",
        "the Secretary of the Security Council of Kyrgyzstan, Marat Imankulov",
        "Ryan Ellis, a Republican tax consultant",
        "Taliban spokesman Zabihullah Mujahid",
        "the group's spokesman",
    ):
        text = f"Yesterday {speaker} said it."
        start = text.index(speaker)
        end = start + len(speaker)
        tokens = _words(text, start, end)
        core = speaker_core(text, start, end, lex)
        assert speaker_core(text, start, end, lex, tokens) == core
        assert speaker_head(text, start, end, lex, core, tokens) == speaker_head(text, start, end, lex, core)


def test_token_pattern_is_unchanged_by_lower_case(seed_texts):
    # the fast paths read words off the lower-cased text: the same words, where lowering is plain
    for text in seed_texts:
        clear_span_caches()
        low = lowered(text)
        assert low is not None
        assert [m.span() for m in WORD_OR_MARK.finditer(text)] == [m.span() for m in WORD_OR_MARK.finditer(low)]
    clear_span_caches()
