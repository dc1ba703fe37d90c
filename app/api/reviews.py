"""PATCH /v1/audits/{id}/flags/{flag_id}: a reviewer's verdict on one flag.

The verdict is recorded under the caller's identity (`require_client`: the API key's name,
the signed-in dashboard user, or `local` in the open loopback mode), never under a name
the body claims: a `reviewer` in the body (older clients, the open-mode review page, a CMS
acting for an editor) is kept only as a display note appended to `note`.
"""

from __future__ import annotations

from fastapi import APIRouter

from app.api.audits import PROBLEMS, verdict_out
from app.api.deps import Client, Service
from app.api.errors import NotFound
from app.api.schemas import FlagReview, VerdictIn

router = APIRouter(prefix="/v1/audits", tags=["audits"])
PATH = "/{audit_id}/flags/{flag_id}"


def recorded_note(note: str, claimed: str | None, identity: str) -> str:
    """The note as stored: `note`, plus '(as NAME)' when the body named someone other than the caller.

    In: the body's note, the body's reviewer (or None), the caller's identity. Out: the note text.
    """
    name = " ".join((claimed or "").split())  # one line: the display name must not forge a note layout
    if not name or name == identity:
        return note
    return f"{note} (as {name})" if note.strip() else f"(as {name})"


@router.patch(PATH, response_model=FlagReview, responses=PROBLEMS)
def review_flag(audit_id: str, flag_id: str, body: VerdictIn, service: Service, identity: Client) -> FlagReview:
    """Record a verdict on a flag under the caller's identity; earlier verdicts stay in `history`.

    In: the audit and flag ids, `{verdict, note, reviewer?}`. Out: the flag's current verdict and
    its history (oldest first). 404 when the audit or the flag does not exist.
    """
    audit = service.store.get_audit(audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", "list audits with GET /v1/audits")
    flags = {f["id"] for f in (audit.report or {}).get("flags", [])}
    if flag_id not in flags:
        raise NotFound(f"audit {audit_id} has no flag {flag_id}",
                       "flag ids are in report.flags[].id" if flags else "this audit has no flags (yet)")
    service.store.add_verdict(audit_id, flag_id, body.verdict, recorded_note(body.note, body.reviewer, identity), identity)
    history = [verdict_out(v) for v in service.store.verdicts([audit_id])[audit_id] if v.flag_id == flag_id]
    return FlagReview(flag_id=flag_id, current=history[-1], history=history)
