"""The Docker image, proved without a Docker engine: the Dockerfile's own steps, run here.

Read from the Dockerfile and run as written: the build stage's COPY (filtered by
.dockerignore) and `pip wheel` command; the runtime stage's venv + `pip install` command
with its ARG values (the same torch pin in the same command); its ENV, WORKDIR, USER,
CMD, HEALTHCHECK and STOPSIGNAL. Container paths (/src, /wheels, /opt/venv, /app, /data,
/tmp) become folders of one temporary directory. Differences from a real build, all forced
by having no Docker here:
- the interpreter is this machine's Python 3.11, not the python:3.11-slim image's;
- pip finds the CPU torch wheel through this machine's pip configuration (a local wheel
  folder), not through the Dockerfile's PIP_EXTRA_INDEX_URL (download.pytorch.org);
- the root filesystem is not mounted read-only; instead the server runs as the image's
  non-root uid, to which only /data and /tmp are writable;
- DRIFTAUDIT_PORT is a free port instead of 8000 (others may be using 8000).
Then it audits the seed pair over HTTP with an API key, checks /metrics, the JSON logs and
a clean stop on the stop signal with an audit in flight.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .dockerfile import Dockerfile, Instruction, Stage, dockerignore, ignored, parse

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
CONTAINER_PATHS = re.compile(r"(?<![\w./:-])/(src|wheels|context|out|opt/venv|opt/driftaudit-cache|app|data|tmp)"
                             r"(?=/|\b|$)")
# ARGs not passed on: pip here reaches the CPU torch wheel through its own configuration.
NOT_PASSED = {"PIP_EXTRA_INDEX_URL"}


def log(message: str) -> None:
    print(f"[image smoke] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Image:
    """A directory standing in for the image's filesystem, and how to run things in it."""

    def __init__(self, top: Path, dockerfile: Dockerfile) -> None:
        self.top = top
        self.dockerfile = dockerfile

    def path(self, container_path: str) -> Path:
        return self.top / container_path.lstrip("/")

    def map(self, text: str) -> str:
        """A command or value with container paths replaced by their folders here."""
        return CONTAINER_PATHS.sub(lambda m: str(self.top / m.group(1)), text)

    def shell(self, stage: Stage, upto: Instruction) -> list[str]:
        shells = [i for i in stage.instructions if i.keyword == "SHELL" and i.line < upto.line]
        return shells[-1].exec_form() if shells else ["/bin/sh", "-c"]

    def run(self, stage: Stage, step: Instruction, env: dict[str, str], cwd: Path) -> None:
        command = self.map(step.body())
        started = time.monotonic()
        done = subprocess.run([*self.shell(stage, step), command], env=env, cwd=cwd, capture_output=True,
                              text=True, timeout=1500)
        log(f"RUN (line {step.line}) {time.monotonic() - started:.1f} s: {step.body()[:90]}")
        assert done.returncode == 0, f"Dockerfile line {step.line} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def copy_from_context(step: Instruction, dest_dir: Path, patterns: list[str]) -> None:
    """COPY src... dest from the build context, as Docker filters it."""
    *sources, dest = step.body().split()
    target = dest_dir / dest if not dest.startswith("/") else Path(dest)
    for source in sources:
        src = ROOT / source.rstrip("/")
        assert src.exists(), f"COPY {source}: not in the build context"
        assert not ignored(source.rstrip("/"), patterns), f"COPY {source}: excluded by .dockerignore"
        if src.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / src.name if dest.endswith("/") else target)
            continue
        for path in src.rglob("*"):
            relative = path.relative_to(ROOT).as_posix()
            if path.is_file() and not ignored(relative, patterns):
                out = target / path.relative_to(src)
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, out)


def scratch() -> str | None:
    """/dev/shm when it has room: deleting 1.6 GB of venv from a disk mounted with `discard`
    took 130 s here, from memory it takes a moment."""
    try:
        stat = os.statvfs("/dev/shm")
    except OSError:
        return None
    return "/dev/shm" if stat.f_bavail * stat.f_frsize > 6 * 2**30 and os.access("/dev/shm", os.W_OK) else None


@pytest.fixture
def image_dir() -> Iterator[Path]:
    # Not pytest's tmp_path: that is private to root, and the server runs as another user.
    top = Path(tempfile.mkdtemp(prefix="driftaudit-image-", dir=scratch()))
    top.chmod(0o755)
    yield top
    shutil.rmtree(top, ignore_errors=True)


