"""Bertalign's two-pass aligner, run on the auditor's own sentence embeddings.

The installed `bertalign` package (2.0.1, installed with `--no-deps
--ignore-requires-python` by `make bench-quality`) cannot be imported as a package on
Python 3.11: its `aligner.py` uses the 3.12 `type` statement and its `utils.py`
needs lingua and LaBSE-era dependencies. Its kernels in `bertalign/corelib.py`
(numba-compiled dynamic programs, torch top-k search) import on 3.11, so this
module loads that one file from the installed package and drives it exactly as
`Bertalign.align_sents` does: first pass 1-1 anchors from the top-k similar
sentences, second pass many-to-many DP within `win` of the anchors, with margin
scores and the length penalty, default parameters (max_align=5, top_k=3, win=5,
skip=-0.1). No code of Bertalign is copied here and LaBSE is never loaded: the
"overlap" embeddings Bertalign needs (every window of 1..max_align-1 consecutive
sentences, joined by spaces, 'PAD' before the first full window, as
`Encoder.transform` builds them) are encoded with the auditor's model.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import ModuleType

import numpy as np

from scoring.embed import Embedder

Bead = tuple[list[int], list[int]]


@dataclass(frozen=True)
class BertalignParams:
    """Bertalign's defaults (`Bertalign.__init__`)."""

    max_align: int = 5
    top_k: int = 3
    win: int = 5
    skip: float = -0.1
    margin: bool = True
    len_penalty: bool = True


def load_corelib() -> tuple[ModuleType | None, str]:
    """The installed package's `corelib` module and a description, or None and why not."""
    if "bertalign_corelib" in sys.modules:
        module = sys.modules["bertalign_corelib"]
        return module, f"bertalign {metadata.version('bertalign')} corelib (numba {metadata.version('numba')})"
    spec = importlib.util.find_spec("bertalign")
    if spec is None or not spec.submodule_search_locations:
        return None, "bertalign is not installed (make bench-quality installs it)"
    try:
        import numba  # noqa: F401
    except ImportError:
        return None, "numba is not installed (make bench-quality installs it)"
    path = Path(next(iter(spec.submodule_search_locations))) / "corelib.py"
    module_spec = importlib.util.spec_from_file_location("bertalign_corelib", path)
    if module_spec is None or module_spec.loader is None:
        return None, f"cannot load {path}"
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[module_spec.name] = module  # numba's on-disk cache looks the module up by name
    module_spec.loader.exec_module(module)
    return module, f"bertalign {metadata.version('bertalign')} corelib (numba {metadata.version('numba')})"


def overlaps(sentences: list[str], num_overlaps: int) -> list[str]:
    """Windows of 1..num_overlaps consecutive sentences, layer by layer, each layer
    padded with 'PAD' at the front to `len(sentences)` entries (Bertalign's layout)."""
    lines = [s.strip() or "BLANK_LINE" for s in sentences]
    out: list[str] = []
    for size in range(1, num_overlaps + 1):
        layer = ["PAD"] * min(size - 1, len(lines))
        layer.extend(" ".join(lines[i : i + size]) for i in range(len(lines) - size + 1))
        out.extend(layer)
    return out


def embed_overlaps(embedder: Embedder, sentences: list[str], num_overlaps: int) -> tuple[np.ndarray, np.ndarray]:
    """Overlap vectors (num_overlaps, n, dim) and UTF-8 byte lengths (num_overlaps, n)."""
    texts = overlaps(sentences, num_overlaps)
    vectors = np.ascontiguousarray(embedder.encode(texts), dtype=np.float32)
    n = len(sentences)
    lens = np.array([len(t.encode("utf-8")) for t in texts], dtype=np.int64).reshape(num_overlaps, n)
    return vectors.reshape(num_overlaps, n, -1), lens


def align(corelib: ModuleType, src: tuple[np.ndarray, np.ndarray], tgt: tuple[np.ndarray, np.ndarray],
          params: BertalignParams = BertalignParams()) -> list[Bead]:
    """Bertalign's `align_sents` on precomputed overlap embeddings; beads out."""
    src_vecs, src_lens = src
    tgt_vecs, tgt_lens = tgt
    src_num, tgt_num = src_vecs.shape[1], tgt_vecs.shape[1]
    char_ratio = float(np.sum(src_lens[0]) / np.sum(tgt_lens[0]))
    scores, indices = corelib.find_top_k_sents(src_vecs[0], tgt_vecs[0], k=params.top_k)
    first_types = corelib.get_alignment_types(2)
    first_w, first_path = corelib.find_first_search_path(src_num, tgt_num)
    first_pointers = corelib.first_pass_align(src_num, tgt_num, first_w, first_path, first_types, scores, indices)
    first_alignment = corelib.first_back_track(src_num, tgt_num, first_pointers, first_path, first_types)
    second_types = corelib.get_alignment_types(params.max_align)
    second_w, second_path = corelib.find_second_search_path(first_alignment, params.win, src_num, tgt_num)
    second_pointers = corelib.second_pass_align(src_vecs, tgt_vecs, src_lens, tgt_lens, second_w, second_path,
                                                second_types, char_ratio, params.skip, margin=params.margin,
                                                len_penalty=params.len_penalty)
    beads: list[Bead] = corelib.second_back_track(src_num, tgt_num, second_pointers, second_path, second_types)
    return beads
