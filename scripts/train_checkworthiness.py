"""Train the check-worthiness model shipped as src/claimgraph/data/models/checkworthiness.npz.

Data: the train lines of tests/fixtures/claims/checkworthiness_sentences.tsv (project-written,
synthetic, graded 0-3; split by sha1 % 3, dev never seen here). Target: grade >= 2 (checkable).
Model: L2-regularised logistic regression over ``claimgraph.claims.detect.FEATURES`` (computed by
``worth_features``, exactly as the claim stage does), fitted by Newton's method in numpy; CPU, a second.

    .venv/bin/python scripts/train_checkworthiness.py [--l2 1.0] [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))  # claimgraph_eval

from claimgraph.claims.detect import FEATURES, worth_features  # noqa: E402
from claimgraph.claims.lexicon import load_lexicon  # noqa: E402
from claimgraph_eval.worth_set import attributed, average_precision, load_worth_set, quantity_count  # noqa: E402

OUT = REPO / "src" / "claimgraph" / "data" / "models" / "checkworthiness.npz"


def features(text: str, lex) -> np.ndarray:
    x, _, _ = worth_features(
        text, 0, len(text), lex, quantities=lambda: quantity_count(text), attributed=attributed(text, lex)
    )
    return x


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method; the bias is not regularised."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights (default 1.0)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    lex = load_lexicon("en")
    train = [line for line in load_worth_set() if line.split == "train"]
    x = np.array([features(line.sentence, lex) for line in train])
    y = np.array([1.0 if line.positive else 0.0 for line in train])
    weights, bias = fit(x, y, args.l2)
    np.savez(args.out, features=np.array(FEATURES), weights=weights, bias=np.array(bias))
    scores = 1 / (1 + np.exp(-(x @ weights + bias)))
    ap_train = average_precision(list(scores), list(y > 0))
    print(f"trained on {len(train)} train lines ({int(y.sum())} checkable); train AP {ap_train:.3f}")
    for name, w in sorted(zip(FEATURES, weights), key=lambda t: -abs(t[1])):
        print(f"  {name:<13}{w:+.2f}")
    print(f"  {'bias':<13}{bias:+.2f}\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
