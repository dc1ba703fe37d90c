"""Webhooks: tell other systems (a CMS, a chat channel) when an audit finishes or a verdict
is recorded, with signed bodies and retries recorded in the database.

Each delivery is a POST of JSON `{"event", "delivery", "created_at", "data"}` with headers
`X-Driftaudit-Event`, `X-Driftaudit-Delivery` and `X-Driftaudit-Signature: t=UNIX,v1=HEX`,
where HEX is HMAC-SHA256 with the webhook's secret over `"{t}.{body}"` (the exact bytes
sent). A receiver recomputes it and refuses a timestamp more than five minutes away
(`verify` does both), so a captured request cannot be replayed later. A 2xx answer
delivers; anything else (or no answer) is retried after `webhook_retry_seconds`, doubled
each time, until `webhook_max_attempts`; then the delivery is `failed`. Every attempt's
status and error stay in the delivery log (`GET /v1/webhooks/{id}/deliveries`). URLs go
through the same address checks as article fetches (`DRIFTAUDIT_FETCH_ALLOW` admits
internal receivers).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from app.core.config import Settings
from app.core.fetch import literal_refusal, post_json
from app.errors import NotFound
from app.store.models import Webhook, WebhookDelivery
from app.store.repo import Store, utc
from scoring.errors import BadRequest, DriftauditError, FetchRefused

log = logging.getLogger("driftaudit.webhooks")
EVENTS = ("audit.finished", "verdict.recorded", "alert.raised")
TOLERANCE_SECONDS = 300
MAX_WEBHOOKS = 50


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for `body` sent at `timestamp`."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str, body: bytes, now: float | None = None,
           tolerance: float = TOLERANCE_SECONDS) -> bool:
    """What a receiver checks: the signature matches and its timestamp is recent."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields.get("t", ""))
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), f"t={timestamp},v1={fields.get('v1', '')}")


def create(store: Store, url: str, events: Sequence[str], identity: str, secret: str | None = None,
           allow: Sequence[str] = ()) -> tuple[Webhook, str]:
    """A new webhook and its secret (generated unless given; shown to the caller once).
    A receiver written as a private or local address is refused here already (`allow`:
    the operator's DRIFTAUDIT_FETCH_ALLOW); names are checked on every delivery."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadRequest(f"{url!r} is not an http(s) URL", "give the receiver's full URL, e.g. https://cms.example/hook")
    refusal = literal_refusal(parts.hostname, allow)
    if refusal:
        raise FetchRefused(f"{refusal}: webhooks are only sent to public addresses",
                           "give the receiver's public URL; an operator can allow an internal one with "
                           "DRIFTAUDIT_FETCH_ALLOW")
    unknown = sorted(set(events) - set(EVENTS))
    if unknown or not events:
        raise BadRequest(f"unknown events {unknown}" if unknown else "no events chosen",
                         f"choose from {', '.join(EVENTS)}")
    if len(store.webhooks()) >= MAX_WEBHOOKS:
        raise BadRequest(f"there are {MAX_WEBHOOKS} webhooks already", "delete one you no longer need")
    secret = secret or secrets.token_urlsafe(32)
    if len(secret) < 16:
        raise BadRequest("the secret is shorter than 16 characters", "leave it out to have one generated")
    return store.add_webhook(url, list(dict.fromkeys(events)), secret, identity), secret


def delete(store: Store, webhook_id: int) -> None:
    if not store.delete_webhook(webhook_id):
        raise NotFound(f"no webhook {webhook_id}", "list them with GET /v1/webhooks")


def emit(store: Store, event: str, data: dict[str, Any], wake: threading.Event | None = None) -> None:
    """Queue `event` for every webhook that asked for it. Never raises: a webhook must not
    fail the audit or verdict that caused it."""
    try:
        if store.enqueue_deliveries(event, data) and wake is not None:
            wake.set()
    except Exception:
        log.exception("queueing a webhook event failed", extra={"event": event})


def audit_event(audit_id: str, status: str, outlet: str, title: str, report: dict[str, Any] | None,
                error: dict[str, Any] | None) -> dict[str, Any]:
    summary = (report or {}).get("summary") or {}
    return {"audit_id": audit_id, "status": status, "outlet": outlet, "title": title,
            "url": f"/v1/audits/{audit_id}", "relation": summary.get("relation"),
            "worst_severity": summary.get("worst_severity"), "flags": summary.get("flags"),
            "mqm_score": (summary.get("mqm") or {}).get("score"), "error": (error or {}).get("code")}


def deliver(store: Store, settings: Settings, delivery: WebhookDelivery, hook: Webhook) -> bool:
    """One attempt; the outcome is recorded. True when delivered."""
    body = json.dumps({"event": delivery.event, "delivery": delivery.id,
                       "created_at": utc(delivery.created_at).isoformat(),
                       "data": delivery.payload}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {"X-Driftaudit-Event": delivery.event, "X-Driftaudit-Delivery": str(delivery.id),
               "X-Driftaudit-Signature": sign(hook.secret, int(time.time()), body)}
    status: int | None = None
    refused = False
    try:
        status, answer = post_json(hook.url, body, headers, allow=settings.fetch_allow,
                                   timeout=settings.webhook_timeout)
        error = "" if 200 <= status < 300 else f"HTTP {status}: {answer[:200]}"
    except FetchRefused as exc:  # a private or local address: refused again on every try
        error, refused = exc.message, True
    except DriftauditError as exc:
        error = exc.message
    delivered = status is not None and 200 <= status < 300
    attempt = delivery.attempts + 1
    retry_at = None
    if not delivered and not refused and attempt < settings.webhook_max_attempts:
        retry_at = datetime.now(UTC) + timedelta(seconds=settings.webhook_retry_seconds * 2 ** (attempt - 1))
    store.finish_delivery(delivery.id, delivered=delivered, status=status, error=error, retry_at=retry_at)
    if not delivered:
        log.warning("webhook delivery failed", extra={"webhook": hook.id, "delivery": delivery.id, "attempt": attempt,
                                                       "error": error[:200], "retry": retry_at is not None})
    return delivered


class WebhookSender:
    """A thread that sends due deliveries; `wake` (set when an event is queued) makes it look
    at once, otherwise it looks every `poll` seconds (retries come due on their own)."""

    def __init__(self, store: Store, settings: Settings, poll: float = 1.0) -> None:
        self.store, self.settings, self.poll = store, settings, poll
        self.wake = threading.Event()
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="driftaudit-webhooks", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, grace: float = 5.0) -> None:
        self.stop_event.set()
        self.wake.set()
        self.thread.join(grace)

    def send_due(self) -> int:
        sent = 0
        lease = self.settings.webhook_timeout + 30  # a sender that died lets the delivery come due again
        for delivery, hook in self.store.claim_deliveries(lease):
            if self.stop_event.is_set():
                break
            sent += deliver(self.store, self.settings, delivery, hook)
        return sent

    def _run(self) -> None:
        while not self.stop_event.is_set():
            self.wake.clear()
            try:
                self.send_due()
            except Exception:
                log.exception("sending webhooks failed; trying again shortly")
            self.wake.wait(self.poll)
