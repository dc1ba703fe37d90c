"""Auth hardening of the running service: no open API off loopback (however it is started and
after the last key is revoked), verdicts recorded under the caller's identity, and the Host
check against DNS rebinding. Real `driftaudit serve` (or uvicorn) processes, plus the rules
on hand-made ASGI scopes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.config import Settings, host_name
from app.web.security import local_request, retry_after, transport
from tests.app.server import DRIFTAUDIT, ROOT, Server

PROBLEM = "application/problem+json"
ORIGINAL = ("Floods in the old town\n\n"
            "The river rose by three metres overnight and flooded the old town. "
            "Emergency crews rescued 20 people from the roofs of their houses. "
            "Schools will stay closed until Friday.\n")
CANDIDATE = ("Floods in the old town\n\n"
             "The river rose by three metres overnight and flooded the old town. "
             "Emergency crews rescued 200 people from the roofs of their houses. "
             "Schools will not stay closed until Friday.\n")


def cli(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`driftaudit ARGS` on `data_dir`; fails the test unless it exits 0."""
    done = subprocess.run([str(DRIFTAUDIT), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "HF_HUB_OFFLINE": "1", "DRIFTAUDIT_DATA_DIR": str(data_dir), **env})
    assert done.returncode == 0, done.stderr
    return done


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def refused(response: httpx.Response, code: str | None = None) -> dict[str, Any]:
    """The problem body of a 401; `code` when given must match."""
    assert response.status_code == 401, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    if code is not None:
        assert body["code"] == code, body
    return body


# -- 1. no open API off loopback ----------------------------------------------------------------
def test_revoking_the_last_key_closes_the_api_on_127_0_0_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    key = cli(data, "keys", "create", "ci").stdout.split()[0]
    server = Server(data, DRIFTAUDIT_HOST="127.0.0.2", DRIFTAUDIT_WORKERS="0")
    server.url = f"http://127.0.0.2:{server.port}"  # Server waits on `url`; it listens on 127.0.0.2 only
    with server, httpx.Client(base_url=server.url, timeout=30) as http:
        assert http.get("/v1/audits", headers={"Authorization": f"Bearer {key}"}).status_code == 200
        refused(http.get("/v1/audits"), "unauthorized")
        cli(data, "keys", "revoke", "ci")
        refused(http.get("/v1/audits", headers={"X-API-Key": key}), "unauthorized")  # the key itself: at once
        # Whether any key exists is cached for at most 2 s: until then "needs a key", then "no key exists".
        # Never open in between.
        deadline = time.monotonic() + 10
        while True:
            body = refused(http.get("/v1/audits"))
            if body["code"] == "no_api_key" or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert body["code"] == "no_api_key" and "driftaudit keys create" in body["hint"], body
        refused(http.post("/v1/originals", json={"text": ORIGINAL}), "no_api_key")
        refused(http.post("/v1/audits", json={"original": {"text": ORIGINAL}, "candidate": {"text": CANDIDATE}}),
                "no_api_key")
        assert http.get("/v1/originals").json()["code"] == "no_api_key"
        gate = http.get("/", follow_redirects=False)  # the dashboard asks for a sign-in, it does not open
        assert gate.status_code == 303 and gate.headers["location"].startswith("/login")
        assert http.get("/healthz").status_code == 200  # health stays open to probes


