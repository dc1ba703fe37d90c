"""`make image-check`: build the real Docker image with podman and prove it works.

1. podman: installed with apt-get when missing (needs root); runc and raised ulimits
   through a containers.conf of our own (crun cannot set the rlimits on some hosts).
2. Base image: `--base` (default python:3.11-slim) when it is local or can be pulled;
   otherwise one is built from Debian packages (mmdebstrap, the host's Debian suite) with
   python3 and python3-venv, trusting the host's locally added CA certificates (an
   intercepting HTTPS proxy's CA: pip in the build steps must reach PyPI).
3. The image, built from the Dockerfile as it is. When pip here finds wheels in a local
   folder (PIP_FIND_LINKS, e.g. the CPU build of torch), that folder is mounted into the
   build and pip is pointed at it instead of download.pytorch.org.
4. Alone, on SQLite: runs as its non-root user with a read-only root filesystem, answers
   /readyz, audits the seed pair over HTTP from the host with an API key (JSON logs,
   metrics, no article text in the log), has no torch, stops cleanly on its stop signal
   with an audit in flight, and after a restart still has every audit (the volume).
5. With PostgreSQL (a second image from Debian packages) in one pod, as compose.yaml
   runs them: background audits through both, the app container killed (SIGKILL) in the
   middle of the batch, started again: every accepted audit finishes.

Prints one line per step with its time, and at the end the image size and build time.
Leaves the images (a second run reuses them; `--rebuild` does not) and removes its
containers, pod and volumes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CONTAINER_DIR = ROOT / "scripts" / "container"
IMAGE = "localhost/driftaudit:check"
DEBIAN_BASE = "localhost/driftaudit-debian-base"
DEBIAN_PYTHON = "localhost/driftaudit-debian-python"
POSTGRES_IMAGE = "localhost/driftaudit-postgres"
PREFIX = "driftaudit-check"
APP_UID = 10001
CONTAINERS_CONF = """\
[engine]
runtime = "runc"

