"""Log lines as JSON objects (or plain text), with any `extra=` fields and the request id.

Every line written while a request is handled carries that request's id (`request_id`,
from the `X-Request-ID` header or made up; see `app.core.metrics.Observe`), including
lines from the route's thread pool. uvicorn's own loggers go through the same handler.

What is logged at info level never includes article text: ids, counts, durations and
route templates only.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName", "request_id", "color_message"}

request_id: ContextVar[str | None] = ContextVar("driftaudit_request_id", default=None)

# An incoming X-Request-ID is kept when it looks like an id; anything else gets a new one.
_GOOD_ID = re.compile(r"[A-Za-z0-9._:+=/-]{1,128}")


def new_request_id(incoming: str | None = None) -> str:
    """The caller's id when it is a sane token, else a fresh random one."""
    if incoming and _GOOD_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class _RequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        rid = getattr(record, "request_id", None) or request_id.get()
        if rid:
            data["request_id"] = rid
        data.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        rid = getattr(record, "request_id", None)
        return f"{line} [{rid}]" if rid else line


def setup_logging(level: str = "info", fmt: str = "json") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(_RequestId())
    root = logging.getLogger("driftaudit")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False
    server = logging.getLogger("uvicorn")
    server.handlers[:] = [handler]
    server.propagate = False
    errors = logging.getLogger("uvicorn.error")  # reaches the handler through "uvicorn"
    errors.handlers[:] = []
    errors.propagate = True
    # The access log is ours (route template, request id, no raw path): uvicorn's stays off.
    access = logging.getLogger("uvicorn.access")
    access.handlers[:] = []
    access.propagate = False
