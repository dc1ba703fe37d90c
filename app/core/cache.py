"""Values read from the database at most every few seconds (whether keys or users exist)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any


class Cached:
    """A value recomputed at most every `ttl` seconds (whether keys or users exist, ...)."""

    def __init__(self, ttl: float = 5.0) -> None:
        self.ttl = ttl
        self._values: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, name: str, compute: Callable[[], Any]) -> Any:
        with self._lock:
            hit = self._values.get(name)
            if hit and time.monotonic() - hit[0] < self.ttl:
                return hit[1]
        value = compute()
        with self._lock:
            self._values[name] = (time.monotonic(), value)
        return value

    def reset(self) -> None:
        with self._lock:
            self._values.clear()