def build(image: Image, base_path: str) -> dict[str, float]:
    """The build, model and runtime stages, up to (not including) starting the container."""
    timings: dict[str, float] = {}
    df = image.dockerfile
    patterns = dockerignore(ROOT)
    # A plain Python with nothing installed stands in for the slim base image.
    started = time.monotonic()
    base = image.top / "base-python"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(base)], check=True, timeout=120)
    subprocess.run([str(base / "bin" / "python"), "-m", "ensurepip", "--default-pip"], check=True, timeout=300,
                   capture_output=True)
    base_env = {"PATH": f"{base / 'bin'}:{base_path}", "HOME": str(image.top / "build-home"),
                "LANG": "C.UTF-8"}
    for name in ("PIP_FIND_LINKS", "PIP_CERT", "PIP_DEFAULT_TIMEOUT", "PIP_DISABLE_PIP_VERSION_CHECK"):
        if name in os.environ:
            base_env[name] = os.environ[name]

    timings["base python"] = time.monotonic() - started
    started = time.monotonic()
    stage = df.stage("build")
    workdir = image.path(stage.one("WORKDIR").text)
    workdir.mkdir(parents=True)
    env = base_env | df.global_args | stage.args()
    for step in stage.instructions:
        if step.keyword == "COPY":
            copy_from_context(step, workdir, patterns)
        elif step.keyword == "RUN":
            image.run(stage, step, env, workdir)
    wheels = list(image.path("/wheels").glob("driftaudit-*.whl"))
    assert len(wheels) == 1, wheels
    timings["wheel"] = time.monotonic() - started

    stage = df.stage("model")  # the default MODEL: nothing to copy
    image.path("/context").symlink_to(ROOT)
    for step in stage.all("RUN"):
        image.run(stage, step, base_env | df.global_args | stage.args(), image.top)

    started = time.monotonic()
    stage = df.stage("runtime")
    args = {k: v for k, v in (df.global_args | stage.args()).items() if k not in NOT_PASSED}
    for step in stage.instructions:
        if step.keyword == "RUN" and "pip install" in step.text:
            assert step.flags().get("mount", "").startswith("type=bind,from=build"), "the wheel comes from the build stage"
            image.run(stage, step, base_env | args, image.top)
        elif step.keyword == "RUN" and "driftaudit prepare-model" in step.text:
            # The ONNX export, with the image's ENV (model, encoder, cache directory), as root.
            run_env = {k: image.map(v) for k, v in stage.env({"PATH": base_path}).items()} | {"LANG": "C.UTF-8"}
            image.run(stage, step, run_env, image.path(stage.one("WORKDIR").text))
            assert list(image.path("/opt/driftaudit-cache").glob("onnx/*/model-int8.onnx")), "no graph exported"
        elif step.keyword == "RUN":
            # The user and /data: made here the same way, without useradd on this machine.
            assert "useradd" in step.text and "/data" in step.text, f"line {step.line}: unexpected RUN"
        elif step.keyword == "WORKDIR":
            image.path(step.text).mkdir(parents=True, exist_ok=True)
        elif step.keyword == "COPY" and "from" not in step.flags():
            copy_from_context(step, image.path(stage.one("WORKDIR").text), patterns)
        elif step.keyword == "COPY":
            source = image.path(step.body().split()[0])
            shutil.copytree(source, image.path(stage.one("WORKDIR").text), dirs_exist_ok=True)
    timings["install"] = time.monotonic() - started
    return timings


