"""Stage 3, embed: the real all-MiniLM-L6-v2 model (loaded once per worker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from scoring.embed import WORD, SentenceTransformerEmbedder, resolve_model_path
from scoring.errors import ModelUnavailable

TEXTS = [
    "North Korea is sending its citizens to help Russia's military fight Ukraine.",
    "The Kremlin rejected the allegations on Thursday.",
    "Warner Bros. Discovery said the U.S. release was delayed.",
]


@pytest.fixture(scope="module")
def embedder(auditor: Any) -> Any:
    return auditor.embedder


def test_vectors_are_unit_norm(embedder: Any) -> None:
    vectors = embedder.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), embedder.dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_empty_batch(embedder: Any) -> None:
    assert embedder.encode([]).shape == (0, embedder.dim)


def test_cache_returns_identical_arrays(embedder: Any) -> None:
    first = embedder.encode(TEXTS)
    again = embedder.encode(TEXTS)
    np.testing.assert_array_equal(first, again)
    alone = embedder.encode([TEXTS[1]])
    np.testing.assert_array_equal(alone[0], first[1])
    before = embedder.sentences_encoded
    embedder.encode(list(reversed(TEXTS)))
    assert embedder.sentences_encoded == before, "cached texts were encoded again"


def test_similar_sentences_are_closer(embedder: Any) -> None:
    a, b, c = embedder.encode([
        "The Kremlin rejected the allegations on Thursday.",
        "On Thursday the Kremlin denied the accusations.",
        "Heavy rain flooded the coastal town overnight.",
    ])
    assert float(a @ b) > float(a @ c) + 0.2


def test_word_vectors_index_words(embedder: Any) -> None:
    for text, words in zip(TEXTS, embedder.words(TEXTS), strict=True):
        assert words is not None
        assert len(words.spans) == len(words.vectors) > 0
        expected = [(m.start(), m.end()) for m in WORD.finditer(text)]
        assert list(words.spans) == expected
        for s, e in words.spans:
            assert text[s:e].strip() == text[s:e] and any(ch.isalnum() for ch in text[s:e])
        np.testing.assert_allclose(np.linalg.norm(words.vectors, axis=1), 1.0, atol=1e-4)


def test_word_vectors_cached(embedder: Any) -> None:
    first = embedder.words([TEXTS[0]])[0]
    again = embedder.words([TEXTS[0]])[0]
    assert first.spans == again.spans
    np.testing.assert_array_equal(first.vectors, again.vectors)


def test_default_model_path_resolves() -> None:
    path = Path(resolve_model_path("all-MiniLM-L6-v2"))
    assert path.is_dir()
    assert (path / "config.json").exists() or (path / "modules.json").exists()


def test_missing_model_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable):
        resolve_model_path(str(tmp_path / "no-such-model"))


def test_non_model_directory_raises(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a model", encoding="utf-8")
    with pytest.raises(ModelUnavailable) as info:
        resolve_model_path(str(tmp_path))
    assert info.value.hint


def test_loading_a_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable):
        SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))


def test_cache_is_bounded_and_never_drops_what_a_call_needs() -> None:
    from scoring.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(cache_size=8)
    first = [f"Sentence number {i} about the harbour." for i in range(12)]
    vectors = embedder.encode(first)  # more than the cache holds, in one call: all returned
    assert vectors.shape[0] == 12
    embedder.encode(["Another sentence entirely."])
    assert len(embedder._sentences) <= 12
    again = embedder.encode(first[:4])  # evicted texts are encoded again, identically
    assert np.allclose(again, vectors[:4], atol=1e-5)
    words = embedder.words(first[:2])
    assert all(w is not None for w in words)
