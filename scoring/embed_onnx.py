"""Stage 3, embed, on ONNX Runtime: the same sentence and word vectors without torch.

In: a sentence-transformers model directory (Transformer -> mean or CLS Pooling ->
Normalize, a fast tokenizer). Out: `OnnxGraph`, which runs the model's transformer as
an ONNX graph with two outputs, the last layer (pooled here into the sentence vector,
as sentence-transformers pools it) and hidden layer `token_layer` (for word vectors).

The graph is exported once from the model's weights with torch (`export_graph`) into a
cache directory, and optionally quantised to int8 (dynamic quantisation, per output
channel, of the weights of every matrix product: int8 kernels are 2-4x faster than
float32 on CPUs with VNNI).
Serving loads only onnxruntime and tokenizers: no torch, a start-up of a second or two.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from scoring.errors import ModelUnavailable

log = logging.getLogger("driftaudit.embed")
# No onnxruntime usage telemetry: it also tries to write a device id under $HOME, and
# says so on stderr where $HOME is read-only (a container). Read when onnxruntime loads.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

Precision = Literal["fp32", "int8"]
# Bump when the exported graph changes shape or meaning: old exports are then ignored.
# 3: int8 weights in 7 bits (reduce_range)
EXPORT_FORMAT = 3
OPSET = 17


@dataclass(frozen=True)
class ModelLayout:
    """What a sentence-transformers directory says about how to run it."""

    pooling: Literal["mean", "cls"]
    max_seq_length: int
    input_names: tuple[str, ...]


def read_layout(model_dir: Path) -> ModelLayout:
    """Check that `model_dir` is a plain Transformer -> Pooling (-> Normalize) model the
    ONNX path can run; ModelUnavailable saying what is not supported otherwise."""
    modules_file = model_dir / "modules.json"
    if not (model_dir / "tokenizer.json").is_file() or not modules_file.is_file():
        raise ModelUnavailable(f"{model_dir} has no tokenizer.json or modules.json, which the ONNX encoder needs",
                               "use DRIFTAUDIT_ENCODER=torch for this model")
    modules = json.loads(modules_file.read_text(encoding="utf-8"))
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
        raise ModelUnavailable(f"the ONNX encoder runs Transformer -> Pooling -> Normalize models, not {kinds}",
                               "use DRIFTAUDIT_ENCODER=torch for this model")
    pooling_dir = model_dir / str(modules[1].get("path") or "1_Pooling")
    pooling_conf = json.loads((pooling_dir / "config.json").read_text(encoding="utf-8"))
    if pooling_conf.get("pooling_mode_mean_tokens"):
        pooling: Literal["mean", "cls"] = "mean"
    elif pooling_conf.get("pooling_mode_cls_token"):
        pooling = "cls"
    else:
        raise ModelUnavailable("the ONNX encoder pools by mean or CLS token only",
                               "use DRIFTAUDIT_ENCODER=torch for this model")
    max_len = 512
    st_conf = model_dir / "sentence_bert_config.json"
    if st_conf.is_file():
        max_len = int(json.loads(st_conf.read_text(encoding="utf-8")).get("max_seq_length") or max_len)
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    inputs = ("input_ids", "attention_mask") + (("token_type_ids",) if config.get("type_vocab_size", 0) else ())
    return ModelLayout(pooling, max_len, inputs)


def model_digest(model_dir: Path) -> str:
    """Content hash of the files that define the model (config, weights, tokenizer)."""
    digest = hashlib.sha256()
    for path in sorted(model_dir.rglob("*")):
        if path.is_file() and path.suffix in {".json", ".safetensors", ".bin", ".txt"} and path.name != "README.md":
            digest.update(path.relative_to(model_dir).as_posix().encode())
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """Where exported graphs live unless told: $DRIFTAUDIT_CACHE_DIR, else the user's cache."""
    given = os.environ.get("DRIFTAUDIT_CACHE_DIR")
    if given:
        return Path(given).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "driftaudit"