def postgres_schema(url: str, schema: str) -> str:
    """`url` with its connections in an empty schema of their own."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.mark.slow
def test_image_smoke(image_dir: Path) -> None:
    df = parse(DOCKERFILE)
    image = Image(image_dir, df)
    host_path = os.environ.get("PATH", "/usr/bin:/bin")
    timings = build(image, host_path)

    runtime = df.stage("runtime")
    uid, _, gid = runtime.one("USER").text.partition(":")
    data = image.path("/data")
    data.mkdir(parents=True, exist_ok=True)
    tmp = image.path("/tmp")
    tmp.mkdir(mode=0o1777, exist_ok=True)
    tmp.chmod(0o1777)
    as_user: list[str] = []
    if os.getuid() == 0:
        os.chown(data, int(uid), int(gid or uid))
        as_user = ["setpriv", f"--reuid={uid}", f"--regid={gid or uid}", "--clear-groups", "--"]
    port = free_port()
    env = {k: image.map(v) for k, v in runtime.env({"PATH": host_path}).items()} | {
        "DRIFTAUDIT_PORT": str(port), "LANG": "C.UTF-8"}
    workdir = image.path(runtime.one("WORKDIR").text)
    assert env["PATH"].startswith(str(image.path("/opt/venv/bin")))
    assert env["DRIFTAUDIT_HOST"] == "0.0.0.0" and env["HF_HUB_OFFLINE"] == "1"

    # As documented: an API key first (listening on 0.0.0.0 needs one), then the image's CMD.
    started = time.monotonic()
    made = subprocess.run([*as_user, "driftaudit", "keys", "create", "smoke"], env=env, cwd=workdir,
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    timings["keys create"] = time.monotonic() - started
    postgres = os.environ.get("DRIFTAUDIT_TEST_POSTGRES_URL")
    if postgres:  # as compose runs it: psycopg from the fresh install, migrations on PostgreSQL
        with_pg = env | {"DRIFTAUDIT_DATABASE_URL": postgres_schema(postgres, "image_smoke")}
        for command in (["keys", "create", "smoke"], ["keys", "list"]):
            done = subprocess.run([*as_user, "driftaudit", *command], env=with_pg, cwd=workdir, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, done.stderr
        assert "smoke" in done.stdout and "active" in done.stdout
        log("keys create and list on PostgreSQL with the installed psycopg: ok")
    log_path = image.top / "server.log"
    started = time.monotonic()
    with open(log_path, "wb") as log_file:
        server = subprocess.Popen([*as_user, *runtime.one("CMD").exec_form()], env=env, cwd=workdir,
                                  stdout=log_file, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, f"serve exited: {log_path.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"not ready: {log_path.read_text()[-3000:]}"
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        timings["start"] = time.monotonic() - started

        status = Path(f"/proc/{server.pid}/status").read_text()
        runs_as = uid if as_user else str(os.getuid())  # not root here: as this (non-root) user
        assert re.search(rf"^Uid:\s+{runs_as}\s", status, re.M), "the server must run as the image's user"

        check = runtime.one("HEALTHCHECK")
        health = subprocess.run([*as_user, *Instruction("CMD", check.body()[len("CMD"):].strip(), 0).exec_form()],
                                env=env, cwd=workdir, timeout=30)
        assert health.returncode == 0, "HEALTHCHECK failed"

        original = (ROOT / "samples" / "cnn_original.txt").read_text(encoding="utf-8")
        candidate = (ROOT / "samples" / "german_roundtrip.txt").read_text(encoding="utf-8")
        body = {"original": {"text": original}, "candidate": {"text": candidate}}
        with httpx.Client(base_url=url, timeout=180) as http:
            assert http.post("/v1/audits", json=body).status_code == 401  # keys exist: the API needs one
            auth = {"Authorization": f"Bearer {key}"}
            t0 = time.monotonic()
            r = http.post("/v1/audits", json=body, headers=auth | {"X-Request-ID": "smoke-1"})
            timings["audit"] = time.monotonic() - t0
            assert r.status_code == 201, r.text
            assert r.headers["x-request-id"] == "smoke-1"
            report = r.json()["report"]
            assert report["summary"]["relation"] == "translation"
            severities = {f["severity"] for f in report["flags"]}
            assert "critical" in severities or "major" in severities
            assert report["signature"]
            assert http.get(f"/v1/audits/{r.json()['id']}", headers=auth).json()["status"] == "done"
            assert http.get("/").status_code in (200, 303)  # the dashboard answers (or asks to sign in)
            metrics = http.get("/metrics").text
            assert re.search(r'^driftaudit_http_requests_total\{method="POST",route="/v1/audits",status="201"\} 1\.0$',
                             metrics, re.M), metrics[-2000:]
            assert re.search(r'^driftaudit_audits\{status="done"\} 1\.0$', metrics, re.M)
            assert re.search(r'^driftaudit_encoder_sentences_total [1-9]', metrics, re.M)
            # In flight at the stop signal: finished, or handed back to the queue as pending.
            late = http.post("/v1/audits", json=body | {"background": True}, headers=auth)
            assert late.status_code == 202
        stop = getattr(signal, runtime.one("STOPSIGNAL").text)
        started = time.monotonic()
        server.send_signal(stop)
        code = server.wait(60)
        timings["stop"] = time.monotonic() - started
        # uvicorn shuts down cleanly, then re-raises the signal it caught (exit status 128 + 15).
        assert code in (0, -stop), log_path.read_text()[-3000:]
        assert "Application shutdown complete" in log_path.read_text()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)

    with sqlite3.connect(data / "driftaudit.db") as db:
        left = db.execute("SELECT status FROM audits WHERE id = ?", (late.json()["id"],)).fetchone()
    assert left is not None and left[0] in ("done", "pending"), left

    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("logger") == "driftaudit.access"]
    assert any(line.get("request_id") == "smoke-1" and line["route"] == "/v1/audits" and line["status"] == 201
               for line in access), lines[-20:]
    assert not [line for line in lines if line.get("logger") == "uvicorn.access"]  # replaced by driftaudit.access
    other = [line for line in log_path.read_text().splitlines() if line and not line.startswith("{")]
    assert len(other) == 1 and other[0].startswith("driftaudit "), other  # only the start banner is not JSON
    assert "Kim Jong" not in log_path.read_text()  # no article text in the log
    owned = {p.stat().st_uid for p in data.rglob("*")}
    assert owned <= {int(runs_as)}, owned

    log("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
