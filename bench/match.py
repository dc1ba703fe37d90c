"""Matching benchmark: finding a candidate's original in a stored corpus of 10k and 100k.

Run from the project root:

    .venv/bin/python bench/match.py [--sizes 10000 100000] [--queries 20]

For each corpus size it builds a fresh SQLite database with the real service code
(`AuditService` on a `Store`): the five seed articles are stored as real originals
(encoded by the model), and the rest are synthetic originals with random unit
document vectors and one-sentence texts, inserted in bulk. Then, side by side in one
run, it measures:

1. Index load: reading every document vector from the database into the in-memory
   matrix (what a fresh process does on its first match), in seconds.
2. Prefilter search alone (one matrix-vector product plus a top-k), p50 in ms.
3. A full `AuditService.match_prepared` for the seed candidates (prefilter over the
   whole corpus, then sentence alignment of the top `match_top` originals with their
   stored vectors), p50/p95 in ms, and whether the true original (cnn_original) is
   ranked first and `likely`.
4. The cost of aligning every original instead (what matching without an index would
   do): the per-original alignment time measured on 200 originals, times the corpus
   size, and its ratio to (3).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from sqlalchemy import insert  # noqa: E402

from app.core.config import Settings  # noqa: E402
from app.services.runner import AuditService  # noqa: E402
from app.store.db import make_engine, migrate  # noqa: E402
from app.store.models import Original  # noqa: E402
from app.store.repo import Store, new_id, now  # noqa: E402
from scoring.pipeline import Auditor, Prepared  # noqa: E402

SEEDS = ("cnn_original", "euromaidan_related", "euronews_related")
CANDIDATES = ("german_roundtrip", "paraphrase_rewrite")


def synthetic_rows(count: int, dim: int, model: str, start_seq: int, rng: np.random.Generator) -> list[dict]:
    vectors = rng.standard_normal((count, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    stamp = now()
    return [{"id": new_id(), "seq": start_seq + i, "created_at": stamp, "title": f"Synthetic story {i}", "outlet": "",
             "url": "", "external_id": "", "language": "en", "text": f"Synthetic story number {i} about nothing much.",
             "sentences": 1, "words": 7, "model": model, "dim": dim, "doc_vector": vectors[i].tobytes(),
             "vectors": vectors[i].tobytes()} for i in range(count)]


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def run_size(size: int, auditor: Auditor, queries: int, rng: np.random.Generator) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), log_level="error", match_top=5)
        engine = make_engine(settings.resolved_database_url())
        migrate(engine)
        service = AuditService(settings, Store(engine), auditor)
        for name in SEEDS:
            service.add_original((ROOT / "samples" / f"{name}.txt").read_text(encoding="utf-8"), {"title": name})
        dim = auditor.embedder.encode(["x"]).shape[1]
        started = time.perf_counter()
        remaining, seq = size - len(SEEDS), len(SEEDS) + 1
        while remaining > 0:
            batch = min(remaining, 5_000)
            with engine.begin() as connection:
                connection.execute(insert(Original), synthetic_rows(batch, dim, auditor.config.model, seq, rng))
            remaining -= batch
            seq += batch
        fill_seconds = time.perf_counter() - started

        started = time.perf_counter()
        service.index.refresh(service.store)
        load_seconds = time.perf_counter() - started
        assert len(service.index.ids) == size

        candidates = [service.prepare((ROOT / "samples" / f"{n}.txt").read_text(encoding="utf-8"), n)
                      for n in CANDIDATES]
        vectors = [auditor.doc_vector(c) for c in candidates]
        search_ms = []
        for i in range(max(queries * 5, 50)):
            t = time.perf_counter()
            service.index.search(vectors[i % len(vectors)], 5)
            search_ms.append((time.perf_counter() - t) * 1000)
        match_ms, correct = [], 0
        cnn_id = service.store.list_originals(1, 0, q="cnn_original")[0][0].id
        for i in range(queries):
            candidate = candidates[i % len(candidates)]
            t = time.perf_counter()
            result = service.match_prepared(candidate)
            match_ms.append((time.perf_counter() - t) * 1000)
            best = result["matches"][0]
            correct += int(best["likely"] and best["id"] == cnn_id)

        # Aligning every original: measure the per-original cost on 200 of them.
        sample_ids = service.index.ids[-200:]
        rows = service.store.get_originals(sample_ids)
        prepared: dict[str, Prepared] = {r.id: service.prepared_original(r) for r in rows}
        t = time.perf_counter()
        auditor.match_prepared(candidates[0], prepared, top=len(prepared))
        per_original = (time.perf_counter() - t) / len(prepared)
        engine.dispose()
    p50 = statistics.median(match_ms)
    return {"size": size, "fill_s": fill_seconds, "load_s": load_seconds, "search_p50_ms": statistics.median(search_ms),
            "match_p50_ms": p50, "match_p95_ms": percentile(match_ms, 95), "correct": correct / queries,
            "align_all_s": per_original * size, "ratio": per_original * size * 1000 / p50}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=20)
    args = parser.parse_args()
    t = time.perf_counter()
    auditor = Auditor()
    print(f"model loaded in {time.perf_counter() - t:.1f} s; corpus sizes {args.sizes}, {args.queries} queries each",
          flush=True)
    rng = np.random.default_rng(7)
    print(f"{'originals':>10} {'fill s':>7} {'index load s':>12} {'search p50 ms':>13} {'match p50 ms':>12} "
          f"{'match p95 ms':>12} {'true original first':>19} {'align-all s (est.)':>18} {'speed-up':>9}")
    for size in args.sizes:
        r = run_size(size, auditor, args.queries, rng)
        print(f"{r['size']:>10,} {r['fill_s']:>7.1f} {r['load_s']:>12.2f} {r['search_p50_ms']:>13.2f} "
              f"{r['match_p50_ms']:>12.0f} {r['match_p95_ms']:>12.0f} {r['correct']:>19.0%} "
              f"{r['align_all_s']:>18.0f} {r['ratio']:>8.0f}x", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
