"""Stage 8, report: documents, links and flags in, the JSON report out.

The report is the contract shared by the CLI (`--format json`), the service and the
dashboard: sentences of both sides with offsets and kinds, links with their metrics,
flags with spans and messages, a summary (coverage, relation, MQM-style score, counts)
and the signature of the configuration that produced it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from scoring.config import AuditConfig
from scoring.flag import ScoredLink, worst
from scoring.relation import Relation, link_coverage
from scoring.types import SEVERITIES, SEVERITY_RANK, Document, Flag


def _document(doc: Document) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": doc.source_format,
        "language": doc.language,
        "title": doc.title,
        "characters": len(doc.text),
        "words": sum(s.words for s in doc.sentences if s.kind != "boilerplate"),
        "sentences": [
            {"index": s.index, "text": s.text, "start": s.start, "end": s.end, "kind": s.kind, "language": s.language}
            for s in doc.sentences
        ],
    }
    if doc.source_format == "html":
        data["text"] = doc.text  # offsets refer to the extracted text
    return data


def build_report(original: Document, candidate: Document, scored: Sequence[ScoredLink], flags: list[Flag],
                 config: AuditConfig, version: str, signature: dict[str, Any], relation: Relation,
                 warnings: Sequence[str] = ()) -> dict[str, Any]:
    cov_o, cov_c = link_coverage(original, candidate, [s.link for s in scored])
    content_links = [s for s in scored if any(candidate.sentences[j].kind == "content" for j in s.link.candidate)]
    mean_sim = round(sum(s.score.similarity for s in content_links) / len(content_links), 4) if content_links else 0.0
    flags.sort(key=lambda f: (f.side != "candidate", f.sentences[0] if f.sentences else 0, -SEVERITY_RANK[f.severity]))
    for k, f in enumerate(flags):
        f.id = f"f{k + 1}"
    link_rows = []
    for k, s in enumerate(scored):
        mine = [f for f in flags if f.link == k]
        link_rows.append({
            "id": k,
            "original": list(s.link.original),
            "candidate": list(s.link.candidate),
            "type": f"{len(s.link.original)}-{len(s.link.candidate)}",
            "similarity": s.score.similarity,
            "chrf": s.score.chrf,
            "bleu": s.score.bleu,
            "ter": s.score.ter,
            "length_ratio": s.score.length_ratio,
            "probability": s.probability,
            "features": {k: round(v, 4) for k, v in s.features.items()},
            "severity": worst([f.severity for f in mine]),
            "category": max(mine, key=lambda f: SEVERITY_RANK[f.severity]).category if mine else "ok",
            "flags": [f.id for f in mine],
            # Link spans are candidate offsets; a dropped clause's spans are in the original.
            "spans": [sp.to_dict() for f in mine if f.side == "candidate" for sp in f.spans],
            "original_spans": [sp.to_dict() for f in mine if f.side == "original" for sp in f.spans],
        })
    candidate_words = max(sum(s.words for s in candidate.sentences if s.kind != "boilerplate"), 1)
    weights = {"ok": 0.0, "minor": config.mqm.minor, "major": config.mqm.major, "critical": config.mqm.critical}
    penalty = sum(weights[f.severity] for f in flags)
    per_100 = round(100 * penalty / candidate_words, 2)
    by_severity = Counter(f.severity for f in flags)
    summary = {
        "coverage": {"original": cov_o, "candidate": cov_c},
        "relation": relation.kind,
        "relation_reason": relation.reason,
        "mean_similarity": mean_sim,
        "worst_severity": worst([f.severity for f in flags]),
        "flags": {sev: by_severity.get(sev, 0) for sev in SEVERITIES[1:]},
        "categories": dict(Counter(f.category for f in flags)),
        "links": len(scored),
        "mqm": {"penalty": penalty, "per_100_words": per_100, "score": round(max(0.0, 100 - per_100), 2),
                "weights": {k: v for k, v in weights.items() if k != "ok"}},
        "warnings": list(warnings),
    }
    return {
        "driftaudit": version,
        "signature": signature,
        "summary": summary,
        "original": _document(original),
        "candidate": _document(candidate),
        "links": link_rows,
        "flags": [f.to_dict() for f in flags],
    }
