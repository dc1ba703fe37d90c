"""Sentence-level baselines, scored on the same items as the auditor.

* chrF, BLEU, TER: sacrebleu sentence scores alone (default chrF2; BLEU with
  effective order and exp smoothing; TER case-insensitive, as the auditor's own
  metric settings); drift score = 100 - chrF, 100 - BLEU, TER.
* cosine: 1 - cosine of the sentence embeddings of the auditor's model.
* BERTScore-style: greedy matching of the same model's contextual token embeddings
  (Zhang et al., 2020, without idf weighting or rescaling): each token is matched to
  its most similar token on the other side, precision/recall are the mean best
  similarities, F1 their harmonic mean; drift score = 1 - F1. Special tokens are left
  out. Every hidden layer is scored; the run picks the layer with the best dev AUC.
  Candidate tokens whose best match stays below a dev-fitted threshold are its spans.

Higher scores mean more drift for every baseline, like the auditor's score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring.embed import Embedder


@dataclass(frozen=True)
class LexicalScores:
    """Drift scores of one pair from sacrebleu: 100-chrF, 100-BLEU, TER."""

    chrf: float
    bleu: float
    ter: float


class Lexical:
    """sacrebleu's sentence-level chrF, BLEU and TER, the original as the reference."""

    def __init__(self) -> None:
        from sacrebleu.metrics import BLEU, CHRF, TER

        self.chrf = CHRF()
        self.bleu = BLEU(effective_order=True, smooth_method="exp")
        self.ter = TER()

    def score(self, original: str, candidate: str) -> LexicalScores:
        """(original, candidate) in; drift scores out (higher = further apart)."""
        return LexicalScores(
            chrf=100.0 - self.chrf.sentence_score(candidate, [original]).score,
            bleu=100.0 - self.bleu.sentence_score(candidate, [original]).score,
            ter=self.ter.sentence_score(candidate, [original]).score,
        )


def cosine_drift(embedder: Embedder, pairs: Sequence[tuple[str, str]]) -> list[float]:
    """1 - cosine of the unit sentence vectors of each (original, candidate) pair."""
    texts = sorted({t for pair in pairs for t in pair})
    vectors = dict(zip(texts, embedder.encode(texts), strict=True))
    return [1.0 - float(vectors[o] @ vectors[c]) for o, c in pairs]


@dataclass(frozen=True)
class TokenStates:
    """Contextual token vectors of one text: character spans (n, 2) and unit vectors
    per hidden layer (layers, n, dim); special tokens excluded."""

    spans: np.ndarray
    layers: np.ndarray


@dataclass(frozen=True)
class BertScore:
    """Greedy-matching scores of one pair for every layer: F1 (layers,) and, per
    candidate token, its best similarity to the original (layers, n_candidate)."""

    f1: np.ndarray
    candidate_best: np.ndarray
    candidate_spans: np.ndarray


def torch_model(auditor: Any) -> Any:
    """The auditor's model as a sentence-transformers (torch) model, for the BERTScore
    baseline, which reads every hidden layer (the ONNX graph gives two)."""
    from scoring.embed import load_embedder

    config = auditor.config
    return load_embedder(config.model, config.device, config.batch_size, config.metrics.token_layer, "torch").model


class BertScorer:
    """BERTScore-style greedy token matching with a sentence-transformers model's
    own transformer (the model the auditor uses), all layers at once."""

    def __init__(self, model: Any, batch_size: int = 32) -> None:
        self.model = model
        self.tokenizer = model.tokenizer
        self.transformer = model[0].auto_model
        self.batch_size = batch_size
        self._cache: dict[str, TokenStates] = {}

    @property
    def n_layers(self) -> int:
        return int(self.transformer.config.num_hidden_layers) + 1  # embeddings + each layer

    def states(self, texts: Sequence[str]) -> list[TokenStates]:
        """Token vectors of `texts` (cached by text)."""
        import torch

        todo = sorted({t for t in texts if t not in self._cache}, key=len)
        for k in range(0, len(todo), self.batch_size):
            batch = todo[k : k + self.batch_size]
            features = self.tokenizer(batch, padding=True, truncation=True, max_length=256, return_tensors="pt",
                                      return_offsets_mapping=True, return_special_tokens_mask=True)
            offsets = features.pop("offset_mapping").numpy()
            special = features.pop("special_tokens_mask").numpy()
            with torch.inference_mode():
                out = self.transformer(**features, output_hidden_states=True)
            hidden = torch.stack(out.hidden_states).float().numpy()  # (layers, batch, seq, dim)
            mask = features["attention_mask"].numpy()
            for row, text in enumerate(batch):
                keep = (mask[row] == 1) & (special[row] == 0)
                vectors = hidden[:, row, keep, :]
                norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
                norms[norms == 0] = 1.0
                self._cache[text] = TokenStates(offsets[row][keep], (vectors / norms).astype(np.float32))
        return [self._cache[t] for t in texts]

    def score(self, original: str, candidate: str) -> BertScore:
        """Greedy-matching F1 per layer and the candidate tokens' best matches."""
        o, c = self.states([original, candidate])
        sims = np.einsum("lcd,lod->lco", c.layers, o.layers)  # (layers, n_c, n_o)
        if sims.shape[1] == 0 or sims.shape[2] == 0:
            zeros = np.zeros(self.n_layers)
            return BertScore(zeros, np.zeros((self.n_layers, sims.shape[1])), c.spans)
        c_best = sims.max(axis=2)
        precision = c_best.mean(axis=1)
        recall = sims.max(axis=1).mean(axis=1)
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-9)
        return BertScore(f1, c_best, c.spans)
