"""Speed benchmark: the encoder backends side by side, and how much of an audit's time is the encoder.

Run from the project root:

    .venv/bin/python bench/speed.py [--threads N] [--encoder onnx-int8] [--json]

It loads one `Auditor` (the default model, offline, with `--encoder`, default the
int8 ONNX graph) and, for comparison, the same model in sentence-transformers on
torch (fp32) and as the fp32 ONNX graph, and measures, in one process:

1. Raw encoder throughput (sentences/s) of each: torch fp32
   (`SentenceTransformer.encode(texts, batch_size=64, normalize_embeddings=True)`),
   ONNX fp32 and ONNX int8 (`OnnxGraph.encode`, batches of 64 by length, sentence
   vectors only; int8 one text per run, single-threaded runs on every core at once, as
   the pipeline runs it, and batched with multi-threaded runs for reference). The
   inputs are the sentences every audit encodes: the content and heading sentences
   (not boilerplate) of the five seed articles in samples/, cleaned and segmented by
   `Auditor.prepare`, de-duplicated. It prints `int8 speed-up: X`,
   ONNX int8 over torch fp32 (what a user gains over the plain sentence-transformers
   model), and the same over ONNX fp32.
2. Whole-audit throughput (sentences/s): `Auditor.audit` of the four seed pairs
   (cnn_original against each of the other four samples), end to end from raw text
   to report, with the auditor's encoder. The embedder caches vectors by text and the
   auditor recent documents, so the caches are cleared before each repetition: every
   sentence is really encoded (the original once for its four pairs, as a service
   auditing candidates against a stored original does).
   The count is the same distinct sentences as in (1); the texts the aligner reads
   together (a sentence with its neighbour, to decide a split) are extra work the
   audit does, not extra sentences: the embedder's own counter shows how many.
3. The ratio `audit/encode ratio: X.XX`: whole-audit throughput over the raw
   throughput of the same encoder: the share of the encoder's speed that survives
   the rest of the pipeline (1.00 = encoding is all the audit does).
4. Warm latency of one audit (cnn_original vs german_roundtrip), p50/p95 in ms,
   with the caches cleared before each run as if a new article came in each time.
5. Peak resident memory of the process (MB, `resource.getrusage`): this process
   holds all three encoders; a server holds one (bench/load.py measures that).

Timings on shared 2-core machines are noisy, so (1) and (2) are measured
interleaved (torch, ONNX fp32, ONNX int8, audit, torch, ...) so that all see the
same load, and medians are reported. Everything is warmed up once before timing. The
run keeps within a time budget (`--budget`, default 60 s including the model loads):
it does at least `MIN_ROUNDS` comparison rounds and `MIN_LATENCY_RUNS` latency runs
and stops adding more when time runs out; the counts used are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.embed import ENCODERS  # noqa: E402

SAMPLES = ROOT / "samples"
ORIGINAL = "cnn_original"
CANDIDATES = ["german_roundtrip", "euromaidan_related", "euronews_related", "paraphrase_rewrite"]
LATENCY_PAIR = (ORIGINAL, "german_roundtrip")

ROUNDS = 5  # interleaved encode/audit rounds wanted
MIN_ROUNDS = 3
LATENCY_RUNS = 20
MIN_LATENCY_RUNS = 5
COMPARISON_SHARE = 0.45  # share of the budget the interleaved comparison may use


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=None,
                        help="torch intra-op threads (default: torch's own default)")
    parser.add_argument("--encoder", default="onnx-int8", choices=ENCODERS,
                        help="the auditor's encoder for the whole-audit and latency figures (default onnx-int8)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds the whole run should stay within (default 60)")
    return parser.parse_args()


def clear_caches(auditor) -> None:  # type: ignore[no-untyped-def]
    """Forget every cached vector and prepared document, so the next audit encodes its
    sentences (and cleans its texts) again."""
    auditor.clear_cache()


def seed_texts(auditor, raw: dict[str, str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Model texts of the content and heading sentences of all samples, first occurrence kept."""
    texts: dict[str, None] = {}
    for name, text in raw.items():
        prepared = auditor.prepare(text, name)
        for sentence in prepared.document.sentences:
            if sentence.kind != "boilerplate":
                texts.setdefault(prepared.texts[sentence.index], None)
    return list(texts)


