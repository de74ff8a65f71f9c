"""The token states the attribution cue head reads, from the shared MiniLM graph cut after their layer.

The shipped all-MiniLM-L6-v2 graph (link/embeddings.py, data/models/minilm/) outputs the sentence vector
and, as ``token_states``, an inner layer's per-piece states. onnxruntime runs every node of a graph
whatever outputs are asked for, so reading the third layer's states on the whole graph cost the six
layers (~4 ms per sentence). The shared encoder's ``piece_states`` runs the same file with every node
that does not lead to ``token_states`` removed (link/graph_cut.py): the same numbers, computed by the same
nodes, in about half the time, with no second model file shipped; and it keeps the last sentences'
states, so every reader of a sentence's token states (this cue head, the MiniLM entity taggers) shares
one encoder call.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimgraph.link.embeddings import MINILM_DIR, cut_session, word_means
from claimgraph.link.graph_cut import keep_output

__all__ = ["TokenStates", "keep_output"]


class TokenStates:
    """``MiniLMEncoder.token_states`` on the graph cut after the token-states layer: the shared encoder's
    word pieces (``word_piece_feed``) and word means. On the encoder's own model directory (the default) it
    is the encoder's ``piece_states``, whose states other readers of the same sentence share; on another
    directory, a cut session of its own."""

    def __init__(self, encoder, directory: Path = MINILM_DIR) -> None:
        self.encoder = encoder
        self.shared = Path(directory) == Path(encoder.directory)
        # the cut graph is loaded here, so that a directory that cannot be cut is named at once
        self.session = encoder.states_session() if self.shared else cut_session(Path(directory), threads=1)

    def __call__(self, words: Sequence[str], rows: Sequence[int] | None = None) -> np.ndarray:
        """(words, dim) float32: each word's mean piece state, as ``MiniLMEncoder.token_states``; with
        ``rows``, only those words' (the same numbers)."""
        if not words:
            return np.zeros((0, self.encoder.dim), dtype=np.float32)
        if self.shared:
            return self.encoder.token_states(words, rows)
        feed, owner = self.encoder.word_piece_feed(words)
        states = self.session.run(None, {"input_ids": feed, "attention_mask": np.ones_like(feed)})[0]
        return word_means(states[0], owner, len(words), rows)
