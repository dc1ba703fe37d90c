"""Typed errors of the audit pipeline.

Every error says what went wrong and what to do about it (`hint`). The CLI prints
`error: <message> (<hint>)` and exits 2; the service maps each class once to an HTTP
problem (see `app/`). `code` is a stable machine-readable name.
"""

from __future__ import annotations


class DriftauditError(Exception):
    """Base class: a problem with the input or the environment, never a bug."""

    code = "driftaudit_error"
    status = 400

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class EmptyInput(DriftauditError):
    code = "empty_input"
    status = 422


class BinaryInput(DriftauditError):
    code = "binary_input"
    status = 415


class EncodingProblem(DriftauditError):
    code = "bad_encoding"
    status = 415


class InputTooLarge(DriftauditError):
    code = "input_too_large"
    status = 413


class LanguageMismatch(DriftauditError):
    code = "language_mismatch"
    status = 422


class AuditTooLong(DriftauditError):
    """The audit ran past its time budget and was stopped (nothing half-done is kept)."""

    code = "audit_too_long"
    status = 422


class FetchFailed(DriftauditError):
    code = "fetch_failed"
    status = 502


class FetchBusy(FetchFailed):
    """As many URL fetches as allowed are running already."""

    code = "fetch_busy"
    status = 503


class FetchTimedOut(FetchFailed):
    """The site did not send the whole page within the fetch's time budget."""

    code = "fetch_timeout"
    status = 504


class ModelUnavailable(DriftauditError):
    code = "model_unavailable"
    status = 503


class BadRequest(DriftauditError):
    code = "bad_request"
    status = 400


class FetchRefused(DriftauditError):
    """A URL the service will not fetch (not http(s), or a private/local address)."""

    code = "fetch_refused"
    status = 422
