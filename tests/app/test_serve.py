"""A real `driftaudit serve` process: HTTP on loopback, and a kill -9 in the middle of a batch."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.store.db import make_engine
from app.store.repo import AuditFilter, Store
from tests.app.server import Server


def test_serve_audits_the_seed_pair_over_http(tmp_path: Path, seeds: dict[str, str]) -> None:
    with Server(tmp_path / "data") as server, httpx.Client(base_url=server.url, timeout=60) as http:
        assert http.get("/healthz").json()["status"] == "ok"
        r = http.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                           "candidate": {"text": seeds["german_roundtrip"]}})
        assert r.status_code == 201, r.text
        report = r.json()["report"]
        assert report["summary"]["relation"] == "translation"
        assert any(f["severity"] in ("major", "critical") for f in report["flags"])
        assert http.get(f"/v1/audits/{r.json()['id']}").json()["report"] == report
    assert (tmp_path / "data" / "driftaudit.db").exists()


def test_serve_refuses_a_public_address_without_keys(tmp_path: Path) -> None:
    import subprocess

    from tests.app.server import DRIFTAUDIT

    done = subprocess.run([str(DRIFTAUDIT), "serve", "--host", "0.0.0.0", "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "without an API key" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_accepted_audits_survive_kill_9_and_finish_exactly_once(backend: str, tmp_path: Path, worker_id: str,
                                                                seeds: dict[str, str]) -> None:
    from tests.app.conftest import postgres_schema_url

    env: dict[str, str] = {"DRIFTAUDIT_WORKERS": "1"}
    url = f"sqlite:///{tmp_path / 'data' / 'driftaudit.db'}"
    if backend == "postgres":
        url = postgres_schema_url(f"fault_{worker_id}")
        env["DRIFTAUDIT_DATABASE_URL"] = url
    pairs = [("cnn_original", "german_roundtrip"), ("cnn_original", "paraphrase_rewrite"),
             ("cnn_original", "euronews_related"), ("cnn_original", "euromaidan_related")] * 3
    accepted: list[str] = []
    server = Server(tmp_path / "data", **env).start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            for n, (o, c) in enumerate(pairs):
                r = http.post("/v1/audits", json={"original": {"text": seeds[o]}, "candidate": {"text": seeds[c]},
                                                   "background": True, "metadata": {"external_id": f"job-{n}"}})
                assert r.status_code == 202, r.text
                accepted.append(r.json()["id"])
            # Kill once some, but not all, are finished.
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                done = http.get("/v1/audits", params={"status": "done"}).json()["total"]
                if done >= 1:
                    break
                time.sleep(0.05)
        server.kill()
    finally:
        server.stop()
    store = Store(make_engine(url))
    finished_before = {a.id for a in store.list_audits(AuditFilter(status="done"), 100, 0)[0]}
    assert 1 <= len(finished_before) < len(accepted), "the kill should land in the middle of the batch"

    with Server(tmp_path / "data", **env) as restarted, httpx.Client(base_url=restarted.url, timeout=60) as http:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            statuses = [http.get(f"/v1/audits/{i}").json()["status"] for i in accepted]
            if all(s == "done" for s in statuses):
                break
            time.sleep(0.5)
        assert statuses == ["done"] * len(accepted)
    for audit_id in accepted:
        audit: Any = store.get_audit(audit_id)
        assert audit.completions == 1, f"{audit_id} finished {audit.completions} times"
        summary = audit.report["summary"]
        assert summary["relation"] == "unrelated_same_topic" or summary["coverage"]["candidate"] > 0
    assert store.counts_by_status() == {"done": len(accepted)}
    store.engine.dispose()


def test_serve_with_an_unreachable_database_says_so_in_one_line(tmp_path: Path) -> None:
    import os
    import subprocess

    from tests.app.server import DRIFTAUDIT, free_port

    env = {**os.environ, "DRIFTAUDIT_DATA_DIR": str(tmp_path),
           "DRIFTAUDIT_DATABASE_URL": f"postgresql+psycopg://u:secret@127.0.0.1:{free_port()}/db"}
    done = subprocess.run([str(DRIFTAUDIT), "serve"], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2
    assert "cannot use the database" in done.stderr and "Traceback" not in done.stderr
    assert "secret" not in done.stderr


def test_serve_on_a_taken_port_says_so_at_once(tmp_path: Path) -> None:
    import socket
    import subprocess

    from tests.app.server import DRIFTAUDIT

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(DRIFTAUDIT), "serve", "--port", str(port), "--data-dir", str(tmp_path)],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "cannot listen on" in done.stderr and "Traceback" not in done.stderr
