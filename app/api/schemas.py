"""Request and response models of the HTTP API (all of them appear in the OpenAPI schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.store.models import AuditStatus, VerdictKind
from scoring.report import Report

Status = AuditStatus
Relation = Literal["translation", "rewrite", "partial_reuse", "unrelated_same_topic", "unrelated"]  # scoring.relation.RELATIONS


class Problem(BaseModel):
    """An error, as RFC 9457 `application/problem+json`; `hint` says what to change."""

    type: str = Field(description="URI naming the kind of problem")
    title: str
    status: int
    detail: str
    hint: str = ""
    code: str
    errors: list[dict[str, Any]] | None = Field(None, description="Field errors of a request that failed validation")


class ArticleInput(BaseModel):
    """One article: exactly one of `text` (plain text), `html` or `url` (http/https)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"text": "Kyiv, Ukraine (CNN) ..."}]})

    text: str | None = Field(None, description="Plain text of the article")
    html: str | None = Field(None, description="The article page's HTML; the main text is extracted")
    url: str | None = Field(None, max_length=2000, description="http(s) URL fetched by the service")

    @model_validator(mode="after")
    def _exactly_one(self) -> ArticleInput:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, html or url (got {', '.join(given) or 'none'})")
        return self

    def as_input(self) -> dict[str, Any]:
        """The article as the services take it: `{text | html | url}`."""
        return self.model_dump(include={"text", "html", "url"}, exclude_none=True)


LANGUAGE_CODE = r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$"


class AuditMetadata(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=200, description="Who published the candidate")
    source_language: str | None = Field(None, max_length=16, description="Language the candidate was translated "
                                                                          "through, if known (e.g. de)")
    original_lang: str | None = Field(None, pattern=LANGUAGE_CODE, description="Language of the original (ISO 639-1, "
                                      "e.g. de); identified from the text when not given")
    candidate_lang: str | None = Field(None, pattern=LANGUAGE_CODE, description="Language of the candidate (e.g. en); "
                                       "two different languages are audited with the multilingual encoder")
    original_url: str | None = Field(None, max_length=2000)
    candidate_url: str | None = Field(None, max_length=2000)
    external_id: str | None = Field(None, max_length=200, description="Your CMS's id for the candidate")

    @field_validator("original_lang", "candidate_lang")
    @classmethod
    def _iso_639_1(cls, value: str | None) -> str | None:
        """A code the pipeline knows (ISO 639-1, a region allowed: de-AT)."""
        from scoring.errors import DriftauditError
        from scoring.languages import language_code

        if value is None:
            return None
        try:
            language_code(value)
        except DriftauditError as exc:
            raise ValueError(f"{value!r} is not an ISO 639-1 language code such as en or de") from exc
        return value


class AuditCreate(BaseModel):
    """An audit request: a candidate and its original (inline, or a stored original's id), or
    a candidate alone, whose likely original is then looked for in the stored corpus."""

    model_config = ConfigDict(extra="forbid")

    candidate: ArticleInput
    original: ArticleInput | None = None
    original_id: str | None = Field(None, max_length=32, description="A stored original to audit against")
    metadata: AuditMetadata = Field(default_factory=AuditMetadata)
    background: bool = Field(False, description="Always answer 202 at once and run on a worker")

    @model_validator(mode="after")
    def _one_original(self) -> AuditCreate:
        if self.original is not None and self.original_id is not None:
            raise ValueError("give original or original_id, not both")
        return self


class MatchRow(BaseModel):
    id: str
    title: str = ""
    outlet: str = ""
    score: float = Field(description="Share of the candidate's content words explained times mean similarity")
    prefilter_score: float = Field(0.0, description="Cosine of the document vectors (the index's ranking)")
    coverage: dict[str, float]
    mean_similarity: float
    links: int
    likely: bool


class MatchResult(BaseModel):
    matches: list[MatchRow]
    corpus_size: int = 0
    seconds: float = 0.0
    message: str | None = None
    signature: dict[str, Any] | None = None


NOTE_MAX = 4000


class VerdictIn(BaseModel):
    """What a reviewer says about a flag. Who said it is the caller, not a field."""

    model_config = ConfigDict(extra="forbid")

    verdict: VerdictKind
    note: str = Field("", max_length=NOTE_MAX)
    reviewer: str | None = Field(None, max_length=200, description=(
        "Optional display name. The verdict's `reviewer` is always the caller's identity (API key name, "
        "dashboard user, or `local`); a different name given here is appended to the note as '(as NAME)'."))


class VerdictOut(BaseModel):
    flag_id: str
    verdict: VerdictKind
    note: str
    reviewer: str
    created_at: datetime


class FlagReview(BaseModel):
    """A flag's current verdict (the newest) and all earlier ones."""

    flag_id: str
    current: VerdictOut | None
    history: list[VerdictOut]


class AuditLinks(BaseModel):
    self: str
    dashboard: str


class AuditOut(BaseModel):
    """The audit resource. `report` is exactly the CLI's JSON report (`driftaudit audit --format json`)."""

    id: str
    status: Status
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    metadata: dict[str, Any]
    original_id: str | None
    report: Report | None = Field(description="The audit report (exactly what `driftaudit audit --format json` "
                                               "prints); null until done, and when no original was found")
    match: MatchResult | None = Field(description="For a candidate-only audit: how its original was found")
    error: dict[str, Any] | None
    attempts: int
    review: list[FlagReview] = Field(description="Verdicts per flag (only flags that have one)")
    links: AuditLinks


class AuditSummary(BaseModel):
    id: str
    status: Status
    created_at: datetime
    title: str
    outlet: str
    relation: str | None
    worst_severity: str | None
    coverage: dict[str, float] | None
    mqm_score: float | None
    flags: dict[str, int] = Field(description="Flags by severity")
    reviewed: int = Field(description="Flags with a verdict")
    flag_count: int


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    next: str | None


class AuditList(Page):
    items: list[AuditSummary]


class OriginalCreate(ArticleInput):
    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=200)
    source_url: str | None = Field(None, max_length=2000, description="Where the original was published")
    external_id: str | None = Field(None, max_length=200)

    def meta(self) -> dict[str, Any]:
        """What the corpus keeps about the original besides its text."""
        return {"title": self.title, "outlet": self.outlet, "url": self.source_url or self.url or "",
                "external_id": self.external_id}


class OriginalOut(BaseModel):
    id: str
    created_at: datetime
    title: str
    outlet: str
    url: str
    external_id: str
    language: str
    sentences: int
    words: int
    model: str


class OriginalDetail(OriginalOut):
    text: str
    audits: list[str] = Field(description="Ids of audits made against this original (newest first)")


class OriginalList(Page):
    items: list[OriginalOut]


class MatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    candidate: ArticleInput
    top: int = Field(5, ge=1, le=50)


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    checks: dict[str, str] = Field(default_factory=dict)


# An integer row id in a path: within the database's 64-bit integers (a larger one is a 422,
# not an overflow inside the driver).
RowId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The row's id")]
