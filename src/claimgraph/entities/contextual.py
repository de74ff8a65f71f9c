"""An accurate-mode entity tagger: the re3d word CRF plus MiniLM's contextual token states.

The shipped all-MiniLM-L6-v2 graph (link/embeddings.py, docs/models/minilm.md) also outputs the hidden
states of its third encoder layer; each tagger token's state (the mean of its word pieces') is
standardised and projected onto 48 principal directions (learned on re3d train), and those 48 numbers
are real-valued CRF attributes ``m0`` ... ``m47`` beside the word CRF's features
(docs/models/entities_accurate.md, "MiniLM token states"). Chosen by ``--entity-tagger crf-minilm``;
``scripts/train_entities_minilm_probe.py --write`` trains it on exactly these features.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

import numpy as np

from claimgraph.entities.ner import (
    CLUSTERS_FILE,
    EntityMention,
    EntityTagger,
    _data_dir,
    load_lexicons,
    read_clusters,
    tokenize,
)

MODEL_FILE = "entities_re3d_minilm.crfsuite"
PROJECTION_FILE = "entities_re3d_minilm.npz"  # mean, sd, basis (384 x k), scale (k): states -> attributes


def project(states: np.ndarray, projection) -> np.ndarray:
    """(words, 384) token states -> (words, k) CRF attribute values."""
    return (((states - projection["mean"]) / projection["sd"]) @ projection["basis"]) / projection["scale"]


class MiniLMTagger(EntityTagger):
    """The CRF tagger whose emissions add the weighted, projected MiniLM state of each token."""

    def __init__(self, model_path, lexicons, clusters, projection, encoder) -> None:
        super().__init__(model_path, lexicons, clusters)
        self.encoder = encoder
        self.projection = {k: np.asarray(projection[k], dtype=np.float64) for k in ("mean", "sd", "basis", "scale")}
        k = self.projection["basis"].shape[1]
        self._dense = np.stack([self.crf.state[self.crf.row(f"m{j}")] for j in range(k)])

    @classmethod
    def load(cls, **more) -> MiniLMTagger:
        """The shipped model over the shared accurate encoder (raises link.embeddings.EmbeddingUnavailable
        without onnxruntime); ``more``: a subclass's own constructor arguments."""
        from claimgraph.link.embeddings import Embedder

        data = _data_dir()
        encoder = Embedder("accurate")._encoder
        with resources.as_file(data / "models" / MODEL_FILE) as model_path:
            with np.load(str(data / "models" / PROJECTION_FILE)) as projection:
                return cls(
                    model_path,
                    load_lexicons(),
                    read_clusters(data / "models" / CLUSTERS_FILE),
                    projection,
                    encoder,
                    **more,
                )

    def emissions(self, sentences: Sequence[Sequence[str]], extra=None) -> list[np.ndarray]:
        """The word CRF's state scores plus each token's projected MiniLM state times its weights."""
        out = super().emissions(sentences, extra)
        for scores, words in zip(out, sentences):
            if len(words):
                scores += project(self.encoder.token_states(words), self.projection) @ self._dense
        return out

    def parsed_entities(
        self, text: str, shadow: str, spans: Sequence[tuple[int, int]], truecaser=None
    ) -> list[EntityMention]:
        """Mentions in the sentence ``spans`` of ``shadow`` (``text`` as the tagger reads it; the signature
        of ``ParsedTagger.parsed_entities``, so the entity stage calls either the same way)."""
        sentences = []
        for s, e in spans:
            tokens = tokenize(shadow[s:e])
            if tokens:
                sentences.append([(s + a, s + b, w) for a, b, w in tokens])
        return self._tag_spans(shadow, sentences)
