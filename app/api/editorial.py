"""/v1/glossaries (term entries per outlet, CSV in and out) and /v1/rules (suppression rules).

An audit runs under the entries and live rules of its outlet (`metadata.outlet`) and of
every outlet (outlet ""): a violated entry is a `terminology` flag; a flag a rule matches
stays in the report with `suppressed_by` and is left out of the counts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from app.api.audits import PROBLEMS, utc
from app.api.deps import Client, Service
from app.api.schemas import RowId
from app.errors import NotFound
from app.services import alerts, editorial, trends
from app.store.models import Alert, AlertRule, GlossaryEntry, SuppressionRuleRow

router = APIRouter(prefix="/v1", tags=["editorial"])
Outlet = Annotated[str | None, Query(max_length=200, description="Only this outlet's entries (\"\" for all-outlet ones)")]


class GlossaryEntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outlet: str = Field("", max_length=200, description="The republishing outlet; \"\" for every outlet")
    source: str = Field(..., min_length=1, max_length=500, description="The term as the original has it")
    target: str = Field(..., min_length=1, max_length=500, description="The rendering the candidate must have")
    severity: Literal["minor", "major", "critical"] = "major"
    note: str = Field("", max_length=2000)


class GlossaryEntryOut(GlossaryEntryIn):
    id: int
    created_by: str
    created_at: datetime


class GlossaryList(BaseModel):
    items: list[GlossaryEntryOut]
    total: int


class ImportResult(BaseModel):
    imported: int
    items: list[GlossaryEntryOut]


class RuleIn(BaseModel):
    """A rule by hand (`original` and/or `candidate` text), or from a dismissed flag (`audit_id` + `flag_id`)."""

    model_config = ConfigDict(extra="forbid")

    outlet: str = Field("", max_length=200, description="\"\" for every outlet; from a flag: its audit's outlet "
                                                        "unless `all_outlets`")
    category: str = Field("", max_length=32, description="Flag category (\"\" any)")
    original: str = Field("", max_length=5000, description="Text the flag's original side contains")
    candidate: str = Field("", max_length=5000, description="The flag's candidate text, exactly (any case and spacing)")
    note: str = Field("", max_length=2000)
    expires_in_days: int | None = Field(None, ge=1, le=editorial.MAX_RULE_DAYS, description="None: no end")
    audit_id: str | None = Field(None, max_length=32)
    flag_id: str | None = Field(None, max_length=32)
    all_outlets: bool = False


class RuleOut(BaseModel):
    id: int
    outlet: str
    category: str
    original: str
    candidate: str
    note: str
    created_by: str
    created_at: datetime
    expires_at: datetime | None
    audit_id: str | None
    flag_id: str | None


class RuleList(BaseModel):
    items: list[RuleOut]
    total: int


def entry_out(e: GlossaryEntry) -> GlossaryEntryOut:
    return GlossaryEntryOut(id=e.id, outlet=e.outlet, source=e.source, target=e.target,
                            severity=e.severity, note=e.note,  # type: ignore[arg-type]
                            created_by=e.created_by, created_at=utc(e.created_at))


def rule_out(r: SuppressionRuleRow) -> RuleOut:
    return RuleOut(id=r.id, outlet=r.outlet, category=r.category, original=r.original, candidate=r.candidate,
                   note=r.note, created_by=r.created_by, created_at=utc(r.created_at), expires_at=utc(r.expires_at),
                   audit_id=r.audit_id, flag_id=r.flag_id)


@router.get("/glossaries", response_model=GlossaryList, responses=PROBLEMS)
def list_glossary(service: Service, _: Client, outlet: Outlet = None) -> GlossaryList:
    rows = service.store.glossary(outlet)
    return GlossaryList(items=[entry_out(e) for e in rows], total=len(rows))


@router.post("/glossaries", response_model=GlossaryEntryOut, status_code=201, responses=PROBLEMS)
def add_glossary_entry(body: GlossaryEntryIn, service: Service, identity: Client) -> GlossaryEntryOut:
    """Add one entry: `source` in an original of any outlet (or of `outlet`) is to be rendered `target`."""
    (row,) = editorial.add_entries(service.store, [body.model_dump()], identity)
    return entry_out(row)


class GlossaryEntryPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outlet: str | None = Field(None, max_length=200)
    source: str | None = Field(None, min_length=1, max_length=500)
    target: str | None = Field(None, min_length=1, max_length=500)
    severity: Literal["minor", "major", "critical"] | None = None
    note: str | None = Field(None, max_length=2000)


@router.patch("/glossaries/{entry_id}", response_model=GlossaryEntryOut, responses=PROBLEMS)
def update_glossary_entry(entry_id: RowId, body: GlossaryEntryPatch, service: Service, _: Client) -> GlossaryEntryOut:
    """Change the fields given; the others stay."""
    return entry_out(editorial.update_entry(service.store, entry_id, body.model_dump()))


@router.delete("/glossaries/{entry_id}", status_code=204, responses=PROBLEMS)
def delete_glossary_entry(entry_id: RowId, service: Service, _: Client) -> Response:
    editorial.delete_entry(service.store, entry_id)
    return Response(status_code=204)


@router.get("/glossaries.csv", responses={200: {"content": {"text/csv": {}}}, **PROBLEMS})
def export_glossary(service: Service, _: Client, outlet: Outlet = None) -> Response:
    """The entries as CSV: outlet,source,target,severity,note (what POST /v1/glossaries.csv reads)."""
    return Response(editorial.export_csv(service.store, outlet), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="glossary.csv"'})


CSV_BODY = {"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}}


@router.post("/glossaries.csv", response_model=ImportResult, status_code=201, responses=PROBLEMS,
             openapi_extra=CSV_BODY)
async def import_glossary(request: Request, service: Service, identity: Client, outlet: Outlet = None) -> ImportResult:
    """Import CSV (UTF-8) with a header row (source and target required; outlet, severity,
    note optional; `?outlet=` fills rows without one). All rows or none are stored."""
    text = editorial.decode_csv(await request.body())
    rows = await run_in_threadpool(editorial.import_csv, service.store, text, identity, outlet)
    return ImportResult(imported=len(rows), items=[entry_out(e) for e in rows])


@router.get("/rules", response_model=RuleList, responses=PROBLEMS)
def list_rules(service: Service, _: Client, outlet: Outlet = None) -> RuleList:
    rows = service.store.rules(outlet)
    return RuleList(items=[rule_out(r) for r in rows], total=len(rows))


@router.post("/rules", response_model=RuleOut, status_code=201, responses=PROBLEMS)
def add_rule(body: RuleIn, service: Service, identity: Client) -> RuleOut:
    """A suppression rule. With `audit_id` and `flag_id`: from that flag, which must be dismissed
    (its category and text; the audit's outlet unless `all_outlets`)."""
    if body.audit_id or body.flag_id:
        row = editorial.rule_from_flag(service.store, body.audit_id or "", body.flag_id or "", identity,
                                       all_outlets=body.all_outlets, days=body.expires_in_days, note=body.note)
    else:
        row = editorial.add_rule(service.store, body.model_dump(), identity)
    return rule_out(row)


@router.delete("/rules/{rule_id}", status_code=204, responses=PROBLEMS)
def delete_rule(rule_id: RowId, service: Service, _: Client) -> Response:
    editorial.delete_rule(service.store, rule_id)
    return Response(status_code=204)


class TrendPoint(BaseModel):
    id: str
    created_at: datetime
    score: float
    title: str


class TrendsOut(BaseModel):
    outlet: str
    days: int
    audits: int
    mean_score: float | None
    points: list[TrendPoint]
    buckets: dict[str, int] = Field(description="Audits per MQM score bucket: >=98, 94-98, 80-94, <80")
    categories: dict[str, int] = Field(description="Flags per category over these audits (suppressed ones not counted)")
    agreement: dict[str, dict[str, int]] = Field(description="Current verdicts per flag category: confirmed, "
                                                             "dismissed, needs_edit")


@router.get("/outlets/{outlet}/trends", response_model=TrendsOut, responses=PROBLEMS)
def outlet_trends(outlet: Annotated[str, Path(max_length=200)], service: Service, _: Client,
                  days: Annotated[int, Query(ge=1, le=3650)] = 90) -> TrendsOut:
    """The outlet's finished audits in the last `days`: score per audit, quality buckets, top
    categories, reviewer agreement."""
    t = trends.outlet_trends(service.store, outlet, days)
    return TrendsOut(outlet=t.outlet, days=t.days, audits=t.audits, mean_score=t.mean_score,
                     points=[TrendPoint(**p) for p in t.points], buckets=t.buckets, categories=t.categories,
                     agreement=t.agreement)


class AlertRuleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    below: float = Field(80.0, ge=0, le=100, description="An audit counts when its MQM score is below this")
    share: float = Field(0.10, ge=0, lt=1, description="Alert when more than this share of the audits counts")
    days: int = Field(7, ge=1, le=365, description="Window of finished audits")
    min_audits: int = Field(5, ge=1, le=100_000, description="No alert on fewer audits than this")


class AlertOut(BaseModel):
    id: int
    outlet: str
    opened_at: datetime
    closed_at: datetime | None
    share: float
    audits: int
    message: str


class AlertRuleOut(AlertRuleIn):
    outlet: str
    created_by: str
    created_at: datetime
    open_alert: AlertOut | None = None


class AlertList(BaseModel):
    items: list[AlertOut]


def alert_out(a: Alert) -> AlertOut:
    return AlertOut(id=a.id, outlet=a.outlet, opened_at=utc(a.opened_at), closed_at=utc(a.closed_at), share=a.share,
                    audits=a.audits, message=a.message)


def alert_rule_out(r: AlertRule, open_alert: Alert | None) -> AlertRuleOut:
    return AlertRuleOut(outlet=r.outlet, below=r.below, share=r.share, days=r.days, min_audits=r.min_audits,
                        created_by=r.created_by, created_at=utc(r.created_at),
                        open_alert=alert_out(open_alert) if open_alert else None)


OutletPath = Annotated[str, Path(max_length=200)]


@router.put("/outlets/{outlet}/alert", response_model=AlertRuleOut, responses=PROBLEMS)
def set_alert(outlet: OutletPath, body: AlertRuleIn, service: Service, identity: Client) -> AlertRuleOut:
    """The outlet's alert threshold (replacing the one it had); checked as each of its audits finishes."""
    row = alerts.set_rule(service.store, outlet, body.below, body.share, body.days, body.min_audits, identity)
    opened = alerts.check(service.store, row.outlet, service.webhook_wake)
    return alert_rule_out(row, opened or service.store.open_alert(row.outlet))


@router.get("/outlets/{outlet}/alert", response_model=AlertRuleOut, responses=PROBLEMS)
def get_alert(outlet: OutletPath, service: Service, _: Client) -> AlertRuleOut:
    row = service.store.alert_rule(outlet)
    if row is None:
        raise NotFound(f"outlet {outlet!r} has no alert threshold", "set one with PUT /v1/outlets/{outlet}/alert")
    return alert_rule_out(row, service.store.open_alert(outlet))


@router.delete("/outlets/{outlet}/alert", status_code=204, responses=PROBLEMS)
def delete_alert(outlet: OutletPath, service: Service, _: Client) -> Response:
    if not service.store.delete_alert_rule(outlet):
        raise NotFound(f"outlet {outlet!r} has no alert threshold", "nothing to delete")
    service.store.close_alerts(outlet)
    return Response(status_code=204)


@router.get("/alerts", response_model=AlertList, responses=PROBLEMS)
def list_alerts(service: Service, _: Client, open: bool = False) -> AlertList:
    """Alerts, newest first; `open=true`: only those still open."""
    return AlertList(items=[alert_out(a) for a in service.store.alerts(open_only=open)])
