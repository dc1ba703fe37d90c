"""Fixtures for the service: databases (SQLite always, Postgres when available) and apps."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

POSTGRES_URL = os.environ.get("DRIFTAUDIT_TEST_POSTGRES_URL", "")
REQUIRE_SERVICES = os.environ.get("DRIFTAUDIT_REQUIRE_SERVICES") == "1"


def postgres_or_skip() -> str:
    if not POSTGRES_URL:
        if REQUIRE_SERVICES:
            pytest.fail("DRIFTAUDIT_TEST_POSTGRES_URL is not set (scripts/test-services.sh starts PostgreSQL)")
        pytest.skip("no PostgreSQL: run scripts/test-services.sh (as root or with sudo) to start one")
    return POSTGRES_URL


def postgres_schema_url(worker: str) -> str:
    """A URL whose connections live in an empty schema of their own (one per xdist worker)."""
    base = postgres_or_skip()
    schema = f"test_{worker}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, worker_id: str) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return postgres_schema_url(worker_id)


@pytest.fixture
def make_client(app_clients: Callable[..., Any]) -> Callable[..., Any]:
    """Build a TestClient with the given settings (see `app_clients`)."""
    return app_clients


@pytest.fixture
def client(make_client: Callable[..., Any]) -> Any:
    return make_client()