def test_the_app_factory_under_uvicorn_is_closed_off_loopback(tmp_path: Path) -> None:
    """uvicorn directly (no `driftaudit serve` bind check), no key at all, on 127.0.0.2."""
    port = free_port("127.0.0.2")
    log = tmp_path / "uvicorn.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "DRIFTAUDIT_DATA_DIR": str(tmp_path / "data"),
           "DRIFTAUDIT_LOG_LEVEL": "warning", "DRIFTAUDIT_WORKERS": "0",
           "DRIFTAUDIT_ALLOWED_HOSTS": "audit.example.org"}
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "app.main:app_factory",
                                    "--host", "127.0.0.2", "--port", str(port)],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.2:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()[-2000:]
            try:
                if httpx.get(base + "/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "uvicorn not ready: " + log.read_text()[-2000:]
            time.sleep(0.3)
        with httpx.Client(base_url=base, timeout=30) as http:
            body = refused(http.get("/v1/audits"), "no_api_key")
            assert "driftaudit keys create" in body["hint"]
            refused(http.post("/v1/originals", json={"text": ORIGINAL}), "no_api_key")
            assert http.get("/", follow_redirects=False).headers["location"].startswith("/login")
            # An allowed name gets as far as the same refusal; a name off the list (here even
            # localhost: the setting replaces the default) gets 400 before anything else.
            refused(http.get("/v1/audits", headers={"Host": "audit.example.org"}), "no_api_key")
            other = http.get("/v1/audits", headers={"Host": f"localhost:{port}"})
            assert other.status_code == 400 and other.json()["code"] == "host_not_allowed"
    finally:
        process.terminate()
        process.wait(30)


# -- a real server on 127.0.0.1 for verdicts and the Host check -------------------------------------
@pytest.fixture(scope="module")
def local_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`driftaudit serve` on 127.0.0.1 with an empty data directory: the open loopback mode."""
    with Server(tmp_path_factory.mktemp("hardening"), DRIFTAUDIT_WORKERS="0") as server:
        yield server


def test_verdicts_record_the_caller_not_the_body(local_server: Server) -> None:
    from tests.web.conftest import csrf_of

    with httpx.Client(base_url=local_server.url, timeout=120) as http:
        audit = http.post("/v1/audits", json={"original": {"text": ORIGINAL}, "candidate": {"text": CANDIDATE}})
        assert audit.status_code == 201, audit.text
        audit_id, flag = audit.json()["id"], audit.json()["report"]["flags"][0]["id"]
        url = f"/v1/audits/{audit_id}/flags/{flag}"
        # Open mode: the caller is "local", whatever the body says; the claimed name is a display note.
        first = http.patch(url, json={"verdict": "confirmed", "note": "real drift", "reviewer": "the editor-in-chief"})
        assert first.status_code == 200, first.text
        assert first.json()["current"]["reviewer"] == "local"
        assert first.json()["current"]["note"] == "real drift (as the editor-in-chief)"
        # With a key: the key's name.
        key = cli(local_server.data_dir, "keys", "create", "cms").stdout.split()[0]
        cli(local_server.data_dir, "users", "create", "ana", DRIFTAUDIT_NEW_PASSWORD="correct horse")
        second = http.patch(url, headers={"Authorization": f"Bearer {key}"},
                            json={"verdict": "dismissed", "note": "", "reviewer": "ana"})
        assert second.status_code == 200, second.text
        assert second.json()["current"] == second.json()["history"][-1]
        assert (second.json()["current"]["reviewer"], second.json()["current"]["note"]) == ("cms", "(as ana)")
        third = http.patch(url, headers={"X-API-Key": key}, json={"verdict": "needs_edit", "reviewer": "cms"})
        assert (third.json()["current"]["reviewer"], third.json()["current"]["note"]) == ("cms", "")
        # Signed in to the dashboard: the user's name, even when the body names the key.
        login = http.get("/login")
        signed = http.post("/login", data={"csrf_token": csrf_of(login.text), "username": "ana",
                                           "password": "correct horse"}, follow_redirects=False)
        assert signed.status_code == 303, signed.text
        token = csrf_of(http.get("/").text)
        fourth = http.patch(url, headers={"X-CSRF-Token": token}, json={"verdict": "confirmed", "reviewer": "cms"})
        assert fourth.status_code == 200, fourth.text
        assert (fourth.json()["current"]["reviewer"], fourth.json()["current"]["note"]) == ("ana", "(as cms)")
        # The stored history, in the same shape, says who made each call.
        history = http.get(f"/v1/audits/{audit_id}", headers={"X-API-Key": key}).json()["review"][0]["history"]
        assert [v["reviewer"] for v in history] == ["local", "cms", "cms", "ana"]
        assert set(history[0]) == {"flag_id", "verdict", "note", "reviewer", "created_at"}


# -- 4. the Host check -----------------------------------------------------------------------------
def test_a_foreign_host_header_gets_400(local_server: Server) -> None:
    port = local_server.port
    with httpx.Client(base_url=local_server.url, timeout=30) as http:
        for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.nip.io:{port}", "localhost.evil.example"):
            for path in ("/v1/audits", "/", "/login", "/healthz"):
                response = http.get(path, headers={"Host": host})
                assert response.status_code == 400, (host, path, response.status_code)
                assert response.headers["content-type"].startswith(PROBLEM)
                body = response.json()
                assert body["code"] == "host_not_allowed" and "DRIFTAUDIT_ALLOWED_HOSTS" in body["hint"]
        posted = http.post("/v1/originals", json={"text": ORIGINAL}, headers={"Host": "evil.example"})
        assert posted.status_code == 400
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", "LOCALHOST", f"localhost.:{port}"):
            assert http.get("/healthz", headers={"Host": host}).status_code == 200, host


def test_ipv6_loopback_name_is_allowed(local_server: Server) -> None:
    with httpx.Client(base_url=local_server.url, timeout=30) as http:
        assert http.get("/healthz", headers={"Host": f"[::1]:{local_server.port}"}).status_code == 200
        assert http.get("/healthz", headers={"Host": f"[::2]:{local_server.port}"}).status_code == 400


# -- the rules, on hand-made scopes ------------------------------------------------------------------
def scope(server: tuple[str, int | None] | None = ("127.0.0.1", 8000), client: tuple[str, int] | None = ("127.0.0.1", 5000),
          host: str | None = "127.0.0.1:8000") -> dict[str, Any]:
    headers = [(b"host", host.encode())] if host is not None else []
    return {"type": "http", "server": server, "client": client, "headers": headers}


def test_local_request_needs_loopback_everywhere(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert local_request(scope(), settings)
    assert local_request(scope(server=("::1", 8000), client=("::1", 5000), host="[::1]:8000"), settings)
    assert local_request(scope(host="localhost:8000"), settings)
    assert local_request(scope(host=None), settings)  # HTTP/1.0 without Host: no name to rebind
    assert not local_request(scope(server=("127.0.0.2", 8000)), settings)  # 127.0.0.2 is not "loopback" here
    assert not local_request(scope(server=("10.0.0.5", 8000), host="10.0.0.5:8000"), settings)  # 0.0.0.0 bind
    assert not local_request(scope(client=("203.0.113.9", 0)), settings)  # forwarded by a local proxy
    assert not local_request(scope(client=("not-an-address", 0)), settings)  # a forged X-Forwarded-For
    assert not local_request(scope(client=None), settings)
    assert not local_request(scope(host="evil.example"), settings)  # a rebound name
    assert not local_request(scope(host="audit.example.org"), Settings(data_dir=tmp_path,
                                                                      allowed_hosts="audit.example.org"))
    assert not local_request(scope(server=("/run/driftaudit.sock", None), client=None), settings)  # a Unix socket
    assert not local_request(scope(), Settings(data_dir=tmp_path, host="0.0.0.0"))
    assert local_request(scope(server=("testserver", 80), client=("testclient", 50000), host="testserver"), settings)
    assert [transport(scope(server=s)) for s in (("127.0.0.1", 1), ("::1", 1), ("/x.sock", None), None,  # type: ignore[arg-type]
                                                  ("testserver", 80))] == ["tcp", "tcp", "unix", "unix", "in-process"]


def test_host_names_and_the_setting() -> None:
    assert [host_name(h) for h in ("Example.ORG:8000", "[::1]:80", "::1", "localhost.", "127.0.0.1")] == \
        ["example.org", "::1", "::1", "localhost", "127.0.0.1"]
    assert Settings().allowed_hosts == ["localhost", "127.0.0.1", "::1"]
    assert Settings(allowed_hosts="Audit.Example.org, [::1], *").allowed_hosts == ["audit.example.org", "::1", "*"]
    assert Settings(allowed_hosts="").allowed_hosts == ["localhost", "127.0.0.1", "::1"]
    with pytest.raises(ValueError, match="neither a host name nor an IP address"):
        Settings(allowed_hosts="localhost, evil host!")


def test_retry_after_counts_from_the_failure_that_reached_the_limit() -> None:
    at = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    times = [at - timedelta(seconds=s) for s in (250, 200, 100, 50, 10)]  # oldest first
    assert retry_after({"ip:x": times[:4]}, 5, 300, at) == 0  # four: one more try allowed
    assert retry_after({"ip:x": times}, 5, 300, at) == 50  # the one from 250 s ago leaves the window in 50 s
    assert retry_after({"ip:x": [at - timedelta(seconds=299.5)] * 5}, 5, 300, at) == 1  # never 0 while limited
    assert retry_after({"ip:x": times[:2], "user:ana": times}, 5, 300, at) == 50  # the worst subject decides


# -- the store's side, on SQLite and PostgreSQL --------------------------------------------------------
def test_sessions_and_sign_in_failures_in_the_store(database_url: str) -> None:
    from app.store.db import make_engine, migrate
    from app.store.repo import Store

    engine = make_engine(database_url)
    migrate(engine)
    store = Store(engine)
    try:
        token = store.create_web_session("ana", None, 60)
        assert store.web_session_user(token) == "ana"
        assert store.web_session_user(token + "x") is None
        expired = store.create_web_session("ben", "da_abcdefg", -1)
        assert store.web_session_user(expired) is None
        assert store.end_web_session(token) and store.web_session_user(token) is None
        assert not store.end_web_session(token)
        subjects = ["ip:127.0.0.9", "user:ana"]
        store.note_login_attempt(subjects)
        current = store.note_login_attempt(subjects)
        failures = store.login_failures([*subjects, "user:ben"], 60, exclude=current)
        assert {s: len(t) for s, t in failures.items()} == {"ip:127.0.0.9": 1, "user:ana": 1, "user:ben": 0}
        assert all(t.tzinfo is not None and abs(datetime.now(UTC) - t) < timedelta(minutes=1)
                   for times in failures.values() for t in times)
        store.forget_login_attempts(current, "user:ana", 60)  # a success: this attempt and ana's failures go
        left = store.login_failures(subjects, 60)
        assert {s: len(t) for s, t in left.items()} == {"ip:127.0.0.9": 1, "user:ana": 0}
    finally:
        engine.dispose()
