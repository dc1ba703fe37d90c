"""Typed errors of the audit pipeline.

Every error says what went wrong and what to do about it (`hint`). The CLI prints
`error: <message> (<hint>)` and exits 2; the service maps each `code` (a stable
machine-readable name) once to an HTTP status (`app.api.errors.STATUS`): the library
knows nothing of HTTP.
"""

from __future__ import annotations


class DriftauditError(Exception):
    """Base class: a problem with the input or the environment, never a bug."""

    code = "driftaudit_error"

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class EmptyInput(DriftauditError):
    code = "empty_input"


class BinaryInput(DriftauditError):
    code = "binary_input"


class EncodingProblem(DriftauditError):
    code = "bad_encoding"


class InputTooLarge(DriftauditError):
    code = "input_too_large"


class LanguageMismatch(DriftauditError):
    code = "language_mismatch"


class AuditTooLong(DriftauditError):
    """The audit ran past its time budget and was stopped (nothing half-done is kept)."""

    code = "audit_too_long"


class FetchFailed(DriftauditError):
    code = "fetch_failed"


class FetchBusy(FetchFailed):
    """As many URL fetches as allowed are running already."""

    code = "fetch_busy"


class FetchTimedOut(FetchFailed):
    """The site did not send the whole page within the fetch's time budget."""

    code = "fetch_timeout"


class ModelUnavailable(DriftauditError):
    code = "model_unavailable"


class BadRequest(DriftauditError):
    code = "bad_request"


class FetchRefused(DriftauditError):
    """A URL the service will not fetch (not http(s), or a private/local address)."""

    code = "fetch_refused"
