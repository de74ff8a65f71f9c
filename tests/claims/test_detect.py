"""Check-worthiness (claims/detect.py): the shipped model ranks specific checkable facts above vague
reports, opinion and page furniture; exhortations and headlines stay below the claim threshold.
Sentences written for this test, not taken from the graded set."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.claims.detect import FEATURES, WorthModel, checkworthiness, with_attribution
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.nlp.quantities import find_quantities

LEX = load_lexicon("en")


def _score(text: str, attributed: bool = False) -> float:
    worth = checkworthiness(text, 0, len(text), LEX, quantities=lambda: len(find_quantities(text, 0, len(text))))
    return (with_attribution(worth) if attributed else worth).score


def test_specific_facts_rank_above_vague_events_opinion_and_furniture():
    specific = _score("Gunmen killed 23 passengers on a bus near Gwoza, Borno state, on 9 October.")
    vague = _score("Armed men attacked a bus in the north and took some passengers.")
    opinion = _score("In my view the security situation is simply unacceptable.")
    furniture = _score("Sign up for our newsletter to get the morning briefing.")
    assert specific > vague > opinion > furniture
    assert specific >= 0.8 and furniture <= 0.2


def test_an_attribution_raises_the_score_of_the_same_sentence():
    text = "The militia took the town of Kamanyola after a night of fighting, residents said."
    assert _score(text, attributed=True) > _score(text)


def test_exhortations_and_headlines_stay_below_the_threshold():
    assert _score("It is vital to stop the killing of 40 farmers in Benue state this month.") < LEX.threshold
    assert _score("Rebels Seize Border Town In Eastern Congo After Heavy Clashes") < LEX.threshold


def test_scores_spread():
    texts = [
        "Police in Cali seized 2 tonnes of cocaine hidden in banana boxes on Tuesday.",
        "The army says it repelled an attack on the base.",
        "The conflict has deep roots in the history of the region.",
        "Why does nobody talk about this?",
        "Reporting by a staff correspondent; editing by the desk",
    ]
    assert len({_score(t) for t in texts}) == len(texts)


def test_a_file_that_is_no_model_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "worth.npz"
    np.savez(bad, features=np.array(FEATURES[:-1]), weights=np.zeros(len(FEATURES) - 1), bias=np.array(0.0))
    with pytest.raises(ValueError, match="worth.npz"):
        WorthModel.load(bad)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="junk.npz"):
        WorthModel.load(tmp_path / "junk.npz")
