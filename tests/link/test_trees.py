"""link/trees.py gives a scikit-learn HistGradientBoostingClassifier's predict_proba bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.link import stance
from claimgraph.link.trees import BoostedTrees

ensemble = pytest.importorskip("sklearn.ensemble", reason="the reference is scikit-learn (test extra)")
threadpoolctl = pytest.importorskip("threadpoolctl", reason="scikit-learn's own dependency")


@pytest.fixture(autouse=True)
def one_openmp_thread():
    """scikit-learn fits and predicts its trees over OpenMP threads that spin while they wait for each other:
    on the shared 2-core machine (load ~29) the 3-class fit and predict below took 53.6 CPU s (750 s wall), on one
    thread 0.74 (4.8 s wall). What is compared (our arrays against the fitted model's own predictions) is unchanged."""
    with threadpoolctl.threadpool_limits(limits=1):
        yield


def data(classes: int, rows: int = 3000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Float32 features with missing values, labels that depend on several of them."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, 12)).astype(np.float32)
    X[:, 3] = np.round(X[:, 3])  # repeated values: thresholds fall on them
    y = (X[:, 0] + X[:, 1] * X[:, 2] + 0.5 * rng.normal(size=rows) > 0).astype(int)
    if classes == 3:
        y += (X[:, 3] > 0.5).astype(int)
    X[rng.random(X.shape) < 0.05] = np.nan
    return X, y


@pytest.mark.parametrize("classes", [2, 3])
def test_probabilities_are_sklearns(classes):
    X, y = data(classes)
    model = ensemble.HistGradientBoostingClassifier(max_iter=60, random_state=0).fit(X[:2000], y[:2000])
    trees = BoostedTrees.from_sklearn(model)
    expected = model.predict_proba(X)
    got = trees.predict_proba(X)
    assert got.shape == expected.shape == (len(X), classes)
    assert got.tobytes() == expected.tobytes()
    assert trees.raw_predict(X).tobytes() == model._raw_predict(X).tobytes()


def test_arrays_round_trip():
    X, y = data(3, rows=500)
    trees = BoostedTrees.from_sklearn(ensemble.HistGradientBoostingClassifier(max_iter=10).fit(X, y))
    again = BoostedTrees(**trees.arrays())
    assert again.predict_proba(X).tobytes() == trees.predict_proba(X).tobytes()


def test_shipped_model_has_both_stages():
    bundle = stance.read_bundle(stance.MODEL_PATH)
    assert len(bundle["related_model"].baseline) == 1 and len(bundle["stance_model"].baseline) == 3
    assert bundle["embedding_mode"] == "fast" and bundle["vectorizer"].width > 10000