[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
"""
PODMAN_PACKAGES = ["podman", "buildah", "runc", "catatonit", "mmdebstrap", "uidmap", "containernetworking-plugins",
                   "iptables", "ca-certificates"]
CATATONIT = ("/usr/libexec/podman/catatonit", "/usr/bin/catatonit")  # `podman run --init`
LOCAL_CA_DIR = Path("/usr/local/share/ca-certificates")
# Real uid and command line of every process in the container (the image has no ps).
PROCESS_UIDS = """
import pathlib
for proc in pathlib.Path('/proc').glob('[0-9]*'):
    try:
        uid = next(l.split()[1] for l in (proc / 'status').read_text().splitlines() if l.startswith('Uid:'))
        print(uid, (proc / 'cmdline').read_bytes().replace(b'\\0', b' ').decode())
    except OSError:
        pass
"""
PG_PASSWORD = "check-password"
BATCH = 10

started_at = time.monotonic()


def say(message: str) -> None:
    print(f"[image-check {time.monotonic() - started_at:6.1f} s] {message}", flush=True)


class CheckFailed(Exception):
    """A check did not hold; the message says which and shows what was seen."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def run(args: Sequence[str], *, check: bool = True, timeout: float = 1800, quiet: bool = True,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(list(args), capture_output=quiet, text=True, timeout=timeout, env=env)
    if check and done.returncode != 0:
        tail = ((done.stdout or "")[-3000:] + (done.stderr or "")[-3000:]) if quiet else ""
        raise CheckFailed(f"`{' '.join(args)[:200]}` exited {done.returncode}\n{tail}")
    return done


def podman(*args: str, check: bool = True, timeout: float = 1800, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    return run(["podman", *args], check=check, timeout=timeout, quiet=quiet)


@contextmanager
def step(name: str) -> Iterator[None]:
    t0 = time.monotonic()
    say(f"{name} ...")
    yield
    say(f"{name}: ok ({time.monotonic() - t0:.1f} s)")


# --- podman and base images ---------------------------------------------------------

def ensure_podman(work: Path) -> None:
    if shutil.which("podman") is None or not any(Path(p).is_file() for p in CATATONIT):
        if os.geteuid() != 0 or shutil.which("apt-get") is None:
            raise CheckFailed("podman is not installed: install it (Debian: apt-get install podman runc "
                              "mmdebstrap uidmap containernetworking-plugins), then run again")
        with step("apt-get install podman"):
            install = ["apt-get", "install", "-y", "--no-install-recommends", *PODMAN_PACKAGES]
            if run(install, check=False, timeout=900).returncode != 0:
                run(["apt-get", "update"], timeout=600)
                run(install, timeout=900)
    if "CONTAINERS_CONF" not in os.environ:
        conf = work / "containers.conf"
        conf.write_text(CONTAINERS_CONF, encoding="utf-8")
        os.environ["CONTAINERS_CONF"] = str(conf)
    podman("info", "--format", "{{.Host.OCIRuntime.Name}}")


def image_exists(name: str) -> bool:
    return podman("image", "exists", name, check=False).returncode == 0


def debian_suite() -> str:
    for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
        if line.startswith("VERSION_CODENAME="):
            return line.split("=", 1)[1].strip().strip('"')
    raise CheckFailed("cannot tell the Debian suite from /etc/os-release; pass --base with a local image")


def base_image(wanted: str, work: Path, rebuild: bool) -> str:
    """`wanted` if it is here or can be pulled, else a Python image from Debian packages."""
    if image_exists(wanted):
        return wanted
    say(f"pull {wanted} ...")
    pulled = podman("pull", "--quiet", wanted, check=False, timeout=120)
    if pulled.returncode == 0:
        return wanted
    say(f"cannot pull {wanted} ({(pulled.stderr or '').strip().splitlines()[-1:] or ['?']}): "
        "building a Python base image from Debian packages")
    if rebuild or not image_exists(DEBIAN_BASE):
        if shutil.which("mmdebstrap") is None:
            raise CheckFailed("mmdebstrap is needed to build a base image: apt-get install mmdebstrap")
        rootfs = work / "rootfs.tar"
        with step(f"mmdebstrap --variant=minbase {debian_suite()}"):
            run(["mmdebstrap", "--variant=minbase", debian_suite(), str(rootfs)], timeout=900)
        with step("podman import"):
            podman("import", str(rootfs), DEBIAN_BASE)
        rootfs.unlink()
    if rebuild or not image_exists(DEBIAN_PYTHON):
        context = work / "base-context"
        (context / "ca").mkdir(parents=True, exist_ok=True)
        for cert in LOCAL_CA_DIR.rglob("*.crt") if LOCAL_CA_DIR.is_dir() else []:
            shutil.copy(cert, context / "ca" / cert.name)
        with step("build the Python base image"):
            podman("build", "--pull=never", "--format", "docker", "-f", str(CONTAINER_DIR / "debian-python.Dockerfile"),
                   "--build-arg", f"ROOTFS_IMAGE={DEBIAN_BASE}", "-t", DEBIAN_PYTHON, str(context), timeout=900)
    return DEBIAN_PYTHON


def local_wheel_mounts(work: Path) -> tuple[list[str], bool]:
    """podman build arguments that show the build pip's local wheel folders (PIP_FIND_LINKS
    here), and whether torch is among them (then download.pytorch.org is not needed)."""
    folders = [Path(p) for p in os.environ.get("PIP_FIND_LINKS", "").split() if Path(p).is_dir()]
    if not folders:
        return [], False
    pip_conf = work / "pip.conf"
    pip_conf.write_text("[global]\nfind-links =\n" + "".join(f"    {f}\n" for f in folders), encoding="utf-8")
    args = ["--volume", f"{pip_conf}:/etc/pip.conf:ro"]
    for folder in folders:
        args += ["--volume", f"{folder}:{folder}:ro"]
    has_torch = any(any(f.glob("torch-*.whl")) for f in folders)
    return args, has_torch


def build_image(base: str, work: Path) -> float:
    mounts, local_torch = local_wheel_mounts(work)
    # --no-cache: podman's layer cache does not see a changed wheel behind `RUN --mount=...,from=build`
    # and would keep an old install (pip's own cache mount still saves the downloads).
    args = ["build", "--pull=never", "--no-cache", "--format", "docker", "--build-arg", f"BASE={base}", *mounts,
            "-t", IMAGE]
    if local_torch:
        args += ["--build-arg", "TORCH_INDEX_URL="]
    # Every build is uncached, so each one leaves the last one's layers and its build stages
    # dangling: about 2 GB a run, enough to fill a disk over a day of checks ("no space left on
    # device" mid-build). Images no tag or container uses are dropped first.
    podman("image", "prune", "--force", check=False, timeout=600)
    t0 = time.monotonic()
    with step(f"build the image (base {base}{', torch from the local wheel folder' if local_torch else ''})"):
        log = work / "build.log"
        with open(log, "w", encoding="utf-8") as out:
            done = subprocess.run(["podman", *args, str(ROOT)], stdout=out, stderr=subprocess.STDOUT, timeout=3600)
        if done.returncode != 0:
            raise CheckFailed(f"podman build failed:\n{log.read_text(encoding='utf-8')[-4000:]}")
    return time.monotonic() - t0


SOURCE_DIGEST = """
import hashlib, pathlib, sys
root = pathlib.Path(sys.argv[1])
digest = hashlib.sha256()
for package in ("app", "scoring"):
    for path in sorted((root / package).rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\\0" + path.read_bytes())
print(digest.hexdigest())
"""


def check_installed_code() -> None:
    """The image holds this checkout's code: the same digest of app/ and scoring/ sources."""
    here = run([sys.executable, "-c", SOURCE_DIGEST, str(ROOT)]).stdout.strip()
    site = podman("run", "--rm", IMAGE, "python", "-c",
                  "import app, pathlib; print(pathlib.Path(app.__file__).resolve().parent.parent)").stdout.strip()
    inside = podman("run", "--rm", IMAGE, "python", "-c", SOURCE_DIGEST, site).stdout.strip()
    expect(here == inside, f"the image's app/ and scoring/ differ from this checkout ({inside[:12]} != {here[:12]}): "
                           "a stale build; rebuild without --skip-build")


def image_size_mb(name: str) -> float:
    return int(podman("image", "inspect", "--format", "{{.Size}}", name).stdout.strip()) / 1e6


# --- the running container ----------------------------------------------------------

def wait_ready(url: str, container: str, timeout: float = 240) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        state = podman("inspect", "--format", "{{.State.Status}}", container, check=False).stdout.strip()
        if state in ("exited", "stopped"):
            raise CheckFailed(f"{container} exited:\n{logs(container)[-3000:]}")
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return time.monotonic() - t0
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise CheckFailed(f"{container}: /readyz not 200 after {timeout:.0f} s:\n{logs(container)[-3000:]}")


def logs(container: str) -> str:
    done = podman("logs", container, check=False)
    return (done.stdout or "") + (done.stderr or "")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed_body() -> dict[str, object]:
    original = (ROOT / "samples" / "cnn_original.txt").read_text(encoding="utf-8")
    candidate = (ROOT / "samples" / "german_roundtrip.txt").read_text(encoding="utf-8")
    return {"original": {"text": original}, "candidate": {"text": candidate}}


def create_key(*run_args: str) -> str:
    done = podman("run", "--rm", *run_args, IMAGE, "driftaudit", "keys", "create", "image-check", timeout=300)
    key = done.stdout.strip().splitlines()[-1]
    expect(len(key) > 20, f"keys create printed {done.stdout!r}")
    return key


def check_alone(report: dict[str, object]) -> None:
    """SQLite in a volume, read-only root, the audit, the stop and the restart."""
    name, volume, port = f"{PREFIX}-app", f"{PREFIX}-data", free_port()
    url = f"http://127.0.0.1:{port}"
    podman("volume", "create", volume)
    key = create_key("-v", f"{volume}:/data")
    auth = {"Authorization": f"Bearer {key}"}
    podman("run", "-d", "--name", name, "--init", "--read-only", "--tmpfs", "/tmp", "-v", f"{volume}:/data",
           "-p", f"127.0.0.1:{port}:8000", IMAGE)
    with step("start on SQLite until /readyz"):
        report["ready_seconds"] = round(wait_ready(url, name), 1)
    with step("non-root user, read-only root filesystem, no torch"):
        users = podman("exec", name, "python", "-c", PROCESS_UIDS).stdout
        serve = [line for line in users.splitlines() if "driftaudit serve" in line]
        expect(bool(serve) and all(line.split()[0] == str(APP_UID) for line in serve),
               f"serve must run as uid {APP_UID}:\n{users}")
        for path in ("/app/probe", "/opt/venv/probe", "/opt/driftaudit-cache/probe", "/etc/probe"):
            wrote = podman("exec", name, "sh", "-c", f"touch {path}", check=False)
            expect(wrote.returncode != 0, f"{path} is writable: the root filesystem must be read-only")
        podman("exec", name, "sh", "-c", "touch /data/probe && rm /data/probe && touch /tmp/probe")
        torch = podman("exec", name, "python", "-c", "import torch", check=False)
        expect(torch.returncode != 0, "torch is importable in the runtime image: it should be in the export stage only")
        health = podman("healthcheck", "run", name, check=False)
        expect(health.returncode == 0, f"HEALTHCHECK failed: {health.stdout} {health.stderr}")
    body = seed_body()
    with step("audit the seed pair over HTTP"), httpx.Client(base_url=url, timeout=180) as http:
        expect(http.post("/v1/audits", json=body).status_code == 401, "the API must need a key")
        t0 = time.monotonic()
        r = http.post("/v1/audits", json=body, headers=auth | {"X-Request-ID": "image-check-1"})
        report["audit_seconds"] = round(time.monotonic() - t0, 2)
        expect(r.status_code == 201, f"POST /v1/audits: {r.status_code} {r.text[:500]}")
        audit = r.json()
        expect(audit["report"]["summary"]["relation"] == "translation", f"relation {audit['report']['summary']}")
        severities = {f["severity"] for f in audit["report"]["flags"]}
        expect(bool(severities & {"major", "critical"}), f"no major flag on the German round trip: {severities}")
        signature = audit["report"]["signature"]
        expect("onnx-int8" in json.dumps(signature), f"signature does not name the encoder: {signature}")
        report["signature"] = signature.get("short", signature) if isinstance(signature, dict) else signature
        metrics = http.get("/metrics").text
        expect(re.search(r'^driftaudit_audits\{status="done"\} 1\.0$', metrics, re.M) is not None,
               "metrics do not count the audit")
        expect(http.get("/").status_code in (200, 303), "the dashboard does not answer")
        late = http.post("/v1/audits", json=body | {"background": True}, headers=auth)
        expect(late.status_code == 202, f"background audit: {late.status_code} {late.text[:300]}")
    with step("stop with an audit in flight (podman stop -t 60)"):
        podman("stop", "-t", "60", name, timeout=120)
        code = podman("inspect", "--format", "{{.State.ExitCode}}", name).stdout.strip()
        text = logs(name)
        expect(code in ("0", "143"), f"exit code {code} after the stop signal:\n{text[-2000:]}")
        expect("Application shutdown complete" in text, f"no clean shutdown in the log:\n{text[-2000:]}")
        lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
        access = [line for line in lines if line.get("logger") == "driftaudit.access"]
        expect(any(line.get("request_id") == "image-check-1" and line.get("status") == 201 for line in access),
               "the access log has no JSON line for the audit")
        expect("Kim Jong" not in text, "article text in the log")
    with step("restart: the audits are still there"):
        podman("start", name)
        wait_ready(url, name)
        with httpx.Client(base_url=url, timeout=60) as http:
            first = http.get(f"/v1/audits/{audit['id']}", headers=auth)
            expect(first.status_code == 200 and first.json()["status"] == "done", f"first audit: {first.text[:300]}")
            status = wait_done(http, auth, [late.json()["id"]], 300)
            expect(status == ["done"], f"the audit in flight at the stop did not finish: {status}")
        strangers = podman("exec", name, "find", "/data", "!", "-uid", str(APP_UID)).stdout.strip()
        expect(not strangers, f"files in /data not owned by the service's user: {strangers}")
    with step("audit a German republication over HTTP (the multilingual encoder in the image)"), \
            httpx.Client(base_url=url, timeout=180) as http:
        german = (ROOT / "samples" / "cnn_german_injected.txt").read_text(encoding="utf-8")
        t0 = time.monotonic()
        r = http.post("/v1/audits", json={"original": body["original"], "candidate": {"text": german}}, headers=auth)
        report["cross_lingual_audit_seconds"] = round(time.monotonic() - t0, 2)
        expect(r.status_code == 201, f"POST /v1/audits (German candidate): {r.status_code} {r.text[:500]}")
        summary = r.json()["report"]["summary"]
        expect(summary.get("languages", {}).get("model") == "use-multilingual-v3",
               f"the German candidate was not audited across languages: {summary}")
        expect(any(f["category"] == "entity" and f["severity"] == "major" and f["spans"][0]["text"] == "Medwedews"
                   for f in r.json()["report"]["flags"]), "the swapped name of the German sample is not flagged")
    podman("rm", "-f", "-t", "10", name, check=False)


def wait_done(http: httpx.Client, auth: dict[str, str], ids: list[str], timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    statuses: list[str] = []
    while time.monotonic() < deadline:
        statuses = []
        for audit_id in ids:
            try:
                statuses.append(http.get(f"/v1/audits/{audit_id}", headers=auth).json()["status"])
            except (httpx.HTTPError, KeyError, ValueError):
                statuses.append("unreachable")
        if all(s in ("done", "failed") for s in statuses):
            return statuses
        time.sleep(1)
    return statuses


def check_with_postgres(report: dict[str, object]) -> None:
    """The app and PostgreSQL in one pod; the app killed mid-batch and started again."""
    pod, port = f"{PREFIX}-pod", free_port()
    url = f"http://127.0.0.1:{port}"
    pg, app = f"{PREFIX}-postgres", f"{PREFIX}-pod-app"
    database = f"postgresql+psycopg://driftaudit:{PG_PASSWORD}@127.0.0.1:5432/driftaudit"
    podman("pod", "create", "--name", pod, "-p", f"127.0.0.1:{port}:8000")
    podman("volume", "create", f"{PREFIX}-pg")
    podman("volume", "create", f"{PREFIX}-pod-data")
    with step("PostgreSQL in the pod"):
        podman("run", "-d", "--pod", pod, "--name", pg, "-e", "POSTGRES_USER=driftaudit", "-e",
               f"POSTGRES_PASSWORD={PG_PASSWORD}", "-e", "POSTGRES_DB=driftaudit", "-v",
               f"{PREFIX}-pg:/var/lib/postgresql/data", POSTGRES_IMAGE)
        deadline = time.monotonic() + 120
        while podman("exec", pg, "pg_isready", "-h", "127.0.0.1", "-U", "driftaudit", check=False).returncode != 0:
            expect(time.monotonic() < deadline, f"PostgreSQL not ready:\n{logs(pg)[-2000:]}")
            time.sleep(0.5)
    app_args = ["--pod", pod, "-e", f"DRIFTAUDIT_DATABASE_URL={database}", "-v", f"{PREFIX}-pod-data:/data"]
    key = create_key(*app_args)
    auth = {"Authorization": f"Bearer {key}"}
    podman("run", "-d", "--name", app, "--init", "--read-only", "--tmpfs", "/tmp", *app_args, IMAGE)
    with step("start on PostgreSQL until /readyz"):
        wait_ready(url, app)
    body = seed_body()
    with step(f"{BATCH} background audits, the app killed mid-batch, started again"), \
            httpx.Client(base_url=url, timeout=60) as http:
        ids = []
        for n in range(BATCH):
            r = http.post("/v1/audits", json=body | {"background": True}, headers=auth)
            expect(r.status_code == 202, f"background audit {n}: {r.status_code} {r.text[:300]}")
            ids.append(r.json()["id"])
        deadline = time.monotonic() + 120
        while True:  # kill once the batch is under way, not before it started
            statuses = [http.get(f"/v1/audits/{i}", headers=auth).json()["status"] for i in ids]
            if "running" in statuses or "done" in statuses:
                break
            expect(time.monotonic() < deadline, f"no audit started: {statuses}")
            time.sleep(0.2)
        expect(statuses.count("done") < BATCH, "the batch finished before the kill: nothing was tested")
        report["killed_with"] = {s: statuses.count(s) for s in sorted(set(statuses))}
        podman("kill", "--signal", "KILL", app)
        podman("wait", app, check=False, timeout=60)
        podman("start", app)
        wait_ready(url, app)
        final = wait_done(http, auth, ids, 600)
        expect(final == ["done"] * BATCH, f"after the restart: {final}\n{logs(app)[-3000:]}")
    rows = podman("exec", pg, "psql", "-U", "driftaudit", "-d", "driftaudit", "-tAc",
                  "SELECT status, count(*) FROM audits GROUP BY status").stdout.split()
    expect(f"done|{BATCH}" in rows, f"PostgreSQL has {rows}")


def cleanup() -> None:
    for container in (f"{PREFIX}-app", f"{PREFIX}-pod-app", f"{PREFIX}-postgres"):
        podman("rm", "-f", "-t", "5", container, check=False)
    podman("pod", "rm", "-f", f"{PREFIX}-pod", check=False)
    for volume in (f"{PREFIX}-data", f"{PREFIX}-pg", f"{PREFIX}-pod-data"):
        podman("volume", "rm", "-f", volume, check=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="docker.io/library/python:3.11-slim",
                        help="base image; when it is not here and cannot be pulled, one is built from Debian packages")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the base images even if present")
    parser.add_argument("--skip-build", action="store_true", help="test the image built last time")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    # podman's network plugins run iptables, and apt and mmdebstrap their helpers, from
    # sbin, which a non-login shell's PATH may lack
    os.environ["PATH"] = os.pathsep.join([os.environ.get("PATH", ""), "/usr/local/sbin", "/usr/sbin", "/sbin"])

    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="driftaudit-image-check-", dir="/var/tmp") as tmp:
        work = Path(tmp)
        try:
            ensure_podman(work)
            cleanup()
            if not (args.skip_build and image_exists(IMAGE)):
                base = base_image(args.base, work, args.rebuild)
                figures["base"] = base
                figures["build_seconds"] = round(build_image(base, work), 1)
            with step("the image holds this checkout's code"):
                check_installed_code()
            figures["image_mb"] = round(image_size_mb(IMAGE))
            say(f"image {IMAGE}: {figures['image_mb']} MB")
            if not image_exists(POSTGRES_IMAGE) or args.rebuild:
                with step("build the PostgreSQL image"):
                    podman("build", "--pull=never", "--format", "docker", "--build-arg",
                           f"BASE={base_image(args.base, work, False)}", "-f",
                           str(CONTAINER_DIR / "postgres.Dockerfile"), "-t", POSTGRES_IMAGE, str(CONTAINER_DIR),
                           timeout=900)
            check_alone(figures)
            check_with_postgres(figures)
        except CheckFailed as failure:
            say(f"FAILED: {failure}")
            return 1
        finally:
            cleanup()
    say("passed: " + json.dumps(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
