"""/v1/audits: create (answered at once or with 202), read, list, delete, and verdicts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from app.api.deps import Client, Service
from app.api.schemas import (
    AuditCreate,
    AuditLinks,
    AuditList,
    AuditOut,
    AuditSummary,
    FlagReview,
    MatchResult,
    Problem,
    Relation,
    Status,
    VerdictOut,
)
from app.errors import NotFound
from app.services import audits as audit_service
from app.services.audits import Submission
from app.store.models import Audit, Verdict
from app.store.repo import AuditFilter, utc
from scoring.report import Report
from scoring.types import Severity

router = APIRouter(prefix="/v1/audits", tags=["audits"])
MAX_OFFSET = 1_000_000_000  # databases store offsets as 64-bit integers at most; far beyond any real page
PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "content": {"application/problem+json": {}}}
    for code in (400, 401, 404, 409, 413, 415, 422, 429, 502, 503, 504)
}


def verdict_out(v: Verdict) -> VerdictOut:
    return VerdictOut(flag_id=v.flag_id, verdict=v.verdict, note=v.note, reviewer=v.reviewer,
                      created_at=utc(v.created_at))


def audit_out(audit: Audit, verdicts: list[Verdict], base: str) -> AuditOut:
    by_flag: dict[str, list[VerdictOut]] = {}
    for v in verdicts:
        by_flag.setdefault(v.flag_id, []).append(verdict_out(v))
    review = [FlagReview(flag_id=f, current=h[-1], history=h) for f, h in by_flag.items()]
    return AuditOut(id=audit.id, status=audit.status, created_at=utc(audit.created_at),
                    updated_at=utc(audit.updated_at), finished_at=utc(audit.finished_at), metadata=audit.meta,
                    original_id=audit.original_id, report=Report.model_validate(audit.report) if audit.report else None,
                    match=MatchResult.model_validate(audit.match) if audit.match else None,
                    error=audit.error, attempts=audit.attempts, review=review,
                    links=AuditLinks.model_validate({"self": f"{base}v1/audits/{audit.id}",
                                                     "dashboard": f"{base}audits/{audit.id}"}))


def summary_of(audit: Audit, reviewed: int) -> AuditSummary:
    summary = audit.summary or {}
    flags = summary.get("flags") or {}
    mqm = summary.get("mqm") or {}
    return AuditSummary(id=audit.id, status=audit.status, created_at=utc(audit.created_at),
                        title=audit.title, outlet=audit.outlet, relation=audit.relation,
                        worst_severity=audit.worst_severity, coverage=summary.get("coverage"),
                        mqm_score=mqm.get("score"), flags={k: int(v) for k, v in flags.items()},
                        reviewed=reviewed, flag_count=int(sum(flags.values())) if flags else 0)


@router.post("", response_model=AuditOut, status_code=201, responses={
    202: {"model": AuditOut, "description": "Accepted: a large pair (or background: true) runs on a worker; "
                                            "poll the Location"}, **PROBLEMS})
def create_audit(body: AuditCreate, request: Request, service: Service, client: Client) -> Any:
    """Audit a candidate against its original, or find the candidate's original in the corpus first.

    Small pairs are audited in the request and answered with the finished report (201).
    Large ones, or any with `background: true`, answer 202 with the audit id; GET it until
    `status` is `done` (or `failed`). A candidate-only audit whose original cannot be found
    ends with status `unmatched` and the ranking in `match`: a clear answer, not an error.
    """
    submitted = audit_service.submit(service, Submission(
        candidate=body.candidate.as_input(), original=body.original.as_input() if body.original else None,
        original_id=body.original_id, background=body.background,
        metadata=body.metadata.model_dump(exclude_none=True)), client, request.app.state.workers_notify)
    out = audit_out(submitted.audit, [], str(request.base_url))
    return JSONResponse(out.model_dump(mode="json"), status_code=201 if submitted.finished else 202,
                        headers={"Location": out.links.self})


@router.get("", response_model=AuditList, responses=PROBLEMS)
def list_audits(request: Request, service: Service, _: Client,
                status: Status | None = None, relation: Relation | None = None,
                worst_severity: Annotated[Severity | None, Query(description="This severity or worse")] = None,
                outlet: str | None = None, created_after: datetime | None = None,
                created_before: datetime | None = None,
                q: Annotated[str | None, Query(max_length=200, description="Words in the title")] = None,
                sort: Annotated[str, Query(pattern=r"^-?(created_at|title|outlet|relation|status)$")] = "-created_at",
                limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> AuditList:
    """Audits, newest first by default, with filters; `next` is the URL of the next page."""
    flt = AuditFilter(status=status, relation=relation, worst_severity=worst_severity, outlet=outlet,
                      created_after=created_after, created_before=created_before, q=q, sort=sort)
    rows, total = service.store.list_audits(flt, limit, offset)
    reviewed = service.store.reviewed_counts([a.id for a in rows])
    following = None
    if offset + limit < total:
        following = str(request.url.include_query_params(offset=offset + limit))
    return AuditList(items=[summary_of(a, reviewed.get(a.id, 0)) for a in rows], total=total, limit=limit,
                     offset=offset, next=following)


@router.get("/{audit_id}", response_model=AuditOut, responses=PROBLEMS)
def get_audit(audit_id: str, request: Request, service: Service, _: Client) -> AuditOut:
    """One audit with its report (once done) and the verdicts given so far."""
    audit = service.store.get_audit(audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", "list audits with GET /v1/audits")
    return audit_out(audit, service.store.verdicts([audit_id])[audit_id], str(request.base_url))


@router.delete("/{audit_id}", status_code=204, responses=PROBLEMS)
def delete_audit(audit_id: str, service: Service, _: Client) -> Response:
    audit_service.delete(service, audit_id)
    return Response(status_code=204)
