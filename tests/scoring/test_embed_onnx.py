"""Stage 3, embed, ONNX backend: the same vectors as sentence-transformers on torch.

The session's auditor runs the default encoder (the int8 ONNX graph); these tests hold
it against the model in torch, fp32, on the seed sentences.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bench.speed import seed_texts
from scoring.embed import OnnxEmbedder, SentenceTransformerEmbedder, load_embedder, resolve_model_path
from scoring.embed_onnx import OnnxGraph, graph_path, read_layout
from scoring.errors import ModelUnavailable

MODEL_DIR = Path(resolve_model_path("all-MiniLM-L6-v2"))


@pytest.fixture(scope="module")
def seed_sentences(auditor: Any, seeds: dict[str, str]) -> list[str]:
    """The sentences bench/speed.py times: content and headings of the seeds, each once."""
    return seed_texts(auditor, seeds)


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(cache_size=10_000)


def test_the_default_encoder_is_int8_onnx(auditor: Any) -> None:
    assert isinstance(auditor.embedder, OnnxEmbedder)
    assert auditor.embedder.backend == "onnx-int8"
    assert "@onnx-int8" in auditor.signature()["short"]


def test_tokens_and_offsets_match_the_models_own_tokenizer(auditor: Any, torch_embedder: Any,
                                                           seed_sentences: list[str]) -> None:
    texts = [*seed_sentences, "Ünïcödé façade — naïve café", "x" * 3000]
    ids, _types, offsets = auditor.embedder.graph.tokenize(texts)
    expected = torch_embedder.model.tokenizer(texts, truncation=True, max_length=256, return_offsets_mapping=True)
    assert ids == expected["input_ids"]
    for got, want in zip(offsets, expected["offset_mapping"], strict=True):
        np.testing.assert_array_equal(got, np.asarray(want).reshape(-1, 2))


def test_int8_sentence_vectors_agree_with_torch(auditor: Any, torch_embedder: Any,
                                                seed_sentences: list[str]) -> None:
    int8 = auditor.embedder.encode(seed_sentences)
    fp32 = torch_embedder.encode(seed_sentences)
    cosines = np.sum(int8 * fp32, axis=1)
    assert cosines.min() > 0.97, f"worst sentence cosine {cosines.min():.4f}"
    assert np.median(cosines) > 0.99
    # What the aligner and the drift model read is the cosine between two sentences:
    # int8 moves it by little.
    pairs_int8 = int8[:-1] @ int8[1:].T
    pairs_fp32 = fp32[:-1] @ fp32[1:].T
    assert float(np.abs(pairs_int8 - pairs_fp32).mean()) < 0.02


def test_fp32_graph_is_the_torch_model(torch_embedder: Any, seed_sentences: list[str]) -> None:
    onnx_fp32 = load_embedder(encoder="onnx-fp32")
    got = onnx_fp32.encode(seed_sentences[:40])
    want = torch_embedder.encode(seed_sentences[:40])
    np.testing.assert_allclose(np.sum(got * want, axis=1), 1.0, atol=1e-4)
    for a, b in zip(onnx_fp32.words(seed_sentences[:10]), torch_embedder.words(seed_sentences[:10]), strict=True):
        assert a is not None and b is not None and a.spans == b.spans
        np.testing.assert_allclose(np.sum(a.vectors * b.vectors, axis=1), 1.0, atol=1e-3)


def test_int8_word_vectors_keep_the_words_apart(auditor: Any, torch_embedder: Any,
                                                seed_sentences: list[str]) -> None:
    for a, b in zip(auditor.embedder.words(seed_sentences[:30]), torch_embedder.words(seed_sentences[:30]),
                    strict=True):
        assert a is not None and b is not None
        assert a.spans == b.spans
        assert float(np.sum(a.vectors * b.vectors, axis=1).mean()) > 0.95


def test_a_second_load_uses_the_exported_graph(auditor: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import scoring.embed_onnx as embed_onnx

    def no_export(*_args: Any) -> Path:
        raise AssertionError("exported again although the graph is in the cache")

    monkeypatch.setattr(embed_onnx, "export_graph", no_export)
    graph = OnnxGraph(MODEL_DIR, 4, "int8")
    assert graph.path == graph_path(MODEL_DIR, 4, "int8")
    np.testing.assert_allclose(graph.encode(["The Kremlin rejected the allegations."]),
                               auditor.embedder.encode(["The Kremlin rejected the allegations."]), atol=1e-5)


def test_a_model_with_other_modules_is_refused_with_a_hint(tmp_path: Path) -> None:
    for name in ("config.json", "tokenizer.json", "sentence_bert_config.json"):
        (tmp_path / name).write_bytes((MODEL_DIR / name).read_bytes())
    modules = json.loads((MODEL_DIR / "modules.json").read_text(encoding="utf-8"))
    modules.insert(2, {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"})
    (tmp_path / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    with pytest.raises(ModelUnavailable) as info:
        read_layout(tmp_path)
    assert "DRIFTAUDIT_ENCODER=torch" in info.value.hint


def test_without_torch_a_missing_graph_says_how_to_get_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A serving-only install (no `model` extra, as in the Docker image) with an empty cache."""
    import sys

    monkeypatch.setitem(sys.modules, "torch", None)  # import torch -> ImportError
    with pytest.raises(ModelUnavailable) as info:
        OnnxGraph(MODEL_DIR, 4, "int8", cache_dir=tmp_path)
    assert "driftaudit[model]" in info.value.hint and "prepare-model" in info.value.hint
    assert not list(tmp_path.rglob("*.onnx"))
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ModelUnavailable) as info:
        SentenceTransformerEmbedder()
    assert "driftaudit[model]" in info.value.hint


def test_an_unknown_encoder_is_a_clear_error() -> None:
    with pytest.raises(ModelUnavailable) as info:
        load_embedder(encoder="onnx-int4")
    assert "onnx-int8" in info.value.hint


def test_a_vector_does_not_depend_on_the_texts_encoded_with_it(seed_sentences: list[str]) -> None:
    """Reports reproduce whatever the cache held: the int8 encoder runs one text at a time."""
    fresh = OnnxEmbedder(cache_size=10_000)
    together = fresh.encode(seed_sentences[:20])
    fresh.clear_cache()
    alone = np.stack([fresh.encode([text])[0] for text in seed_sentences[:20]])
    np.testing.assert_array_equal(together, alone)


def test_runs_on_all_cores_at_once_give_the_vectors_of_one_run_at_a_time(seed_sentences: list[str]) -> None:
    """The int8 encoder runs single-threaded passes side by side: the sentence and word
    vectors are bit-identical to passes one after another with every core."""
    side_by_side = OnnxEmbedder(cache_size=10_000)
    side_by_side.parallel_runs = 2  # even on a one-core machine
    one_by_one = OnnxEmbedder(cache_size=10_000)
    one_by_one.parallel_runs = 1
    one_by_one.graph = OnnxGraph(MODEL_DIR, 4, "int8")  # each run on all cores
    texts = seed_sentences[:40]
    np.testing.assert_array_equal(side_by_side.encode(texts), one_by_one.encode(texts))
    for a, b in zip(side_by_side.words(texts), one_by_one.words(texts), strict=True):
        assert a is not None and b is not None
        np.testing.assert_array_equal(a.vectors, b.vectors)
    assert side_by_side.sentences_encoded == one_by_one.sentences_encoded == len(set(texts))
