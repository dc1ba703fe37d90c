"""Fixtures for the operations tests: an app on a temporary SQLite database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def ops_client(tmp_path: Path, auditor: Any) -> Iterator[Callable[..., Any]]:
    """Build a TestClient (lifespan included) with the given settings; closed after the test."""
    from fastapi.testclient import TestClient

    from app.core.config import Settings
    from app.main import create_app

    opened: list[Any] = []

    def build(**overrides: Any) -> Any:
        values: dict[str, Any] = {"data_dir": tmp_path / "data", "workers": 1, "job_poll_seconds": 0.1,
                                  "log_level": "info"}
        values.update(overrides)
        client = TestClient(create_app(Settings(**values), auditor=auditor), raise_server_exceptions=False)
        client.__enter__()
        opened.append(client)
        return client

    yield build
    for client in opened:
        client.__exit__(None, None, None)
