"""The auditor under test, through its public API (`scoring.pipeline.Auditor`).

Sentence items are audited as one-sentence documents with `Auditor.audit_many`
(batched encoding). What is read from each JSON report:

* severity: `summary.worst_severity` (the shipped thresholds decide it);
* score: severity rank (ok 0 .. critical 3) plus a tie-break inside the rank,
  0.999 * (1 - s) / 2 with s the lowest link similarity (0 when nothing linked), so
  the score orders pairs first by severity and then by sentence drift;
* spans: the spans of every candidate-side flag (any severity), in candidate offsets.

Documents are audited with `Auditor.audit`; the report's sentences are mapped to the
gold sentences by character offset, its links become beads and every sentence left
out of a link a 1-0 or 0-1 bead; whole-sentence omission and addition flags (those
without a link) give the predicted omitted and added sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoring.errors import DriftauditError
from scoring.pipeline import Auditor
from scoring.types import SEVERITY_RANK

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class SentenceResult:
    """What the auditor said about one sentence pair."""

    severity: str
    score: float
    spans: list[tuple[int, int]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    min_similarity: float = 0.0
    error: str | None = None


def score_of(severity: str, probability: float) -> float:
    """Severity rank plus the drift probability as a tie-break in [0, 1)."""
    return SEVERITY_RANK[severity] + 0.999 * max(0.0, min(1.0, probability))


def sentence_result(report: dict[str, Any]) -> SentenceResult:
    """A sentence pair's JSON report in; its severity, score, spans out.

    A pair that nothing links (the report's relation is unrelated) renders nothing of
    its original: the highest score."""
    severity = str(report["summary"]["worst_severity"])
    sims = [float(link["similarity"]) for link in report["links"]]
    min_sim = min(sims) if sims else 0.0
    probability = max((float(link["probability"]) for link in report["links"]), default=1.0)
    if report["summary"]["relation"] in ("unrelated", "unrelated_same_topic"):
        severity, probability = "critical", 1.0
    spans = [(int(sp["start"]), int(sp["end"])) for f in report["flags"] if f["side"] == "candidate"
             for sp in f["spans"]]
    categories = sorted({f"{f['category']}:{f['severity']}" for f in report["flags"]})
    return SentenceResult(severity, score_of(severity, probability), spans, categories, min_sim)


def audit_sentences(auditor: Auditor, pairs: Iterable[tuple[str, str, str]]) -> dict[str, SentenceResult]:
    """(id, original, candidate) triples in; id -> result out. A refused pair (an
    input error) counts as ok with score 0 and keeps its error message."""
    out: dict[str, SentenceResult] = {}
    for item_id, result in auditor.audit_many(pairs):
        if isinstance(result, DriftauditError):
            out[item_id] = SentenceResult("ok", 0.0, error=str(result))
        else:
            out[item_id] = sentence_result(result.to_dict())
    return out


@dataclass
class DocResult:
    """The auditor's alignment and omission/addition calls on one document, in gold
    sentence indices, and how many of its sentences did not match a gold sentence."""

    beads: list[Bead]
    omitted: set[int]
    added: set[int]
    segmentation_mismatches: int


def _mapper(spans: Sequence[tuple[int, int]]) -> Any:
    def to_gold(start: int) -> int:
        for k, (s, e) in enumerate(spans):
            if s <= start < e:
                return k
        # Between two gold sentences (white space): the next one.
        return min(range(len(spans)), key=lambda k: abs(spans[k][0] - start))

    return to_gold


def doc_result(report: dict[str, Any], original_spans: Sequence[tuple[int, int]],
               candidate_spans: Sequence[tuple[int, int]]) -> DocResult:
    """A document's JSON report and the gold sentence spans in; gold-index beads out."""
    o_map, c_map = _mapper(original_spans), _mapper(candidate_spans)
    o_sents = {s["index"]: s for s in report["original"]["sentences"]}
    c_sents = {s["index"]: s for s in report["candidate"]["sentences"]}
    mismatches = sum(1 for s in o_sents.values() if (s["start"], s["end"]) not in set(original_spans)) + \
        sum(1 for s in c_sents.values() if (s["start"], s["end"]) not in set(candidate_spans))
    beads: list[Bead] = []
    used_o: set[int] = set()
    used_c: set[int] = set()
    for link in report["links"]:
        o = tuple(sorted({o_map(o_sents[i]["start"]) for i in link["original"]}))
        c = tuple(sorted({c_map(c_sents[j]["start"]) for j in link["candidate"]}))
        beads.append((o, c))
        used_o.update(o)
        used_c.update(c)
    beads.extend(((i,), ()) for i in range(len(original_spans)) if i not in used_o)
    beads.extend(((), (j,)) for j in range(len(candidate_spans)) if j not in used_c)
    # Whole-sentence calls only: clause-level omissions and additions carry their link.
    omitted = {o_map(o_sents[i]["start"]) for f in report["flags"] if f["category"] == "omission"
               and f["side"] == "original" and f.get("link") is None for i in f["sentences"]}
    added = {c_map(c_sents[j]["start"]) for f in report["flags"] if f["category"] == "addition"
             and f["side"] == "candidate" and f.get("link") is None for j in f["sentences"]}
    return DocResult(beads, omitted, added, mismatches)
