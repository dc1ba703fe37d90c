"""/v1/webhooks: receivers of signed event notifications, and their delivery log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.audits import PROBLEMS, utc
from app.api.deps import Client, Service
from app.api.schemas import RowId
from app.errors import NotFound
from app.services import webhooks
from app.store.models import Webhook, WebhookDelivery

router = APIRouter(prefix="/v1", tags=["webhooks"])
EventName = Literal["audit.finished", "verdict.recorded", "alert.raised"]


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(..., max_length=2000, description="The receiver: http(s); private addresses only when "
                                                       "DRIFTAUDIT_FETCH_ALLOW admits them")
    events: list[EventName] = Field(..., min_length=1, max_length=len(webhooks.EVENTS))
    secret: str | None = Field(None, min_length=16, max_length=100, description="HMAC key; generated when left out")


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    created_by: str
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="Shown once: the key of X-Driftaudit-Signature (HMAC-SHA256 over 't.body')")


class WebhookList(BaseModel):
    items: list[WebhookOut]


class DeliveryOut(BaseModel):
    id: int
    event: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_status: int | None
    last_error: str
    created_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None


class DeliveryList(BaseModel):
    items: list[DeliveryOut]


def webhook_out(w: Webhook) -> WebhookOut:
    return WebhookOut(id=w.id, url=w.url, events=w.events.split(","), created_by=w.created_by,
                      created_at=utc(w.created_at))


def delivery_out(d: WebhookDelivery) -> DeliveryOut:
    return DeliveryOut(id=d.id, event=d.event, status=d.status, attempts=d.attempts,  # type: ignore[arg-type]
                       last_status=d.last_status, last_error=d.last_error, created_at=utc(d.created_at),
                       next_attempt_at=utc(d.next_attempt_at) if d.status == "pending" else None,
                       delivered_at=utc(d.delivered_at))


@router.post("/webhooks", response_model=WebhookCreated, status_code=201, responses=PROBLEMS)
def create_webhook(body: WebhookIn, service: Service, identity: Client) -> WebhookCreated:
    """Register a receiver for `events`; the answer holds its secret, shown this once."""
    row, secret = webhooks.create(service.store, body.url, list(body.events), identity, body.secret,
                                  service.settings.fetch_allow)
    return WebhookCreated(**webhook_out(row).model_dump(), secret=secret)


@router.get("/webhooks", response_model=WebhookList, responses=PROBLEMS)
def list_webhooks(service: Service, _: Client) -> WebhookList:
    return WebhookList(items=[webhook_out(w) for w in service.store.webhooks()])


@router.delete("/webhooks/{webhook_id}", status_code=204, responses=PROBLEMS)
def delete_webhook(webhook_id: RowId, service: Service, _: Client) -> Response:
    webhooks.delete(service.store, webhook_id)
    return Response(status_code=204)


@router.get("/webhooks/{webhook_id}/deliveries", response_model=DeliveryList, responses=PROBLEMS)
def list_deliveries(webhook_id: RowId, service: Service, _: Client,
                    limit: Annotated[int, Query(ge=1, le=500)] = 100) -> DeliveryList:
    """The newest deliveries first: status, attempts, the last answer or error."""
    if not any(w.id == webhook_id for w in service.store.webhooks()):
        raise NotFound(f"no webhook {webhook_id}", "list them with GET /v1/webhooks")
    return DeliveryList(items=[delivery_out(d) for d in service.store.deliveries(webhook_id, limit)])
