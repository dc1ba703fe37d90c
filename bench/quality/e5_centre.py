"""Fit the centre of multilingual-e5-small's space: `scoring/models/e5-centre.json`.

    .venv/bin/python -m bench.quality.e5_centre [--out PATH] [--per-language N]

multilingual-e5-small's vectors share one large common direction: any two sentences,
related or not, sit at a cosine of ~0.76. `scoring.embed_multilingual` takes the mean
vector of a multilingual sample off every vector before normalising it, so that
unrelated sentences sit near 0 and the aligner's costs (set in the space of
multilingual USE v3) hold. The sample is the train split of the WMT21 MQM sets only
(no test segment): English and German sentences of the en-de set and Chinese sources
of the zh-en set, `--per-language` of each (distinct, in file order).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.quality import human  # noqa: E402
from scoring.embed_multilingual import E5_CENTRE_PATH, E5_MODEL, _E5Backend  # noqa: E402


def sample(per_language: int) -> dict[str, list[str]]:
    """Distinct train-split sentences per language."""
    ende = human.of_split(human.load(human.ENDE), "train")
    zhen = human.of_split(human.chinese_sources(), "train")
    texts = {"en": [r.original for r in ende], "de": [r.candidate for r in ende], "zh": [r.original for r in zhen]}
    return {lang: list(dict.fromkeys(t for t in ts if t.strip()))[:per_language] for lang, ts in texts.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(E5_CENTRE_PATH))
    ap.add_argument("--per-language", type=int, default=400)
    args = ap.parse_args()
    backend = _E5Backend(threads=0, centre_path=None)
    texts = sample(args.per_language)
    vectors = np.vstack([backend.raw(ts) for ts in texts.values()])
    centre = vectors.mean(axis=0)
    data = {"model": E5_MODEL, "fitted_on": {lang: len(ts) for lang, ts in texts.items()},
            "note": "mean passage vector of WMT21 MQM train-split sentences (en, de from en-de; zh from zh-en)",
            "centre": [round(float(x), 6) for x in centre]}
    Path(args.out).write_text(json.dumps(data) + "\n", encoding="utf-8")
    before = vectors @ vectors.T
    after = (vectors - centre) / np.linalg.norm(vectors - centre, axis=1, keepdims=True)
    print(f"{len(vectors)} sentences; mean cosine of all pairs {before.mean():.3f} raw, "
          f"{(after @ after.T).mean():.3f} centred; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
