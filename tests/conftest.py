"""Shared fixtures: one real model per worker, the seed articles and their reports."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED_NAMES = ("cnn_original", "german_roundtrip", "paraphrase_rewrite", "euromaidan_related", "euronews_related")
# Candidates audited against cnn_original (cnn_original itself: the identity audit).
SEED_PAIRS = ("german_roundtrip", "paraphrase_rewrite", "euromaidan_related", "euronews_related", "cnn_original")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The seed articles, read exactly as the CLI reads them (UTF-8)."""
    return {name: (SAMPLES / f"{name}.txt").read_text(encoding="utf-8") for name in SEED_NAMES}


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return {name: SAMPLES / f"{name}.txt" for name in SEED_NAMES}


@pytest.fixture(scope="session")
def auditor() -> Any:
    from scoring.pipeline import Auditor

    return Auditor()


@pytest.fixture(scope="session")
def seed_reports(auditor: Any, seeds: dict[str, str]) -> dict[str, dict[str, Any]]:
    """`audit(cnn_original, X)` for every seed X, computed once per worker."""
    return {name: auditor.audit(seeds["cnn_original"], seeds[name]).to_dict() for name in SEED_PAIRS}


@pytest.fixture
def app_clients(tmp_path: Path, auditor: Any) -> Iterator[Callable[..., Any]]:
    """Build TestClients (httpx clients on the ASGI app, lifespan included) on apps that share
    the session's loaded model; any setting as a keyword. Closed after the test."""
    from fastapi.testclient import TestClient

    from app.core.config import Settings
    from app.main import create_app

    opened: list[Any] = []

    def build(*, raise_server_exceptions: bool = False, **overrides: Any) -> Any:
        values: dict[str, Any] = {"data_dir": tmp_path / "data", "workers": 1, "job_poll_seconds": 0.1,
                                  "log_level": "warning", **overrides}
        client = TestClient(create_app(Settings(**values), auditor=auditor),
                            raise_server_exceptions=raise_server_exceptions)
        client.__enter__()
        opened.append(client)
        return client

    yield build
    for client in opened:
        client.__exit__(None, None, None)

