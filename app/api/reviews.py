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
from app.api.schemas import FlagReview, VerdictIn
from app.services import reviews

router = APIRouter(prefix="/v1/audits", tags=["audits"])
PATH = "/{audit_id}/flags/{flag_id}"


@router.patch(PATH, response_model=FlagReview, responses=PROBLEMS)
def review_flag(audit_id: str, flag_id: str, body: VerdictIn, service: Service, identity: Client) -> FlagReview:
    """Record a verdict on a flag under the caller's identity; earlier verdicts stay in `history`.

    In: the audit and flag ids, `{verdict, note, reviewer?}`. Out: the flag's current verdict and
    its history (oldest first). 404 when the audit or the flag does not exist.
    """
    history = [verdict_out(v) for v in reviews.record(service, audit_id, flag_id, body.verdict, body.note,
                                                      body.reviewer, identity)]
    return FlagReview(flag_id=flag_id, current=history[-1], history=history)
