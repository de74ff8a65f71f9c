"""Cue decisions that do not tip between machines (claims/cue_decision.py): rounded scores, and cues by the
parse whatever their scores, on parsed project-written sentences."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy", reason="the parse decides near the threshold (the events extra)")

from claimgraph.claims.attribution_model import AttributionModel  # noqa: E402
from claimgraph.claims.cue_decision import load_decision  # noqa: E402
from claimgraph.claims.lexicon import load_lexicon  # noqa: E402
from claimgraph.events.parse import ParserMissing, load_parser  # noqa: E402

try:
    PARSER = load_parser()
except ParserMissing:  # pragma: no cover - the events extra without its weights
    pytest.skip("the pinned parser weights are not installed", allow_module_level=True)

DECISION = load_decision()


def _word(text: str, word: str):
    doc = PARSER(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The ministry says the rebels attacked two villages in Darfur.", "says"),
        ("“We did not fire on the crowd,” a police spokesman in Nairobi said.", "said"),
        ("The army told reporters that the convoy had reached Goma on Sunday.", "told"),
        ("According to the UN mission, 40 civilians were killed in the raid.", "According"),
    ],
)
def test_the_parse_reads_reported_speech(text, word):
    assert DECISION.says(_word(text, word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The satellite images showed that the bridge had collapsed.", "showed"),  # not a verb of saying
        ("The statement was read out and the spokesman said nothing more.", "said"),  # nothing said
        ("Residents fled after gunmen attacked the market in Kidal.", "attacked"),
    ],
)
def test_the_parse_reads_no_reported_speech(text, word):
    assert not DECISION.says(_word(text, word))


def test_a_cue_by_the_parse_is_sure_whatever_its_score():
    says = _word("The ministry says the rebels attacked two villages in Darfur.", "says")
    showed = _word("The satellite images showed that the bridge had collapsed.", "showed")
    for p in (0.05, 0.39, 0.41):
        assert DECISION.at_least(p, 0.4, says)
    # another word is decided by its score
    assert not DECISION.at_least(0.39, 0.4, showed) and DECISION.at_least(0.41, 0.4, showed)


def test_a_cue_inside_what_another_cue_says_is_left_to_its_score():
    # PolNeAR marks no cue inside another's content, and the cue head learned that: the parse does not
    # force the inner verb
    text = "The governor said the rebels claimed that the convoy had been ambushed near Kidal."
    assert DECISION.says(_word(text, "said")) and not DECISION.says(_word(text, "claimed"))


def test_scores_are_rounded_before_they_are_compared():
    assert DECISION.rounded(0.38849) == 0.39 and DECISION.rounded(0.4049) == 0.4


@pytest.fixture(scope="module")
def model():
    try:
        return AttributionModel.load()
    except Exception as exc:  # pragma: no cover - without onnxruntime the contextual head cannot run
        pytest.skip(f"the learned attribution model cannot run: {exc}")


def test_a_cue_of_reported_speech_does_not_tip_with_the_threshold(model):
    # another machine's int8 kernels move the cue head's score by about a hundredth: the tier of "says"
    # must be the same whichever side of its score the threshold falls
    lex = load_lexicon("en")
    sdoc = PARSER("The ministry says the rebels attacked two villages in Darfur.")
    i = next(t.i for t in sdoc if t.text == "says")
    try:
        p = DECISION.rounded(model.cue_scores(sdoc, lex)[i])
    except Exception as exc:  # pragma: no cover - without onnxruntime the contextual head cannot run
        pytest.skip(f"the cue head cannot score: {exc}")
    original = model.cue_threshold
    try:
        tiers = []
        for threshold in (p - 0.02, p + 0.02):
            model.cue_threshold = threshold
            tiers.append(model.cue_tiers(sdoc, {i: p}, lex)[i])
    finally:
        model.cue_threshold = original
    assert tiers == ["sure", "sure"]
