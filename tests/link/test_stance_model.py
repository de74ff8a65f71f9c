"""The shipped FNC-1 stance model: loads, checks its format, and labels clear cases on seed text."""

from __future__ import annotations

import json

import pytest
import yaml

from claimgraph.link import stance
from claimgraph.link.stance import LABELS, StanceModel, StanceModelError

CLAIM = "ISKP poses a genuine threat in Afghanistan"


@pytest.fixture(scope="module")
def model():
    return StanceModel.load()


@pytest.fixture(scope="module")
def seed_texts(seed_news_path, seed_thread_path):
    news = seed_news_path.read_text(encoding="utf-8")
    thread = seed_thread_path.read_text(encoding="utf-8")
    # the news article's two opening paragraphs (it argues the threat is real)
    start = news.index("KABUL – In a delicate balancing act")
    end = news.index("As Afghanistan stands at this crossroads")
    article = news[start:end].strip()
    # the news page's trade teaser: another subject
    trade = news[news.index("AT Kabul: The State Bank of Pakistan") :].split("…")[0]
    return article, thread, trade


def test_loads_are_equal(model, seed_texts):
    # nothing caches the model per process (its user holds on to it): a second load predicts the same
    again = StanceModel.load()
    assert again is not model and again.cues == model.cues
    pairs = [(CLAIM, text) for text in seed_texts]
    assert (again.predict_proba(pairs) == model.predict_proba(pairs)).all()


def test_a_repeated_pair_gets_the_row_it_gets_alone(model, seed_texts):
    # each distinct pair is predicted once: the propositions step asks for both readings of a label and
    # its members, and a member repeating the label's sentence is the same pair both ways
    article, thread, trade = seed_texts
    pairs = [(CLAIM, article), (CLAIM, CLAIM), (article, CLAIM), (CLAIM, article), (CLAIM, CLAIM), (CLAIM, trade)]
    together = model.predict_proba(pairs)
    alone = [model.predict_proba([pair])[0] for pair in pairs]
    assert together.shape == (6, 4) and all(together[i].tobytes() == alone[i].tobytes() for i in range(6))


def test_predict_labels_and_scores(model, seed_texts):
    article, thread, trade = seed_texts
    result = model.predict([(CLAIM, article), (CLAIM, trade)])
    assert len(result) == 2
    for label, score in result:
        assert label in LABELS and 0.0 < score <= 1.0
    proba = model.predict_proba([(CLAIM, article)])
    assert proba.shape == (1, 4) and abs(proba.sum() - 1.0) < 1e-6
    assert model.predict([]) == []


def test_unrelated_pair(model, seed_texts):
    _, _, trade = seed_texts
    label, score = model.predict([(CLAIM, trade)])[0]
    assert label == "unrelated" and score > 0.5


def test_article_arguing_the_claim_is_related(model, seed_texts):
    # The seed article argues the threat is real "despite the Taliban-led government's denial":
    # the model must find it related; arrays-3 calls it agree, arrays-2 called it disagree from the
    # denial words near the claim (docs/models/stance.md, Limits).
    article, _, _ = seed_texts
    label, _ = model.predict([(CLAIM, article)])[0]
    assert label != "unrelated"


def test_denial_written_for_the_test_disagrees(model, seed_texts):
    # written for this test (not from FNC-1): a body that reports the claim and denies it
    article, _, _ = seed_texts
    body = (
        "Reports that ISKP poses a genuine threat in Afghanistan are false, the ministry said. "
        "Officials denied the claims and called them baseless and fabricated. "
        "They said the group had been defeated and that the reports were a hoax."
    )
    ((label, score),) = model.predict([(CLAIM, body)])
    assert label == "disagree" and score > 0.5
    p_denial, p_article = model.predict_proba([(CLAIM, body), (CLAIM, article)])
    agree, disagree = LABELS.index("agree"), LABELS.index("disagree")
    assert p_denial[agree] < p_article[agree] and p_denial[disagree] > p_article[disagree]


@pytest.fixture(scope="module")
def written_pairs(fixtures_dir):
    return yaml.safe_load((fixtures_dir / "link" / "stance_pairs.yaml").read_text(encoding="utf-8"))["pairs"]


def test_denials_written_for_the_test_lean_to_disagree(model, written_pairs):
    # the model's weak spot (docs/models/stance.md, Limits): it labels these two denials discuss
    # and agree, but gives each more P(disagree) than the confirmation
    by_id = {p["id"]: p for p in written_pairs}
    ids = ["denial_port", "denial_camp", "confirmed_strike"]
    proba = model.predict_proba([(by_id[i]["claim"], by_id[i]["text"]) for i in ids])
    disagree = LABELS.index("disagree")
    assert proba[0, disagree] > proba[2, disagree] and proba[1, disagree] > proba[2, disagree]


def test_written_pairs_unrelated_stays_unrelated(model, written_pairs):
    (pair,) = [p for p in written_pairs if p["expected"] == "unrelated"]
    assert model.predict([(pair["claim"], pair["text"])])[0][0] == "unrelated"


def test_probabilities_are_those_of_the_fitted_scikit_learn_model(model, written_pairs, fixtures_dir):
    # stance_reference.json holds scikit-learn's probabilities for these pairs, written by
    # scripts/train_stance.py from the fitted estimators; the numpy runtime must give the same
    reference = json.loads((fixtures_dir / "link" / "stance_reference.json").read_text())
    X = model.extractor.features([(p["claim"], p["text"]) for p in written_pairs])
    related = model.related_model.predict_proba(X[:, model.columns_related])
    stance_stage = model.stance_model.predict_proba(X[:, model.columns_stance])
    for pair, got_related, got_stance in zip(written_pairs, related, stance_stage):
        expected = reference[pair["id"]]
        assert got_related.tolist() == expected["related"], pair["id"]
        assert got_stance.tolist() == expected["stance"], pair["id"]


def test_format_mismatch_is_a_clear_error(tmp_path):
    header = json.loads(stance.MODEL_PATH.with_suffix(".json").read_text())
    header["format"] = "joblib-0"
    fake = tmp_path / "stance_fnc1.npz"
    fake.write_bytes(stance.MODEL_PATH.read_bytes())
    fake.with_suffix(".json").write_text(json.dumps(header))
    with pytest.raises(StanceModelError, match="model format 'joblib-0'.*scripts/export_stance.py"):
        StanceModel.load(fake)


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(StanceModelError, match="no trained stance model"):
        StanceModel.load(tmp_path / "absent.joblib")


def test_focus_features_see_cues_beside_the_claims_words(model):
    # written for this test: a denial and an unconfirmed report of one claim (Mali, not FNC-1 text)
    claim = "Rebels shot down an army helicopter near Kidal"
    denial = (
        "The army denied that rebels shot down a helicopter near Kidal and called the video fake. "
        "The aircraft returned to its base on Tuesday, a spokesman said."
    )
    report = (
        "Rebels reportedly shot down an army helicopter near Kidal, according to unverified posts. "
        "The aircraft had left its base on Tuesday."
    )
    names = model.extractor.names
    X = model.extractor.features([(claim, denial), (claim, report)])
    near_refuting, near_hedging = names.index("near_refuting"), names.index("near_hedging")
    assert X[0, near_refuting] >= 2 and X[1, near_refuting] == 0
    assert X[1, near_hedging] > X[0, near_hedging]
