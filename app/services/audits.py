"""Audits: submitted by the API or the dashboard, run in the request or by a worker.

`submit` is the whole path of a new audit. Inputs are read first (a URL is fetched with
its own deadline and concurrency limit, outside the audit slots); then, holding an
audit slot, the articles are cleaned and segmented (the heavy part, so it counts
against the limit) and either audited at once (small pairs) or queued for a worker
(large ones, or when asked). `run_claimed` is a worker's run of a queued audit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.core import metrics
from app.errors import NotFound, QueueFull
from app.services import alerts, editorial, webhooks
from app.services.runner import AuditService, Outcome
from app.store.models import Audit


@dataclass(frozen=True)
class Submission:
    """What a new audit is made of: the candidate and at most one way to its original."""

    candidate: dict[str, Any]  # {text | html | url}
    original: dict[str, Any] | None = None  # {text | html | url}
    original_id: str | None = None  # a stored original
    background: bool = False
    metadata: dict[str, Any] | None = None


@dataclass(frozen=True)
class Submitted:
    """The stored audit, and whether it is finished (audited in the request) or queued."""

    audit: Audit
    finished: bool


def submit(service: AuditService, submission: Submission, submitted_by: str,
           notify_workers: Callable[[], None] = lambda: None) -> Submitted:
    """Store and run (or queue) a new audit; raises a typed error for bad input."""
    store = service.store
    meta = dict(submission.metadata or {}) | {"submitted_by": submitted_by}
    candidate_raw = service.resolve(submission.candidate, "candidate")
    original_raw = service.resolve(submission.original, "original") if submission.original is not None else None
    original_row = None
    if submission.original is None and submission.original_id is not None:
        original_row = store.get_original(submission.original_id)
        if original_row is None:
            raise NotFound(f"no stored original {submission.original_id}", "list them with GET /v1/originals")
    candidate_input = {"text": candidate_raw} | ({"url": submission.candidate["url"]}
                                                 if submission.candidate.get("url") else {})
    original_input: dict[str, Any] = {}
    if original_raw is not None and submission.original is not None:
        original_input = {"text": original_raw} | ({"url": submission.original["url"]}
                                                   if submission.original.get("url") else {})
    with service.slot():
        candidate = service.prepare(candidate_raw, "candidate")
        original = service.prepare(original_raw, "original") if original_raw is not None else (
            service.prepared_original(original_row) if original_row is not None else None)
        queued = submission.background or not service.is_small(*(p for p in (original, candidate) if p is not None))
        if not queued:
            policy = editorial.policy_for(store, str(meta.get("outlet") or "")[:200])
            outcome = service.run(original, candidate, policy, meta)
    if queued:
        pending = store.pending_count()
        limit = service.settings.max_pending_audits
        if pending >= limit:
            raise QueueFull(f"{pending} background audits are waiting for a worker already (the limit is {limit})",
                            "retry later, or send smaller pairs, which are audited at once")
        audit = store.create_audit(original_input=original_input, candidate_input=candidate_input, meta=meta,
                                   original_id=submission.original_id)
        notify_workers()
        return Submitted(audit, finished=False)
    # One transaction: a crash cannot leave a `running` audit that no worker would ever finish.
    audit = store.record_audit(original_input=original_input, candidate_input=candidate_input, meta=meta,
                               report=outcome.report, match=outcome.match, error=outcome.error,
                               original_id=outcome.original_id or submission.original_id)
    metrics.audit_finished(outcome.report, outcome.error)
    announce(service, audit)
    return Submitted(audit, finished=True)


def announce(service: AuditService, audit: Audit) -> None:
    """The `audit.finished` webhook event of a finished audit, then its outlet's alert check."""
    webhooks.emit(service.store, "audit.finished",
                  webhooks.audit_event(audit.id, audit.status, audit.outlet, audit.title, audit.report, audit.error),
                  service.webhook_wake)
    if audit.status == "done":
        alerts.check(service.store, audit.outlet, service.webhook_wake)


def run_claimed(service: AuditService, audit: Audit) -> Outcome:
    """A worker's run of a queued audit it has claimed (the caller holds a slot)."""
    return service.run_job(audit)


def finish_claimed(service: AuditService, audit_id: str, worker: str, outcome: Outcome) -> bool:
    """Store a claimed audit's outcome; False when `worker` no longer holds the claim."""
    finished = service.store.finish_audit(audit_id, worker, report=outcome.report, error=outcome.error,
                                          match=outcome.match, original_id=outcome.original_id)
    if finished:
        audit = service.store.get_audit(audit_id)
        if audit is not None:
            announce(service, audit)
    return finished


def delete(service: AuditService, audit_id: str) -> None:
    if not service.store.delete_audit(audit_id):
        raise NotFound(f"no audit {audit_id}", "list audits with GET /v1/audits")
