"""Which flags on the seed pairs change with the encoder backend, and why.

Run from the project root:

    .venv/bin/python bench/encoder_diff.py [--against torch] [--encoder onnx-int8]

Audits cnn_original against each other sample with both encoders and lists every flag
that one report has and the other has not (or has at another severity), with the
link's drift probability and sentence similarity under each encoder: a change is
expected only where a value sits next to a band's edge.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CANDIDATES = ["german_roundtrip", "paraphrase_rewrite", "euromaidan_related", "euronews_related"]


def flag_keys(report) -> dict[tuple[str, str, str], str]:  # type: ignore[no-untyped-def]
    """(category, side, sentences) -> severity, for every flag."""
    return {(flag.category, flag.side, ",".join(map(str, flag.sentences))): flag.severity for flag in report.flags}


def link_values(report) -> dict[tuple[str, str], tuple[float, float]]:  # type: ignore[no-untyped-def]
    """(side, sentences) -> (drift probability, similarity) of the link holding them."""
    out = {}
    for link in report.links:
        for side, sentences in (("candidate", link.candidate), ("original", link.original)):
            out[(side, ",".join(map(str, sentences)))] = (link.probability, link.similarity)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--encoder", default="onnx-int8")
    ap.add_argument("--against", default="torch")
    args = ap.parse_args()
    from scoring.config import AuditConfig
    from scoring.pipeline import Auditor

    auditors = {name: Auditor(AuditConfig(encoder=name)) for name in (args.against, args.encoder)}
    original = (ROOT / "samples" / "cnn_original.txt").read_text(encoding="utf-8")
    changed = 0
    for name in CANDIDATES:
        candidate = (ROOT / "samples" / f"{name}.txt").read_text(encoding="utf-8")
        reports = {enc: a.audit(original, candidate) for enc, a in auditors.items()}
        base, new = (flag_keys(reports[e]) for e in (args.against, args.encoder))
        values = {e: link_values(r) for e, r in reports.items()}
        print(f"{name}: {len(base)} flags with {args.against}, {len(new)} with {args.encoder}; "
              f"relation {reports[args.against].summary.relation} / {reports[args.encoder].summary.relation}")
        for key in sorted(set(base) | set(new)):
            if base.get(key) == new.get(key):
                continue
            changed += 1
            before = values[args.against].get(key[1:], (float("nan"), float("nan")))
            after = values[args.encoder].get(key[1:], (float("nan"), float("nan")))
            print(f"  {key[0]:<16} {key[1]}[{key[2]}]: {base.get(key, '-'):>8} -> {new.get(key, '-'):<8} "
                  f"drift {before[0]:.3f} -> {after[0]:.3f}, similarity {before[1]:.3f} -> {after[1]:.3f}")
    print(f"flags that differ: {changed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
