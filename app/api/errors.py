"""Every error becomes one `application/problem+json` answer, mapped here and nowhere else."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import status_of
from scoring.errors import DriftauditError

log = logging.getLogger("driftaudit.api")
PROBLEM = "application/problem+json"
HINTS = {
    # FastAPI's own answer to a body it could not read as JSON at all (not UTF-8, nested too deep ...)
    400: "send the body as JSON encoded in UTF-8 (Content-Type: application/json), objects and lists nested "
         "a few levels at most; the schema is at /openapi.json",
    401: "send an API key as 'Authorization: Bearer KEY' or 'X-API-Key: KEY' (create one with `driftaudit keys create`)",
    403: "this key or session may not do that",
    404: "check the id; list what exists with GET on the collection",
    405: "see /docs for the methods this path accepts",
    413: "send a smaller body or raise DRIFTAUDIT_MAX_BODY_BYTES",
    415: "send JSON with 'Content-Type: application/json'",
}


def problem_body(status: int, code: str, detail: str, hint: str = "", title: str | None = None) -> dict[str, Any]:
    """An RFC 9457 problem object: what went wrong (`detail`) and what to do (`hint`)."""
    return {"type": f"https://driftaudit.dev/problems/{code}", "title": title or code.replace("_", " "),
            "status": status, "detail": detail, "hint": hint, "code": code}


def problem(status: int, code: str, detail: str, hint: str = "", *, title: str | None = None,
            headers: dict[str, str] | None = None, errors: list[dict[str, Any]] | None = None) -> JSONResponse:
    body = problem_body(status, code, detail, hint, title)
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(DriftauditError)
    async def _driftaudit(_: Request, exc: DriftauditError) -> JSONResponse:
        status = status_of(exc)
        headers = {"Retry-After": "5"} if status == 503 else None
        if status == 401:
            headers = {"WWW-Authenticate": "Bearer"}
        return problem(status, exc.code, exc.message, exc.hint, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                  for e in exc.errors()]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"] if p != "body") or "body"
        return problem(422, "invalid_request", f"{where}: {first['msg']}", "fix the fields listed in 'errors'; "
                       "the schema is at /openapi.json", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {400: "bad_body", 404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden",
                413: "body_too_large", 415: "unsupported_media_type"}.get(exc.status_code, "http_error")
        return problem(exc.status_code, code, str(exc.detail), HINTS.get(exc.status_code, ""),
                       headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", extra={"path": request.url.path})
        return problem(500, "internal_error", "the service failed unexpectedly",
                       "retry; if it persists, report the request id to the operators")


class BodyLimit:
    """Refuse bodies over `max_bytes` with 413, counting what arrives, not only Content-Length."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # An HTTPException passes through FastAPI's body parsing unchanged.
                    raise StarletteHTTPException(413, f"the request body is larger than {self.max_bytes:,} bytes")
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(413, "body_too_large", f"the request body is larger than {self.max_bytes:,} bytes",
                           HINTS[413])
        await response(scope, receive, send)
