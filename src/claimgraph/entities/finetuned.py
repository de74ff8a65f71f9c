"""An accurate-mode entity tagger: crf-minilm's CRF plus MiniLM's top layers fine-tuned for re3d's types.

The shipped all-MiniLM-L6-v2 graph (docs/models/minilm.md) outputs its third encoder layer's states
per word piece (``token_states``). crf-minilm (entities/contextual.py) reads each word's mean state;
a second, small int8 graph (``entities_re3d_top.int8.onnx``, scripts/train_entities_finetune.py)
holds copies of layers 4-6 fine-tuned on re3d train with a linear head: the same piece states in,
per-piece label scores out. Each word's log-probabilities at its first piece, times a weight chosen
on a train fold, are added to crf-minilm's emissions, and the CRF decodes. One encoder call per
sentence serves both. Chosen by ``--entity-tagger crf-minilm-tuned`` (docs/models/entities_finetuned.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np

from claimgraph.entities.contextual import MiniLMTagger, project
from claimgraph.entities.ner import ENTITY_TYPES, EntityTagger, _data_dir

MODEL_FILE = "entities_re3d_top.int8.onnx"
META_FILE = "entities_re3d_top.json"
# re3d's BIO labels, O first (the order of the graph's output columns)
LABELS = ("O", *(f"{p}-{t}" for t in sorted(ENTITY_TYPES) for p in ("B", "I")))
CUT = -30.0  # log-probability floor; a word past the encoder's piece limit is certainly O


class TopLayers:
    """The fine-tuned layers 4-6 and head (one onnxruntime session) and the weight of their scores."""

    def __init__(self, session, weight: float) -> None:
        self.session = session
        self.weight = weight
        self._output = session.get_outputs()[0].name

    @classmethod
    def load(cls) -> TopLayers:
        """The shipped graph (raises link.embeddings.EmbeddingUnavailable without onnxruntime or when a
        file cannot be read)."""
        from claimgraph.link.embeddings import EmbeddingUnavailable

        path = _data_dir() / "models" / MODEL_FILE
        try:
            import onnxruntime as ort

            meta = json.loads((_data_dir() / "models" / META_FILE).read_text(encoding="utf-8"))
            if tuple(meta["labels"]) != LABELS:
                raise ValueError(f"labels {meta['labels']} are not {LABELS}")
            options = ort.SessionOptions()
            options.intra_op_num_threads = options.inter_op_num_threads = 1
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            return cls(session, float(meta["crf_weight"]))
        except ImportError as exc:
            raise EmbeddingUnavailable(f"the fine-tuned entity layers run on onnxruntime ({exc})") from exc
        except Exception as exc:  # onnxruntime raises its own types for a missing or unreadable graph
            raise EmbeddingUnavailable(f"{path}: cannot load the fine-tuned entity layers: {exc}") from exc

    def log_probs(self, states: np.ndarray, owner: Sequence[int], n_words: int) -> np.ndarray:
        """(n_words, LABELS) log-probabilities at each word's first piece (``piece_states`` output)."""
        from claimgraph.link.embeddings import first_pieces

        out = np.full((n_words, len(LABELS)), CUT)
        out[:, 0] = 0.0
        first = first_pieces(owner)
        if first:
            logits = self.session.run([self._output], {"states": states[None]})[0][0][first].astype(np.float64)
            logits -= logits.max(axis=1, keepdims=True)
            out[: len(first)] = np.maximum(logits - np.log(np.exp(logits).sum(axis=1, keepdims=True)), CUT)
        return out


class TunedMiniLMTagger(MiniLMTagger):
    """crf-minilm's CRF whose emissions also add the fine-tuned layers' weighted log-probabilities."""

    def __init__(self, model_path, lexicons, clusters, projection, encoder, top: TopLayers) -> None:
        super().__init__(model_path, lexicons, clusters, projection, encoder)
        self.top = top
        self._order = [LABELS.index(label) for label in self.crf.labels]  # graph columns in the CRF's order

    @classmethod
    def load(cls) -> TunedMiniLMTagger:
        return super().load(top=TopLayers.load())

    def emissions(self, sentences: Sequence[Sequence[str]], extra=None) -> list[np.ndarray]:
        """The word CRF's state scores, the projected mean states times their weights (crf-minilm), and
        the fine-tuned log-probabilities times ``top.weight``: one encoder call per sentence."""
        from claimgraph.link.embeddings import word_means

        out = EntityTagger.emissions(self, sentences, extra)
        for scores, words in zip(out, sentences):
            if len(words):
                states, owner = self.encoder.piece_states(words)
                scores += project(word_means(states, owner, len(words)), self.projection) @ self._dense
                scores += self.top.weight * self.top.log_probs(states, owner, len(words))[:, self._order]
        return out