def graph_path(model_dir: Path, token_layer: int, precision: Precision, cache_dir: Path | None = None) -> Path:
    """The file an export of this model, layer and precision is kept in."""
    name = f"{model_digest(model_dir)}-L{token_layer}-f{EXPORT_FORMAT}"
    return (cache_dir or default_cache_dir()) / "onnx" / name / f"model-{precision}.onnx"


def export_graph(model_dir: Path, token_layer: int, precision: Precision, target: Path) -> Path:
    """Export the model's transformer to ONNX at `target` (int8: quantised after export).

    Needs torch, transformers and onnx (the `model` extra); writes through a
    temporary file, so a crash or a concurrent export never leaves a half-written graph."""
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelUnavailable("the model has no ONNX graph in the cache yet, and exporting one needs torch",
                               "pip install 'driftaudit[model]' and run `driftaudit prepare-model` (with the same "
                               "DRIFTAUDIT_CACHE_DIR), or point DRIFTAUDIT_CACHE_DIR at a cache that has the graph") from exc
    layout = read_layout(model_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.with_name("model-fp32.onnx")
    if not fp32.is_file():
        log.info("exporting the model to ONNX, once (about 15 s): %s", fp32, extra={"model": str(model_dir)})
        # Eager attention traces into plain ONNX operators; SDPA's mask handling does not.
        import transformers

        transformers.utils.logging.disable_progress_bar()
        model = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager")
        model.eval()
        layers = int(model.config.num_hidden_layers)
        if not 0 <= token_layer <= layers:
            raise ModelUnavailable(f"token layer {token_layer} does not exist (the model has {layers})",
                                   f"choose a layer from 0 to {layers}")

        class TwoLayers(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, *inputs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
                named = dict(zip(layout.input_names, inputs, strict=True))
                out = self.model(**named, output_hidden_states=True)
                return out.last_hidden_state, out.hidden_states[token_layer]

        example = tuple(torch.ones((2, 8), dtype=torch.int64) for _ in layout.input_names)
        axes = {name: {0: "batch", 1: "tokens"} for name in (*layout.input_names, "last_hidden", "token_hidden")}
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".onnx", delete=False) as tmp:
            tmp_path = Path(tmp.name)
        try:
            with torch.inference_mode(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # tracer notes about Python branches on shapes
                torch.onnx.export(TwoLayers(), example, str(tmp_path), input_names=list(layout.input_names),
                                  output_names=["last_hidden", "token_hidden"], dynamic_axes=axes,
                                  opset_version=OPSET, dynamo=False)
            tmp_path.chmod(0o644)  # readable by the service's own user when exported at image build
            os.replace(tmp_path, fp32)
        finally:
            tmp_path.unlink(missing_ok=True)
    if precision == "int8" and not target.is_file():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".onnx", delete=False) as tmp:
            tmp_path = Path(tmp.name)
        log.info("quantising the model's graph to int8, once: %s", target)
        root = logging.getLogger()
        root.addFilter(_no_preprocessing_hint)
        try:
            # Weights per output channel: one scale per tensor costs too much accuracy
            # (sentence cosine to fp32 median 0.96 on the seeds, per channel 0.993).
            # Only products with a constant weight are quantised, not attention scores.
            # Weights in 7 bits (reduce_range): on CPUs without VNNI (AVX2, AVX-512 without
            # it) ONNX Runtime multiplies 8-bit activations by 8-bit weights in instructions
            # that saturate sums of two products at 16 bits, so the vectors differed from one
            # CPU to another (a seed sentence's split and a must check with them); with 7-bit
            # weights no sum saturates, on any CPU. On an AVX2 machine, sentence cosine to fp32
            # on the seeds: median 0.9896 -> 0.9904, worst 0.953 -> 0.978.
            quantize_dynamic(str(fp32), str(tmp_path), weight_type=QuantType.QInt8, per_channel=True,
                             reduce_range=True, extra_options={"MatMulConstBOnly": True})
            tmp_path.chmod(0o644)
            os.replace(tmp_path, target)
        finally:
            root.removeFilter(_no_preprocessing_hint)
            tmp_path.unlink(missing_ok=True)
    return target


def _no_preprocessing_hint(record: logging.LogRecord) -> bool:
    """Drop onnxruntime's generic advice to pre-process image models before quantising."""
    return "pre-processing before quantization" not in record.getMessage()


@contextmanager
def _export_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock between processes on `folder` (none where fcntl does not exist)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: exports write atomically anyway
        yield
        return
    with (folder / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def available_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class OnnxGraph:
    """A loaded graph and tokenizer: token ids in, (sentence vectors, token-layer states) out."""

    def __init__(self, model_dir: Path, token_layer: int = 4, precision: Precision = "int8",
                 cache_dir: Path | None = None, threads: int = 0, single_threaded_runs: bool = False) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailable("the ONNX encoder needs onnxruntime and tokenizers",
                                   "pip install onnxruntime, or set DRIFTAUDIT_ENCODER=torch") from exc
        self.layout = read_layout(model_dir)
        path = graph_path(model_dir, token_layer, precision, cache_dir)
        if not path.is_file():
            with _export_lock(path.parent):  # processes starting together export once
                if not path.is_file():
                    export_graph(model_dir, token_layer, precision, path)
        self.path = path
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.layout.max_seq_length)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # `threads` cores in all: each run uses them all, or (single_threaded_runs) one, and
        # the caller runs up to `threads` texts at once, which suits one short text per run.
        self.threads = threads or available_cores()
        self.single_threaded_runs = single_threaded_runs
        options.intra_op_num_threads = 1 if single_threaded_runs else self.threads
        options.inter_op_num_threads = 1
        # Memory patterns and the CPU arena keep the largest batch's buffers for ever;
        # batch shapes vary with every article, so both only grow a serving process.
        options.enable_mem_pattern = False
        options.enable_cpu_mem_arena = False
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.dim = int(self.session.get_outputs()[0].shape[-1] or 0) or self._probe_dim()
        pad = self.tokenizer.token_to_id("[PAD]")
        self.pad_id = int(pad) if pad is not None else 0

    def _probe_dim(self) -> int:
        sentence, _ = self.run([[1, 2]], [[0, 0]])
        return int(sentence.shape[1])

    def tokenize(self, texts: list[str]) -> tuple[list[list[int]], list[list[int]], list[np.ndarray]]:
        """Token ids, type ids and character offsets (n, 2) per text, truncated to the model's length."""
        encodings = self.tokenizer.encode_batch(texts)
        return ([e.ids for e in encodings], [e.type_ids for e in encodings],
                [np.asarray(e.offsets, dtype=np.int64).reshape(-1, 2) for e in encodings])

    def run(self, ids: list[list[int]], type_ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """One forward pass over right-padded sequences: unit sentence vectors (b, d) and
        hidden states of the token layer (b, tokens, d)."""
        width = max(len(row) for row in ids)
        input_ids = np.full((len(ids), width), self.pad_id, dtype=np.int64)
        types = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, (seq, typ) in enumerate(zip(ids, type_ids, strict=True)):
            input_ids[row, : len(seq)] = seq
            types[row, : len(typ)] = typ
            mask[row, : len(seq)] = 1
        feeds: dict[str, Any] = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": types}
        last, layer = self.session.run(None, {name: feeds[name] for name in self.layout.input_names})
        if self.layout.pooling == "cls":
            pooled = last[:, 0]
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (last * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled.astype(np.float32), layer

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Unit sentence vectors of `texts` in their order, batched by length (the plain
        encoder, like `SentenceTransformer.encode`; the pipeline batches through
        scoring.embed, which also pools words). With single-threaded runs, `threads`
        batches run at once."""
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]

        def one(rows: list[int]) -> np.ndarray:
            ids, types, _ = self.tokenize([texts[k] for k in rows])
            return self.run(ids, types)[0]

        if self.single_threaded_runs and len(batches) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.threads) as pool:
                results = list(pool.map(one, batches))
        else:
            results = [one(rows) for rows in batches]
        for rows, sentence in zip(batches, results, strict=True):
            out[rows] = sentence / np.maximum(np.linalg.norm(sentence, axis=1, keepdims=True), 1e-12)
        return out

