"""Gradient-boosted trees' ``predict_proba``, computed as scikit-learn's HistGradientBoostingClassifier does.

The stance model's two classifiers were fitted with scikit-learn (scripts/train_stance.py) and
ship as node arrays (scripts/export_stance.py); predicting here needs only numpy, and gives the
same float64 probabilities bit for bit (tests/link/test_trees.py compares): features as float64,
each tree's leaf value added in tree order to the baseline, then the logistic function through
the C library's exp (as scipy's expit; numpy's vectorised exp can differ in the last bit) for two
classes, or scikit-learn's softmax for more.
"""

from __future__ import annotations

import math

import numpy as np

# One array per node field, all trees concatenated; ``starts`` holds each tree's first node and
# ``classes`` the class (raw-prediction column) each tree adds to. left/right are within the tree.
FIELDS = ("feature", "threshold", "missing_left", "left", "right", "leaf", "value")


class BoostedTrees:
    def __init__(self, baseline: np.ndarray, starts: np.ndarray, classes: np.ndarray, **nodes: np.ndarray):
        self.baseline = np.asarray(baseline, dtype=np.float64)  # one value per class column
        self.starts = np.asarray(starts, dtype=np.int64)
        self.classes = np.asarray(classes, dtype=np.int64)
        self.feature = np.asarray(nodes["feature"], dtype=np.int64)
        self.threshold = np.asarray(nodes["threshold"], dtype=np.float64)
        self.missing_left = np.asarray(nodes["missing_left"], dtype=bool)
        self.left = np.asarray(nodes["left"], dtype=np.int64)
        self.right = np.asarray(nodes["right"], dtype=np.int64)
        self.leaf = np.asarray(nodes["leaf"], dtype=bool)
        self.value = np.asarray(nodes["value"], dtype=np.float64)

    @classmethod
    def from_sklearn(cls, model) -> BoostedTrees:
        """A fitted scikit-learn HistGradientBoostingClassifier (numeric features only)."""
        starts, classes, nodes = [], [], []
        for iteration in model._predictors:
            for column, predictor in enumerate(iteration):
                if predictor.nodes["is_categorical"].any():
                    raise ValueError("cannot convert trees that split on categorical features")
                starts.append(sum(map(len, nodes)))
                classes.append(column)
                nodes.append(predictor.nodes)
        n = np.concatenate(nodes)
        return cls(
            model._baseline_prediction.ravel(),
            np.asarray(starts),
            np.asarray(classes),
            feature=n["feature_idx"],
            threshold=n["num_threshold"],
            missing_left=n["missing_go_to_left"],
            left=n["left"],
            right=n["right"],
            leaf=n["is_leaf"],
            value=n["value"],
        )

    def arrays(self) -> dict[str, np.ndarray]:
        """What ``BoostedTrees(**arrays)`` is built from (written by scripts/export_stance.py)."""
        return {
            "baseline": self.baseline,
            "starts": self.starts,
            "classes": self.classes,
            **{name: getattr(self, name) for name in FIELDS},
        }

    def raw_predict(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        # Fortran order as scikit-learn allocates it: the softmax's row sums then add in its order.
        raw = np.zeros((len(X), len(self.baseline)), dtype=np.float64, order="F")
        raw += self.baseline
        samples = np.arange(len(X))
        for start, column in zip(self.starts, self.classes):
            node = np.full(len(X), start, dtype=np.int64)
            inner = ~self.leaf[node]
            while inner.any():
                at = samples[inner]
                here = node[at]
                x = X[at, self.feature[here]]
                go_left = np.where(np.isnan(x), self.missing_left[here], x <= self.threshold[here])
                node[at] = start + np.where(go_left, self.left[here], self.right[here])
                inner = ~self.leaf[node]
            raw[:, column] += self.value[node]
        return raw

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        raw = self.raw_predict(X)
        if raw.shape[1] == 1:
            proba = np.empty((len(raw), 2), dtype=np.float64)
            proba[:, 1] = [_expit(v) for v in raw[:, 0]]
            proba[:, 0] = 1 - proba[:, 1]
            return proba
        shifted = raw.copy()
        shifted -= shifted.max(axis=1).reshape(-1, 1)
        np.exp(shifted, out=shifted)
        shifted /= shifted.sum(axis=1).reshape(-1, 1)
        return shifted


def _expit(v: float) -> float:
    try:
        return 1.0 / (1.0 + math.exp(-v))
    except OverflowError:  # exp(-v) beyond float range: the probability rounds to 0
        return 0.0
