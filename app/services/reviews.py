"""Verdicts on flags, recorded under the caller's identity (the API key's name, the
signed-in dashboard user, or `local` in the open loopback mode), never under a name the
request claims: a claimed name is kept only as a display note."""

from __future__ import annotations

from app.errors import NotFound
from app.services import webhooks
from app.services.runner import AuditService
from app.store.models import Verdict


def recorded_note(note: str, claimed: str | None, identity: str) -> str:
    """The note as stored: `note`, plus '(as NAME)' when the request named someone other
    than the caller."""
    name = " ".join((claimed or "").split())  # one line: a display name must not forge a note layout
    if not name or name == identity:
        return note
    return f"{note} (as {name})" if note.strip() else f"(as {name})"


def record(service: AuditService, audit_id: str, flag_id: str, verdict: str, note: str, claimed: str | None,
           identity: str) -> list[Verdict]:
    """Add a verdict; the flag's verdicts, oldest first. NotFound for an unknown audit or flag."""
    audit = service.store.get_audit(audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", "list audits with GET /v1/audits")
    flags = {f["id"] for f in (audit.report or {}).get("flags", [])}
    if flag_id not in flags:
        raise NotFound(f"audit {audit_id} has no flag {flag_id}",
                       "flag ids are in report.flags[].id" if flags else "this audit has no flags (yet)")
    service.store.add_verdict(audit_id, flag_id, verdict, recorded_note(note, claimed, identity), identity)
    flag = next(f for f in (audit.report or {}).get("flags", []) if f["id"] == flag_id)
    webhooks.emit(service.store, "verdict.recorded",
                  {"audit_id": audit_id, "flag_id": flag_id, "verdict": verdict, "reviewer": identity,
                   "outlet": audit.outlet, "category": flag.get("category"), "severity": flag.get("severity"),
                   "url": f"/v1/audits/{audit_id}"}, service.webhook_wake)
    return [v for v in service.store.verdicts([audit_id])[audit_id] if v.flag_id == flag_id]
