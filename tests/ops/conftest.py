"""Fixtures for the operations tests: an app on a temporary SQLite database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def ops_client(app_clients: Callable[..., Any]) -> Callable[..., Any]:
    """Build a TestClient with the given settings; logs at info level, which these tests read."""
    return lambda **overrides: app_clients(**{"log_level": "info", **overrides})
