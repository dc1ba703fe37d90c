"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.api.schemas import Health
from app.store.db import ping

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"model": Health}})
def readyz(request: Request) -> JSONResponse:
    """The model is loaded, the database answers, and every background worker is alive and beating.

    Out: 200 with every check "ok", else 503 with what is wrong in `checks`.
    """
    checks: dict[str, str] = {}
    service = getattr(request.app.state, "service", None)
    checks["model"] = service.model_state() if service is not None else "loading"
    pool = getattr(request.app.state, "workers", None)
    if pool is not None:
        # A dead or stuck worker leaves accepted audits pending forever: not ready.
        checks["workers"] = pool.health()
    try:
        ping(request.app.state.engine)
        checks["database"] = "ok"
    except Exception as exc:  # report, don't raise: this endpoint's job is to say what is wrong
        checks["database"] = f"unavailable: {type(exc).__name__}"
    ready = all(v == "ok" for v in checks.values())
    body = Health(status="ok" if ready else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
