"""Human-judged translation errors: the WMT21 MQM sets in `../shared/dev` (or a path
given), split by segment so one source sentence never sits on both sides.

Each row is a reference translation (`original`, rated error-free) and one system's
output (`candidate`) with its professional MQM label: ok (no error), minor, major.

* `split(seg_id)`: "test" for a third of the segments (by a hash of the id), else
  "train". The drift model is fitted on train only.
* `multi_reference(rows)`: more training pairs from the same judgements. An output
  the reviewers found error-free is a faithful rendering of the source too, so every
  other output of the segment is paired with it as well, with its own label.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SHARED_DEV = Path(__file__).resolve().parents[3] / "shared" / "dev"
ZHEN = SHARED_DEV / "mqm_newstest2021_zhen.jsonl"
ENDE = SHARED_DEV / "mqm_newstest2021_ende.jsonl"


@dataclass(frozen=True)
class Judged:
    """One judged pair."""

    id: str
    seg_id: int
    system: str
    original: str
    candidate: str
    label: str  # ok | minor | major
    penalty: float


def load(path: str | Path = ZHEN) -> list[Judged]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows.append(Judged(str(r["id"]), int(r["seg_id"]), str(r["system"]), str(r["original"]),
                               str(r["candidate"]), str(r["label"]), float(r["mqm_penalty"])))
    return rows


def chinese_sources(path: str | Path = ZHEN) -> list[Judged]:
    """The zh-en set read across languages: the Chinese source (`source_zh`) as the
    original against each system's English output with its label (the reviewers judged
    the output against that source), plus the error-free reference translation as one
    more ok candidate per segment."""
    rows: list[Judged] = []
    references: dict[int, Judged] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            seg_id, source = int(r["seg_id"]), str(r["source_zh"])
            rows.append(Judged(f"{r['id']}@zh", seg_id, str(r["system"]), source, str(r["candidate"]),
                               str(r["label"]), float(r["mqm_penalty"])))
            references.setdefault(seg_id, Judged(f"nt21zhen-ref-{seg_id}@zh", seg_id, "ref-A", source,
                                                 str(r["original"]), "ok", 0.0))
    return rows + [references[k] for k in sorted(references)]


def german_references(path: str | Path = ENDE) -> list[Judged]:
    """The en-de set read in one language: per segment, the first human reference the
    reviewers found error-free (A, C, then D) as a German original against every other
    German output of the segment with its label (judged against the English source; a
    faithful German reference stands for that source, as in `multi_reference`)."""
    by_segment: dict[int, list[Judged]] = defaultdict(list)
    for r in load(path):
        by_segment[r.seg_id].append(r)
    out: list[Judged] = []
    for seg_id in sorted(by_segment):
        rows = by_segment[seg_id]
        references = sorted((r for r in rows if r.system.startswith("ref-") and r.label == "ok"),
                            key=lambda r: r.system)
        if not references:
            continue
        reference = references[0]
        out += [Judged(f"{r.id}@{reference.system}", seg_id, r.system, reference.candidate, r.candidate, r.label,
                       r.penalty) for r in rows if r is not reference]
    return out


def split(seg_id: int) -> str:
    return "test" if int(hashlib.sha256(f"mqm:{seg_id}".encode()).hexdigest(), 16) % 3 == 0 else "train"


def multi_reference(rows: Sequence[Judged]) -> list[Judged]:
    """The rows plus each output paired with every other error-free output of its segment."""
    by_segment: dict[int, list[Judged]] = defaultdict(list)
    for r in rows:
        by_segment[r.seg_id].append(r)
    out = list(rows)
    for seg_rows in by_segment.values():
        references = {r.candidate for r in seg_rows if r.label == "ok"}
        for r in seg_rows:
            for ref in sorted(references):
                if ref not in (r.candidate, r.original):
                    out.append(Judged(f"{r.id}@ref", r.seg_id, r.system, ref, r.candidate, r.label, r.penalty))
    return out


def of_split(rows: Iterable[Judged], name: str) -> list[Judged]:
    return [r for r in rows if split(r.seg_id) == name]
