"""What the claims stage stores of each claim for the contested rules (claims/accounts.py), on a few
sentences in the manner of the project's synthetic contested set (tests/fixtures/link/contested_synthetic.yaml)."""

from __future__ import annotations

from claimgraph.claims.accounts import predicate_by_words, sentence_key
from claimgraph.claims.extract import extract_claims
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.model import Source, new_document

TEXT = (
    "Aid workers said the road to Adigrat had been closed for a week. "
    "Someone said the group had withdrawn from the town. "
    "Kyiv accused Moscow of blowing up the dam, a charge the Kremlin rejected."
)


def _claims(text: str):
    doc = new_document(Source("accounts.txt", "txt"), text).replace(clean_text=text)
    return extract_claims(doc).claims


def test_every_claim_gets_the_fields_the_contested_rules_read():
    claims = _claims(TEXT)
    assert claims
    for c in claims:
        assert isinstance(c.has_predicate, bool) and isinstance(c.generic_speaker, bool)
        assert c.sentence_key == sentence_key(TEXT[c.start : TEXT.index(".", c.start) + 1])
    by_speaker = {c.speaker_text: c for c in claims}
    assert by_speaker["Someone"].generic_speaker and not by_speaker["Aid workers"].generic_speaker
    kyiv = [c for c in claims if c.sentence_key == by_speaker["Kyiv"].sentence_key]
    assert len(kyiv) == 2 and len({c.speaker_key for c in kyiv}) == 2  # two speakers of one sentence


def test_a_copy_of_a_sentence_has_its_key():
    first, *_ = _claims(TEXT)
    again = _claims("Officials gave no figure. " + TEXT)
    assert first.sentence_key in {c.sentence_key for c in again}


def test_the_word_reading_errs_towards_a_predicate():
    lex = load_lexicon("en")

    def reads(text: str) -> bool:
        return predicate_by_words(text, [(0, len(text))], lex)

    assert not reads("the closure of the Adigrat road") and not reads("it a distortion")
    assert reads("the army controls the town") and reads("Moscow of blowing up the dam")
    assert reads("the convoy was hit") and reads("Taliban fighters")  # a plural after a name: kept
