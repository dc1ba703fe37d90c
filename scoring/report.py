"""Stage 8, report: documents, links and flags in, the typed report out.

The report is the contract shared by the CLI (`--format json`), the service and the
dashboard: sentences of both sides with offsets and kinds, links with their metrics,
flags with spans and messages, a summary (coverage, relation, MQM-style score, counts)
and the signature of the configuration that produced it. `Report` is that contract as
types (pydantic models, so the API's OpenAPI schema shows it); `Report.to_dict()` is
its JSON, and `Report.model_validate(json)` reads a stored one back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, model_serializer

from scoring.config import AuditConfig
from scoring.flag import ScoredLink
from scoring.relation import Relation, RelationKind, link_coverage
from scoring.types import SEVERITIES, SEVERITY_RANK, Document, Flag, Kind, Severity, Side, worst


class SentenceOut(BaseModel):
    index: int
    text: str
    start: int
    end: int
    kind: Kind
    language: str | None = None


class DocumentOut(BaseModel):
    """One side: its sentences with offsets; `text` (the extracted article) only for HTML."""

    format: Literal["text", "html"]
    language: str | None
    title: str | None
    characters: int
    words: int
    sentences: list[SentenceOut]
    text: str | None = None

    @model_serializer(mode="wrap")
    def _without_absent_text(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("text") is None:
            data.pop("text", None)  # plain text input: the offsets refer to the input itself
        return data


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class LinkOut(BaseModel):
    id: int
    original: list[int]
    candidate: list[int]
    type: str
    similarity: float
    chrf: float
    bleu: float
    ter: float
    length_ratio: float
    probability: float = 0.0
    features: dict[str, float] = {}
    severity: Severity
    category: str
    flags: list[str]
    spans: list[SpanOut]
    original_spans: list[SpanOut] = []


class FlagOut(BaseModel):
    id: str
    side: Side
    sentences: list[int]
    category: str
    severity: Severity
    score: float
    spans: list[SpanOut]
    message: str
    original_text: str = ""
    link: int | None = None
    original_spans: list[SpanOut] = []  # a glossary flag's term in the original
    suppressed_by: str | None = None  # the id of the suppression rule that silenced it

    @model_serializer(mode="wrap")
    def _without_absent_policy(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if not data.get("original_spans"):
            data.pop("original_spans", None)  # reports without a review policy keep their old shape
        if data.get("suppressed_by") is None:
            data.pop("suppressed_by", None)
        return data


class Coverage(BaseModel):
    original: float
    candidate: float


class MQMScore(BaseModel):
    penalty: int | float  # 0 (an int) when nothing is flagged, as the JSON always had it
    per_100_words: float
    score: float
    weights: dict[str, float]


class Languages(BaseModel):
    """The two sides' languages when they differ, and the encoder that compared them."""

    original: str
    candidate: str
    model: str
    checked: bool  # whether the facts (numbers, names, negation, dates) of this pair of languages are checked


