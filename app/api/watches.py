"""/v1/watches: candidate URLs re-checked on a schedule; a changed page is audited again."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.audits import PROBLEMS, utc
from app.api.deps import Client, Service
from app.api.schemas import RowId
from app.errors import NotFound
from app.services import watches
from app.store.models import Watch

router = APIRouter(prefix="/v1", tags=["watches"])


class WatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    candidate_url: str = Field(..., max_length=2000, description="The republished article's URL")
    original_id: str | None = Field(None, max_length=32, description="A stored original")
    original_url: str | None = Field(None, max_length=2000, description="Or the original's URL")
    outlet: str = Field("", max_length=200)
    title: str = Field("", max_length=500)
    every_minutes: float = Field(60.0, ge=watches.MIN_MINUTES, le=60 * 24 * 30)


class WatchOut(BaseModel):
    id: int
    candidate_url: str
    original_id: str | None
    original_url: str
    outlet: str
    title: str
    every_minutes: float
    next_check_at: datetime
    last_checked_at: datetime | None
    last_audit_id: str | None
    checks: int
    changes: int
    last_error: str


class WatchHistory(WatchOut):
    audits: list[dict[str, Any]] = Field(description="Its audits, newest first: id, status, created_at, score")
    diff: dict[str, list[dict[str, Any]]] | None = Field(
        description="Flags the newest finished audit has and the one before had not (introduced), and the reverse "
                    "(fixed); null until two audits are finished")
    diff_between: list[str] | None


class WatchList(BaseModel):
    items: list[WatchOut]


class CheckResult(BaseModel):
    result: Literal["changed", "unchanged", "failed"]
    watch: WatchOut


def watch_out(w: Watch) -> WatchOut:
    return WatchOut(id=w.id, candidate_url=w.candidate_url, original_id=w.original_id, original_url=w.original_url,
                    outlet=w.outlet, title=w.title, every_minutes=w.every_minutes, next_check_at=utc(w.next_check_at),
                    last_checked_at=utc(w.last_checked_at), last_audit_id=w.last_audit_id, checks=w.checks,
                    changes=w.changes, last_error=w.last_error)


def _get(service: Any, watch_id: int) -> Watch:
    row = service.store.get_watch(watch_id)
    if row is None:
        raise NotFound(f"no watch {watch_id}", "list them with GET /v1/watches")
    return row  # type: ignore[no-any-return]


@router.post("/watches", response_model=WatchOut, status_code=201, responses=PROBLEMS)
def create_watch(body: WatchIn, service: Service, identity: Client) -> WatchOut:
    """Watch a candidate URL: due at once (the scheduler looks every 30 s), then every `every_minutes`."""
    return watch_out(watches.create(service, body.model_dump(), identity))


@router.get("/watches", response_model=WatchList, responses=PROBLEMS)
def list_watches(service: Service, _: Client) -> WatchList:
    return WatchList(items=[watch_out(w) for w in service.store.watches()])


@router.get("/watches/{watch_id}", response_model=WatchHistory, responses=PROBLEMS)
def get_watch(watch_id: RowId, service: Service, _: Client) -> WatchHistory:
    row = _get(service, watch_id)
    return WatchHistory(**watch_out(row).model_dump(), **watches.history(service, row))


@router.post("/watches/{watch_id}/check", response_model=CheckResult, responses=PROBLEMS)
def check_watch(watch_id: RowId, request: Request, service: Service, _: Client) -> CheckResult:
    """Check now: fetch the candidate; a changed page is queued for a new audit."""
    result = watches.check(service, _get(service, watch_id), request.app.state.workers_notify)
    return CheckResult(result=result, watch=watch_out(_get(service, watch_id)))  # type: ignore[arg-type]


@router.delete("/watches/{watch_id}", status_code=204, responses=PROBLEMS)
def delete_watch(watch_id: RowId, service: Service, _: Client) -> Response:
    watches.delete(service, watch_id)
    return Response(status_code=204)
