"""Linear-chain CRF inference in numpy, over the weights of a model trained with crfsuite.

crfsuite scores a label sequence as the sum of the weights of its (attribute, label) state
features and (label, label) transitions. Summed per attribute set, the state weights are one
vector per token, so a caller can cache that vector per word type (vocabulary repeats heavily)
instead of building feature strings for every token: that, and decoding every sentence of a
document in one batch, is what makes the tagger cheap (docs/performance.md).
``viterbi`` gives crfsuite's labels; ``marginals`` its per-token marginals (forward-backward).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np


class LinearChainCRF:
    """State weights (one row per attribute, a zero row for unknown ones) and transitions."""

    def __init__(self, labels: Sequence[str], attributes: Sequence[str], state: np.ndarray, transitions: np.ndarray):
        self.labels = tuple(labels)
        self.label_index = {label: i for i, label in enumerate(self.labels)}
        self.attribute_index = {a: i for i, a in enumerate(attributes)}
        self.unknown = len(attributes)  # the zero row
        self.state = np.vstack([state, np.zeros((1, len(self.labels)))])
        self.transitions = transitions

    @classmethod
    def from_crfsuite(cls, path: str | Path) -> LinearChainCRF:
        """Read a crfsuite model file (its own dump, via python-crfsuite)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        tagger.close()
        labels = sorted(info.labels, key=info.labels.get)
        label_of = {label: i for i, label in enumerate(labels)}
        attributes = sorted({a for a, _ in info.state_features})
        attr_of = {a: i for i, a in enumerate(attributes)}
        state = np.zeros((len(attributes), len(labels)))
        for (attr, label), weight in info.state_features.items():
            state[attr_of[attr], label_of[label]] = weight
        transitions = np.zeros((len(labels), len(labels)))
        for (src, dst), weight in info.transitions.items():
            transitions[label_of[src], label_of[dst]] = weight
        return cls(labels, attributes, state, transitions)

    def row(self, attribute: str) -> int:
        return self.attribute_index.get(attribute, self.unknown)

    def vector(self, attributes: Iterable[str]) -> np.ndarray:
        """Summed state weights of ``attributes`` (unknown ones weigh nothing)."""
        rows = [r for r in (self.attribute_index.get(a) for a in attributes) if r is not None]
        return self.state[rows].sum(axis=0) if rows else np.zeros(len(self.labels))

    # ------------------------------------------------------------------ decoding, batched
    # Sentences are sorted longest first, so at position t the sentences still running are a
    # prefix of the batch: each step is a few numpy calls over that prefix, whatever the batch.

    def _sorted(self, emissions: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(order, lengths in that order, padded emissions in that order, running count per position)."""
        lengths = np.array([len(e) for e in emissions])
        order = np.argsort(-lengths, kind="stable")
        lengths = lengths[order]
        padded = np.zeros((len(emissions), int(lengths[0]), len(self.labels)))
        for row, s in enumerate(order.tolist()):
            padded[row, : lengths[row]] = emissions[s]
        running = (lengths[None, :] > np.arange(int(lengths[0]))[:, None]).sum(axis=1)
        return order, lengths, padded, running

    def viterbi(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """The best label index sequence of each sentence (emissions: one (n, L) array each)."""
        emissions = [e for e in emissions]
        if not emissions:
            return []
        if not all(len(e) for e in emissions):
            raise ValueError("viterbi: empty sentence")
        order, lengths, em, running = self._sorted(emissions)
        n_pos, batch, n_labels = em.shape[1], len(emissions), len(self.labels)
        from_to = self.transitions[:, None, :]
        # forward: the best score of each label at each position; laid out (from label, sentence,
        # to label) so that the max runs over the outer axis, one long contiguous loop per step.
        # Each step writes into buffers made once (a max and a sum: exact, whatever the layout)
        deltas = np.empty((n_pos, batch, n_labels))
        deltas[0] = em[:, 0]
        scores = np.empty((n_labels, batch, n_labels))
        for t, a in enumerate(running[1:].tolist(), start=1):
            np.add(deltas[t - 1, :a].T[:, :, None], from_to, out=scores[:, :a])
            best = deltas[t, :a]
            np.max(scores[:, :a], axis=0, out=best)
            best += em[:a, t]
        # back-pointers only for the labels on the best paths: the argmax over the previous label
        # of the same sums the forward pass maximised (so ties break as a full back-pointer table would);
        # row j of the transposed transitions holds the weights into label j
        into = self.transitions.T.copy()
        label = deltas[lengths - 1, np.arange(batch)].argmax(axis=1)
        path = np.zeros(em.shape[:2], dtype=np.intp)
        for t in range(n_pos - 1, 0, -1):
            a = int(running[t])
            path[:a, t] = label[:a]
            label[:a] = (deltas[t - 1, :a] + into[label[:a]]).argmax(axis=1)
        path[:, 0] = label
        out: list[np.ndarray] = [np.empty(0, dtype=np.intp)] * len(emissions)
        for row, s in enumerate(order.tolist()):
            out[s] = path[row, : lengths[row]]
        return out

    def marginals(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """P(label at t | sentence) for every token, (n, L) per sentence (forward-backward).

        In probability space with every step rescaled: a constant factor on all paths through a
        position cancels when that position's alpha * beta is normalised.
        """
        emissions = [e for e in emissions]
        if not emissions:
            return []
        order, lengths, em, running = self._sorted(emissions)
        n_pos = em.shape[1]
        potentials = np.exp(em - em.max(axis=2, keepdims=True))
        step = np.exp(self.transitions)
        alpha = np.ones_like(em)
        alpha[:, 0] = potentials[:, 0]
        # each step's product scaled in place and divided straight into alpha (beta): the same
        # operations on the same arrays as building new ones, fewer temporaries
        for t, a in enumerate(running[1:].tolist(), start=1):
            nxt = alpha[:a, t - 1] @ step
            nxt *= potentials[:a, t]
            np.divide(nxt, nxt.sum(axis=1, keepdims=True), out=alpha[:a, t])
        beta = np.ones_like(em)  # at each sentence's last token (and the padding beyond it)
        for t in range(n_pos - 2, -1, -1):
            a = int(running[t + 1])  # sentences with a token after t
            nxt = (potentials[:a, t + 1] * beta[:a, t + 1]) @ step.T
            np.divide(nxt, nxt.sum(axis=1, keepdims=True), out=beta[:a, t])
        # normalised in one go for the whole batch (the padding holds ones: no 0/0), then cut
        joint = alpha * beta
        joint /= joint.sum(axis=2, keepdims=True)
        out: list[np.ndarray] = [np.empty((0, len(self.labels)))] * len(emissions)
        for row, s in enumerate(order.tolist()):
            out[s] = joint[row, : lengths[row]]
        return out