class Summary(BaseModel):
    coverage: Coverage
    relation: RelationKind
    relation_reason: str = ""
    mean_similarity: float
    worst_severity: Severity
    flags: dict[str, int]
    categories: dict[str, int]
    links: int
    mqm: MQMScore
    warnings: list[str] = []
    suppressed: int = 0  # flags a suppression rule silenced: in `flags`, not in the counts above
    languages: Languages | None = None  # set when the two sides are in different languages

    @model_serializer(mode="wrap")
    def _without_zero_suppressed(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if not data.get("suppressed"):
            data.pop("suppressed", None)
        if data.get("languages") is None:
            data.pop("languages", None)  # one-language reports keep their old shape
        return data


class Report(BaseModel):
    driftaudit: str
    signature: dict[str, Any]
    summary: Summary
    original: DocumentOut
    candidate: DocumentOut
    links: list[LinkOut]
    flags: list[FlagOut]

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON data (what the CLI prints and the service stores)."""
        return self.model_dump(mode="json")


def _document(doc: Document) -> DocumentOut:
    return DocumentOut(
        format=doc.source_format, language=doc.language, title=doc.title, characters=len(doc.text),
        words=sum(s.words for s in doc.sentences if s.kind != "boilerplate"),
        sentences=[SentenceOut(index=s.index, text=s.text, start=s.start, end=s.end, kind=s.kind, language=s.language)
                   for s in doc.sentences],
        text=doc.text if doc.source_format == "html" else None)  # offsets refer to the extracted text


def _flag(f: Flag) -> FlagOut:
    return FlagOut(id=f.id, side=f.side, sentences=list(f.sentences), category=f.category,
                   severity=f.severity,
                   score=f.score, spans=[SpanOut(start=s.start, end=s.end, text=s.text) for s in f.spans],
                   message=f.message, original_text=f.original_text, link=f.link,
                   original_spans=[SpanOut(start=sp.start, end=sp.end, text=sp.text) for sp in f.original_spans],
                   suppressed_by=f.suppressed_by)


def build_report(original: Document, candidate: Document, scored: Sequence[ScoredLink], flags: list[Flag],
                 config: AuditConfig, version: str, signature: dict[str, Any], relation: Relation,
                 warnings: Sequence[str] = (), languages: Languages | None = None) -> Report:
    cov_o, cov_c = link_coverage(original, candidate, [s.link for s in scored])
    content_links = [s for s in scored if any(candidate.sentences[j].kind == "content" for j in s.link.candidate)]
    mean_sim = round(sum(s.score.similarity for s in content_links) / len(content_links), 4) if content_links else 0.0
    flags.sort(key=lambda f: (f.side != "candidate", f.sentences[0] if f.sentences else 0, -SEVERITY_RANK[f.severity]))
    for k, f in enumerate(flags):
        f.id = f"f{k + 1}"
    link_rows = []
    for k, s in enumerate(scored):
        listed = [f for f in flags if f.link == k]
        mine = [f for f in listed if f.suppressed_by is None]  # what the link's severity and spans show
        link_rows.append(LinkOut(
            id=k, original=list(s.link.original), candidate=list(s.link.candidate),
            type=f"{len(s.link.original)}-{len(s.link.candidate)}", similarity=s.score.similarity,
            chrf=s.score.chrf, bleu=s.score.bleu, ter=s.score.ter, length_ratio=s.score.length_ratio,
            probability=s.probability, features={k: round(v, 4) for k, v in s.features.items()},
            severity=worst(f.severity for f in mine),
            category=max(mine, key=lambda f: SEVERITY_RANK[f.severity]).category if mine else "ok",
            flags=[f.id for f in listed],
            # Link spans are candidate offsets; a dropped clause's spans are in the original.
            spans=[SpanOut(start=sp.start, end=sp.end, text=sp.text) for f in mine if f.side == "candidate"
                   for sp in f.spans],
            original_spans=[SpanOut(start=sp.start, end=sp.end, text=sp.text) for f in mine
                            for sp in (f.spans if f.side == "original" else f.original_spans)]))
    suppressed = sum(f.suppressed_by is not None for f in flags)
    flags_all, flags = flags, [f for f in flags if f.suppressed_by is None]  # the counts and score: active flags
    candidate_words = max(sum(s.words for s in candidate.sentences if s.kind != "boilerplate"), 1)
    weights = {"ok": 0.0, "minor": config.mqm.minor, "major": config.mqm.major, "critical": config.mqm.critical}
    penalty = sum(weights[f.severity] for f in flags)
    per_100 = round(100 * penalty / candidate_words, 2)
    by_severity = Counter(f.severity for f in flags)
    summary = Summary(
        coverage=Coverage(original=cov_o, candidate=cov_c),
        relation=relation.kind,
        relation_reason=relation.reason, mean_similarity=mean_sim,
        worst_severity=worst(f.severity for f in flags),
        flags={sev: by_severity.get(sev, 0) for sev in SEVERITIES[1:]},
        categories=dict(Counter(f.category for f in flags)), links=len(scored),
        mqm=MQMScore(penalty=penalty, per_100_words=per_100, score=round(max(0.0, 100 - per_100), 2),
                     weights={k: v for k, v in weights.items() if k != "ok"}),
        warnings=list(warnings), suppressed=suppressed, languages=languages)
    return Report(driftaudit=version, signature=signature, summary=summary, original=_document(original),
                  candidate=_document(candidate), links=link_rows, flags=[_flag(f) for f in flags_all])