def time_encode(encode, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    """Sentences/s of one plain encoder call `encode(texts)` (sentence vectors only)."""
    start = time.perf_counter()
    encode(texts)
    return len(texts) / (time.perf_counter() - start)


def time_audits(auditor, raw: dict[str, str], sentences: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """(article sentences/s, texts encoded) of auditing the four seed pairs from a cold cache."""
    embedder = auditor.embedder
    clear_caches(auditor)
    before = embedder.sentences_encoded
    start = time.perf_counter()
    for name in CANDIDATES:
        report = auditor.audit(raw[ORIGINAL], raw[name])
        assert report.links is not None
    elapsed = time.perf_counter() - start
    encoded = embedder.sentences_encoded - before
    return sentences / elapsed, encoded


def time_one_audit(auditor, original: str, candidate: str) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds of one audit from a cold cache."""
    clear_caches(auditor)
    start = time.perf_counter()
    auditor.audit(original, candidate)
    return (time.perf_counter() - start) * 1e3


def main() -> int:
    args = parse_args()
    t0 = time.perf_counter()
    deadline = t0 + args.budget
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)

    from sentence_transformers import SentenceTransformer

    from scoring.config import AuditConfig
    from scoring.embed import resolve_model_path
    from scoring.embed_onnx import OnnxGraph
    from scoring.pipeline import Auditor

    auditor = Auditor(AuditConfig(encoder=args.encoder))
    load_s = time.perf_counter() - t0
    model_dir = Path(resolve_model_path(auditor.config.model))
    threads = args.threads or 0
    torch_model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    encoders = {
        "torch-fp32": lambda t: torch_model.encode(t, batch_size=64, normalize_embeddings=True,
                                                   show_progress_bar=False),
        "onnx-fp32": OnnxGraph(model_dir, auditor.config.metrics.token_layer, "fp32", threads=threads).encode,
    }
    # As the pipeline runs it: one text per run, so that vectors do not depend on the batch,
    # single-threaded runs on all cores at once (scoring.embed.OnnxEmbedder); batched with
    # multi-threaded runs only for reference.
    int8_alone = OnnxGraph(model_dir, auditor.config.metrics.token_layer, "int8", threads=threads,
                           single_threaded_runs=True)
    int8 = OnnxGraph(model_dir, auditor.config.metrics.token_layer, "int8", threads=threads)
    encoders["onnx-int8"] = lambda t: int8_alone.encode(t, batch_size=1)
    encoders["onnx-int8-batched"] = int8.encode
    own = {"onnx-int8": "onnx-int8", "onnx-fp32": "onnx-fp32", "torch": "torch-fp32"}[args.encoder]
    raw = {name: (SAMPLES / f"{name}.txt").read_text(encoding="utf-8") for name in [ORIGINAL, *CANDIDATES]}
    texts = seed_texts(auditor, raw)

    # Warm-up: first calls pay for lazy initialisation (kernels, metric objects).
    for encode in encoders.values():
        time_encode(encode, texts)
    _, encoded = time_audits(auditor, raw, len(texts))

    # Interleaved comparison: torch, onnx fp32, onnx int8, audit, torch, ...
    comparison_end = time.perf_counter() + COMPARISON_SHARE * (deadline - time.perf_counter())
    encode_rates: dict[str, list[float]] = {name: [] for name in encoders}
    audit_rates: list[float] = []
    while len(audit_rates) < ROUNDS and (len(audit_rates) < MIN_ROUNDS or time.perf_counter() < comparison_end):
        for name, encode in encoders.items():
            encode_rates[name].append(time_encode(encode, texts))
        rate, encoded = time_audits(auditor, raw, len(texts))
        audit_rates.append(rate)
    medians = {name: statistics.median(rates) for name, rates in encode_rates.items()}
    audit_median = statistics.median(audit_rates)

    # Warm latency of one pair, a new article each time (caches cleared).
    original, candidate = raw[LATENCY_PAIR[0]], raw[LATENCY_PAIR[1]]
    latencies: list[float] = []
    while len(latencies) < LATENCY_RUNS:
        if len(latencies) >= MIN_LATENCY_RUNS:
            mean = statistics.fmean(latencies) / 1e3
            if time.perf_counter() + mean > deadline:
                break
        latencies.append(time_one_audit(auditor, original, candidate))
    clear_caches(auditor)
    pair_sentences = len(seed_texts(auditor, {k: raw[k] for k in LATENCY_PAIR}))

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    results = {
        "torch_threads": torch.get_num_threads(),
        "cpu_cores": os.cpu_count(),
        "cpu_cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "encoder": args.encoder,
        "model_load_s": round(load_s, 2),
        "sentences": len(texts),
        "rounds": len(audit_rates),
        "encode_sentences_per_s": {name: round(m, 1) for name, m in medians.items()},
        "encode_runs": {name: [round(r, 1) for r in rates] for name, rates in encode_rates.items()},
        "int8_speedup_vs_torch_fp32": round(medians["onnx-int8"] / medians["torch-fp32"], 2),
        "int8_speedup_vs_onnx_fp32": round(medians["onnx-int8"] / medians["onnx-fp32"], 2),
        "audit_sentences_per_s": round(audit_median, 1),
        "audit_texts_encoded": encoded,
        "audit_runs": [round(r, 1) for r in audit_rates],
        "audit_encode_ratio": round(audit_median / medians[own], 2),
        "latency_pair": "/".join(LATENCY_PAIR),
        "latency_pair_sentences": pair_sentences,
        "latency_runs": len(latencies),
        "latency_p50_ms": round(float(np.percentile(latencies, 50)), 1),
        "latency_p95_ms": round(float(np.percentile(latencies, 95)), 1),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "wall_s": round(time.perf_counter() - t0, 1),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0

    r = results
    print(f"torch threads: {r['torch_threads']}   cpu cores: {r['cpu_cores']} "
          f"(usable: {r['cpu_cores_usable']})   auditor encoder: {r['encoder']}, loaded in {r['model_load_s']:.2f} s")
    print(f"input: {r['sentences']} distinct content+heading sentences from {len(raw)} samples; "
          f"{r['rounds']} interleaved rounds, medians")
    for name, rate in r["encode_sentences_per_s"].items():
        runs = ", ".join(f"{x:.1f}" for x in r["encode_runs"][name])
        print(f"raw encoder {name:<17}  {rate:7.1f} sentences/s   runs: {runs}")
    print(f"int8 speed-up: {r['int8_speedup_vs_torch_fp32']:.2f}   (ONNX int8 over torch fp32; "
          f"over ONNX fp32: {r['int8_speedup_vs_onnx_fp32']:.2f})")
    print(f"whole audit ({len(CANDIDATES)} pairs, cold cache, {r['encoder']}):  {r['audit_sentences_per_s']:7.1f} "
          f"sentences/s   runs: {', '.join(f'{x:.1f}' for x in r['audit_runs'])}")
    print(f"audit/encode ratio: {r['audit_encode_ratio']:.2f}   (the audit encoded {r['audit_texts_encoded']} texts "
          f"for these {r['sentences']} sentences: windows read together when deciding splits)")
    print(f"warm latency {r['latency_pair']} ({r['latency_pair_sentences']} sentences, cold cache, "
          f"{r['latency_runs']} runs): p50 {r['latency_p50_ms']:.1f} ms   p95 {r['latency_p95_ms']:.1f} ms")
    print(f"peak RSS: {r['peak_rss_mb']:.1f} MB (all three encoders in this process)   wall time: {r['wall_s']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
