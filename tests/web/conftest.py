"""Fixtures for the dashboard: an in-process app (TestClient) and, for the browser tests, a
real `driftaudit serve` and Debian's Chromium driven by Playwright.

The browser tests skip with the reason when /usr/bin/chromium is missing, unless
DRIFTAUDIT_REQUIRE_SERVICES=1 (CI), where a missing browser is a failure. Playwright
never downloads a browser: it is always given Chromium's path.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DRIFTAUDIT_TEST_CHROMIUM") or "/usr/bin/chromium"
REQUIRE_SERVICES = os.environ.get("DRIFTAUDIT_REQUIRE_SERVICES") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def csrf_of(html: str) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


# -- in-process app -------------------------------------------------------------------------
@pytest.fixture
def make_web(app_clients: Callable[..., Any], tmp_path: Path) -> Callable[..., Any]:
    """A TestClient on a fresh app (own data directory) sharing the session's loaded model;
    server errors are raised in the test."""
    made = [0]

    def build(**overrides: Any) -> Any:
        made[0] += 1
        return app_clients(raise_server_exceptions=True, **{"data_dir": tmp_path / f"data{made[0]}", **overrides})

    return build


@pytest.fixture
def web(make_web: Callable[..., Any]) -> Any:
    return make_web()


# -- a real server and a browser -----------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, process: subprocess.Popen[bytes], base: str, data_dir: Path, log: Path) -> None:
        self.process, self.base, self.data_dir, self.log = process, base, data_dir, log

    def url(self, path: str = "/") -> str:
        return self.base + path

    def api(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=120)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`driftaudit serve` on a free loopback port with an empty data directory (open mode)."""
    data_dir = tmp_path_factory.mktemp("serve-data")
    log = data_dir / "server.log"
    port = _free_port()
    exe = Path(sys.executable).with_name("driftaudit")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "app.cli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTAUDIT_")}
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
                "DRIFTAUDIT_LOG_LEVEL": "warning", "OMP_NUM_THREADS": "1",
                # webhook receivers and watched pages of the browser tests run on loopback
                "DRIFTAUDIT_FETCH_ALLOW": "127.0.0.1", "DRIFTAUDIT_WEBHOOK_RETRY_SECONDS": "0.5"})
    with open(log, "wb") as out:
        process = subprocess.Popen([*command, "serve", "--host", "127.0.0.1", "--port", str(port),
                                    "--data-dir", str(data_dir), "--workers", "1"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"driftaudit serve exited with {process.returncode}:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"driftaudit serve was not ready within 180 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield Server(process, base, data_dir, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def chromium_or_skip() -> str:
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        message = (f"Chromium is missing at {CHROMIUM}: install Debian's chromium package "
                   "(scripts/test-services.sh does) to run the browser tests")
        if REQUIRE_SERVICES:
            pytest.fail(message + " (DRIFTAUDIT_REQUIRE_SERVICES=1)")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_or_skip()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        if REQUIRE_SERVICES:
            pytest.fail("playwright is not installed (pip install -e '.[dev]')")
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies) and page; page errors fail the test."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, device_scale_factor=1)
    context.set_default_timeout(20_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda dialog: (errors.append(f"dialog opened: {dialog.message}"), dialog.dismiss()))
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert not errors, f"JavaScript errors or dialogs on the page: {errors}"
