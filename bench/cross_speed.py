"""Speed of an audit across languages against the same audit in one language, side by side.

Run from the project root:

    .venv/bin/python bench/cross_speed.py [--runs 15]

It loads one `Auditor` and audits, interleaved so both see the same load, the CNN seed
against (a) its English round trip (`samples/german_roundtrip.txt`, the one-language
path: MiniLM on ONNX int8) and (b) its German translation (`samples/cnn_german_injected.txt`,
the cross-lingual path: multilingual USE v3 in numpy, per-word vectors, compound parts,
the cross-lingual checks). Before each run the encoders' caches are cleared, as if a new
article came in each time. It prints the p50/p95 latency of each, the ratio
cross/one-language, and the cost of the first cross-lingual audit of the process (the
multilingual encoder's load).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from scoring.pipeline import Auditor  # noqa: E402


def clear(auditor: Auditor) -> None:
    auditor.embedder.clear_cache()  # type: ignore[attr-defined]
    cross = auditor.path_for_languages("en", "de").embedder
    cross.clear_cache()  # type: ignore[attr-defined]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    samples = ROOT / "samples"
    original = (samples / "cnn_original.txt").read_text(encoding="utf-8")
    english = (samples / "german_roundtrip.txt").read_text(encoding="utf-8")
    german = (samples / "cnn_german_injected.txt").read_text(encoding="utf-8")
    auditor = Auditor()
    auditor.audit(original, english)  # warm the one-language path
    t0 = time.perf_counter()
    first = auditor.audit(original, german)
    first_ms = (time.perf_counter() - t0) * 1e3
    assert first.summary.languages is not None, "the German candidate was not audited across languages"
    times: dict[str, list[float]] = {"one language (en-en)": [], "across languages (en-de)": []}
    for _ in range(args.runs):
        for name, candidate in (("one language (en-en)", english), ("across languages (en-de)", german)):
            clear(auditor)
            t = time.perf_counter()
            auditor.audit(original, candidate)
            times[name].append((time.perf_counter() - t) * 1e3)
    for name, values in times.items():
        print(f"{name:26s} p50 {statistics.median(values):7.1f} ms   p95 {np.percentile(values, 95):7.1f} ms "
              f"({len(values)} runs, caches cleared)")
    ratio = statistics.median(times["across languages (en-de)"]) / statistics.median(times["one language (en-en)"])
    print(f"cross/one-language latency ratio: {ratio:.2f}")
    print(f"first cross-lingual audit of the process (loads the multilingual encoder): {first_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
