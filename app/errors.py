"""The service's own error conditions, beside the library's (`scoring.errors`).

Like those, they carry a stable `code` and say what to do (`hint`). Which HTTP status
each code answers with is decided here once (`STATUS`), for the API's problem answers,
the dashboard's error pages and the errors stored with failed audits alike.
"""

from __future__ import annotations

from typing import Any

from scoring.errors import DriftauditError


class NotFound(DriftauditError):
    code = "not_found"


class Unauthorized(DriftauditError):
    code = "unauthorized"


class NoLiveKey(Unauthorized):
    """Reached from off this machine while no API key exists: nobody can be let in."""

    code = "no_api_key"


class Busy(DriftauditError):
    """Too many audits are running or waiting for a slot already."""

    code = "busy"


class ModelLoading(DriftauditError):
    """The model is still loading (at start-up): nothing that needs it can run yet."""

    code = "model_loading"


class QueueFull(DriftauditError):
    """Too many background audits are waiting for a worker already."""

    code = "queue_full"


class DatabaseUnavailable(DriftauditError):
    """The database cannot be reached or migrated."""

    code = "database_unavailable"


# Every error code the library and the service raise, and the HTTP status it answers with.
STATUS: dict[str, int] = {
    # input
    "bad_request": 400, "empty_input": 422, "binary_input": 415, "bad_encoding": 415, "input_too_large": 413,
    "language_mismatch": 422, "audit_too_long": 422,
    # fetching
    "fetch_refused": 422, "fetch_failed": 502, "fetch_busy": 503, "fetch_timeout": 504,
    # the service
    "not_found": 404, "unauthorized": 401, "no_api_key": 401, "original_deleted": 409,
    "busy": 503, "queue_full": 503, "model_loading": 503, "model_unavailable": 503, "database_unavailable": 503,
}


def status_of(exc: DriftauditError) -> int:
    """The HTTP status of an error, by its code (400 for a code nobody mapped)."""
    return STATUS.get(exc.code, 400)


def error_body(exc: DriftauditError) -> dict[str, Any]:
    """An error as stored with a failed audit and answered in `error`."""
    return {"code": exc.code, "status": status_of(exc), "message": exc.message, "hint": exc.hint}
